//! Row conversion: how the cells of one input row become canonical values,
//! validated and hashed, on worker threads.
//!
//! Converting a row (parse, map, validate, hash) depends only on the row
//! and on how the input's header was bound, so it runs on every core; what
//! depends on the rows before it (the key index, the counts, the
//! quarantine file) stays with the load, which takes the converted chunks
//! back in input order. A load therefore gives the same result whatever
//! the number of threads.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder, TimestampMicrosecondBuilder,
};
use rapport_schema::{
    ColumnSpec, ColumnType, Entity, RowRule, Rule, default_survey_scale, is_period_label,
};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::error::{Error, Result};
use crate::load::header_matches;
use crate::mapping::{Case, ColumnMapping, Factor};
use crate::parse::{ParseOptions, Value, display, parse};
use crate::readers::{CellRef, Row, text_cell, trim_cell};

mod columnwise;

/// Rows per chunk handed to a worker: large enough that the hand-over costs
/// little per row, small enough that a few chunks in flight stay a few MB.
pub(crate) const CHUNK_ROWS: usize = 8192;
/// A chunk is also handed over once its text reaches this many bytes, so
/// that wide rows (long comments) keep chunks, and memory, small.
pub(crate) const CHUNK_BYTES: usize = 4 << 20;

/// How the rows of one input become canonical values: fixed once the
/// input's header is bound, and shared read-only by the worker threads.
#[derive(Debug)]
pub(crate) struct RowReader {
    /// The input's name, for messages.
    pub input: String,
    pub header: Vec<String>,
    pub entity: Entity,
    pub columns: &'static [ColumnSpec],
    pub bindings: Vec<Binding>,
    pub tz: chrono_tz::Tz,
    /// The mapping's file-wide decimal separator.
    pub decimal_separator: Option<char>,
    /// Positions of the key columns among `columns`.
    pub key_idx: Vec<usize>,
    /// The currency column and the columns in its minor units, if any.
    pub minor_units: Option<(usize, Vec<usize>)>,
    /// Column index → pattern of the mapping's `skip_rows`.
    pub skip_rows: Vec<(usize, String)>,
}

/// Scratch space of one worker, reused from row to row.
#[derive(Default)]
struct Scratch {
    values: Vec<Value>,
    hash_buf: Vec<u8>,
    columnwise: columnwise::HashBuffers,
}

impl RowReader {
    /// Whether the row is one of the export's own summary rows
    /// (`skip_rows`): not data, and not counted.
    pub(crate) fn is_report_row(&self, cells: &dyn Row) -> bool {
        self.skip_rows
            .iter()
            .any(|(i, p)| header_matches(p, &display(cells.cell(*i))))
    }

    /// The row's key as read (before any parsing), for `continuation_rows`;
    /// `None` when a key column is not read from the input.
    pub(crate) fn raw_key(&self, cells: &dyn Row) -> Option<Vec<String>> {
        let mut key = Vec::with_capacity(self.key_idx.len());
        for &k in &self.key_idx {
            match &self.bindings[k] {
                Binding::Source { index, .. } => key.push(display(cells.cell(*index))),
                _ => return None,
            }
        }
        Some(key)
    }

    /// Converts one row into `values`, collecting what is wrong with it.
    /// `values` keeps the previous row's values, so that text is copied
    /// into their buffers instead of new ones: most cells of an export are
    /// text, and an allocation per cell was a tenth of a load's time.
    fn convert(&self, cells: &dyn Row, values: &mut Vec<Value>, problems: &mut Vec<Problem>) {
        values.resize(self.columns.len(), Value::Null);
        for ((c, binding), slot) in self
            .columns
            .iter()
            .zip(&self.bindings)
            .zip(values.iter_mut())
        {
            *slot = match binding {
                Binding::Absent => Value::Null,
                Binding::Constant(v) => v.clone(),
                Binding::Source {
                    index,
                    source_name,
                    mapping,
                    composite,
                } => {
                    if composite.is_none() && c.ty == ColumnType::Text && is_plain_text(mapping) {
                        match (cells.cell(*index), &mut *slot) {
                            (CellRef::Null, slot) => {
                                *slot = Value::Null;
                                continue;
                            }
                            (CellRef::Text(s), Value::Text(buf)) => {
                                buf.clear();
                                buf.push_str(trim_cell(s));
                                continue;
                            }
                            (CellRef::Text(s), slot) => {
                                *slot = Value::Text(trim_cell(s).to_owned());
                                continue;
                            }
                            // Typed cells (JSON, Parquet) take the general path.
                            _ => {}
                        }
                    }
                    self.source_value(c, cells, *index, source_name, mapping, composite, problems)
                }
            };
        }
        self.apply_minor_units(values, problems);
        self.check_values(values, problems);
    }

    /// The value of a column read from the input: the cell (or the parts
    /// of a composite), through the value map, parsed, then the case and
    /// the factors applied.
    #[allow(clippy::too_many_arguments)]
    fn source_value(
        &self,
        c: &ColumnSpec,
        cells: &dyn Row,
        index: usize,
        source_name: &str,
        mapping: &Option<Box<ColumnMapping>>,
        composite: &Option<Box<Composite>>,
        problems: &mut Vec<Problem>,
    ) -> Value {
        let joined;
        let raw = match composite {
            None => cells.cell(index),
            Some(comp) => match join_parts(cells, &comp.parts, comp.coalesce) {
                Ok(Some(text)) => {
                    joined = text;
                    CellRef::Text(&joined)
                }
                Ok(None) => CellRef::Null,
                Err(why) => {
                    let value = display(cells.cell(index));
                    problems.push(Problem {
                        column: c.name.to_owned(),
                        message: format!("{} (from `{source_name}`): {value:?} {why}", c.name),
                        value,
                        rule: "type",
                    });
                    return Value::Null;
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
        let factored = parse(cell, c.ty, &self.options(mapping)).and_then(|v| {
            let v = apply_case(v, mapping.as_ref().and_then(|m| m.case));
            match composite {
                Some(comp) if !comp.factors.is_empty() => apply_factors(v, cells, &comp.factors),
                Some(comp) if comp.minutes.is_some() => add_minutes(v, cells, comp.minutes),
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

    /// How a column's cells are parsed: its mapping, else the file's.
    fn options<'m>(&self, mapping: &'m Option<Box<ColumnMapping>>) -> ParseOptions<'m> {
        ParseOptions {
            format: mapping.as_ref().and_then(|m| m.format.as_deref()),
            timezone: mapping.as_ref().and_then(|m| m.timezone).unwrap_or(self.tz),
            decimal_comma: mapping
                .as_ref()
                .and_then(|m| m.decimal_separator)
                .or(self.decimal_separator)
                == Some(','),
            multiply: mapping.as_ref().and_then(|m| m.multiply),
        }
    }

    /// Turns amounts in minor units into the currency's units, once the
    /// row's currency is known.
    fn apply_minor_units(&self, values: &mut [Value], problems: &mut Vec<Problem>) {
        let Some((cur, columns)) = &self.minor_units else {
            return;
        };
        for &i in columns {
            let c = &self.columns[i];
            let Value::Float(amount) = values[i] else {
                continue;
            };
            match &values[*cur] {
                Value::Text(code) => {
                    let scale = 10f64.powi(currency_exponent(code) as i32);
                    values[i] = Value::Float(amount / scale);
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

    fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    fn check_values(&self, values: &mut [Value], problems: &mut Vec<Problem>) {
        for (c, v) in self.columns.iter().zip(values.iter()) {
            if problems.iter().any(|p| p.column == c.name) {
                continue;
            }
            let v = (!matches!(v, Value::Null)).then(|| v.into());
            check_cell(c, v, problems);
        }
        for rule in self.entity.spec().row_rules {
            match *rule {
                RowRule::NotBefore { later, earlier } => {
                    let at = |n: &str| self.position(n).map(|i| &values[i]);
                    if let (Some(Value::Timestamp(l)), Some(Value::Timestamp(e))) =
                        (at(later), at(earlier))
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
                RowRule::SurveyScale => self.check_survey_scale(values, problems),
            }
        }
    }

    fn check_survey_scale(&self, values: &mut [Value], problems: &mut Vec<Problem>) {
        let (Some(is), Some(isc), Some(imin), Some(imax)) = (
            self.position("survey"),
            self.position("score"),
            self.position("scale_min"),
            self.position("scale_max"),
        ) else {
            return;
        };
        let Value::Text(survey) = &values[is] else {
            return;
        };
        let Some((dmin, dmax)) = default_survey_scale(survey) else {
            return;
        };
        let survey = survey.clone();
        if matches!(values[imin], Value::Null) {
            values[imin] = Value::Float(dmin);
        }
        if matches!(values[imax], Value::Null) {
            values[imax] = Value::Float(dmax);
        }
        let (Value::Float(min), Value::Float(max)) = (&values[imin], &values[imax]) else {
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
        if let Value::Float(score) = values[isc]
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

    /// The key hash (xxh3-128 of the key columns) and the row hash (xxh3-64
    /// of every column): the key finds earlier versions of the record, the
    /// row hash tells an identical re-export from a changed one.
    fn hashes(&self, values: &[Value], buf: &mut Vec<u8>) -> (u128, u64) {
        buf.clear();
        for &i in &self.key_idx {
            encode(&values[i], buf);
        }
        let key = xxh3_128(buf);
        buf.clear();
        for v in values {
            encode(v, buf);
        }
        (key, xxh3_64(buf))
    }

    /// The key as shown in a message.
    fn key_text(&self, values: &[Value]) -> String {
        self.key_idx
            .iter()
            .map(|&i| match &values[i] {
                Value::Text(s) => s.clone(),
                Value::Int(v) => v.to_string(),
                Value::Date(d) => display(CellRef::Date(*d)),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// Whether a text column's cells are taken as they are (trimmed): no value
/// map and no change of case.
fn is_plain_text(mapping: &Option<Box<ColumnMapping>>) -> bool {
    mapping
        .as_ref()
        .is_none_or(|m| m.values.is_empty() && m.otherwise.is_none() && m.case.is_none())
}

/// A cell copied out of the reader's buffer; text lives in the chunk.
#[derive(Debug, Clone, Copy)]
enum StoredCell {
    Null,
    Text(u32, u32),
    Int(i64),
    Float(f64),
    Bool(bool),
    Timestamp(i64),
    NaiveTimestamp(i64),
    Date(i32),
    /// Index into the chunk's lists.
    List(u32),
}

/// One input position of a chunk, in input order.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A row; its cells start at `start` in the chunk's cells.
    Row {
        row: u64,
        line: Option<u64>,
        at: RowAt,
    },
    /// A row the reader could not split into fields.
    Malformed {
        row: u64,
        line: Option<u64>,
        message: String,
        raw: String,
    },
}

/// Where a row's cells are in its chunk.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowAt {
    /// Index of the row's first entry in `ends` (a CSV record) or `cells`.
    start: usize,
    csv: bool,
}

/// Consecutive rows of one input, copied out of the reader so that a worker
/// thread can convert them while the reader goes on.
#[derive(Debug)]
pub(crate) struct RowChunk {
    pub reader: Arc<RowReader>,
    pub entries: Vec<Entry>,
    cells: Vec<StoredCell>,
    /// A delimited record's offsets in `text`: where it starts, then where
    /// each field ends (fields are one separator byte apart, see
    /// `delimited::Record`). Four bytes a field instead of a
    /// [`StoredCell`]'s sixteen: the reader writes them for every record,
    /// and a worker reads them once per column.
    ends: Vec<u32>,
    /// The rows' text as the reader copies it in, every piece valid UTF-8;
    /// moved into `text` by [`RowChunk::seal`].
    bytes: Vec<u8>,
    /// The rows' text, once sealed.
    text: String,
    lists: Vec<Vec<String>>,
    /// Bytes of the malformed rows' text.
    malformed_bytes: usize,
}

impl RowChunk {
    pub(crate) fn new(reader: Arc<RowReader>) -> RowChunk {
        RowChunk {
            reader,
            entries: Vec::with_capacity(CHUNK_ROWS),
            cells: Vec::new(),
            ends: Vec::new(),
            bytes: Vec::new(),
            text: String::new(),
            lists: Vec::new(),
            malformed_bytes: 0,
        }
    }

    /// A chunk for `reader`'s rows, in the buffers of `spare` (emptied)
    /// when there is one.
    pub(crate) fn reuse(spare: Option<RowChunk>, reader: &Arc<RowReader>) -> RowChunk {
        match spare {
            Some(mut chunk) => {
                chunk.reader = Arc::clone(reader);
                chunk.entries.clear();
                chunk.cells.clear();
                chunk.ends.clear();
                // The text's buffer is kept for the bytes of the next rows.
                chunk.bytes = std::mem::take(&mut chunk.text).into_bytes();
                chunk.bytes.clear();
                chunk.lists.clear();
                chunk.malformed_bytes = 0;
                chunk
            }
            None => RowChunk::new(Arc::clone(reader)),
        }
    }

    /// Whether the chunk should be handed over now. (A malformed row's
    /// text counts too: a file of nothing but malformed rows still goes
    /// through in bounded memory.)
    pub(crate) fn is_full(&self) -> bool {
        self.entries.len() >= CHUNK_ROWS || self.bytes.len() + self.malformed_bytes >= CHUNK_BYTES
    }

    /// Copies a row's cells (as many as the header has). A CSV record is
    /// copied whole, and its fields are told blank or not by the worker.
    pub(crate) fn push_row(&mut self, row: u64, line: Option<u64>, cells: &dyn Row) {
        if let Some((text, field_ends)) = cells.delimited() {
            let at = RowAt {
                start: self.ends.len(),
                csv: true,
            };
            // Chunks stay far below 4 GB (CHUNK_BYTES), so offsets fit.
            let base = self.bytes.len();
            self.bytes.extend_from_slice(text);
            self.ends.push(base as u32);
            let fields = self.reader.header.len();
            let read = field_ends.len().min(fields);
            self.ends
                .extend(field_ends[..read].iter().map(|&end| (base + end) as u32));
            // A short record's missing fields are empty.
            let last = self.ends.last().copied().unwrap_or(base as u32);
            self.ends.resize(self.ends.len() + (fields - read), last);
            self.entries.push(Entry::Row { row, line, at });
            return;
        }
        let start = self.cells.len();
        for i in 0..self.reader.header.len() {
            let stored = match cells.cell(i) {
                CellRef::Null => StoredCell::Null,
                CellRef::Text(s) => {
                    let from = self.bytes.len();
                    self.bytes.extend_from_slice(s.as_bytes());
                    // Chunks stay far below 4 GB (CHUNK_BYTES), so offsets fit.
                    StoredCell::Text(from as u32, self.bytes.len() as u32)
                }
                CellRef::Int(v) => StoredCell::Int(v),
                CellRef::Float(v) => StoredCell::Float(v),
                CellRef::Bool(v) => StoredCell::Bool(v),
                CellRef::Timestamp(v) => StoredCell::Timestamp(v),
                CellRef::NaiveTimestamp(v) => StoredCell::NaiveTimestamp(v),
                CellRef::Date(v) => StoredCell::Date(v),
                CellRef::List(items) => {
                    self.lists.push(items.to_vec());
                    StoredCell::List((self.lists.len() - 1) as u32)
                }
            };
            self.cells.push(stored);
        }
        let at = RowAt { start, csv: false };
        self.entries.push(Entry::Row { row, line, at });
    }

    /// Makes the rows' text readable as text: checked to be UTF-8 once for
    /// the whole chunk, where checking each row as it was read cost two
    /// percent of a load's instructions. The reader copies in only UTF-8
    /// (rows of ASCII bytes, or checked ones), so this fails only by a bug.
    pub(crate) fn seal(&mut self) -> std::result::Result<(), std::str::Utf8Error> {
        if self.text.is_empty() {
            self.text =
                String::from_utf8(std::mem::take(&mut self.bytes)).map_err(|e| e.utf8_error())?;
        } else {
            self.text.push_str(std::str::from_utf8(&self.bytes)?);
            self.bytes.clear();
        }
        Ok(())
    }

    pub(crate) fn push_malformed(
        &mut self,
        row: u64,
        line: Option<u64>,
        message: String,
        raw: String,
    ) {
        self.malformed_bytes += raw.len() + message.len();
        self.entries.push(Entry::Malformed {
            row,
            line,
            message,
            raw,
        });
    }

    /// The row at `at`.
    pub(crate) fn row(&self, at: RowAt) -> ChunkRow<'_> {
        ChunkRow { chunk: self, at }
    }

    /// Field `index` of the CSV record at `at`, as read (untrimmed).
    #[inline]
    fn csv_field(&self, at: RowAt, index: usize) -> Option<&str> {
        if index >= self.reader.header.len() {
            return None;
        }
        let i = at.start + index;
        let to = *self.ends.get(i + 1)?;
        let from = match index {
            0 => *self.ends.get(i)?,
            _ => *self.ends.get(i)? + 1,
        };
        self.text.get(from as usize..to as usize)
    }
}

/// A row of a [`RowChunk`].
pub(crate) struct ChunkRow<'c> {
    chunk: &'c RowChunk,
    at: RowAt,
}

impl Row for ChunkRow<'_> {
    #[inline]
    fn cell(&self, index: usize) -> CellRef<'_> {
        if index >= self.chunk.reader.header.len() {
            return CellRef::Null;
        }
        let c = &self.chunk;
        if self.at.csv {
            return text_cell(c.csv_field(self.at, index));
        }
        match c.cells.get(self.at.start + index) {
            None | Some(StoredCell::Null) => CellRef::Null,
            Some(StoredCell::Text(from, to)) => text_cell(c.text.get(*from as usize..*to as usize)),
            Some(StoredCell::Int(v)) => CellRef::Int(*v),
            Some(StoredCell::Float(v)) => CellRef::Float(*v),
            Some(StoredCell::Bool(v)) => CellRef::Bool(*v),
            Some(StoredCell::Timestamp(v)) => CellRef::Timestamp(*v),
            Some(StoredCell::NaiveTimestamp(v)) => CellRef::NaiveTimestamp(*v),
            Some(StoredCell::Date(v)) => CellRef::Date(*v),
            Some(StoredCell::List(i)) => c
                .lists
                .get(*i as usize)
                .map_or(CellRef::Null, |l| CellRef::List(l)),
        }
    }
}

/// What became of one row of a chunk (malformed entries have none).
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Valid: its values are the next row of the arrays.
    Good,
    /// One of the export's summary rows (`skip_rows`).
    ReportRow,
    /// Invalid: the problems, to quarantine.
    Bad(Vec<Problem>),
}

/// A converted chunk: per row entry its outcome, and the valid rows as
/// Arrow arrays (one per canonical column) with their key and row hashes.
pub(crate) struct Converted {
    pub chunk: RowChunk,
    /// One per [`Entry::Row`], in order.
    pub outcomes: Vec<Outcome>,
    pub arrays: Vec<ArrayRef>,
    /// Per valid row: key hash, row hash.
    pub hashes: Vec<(u128, u64)>,
}

impl Converted {
    /// The key of the row whose cells start at `start`, as shown in a
    /// message. Converted again: a key conflict is rare, and keeping every
    /// row's key text for it would cost an allocation per row.
    pub(crate) fn key_text(&self, at: RowAt) -> String {
        let (mut values, mut problems) = (Vec::new(), Vec::new());
        let reader = &self.chunk.reader;
        reader.convert(&self.chunk.row(at), &mut values, &mut problems);
        reader.key_text(&values)
    }
}

/// Converts a chunk: column by column when the input allows it (see
/// [`columnwise`]), else row by row.
fn convert_chunk(chunk: RowChunk, scratch: &mut Scratch) -> Converted {
    if !chunk.reader.is_columnwise() {
        return convert_rows(chunk, scratch);
    }
    match columnwise::convert(chunk, &mut scratch.columnwise) {
        Ok(converted) => converted,
        Err(chunk) => convert_rows(*chunk, scratch),
    }
}

/// Converts a chunk row by row: each row's cells become [`Value`]s, which
/// are checked together (rules across columns, amounts in minor units) and
/// then appended to the builders.
fn convert_rows(chunk: RowChunk, scratch: &mut Scratch) -> Converted {
    let reader = Arc::clone(&chunk.reader);
    let rows = chunk.entries.len();
    let mut builders: Vec<ColumnBuilder> = reader
        .columns
        .iter()
        .map(|c| ColumnBuilder::new(c.ty, rows))
        .collect();
    let mut outcomes = Vec::with_capacity(chunk.entries.len());
    let mut hashes = Vec::with_capacity(chunk.entries.len());
    for entry in &chunk.entries {
        let at = match entry {
            // Nothing to convert: the load quarantines it as it is.
            Entry::Malformed { .. } => continue,
            Entry::Row { at, .. } => *at,
        };
        let cells = chunk.row(at);
        if reader.is_report_row(&cells) {
            outcomes.push(Outcome::ReportRow);
            continue;
        }
        let mut problems = Vec::new();
        reader.convert(&cells, &mut scratch.values, &mut problems);
        if !problems.is_empty() {
            outcomes.push(Outcome::Bad(problems));
            continue;
        }
        hashes.push(reader.hashes(&scratch.values, &mut scratch.hash_buf));
        for (b, v) in builders.iter_mut().zip(&scratch.values) {
            b.append(v);
        }
        outcomes.push(Outcome::Good);
    }
    Converted {
        chunk,
        outcomes,
        arrays: builders.iter_mut().map(ColumnBuilder::finish).collect(),
        hashes,
    }
}

/// Worker threads converting chunks; results come back in submission order.
pub(crate) struct ConvertPool {
    jobs: Option<SyncSender<(u64, RowChunk)>>,
    done: Receiver<(u64, Converted)>,
    workers: Vec<std::thread::JoinHandle<()>>,
    submitted: u64,
    returned: u64,
    ready: BTreeMap<u64, Converted>,
    /// Chunks allowed in flight, which bounds memory.
    limit: u64,
}

impl ConvertPool {
    /// A pool of `threads` workers.
    pub(crate) fn new(threads: usize) -> ConvertPool {
        let threads = threads.max(1);
        let (jobs, queue) = std::sync::mpsc::sync_channel::<(u64, RowChunk)>(threads);
        let queue = Arc::new(Mutex::new(queue));
        let (tx, done) = std::sync::mpsc::channel();
        let workers = (0..threads)
            .map(|_| {
                let queue = Arc::clone(&queue);
                let tx: Sender<(u64, Converted)> = tx.clone();
                std::thread::spawn(move || {
                    let mut scratch = Scratch::default();
                    loop {
                        // A poisoned lock means another worker panicked;
                        // stop, and the load reports the lost worker.
                        let job = match queue.lock() {
                            Ok(q) => q.recv(),
                            Err(_) => return,
                        };
                        let Ok((seq, chunk)) = job else { return };
                        if tx.send((seq, convert_chunk(chunk, &mut scratch))).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        ConvertPool {
            jobs: Some(jobs),
            done,
            workers,
            submitted: 0,
            returned: 0,
            ready: BTreeMap::new(),
            limit: 2 * threads as u64 + 1,
        }
    }

    /// Hands a chunk to the workers. Blocks while the pool is at its limit
    /// of chunks in flight; the chunks converted meanwhile go to `take`,
    /// in order.
    pub(crate) fn submit(
        &mut self,
        chunk: RowChunk,
        take: &mut dyn FnMut(Converted) -> Result<()>,
    ) -> Result<()> {
        while self.submitted - self.returned >= self.limit {
            self.wait_next(take)?;
        }
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send((self.submitted, chunk)).is_ok());
        if !sent {
            return Err(lost_worker());
        }
        self.submitted += 1;
        // Hand back whatever is already done, without waiting.
        while let Ok((seq, converted)) = self.done.try_recv() {
            self.ready.insert(seq, converted);
        }
        self.hand_back(take)
    }

    /// Waits for every submitted chunk and hands them back in order.
    pub(crate) fn drain(&mut self, take: &mut dyn FnMut(Converted) -> Result<()>) -> Result<()> {
        while self.returned < self.submitted {
            self.wait_next(take)?;
        }
        Ok(())
    }

    fn wait_next(&mut self, take: &mut dyn FnMut(Converted) -> Result<()>) -> Result<()> {
        if !self.ready.contains_key(&self.returned) {
            let (seq, converted) = self.done.recv().map_err(|_| lost_worker())?;
            self.ready.insert(seq, converted);
        }
        self.hand_back(take)
    }

    fn hand_back(&mut self, take: &mut dyn FnMut(Converted) -> Result<()>) -> Result<()> {
        while let Some(converted) = self.ready.remove(&self.returned) {
            self.returned += 1;
            take(converted)?;
        }
        Ok(())
    }
}

impl Drop for ConvertPool {
    fn drop(&mut self) {
        drop(self.jobs.take());
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn lost_worker() -> Error {
    Error::Unreadable {
        input: "(conversion worker)".to_owned(),
        message: "a row-conversion thread stopped before the load ended".to_owned(),
    }
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

/// How a canonical column gets its value in the current input.
#[derive(Debug, Clone)]
pub(crate) enum Binding {
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
pub(crate) struct Composite {
    pub parts: Vec<(usize, Option<String>)>,
    pub factors: Vec<(usize, Factor)>,
    pub coalesce: bool,
    pub minutes: Option<usize>,
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

/// What is wrong with one value of a row.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub column: String,
    pub value: String,
    pub rule: &'static str,
    pub message: String,
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
    /// A builder sized for `rows` values, so that appending never
    /// reallocates (and copies) on the way; text gets 16 bytes a value to
    /// start with.
    fn new(ty: ColumnType, rows: usize) -> Self {
        match ty {
            ColumnType::Text => ColumnBuilder::Text(StringBuilder::with_capacity(rows, rows * 16)),
            ColumnType::Integer => ColumnBuilder::Int(Int64Builder::with_capacity(rows)),
            ColumnType::Decimal => ColumnBuilder::Float(Float64Builder::with_capacity(rows)),
            ColumnType::Timestamp => ColumnBuilder::Timestamp(
                TimestampMicrosecondBuilder::with_capacity(rows).with_timezone("UTC"),
            ),
            ColumnType::Date => ColumnBuilder::Date(Date32Builder::with_capacity(rows)),
            ColumnType::Boolean => ColumnBuilder::Bool(BooleanBuilder::with_capacity(rows)),
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

/// Appends a value's canonical bytes: a type tag, then the payload, so that
/// ("ab", "c") and ("a", "bc") hash differently. The row hash is stored in
/// the key index across loads, so these bytes must never change.
fn encode(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => encode_null(out),
        Value::Text(s) => encode_text(s, out),
        Value::Int(i) => encode_fixed(2, &i.to_le_bytes(), out),
        Value::Float(f) => encode_fixed(3, &f.to_bits().to_le_bytes(), out),
        Value::Timestamp(t) => encode_fixed(4, &t.to_le_bytes(), out),
        Value::Date(d) => encode_fixed(5, &d.to_le_bytes(), out),
        Value::Bool(b) => encode_fixed(6, &[u8::from(*b)], out),
        Value::List(items) => encode_list(items.iter().map(String::as_str), out),
    }
}

fn encode_null(out: &mut Vec<u8>) {
    out.push(0);
}

fn encode_text(s: &str, out: &mut Vec<u8>) {
    out.push(1);
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A fixed-size value: its tag (2 integer, 3 decimal, 4 timestamp, 5 date,
/// 6 boolean), then its little-endian bytes.
fn encode_fixed(tag: u8, bytes: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    out.extend_from_slice(bytes);
}

fn encode_list<'a>(items: impl ExactSizeIterator<Item = &'a str>, out: &mut Vec<u8>) {
    out.push(7);
    out.extend_from_slice(&(items.len() as u64).to_le_bytes());
    for i in items {
        out.extend_from_slice(&(i.len() as u64).to_le_bytes());
        out.extend_from_slice(i.as_bytes());
    }
}

/// A value as the column rules see it, borrowed so that text read column by
/// column is checked without being copied.
#[derive(Debug, Clone, Copy)]
enum Scalar<'a> {
    Text(&'a str),
    Int(i64),
    Float(f64),
    /// Any other kind: no rule applies to it.
    Other,
}

impl<'a> From<&'a Value> for Scalar<'a> {
    fn from(v: &'a Value) -> Self {
        match v {
            Value::Text(s) => Scalar::Text(s),
            Value::Int(i) => Scalar::Int(*i),
            Value::Float(f) => Scalar::Float(*f),
            _ => Scalar::Other,
        }
    }
}

/// Checks a column's value (`None`: empty) against the column's own rules:
/// present when required, then each rule of the column.
#[inline(always)]
fn check_cell(c: &ColumnSpec, v: Option<Scalar<'_>>, problems: &mut Vec<Problem>) {
    let Some(v) = v else {
        if c.required {
            problems.push(required_problem(c));
        }
        return;
    };
    for rule in c.rules {
        if let Some(rule_name) = broken_rule(*rule, v) {
            problems.push(rule_problem(c, *rule, rule_name, v));
        }
    }
}

#[cold]
#[inline(never)]
fn required_problem(c: &ColumnSpec) -> Problem {
    Problem {
        column: c.name.to_owned(),
        value: String::new(),
        rule: "required",
        message: format!("{} is empty, but every row needs it", c.name),
    }
}

/// The name of `rule` if `v` breaks it. Every value of a load passes
/// through here: the test is inlined where the rule is known, and returns
/// a name (in registers) instead of a `Problem` (in memory); the message
/// is only written for a value that breaks the rule.
#[inline(always)]
fn broken_rule(rule: Rule, v: Scalar<'_>) -> Option<&'static str> {
    let (ok, rule_name) = match (rule, v) {
        (Rule::NonNegative, Scalar::Int(i)) => (i >= 0, "non_negative"),
        (Rule::NonNegative, Scalar::Float(f)) => (f >= 0.0, "non_negative"),
        (Rule::Positive, Scalar::Float(f)) => (f > 0.0, "positive"),
        (Rule::Positive, Scalar::Int(i)) => (i > 0, "positive"),
        (Rule::OneOf(allowed), Scalar::Text(s)) => (allowed.contains(&s), "allowed_values"),
        (Rule::CurrencyCode, Scalar::Text(s)) => (
            s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
            "currency_code",
        ),
        (Rule::BirthYear, Scalar::Int(y)) => ((1900..=2026 + 1).contains(&y), "plausible_year"),
        (Rule::PeriodLabel, Scalar::Text(s)) => (is_period_label(s), "period_label"),
        _ => (true, ""),
    };
    (!ok).then_some(rule_name)
}

/// What a value that breaks `rule` is told.
#[cold]
#[inline(never)]
fn rule_problem(c: &ColumnSpec, rule: Rule, rule_name: &'static str, v: Scalar<'_>) -> Problem {
    let why = match rule {
        Rule::NonNegative => "must not be negative".to_owned(),
        Rule::Positive => "must be above 0".to_owned(),
        Rule::OneOf(allowed) => format!(
            "is not one of {} (map other spellings with `values` in the mapping)",
            allowed.join(", ")
        ),
        Rule::CurrencyCode => "is not a three-letter ISO 4217 currency code such as EUR".to_owned(),
        Rule::BirthYear => "is not a plausible birth year".to_owned(),
        Rule::PeriodLabel => {
            "is not a period like 2026, 2026-10, 2026-Q3, 2026-W41 or 2026-08-01..2026-10-31"
                .to_owned()
        }
    };
    let value = match v {
        Scalar::Text(s) => s.to_owned(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) => f.to_string(),
        // No rule fails on other kinds (see `broken_rule`).
        Scalar::Other => String::new(),
    };
    Problem {
        column: c.name.to_owned(),
        message: format!("{} {value} {why}", c.name),
        value,
        rule: rule_name,
    }
}
