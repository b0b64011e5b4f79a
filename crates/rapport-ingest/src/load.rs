//! The load pipeline: read → map → parse → validate → deduplicate → write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{ArrayRef, BooleanArray, UInt64Array, new_null_array};
use datafusion::arrow::compute::filter_record_batch;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use rapport_schema::{ColumnSpec, Entity};
use rapport_store::{LoadOutcome, PendingLoad, Workspace};
use serde::{Deserialize, Serialize};

use crate::convert::{
    Binding, Composite, ConvertPool, Converted, Entry, Outcome, Problem, RowChunk, RowReader,
};
use crate::error::{Error, Result};
use crate::key_index::KeyIndex;
use crate::mapping::{LINE_COLUMN, Mapping, SourceRef};
use crate::parse::{ParseOptions, Value, parse};
use crate::readers::{CellRef, CsvOptions, Event, Row, expand_inputs, read_file};
use crate::shape::{Explode, Extended, LineNumbers, Merge, Offer, source_index};
use crate::split_writer::SplitWriter;

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
    /// Which entities' rows replace an earlier load's row with the same
    /// key and other values (periodic re-exports of records that change: a
    /// ticket solved since, a subscription ended) instead of being
    /// quarantined or, for a part that keeps other sources' rows, kept out.
    pub replace: Replace,
}

/// Which entities of a load replace earlier rows (`rapport ingest
/// --replace[=ENTITY,…]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Replace {
    /// None: a changed record is quarantined (or kept out, see
    /// [`Mapping::keep_other_sources`]).
    #[default]
    Nothing,
    /// Every entity the load fills.
    All,
    /// These entities only.
    Only(Vec<Entity>),
}

impl Replace {
    /// Whether rows of `entity` replace earlier ones.
    pub fn applies(&self, entity: Entity) -> bool {
        match self {
            Replace::Nothing => false,
            Replace::All => true,
            Replace::Only(entities) => entities.contains(&entity),
        }
    }
}

impl From<bool> for Replace {
    fn from(all: bool) -> Replace {
        if all { Replace::All } else { Replace::Nothing }
    }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemCount {
    pub rule: String,
    pub column: String,
    pub rows: u64,
    /// The first such row's message, with file and row.
    pub example: String,
    /// The first such row's number in its input, and the value it had
    /// (empty when the cell was): what a reader of another language is
    /// shown, the rule being said in theirs.
    #[serde(default)]
    pub example_row: u64,
    #[serde(default)]
    pub example_value: String,
}

/// The result of a load. `loaded + quarantined + duplicates_skipped +
/// continuation_rows == rows_read`, always.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Rows that belong to a record another row of this load gives:
    /// lines that continued the record above (the mapping's
    /// `continuation_rows`: Shopify's extra line items of an order), and
    /// rows merged into their key's row (`merged_rows`). Neither loaded nor
    /// duplicates.
    pub continuation_rows: u64,
    /// Of `continuation_rows`, the rows merged into another row of their
    /// key (a customer's other orders, see [`Mapping::latest_by`]).
    #[serde(default)]
    pub merged_rows: u64,
    /// Of `duplicates_skipped`, rows whose key another source loaded
    /// before, whose row is kept (a CRM's customer over an export's, see
    /// [`Mapping::keep_other_sources`]).
    #[serde(default)]
    pub kept_existing: u64,
    pub problems: Vec<ProblemCount>,
    /// The other entities the same export filled in the same atomic load
    /// (a preset's `[also.ENTITY]` parts), each accounted for on its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<IngestSummary>,
}

impl IngestSummary {
    /// This load's summary and those of the entities it also filled.
    pub fn entities(&self) -> impl Iterator<Item = &IngestSummary> {
        std::iter::once(self).chain(&self.also)
    }
}

/// Rows per Parquet row group, at most.
const ROW_GROUP_ROWS: usize = 131_072;

/// Batches queued for the Parquet writer thread. The writer takes a quarter
/// of a load's CPU in bursts (a row group at a time); a deeper queue lets
/// the reading thread go on meanwhile instead of waiting. A batch is one
/// chunk's rows (at most `CHUNK_BYTES` of text).
const WRITER_QUEUE: usize = 8;

/// Batches written between two requests to write the staged files back
/// to disk (see [`Writeback`]): about a row group's worth.
const WRITEBACK_BATCHES: usize = 16;

/// Chunks kept for reuse once admitted. A chunk's buffers grow to hold its
/// rows; growing fresh ones for every chunk was a tenth of the reading
/// thread's time (reallocation copies). Two cover the reader's pace, and
/// each is bounded by `CHUNK_BYTES`.
const SPARE_CHUNKS: usize = 2;

/// A Parquet row group is also closed once its data reaches this size (the
/// encoded size for [`ArrowWriter`], the Arrow size of the rows it took for
/// a load's [`SplitWriter`]), so that wide rows (long comments, JSON text)
/// do not make it hundreds of megabytes: the writer holds the whole row
/// group until it closes, and memory should depend on neither the length
/// nor the width of the file. (Rows reach the writer in chunks bounded the
/// same way, see `convert::CHUNK_BYTES`.)
const ROW_GROUP_BYTES: usize = 32 << 20;

/// Loads rows into the workspace, atomically (see `rapport_store`).
///
/// ```no_run
/// use rapport_ingest::{ingest, IngestRequest, Input, NoProgress, CsvOptions};
/// use rapport_schema::Entity;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let ws = rapport_store::Workspace::open("agency".as_ref())?;
/// let summary = ingest(&ws, &IngestRequest {
///     client: "acme".into(),
///     entity: Entity::Orders,
///     inputs: vec![Input::Path("orders.csv".into())],
///     mapping: None,
///     csv: CsvOptions::default(),
///     replace: rapport_ingest::Replace::Nothing,
/// }, &NoProgress)?;
/// assert_eq!(
///     summary.loaded + summary.quarantined + summary.duplicates_skipped + summary.continuation_rows,
///     summary.rows_read
/// );
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
    // The entity the request names first, then the parts the mapping
    // adds: every part is read from the same inputs, and all of them are
    // committed together or not at all.
    let mut parts: Vec<(Entity, Mapping)> = vec![(req.entity, mapping.clone())];
    for part in &mapping.also {
        let Some(entity) = part.entity else { continue };
        let mut part = part.clone();
        part.origin = mapping
            .origin
            .as_ref()
            .map(|o| format!("{} [also.{entity}]", o.display()).into());
        parts.push((entity, part));
    }
    let entities: Vec<Entity> = parts.iter().map(|(e, _)| *e).collect();
    let mut pendings = ws.begin_loads(&req.client, &entities)?;
    let mut results: Vec<PassResult> = Vec::with_capacity(parts.len());
    for ((entity, part), pending) in parts.iter().zip(pendings.iter_mut()) {
        // The rows of a part that belong to a quarantined row of the
        // first entity (the line items of a quarantined order) are
        // quarantined with it.
        let parent = results.first().map(|r| (entities[0], &r.quarantined_keys));
        let result = Pass {
            ws,
            entity: *entity,
            mapping: part,
            inputs: &inputs,
            tz,
            csv: req.csv,
            replace: req.replace.applies(*entity),
            source: &source,
            parent,
            collect_keys: results.is_empty() && parts.len() > 1,
        }
        .run(pending, progress)?;
        results.push(result);
    }
    let quarantine_paths: Vec<PathBuf> = pendings.iter().map(|p| p.quarantine_path()).collect();
    let records = rapport_store::commit_group(
        pendings
            .into_iter()
            .zip(results.iter().map(|r| &r.outcome))
            .collect(),
    )?;
    // A column is accounted for when some part reads it or the mapping
    // says why none does.
    let mut unread: Vec<String> = results
        .first()
        .map(|r| r.ignored.iter().cloned().collect())
        .unwrap_or_default();
    unread.retain(|c| results.iter().all(|r| r.ignored.contains(c)));
    let listed = |c: &str| {
        parts
            .iter()
            .any(|(_, m)| m.ignore.keys().any(|k| header_matches(k, c)))
    };
    let unaccounted: Vec<String> = unread.iter().filter(|c| !listed(c)).cloned().collect();
    let total_seconds = started.elapsed().as_secs_f64();
    let mut summaries: Vec<IngestSummary> = Vec::with_capacity(results.len());
    for (i, ((record, result), quarantine)) in records
        .into_iter()
        .zip(results)
        .zip(quarantine_paths)
        .enumerate()
    {
        let mut problems: Vec<ProblemCount> = result.problems.into_values().collect();
        problems.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.rule.cmp(&b.rule)));
        let o = &result.outcome;
        let elapsed = if entities.len() == 1 {
            total_seconds
        } else {
            result.seconds
        };
        summaries.push(IngestSummary {
            load_id: record.id,
            client: req.client.clone(),
            entity: record.entity.clone(),
            source: source.clone(),
            rows_read: o.rows_read,
            loaded: o.loaded,
            quarantined: o.quarantined,
            duplicates_skipped: o.duplicates_skipped,
            replaced: o.replaced,
            quarantine_file: record.quarantine_file.map(|_| quarantine),
            elapsed_seconds: elapsed,
            rows_per_second: if elapsed > 0.0 {
                o.rows_read as f64 / elapsed
            } else {
                0.0
            },
            bytes_read: result.bytes_read,
            // The columns are accounted for once, on the first entity.
            unaccounted_columns: if i == 0 {
                unaccounted.clone()
            } else {
                Vec::new()
            },
            ignored_columns: if i == 0 { unread.clone() } else { Vec::new() },
            report_rows_skipped: result.report_rows,
            continuation_rows: o.continuation_rows,
            merged_rows: result.merged,
            kept_existing: result.kept_existing,
            problems,
            also: Vec::new(),
        });
    }
    let mut first = summaries.remove(0);
    first.also = summaries;
    Ok(first)
}

/// One entity's reading of a load's inputs.
struct Pass<'a> {
    ws: &'a Workspace,
    entity: Entity,
    mapping: &'a Mapping,
    inputs: &'a [Input],
    tz: chrono_tz::Tz,
    csv: CsvOptions,
    replace: bool,
    source: &'a str,
    /// The first entity of the load and the keys of its quarantined rows.
    parent: Option<(Entity, &'a HashSet<String>)>,
    /// Collect the keys of quarantined rows (for the parts that follow).
    collect_keys: bool,
}

/// What one entity's pass gives, before the group commits.
struct PassResult {
    outcome: LoadOutcome,
    problems: BTreeMap<(String, String), ProblemCount>,
    ignored: std::collections::BTreeSet<String>,
    report_rows: u64,
    bytes_read: u64,
    merged: u64,
    kept_existing: u64,
    quarantined_keys: HashSet<String>,
    seconds: f64,
}

impl Pass<'_> {
    fn run(&self, pending: &mut PendingLoad, progress: &dyn Progress) -> Result<PassResult> {
        let started = Instant::now();
        let mapping = self.mapping;
        let constants = parse_constants(mapping, self.entity, self.tz)?;
        let mut state = LoadState::new(self.ws, pending, self.tz, mapping, constants)?;
        state.replace = self.replace;
        state.collect_keys = self.collect_keys;
        let earlier = self.ws.loads(pending.client(), Some(self.entity))?;
        let of_source = |same: bool| -> HashSet<i64> {
            earlier
                .iter()
                .filter(|l| (l.source == self.source) == same && (same || l.yields))
                .map(|l| l.id)
                .collect()
        };
        state.yielding = of_source(false);
        if mapping.keep_other_sources {
            state.keep_other_sources = true;
            state.same_source = of_source(true);
        }
        if mapping.line_numbers.is_some() {
            state.numbers = Some(LineNumbers::default());
        }
        if let Some(column) = &mapping.explode {
            // The element's fields the mapping reads: `line_items.sku` → `sku`.
            let prefix = format!("{column}.");
            let mut fields: Vec<String> = Vec::new();
            for c in mapping.columns.values() {
                for r in c.parts.iter().chain(c.factors.iter().map(|f| &f.from)) {
                    if let Some(field) = r.column.strip_prefix(&prefix)
                        && !fields.iter().any(|f| f == field)
                    {
                        fields.push(field.to_owned());
                    }
                }
            }
            state.explode = Some(Explode {
                column: column.clone(),
                fields,
                at: None,
            });
        }
        if let Some(by) = &mapping.latest_by {
            let at = self
                .entity
                .spec()
                .columns
                .iter()
                .position(|c| c.name == by)
                .unwrap_or(0);
            state.merge = Some((Merge::default(), at));
        }
        if let Some((parent, keys)) = self.parent {
            // The part's column that holds the parent's key (`order_id`).
            let parent_key = parent.spec().key;
            if let [key] = parent_key
                && self.entity.spec().key.contains(key)
                && let Some(at) = self
                    .entity
                    .spec()
                    .columns
                    .iter()
                    .position(|c| c.name == *key)
            {
                state.parent = Some(ParentCheck {
                    entity: parent,
                    column: at,
                    keys: keys.clone(),
                });
            }
        }
        state.expected_bytes = self
            .inputs
            .iter()
            .map(|i| match i {
                Input::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
                Input::Postgres { .. } => 0,
            })
            .sum();
        let mut names = Vec::new();
        for input in self.inputs {
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
                        skip_lines: self.csv.skip_lines.max(mapping.skip_lines),
                        ..self.csv
                    };
                    read_file(p, csv, &mut on)?;
                }
                Input::Postgres { url, query } => {
                    progress.input_started(&name, None);
                    crate::postgres::read_postgres(url, query, &mut on)?;
                }
            }
        }
        state.flush_merged()?;
        state.finish()?;
        rewrite_superseded(self.ws, pending, &state.superseded)?;
        Ok(PassResult {
            outcome: LoadOutcome {
                source: self.source.to_owned(),
                inputs: names,
                rows_read: state.rows_read,
                loaded: state.loaded,
                quarantined: state.quarantined,
                duplicates_skipped: state.duplicates,
                continuation_rows: state.continuations,
                replaced: state.replaced,
                yields: mapping.keep_other_sources,
            },
            problems: state.problems,
            ignored: state.ignored,
            report_rows: state.report_rows,
            bytes_read: state.bytes_read,
            merged: state.merged,
            kept_existing: state.kept_existing,
            quarantined_keys: state.quarantined_keys,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// The rows of a part whose parent row (an order) was quarantined in the
/// same load are quarantined too: line items without their order would
/// count in baskets of an order that is not data.
struct ParentCheck {
    entity: Entity,
    /// The part's canonical column holding the parent's key.
    column: usize,
    keys: HashSet<String>,
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

fn index_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("key_hi", DataType::UInt64, false),
        Field::new("key_lo", DataType::UInt64, false),
        Field::new("row_hash", DataType::UInt64, false),
    ]))
}

fn writer_props() -> parquet::file::properties::WriterPropertiesBuilder {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
}

/// Writer settings for an entity's data. A column whose values are
/// (nearly) all distinct gets no dictionary: the writer would intern every
/// value until the dictionary overflows, then fall back to plain encoding
/// anyway, and interning was a sixth of a large load's time. That is the
/// key when it is one column (a load's keys are unique, see [`KeyCheck`])
/// and every timestamp (to the second, events rarely share one). The
/// dictionary is also capped at 256 KB, so a column of many distinct
/// values (customer ids on orders) gives up early, while one of few
/// (status, channel, country) keeps it.
///
/// Every column keeps its min/max statistics, text included, although
/// computing them compares every value with the running extremes (about
/// 3 % of a load's CPU) and our plans prune only on time: other readers
/// of the workspace use them. Without them DuckDB ran `rapport-bench
/// metrics`' session plan (grouping by the string session id) 25 % slower
/// on the same rows.
///
/// Public so that anything else writing an entity's data (the metrics
/// bench's generator) writes the files a load would.
pub fn data_props(entity: Entity) -> WriterProperties {
    let spec = entity.spec();
    let mut props = writer_props().set_dictionary_page_size_limit(256 << 10);
    let unique = spec
        .columns
        .iter()
        .filter(|c| c.ty == rapport_schema::ColumnType::Timestamp || spec.key == [c.name]);
    for c in unique {
        props = props.set_column_dictionary_enabled(ColumnPath::from(c.name), false);
    }
    props.build()
}

/// Writer settings for the key index: hashes, all distinct and
/// incompressible, so neither a dictionary nor compression; and no
/// statistics, whose min and max of uniform hashes span the whole range
/// and prune nothing (the index is always read whole), while computing
/// them compared every one of the three values of every row.
fn index_props() -> WriterProperties {
    writer_props()
        .set_dictionary_enabled(false)
        .set_compression(Compression::UNCOMPRESSED)
        .set_statistics_enabled(EnabledStatistics::None)
        .build()
}

/// A reader reported a row before the header; every reader reports the
/// header first, so this is a bug, and the row must not vanish silently.
fn no_header(input: &str) -> Error {
    Error::Unreadable {
        input: input.to_owned(),
        message: "internal error: a row came before the header".to_owned(),
    }
}

/// An Arrow error while assembling a batch for `path`.
fn parquet_err_at(path: &Path) -> impl Fn(datafusion::arrow::error::ArrowError) -> Error + '_ {
    move |e| Error::Parquet {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

pub(crate) fn parquet_err(path: &Path) -> impl Fn(parquet::errors::ParquetError) -> Error + '_ {
    move |e| Error::Parquet {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Everything one load accumulates while rows stream through.
struct LoadState<'a> {
    entity: Entity,
    columns: &'static [ColumnSpec],
    tz: chrono_tz::Tz,
    mapping: &'a Mapping,
    constants: HashMap<String, Value>,
    load_id: i64,
    /// How the current input's rows are read; set by its header.
    reader: Option<Arc<RowReader>>,
    /// Rows of the current input not yet handed to the workers.
    chunk: Option<RowChunk>,
    /// Chunks the load is done with, whose buffers the next rows reuse.
    spare_chunks: Vec<RowChunk>,
    /// The workers; `None` only while handing chunks back.
    pool: Option<ConvertPool>,
    /// The key of the previous row as read, for `continuation_rows`.
    previous_key: Option<Vec<String>>,
    /// Total size of the inputs when known, to size the key index once.
    expected_bytes: u64,
    keys_reserved: bool,
    /// Rows handed to the workers so far.
    rows_queued: u64,
    /// `rows_queued` when the reader last reported `bytes_read`: the two
    /// give the rows per byte that size the key index.
    rows_at_bytes: u64,
    report_rows: u64,
    continuations: u64,
    // Outputs:
    data_path: PathBuf,
    index_path: PathBuf,
    quarantine_path: PathBuf,
    /// Parquet encoding runs on its own thread, overlapping with parsing.
    sink: Option<ParquetSink>,
    quarantine: Option<csv::Writer<File>>,
    /// The stored schema: the canonical columns, without the `client_id`
    /// and `source` the engine adds.
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
    // Multi-entity exports (see `crate::shape`):
    /// Collect the keys of quarantined rows, as read.
    collect_keys: bool,
    quarantined_keys: HashSet<String>,
    /// Rows of parents quarantined in this load: quarantined too.
    parent: Option<ParentCheck>,
    /// Keys another source loaded keep that row; the same source's rows
    /// are replaced.
    keep_other_sources: bool,
    same_source: HashSet<i64>,
    kept_existing: u64,
    /// Earlier loads of other sources whose rows yield to this load's
    /// (customers read from an order export, when a CRM's arrive).
    yielding: HashSet<i64>,
    /// Line numbers within each record, as the extra column `#line`.
    numbers: Option<LineNumbers>,
    /// One row per element of a list column.
    explode: Option<Explode>,
    /// One row per key, and the canonical column that orders a key's rows.
    merge: Option<(Merge, usize)>,
    merged: u64,
}

impl<'a> LoadState<'a> {
    fn new(
        ws: &Workspace,
        pending: &PendingLoad,
        tz: chrono_tz::Tz,
        mapping: &'a Mapping,
        constants: HashMap<String, Value>,
    ) -> Result<Self> {
        let entity = pending.entity();
        let spec = entity.spec();
        let seen = read_key_index(ws, pending.client(), entity)?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(LoadState {
            entity,
            columns: spec.columns,
            tz,
            mapping,
            constants,
            load_id: pending.id(),
            reader: None,
            chunk: None,
            spare_chunks: Vec::new(),
            pool: Some(ConvertPool::new(threads)),
            previous_key: None,
            report_rows: 0,
            continuations: 0,
            data_path: pending.staging_data_path(),
            index_path: pending.staging_index_path(),
            quarantine_path: pending.staging_quarantine_path(),
            sink: None,
            quarantine: None,
            schema: spec.stored_schema(),
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
            expected_bytes: 0,
            keys_reserved: false,
            rows_queued: 0,
            rows_at_bytes: 0,
            collect_keys: false,
            quarantined_keys: HashSet::new(),
            parent: None,
            keep_other_sources: false,
            same_source: HashSet::new(),
            kept_existing: 0,
            yielding: HashSet::new(),
            numbers: None,
            explode: None,
            merge: None,
            merged: 0,
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
            Event::Header(h) => {
                // The rows so far were read with the previous input's header.
                self.submit_chunk()?;
                if let Some(numbers) = &mut self.numbers {
                    let by = self.mapping.line_numbers.as_deref().unwrap_or_default();
                    let column = find_column(h, &SourceRef::parse(by))
                        .map_err(|message| Error::Mapping {
                            origin: format!("{input}: mapping"),
                            message,
                        })?
                        .ok_or_else(|| Error::MissingColumns {
                            input: input.to_owned(),
                            entity: self.entity.name().to_owned(),
                            missing: vec![format!("{by}` (for `line_numbers")],
                            available: h.to_vec(),
                            hint: "line numbers count the lines of each record; name the column that holds the record's id".to_owned(),
                        })?;
                    numbers.restart(Some(column));
                    let mut numbered = h.to_vec();
                    numbered.push(LINE_COLUMN.to_owned());
                    return self.bind(input, &numbered);
                }
                if let Some(explode) = &mut self.explode {
                    explode.at = h.iter().position(|c| *c == explode.column);
                    if explode.at.is_none() {
                        return Err(Error::MissingColumns {
                            input: input.to_owned(),
                            entity: self.entity.name().to_owned(),
                            missing: vec![format!("{}` (for `explode", explode.column)],
                            available: h.to_vec(),
                            hint: "each row's list of items is read from that column".to_owned(),
                        });
                    }
                    let mut exploded = h.to_vec();
                    exploded.extend(explode.added_columns());
                    return self.bind(input, &exploded);
                }
                if let Some((merge, _)) = &mut self.merge {
                    merge.input(input, h);
                }
                self.bind(input, h)
            }
            Event::Row { row, line, cells } => {
                if self.mapping.continuation_rows {
                    // Report rows are not records: a continuation is judged
                    // against the record above, as in the export.
                    if self.reader.as_ref().is_some_and(|r| r.is_report_row(cells)) {
                        self.report_rows += 1;
                        return Ok(());
                    }
                    if self.continues_previous(cells) {
                        self.rows_read += 1;
                        self.continuations += 1;
                        return Ok(());
                    }
                }
                if let Some(numbers) = &mut self.numbers {
                    let extra = [Some(numbers.next(cells).to_owned())];
                    let at = self.reader.as_ref().map_or(0, |r| r.header.len() - 1);
                    let numbered = Extended {
                        inner: cells,
                        at,
                        extra: &extra,
                    };
                    return self.take_row(input, row, line, &numbered);
                }
                if let Some(explode) = &self.explode {
                    return self.take_elements(input, row, line, cells, explode.elements(cells));
                }
                self.take_row(input, row, line, cells)
            }
            Event::Malformed {
                row,
                line,
                message,
                raw,
            } => self.queue(input, |chunk| chunk.push_malformed(row, line, message, raw)),
            Event::Progress(bytes) => {
                self.bytes_read = bytes_before + bytes;
                self.rows_at_bytes = self.rows_queued;
                progress.advanced(bytes, self.rows_read);
                Ok(())
            }
        }
    }

    /// A row of the input, for the workers unless it belongs to a
    /// quarantined parent or is merged into its key's row.
    fn take_row(
        &mut self,
        input: &str,
        row: u64,
        line: Option<u64>,
        cells: &dyn Row,
    ) -> Result<()> {
        if self.parent.is_none() && self.merge.is_none() {
            // Every load of one entity comes this way, row by row: no
            // reader handle is taken for checks it does not make.
            return self.queue(input, |chunk| chunk.push_row(row, line, cells));
        }
        let Some(reader) = self.reader.clone() else {
            return Err(no_header(input));
        };
        if let Some(parent) = &self.parent
            && let Some(i) = source_index(&reader, parent.column)
        {
            let key = crate::parse::display(cells.cell(i));
            if parent.keys.contains(&key) {
                self.rows_read += 1;
                let column = self.columns[parent.column].name;
                let p = Problem {
                    column: column.to_owned(),
                    value: key.clone(),
                    rule: "parent_quarantined",
                    message: format!(
                        "{column} {key}: that row of {} was quarantined in this load, so this row is kept out with it",
                        parent.entity
                    ),
                };
                let raw = cells.raw(&reader.header);
                return self.quarantine_row(input, row, line, &[p], &raw);
            }
        }
        if let Some((merge, by)) = &mut self.merge {
            if reader.is_report_row(cells) {
                self.report_rows += 1;
                return Ok(());
            }
            if let Offer::Kept = merge.offer(&reader, *by, row, line, cells) {
                return Ok(());
            }
        }
        self.queue(input, |chunk| chunk.push_row(row, line, cells))
    }

    /// The rows of one row's list (see [`Explode`]): each element is a
    /// row of its own, with the list row's number; a list that is not one
    /// quarantines the row.
    fn take_elements(
        &mut self,
        input: &str,
        row: u64,
        line: Option<u64>,
        cells: &dyn Row,
        elements: std::result::Result<Vec<Vec<Option<String>>>, String>,
    ) -> Result<()> {
        let Some(reader) = self.reader.clone() else {
            return Err(no_header(input));
        };
        let width = reader.header.len() - self.explode.as_ref().map_or(0, |e| e.fields.len() + 1);
        match elements {
            Ok(elements) => {
                for extra in &elements {
                    let element = Extended {
                        inner: cells,
                        at: width,
                        extra,
                    };
                    self.take_row(input, row, line, &element)?;
                }
                Ok(())
            }
            Err(message) => {
                self.rows_read += 1;
                let column = self
                    .explode
                    .as_ref()
                    .map(|e| e.column.clone())
                    .unwrap_or_default();
                let p = Problem {
                    column,
                    value: String::new(),
                    rule: "type",
                    message,
                };
                let raw = cells.raw(&reader.header[..width]);
                self.quarantine_row(input, row, line, &[p], &raw)
            }
        }
    }

    /// Hands the merged rows (one per key) to the workers, once every
    /// input is read; the rows merged into them are accounted for as
    /// continuations.
    fn flush_merged(&mut self) -> Result<()> {
        let Some((merge, by)) = self.merge.take() else {
            return Ok(());
        };
        self.submit_chunk()?;
        let inputs = merge.inputs.clone();
        let mut by_source = Vec::with_capacity(inputs.len());
        for (name, header) in &inputs {
            self.bind(name, header)?;
            by_source.push(self.reader.as_ref().and_then(|r| source_index(r, by)));
        }
        let merged = merge.merged;
        let mut current = None;
        for (input, row, line, cells) in merge.finish(|i| by_source.get(i).copied().flatten()) {
            let Some((name, header)) = inputs.get(input) else {
                continue;
            };
            if current != Some(input) {
                self.submit_chunk()?;
                self.bind(name, header)?;
                current = Some(input);
            }
            self.queue(name, |chunk| chunk.push_row(row, line, &cells))?;
        }
        self.rows_read += merged;
        self.continuations += merged;
        self.merged = merged;
        Ok(())
    }

    /// Adds an input position to the current chunk (`push`), and hands the
    /// chunk over once it is full.
    fn queue(&mut self, input: &str, push: impl FnOnce(&mut RowChunk)) -> Result<()> {
        let Some(reader) = self.reader.as_ref() else {
            return Err(no_header(input));
        };
        let spare = &mut self.spare_chunks;
        let chunk = self
            .chunk
            .get_or_insert_with(|| RowChunk::reuse(spare.pop(), reader));
        push(chunk);
        self.rows_queued += 1;
        if chunk.is_full() {
            self.submit_chunk()?;
        }
        Ok(())
    }

    /// Hands the rows gathered so far to the workers, and takes back (in
    /// input order) the chunks they have finished.
    fn submit_chunk(&mut self) -> Result<()> {
        let Some(mut chunk) = self.chunk.take() else {
            return Ok(());
        };
        chunk.seal().map_err(|e| Error::Unreadable {
            input: chunk.reader.input.clone(),
            message: format!("internal error: a chunk of rows is not UTF-8 ({e})"),
        })?;
        // The pool is taken out while it hands chunks back to `admit`,
        // which needs the rest of the state.
        let Some(mut pool) = self.pool.take() else {
            return Ok(());
        };
        let result = pool.submit(chunk, &mut |c| self.admit(c));
        self.pool = Some(pool);
        result
    }

    /// Resolves which source column feeds each canonical column; fails the
    /// load before any row of this input is read when a required column is
    /// missing.
    fn bind(&mut self, input: &str, header: &[String]) -> Result<()> {
        self.reader = None;
        self.previous_key = None;
        let skip_rows = self
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
        let spec = self.entity.spec();
        let minor: Vec<usize> = (0..self.columns.len())
            .filter(|&i| {
                self.mapping
                    .columns
                    .get(self.columns[i].name)
                    .is_some_and(|m| m.minor_units)
            })
            .collect();
        self.reader = Some(Arc::new(RowReader {
            input: input.to_owned(),
            header: header.to_vec(),
            entity: self.entity,
            columns: self.columns,
            bindings,
            tz: self.tz,
            decimal_separator: self.mapping.decimal_separator,
            key_idx: spec
                .key
                .iter()
                .filter_map(|k| self.columns.iter().position(|c| c.name == *k))
                .collect(),
            minor_units: self
                .columns
                .iter()
                .position(|c| c.name == "currency")
                .filter(|_| !minor.is_empty())
                .map(|cur| (cur, minor)),
            skip_rows,
        }));
        Ok(())
    }

    /// Takes back a converted chunk, in input order: counts its rows,
    /// quarantines the bad ones, checks the valid ones against the key
    /// index and sends the new ones to the Parquet writer.
    fn admit(&mut self, converted: Converted) -> Result<()> {
        self.seen.adopt_reserved(false);
        let reader = Arc::clone(&converted.chunk.reader);
        let mut keep = Vec::with_capacity(converted.hashes.len());
        let mut hashes = converted.hashes.iter();
        let mut outcomes = converted.outcomes.iter();
        let mut warmed = 0;
        let lost = |what: &str| Error::Unreadable {
            input: reader.input.clone(),
            message: format!("internal error: a converted chunk lost a row's {what}"),
        };
        for entry in &converted.chunk.entries {
            let (row, line, at) = match entry {
                Entry::Row { row, line, at } => (*row, *line, *at),
                Entry::Malformed {
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
                        message: message.clone(),
                    };
                    self.quarantine_row(&reader.input, *row, *line, &[p], raw)?;
                    continue;
                }
            };
            match outcomes.next().ok_or_else(|| lost("outcome"))? {
                Outcome::ReportRow => {
                    self.report_rows += 1;
                    continue;
                }
                Outcome::Bad(problems) => {
                    self.rows_read += 1;
                    if self.collect_keys
                        && let Some(key) = reader.raw_key(&converted.chunk.row(at))
                        && let [key] = key.as_slice()
                        && !key.trim().is_empty()
                    {
                        self.quarantined_keys.insert(key.clone());
                    }
                    let raw = converted.chunk.row(at).raw(&reader.header);
                    self.quarantine_row(&reader.input, row, line, problems, &raw)?;
                    continue;
                }
                Outcome::Good => self.rows_read += 1,
            }
            if keep.len() == warmed {
                warmed = self.warm_keys(&converted.hashes, warmed);
            }
            let &(key, row_hash) = hashes.next().ok_or_else(|| lost("hashes"))?;
            match self.check_key(key, row_hash) {
                KeyCheck::New => {
                    self.loaded += 1;
                    keep.push(true);
                }
                KeyCheck::Replaces(load) => {
                    // The re-exported record changed: this row is now the data.
                    self.superseded.entry(load).or_default().insert(key);
                    self.replaced += 1;
                    self.loaded += 1;
                    keep.push(true);
                }
                KeyCheck::Duplicate => {
                    self.duplicates += 1;
                    keep.push(false);
                }
                KeyCheck::KeptExisting => {
                    self.duplicates += 1;
                    self.kept_existing += 1;
                    keep.push(false);
                }
                KeyCheck::Conflict(load) => {
                    keep.push(false);
                    let key_text = converted.key_text(at);
                    let where_ = if load == self.load_id {
                        "earlier in this load".to_owned()
                    } else {
                        format!("in load {load}")
                    };
                    let spec = self.entity.spec();
                    let p = Problem {
                        column: spec.key.join("+"),
                        value: key_text.clone(),
                        rule: "key_conflict",
                        message: format!(
                            "{} {key_text} was already loaded {where_} with different values; {}",
                            spec.key.join(" + "),
                            if load == self.load_id {
                                "one export cannot hold two versions of a record"
                            } else {
                                "if the record changed since (a re-export), load with --replace"
                            }
                        ),
                    };
                    let raw = converted.chunk.row(at).raw(&reader.header);
                    self.quarantine_row(&reader.input, row, line, &[p], &raw)?;
                }
            }
        }
        self.write_rows(&converted.arrays, &converted.hashes, keep)?;
        if self.spare_chunks.len() < SPARE_CHUNKS {
            self.spare_chunks.push(converted.chunk);
        }
        Ok(())
    }

    /// Touches the home slots of the next keys of a chunk (from `from`)
    /// before they are checked one by one, and returns where it stopped.
    /// On a large load the key index is far bigger than the CPU caches and
    /// each probe waits for memory; independent reads in a row wait
    /// together, so the checks that follow find their slots cached.
    fn warm_keys(&self, hashes: &[(u128, u64)], from: usize) -> usize {
        const AHEAD: usize = 32;
        let to = (from + AHEAD).min(hashes.len());
        for (key, _) in &hashes[from..to] {
            self.seen.prefetch(*key);
        }
        to
    }

    /// Deduplicates on the natural key: identical rows are skipped,
    /// conflicting ones quarantined (or, with `replace`, replace the
    /// earlier load's row). One probe of the key index per row: on a large
    /// load the index is far bigger than the CPU caches, and each probe is
    /// a cache miss.
    fn check_key(&mut self, key: u128, row_hash: u64) -> KeyCheck {
        match self.seen.get_or_insert(key, (row_hash, self.load_id)) {
            None => KeyCheck::New,
            Some((h, _)) if h == row_hash => KeyCheck::Duplicate,
            Some((_, load))
                if load != self.load_id
                    && (self.replace
                        || self.yielding.contains(&load)
                        || (self.keep_other_sources && self.same_source.contains(&load))) =>
            {
                self.seen.insert(key, (row_hash, self.load_id));
                KeyCheck::Replaces(load)
            }
            Some((_, load)) if load != self.load_id && self.keep_other_sources => {
                KeyCheck::KeptExisting
            }
            Some((_, load)) => KeyCheck::Conflict(load),
        }
    }

    /// Sends the kept rows of a converted chunk to the Parquet writer, with
    /// their key-index rows.
    fn write_rows(
        &mut self,
        arrays: &[ArrayRef],
        hashes: &[(u128, u64)],
        keep: Vec<bool>,
    ) -> Result<()> {
        let n = keep.len();
        let kept = keep.iter().filter(|k| **k).count();
        if kept == 0 {
            return Ok(());
        }
        self.reserve_keys();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays.to_vec())
            .map_err(parquet_err_at(&self.data_path))?;
        let hi: UInt64Array = hashes.iter().map(|k| (k.0 >> 64) as u64).collect();
        let lo: UInt64Array = hashes.iter().map(|k| k.0 as u64).collect();
        let rh: UInt64Array = hashes.iter().map(|k| k.1).collect();
        let index = RecordBatch::try_new(
            index_schema(),
            vec![Arc::new(hi), Arc::new(lo), Arc::new(rh)],
        )
        .map_err(parquet_err_at(&self.index_path))?;
        let (batch, index) = if kept < n {
            let mask = BooleanArray::from(keep);
            (
                filter_record_batch(&batch, &mask).map_err(parquet_err_at(&self.data_path))?,
                filter_record_batch(&index, &mask).map_err(parquet_err_at(&self.index_path))?,
            )
        } else {
            (batch, index)
        };
        if self.sink.is_none() {
            self.sink = Some(ParquetSink::start(
                self.entity,
                self.data_path.clone(),
                self.index_path.clone(),
                Arc::clone(&self.schema),
            ));
        }
        if let Some(sink) = self.sink.as_mut() {
            sink.send(batch, index)?;
        }
        Ok(())
    }

    /// Once 8 MB of input are read, sizes the key index for the rows the
    /// inputs hold at the rate seen so far: growing it by doubling would
    /// copy it repeatedly and briefly hold the old and the new table
    /// together, which is most of a large load's peak memory. (Earlier,
    /// the reader's buffers, read ahead of the rows, skew the rate; smaller
    /// inputs grow cheaply.)
    fn reserve_keys(&mut self) {
        const AFTER_BYTES: u64 = 8 << 20;
        if self.keys_reserved || self.expected_bytes == 0 || self.bytes_read < AFTER_BYTES {
            return;
        }
        self.keys_reserved = true;
        // Not `rows_queued`, which runs ahead of `bytes_read` by the rows
        // read since the reader's last report (up to a chunk per worker).
        let rate = self.rows_at_bytes as f64 / self.bytes_read as f64;
        let expected = (self.expected_bytes as f64 * rate * 1.03) as usize;
        // Reserving never lowers memory; a bad estimate only costs growth.
        let more = expected.saturating_sub(self.seen.len()).min(2_000_000_000);
        self.seen.reserve_in_background(more);
    }

    /// Whether this row repeats the previous row's key as read (before
    /// any parsing), i.e. is a continuation line of that record.
    fn continues_previous(&mut self, cells: &dyn Row) -> bool {
        let Some(key) = self.reader.as_ref().and_then(|r| r.raw_key(cells)) else {
            return false;
        };
        if key.iter().all(String::is_empty) {
            return false;
        }
        let same = self.previous_key.as_ref() == Some(&key);
        self.previous_key = Some(key);
        same
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
                    example_row: row,
                    example_value: p.value.clone(),
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
        self.submit_chunk()?;
        if let Some(mut pool) = self.pool.take() {
            pool.drain(&mut |c| self.admit(c))?;
        }
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
            self.loaded + self.quarantined + self.duplicates + self.continuations,
            self.rows_read
        );
        Ok(())
    }
}

/// Writes the files being staged to disk while the load goes on, on a
/// thread of its own, so that the commit's `fsync` (which atomicity needs:
/// the catalog must never name a file that is not on disk) finds little
/// left to write. Without it the two syncs of a 10M-row load (470 MB) took
/// 0.18 s at the end, with every other thread done. Its own errors are
/// ignored: the commit's `fsync` reports them.
struct Writeback {
    tx: Option<std::sync::mpsc::SyncSender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Writeback {
    fn start(files: &[(&File, &Path)]) -> Result<Writeback> {
        let files = files
            .iter()
            .map(|(f, path)| {
                f.try_clone().map_err(|source| Error::Io {
                    action: "cannot open",
                    path: path.to_path_buf(),
                    source,
                })
            })
            .collect::<Result<Vec<File>>>()?;
        // One nudge waits while a sync runs; more would only repeat it.
        let (tx, rx) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::spawn(move || {
            for () in rx {
                for f in &files {
                    let _ = f.sync_data();
                }
            }
        });
        Ok(Writeback {
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    /// Asks for a sync of what has been written so far, unless one is
    /// already asked for.
    fn nudge(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.try_send(());
        }
    }
}

impl Drop for Writeback {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Writes the data and key-index Parquet files on a background thread, fed
/// through a bounded channel so memory stays at a few batches.
struct ParquetSink {
    tx: Option<std::sync::mpsc::SyncSender<(RecordBatch, RecordBatch)>>,
    worker: Option<std::thread::JoinHandle<Result<()>>>,
}

impl ParquetSink {
    fn start(
        entity: Entity,
        data_path: PathBuf,
        index_path: PathBuf,
        schema: SchemaRef,
    ) -> ParquetSink {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(RecordBatch, RecordBatch)>(WRITER_QUEUE);
        let worker = std::thread::spawn(move || -> Result<()> {
            let data_file = create(&data_path)?;
            let index_file = create(&index_path)?;
            let writeback =
                Writeback::start(&[(&data_file, &data_path), (&index_file, &index_path)])?;
            let mut data = SplitWriter::new(
                data_file,
                &data_path,
                &schema,
                data_props(entity),
                ROW_GROUP_ROWS,
                ROW_GROUP_BYTES,
            )?;
            let mut index = ArrowWriter::try_new(index_file, index_schema(), Some(index_props()))
                .map_err(parquet_err(&index_path))?;
            for (n, (batch, keys)) in rx.into_iter().enumerate() {
                data.write(&batch)?;
                write_bounded(&mut index, &keys, &index_path)?;
                if n % WRITEBACK_BATCHES == WRITEBACK_BATCHES - 1 {
                    writeback.nudge();
                }
            }
            data.close()?;
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

/// What the key index says of a valid row.
enum KeyCheck {
    /// A key not seen before.
    New,
    /// The same key with the same values: already loaded.
    Duplicate,
    /// The same key with other values in this earlier load, and `replace`.
    Replaces(i64),
    /// The same key with other values in this load, or in an earlier one
    /// without `replace`.
    Conflict(i64),
    /// The same key with other values in an earlier load of another
    /// source, whose row is kept (`keep_other_sources`).
    KeptExisting,
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
        let mut index_writer = parquet_writer(&index_out, &index_schema, index_props())?;
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
        let schema = pending.entity().spec().stored_schema();
        let mut data_writer = parquet_writer(&data_out, &schema, data_props(pending.entity()))?;
        let mut at = 0usize;
        for batch in parquet_batches(&data_path)? {
            let batch = stored_layout(&batch?, &schema).map_err(parquet_err_at(&data_path))?;
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

/// A batch of a data file in the stored layout: files written before
/// `client_id` and `source` were left to the engine still hold them (they
/// are dropped), and a column the file lacks is null.
fn stored_layout(
    batch: &RecordBatch,
    schema: &SchemaRef,
) -> std::result::Result<RecordBatch, datafusion::arrow::error::ArrowError> {
    let columns = schema
        .fields()
        .iter()
        .map(|f| {
            batch.column_by_name(f.name()).map_or_else(
                || new_null_array(f.data_type(), batch.num_rows()),
                Arc::clone,
            )
        })
        .collect();
    RecordBatch::try_new(Arc::clone(schema), columns)
}

fn parquet_writer(
    path: &Path,
    schema: &SchemaRef,
    props: WriterProperties,
) -> Result<ArrowWriter<File>> {
    ArrowWriter::try_new(create(path)?, Arc::clone(schema), Some(props)).map_err(parquet_err(path))
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
