//! Writing result tables: Parquet for tools, CSV for people, each written
//! to a temporary name and renamed, so a reader never sees half a file.

use std::fs::File;
use std::path::{Path, PathBuf};

use datafusion::arrow::csv::WriterBuilder;
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;

use rapport_store::Workspace;

use crate::{Error, Result};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Writes `path` through `fill` into a temporary file whose name no other
/// writer uses (process and call), then renames it: two predictions for one
/// client at the same time each write whole files, and the later rename
/// wins, instead of both writing into one temporary file.
fn atomically(path: &Path, fill: impl FnOnce(File) -> Result<(), BoxError>) -> Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = path.with_file_name(name);
    let result = File::create(&tmp)
        .map_err(BoxError::from)
        .and_then(fill)
        .and_then(|()| std::fs::rename(&tmp, path).map_err(BoxError::from));
    result.map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        Error::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// A result with one row per customer (scores, segments, recommendations),
/// which the caller may keep as a table.
pub trait CustomerRows {
    /// The table's file name without its extension (`clv-bg_nbd`, `churn`, a segmentation's name).
    fn stem(&self) -> String;
    /// Where a workspace keeps the table: `predictions/<client>`, or
    /// `segments/<client>` for segmentations (the filter language's
    /// `segment("name")` reads them there).
    fn workspace_dir(&self, ws: &Workspace) -> PathBuf;
    /// The rows as one table, in the columns the CSV and Parquet files have.
    fn customer_table(&self) -> Result<RecordBatch>;
}

/// The two files a table was written to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableFiles {
    /// For tools (Parquet).
    pub output_file: PathBuf,
    /// For people (CSV with a header).
    pub output_csv: PathBuf,
}

/// Writes `batch` to `<stem>.parquet` and `<stem>.csv` in `dir` (created
/// when missing), each whole or not at all.
pub fn write_table(dir: &Path, stem: &str, batch: &RecordBatch) -> Result<TableFiles> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_owned(),
        source: e.into(),
    })?;
    let parquet_path = dir.join(format!("{stem}.parquet"));
    atomically(&parquet_path, |file| {
        let mut writer = ArrowWriter::try_new(file, batch.schema(), None)?;
        writer.write(batch)?;
        writer.close()?;
        Ok(())
    })?;
    let csv_path = dir.join(format!("{stem}.csv"));
    atomically(&csv_path, |file| {
        let mut writer = WriterBuilder::new().with_header(true).build(file);
        writer.write(batch)?;
        Ok(())
    })?;
    Ok(TableFiles {
        output_file: parquet_path,
        output_csv: csv_path,
    })
}
