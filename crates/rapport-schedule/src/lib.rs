//! Report schedules: a client's report made and sent every month or
//! quarter, exactly once, without anyone at the keyboard.
//!
//! [`when`] says when a schedule falls due and which period its report
//! covers, in the schedule's time zone across DST changes and month ends;
//! [`run::run_due`] makes and delivers what is due, once, recording each
//! step in the catalog (`rapport_store`'s schedule runs), so a second run
//! does nothing and a run killed halfway is completed by the next;
//! [`deliver`] puts a report in a folder or sends it by e-mail. A front
//! end (the CLI's `rapport schedule`, later the server's scheduler) only
//! calls these.
//!
//! ```no_run
//! # async fn run(ws: &rapport_store::Workspace) -> rapport_schedule::Result<()> {
//! use rapport_app::words::Locale;
//!
//! let steps = rapport_schedule::run::run_due(ws, chrono::Utc::now(), None, Locale::En, |step| {
//!     println!("{}", step.text);
//! })
//! .await?;
//! # Ok(()) }
//! ```

pub mod deliver;
pub mod listing;
pub mod run;
pub mod when;

use std::path::PathBuf;

use rapport_app::ErrorKind;
use rapport_report::messages::Said;
use rapport_store::{RunState, Schedule, ScheduleSpec, Workspace};

/// Errors of schedules and delivery.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    App(#[from] rapport_app::Error),

    #[error(transparent)]
    Report(#[from] rapport_report::Error),

    /// An option of a schedule is wrong; `field` names it, and `said`
    /// says how in any language.
    #[error("--{field}: {said}")]
    Input { field: &'static str, said: Said },

    /// The mail server refused or could not be reached.
    #[error("e-mail through `{server}` failed: {message}")]
    Mail { server: String, message: String },

    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    /// Approval was asked of a report that was not made by a schedule.
    #[error(
        "report {run} of `{client}` was not made by a schedule, so there is nothing to approve or reject; `rapport report list {client}` shows which reports wait for approval"
    )]
    NotScheduled { client: String, run: i64 },

    /// Approval was asked of a scheduled report that does not wait for it.
    #[error("report {run} of `{client}` does not wait for approval: it is {}", .state.as_str().replace('_', " "))]
    NotAwaitingApproval {
        client: String,
        run: i64,
        state: RunState,
    },

    /// Another process holds the scheduled report.
    #[error(
        "report {run} of `{client}` is being worked on by another process; try again in a moment"
    )]
    Busy { client: String, run: i64 },
}

impl From<rapport_store::Error> for Error {
    fn from(e: rapport_store::Error) -> Self {
        Error::App(e.into())
    }
}

impl Error {
    /// What went wrong in words any front end can say in its reader's
    /// language, where there are such words.
    pub fn said(&self) -> Option<Said> {
        match self {
            Error::Input { said, .. } => Some(said.clone()),
            Error::App(e) => e.said(),
            _ => None,
        }
    }

    /// What kind of failure this is, for a front end to act on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::App(e) => e.kind(),
            Error::Report(e) => e.kind(),
            Error::Input { .. } => ErrorKind::Input,
            Error::NotScheduled { .. } => ErrorKind::NotFound,
            Error::NotAwaitingApproval { .. } | Error::Busy { .. } => ErrorKind::Conflict,
            Error::Mail { .. } | Error::Io { .. } => ErrorKind::Internal,
        }
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds a schedule after checking every option: the time and zone, the
/// day, the target (a folder is made absolute, so the schedule does not
/// depend on where `schedule run` is started), the addresses, and the
/// language.
pub fn add(ws: &Workspace, spec: &ScheduleSpec) -> Result<Schedule> {
    let client = ws.client(&spec.client_id)?;
    when::Rule::of(spec, client.calendar())?;
    let mut spec = spec.clone();
    if let deliver::Target::Folder(folder) = deliver::Target::of(&spec)? {
        let absolute = std::path::absolute(&folder).map_err(|source| Error::Io {
            action: "cannot resolve the folder",
            path: folder.clone(),
            source,
        })?;
        spec.deliver = absolute.display().to_string();
    }
    if let Some(lang) = &spec.language
        && lang.parse::<rapport_app::words::Locale>().is_err()
    {
        return Err(Error::Input {
            field: "lang",
            said: Said::new("error-schedule-lang").with("lang", lang.as_str()),
        });
    }
    Ok(ws.add_schedule(&spec)?)
}
