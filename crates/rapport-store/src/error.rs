use std::path::PathBuf;

use rapport_locale::messages::Said;

/// Everything that can go wrong with a workspace on disk. Each message says
/// what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(
        "no Rapport workspace at `{}`: it has no `rapport.toml`. Create one with `rapport init {}`, or point to an existing one with `--workspace DIR` (or the RAPPORT_WORKSPACE variable)",
        dir.display(), dir.display()
    )]
    NoWorkspace { dir: PathBuf },

    #[error(
        "`{}` is not a Rapport workspace file ({reason}). Choose another directory with `--workspace DIR`, or move that file away and run `rapport init`",
        path.display()
    )]
    ForeignWorkspace { path: PathBuf, reason: String },

    #[error("`{}` is already a Rapport workspace; use it as it is, or choose a new directory", dir.display())]
    AlreadyInitialised { dir: PathBuf },

    #[error("invalid setting in `{}`: {message}", path.display())]
    Settings { path: PathBuf, message: String },

    #[error(transparent)]
    InvalidClientId(#[from] rapport_schema::InvalidId),

    #[error("client `{id}` already exists; list clients with `rapport client list`")]
    ClientExists { id: String },

    #[error(
        "no client `{id}` in this workspace{}; add it with `rapport client add {id} --name NAME`",
        known_clients(known)
    )]
    UnknownClient { id: String, known: Vec<String> },

    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "client `{client}` has no report {run}; its reports are listed by `rapport report list {client}`"
    )]
    UnknownReport { client: String, run: i64 },

    #[error("no report schedule {id}; the schedules are listed by `rapport schedule list`")]
    UnknownSchedule { id: i64 },

    #[error("user `{email}`: {said}")]
    InvalidUser { email: String, said: Said },

    #[error("user `{email}` already exists; list users with `rapport user list`")]
    UserExists { email: String },

    #[error("no user `{email}`; list users with `rapport user list`")]
    UnknownUser { email: String },

    #[error("no token {id}; list tokens with `rapport token list`")]
    UnknownToken { id: i64 },

    #[error("a rating is 1 to 5, not {rating}")]
    InvalidRating { rating: i64 },

    #[error(
        "the catalog `{}` is version {version}, written by a newer Rapport (this one reads up to {supported}); upgrade Rapport to open this workspace",
        path.display()
    )]
    CatalogTooNew {
        path: PathBuf,
        version: u32,
        supported: u32,
    },

    #[error(
        "object storage `{url}`: {message}. Check `[settings.storage]` in rapport.toml and the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables"
    )]
    Storage { url: String, message: String },

    #[error("the catalog `{}` could not be {action}: {source}", path.display())]
    Catalog {
        action: &'static str,
        path: PathBuf,
        source: rusqlite::Error,
    },
}

fn known_clients(known: &[String]) -> String {
    if known.is_empty() {
        " (it has no clients yet)".to_owned()
    } else {
        format!(" (clients: {})", known.join(", "))
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(
    action: &'static str,
    path: impl Into<PathBuf>,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

impl Error {
    /// What went wrong in words any front end can say in its reader's
    /// language, for the errors a person at a form can cause; `None` for
    /// the rest, whose English (with the command to run) is for the
    /// terminal and the operator's log.
    pub fn said(&self) -> Option<Said> {
        Some(match self {
            Error::UnknownClient { id, .. } => {
                Said::new("error-no-client").with("client", id.as_str())
            }
            Error::InvalidUser { said, .. } => said.clone(),
            Error::UserExists { email } => {
                Said::new("error-user-exists").with("email", email.as_str())
            }
            Error::UnknownUser { email } => {
                Said::new("error-user-unknown").with("email", email.as_str())
            }
            Error::UnknownToken { id } => {
                Said::new("error-token-unknown").with("id", id.to_string())
            }
            Error::InvalidRating { rating } => {
                Said::new("error-rating").with("rating", rating.to_string())
            }
            _ => return None,
        })
    }
}
