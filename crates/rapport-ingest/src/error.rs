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

/// The most items a message lists before it says how many more there are.
const LISTED: usize = 20;

/// Items in backticks, the first [`LISTED`] of them, then "… and 19,980
/// more": a file of thousands of columns still gets a short message.
fn quote_list(items: &[String]) -> String {
    if items.is_empty() {
        return "(nothing)".to_owned();
    }
    let mut text = items
        .iter()
        .take(LISTED)
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LISTED {
        text.push_str(&format!(" … and {} more", items.len() - LISTED));
    }
    text
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_column_list_is_cut_with_a_count() {
        let columns: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
        let e = Error::MissingColumns {
            input: "wide.csv".into(),
            entity: "orders".into(),
            missing: vec!["order_id".into()],
            available: columns,
            hint: String::new(),
        };
        let text = e.to_string();
        assert!(text.contains("`c19` … and 19980 more"), "{text}");
        assert!(text.len() < 400, "{}", text.len());
    }
}
