//! The load pipeline: read → map → parse → validate → deduplicate → write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{
    ArrayRef, BooleanArray, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder,
    ListBuilder, StringArray, StringBuilder, TimestampMicrosecondBuilder, UInt64Array,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rapport_model::{
    ColumnSpec, ColumnType, Entity, RowRule, Rule, default_survey_scale, is_period_label,
};
use rapport_store::{LoadOutcome, PendingLoad, Workspace};
use serde::Serialize;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::error::{Error, Result};
use crate::mapping::{Case, ColumnMapping, Factor, Mapping, SourceRef};
use crate::parse::{ParseOptions, Value, display, parse};
use crate::readers::{CellRef, CsvOptions, Event, Row, expand_inputs, read_file};

/// Where rows come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, or a folder of files.
    Path(PathBuf),
    /// A query against a PostgreSQL database.
    Postgres { url: String, query: String },
}

/// What to load, and how.
#[derive(Debug, Clone)]
pub struct IngestRequest {
    pub client: String,
    pub entity: Entity,
    pub inputs: Vec<Input>,
    /// Without a mapping, canonical column names are expected.
    pub mapping: Option<Mapping>,
    pub csv: CsvOptions,
    /// A row whose key an earlier load has with other values replaces that
    /// row (periodic re-exports of records that change: a ticket solved
    /// since, a subscription ended) instead of being quarantined.
    pub replace: bool,
}

/// Progress of a load, for a progress bar. Calls come from the loading thread.
pub trait Progress {
    /// An input starts; `bytes` is its size when known.
    fn input_started(&self, name: &str, bytes: Option<u64>);
    /// `bytes` of the current input are consumed; `rows` read in all.
    fn advanced(&self, bytes: u64, rows: u64);
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn input_started(&self, _: &str, _: Option<u64>) {}
    fn advanced(&self, _: u64, _: u64) {}
}

/// How many rows broke one rule in one column, with an example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemCount {
    pub rule: String,
    pub column: String,
    pub rows: u64,
    /// The first such row's message, with file and row.
    pub example: String,
}

/// The result of a load. `loaded + quarantined + duplicates_skipped ==
/// rows_read`, always.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestSummary {
    pub load_id: i64,
    pub client: String,
    pub entity: String,
    pub source: String,
    pub rows_read: u64,
    pub loaded: u64,
    pub quarantined: u64,
    pub duplicates_skipped: u64,
    /// Of `loaded`, rows that replaced an earlier load's row with the same
    /// key (`replace`); the earlier rows are no longer data.
    pub replaced: u64,
    pub quarantine_file: Option<PathBuf>,
    pub elapsed_seconds: f64,
    pub rows_per_second: f64,
    pub bytes_read: u64,
    /// Source columns that no canonical column reads.
    pub ignored_columns: Vec<String>,
    /// The unread columns the mapping does not account for in its
    /// `[ignore]` list: what a user should look at.
    pub unaccounted_columns: Vec<String>,
    /// The export's own summary rows (totals) that the mapping's
    /// `skip_rows` names; they are not data and not counted in `rows_read`.
    pub report_rows_skipped: u64,
    /// Of `duplicates_skipped`, the rows that continued the record above
    /// (the mapping's `continuation_rows`: Shopify's extra line items).
    pub continuation_rows: u64,
    pub problems: Vec<ProblemCount>,
}

const BATCH_ROWS: usize = 65_536;
/// A batch is also sent once its values hold about this many bytes, so that
/// wide rows (long comments, JSON text) do not make a batch of 64K rows
/// hundreds of megabytes: memory depends on neither the length nor the
/// width of the file.
const BATCH_BYTES: usize = 16 << 20;
/// A Parquet row group is closed once its encoded data reaches this size
/// (or `2 × BATCH_ROWS` rows), for the same reason: the writer holds the
/// whole row group until it closes.
const ROW_GROUP_BYTES: usize = 32 << 20;

/// Loads rows into the workspace, atomically (see `rapport_store`).
///
/// ```no_run
/// use rapport_ingest::{ingest, IngestRequest, Input, NoProgress, CsvOptions};
/// use rapport_model::Entity;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let ws = rapport_store::Workspace::open("agency".as_ref())?;
/// let summary = ingest(&ws, &IngestRequest {
///     client: "acme".into(),
///     entity: Entity::Orders,
///     inputs: vec![Input::Path("orders.csv".into())],
///     mapping: None,
///     csv: CsvOptions::default(),
///     replace: false,
/// }, &NoProgress)?;
/// assert_eq!(summary.loaded + summary.quarantined + summary.duplicates_skipped, summary.rows_read);
/// # Ok(()) }
/// ```
pub fn ingest(
    ws: &Workspace,
    req: &IngestRequest,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let mapping = req.mapping.clone().unwrap_or_default();
    mapping.check(req.entity)?;
    let tz = mapping.timezone.unwrap_or_else(|| ws.settings().tz());
    let mut inputs = Vec::new();
    for input in &req.inputs {
        match input {
            Input::Path(p) => inputs.extend(
                expand_inputs(std::slice::from_ref(p))?
                    .into_iter()
                    .map(Input::Path),
            ),
            pg @ Input::Postgres { .. } => inputs.push(pg.clone()),
        }
    }
    let source = mapping
        .source
        .clone()
        .unwrap_or_else(|| match inputs.first() {
            Some(Input::Path(p)) => p
                .file_stem()
                .map_or_else(|| "file".to_owned(), |s| s.to_string_lossy().into_owned()),
            Some(Input::Postgres { .. }) => "postgres".to_owned(),
            None => "unknown".to_owned(),
        });
    let constants = parse_constants(&mapping, req.entity, tz)?;
    let mut pending = ws.begin_load(&req.client, req.entity)?;
    let mut state = LoadState::new(ws, &pending, &req.client, &source, tz, &mapping, constants)?;
    state.replace = req.replace;
    state.expected_bytes = inputs
        .iter()
        .map(|i| match i {
            Input::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Postgres { .. } => 0,
        })
        .sum();
    let mut names = Vec::new();
    for input in &inputs {
        let name = match input {
            Input::Path(p) => p.display().to_string(),
            Input::Postgres { url, .. } => crate::postgres::describe(url),
        };
        names.push(name.clone());
        let bytes_before = state.bytes_read;
        let mut on = |event: Event<'_>| state.on_event(&name, event, progress, bytes_before);
        match input {
            Input::Path(p) => {
                progress.input_started(&name, std::fs::metadata(p).ok().map(|m| m.len()));
                let csv = CsvOptions {
                    skip_lines: req.csv.skip_lines.max(mapping.skip_lines),
                    ..req.csv
                };
                read_file(p, csv, &mut on)?;
            }
            Input::Postgres { url, query } => {
                progress.input_started(&name, None);
                crate::postgres::read_postgres(url, query, &mut on)?;
            }
        }
    }
    state.finish()?;
    rewrite_superseded(ws, &mut pending, &state.superseded)?;
    let outcome = LoadOutcome {
        source: source.clone(),
        inputs: names,
        rows_read: state.rows_read,
        loaded: state.loaded,
        quarantined: state.quarantined,
        duplicates_skipped: state.duplicates,
        replaced: state.replaced,
    };
    let quarantine_path = pending.quarantine_path();
    let record = pending.commit(&outcome)?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut problems: Vec<ProblemCount> = state.problems.into_values().collect();
    problems.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.rule.cmp(&b.rule)));
    Ok(IngestSummary {
        load_id: record.id,
        client: req.client.clone(),
        entity: req.entity.name().to_owned(),
        source: source.clone(),
        rows_read: outcome.rows_read,
        loaded: outcome.loaded,
        quarantined: outcome.quarantined,
        duplicates_skipped: outcome.duplicates_skipped,
        replaced: outcome.replaced,
        quarantine_file: record.quarantine_file.map(|_| quarantine_path),
        elapsed_seconds: elapsed,
        rows_per_second: if elapsed > 0.0 {
            outcome.rows_read as f64 / elapsed
        } else {
            0.0
        },
        bytes_read: state.bytes_read,
        unaccounted_columns: state
            .ignored
            .iter()
            .filter(|c| !mapping.ignore.keys().any(|k| header_matches(k, c)))
            .cloned()
            .collect(),
        ignored_columns: state.ignored.into_iter().collect(),
        report_rows_skipped: state.report_rows,
        continuation_rows: state.continuations,
        problems,
    })
}

/// A value map's target for a source value: exact, then ignoring case.
fn mapped_value<'m>(values: &'m BTreeMap<String, String>, text: &str) -> Option<&'m String> {
    values.get(text).or_else(|| {
        values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(text))
            .map(|(_, v)| v)
    })
}

/// The parts of a composite source joined with `|` (entries extracted);
/// `None` when every part is empty.
fn join_parts(
    cells: &dyn Row,
    parts: &[(usize, Option<String>)],
    coalesce: bool,
) -> std::result::Result<Option<String>, String> {
    let mut texts = Vec::with_capacity(parts.len());
    for (index, entry) in parts {
        let cell = cells.cell(*index);
        let text = match (cell, entry) {
            (CellRef::Null, _) => None,
            (cell, None) => Some(display(cell)),
            (cell, Some(key)) => list_entry(&display(cell), key)?,
        };
        let text = text.filter(|t| !t.trim().is_empty());
        if coalesce && text.is_some() {
            return Ok(text);
        }
        texts.push(text);
    }
    if texts.iter().all(Option::is_none) {
        return Ok(None);
    }
    Ok(Some(
        texts
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect::<Vec<_>>()
            .join("|"),
    ))
}

/// A timestamp plus a column of minutes; no minutes, no timestamp (a
/// ticket without a first reply has no first-reply time).
fn add_minutes(
    v: Value,
    cells: &dyn Row,
    minutes: Option<usize>,
) -> std::result::Result<Value, String> {
    let (Value::Timestamp(t), Some(index)) = (&v, minutes) else {
        return Ok(v);
    };
    let t = *t;
    let text = display(cells.cell(index));
    if text.is_empty() {
        return Ok(Value::Null);
    }
    let m: f64 = text
        .replace(',', "")
        .parse()
        .map_err(|_| format!("is shifted by {text:?} minutes, which is not a number"))?;
    let shifted = (m.is_finite() && (0.0..1e12).contains(&m))
        .then(|| t.checked_add((m * 60_000_000.0).round() as i64))
        .flatten()
        .ok_or_else(|| format!("is shifted by {text:?} minutes, which is not a duration"))?;
    Ok(Value::Timestamp(shifted))
}

fn apply_case(v: Value, case: Option<Case>) -> Value {
    match (v, case) {
        (Value::Text(s), Some(Case::Upper)) => Value::Text(s.to_uppercase()),
        (Value::Text(s), Some(Case::Lower)) => Value::Text(s.to_lowercase()),
        (Value::List(items), Some(c)) => Value::List(
            items
                .into_iter()
                .map(|s| match c {
                    Case::Upper => s.to_uppercase(),
                    Case::Lower => s.to_lowercase(),
                })
                .collect(),
        ),
        (v, _) => v,
    }
}

/// Multiplies a number by its factor columns (after their value maps).
fn apply_factors(
    v: Value,
    cells: &dyn Row,
    factors: &[(usize, Factor)],
) -> std::result::Result<Value, String> {
    let Value::Float(mut x) = v else {
        return Ok(v);
    };
    for (index, f) in factors {
        let text = display(cells.cell(*index));
        let text = mapped_value(&f.values, &text).cloned().unwrap_or(text);
        let factor: f64 = text
            .trim()
            .parse()
            .ok()
            .filter(|f: &f64| f.is_finite())
            .ok_or_else(|| {
                format!(
                    "needs a number from `{}`, which holds {text:?}",
                    f.from.text
                )
            })?;
        if f.invert {
            if factor == 0.0 {
                return Err(format!("is divided by `{}`, which is 0", f.from.text));
            }
            x /= factor;
        } else {
            x *= factor;
        }
    }
    Ok(Value::Float(x))
}

fn parse_constants(
    mapping: &Mapping,
    entity: Entity,
    tz: chrono_tz::Tz,
) -> Result<HashMap<String, Value>> {
    let spec = entity.spec();
    let mut out = HashMap::new();
    for (name, text) in &mapping.constants {
        let Some(col) = spec.column(name) else {
            continue;
        };
        let opts = ParseOptions {
            format: None,
            timezone: tz,
            decimal_comma: false,
            multiply: None,
        };
        let v = parse(CellRef::Text(text), col.ty, &opts).map_err(|why| Error::Mapping {
            origin: mapping
                .origin
                .as_ref()
                .map_or_else(|| "mapping".to_owned(), |p| p.display().to_string()),
            message: format!("constants.{name} = {text:?} {why}"),
        })?;
        out.insert(name.clone(), v);
    }
    Ok(out)
}

/// How a canonical column gets its value in the current input.
#[derive(Debug, Clone)]
enum Binding {
    Source {
        index: usize,
        source_name: String,
        mapping: Option<Box<ColumnMapping>>,
        /// Set when the value is not simply the cell at `index`: an entry
        /// of a list, several columns joined, or factors.
        composite: Option<Box<Composite>>,
    },
    Constant(Value),
    Absent,
}

/// The resolved parts of a composite source.
#[derive(Debug, Clone)]
struct Composite {
    parts: Vec<(usize, Option<String>)>,
    factors: Vec<(usize, Factor)>,
    coalesce: bool,
    minutes: Option<usize>,
}

/// Whether a header cell is the one a mapping names: exactly, or ignoring
/// case and surrounding spaces, or by a `*` pattern (case-insensitive).
pub(crate) fn header_matches(pattern: &str, header: &str) -> bool {
    if pattern == header {
        return true;
    }
    let (p, h) = (pattern.trim().to_lowercase(), header.trim().to_lowercase());
    if !p.contains('*') {
        return p == h;
    }
    let pieces: Vec<&str> = p.split('*').collect();
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !h.starts_with(first) || h.len() < first.len() + last.len() || !h.ends_with(last) {
        return false;
    }
    let mut rest = &h[first.len()..h.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Finds the header column a source reference names. `Ok(None)` when
/// absent; an error when a pattern matches several columns.
fn find_column(header: &[String], r: &SourceRef) -> std::result::Result<Option<usize>, String> {
    if let Some(i) = header.iter().position(|h| *h == r.text) {
        return Ok(Some(i));
    }
    let hits: Vec<usize> = (0..header.len())
        .filter(|&i| header_matches(&r.column, &header[i]))
        .collect();
    match hits.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(format!(
            "`{}` matches {} columns ({}); write the exact name",
            r.column,
            many.len(),
            many.iter()
                .map(|&i| format!("`{}`", header[i]))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The value of the entry with `key` in a list of `{key, value}` records
/// (GA4's `event_params`) or of the member `key` of an object. Values that
/// are records themselves (`{"string_value": .., "int_value": ..}`) give
/// their first non-null member.
fn list_entry(text: &str, key: &str) -> std::result::Result<Option<String>, String> {
    fn scalar(v: &serde_json::Value) -> Option<String> {
        use serde_json::Value;
        match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) | Value::Array(_) => Some(v.to_string()),
            Value::Object(m) => m.values().find_map(scalar),
        }
    }
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| "is not a JSON list of key/value entries".to_owned())?;
    match &v {
        serde_json::Value::Array(items) => Ok(items
            .iter()
            .find(|i| i.get("key").and_then(|k| k.as_str()) == Some(key))
            .and_then(|i| i.get("value"))
            .and_then(scalar)),
        serde_json::Value::Object(m) => Ok(m.get(key).and_then(scalar)),
        _ => Err("is not a JSON list of key/value entries".to_owned()),
    }
}

/// ISO 4217 minor-unit exponent: how many decimals a currency's amounts
/// have (2 unless listed).
pub(crate) fn currency_exponent(code: &str) -> u32 {
    match code {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

struct Problem {
    column: String,
    value: String,
    rule: &'static str,
    message: String,
}

enum ColumnBuilder {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Timestamp(TimestampMicrosecondBuilder),
    Date(Date32Builder),
    Bool(BooleanBuilder),
    List(ListBuilder<StringBuilder>),
}

impl ColumnBuilder {
    fn new(ty: ColumnType) -> Self {
        match ty {
            ColumnType::Text => ColumnBuilder::Text(StringBuilder::new()),
            ColumnType::Integer => ColumnBuilder::Int(Int64Builder::new()),
            ColumnType::Decimal => ColumnBuilder::Float(Float64Builder::new()),
            ColumnType::Timestamp => {
                ColumnBuilder::Timestamp(TimestampMicrosecondBuilder::new().with_timezone("UTC"))
            }
            ColumnType::Date => ColumnBuilder::Date(Date32Builder::new()),
            ColumnType::Boolean => ColumnBuilder::Bool(BooleanBuilder::new()),
            ColumnType::TextList => ColumnBuilder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn append(&mut self, v: &Value) {
        match (self, v) {
            (ColumnBuilder::Text(b), Value::Text(s)) => b.append_value(s),
            (ColumnBuilder::Int(b), Value::Int(i)) => b.append_value(*i),
            (ColumnBuilder::Float(b), Value::Float(f)) => b.append_value(*f),
            (ColumnBuilder::Timestamp(b), Value::Timestamp(t)) => b.append_value(*t),
            (ColumnBuilder::Date(b), Value::Date(d)) => b.append_value(*d),
            (ColumnBuilder::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (ColumnBuilder::List(b), Value::List(items)) => {
                for i in items {
                    b.values().append_value(i);
                }
                b.append(true);
            }
            (ColumnBuilder::Text(b), _) => b.append_null(),
            (ColumnBuilder::Int(b), _) => b.append_null(),
            (ColumnBuilder::Float(b), _) => b.append_null(),
            (ColumnBuilder::Timestamp(b), _) => b.append_null(),
            (ColumnBuilder::Date(b), _) => b.append_null(),
            (ColumnBuilder::Bool(b), _) => b.append_null(),
            (ColumnBuilder::List(b), _) => b.append(false),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Float(b) => Arc::new(b.finish()),
            ColumnBuilder::Timestamp(b) => Arc::new(b.finish()),
            ColumnBuilder::Date(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
            ColumnBuilder::List(b) => Arc::new(b.finish()),
        }
    }
}

fn index_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("key_hi", DataType::UInt64, false),
        Field::new("key_lo", DataType::UInt64, false),
        Field::new("row_hash", DataType::UInt64, false),
    ]))
}

fn writer_props() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH_ROWS * 2))
        .build()
}

fn parquet_err(path: &Path) -> impl Fn(parquet::errors::ParquetError) -> Error + '_ {
    move |e| Error::Parquet {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Everything one load accumulates while rows stream through.
struct LoadState<'a> {
    entity: Entity,
    columns: &'static [ColumnSpec],
    client: &'a str,
    source: &'a str,
    tz: chrono_tz::Tz,
    mapping: &'a Mapping,
    constants: HashMap<String, Value>,
    load_id: i64,
    // Per input:
    header: Vec<String>,
    bindings: Vec<Binding>,
    /// The key of the previous row as read, for `continuation_rows`.
    previous_key: Option<Vec<String>>,
    /// Total size of the inputs when known, to size the key index once.
    expected_bytes: u64,
    keys_reserved: bool,
    /// The currency column and the columns in its minor units, if any.
    minor_units: Option<(usize, Vec<usize>)>,
    /// Column index → pattern of the mapping's `skip_rows`.
    skip_rows: Vec<(usize, String)>,
    report_rows: u64,
    continuations: u64,
    // Outputs:
    data_path: PathBuf,
    index_path: PathBuf,
    quarantine_path: PathBuf,
    /// Parquet encoding runs on its own thread, overlapping with parsing.
    sink: Option<ParquetSink>,
    quarantine: Option<csv::Writer<File>>,
    builders: Vec<ColumnBuilder>,
    key_hashes: Vec<(u64, u64, u64)>,
    buffered: usize,
    /// About the bytes the buffered rows' values hold.
    buffered_bytes: usize,
    schema: SchemaRef,
    // Dedup: key hash → (row hash, load id that has it).
    seen: KeyIndex,
    // With `replace`: per earlier load, the keys whose rows this load replaces.
    replace: bool,
    superseded: HashMap<i64, HashSet<u128>>,
    replaced: u64,
    // Counts:
    rows_read: u64,
    loaded: u64,
    quarantined: u64,
    duplicates: u64,
    bytes_read: u64,
    problems: BTreeMap<(String, String), ProblemCount>,
    ignored: std::collections::BTreeSet<String>,
    // Scratch:
    values: Vec<Value>,
    hash_buf: Vec<u8>,
    key_idx: Vec<usize>,
}

impl<'a> LoadState<'a> {
    fn new(
        ws: &Workspace,
        pending: &PendingLoad,
        client: &'a str,
        source: &'a str,
        tz: chrono_tz::Tz,
        mapping: &'a Mapping,
        constants: HashMap<String, Value>,
    ) -> Result<Self> {
        let entity = pending.entity();
        let spec = entity.spec();
        let seen = read_key_index(ws, client, entity)?;
        Ok(LoadState {
            entity,
            columns: spec.columns,
            client,
            source,
            tz,
            mapping,
            constants,
            load_id: pending.id(),
            header: Vec::new(),
            bindings: Vec::new(),
            previous_key: None,
            skip_rows: Vec::new(),
            report_rows: 0,
            continuations: 0,
            data_path: pending.staging_data_path(),
            index_path: pending.staging_index_path(),
            quarantine_path: pending.staging_quarantine_path(),
            sink: None,
            quarantine: None,
            builders: spec
                .columns
                .iter()
                .map(|c| ColumnBuilder::new(c.ty))
                .collect(),
            key_hashes: Vec::with_capacity(BATCH_ROWS),
            buffered: 0,
            buffered_bytes: 0,
            schema: spec.arrow_schema(),
            seen,
            replace: false,
            superseded: HashMap::new(),
            replaced: 0,
            rows_read: 0,
            loaded: 0,
            quarantined: 0,
            duplicates: 0,
            bytes_read: 0,
            problems: BTreeMap::new(),
            ignored: std::collections::BTreeSet::new(),
            values: Vec::with_capacity(spec.columns.len()),
            hash_buf: Vec::with_capacity(256),
            key_idx: spec
                .key
                .iter()
                .filter_map(|k| spec.columns.iter().position(|c| c.name == *k))
                .collect(),
            expected_bytes: 0,
            keys_reserved: false,
            minor_units: {
                let columns: Vec<usize> = (0..spec.columns.len())
                    .filter(|&i| {
                        mapping
                            .columns
                            .get(spec.columns[i].name)
                            .is_some_and(|m| m.minor_units)
                    })
                    .collect();
                spec.columns
                    .iter()
                    .position(|c| c.name == "currency")
                    .filter(|_| !columns.is_empty())
                    .map(|cur| (cur, columns))
            },
        })
    }

    fn on_event(
        &mut self,
        input: &str,
        event: Event<'_>,
        progress: &dyn Progress,
        bytes_before: u64,
    ) -> Result<()> {
        match event {
            Event::Header(h) => self.bind(input, h),
            Event::Row { row, line, cells } => {
                if self
                    .skip_rows
                    .iter()
                    .any(|(i, p)| header_matches(p, &display(cells.cell(*i))))
                {
                    self.report_rows += 1;
                    return Ok(());
                }
                self.rows_read += 1;
                self.row(input, row, line, cells)
            }
            Event::Malformed {
                row,
                line,
                message,
                raw,
            } => {
                self.rows_read += 1;
                let p = Problem {
                    column: String::new(),
                    value: String::new(),
                    rule: "malformed_row",
                    message,
                };
                self.quarantine_row(input, row, line, &[p], &raw)
            }
            Event::Progress(bytes) => {
                self.bytes_read = bytes_before + bytes;
                progress.advanced(bytes, self.rows_read);
                Ok(())
            }
        }
    }

    /// Resolves which source column feeds each canonical column; fails the
    /// load before any row of this input is read when a required column is
    /// missing.
    fn bind(&mut self, input: &str, header: &[String]) -> Result<()> {
        self.header = header.to_vec();
        self.previous_key = None;
        self.skip_rows = self
            .mapping
            .skip_rows
            .iter()
            .filter_map(|r| {
                let at = find_column(header, &SourceRef::parse(&r.column)).ok()??;
                Some((at, r.matches.clone()))
            })
            .collect();
        let ambiguous = |message: String| Error::Mapping {
            origin: format!("{input}: mapping"),
            message,
        };
        let mut missing = Vec::new();
        // How to supply the missing columns the mapping knows the export lacks.
        let mut needs: Vec<&str> = Vec::new();
        let mut used = vec![false; header.len()];
        let mut bindings = Vec::with_capacity(self.columns.len());
        for c in self.columns {
            if let Some(v) = self.constants.get(c.name) {
                bindings.push(Binding::Constant(v.clone()));
                continue;
            }
            let (source_name, mapping) = match self.mapping.columns.get(c.name) {
                Some(m) => (m.from.clone(), Some(Box::new(m.clone()))),
                None => (c.name.to_owned(), None),
            };
            let refs = match &mapping {
                Some(m) => m.parts.clone(),
                None => vec![SourceRef::parse(c.name)],
            };
            let mut parts = Vec::with_capacity(refs.len());
            let mut absent = Vec::new();
            for r in &refs {
                match find_column(header, r).map_err(&ambiguous)? {
                    Some(i) => {
                        used[i] = true;
                        parts.push((i, r.entry.clone()));
                    }
                    None => absent.push(r.text.clone()),
                }
            }
            let mut factors = Vec::new();
            for f in mapping.iter().flat_map(|m| &m.factors) {
                match find_column(header, &f.from).map_err(&ambiguous)? {
                    Some(i) => {
                        used[i] = true;
                        factors.push((i, f.clone()));
                    }
                    None => absent.push(f.from.text.clone()),
                }
            }
            // A composite is bound when at least one part is present; a
            // missing factor makes the column absent (a value without its
            // quantity or interval would be wrong, not partial).
            let factor_missing = mapping
                .as_ref()
                .is_some_and(|m| factors.len() < m.factors.len());
            if parts.is_empty() || factor_missing {
                if c.required {
                    let what = if absent.len() == 1 && absent[0] == c.name {
                        c.name.to_owned()
                    } else {
                        format!("{}` (for `{}", absent.join("`, `"), c.name)
                    };
                    missing.push(what);
                    needs.extend(self.mapping.needs.get(c.name).map(String::as_str));
                }
                bindings.push(Binding::Absent);
                continue;
            }
            let minutes = match mapping.as_ref().and_then(|m| m.add_minutes.as_ref()) {
                Some(r) => match find_column(header, r).map_err(&ambiguous)? {
                    Some(i) => {
                        used[i] = true;
                        Some(i)
                    }
                    None => {
                        if c.required {
                            missing.push(format!("{}` (for `{}", r.text, c.name));
                        }
                        bindings.push(Binding::Absent);
                        continue;
                    }
                },
                None => None,
            };
            let simple =
                parts.len() == 1 && parts[0].1.is_none() && factors.is_empty() && minutes.is_none();
            let coalesce = mapping.as_ref().is_some_and(|m| m.coalesce);
            bindings.push(Binding::Source {
                index: parts[0].0,
                source_name,
                mapping,
                composite: (!simple).then(|| {
                    Box::new(Composite {
                        parts,
                        factors,
                        coalesce,
                        minutes,
                    })
                }),
            });
        }
        self.bindings = bindings;
        if !missing.is_empty() {
            let hint = if !needs.is_empty() {
                needs.join("; ")
            } else if self.mapping.columns.is_empty() {
                "Without --mapping, columns must have their canonical names; write a mapping TOML that renames them (see `rapport ingest --help`)".to_owned()
            } else {
                "Check the `[columns]` of the mapping against the file's header".to_owned()
            };
            return Err(Error::MissingColumns {
                input: input.to_owned(),
                entity: self.entity.name().to_owned(),
                missing,
                available: header.to_vec(),
                hint,
            });
        }
        for (h, used) in header.iter().zip(used) {
            if !used {
                self.ignored.insert(h.clone());
            }
        }
        Ok(())
    }

    fn row(&mut self, input: &str, row: u64, line: Option<u64>, cells: &dyn Row) -> Result<()> {
        if self.mapping.continuation_rows && self.continues_previous(cells) {
            self.duplicates += 1;
            self.continuations += 1;
            return Ok(());
        }
        let mut problems = Vec::new();
        self.values.clear();
        for (c, binding) in self.columns.iter().zip(&self.bindings) {
            let v = match binding {
                Binding::Absent => Value::Null,
                Binding::Constant(v) => v.clone(),
                Binding::Source {
                    index,
                    source_name,
                    mapping,
                    composite,
                } => {
                    let joined;
                    let raw = match composite {
                        None => cells.cell(*index),
                        Some(comp) => match join_parts(cells, &comp.parts, comp.coalesce) {
                            Ok(Some(text)) => {
                                joined = text;
                                CellRef::Text(&joined)
                            }
                            Ok(None) => CellRef::Null,
                            Err(why) => {
                                let value = display(cells.cell(*index));
                                problems.push(Problem {
                                    column: c.name.to_owned(),
                                    message: format!(
                                        "{} (from `{source_name}`): {value:?} {why}",
                                        c.name
                                    ),
                                    value,
                                    rule: "type",
                                });
                                self.values.push(Value::Null);
                                continue;
                            }
                        },
                    };
                    let mapped;
                    let cell = match mapping
                        .as_ref()
                        .filter(|m| !m.values.is_empty() || m.otherwise.is_some())
                    {
                        Some(m) if !matches!(raw, CellRef::Null) => {
                            let text = display(raw);
                            match mapped_value(&m.values, &text).or(m.otherwise.as_ref()) {
                                Some(to) => {
                                    mapped = to.clone();
                                    if mapped.is_empty() {
                                        CellRef::Null
                                    } else {
                                        CellRef::Text(&mapped)
                                    }
                                }
                                None => raw,
                            }
                        }
                        _ => raw,
                    };
                    let opts = ParseOptions {
                        format: mapping.as_ref().and_then(|m| m.format.as_deref()),
                        timezone: mapping.as_ref().and_then(|m| m.timezone).unwrap_or(self.tz),
                        decimal_comma: mapping
                            .as_ref()
                            .and_then(|m| m.decimal_separator)
                            .or(self.mapping.decimal_separator)
                            == Some(','),
                        multiply: mapping.as_ref().and_then(|m| m.multiply),
                    };
                    let factored = parse(cell, c.ty, &opts).and_then(|v| {
                        let v = apply_case(v, mapping.as_ref().and_then(|m| m.case));
                        match composite {
                            Some(comp) if !comp.factors.is_empty() => {
                                apply_factors(v, cells, &comp.factors)
                            }
                            Some(comp) if comp.minutes.is_some() => {
                                add_minutes(v, cells, comp.minutes)
                            }
                            _ => Ok(v),
                        }
                    });
                    match factored {
                        Ok(v) => v,
                        Err(why) => {
                            let value = display(cell);
                            let from = if source_name == c.name {
                                String::new()
                            } else {
                                format!(" (from `{source_name}`)")
                            };
                            problems.push(Problem {
                                column: c.name.to_owned(),
                                message: format!("{}{from}: {value:?} {why}", c.name),
                                value,
                                rule: "type",
                            });
                            Value::Null
                        }
                    }
                }
            };
            self.values.push(v);
        }
        self.apply_minor_units(&mut problems);
        self.check_values(&mut problems);
        if !problems.is_empty() {
            let raw = cells.raw(&self.header);
            return self.quarantine_row(input, row, line, &problems, &raw);
        }
        // Deduplicate on the natural key; identical rows are skipped,
        // conflicting ones quarantined.
        let (key, row_hash) = self.hashes();
        // One probe of the key index per row: on a large load the index is
        // far bigger than the CPU caches, and each probe is a cache miss.
        let seen = match self.seen.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((row_hash, self.load_id));
                None
            }
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                let (h, load) = *slot.get();
                if h != row_hash && self.replace && load != self.load_id {
                    slot.insert((row_hash, self.load_id));
                }
                Some((h, load))
            }
        };
        match seen {
            Some((h, _)) if h == row_hash => {
                self.duplicates += 1;
                Ok(())
            }
            Some((_, load)) if self.replace && load != self.load_id => {
                // The re-exported record changed: this row is now the data.
                self.superseded.entry(load).or_default().insert(key);
                self.replaced += 1;
                self.append(key, row_hash)
            }
            Some((_, load)) => {
                let key_text = self.key_text();
                let where_ = if load == self.load_id {
                    "earlier in this load".to_owned()
                } else {
                    format!("in load {load}")
                };
                let p = Problem {
                    column: self.entity.spec().key.join("+"),
                    value: key_text.clone(),
                    rule: "key_conflict",
                    message: format!(
                        "{} {key_text} was already loaded {where_} with different values; {}",
                        self.entity.spec().key.join(" + "),
                        if load == self.load_id {
                            "one export cannot hold two versions of a record"
                        } else {
                            "if the record changed since (a re-export), load with --replace"
                        }
                    ),
                };
                let raw = cells.raw(&self.header);
                self.quarantine_row(input, row, line, &[p], &raw)
            }
            None => self.append(key, row_hash),
        }
    }

    /// After the first batch, sizes the key index for the rows the inputs
    /// hold at the rate seen so far: growing it by doubling would copy it
    /// repeatedly and briefly hold the old and the new table together,
    /// which is most of a large load's peak memory.
    fn reserve_keys(&mut self) {
        if self.keys_reserved || self.expected_bytes == 0 || self.bytes_read == 0 {
            return;
        }
        self.keys_reserved = true;
        let rate = self.rows_read as f64 / self.bytes_read as f64;
        let expected = (self.expected_bytes as f64 * rate * 1.02) as usize;
        // Reserving never lowers memory; a bad estimate only costs growth.
        let more = expected.saturating_sub(self.seen.len()).min(2_000_000_000);
        self.seen.reserve(more);
    }

    /// Whether this row repeats the previous row's key as read (before
    /// any parsing), i.e. is a continuation line of that record.
    fn continues_previous(&mut self, cells: &dyn Row) -> bool {
        let mut key = Vec::with_capacity(self.key_idx.len());
        for &k in &self.key_idx {
            match &self.bindings[k] {
                Binding::Source { index, .. } => key.push(display(cells.cell(*index))),
                _ => return false,
            }
        }
        if key.iter().all(String::is_empty) {
            return false;
        }
        let same = self.previous_key.as_ref() == Some(&key);
        self.previous_key = Some(key);
        same
    }

    /// Turns amounts in minor units into the currency's units, once the
    /// row's currency is known.
    fn apply_minor_units(&mut self, problems: &mut Vec<Problem>) {
        let Some((cur, columns)) = &self.minor_units else {
            return;
        };
        for &i in columns {
            let c = &self.columns[i];
            let Value::Float(amount) = self.values[i] else {
                continue;
            };
            match &self.values[*cur] {
                Value::Text(code) => {
                    let scale = 10f64.powi(currency_exponent(code) as i32);
                    self.values[i] = Value::Float(amount / scale);
                }
                _ => problems.push(Problem {
                    column: c.name.to_owned(),
                    value: amount.to_string(),
                    rule: "required",
                    message: format!(
                        "{} is in minor units of the row's currency, and the row has no currency",
                        c.name
                    ),
                }),
            }
        }
    }

    fn value_of(&self, name: &str) -> Option<&Value> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .map(|i| &self.values[i])
    }

    fn check_values(&mut self, problems: &mut Vec<Problem>) {
        for (c, v) in self.columns.iter().zip(&self.values) {
            if problems.iter().any(|p| p.column == c.name) {
                continue;
            }
            if matches!(v, Value::Null) {
                if c.required {
                    problems.push(Problem {
                        column: c.name.to_owned(),
                        value: String::new(),
                        rule: "required",
                        message: format!("{} is empty, but every row needs it", c.name),
                    });
                }
                continue;
            }
            for rule in c.rules {
                if let Some(p) = check_rule(c, *rule, v) {
                    problems.push(p);
                }
            }
        }
        for rule in self.entity.spec().row_rules {
            match *rule {
                RowRule::NotBefore { later, earlier } => {
                    if let (Some(Value::Timestamp(l)), Some(Value::Timestamp(e))) =
                        (self.value_of(later), self.value_of(earlier))
                        && l < e
                    {
                        problems.push(Problem {
                            column: later.to_owned(),
                            value: display(CellRef::Timestamp(*l)),
                            rule: "time_order",
                            message: format!(
                                "{later} {} is before {earlier} {}",
                                display(CellRef::Timestamp(*l)),
                                display(CellRef::Timestamp(*e))
                            ),
                        });
                    }
                }
                RowRule::SurveyScale => self.check_survey_scale(problems),
            }
        }
    }

    fn check_survey_scale(&mut self, problems: &mut Vec<Problem>) {
        let pos = |n: &str| self.columns.iter().position(|c| c.name == n);
        let (Some(is), Some(isc), Some(imin), Some(imax)) = (
            pos("survey"),
            pos("score"),
            pos("scale_min"),
            pos("scale_max"),
        ) else {
            return;
        };
        let Value::Text(survey) = &self.values[is] else {
            return;
        };
        let Some((dmin, dmax)) = default_survey_scale(survey) else {
            return;
        };
        let survey = survey.clone();
        if matches!(self.values[imin], Value::Null) {
            self.values[imin] = Value::Float(dmin);
        }
        if matches!(self.values[imax], Value::Null) {
            self.values[imax] = Value::Float(dmax);
        }
        let (Value::Float(min), Value::Float(max)) = (&self.values[imin], &self.values[imax])
        else {
            return;
        };
        let (min, max) = (*min, *max);
        if survey == "nps" && (min, max) != (0.0, 10.0) {
            problems.push(Problem {
                column: "scale_max".into(),
                value: format!("{min}–{max}"),
                rule: "survey_scale",
                message: format!(
                    "survey nps is always on a 0–10 scale, but the row declares {min}–{max}"
                ),
            });
            return;
        }
        if min >= max {
            problems.push(Problem {
                column: "scale_min".into(),
                value: format!("{min}–{max}"),
                rule: "survey_scale",
                message: format!("scale_min {min} is not below scale_max {max}"),
            });
            return;
        }
        if let Value::Float(score) = self.values[isc]
            && !(min..=max).contains(&score)
        {
            problems.push(Problem {
                column: "score".into(),
                value: score.to_string(),
                rule: "out_of_scale",
                message: format!("score {score} is outside {min}–{max} for survey {survey}"),
            });
        }
    }

    fn hashes(&mut self) -> (u128, u64) {
        self.hash_buf.clear();
        for &i in &self.key_idx {
            encode(&self.values[i], &mut self.hash_buf);
        }
        let key = xxh3_128(&self.hash_buf);
        self.hash_buf.clear();
        for v in &self.values {
            encode(v, &mut self.hash_buf);
        }
        (key, xxh3_64(&self.hash_buf))
    }

    fn key_text(&self) -> String {
        self.key_idx
            .iter()
            .map(|&i| match &self.values[i] {
                Value::Text(s) => s.clone(),
                Value::Int(v) => v.to_string(),
                Value::Date(d) => display(CellRef::Date(*d)),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    fn append(&mut self, key: u128, row_hash: u64) -> Result<()> {
        for (b, v) in self.builders.iter_mut().zip(&self.values) {
            b.append(v);
            self.buffered_bytes += value_bytes(v);
        }
        self.key_hashes
            .push(((key >> 64) as u64, key as u64, row_hash));
        self.buffered += 1;
        self.loaded += 1;
        if self.buffered >= BATCH_ROWS || self.buffered_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffered == 0 {
            return Ok(());
        }
        self.reserve_keys();
        let n = self.buffered;
        let mut arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(ColumnBuilder::finish)
            .collect();
        arrays.push(Arc::new(StringArray::from_iter_values(
            std::iter::repeat_n(self.client, n),
        )));
        arrays.push(Arc::new(StringArray::from_iter_values(
            std::iter::repeat_n(self.source, n),
        )));
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), arrays).map_err(|e| Error::Parquet {
                path: self.data_path.clone(),
                message: e.to_string(),
            })?;
        let hi: UInt64Array = self.key_hashes.iter().map(|k| k.0).collect();
        let lo: UInt64Array = self.key_hashes.iter().map(|k| k.1).collect();
        let rh: UInt64Array = self.key_hashes.iter().map(|k| k.2).collect();
        let index = RecordBatch::try_new(
            index_schema(),
            vec![Arc::new(hi), Arc::new(lo), Arc::new(rh)],
        )
        .map_err(|e| Error::Parquet {
            path: self.index_path.clone(),
            message: e.to_string(),
        })?;
        if self.sink.is_none() {
            self.sink = Some(ParquetSink::start(
                self.data_path.clone(),
                self.index_path.clone(),
                Arc::clone(&self.schema),
            ));
        }
        if let Some(sink) = self.sink.as_mut() {
            sink.send(batch, index)?;
        }
        self.key_hashes.clear();
        self.buffered = 0;
        self.buffered_bytes = 0;
        Ok(())
    }

    fn quarantine_row(
        &mut self,
        input: &str,
        row: u64,
        line: Option<u64>,
        problems: &[Problem],
        raw: &str,
    ) -> Result<()> {
        self.quarantined += 1;
        let first = &problems[0];
        let message = problems
            .iter()
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        for p in problems {
            let entry = self
                .problems
                .entry((p.rule.to_owned(), p.column.clone()))
                .or_insert_with(|| ProblemCount {
                    rule: p.rule.to_owned(),
                    column: p.column.clone(),
                    rows: 0,
                    example: format!("{input}, row {row}: {}", p.message),
                });
            entry.rows += 1;
        }
        if self.quarantine.is_none() {
            let mut w = csv::Writer::from_writer(create(&self.quarantine_path)?);
            w.write_record([
                "file", "row", "line", "column", "value", "rule", "message", "record",
            ])
            .map_err(|e| self.quarantine_err(&e))?;
            self.quarantine = Some(w);
        }
        let line = line.map(|l| l.to_string()).unwrap_or_default();
        let row = row.to_string();
        let result = match self.quarantine.as_mut() {
            Some(w) => w.write_record([
                input,
                &row,
                &line,
                &first.column,
                &first.value,
                first.rule,
                &message,
                raw,
            ]),
            None => Ok(()),
        };
        result.map_err(|e| self.quarantine_err(&e))
    }

    fn quarantine_err(&self, e: &csv::Error) -> Error {
        Error::Io {
            action: "cannot write the quarantine file",
            path: self.quarantine_path.clone(),
            source: std::io::Error::other(e.to_string()),
        }
    }

    fn finish(&mut self) -> Result<()> {
        self.flush()?;
        if let Some(sink) = self.sink.take() {
            sink.close()?;
        }
        if let Some(mut w) = self.quarantine.take() {
            w.flush().map_err(|source| Error::Io {
                action: "cannot write the quarantine file",
                path: self.quarantine_path.clone(),
                source,
            })?;
        }
        debug_assert_eq!(
            self.loaded + self.quarantined + self.duplicates,
            self.rows_read
        );
        Ok(())
    }
}

/// Writes the data and key-index Parquet files on a background thread, fed
/// through a bounded channel so memory stays at a few batches.
struct ParquetSink {
    tx: Option<std::sync::mpsc::SyncSender<(RecordBatch, RecordBatch)>>,
    worker: Option<std::thread::JoinHandle<Result<()>>>,
}

impl ParquetSink {
    fn start(data_path: PathBuf, index_path: PathBuf, schema: SchemaRef) -> ParquetSink {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(RecordBatch, RecordBatch)>(2);
        let worker = std::thread::spawn(move || -> Result<()> {
            let mut data = ArrowWriter::try_new(create(&data_path)?, schema, Some(writer_props()))
                .map_err(parquet_err(&data_path))?;
            let mut index =
                ArrowWriter::try_new(create(&index_path)?, index_schema(), Some(writer_props()))
                    .map_err(parquet_err(&index_path))?;
            for (batch, keys) in rx {
                write_bounded(&mut data, &batch, &data_path)?;
                write_bounded(&mut index, &keys, &index_path)?;
            }
            data.close().map_err(parquet_err(&data_path))?;
            index.close().map_err(parquet_err(&index_path))?;
            Ok(())
        });
        ParquetSink {
            tx: Some(tx),
            worker: Some(worker),
        }
    }

    fn send(&mut self, batch: RecordBatch, keys: RecordBatch) -> Result<()> {
        let delivered = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send((batch, keys)).is_ok());
        if delivered {
            Ok(())
        } else {
            // The writer stopped early: its error says why.
            self.join()?;
            Err(Error::Parquet {
                path: PathBuf::from("(writer thread)"),
                message: "the Parquet writer stopped before the load ended".to_owned(),
            })
        }
    }

    fn close(mut self) -> Result<()> {
        self.join()
    }

    fn join(&mut self) -> Result<()> {
        drop(self.tx.take());
        match self.worker.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::Parquet {
                path: PathBuf::from("(writer thread)"),
                message: "the Parquet writer thread panicked".to_owned(),
            }),
            None => Ok(()),
        }
    }
}

impl Drop for ParquetSink {
    fn drop(&mut self) {
        let _ = self.join();
    }
}

fn create(path: &Path) -> Result<File> {
    File::create(path).map_err(|source| Error::Io {
        action: "cannot create",
        path: path.to_owned(),
        source,
    })
}

/// Appends a value's canonical bytes: a type tag, then the payload, so that
/// ("ab", "c") and ("a", "bc") hash differently.
fn encode(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.push(0),
        Value::Text(s) => {
            out.push(1);
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        Value::Int(i) => {
            out.push(2);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Value::Float(f) => {
            out.push(3);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Value::Timestamp(t) => {
            out.push(4);
            out.extend_from_slice(&t.to_le_bytes());
        }
        Value::Date(d) => {
            out.push(5);
            out.extend_from_slice(&d.to_le_bytes());
        }
        Value::Bool(b) => out.extend_from_slice(&[6, u8::from(*b)]),
        Value::List(items) => {
            out.push(7);
            out.extend_from_slice(&(items.len() as u64).to_le_bytes());
            for i in items {
                out.extend_from_slice(&(i.len() as u64).to_le_bytes());
                out.extend_from_slice(i.as_bytes());
            }
        }
    }
}

fn check_rule(c: &ColumnSpec, rule: Rule, v: &Value) -> Option<Problem> {
    let (ok, rule_name, why) = match (rule, v) {
        (Rule::NonNegative, Value::Int(i)) => {
            (*i >= 0, "non_negative", "must not be negative".to_owned())
        }
        (Rule::NonNegative, Value::Float(f)) => {
            (*f >= 0.0, "non_negative", "must not be negative".to_owned())
        }
        (Rule::Positive, Value::Float(f)) => (*f > 0.0, "positive", "must be above 0".to_owned()),
        (Rule::Positive, Value::Int(i)) => (*i > 0, "positive", "must be above 0".to_owned()),
        (Rule::OneOf(allowed), Value::Text(s)) => (
            allowed.contains(&s.as_str()),
            "allowed_values",
            format!(
                "is not one of {} (map other spellings with `values` in the mapping)",
                allowed.join(", ")
            ),
        ),
        (Rule::CurrencyCode, Value::Text(s)) => (
            s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
            "currency_code",
            "is not a three-letter ISO 4217 currency code such as EUR".to_owned(),
        ),
        (Rule::BirthYear, Value::Int(y)) => (
            (1900..=2026 + 1).contains(y),
            "plausible_year",
            "is not a plausible birth year".to_owned(),
        ),
        (Rule::PeriodLabel, Value::Text(s)) => (
            is_period_label(s),
            "period_label",
            "is not a period like 2026, 2026-10, 2026-Q3, 2026-W41 or 2026-08-01..2026-10-31"
                .to_owned(),
        ),
        _ => (true, "", String::new()),
    };
    if ok {
        return None;
    }
    let value = match v {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        other => format!("{other:?}"),
    };
    Some(Problem {
        column: c.name.to_owned(),
        message: format!("{} {value} {why}", c.name),
        value,
        rule: rule_name,
    })
}

/// Key hash → (row hash, id of the load that has it). The keys are already
/// xxh3-128 hashes, so the table hashes them by taking their low bits
/// instead of running SipHash over them again.
type KeyIndex = HashMap<u128, (u64, i64), std::hash::BuildHasherDefault<PrehashedKey>>;

/// A `Hasher` for keys that are uniformly distributed hashes already.
#[derive(Default)]
struct PrehashedKey(u64);

impl std::hash::Hasher for PrehashedKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u128 keys, which this table never has; fold
        // anyway so the hasher stays correct.
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = key as u64;
    }
}

/// Reads the key index of earlier loads of this client's entity.
/// The load an index or data file belongs to: `<load>.parquet`, or
/// `<load>-r<rewriting load>.parquet` once a `--replace` load rewrote it.
fn load_of(path: &Path) -> i64 {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.split('-').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Rewrites, for each earlier load whose rows this load replaces, its data
/// and index files without those rows, staged for the pending load's
/// commit: until it commits, the earlier files stay the data. Data and
/// index rows correspond one to one (they are written together).
fn rewrite_superseded(
    ws: &Workspace,
    pending: &mut PendingLoad,
    superseded: &HashMap<i64, HashSet<u128>>,
) -> Result<()> {
    if superseded.is_empty() {
        return Ok(());
    }
    let loads = ws.loads(pending.client(), Some(pending.entity()))?;
    let mut olds: Vec<&i64> = superseded.keys().collect();
    olds.sort();
    for &old in olds {
        let keys = &superseded[&old];
        let record = loads.iter().find(|l| l.id == old);
        let (Some(data), Some(index)) = (
            record.and_then(|l| l.data_file.as_ref()),
            record.and_then(|l| l.index_file.as_ref()),
        ) else {
            return Err(Error::Parquet {
                path: ws.root().to_owned(),
                message: format!(
                    "load {old} holds keys this load replaces but the catalog names no data or index file for it"
                ),
            });
        };
        let (data_out, index_out) = pending.staging_rewrite_paths(old);
        // Which rows stay, from the index.
        let index_path = ws.root().join(index);
        let mut keep: Vec<bool> = Vec::new();
        let index_schema = index_schema();
        let mut index_writer = parquet_writer(&index_out, &index_schema)?;
        for batch in parquet_batches(&index_path)? {
            let batch = batch?;
            let (hi, lo) = (
                u64_column(&batch, 0, &index_path)?,
                u64_column(&batch, 1, &index_path)?,
            );
            let stays: BooleanArray = (0..batch.num_rows())
                .map(|i| {
                    let key = (u128::from(hi.value(i)) << 64) | u128::from(lo.value(i));
                    Some(!keys.contains(&key))
                })
                .collect();
            keep.extend(stays.iter().map(|s| s.unwrap_or(true)));
            write_filtered(&mut index_writer, &batch, &stays, &index_out)?;
        }
        close_writer(index_writer, &index_out)?;
        let data_path = ws.root().join(data);
        let schema = pending.entity().spec().arrow_schema();
        let mut data_writer = parquet_writer(&data_out, &schema)?;
        let mut at = 0usize;
        for batch in parquet_batches(&data_path)? {
            let batch = batch?;
            let n = batch.num_rows();
            let Some(slice) = keep.get(at..at + n) else {
                return Err(Error::Parquet {
                    path: data_path.clone(),
                    message: format!("has more rows than its key index {}", index_path.display()),
                });
            };
            let stays: BooleanArray = slice.iter().map(|&s| Some(s)).collect();
            write_filtered(&mut data_writer, &batch, &stays, &data_out)?;
            at += n;
        }
        if at != keep.len() {
            return Err(Error::Parquet {
                path: data_path.clone(),
                message: format!("has fewer rows than its key index {}", index_path.display()),
            });
        }
        close_writer(data_writer, &data_out)?;
    }
    Ok(())
}

fn parquet_writer(path: &Path, schema: &SchemaRef) -> Result<ArrowWriter<File>> {
    ArrowWriter::try_new(create(path)?, Arc::clone(schema), Some(writer_props()))
        .map_err(parquet_err(path))
}

fn close_writer(writer: ArrowWriter<File>, path: &Path) -> Result<()> {
    writer.close().map_err(parquet_err(path))?;
    Ok(())
}

/// The record batches of a Parquet file we wrote, each read error naming it.
fn parquet_batches(path: &Path) -> Result<impl Iterator<Item = Result<RecordBatch>> + '_> {
    let file = File::open(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_owned(),
        source,
    })?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(parquet_err(path))?;
    Ok(reader.map(move |b| {
        b.map_err(|e| Error::Parquet {
            path: path.to_owned(),
            message: e.to_string(),
        })
    }))
}

fn u64_column(batch: &RecordBatch, i: usize, path: &Path) -> Result<UInt64Array> {
    batch
        .column(i)
        .as_any()
        .downcast_ref::<UInt64Array>()
        .cloned()
        .ok_or_else(|| Error::Parquet {
            path: path.to_owned(),
            message: "the key index has an unexpected layout".into(),
        })
}

fn write_filtered(
    writer: &mut ArrowWriter<File>,
    batch: &RecordBatch,
    keep: &BooleanArray,
    path: &Path,
) -> Result<()> {
    let kept = datafusion::arrow::compute::filter_record_batch(batch, keep).map_err(|e| {
        Error::Parquet {
            path: path.to_owned(),
            message: e.to_string(),
        }
    })?;
    if kept.num_rows() > 0 {
        write_bounded(writer, &kept, path)?;
    }
    Ok(())
}

/// Writes a batch, closing the row group once it holds [`ROW_GROUP_BYTES`].
fn write_bounded(writer: &mut ArrowWriter<File>, batch: &RecordBatch, path: &Path) -> Result<()> {
    writer.write(batch).map_err(parquet_err(path))?;
    if writer.in_progress_size() >= ROW_GROUP_BYTES {
        writer.flush().map_err(parquet_err(path))?;
    }
    Ok(())
}

/// About the bytes a value takes in a column builder.
fn value_bytes(v: &Value) -> usize {
    match v {
        Value::Text(s) => s.len() + 4,
        Value::List(items) => items.iter().map(|s| s.len() + 4).sum::<usize>() + 4,
        _ => 8,
    }
}

fn read_key_index(ws: &Workspace, client: &str, entity: Entity) -> Result<KeyIndex> {
    let mut seen = KeyIndex::default();
    for path in ws.index_files(client, entity)? {
        let load_id = load_of(&path);
        for batch in parquet_batches(&path)? {
            let batch = batch?;
            let (hi, lo, rh) = (
                u64_column(&batch, 0, &path)?,
                u64_column(&batch, 1, &path)?,
                u64_column(&batch, 2, &path)?,
            );
            for i in 0..batch.num_rows() {
                let key = (u128::from(hi.value(i)) << 64) | u128::from(lo.value(i));
                seen.insert(key, (rh.value(i), load_id));
            }
        }
    }
    Ok(seen)
}
