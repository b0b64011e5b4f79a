//! How exports become canonical Rapport tables.
//!
//! [`ingest`] reads [`Input`]s (CSV/TSV, JSON or NDJSON, Parquet, folders of
//! those, or a PostgreSQL query), renames and converts their columns with a
//! [`Mapping`], validates every value against the entity's rules
//! (`rapport_schema::EntitySpec`), skips rows already loaded and quarantines
//! the rest of the bad rows with the file, row, column, value and rule. The
//! returned [`IngestSummary`] always adds up: loaded + quarantined +
//! duplicates_skipped +
//! continuation_rows = rows_read. The load is atomic (see `rapport_store`).
//!
//! ```
//! use rapport_ingest::{ingest, CsvOptions, IngestRequest, Input, Mapping, NoProgress};
//! use rapport_schema::Entity;
//! use rapport_store::{Settings, Workspace};
//!
//! let dir = tempfile::tempdir()?;
//! let ws = Workspace::init(dir.path(), Settings::default())?;
//! ws.add_client("acme", "Acme")?;
//! let csv = dir.path().join("nps.csv");
//! std::fs::write(&csv, "id,when,rating\nr1,2026-10-01,9\nr2,2026-10-02,11\n")?;
//! let mapping = Mapping::from_toml(r#"
//!     source = "delighted"
//!     [columns]
//!     response_id = "id"
//!     responded_at = "when"
//!     score = "rating"
//!     [constants]
//!     survey = "nps"
//! "#, "example")?;
//! let summary = ingest(&ws, &IngestRequest {
//!     client: "acme".into(),
//!     entity: Entity::SurveyResponses,
//!     inputs: vec![Input::Path(csv)],
//!     mapping: Some(mapping),
//!     csv: CsvOptions::default(),
//!     replace: rapport_ingest::Replace::Nothing,
//! }, &NoProgress)?;
//! assert_eq!((summary.loaded, summary.quarantined), (1, 1));
//! assert_eq!(summary.problems[0].rule, "out_of_scale");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod convert;
mod delimited;
mod error;
mod key_index;
mod load;
mod mapping;
mod parse;
mod postgres;
mod presets;
mod readers;
mod shape;
mod split_writer;

pub use error::{Error, Result};
pub use load::{
    IngestRequest, IngestSummary, Input, NoProgress, ProblemCount, Progress, Replace, data_props,
    ingest,
};
pub use mapping::{Case, ColumnMapping, Factor, LINE_COLUMN, Mapping, RowSkip, SourceRef};
pub use presets::{PRESETS, Preset, PresetFit, detect, detect_file, read_header};
pub use readers::{CsvOptions, Format, TextEncoding};
