use std::path::PathBuf;

/// Errors that stop a whole load. Problems with single rows are not errors:
/// those rows are quarantined and the load goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("mapping `{origin}`: {message}")]
    Mapping { origin: String, message: String },

    #[error(
        "`{input}` lacks the required column(s) {} for `{entity}`; it has: {}. {hint}",
        quote_list(missing),
        quote_list(available)
    )]
    MissingColumns {
        input: String,
        entity: String,
        missing: Vec<String>,
        available: Vec<String>,
        hint: String,
    },

    #[error("`{input}`: {message}")]
    Unreadable { input: String, message: String },

    #[error("`{}` has no files Rapport can read (.csv, .tsv, .json, .ndjson, .jsonl, .parquet)", path.display())]
    EmptyFolder { path: PathBuf },

    #[error("PostgreSQL: {message}")]
    Postgres { message: String },

    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error("cannot write Parquet `{}`: {message}", path.display())]
    Parquet { path: PathBuf, message: String },

    #[error("no preset is called `{name}`; the presets are: {}", known.join(", "))]
    UnknownPreset { name: String, known: Vec<String> },

    /// A reader was stopped after the header on purpose (detection).
    #[error("stopped after the header")]
    HeaderRead,
}

fn quote_list(items: &[String]) -> String {
    if items.is_empty() {
        return "(nothing)".to_owned();
    }
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
