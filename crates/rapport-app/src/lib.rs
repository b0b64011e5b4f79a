//! Rapport's application layer: every use case a front end offers, with
//! typed options and typed results, and the words and numbers it shows.
//!
//! The CLI (`rapport-cli`), the reports and the server call these functions
//! and only parse their input and present the result; nothing a user sees
//! is computed or worded in one front end alone (STYLE.md, "Thin binary,
//! thick libraries"). The central pieces:
//!
//! - [`ingest`]: load an export, with preset detection and proposal,
//!   `--set` constants and the decimal separator ([`ingest::IngestOptions`]);
//! - [`metrics`]: the metric catalog for a period, the headline KPIs and a
//!   client's one-line summary; [`targets`]: one list of a client's targets,
//!   whether set by command or loaded as data;
//! - [`predictions`]: the models, each returning its result, with the
//!   caller choosing whether and where the per-customer table is written
//!   ([`predictions::Save`]), and what a front end derives from model
//!   output (risk tiers, top customers, holdout error, mean churn);
//! - [`demo`]: the sample agency, loaded, measured and predicted;
//! - [`entities`]: the canonical entities and their rules in words;
//! - [`sql`]: read-only SQL over a client's tables, and its CSV form;
//! - [`access`]: the agency's people, tokens and audit log in words;
//! - [`words`]: numbers, money, durations, periods and changes written for
//!   a [`words::Locale`].
//!
//! Errors carry their [`ErrorKind`], so that a front end can answer the
//! user's input error (400, naming the field) apart from a missing client
//! (404), a conflict (409) or an internal failure (500).
//!
//! ```
//! use rapport_app::{entities, words};
//!
//! let orders = &entities::entities(Some("orders"), words::Locale::En).unwrap()[0];
//! assert_eq!(orders.key, ["order_id"]);
//! assert_eq!(words::count(1_234_567, words::Locale::En), "1,234,567");
//! let err = entities::entities(Some("invoices"), words::Locale::En).unwrap_err();
//! assert_eq!(err.kind(), rapport_app::ErrorKind::Input);
//! ```

pub mod access;
pub mod customer;
pub mod demo;
pub mod entities;
pub mod ingest;
pub mod metrics;
pub mod predictions;
pub mod results;
pub mod sql;
pub mod targets;
pub mod words;

use std::path::PathBuf;

/// What kind of failure an error is, for a front end to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The user's input is wrong (an argument, a file, a mapping): say
    /// which and how to fix it (HTTP 400).
    Input,
    /// What was named does not exist: a client, a preset (HTTP 404).
    NotFound,
    /// The data cannot support the computation (too few customers, a
    /// model that does not fit): explained, not a failure of Rapport.
    DataMissing,
    /// Another operation holds what this one needs (HTTP 409).
    Conflict,
    /// Rapport or the machine failed (HTTP 500).
    Internal,
}

/// Errors of the use cases. Each keeps the library error it came from, so
/// nothing is flattened into a string on its way up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An option or argument is wrong; `field` names it.
    #[error("{message}")]
    Input {
        field: &'static str,
        message: String,
    },

    /// A file given for ingest looks like a preset's export: loading it
    /// needs the user's yes (`--yes`, or the preset named).
    #[error("{}", .0.message())]
    PresetProposed(Box<ingest::PresetProposal>),

    /// A file given for ingest matches no preset and no entity was named.
    #[error("{}", .0.message())]
    NoPreset(Box<ingest::NoPresetMatch>),

    #[error(transparent)]
    Entity(#[from] rapport_schema::UnknownEntity),

    #[error(transparent)]
    Locale(#[from] words::UnknownLocale),

    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error(transparent)]
    Ingest(#[from] rapport_ingest::Error),

    #[error(transparent)]
    Engine(#[from] rapport_engine::Error),

    #[error(transparent)]
    Metrics(#[from] rapport_metrics::Error),

    #[error(transparent)]
    Period(#[from] rapport_metrics::InvalidPeriod),

    #[error(transparent)]
    Filter(#[from] rapport_metrics::filter::FilterError),

    #[error(transparent)]
    Predict(#[from] rapport_predict::Error),

    #[error(transparent)]
    Demo(#[from] rapport_demo::Error),

    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    /// A customer the client's data does not hold.
    #[error(
        "{client} has no customer `{customer}` in its customers, orders or subscriptions (an id, or an e-mail used as id)"
    )]
    UnknownCustomer { client: String, customer: String },

    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn store_kind(e: &rapport_store::Error) -> ErrorKind {
    use rapport_store::Error as S;
    match e {
        S::NoWorkspace { .. }
        | S::UnknownClient { .. }
        | S::UnknownReport { .. }
        | S::UnknownSchedule { .. }
        | S::UnknownUser { .. }
        | S::UnknownToken { .. } => ErrorKind::NotFound,
        S::ForeignWorkspace { .. }
        | S::AlreadyInitialised { .. }
        | S::Settings { .. }
        | S::InvalidClientId(_)
        | S::InvalidRating { .. }
        | S::InvalidUser { .. } => ErrorKind::Input,
        S::ClientExists { .. } | S::UserExists { .. } => ErrorKind::Conflict,
        _ => ErrorKind::Internal,
    }
}

fn engine_kind(e: &rapport_engine::Error) -> ErrorKind {
    use rapport_engine::Error as E;
    match e {
        E::Store(s) => store_kind(s),
        E::DistributedUnavailable { .. } => ErrorKind::Input,
        _ => ErrorKind::Internal,
    }
}

fn models_kind(e: &rapport_models::Error) -> ErrorKind {
    use rapport_models::Error as M;
    match e {
        M::BadInput { .. } | M::Degenerate { .. } | M::NotConverged { .. } => {
            ErrorKind::DataMissing
        }
        _ => ErrorKind::Internal,
    }
}

impl Error {
    /// What went wrong in words any front end can say in its reader's
    /// language, where there are such words (see
    /// [`rapport_store::Error::said`]); a front end says the English of
    /// the rest.
    pub fn said(&self) -> Option<rapport_locale::messages::Said> {
        use rapport_locale::messages::Said;
        // A file by its name: where it lies on the machine that read it is
        // not the reader's business (a server's staging folder).
        let name = |path: &str| {
            std::path::Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(path)
                .to_owned()
        };
        match self {
            Error::Store(e) => e.said(),
            Error::Ingest(rapport_ingest::Error::Store(e)) => e.said(),
            Error::Ingest(rapport_ingest::Error::MissingColumns {
                input,
                entity,
                missing,
                available,
                ..
            }) => Some(
                Said::new("error-missing-columns")
                    .with("input", name(input))
                    .with("entity", entity.as_str())
                    .with("missing", missing.join(", "))
                    .with("available", available.join(", ")),
            ),
            Error::Ingest(rapport_ingest::Error::Unreadable { input, message }) => Some(
                Said::new("error-unreadable")
                    .with("input", name(input))
                    .with("reason", message.as_str()),
            ),
            Error::NoPreset(m) => Some(Said::new("error-no-preset").with("file", name(&m.file))),
            // What the label got wrong stays in the English; the page says
            // what a period looks like in the client's calendar.
            Error::Period(p) | Error::Metrics(rapport_metrics::Error::Period(p)) => {
                let id = match p.calendar {
                    rapport_metrics::CalendarSystem::Gregorian => "error-period",
                    rapport_metrics::CalendarSystem::SolarHijri => "error-period-solar",
                };
                Some(Said::new(id).with("label", p.label.as_str()))
            }
            Error::UnknownCustomer { client, customer } => Some(
                Said::new("error-unknown-customer")
                    .with("client", client.as_str())
                    .with("customer", customer.as_str()),
            ),
            _ => None,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        use rapport_ingest::Error as I;
        match self {
            Error::Input { .. }
            | Error::PresetProposed(_)
            | Error::NoPreset(_)
            | Error::Entity(_)
            | Error::Locale(_)
            | Error::Period(_)
            | Error::Filter(_) => ErrorKind::Input,
            Error::Store(e) => store_kind(e),
            Error::Ingest(e) => match e {
                I::Store(s) => store_kind(s),
                I::UnknownPreset { .. } => ErrorKind::NotFound,
                I::Mapping { .. }
                | I::MissingColumns { .. }
                | I::Unreadable { .. }
                | I::EmptyFolder { .. }
                | I::Postgres { .. } => ErrorKind::Input,
                I::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                    ErrorKind::NotFound
                }
                _ => ErrorKind::Internal,
            },
            Error::Engine(e) => engine_kind(e),
            Error::Metrics(e) => {
                use rapport_metrics::Error as M;
                match e {
                    M::Engine(e) => engine_kind(e),
                    M::Store(s) => store_kind(s),
                    M::Filter(_) | M::Period(_) | M::Invalid(_) => ErrorKind::Input,
                    _ => ErrorKind::Internal,
                }
            }
            Error::Predict(e) => {
                use rapport_predict::Error as P;
                match e {
                    P::Engine(e) => engine_kind(e),
                    P::Store(s) => store_kind(s),
                    P::Model(m) => models_kind(m),
                    P::Data(_) => ErrorKind::DataMissing,
                    P::Options(_) => ErrorKind::Input,
                    _ => ErrorKind::Internal,
                }
            }
            Error::Demo(e) => match e {
                rapport_demo::Error::NotADemo(_) => ErrorKind::Input,
                rapport_demo::Error::Store(s) => store_kind(s),
                _ => ErrorKind::Internal,
            },
            Error::UnknownCustomer { .. } => ErrorKind::NotFound,
            Error::Io { .. } | Error::Json(_) => ErrorKind::Internal,
        }
    }

    /// The option or argument at fault, when the error is the user's input
    /// and one field is to blame.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Input { field, .. } => Some(field),
            Error::Entity(_) => Some("entity"),
            Error::Locale(_) => Some("lang"),
            Error::Period(_) => Some("period"),
            Error::Filter(_) => Some("segment"),
            Error::PresetProposed(_) | Error::NoPreset(_) => Some("preset"),
            _ => None,
        }
    }

    pub(crate) fn input(field: &'static str, message: impl Into<String>) -> Error {
        Error::Input {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn io(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.to_owned();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// Today in the workspace's time zone, or the day the process fixed
/// with `--as-of` ([`rapport_store::Workspace::read_as_of`]): what a
/// front end passes as `as_of` when the user gives none. Library
/// computations never read the clock themselves.
pub fn today(ws: &rapport_store::Workspace) -> chrono::NaiveDate {
    ws.fixed_day().unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&ws.settings().tz())
            .date_naive()
    })
}

/// The period `label` names for `client`, read in the client's calendar
/// (`1405-08` is Aban 1405 for a client on the Solar Hijri calendar). Every
/// front end reads a user's period through here.
pub fn period(
    ws: &rapport_store::Workspace,
    client: &str,
    label: &str,
) -> Result<rapport_metrics::Period> {
    Ok(ws.calendar(client)?.period(label)?)
}

/// Writes `bytes` to `path` through a temporary name unique to this call,
/// then renames it into place, so that two writers of the same file (two
/// runs for one client) never leave a mix of both.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create", dir))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&tmp, bytes).map_err(Error::io("cannot write", &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("cannot rename into", path)(e)
    })
}
