//! Readers: CSV/TSV, JSON (array or NDJSON), Parquet, folders of those.
//!
//! Every reader streams: it hands one row at a time to a callback and keeps
//! no rows itself, so memory does not grow with the file. Rows that cannot
//! even be split into fields (wrong field count, invalid UTF-8, a JSON
//! element that is not an object) are reported as [`Event::Malformed`] and
//! end up in quarantine like any other bad row.

use std::cell::Cell as StdCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Float64Array, Int64Array, ListArray,
    StringArray,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::delimited::{Record, RecordReader, field_range};
use crate::error::{Error, Result};

/// One value as a reader sees it, before mapping and parsing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CellRef<'a> {
    Null,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An instant: microseconds since the epoch, UTC.
    Timestamp(i64),
    /// A wall-clock time without zone: microseconds since 1970-01-01 00:00.
    NaiveTimestamp(i64),
    /// Days since 1970-01-01.
    Date(i32),
    List(&'a [String]),
}

/// A row of cells, aligned with the header the reader reported.
pub(crate) trait Row {
    fn cell(&self, index: usize) -> CellRef<'_>;
    /// The row as one delimited record, when it is one: its text (valid
    /// UTF-8; each field followed by one separator byte but the last) and
    /// where each field ends. Copied whole, it costs one copy instead of
    /// one per cell, and the copies of many rows are checked to be UTF-8
    /// once (see `RowChunk::seal`).
    fn delimited(&self) -> Option<(&[u8], &[usize])> {
        None
    }
    /// The row as a JSON object, for the quarantine file.
    fn raw(&self, header: &[String]) -> String {
        let mut obj = serde_json::Map::new();
        for (i, name) in header.iter().enumerate() {
            let v = match self.cell(i) {
                CellRef::Null => serde_json::Value::Null,
                CellRef::Text(s) => s.into(),
                CellRef::Int(v) | CellRef::Timestamp(v) | CellRef::NaiveTimestamp(v) => v.into(),
                CellRef::Float(v) => v.into(),
                CellRef::Bool(v) => v.into(),
                CellRef::Date(v) => v.into(),
                CellRef::List(items) => items.to_vec().into(),
            };
            obj.insert(name.clone(), v);
        }
        serde_json::Value::Object(obj).to_string()
    }
}

/// What a reader reports, in order: the header, then rows.
pub(crate) enum Event<'a> {
    /// The column names. Always first.
    Header(&'a [String]),
    Row {
        /// 1-based data row number within the input.
        row: u64,
        /// 1-based line of the row's start, where the format has lines.
        line: Option<u64>,
        cells: &'a dyn Row,
    },
    Malformed {
        row: u64,
        line: Option<u64>,
        message: String,
        raw: String,
    },
    /// Bytes of the input consumed so far.
    Progress(u64),
}

/// Text encodings of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// ISO-8859-1 / Windows-1252, as old Excel exports write.
    Latin1,
}

/// Options for delimited text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Field delimiter; `None` picks `\t` for `.tsv` files and `,` otherwise.
    pub delimiter: Option<u8>,
    pub encoding: TextEncoding,
    /// Lines before the header (a report's title and date range, as in
    /// Google Ads downloads).
    pub skip_lines: usize,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: None,
            encoding: TextEncoding::Utf8,
            skip_lines: 0,
        }
    }
}

/// The file formats Rapport reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Parquet,
}

impl Format {
    /// The format of a file, by its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "json" | "ndjson" | "jsonl" => Some(Format::Json),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// Expands inputs: a folder becomes its readable files, sorted by name.
pub(crate) fn expand_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|source| Error::Io {
                    action: "cannot list",
                    path: p.clone(),
                    source,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && Format::of(f).is_some())
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::EmptyFolder { path: p.clone() });
            }
            out.extend(files);
        } else if !p.exists() {
            return Err(Error::Io {
                action: "cannot read",
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_owned(),
        source,
    })
}

/// Counts the bytes read through it, for progress.
struct Counting<R> {
    inner: R,
    count: Rc<StdCell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Reads a delimited text stream. `name` is used in messages.
pub(crate) fn read_csv_stream(
    name: &str,
    input: Box<dyn Read>,
    delimiter: u8,
    options: CsvOptions,
    on: &mut dyn FnMut(Event<'_>) -> Result<()>,
) -> Result<()> {
    let encoding = options.encoding;
    let count = Rc::new(StdCell::new(0u64));
    let counted = Counting {
        inner: input,
        count: Rc::clone(&count),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, counted);
    let decoded: Box<dyn Read> = match encoding {
        TextEncoding::Utf8 => {
            let head = buffered.fill_buf().map_err(|e| unreadable(name, &e))?;
            if head.starts_with(b"\xEF\xBB\xBF") {
                buffered.consume(3);
            }
            Box::new(buffered)
        }
        TextEncoding::Latin1 => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::WINDOWS_1252))
                .build(buffered),
        ),
    };
    let mut decoded = BufReader::new(decoded);
    for _ in 0..options.skip_lines {
        let mut skipped = Vec::new();
        decoded
            .read_until(b'\n', &mut skipped)
            .map_err(|e| unreadable(name, &e))?;
    }
    let line_offset = options.skip_lines as u64;
    let mut records = RecordReader::new(decoded, delimiter);
    let mut header = Vec::new();
    if let Some(first) = records.read().map_err(|e| unreadable(name, &e))? {
        for i in 0..first.len() {
            let field = first.field(i).unwrap_or_default();
            let text = std::str::from_utf8(field).map_err(|_| Error::Unreadable {
                input: name.to_owned(),
                message: format!(
                    "header column {} is not valid UTF-8; if the file is Latin-1 (Windows-1252), pass `--encoding latin1`",
                    i + 1
                ),
            })?;
            header.push(text.trim().to_owned());
        }
    }
    check_unique_header(name, &header)?;
    on(Event::Header(&header))?;
    let mut row = 0u64;
    loop {
        let next_line = records.next_line() + line_offset;
        let record = match records.read() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => {
                row += 1;
                // A read error inside a record still consumed input: report
                // and stop reading.
                on(Event::Malformed {
                    row,
                    line: Some(next_line),
                    message: format!("the row cannot be parsed as CSV: {e}"),
                    raw: String::new(),
                })?;
                break;
            }
        };
        row += 1;
        let line = record.line + line_offset;
        if record.len() != header.len() {
            on(Event::Malformed {
                row,
                line: Some(line),
                message: format!(
                    "the row has {} fields but the header has {}",
                    record.len(),
                    header.len()
                ),
                raw: lossy_record(&record),
            })?;
            continue;
        }
        // A record of ASCII bytes only is UTF-8. Any other is checked
        // whole (its fields are one buffer, with ASCII separators); a bad
        // byte makes the row malformed.
        let checked = match record.ascii {
            true => Ok(record.text),
            false => std::str::from_utf8(record.text).map(str::as_bytes),
        };
        let text = match checked {
            Ok(text) => text,
            Err(e) => {
                let bad = e.valid_up_to();
                let i = record.ends.iter().position(|&end| end > bad).unwrap_or(0);
                on(Event::Malformed {
                    row,
                    line: Some(line),
                    message: format!(
                        "column `{}` is not valid UTF-8; if the file is Latin-1 (Windows-1252), pass `--encoding latin1`",
                        header.get(i).map_or("?", String::as_str)
                    ),
                    raw: lossy_record(&record),
                })?;
                continue;
            }
        };
        on(Event::Row {
            row,
            line: Some(line),
            cells: &DelimitedRow {
                text,
                ends: record.ends,
            },
        })?;
        if row.is_multiple_of(8192) {
            // The bytes of the rows so far, not what was read ahead of
            // them: the load estimates the input's rows from this rate.
            let behind = records.buffered() as u64;
            on(Event::Progress(count.get().saturating_sub(behind)))?;
        }
    }
    on(Event::Progress(count.get()))
}

fn unreadable(name: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Unreadable {
        input: name.to_owned(),
        message: e.to_string(),
    }
}

fn check_unique_header(name: &str, header: &[String]) -> Result<()> {
    let mut seen = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(first) = seen.insert(h.as_str(), i) {
            return Err(Error::Unreadable {
                input: name.to_owned(),
                message: format!(
                    "column `{h}` appears twice in the header (columns {} and {}); rename one",
                    first + 1,
                    i + 1
                ),
            });
        }
    }
    Ok(())
}

fn lossy_record(record: &Record<'_>) -> String {
    let fields: Vec<String> = (0..record.len())
        .map(|i| String::from_utf8_lossy(record.field(i).unwrap_or_default()).into_owned())
        .collect();
    serde_json::Value::from(fields).to_string()
}

/// A delimited record of UTF-8 text (checked, or ASCII), laid out as
/// [`Record`] says: each field followed by one separator byte but the last.
struct DelimitedRow<'a> {
    text: &'a [u8],
    ends: &'a [usize],
}

impl Row for DelimitedRow<'_> {
    fn cell(&self, index: usize) -> CellRef<'_> {
        let field = field_range(self.ends, index).and_then(|r| self.text.get(r));
        text_cell(field.and_then(|f| std::str::from_utf8(f).ok()))
    }

    fn delimited(&self) -> Option<(&[u8], &[usize])> {
        Some((self.text, self.ends))
    }
}

/// A text field as a cell: blank is null.
pub(crate) fn text_cell(field: Option<&str>) -> CellRef<'_> {
    match field {
        Some(s) if !trim_cell(s).is_empty() => CellRef::Text(s),
        _ => CellRef::Null,
    }
}

/// `s.trim()`, with a shortcut for the usual cell that neither starts nor
/// ends with whitespace. A load trims every cell several times (blank or
/// not, then the value), and the general trim decodes a character at each
/// end to ask Unicode: it was 3 % of a load's CPU.
pub(crate) fn trim_cell(s: &str) -> &str {
    // Printable ASCII (above the space, below DEL's block) is never
    // whitespace; anything else takes the full test.
    let plain = |b: u8| b > b' ' && b < 0x7f;
    match s.as_bytes() {
        [first, .., last] if plain(*first) && plain(*last) => s,
        [only] if plain(*only) => s,
        _ => s.trim(),
    }
}

/// Reads one input file of any supported format.
pub(crate) fn read_file(
    path: &Path,
    csv: CsvOptions,
    on: &mut dyn FnMut(Event<'_>) -> Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    match Format::of(path) {
        Some(Format::Csv) => {
            let is_tsv = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
            let delimiter = csv.delimiter.unwrap_or(if is_tsv { b'\t' } else { b',' });
            read_csv_stream(&name, Box::new(open(path)?), delimiter, csv, on)
        }
        Some(Format::Json) => read_json(path, on),
        Some(Format::Parquet) => read_parquet(path, on),
        None => Err(Error::Unreadable {
            input: name,
            message:
                "unknown file type; Rapport reads .csv, .tsv, .json, .ndjson, .jsonl and .parquet"
                    .into(),
        }),
    }
}

// ---------------------------------------------------------------- JSON

/// A cell that owns its value: a JSON value's, or one kept past its row
/// (`crate::shape`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OwnedCell {
    Null,
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Timestamp(i64),
    NaiveTimestamp(i64),
    Date(i32),
    List(Vec<String>),
}

impl OwnedCell {
    /// A copy of a borrowed cell.
    pub(crate) fn of(cell: CellRef<'_>) -> OwnedCell {
        match cell {
            CellRef::Null => OwnedCell::Null,
            CellRef::Text(s) => OwnedCell::Text(s.to_owned()),
            CellRef::Int(v) => OwnedCell::Int(v),
            CellRef::Float(v) => OwnedCell::Float(v),
            CellRef::Bool(v) => OwnedCell::Bool(v),
            CellRef::Timestamp(v) => OwnedCell::Timestamp(v),
            CellRef::NaiveTimestamp(v) => OwnedCell::NaiveTimestamp(v),
            CellRef::Date(v) => OwnedCell::Date(v),
            CellRef::List(v) => OwnedCell::List(v.to_vec()),
        }
    }
}

/// A row of owned cells.
pub(crate) struct OwnedRow(pub Vec<OwnedCell>);

impl Row for OwnedRow {
    fn cell(&self, index: usize) -> CellRef<'_> {
        match self.0.get(index) {
            None | Some(OwnedCell::Null) => CellRef::Null,
            Some(OwnedCell::Text(s)) if s.trim().is_empty() => CellRef::Null,
            Some(OwnedCell::Text(s)) => CellRef::Text(s),
            Some(OwnedCell::Int(v)) => CellRef::Int(*v),
            Some(OwnedCell::Float(v)) => CellRef::Float(*v),
            Some(OwnedCell::Bool(v)) => CellRef::Bool(*v),
            Some(OwnedCell::Timestamp(v)) => CellRef::Timestamp(*v),
            Some(OwnedCell::NaiveTimestamp(v)) => CellRef::NaiveTimestamp(*v),
            Some(OwnedCell::Date(v)) => CellRef::Date(*v),
            Some(OwnedCell::List(v)) => CellRef::List(v),
        }
    }
}

/// Flattens nested objects into `outer.inner` keys; lists of scalars become
/// lists, anything else nested is kept as JSON text.
fn flatten(prefix: &str, value: serde_json::Value, out: &mut Vec<(String, OwnedCell)>) {
    use serde_json::Value;
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let name = key(&k);
                match v {
                    Value::Object(_) => flatten(&name, v, out),
                    other => out.push((name, json_cell(other))),
                }
            }
        }
        other => out.push((prefix.to_owned(), json_cell(other))),
    }
}

fn json_cell(v: serde_json::Value) -> OwnedCell {
    use serde_json::Value;
    match v {
        Value::Null => OwnedCell::Null,
        Value::Bool(b) => OwnedCell::Bool(b),
        Value::Number(n) => n
            .as_i64()
            .map(OwnedCell::Int)
            .or_else(|| n.as_f64().map(OwnedCell::Float))
            .unwrap_or_else(|| OwnedCell::Text(n.to_string())),
        Value::String(s) => OwnedCell::Text(s),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            OwnedCell::List(
                items
                    .into_iter()
                    .filter(|i| !i.is_null())
                    .map(|i| match i {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            )
        }
        other => OwnedCell::Text(other.to_string()),
    }
}

/// Turns JSON elements into rows aligned with the header: the keys of all
/// elements, collected by a first pass ([`JsonRows::scan`]), so a key that
/// first appears in a later element (a nested object that was null or
/// empty before) is a column, not silently dropped.
struct JsonRows<'f> {
    name: String,
    header: Option<Vec<String>>,
    index: ColumnIndex,
    row: u64,
    on: &'f mut dyn FnMut(Event<'_>) -> Result<()>,
    /// In the scanning pass: the keys seen so far, in order of appearance.
    scan: Option<Vec<String>>,
}

impl JsonRows<'_> {
    fn element(&mut self, value: serde_json::Value, line: Option<u64>) -> Result<()> {
        self.row += 1;
        if !value.is_object() {
            return (self.on)(Event::Malformed {
                row: self.row,
                line,
                message: "the element is not a JSON object".into(),
                raw: value.to_string(),
            });
        }
        let mut pairs = Vec::new();
        flatten("", value, &mut pairs);
        if let Some(keys) = &mut self.scan {
            for (k, _) in pairs {
                if !self.index.contains_key(&k) {
                    self.index.insert(k.clone(), keys.len());
                    keys.push(k);
                }
            }
            return Ok(());
        }
        if self.header.is_none() {
            let header: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
            check_unique_header(&self.name, &header)?;
            self.index = header
                .iter()
                .enumerate()
                .map(|(i, h)| (h.clone(), i))
                .collect();
            (self.on)(Event::Header(&header))?;
            self.header = Some(header);
        }
        let mut cells = vec![OwnedCell::Null; self.index.len()];
        for (k, v) in pairs {
            if let Some(&i) = self.index.get(&k) {
                cells[i] = v;
            }
        }
        (self.on)(Event::Row {
            row: self.row,
            line,
            cells: &OwnedRow(cells),
        })
    }

    fn finish(self) -> Result<()> {
        if self.header.is_none() {
            // An empty file or array: no columns and no rows.
            (self.on)(Event::Header(&[]))?;
        }
        Ok(())
    }
}

/// A JSON input's column names and their positions. Every key of every
/// row is looked up here: foldhash instead of std's SipHash, which took a
/// tenth of the instructions of reading NDJSON.
type ColumnIndex = HashMap<String, usize, foldhash::fast::RandomState>;

fn read_json(path: &Path, on: &mut dyn FnMut(Event<'_>) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    // First pass: every key of every element. Errors are left for the
    // second pass, which reports them with their row.
    let mut ignore = |_: Event<'_>| Ok(());
    let mut scan = JsonRows {
        name: name.clone(),
        header: None,
        index: ColumnIndex::default(),
        row: 0,
        on: &mut ignore,
        scan: Some(Vec::new()),
    };
    let _ = read_json_pass(path, &mut scan);
    let keys = scan.scan.take().unwrap_or_default();
    let mut rows = JsonRows {
        name: name.clone(),
        header: None,
        index: ColumnIndex::default(),
        row: 0,
        on,
        scan: None,
    };
    if !keys.is_empty() {
        check_unique_header(&name, &keys)?;
        rows.index = keys
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        (rows.on)(Event::Header(&keys))?;
        rows.header = Some(keys);
    }
    read_json_pass(path, &mut rows)?;
    rows.finish()
}

fn read_json_pass(path: &Path, rows: &mut JsonRows<'_>) -> Result<()> {
    let name = path.display().to_string();
    let count = Rc::new(StdCell::new(0u64));
    let mut reader = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: open(path)?,
            count: Rc::clone(&count),
        },
    );
    // Skip a BOM and whitespace to see whether this is an array or NDJSON.
    let first = loop {
        let buf = reader.fill_buf().map_err(|e| unreadable(&name, &e))?;
        if buf.is_empty() {
            break None;
        }
        let skip = if buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            buf.iter().take_while(|b| b.is_ascii_whitespace()).count()
        };
        if skip == 0 {
            break Some(buf[0]);
        }
        reader.consume(skip);
    };
    if first == Some(b'[') {
        stream_json_array(&name, reader, rows, &count)?;
    } else {
        let mut line_no = 0u64;
        let mut line = String::new();
        // The first value waits until we know whether it is the file's
        // only one: a single object may be a page of an API list.
        let mut held: Option<(serde_json::Value, u64)> = None;
        let mut first = true;
        loop {
            line.clear();
            let n = reader
                .read_line(&mut line)
                .map_err(|e| unreadable(&name, &e))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if line.trim().is_empty() {
                continue;
            }
            if !first && rows.scan.is_some() {
                // The key pass after the first line: keys only, and a bad
                // line is left for the second pass to report.
                if let Some((h, at)) = held.take() {
                    rows.element(h, Some(at))?;
                }
                if let Some(scan) = &mut rows.scan {
                    let before = scan.len();
                    let mut de = serde_json::Deserializer::from_str(&line);
                    let read = serde::de::DeserializeSeed::deserialize(
                        KeySeed::top(scan, &mut rows.index),
                        &mut de,
                    )
                    .and_then(|()| de.end());
                    if read.is_err() {
                        // Keys of a line that is not JSON are not columns.
                        for k in scan.drain(before..) {
                            rows.index.remove(&k);
                        }
                    }
                }
                continue;
            }
            match serde_json::from_str::<serde_json::Value>(&line) {
                Ok(v) if first => {
                    first = false;
                    held = Some((v, line_no));
                }
                Ok(v) => {
                    if let Some((h, at)) = held.take() {
                        rows.element(h, Some(at))?;
                    }
                    rows.element(v, Some(line_no))?;
                }
                Err(_)
                    if first
                        && line.trim_start().starts_with('{')
                        && let Some(values) = json_document(path) =>
                {
                    // One JSON document over several lines (pretty-printed).
                    for v in values {
                        rows.element(v, None)?;
                    }
                    let size = std::fs::metadata(path).map_or(count.get(), |m| m.len());
                    return (rows.on)(Event::Progress(size));
                }
                Err(e) => {
                    first = false;
                    if let Some((h, at)) = held.take() {
                        rows.element(h, Some(at))?;
                    }
                    rows.row += 1;
                    (rows.on)(Event::Malformed {
                        row: rows.row,
                        line: Some(line_no),
                        message: format!("the line is not valid JSON: {e}"),
                        raw: line.trim_end().to_owned(),
                    })?;
                }
            }
            if line_no.is_multiple_of(8192) {
                (rows.on)(Event::Progress(count.get()))?;
            }
        }
        if let Some((h, at)) = held {
            for v in page_rows(h) {
                rows.element(v, Some(at))?;
            }
        }
    }
    (rows.on)(Event::Progress(count.get()))
}

/// The columns of an NDJSON file from its first `max_rows` lines, for
/// proposing a preset without reading a large export to its end. `None`
/// when the file is not line-delimited JSON of at least two objects (a
/// JSON array, a single API page, a pretty-printed document): those are
/// read whole.
pub(crate) fn json_sample_header(path: &Path, max_rows: usize) -> Result<Option<Vec<String>>> {
    let name = path.display().to_string();
    let mut reader = BufReader::new(open(path)?);
    let mut keys = Vec::new();
    let mut index = ColumnIndex::default();
    let (mut line, mut objects) = (String::new(), 0usize);
    while objects < max_rows {
        line.clear();
        if reader
            .read_line(&mut line)
            .map_err(|e| unreadable(&name, &e))?
            == 0
        {
            break;
        }
        let text = line.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        if !text.starts_with('{') {
            return Ok(None);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let read =
            serde::de::DeserializeSeed::deserialize(KeySeed::top(&mut keys, &mut index), &mut de)
                .and_then(|()| de.end());
        match read {
            Ok(()) => objects += 1,
            Err(_) if objects == 0 => return Ok(None),
            Err(_) => {}
        }
    }
    Ok((objects >= 2).then_some(keys))
}

/// Collects the flattened keys of JSON objects (as [`flatten`] names
/// them) without building their values: the fast first pass over a file.
struct KeySeed<'a> {
    prefix: String,
    top: bool,
    keys: &'a mut Vec<String>,
    index: &'a mut ColumnIndex,
}

impl<'a> KeySeed<'a> {
    fn top(keys: &'a mut Vec<String>, index: &'a mut ColumnIndex) -> KeySeed<'a> {
        KeySeed {
            prefix: String::new(),
            top: true,
            keys,
            index,
        }
    }

    fn record(self) {
        if !self.top && !self.index.contains_key(&self.prefix) {
            self.index.insert(self.prefix.clone(), self.keys.len());
            self.keys.push(self.prefix);
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        while let Some(k) = map.next_key::<String>()? {
            let prefix = if self.prefix.is_empty() {
                k
            } else {
                format!("{}.{k}", self.prefix)
            };
            map.next_value_seed(KeySeed {
                prefix,
                top: false,
                keys: self.keys,
                index: self.index,
            })?;
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        self.record();
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
    fn visit_none<E>(self) -> std::result::Result<(), E> {
        self.record();
        Ok(())
    }
}

/// The rows of a file that is one JSON object: when exactly one member is
/// a list of objects (Stripe's `{"object": "list", "data": [...]}`,
/// HubSpot's `{"results": [...], "paging": {...}}`), its elements;
/// otherwise the object itself.
fn page_rows(v: serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let Value::Object(map) = v else {
        return vec![v];
    };
    let lists: Vec<&String> = map
        .iter()
        .filter(|(_, m)| {
            m.as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object))
        })
        .map(|(k, _)| k)
        .collect();
    if let [key] = lists.as_slice() {
        let key = (*key).clone();
        let mut map = map;
        if let Some(Value::Array(items)) = map.remove(&key) {
            return items;
        }
        return vec![Value::Object(map)];
    }
    vec![Value::Object(map)]
}

/// The values of a JSON file that is not line-delimited (one or more
/// pretty-printed values), read whole: such files are API pages, not bulk
/// exports. `None` when it does not parse that way either; the file is
/// then read line by line and its bad lines quarantined.
fn json_document(path: &Path) -> Option<Vec<serde_json::Value>> {
    let mut reader = BufReader::new(open(path).ok()?);
    if reader.fill_buf().ok()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let values = serde_json::Deserializer::from_reader(reader)
        .into_iter::<serde_json::Value>()
        .collect::<std::result::Result<Vec<_>, _>>()
        .ok()?;
    Some(if values.len() == 1 {
        values.into_iter().flat_map(page_rows).collect()
    } else {
        values
    })
}

fn stream_json_array(
    name: &str,
    reader: impl Read,
    rows: &mut JsonRows<'_>,
    count: &Rc<StdCell<u64>>,
) -> Result<()> {
    use serde::de::{Deserializer as _, SeqAccess, Visitor};

    struct Elements<'r, 'f> {
        rows: &'r mut JsonRows<'f>,
        failure: &'r mut Option<Error>,
        count: &'r Rc<StdCell<u64>>,
    }
    impl<'de> Visitor<'de> for Elements<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON array of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            if let Some(scan) = &mut self.rows.scan {
                // The key pass: keys only, no values built.
                let index = &mut self.rows.index;
                while seq.next_element_seed(KeySeed::top(scan, index))?.is_some() {}
                return Ok(());
            }
            while let Some(v) = seq.next_element::<serde_json::Value>()? {
                let progress = self.rows.row.is_multiple_of(8192);
                let r = self.rows.element(v, None).and_then(|()| {
                    if progress {
                        (self.rows.on)(Event::Progress(self.count.get()))
                    } else {
                        Ok(())
                    }
                });
                if let Err(e) = r {
                    *self.failure = Some(e);
                    return Err(serde::de::Error::custom("stopped"));
                }
            }
            Ok(())
        }
    }

    let mut failure = None;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = de.deserialize_seq(Elements {
        rows,
        failure: &mut failure,
        count,
    });
    if let Some(e) = failure {
        return Err(e);
    }
    result
        .and_then(|()| de.end())
        .map_err(|e| Error::Unreadable {
            input: name.to_owned(),
            message: format!(
                "not valid JSON after row {} ({e}); rows before it were read, nothing was loaded",
                rows.row
            ),
        })
}

// ---------------------------------------------------------------- Parquet

enum ColumnView {
    Null,
    Text(StringArray),
    Int(Int64Array),
    Float(Float64Array),
    Bool(BooleanArray),
    Timestamp { micros: Int64Array, zoned: bool },
    Date(Date32Array),
    List(ListArray),
}

fn column_view(array: &ArrayRef) -> ColumnView {
    let as_type = |t: &DataType| cast(array, t).ok();
    match array.data_type() {
        DataType::Null => ColumnView::Null,
        DataType::Boolean => ColumnView::Bool(array.as_boolean().clone()),
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32 => as_type(&DataType::Int64).map_or(ColumnView::Null, |a| {
            ColumnView::Int(a.as_primitive().clone())
        }),
        DataType::Float16
        | DataType::Float32
        | DataType::Float64
        | DataType::UInt64
        | DataType::Decimal128(..)
        | DataType::Decimal256(..) => as_type(&DataType::Float64).map_or(ColumnView::Null, |a| {
            ColumnView::Float(a.as_primitive().clone())
        }),
        DataType::Timestamp(_, tz) => {
            let zoned = tz.is_some();
            as_type(&DataType::Timestamp(TimeUnit::Microsecond, tz.clone()))
                .and_then(|a| cast(&a, &DataType::Int64).ok())
                .map_or(ColumnView::Null, |a| ColumnView::Timestamp {
                    micros: a.as_primitive().clone(),
                    zoned,
                })
        }
        DataType::Date32 | DataType::Date64 => as_type(&DataType::Date32)
            .map_or(ColumnView::Null, |a| {
                ColumnView::Date(a.as_primitive().clone())
            }),
        DataType::List(_) | DataType::LargeList(_) => {
            let target = DataType::List(std::sync::Arc::new(
                datafusion::arrow::datatypes::Field::new("item", DataType::Utf8, true),
            ));
            as_type(&target).map_or(ColumnView::Null, |a| {
                ColumnView::List(a.as_list::<i32>().clone())
            })
        }
        _ => as_type(&DataType::Utf8).map_or(ColumnView::Null, |a| {
            ColumnView::Text(a.as_string::<i32>().clone())
        }),
    }
}

struct ParquetRow<'a> {
    views: &'a [ColumnView],
    lists: &'a [Vec<String>],
    at: usize,
}

impl Row for ParquetRow<'_> {
    fn cell(&self, index: usize) -> CellRef<'_> {
        let i = self.at;
        let Some(view) = self.views.get(index) else {
            return CellRef::Null;
        };
        macro_rules! get {
            ($a:expr, $f:expr) => {
                if $a.is_null(i) {
                    CellRef::Null
                } else {
                    $f($a.value(i))
                }
            };
        }
        match view {
            ColumnView::Null => CellRef::Null,
            ColumnView::Text(a) => {
                if a.is_null(i) || a.value(i).trim().is_empty() {
                    CellRef::Null
                } else {
                    CellRef::Text(a.value(i))
                }
            }
            ColumnView::Int(a) => get!(a, CellRef::Int),
            ColumnView::Float(a) => get!(a, CellRef::Float),
            ColumnView::Bool(a) => get!(a, CellRef::Bool),
            ColumnView::Timestamp { micros, zoned } => get!(micros, |v| if *zoned {
                CellRef::Timestamp(v)
            } else {
                CellRef::NaiveTimestamp(v)
            }),
            ColumnView::Date(a) => get!(a, CellRef::Date),
            ColumnView::List(a) => {
                if a.is_null(i) {
                    CellRef::Null
                } else {
                    CellRef::List(&self.lists[index])
                }
            }
        }
    }
}

/// Flattens struct columns into `outer.inner` columns (as the JSON reader
/// does with nested objects) and turns lists of records and maps into JSON
/// text, so nested exports (GA4's `event_params`) keep every value.
fn flatten_columns(
    prefix: &str,
    fields: &datafusion::arrow::datatypes::Fields,
    columns: &[ArrayRef],
    out: &mut Vec<(String, ArrayRef)>,
) -> Result<()> {
    for (f, a) in fields.iter().zip(columns) {
        let name = if prefix.is_empty() {
            f.name().clone()
        } else {
            format!("{prefix}.{}", f.name())
        };
        match f.data_type() {
            DataType::Struct(inner) => {
                let s = a.as_struct();
                flatten_columns(&name, inner, s.columns(), out)?;
            }
            DataType::List(item) | DataType::LargeList(item)
                if !matches!(
                    item.data_type(),
                    DataType::Utf8
                        | DataType::LargeUtf8
                        | DataType::Utf8View
                        | DataType::Int8
                        | DataType::Int16
                        | DataType::Int32
                        | DataType::Int64
                        | DataType::Float32
                        | DataType::Float64
                        | DataType::Boolean
                ) =>
            {
                out.push((name.clone(), json_text_column(&name, a)?));
            }
            DataType::Map(..) => out.push((name.clone(), json_text_column(&name, a)?)),
            _ => out.push((name, a.clone())),
        }
    }
    Ok(())
}

/// One nested column as JSON text per row (null stays null).
fn json_text_column(name: &str, a: &ArrayRef) -> Result<ArrayRef> {
    use datafusion::arrow::datatypes::{Field, Schema};
    let schema = std::sync::Arc::new(Schema::new(vec![Field::new(
        "v",
        a.data_type().clone(),
        true,
    )]));
    let batch = datafusion::arrow::record_batch::RecordBatch::try_new(schema, vec![a.clone()])
        .map_err(|e| unreadable(name, &e))?;
    let mut buf = Vec::new();
    {
        let mut w = datafusion::arrow::json::LineDelimitedWriter::new(&mut buf);
        w.write(&batch).map_err(|e| unreadable(name, &e))?;
        w.finish().map_err(|e| unreadable(name, &e))?;
    }
    let mut texts: Vec<Option<String>> = Vec::with_capacity(a.len());
    for line in buf.split(|&b| b == b'\n').take(a.len()) {
        let v: serde_json::Value =
            serde_json::from_slice(line).map_err(|e| unreadable(name, &e))?;
        texts.push(v.get("v").filter(|v| !v.is_null()).map(|v| v.to_string()));
    }
    Ok(std::sync::Arc::new(StringArray::from(texts)))
}

fn parquet_header(
    fields: &datafusion::arrow::datatypes::Fields,
    prefix: &str,
    out: &mut Vec<String>,
) {
    for f in fields {
        let name = if prefix.is_empty() {
            f.name().clone()
        } else {
            format!("{prefix}.{}", f.name())
        };
        match f.data_type() {
            DataType::Struct(inner) => parquet_header(inner, &name, out),
            _ => out.push(name),
        }
    }
}

fn read_parquet(path: &Path, on: &mut dyn FnMut(Event<'_>) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(open(path)?).map_err(|e| unreadable(&name, &e))?;
    let mut header: Vec<String> = Vec::new();
    parquet_header(builder.schema().fields(), "", &mut header);
    check_unique_header(&name, &header)?;
    let total_rows = builder.metadata().file_metadata().num_rows().max(1) as u64;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    on(Event::Header(&header))?;
    let reader = builder
        .with_batch_size(8192)
        .build()
        .map_err(|e| unreadable(&name, &e))?;
    let mut row = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| unreadable(&name, &e))?;
        let mut flat = Vec::with_capacity(header.len());
        flatten_columns("", batch.schema().fields(), batch.columns(), &mut flat)?;
        let views: Vec<ColumnView> = flat.iter().map(|(_, a)| column_view(a)).collect();
        let mut lists = vec![Vec::new(); views.len()];
        for at in 0..batch.num_rows() {
            for (i, v) in views.iter().enumerate() {
                if let ColumnView::List(a) = v
                    && !a.is_null(at)
                {
                    let items = a.value(at);
                    let items = items.as_string::<i32>();
                    lists[i] = items.iter().flatten().map(str::to_owned).collect();
                }
            }
            row += 1;
            on(Event::Row {
                row,
                line: None,
                cells: &ParquetRow {
                    views: &views,
                    lists: &lists,
                    at,
                },
            })?;
        }
        on(Event::Progress(size * row / total_rows))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_trim_agrees_with_the_full_one() {
        let cells = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "abc",
            "\u{a0}5\u{a0}",
            "\u{2003}x",
            "x\u{2003}",
            "é",
            " é ",
            "\u{7f}",
            "\u{1f}x",
            "5,0\u{85}",
            "\r\n",
        ];
        for s in cells {
            assert_eq!(trim_cell(s), s.trim(), "{s:?}");
        }
    }

    fn collect(path: &Path, csv: CsvOptions) -> Result<(Vec<String>, Vec<String>)> {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        read_file(path, csv, &mut |e| {
            match e {
                Event::Header(h) => header = h.to_vec(),
                Event::Row { row, cells, .. } => {
                    rows.push(format!("{row}:{}", cells.raw(&header)));
                }
                Event::Malformed { row, message, .. } => rows.push(format!("{row}:bad:{message}")),
                Event::Progress(_) => {}
            }
            Ok(())
        })?;
        Ok((header, rows))
    }

    #[test]
    fn csv_progress_counts_the_bytes_of_the_rows_read_not_of_the_read_ahead() {
        // The load estimates an input's rows from this rate and sizes the
        // key index by it; bytes read ahead of the rows made it low.
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("p.csv");
        let header = "id,amount\n";
        let lines: Vec<String> = (0..40_000).map(|i| format!("{i},{}.5\n", i % 97)).collect();
        std::fs::write(&p, format!("{header}{}", lines.concat())).expect("write");
        let (mut rows, mut checked) = (0usize, 0);
        let mut consumed = header.len() as u64;
        read_file(&p, CsvOptions::default(), &mut |e| {
            match e {
                Event::Row { .. } => {
                    consumed += lines[rows].len() as u64;
                    rows += 1;
                }
                Event::Progress(bytes) => {
                    assert_eq!(bytes, consumed, "after {rows} rows");
                    checked += 1;
                }
                _ => {}
            }
            Ok(())
        })
        .expect("reads");
        assert_eq!(rows, lines.len());
        assert!(checked >= 4, "{checked} progress reports");
    }

    #[test]
    fn csv_with_bom_quoted_newlines_and_bad_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.csv");
        std::fs::write(&p, "\u{feff}id,note\n1,\"two\nlines\"\n2\n3,ok\n").expect("write");
        let (h, rows) = collect(&p, CsvOptions::default()).expect("reads");
        assert_eq!(h, ["id", "note"]);
        assert_eq!(rows[0], r#"1:{"id":"1","note":"two\nlines"}"#);
        assert!(
            rows[1].starts_with("2:bad:the row has 1 fields but the header has 2"),
            "{}",
            rows[1]
        );
        assert_eq!(rows[2], r#"3:{"id":"3","note":"ok"}"#);
    }

    #[test]
    fn latin1_is_decoded_only_when_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.csv");
        std::fs::write(&p, b"id;city\n1;Bra\xbfov\n2;Ia\xe7i\n").expect("write");
        let opts = CsvOptions {
            delimiter: Some(b';'),
            encoding: TextEncoding::Utf8,
            skip_lines: 0,
        };
        let (_, rows) = collect(&p, opts).expect("reads");
        assert!(rows[0].contains("not valid UTF-8") && rows[0].contains("--encoding latin1"));
        let opts = CsvOptions {
            encoding: TextEncoding::Latin1,
            ..opts
        };
        let (_, rows) = collect(&p, opts).expect("reads");
        assert_eq!(rows[1], r#"2:{"city":"Iaçi","id":"2"}"#);
    }

    #[test]
    fn json_array_and_ndjson_flatten_nested_objects() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.json");
        std::fs::write(
            &a,
            r#"[{"id": 1, "geo": {"country": "RO"}, "tags": ["a","b"]}, 5]"#,
        )
        .expect("write");
        let (h, rows) = collect(&a, CsvOptions::default()).expect("reads");
        assert_eq!(h, ["id", "geo.country", "tags"], "the file's order");
        assert_eq!(rows[0], r#"1:{"geo.country":"RO","id":1,"tags":["a","b"]}"#);
        assert_eq!(rows[1], "2:bad:the element is not a JSON object");
        let n = dir.path().join("n.ndjson");
        std::fs::write(&n, "{\"id\":1}\n\nnot json\n{\"id\":2,\"extra\":true}\n").expect("write");
        let (h, rows) = collect(&n, CsvOptions::default()).expect("reads");
        // A key that first appears in a later element is a column too.
        assert_eq!(h, ["id", "extra"]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], r#"1:{"extra":null,"id":1}"#);
        assert!(rows[1].starts_with("2:bad:the line is not valid JSON"));
        assert_eq!(rows[2], r#"3:{"extra":true,"id":2}"#);
    }

    #[test]
    fn a_json_api_page_gives_its_list_as_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let one_line = dir.path().join("charges.json");
        std::fs::write(
            &one_line,
            r#"{"object":"list","data":[{"id":"ch_1","amount":5},{"id":"ch_2","amount":7}],"has_more":false,"url":"/v1/charges"}"#,
        )
        .expect("write");
        let (h, rows) = collect(&one_line, CsvOptions::default()).expect("reads");
        assert_eq!(h, ["amount", "id"]);
        assert_eq!(
            rows,
            [
                r#"1:{"amount":5,"id":"ch_1"}"#,
                r#"2:{"amount":7,"id":"ch_2"}"#
            ]
        );
        let pretty = dir.path().join("contacts.json");
        std::fs::write(
            &pretty,
            "{\n  \"results\": [\n    {\"id\": \"1\", \"properties\": {\"email\": \"a@b.c\"}}\n  ],\n  \"paging\": {\"next\": {\"after\": \"2\"}}\n}\n",
        )
        .expect("write");
        let (h, rows) = collect(&pretty, CsvOptions::default()).expect("reads");
        assert_eq!(h, ["id", "properties.email"]);
        assert_eq!(rows, [r#"1:{"id":"1","properties.email":"a@b.c"}"#]);
        // One plain record stays one row; a broken first NDJSON line is
        // quarantined, not the whole file.
        let single = dir.path().join("one.json");
        std::fs::write(&single, r#"{"id": 1, "tags": ["a"]}"#).expect("write");
        let (_, rows) = collect(&single, CsvOptions::default()).expect("reads");
        assert_eq!(rows, [r#"1:{"id":1,"tags":["a"]}"#]);
        let broken = dir.path().join("broken.ndjson");
        std::fs::write(&broken, "{\"id\": 1, \"na\n{\"id\": 2}\n").expect("write");
        let (_, rows) = collect(&broken, CsvOptions::default()).expect("reads");
        assert!(
            rows[0].starts_with("1:bad:the line is not valid JSON"),
            "{rows:?}"
        );
        assert_eq!(rows[1], r#"2:{"id":2}"#);
    }

    #[test]
    fn ndjson_header_sample_reads_only_the_first_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let n = dir.path().join("e.ndjson");
        std::fs::write(&n, "{\"a\":1}\n{\"b\":{\"c\":2}}\n{\"late\":3}\n").expect("write");
        assert_eq!(
            json_sample_header(&n, 2).expect("reads"),
            Some(vec!["a".to_owned(), "b.c".to_owned()])
        );
        let a = dir.path().join("a.json");
        std::fs::write(&a, r#"[{"a":1},{"b":2}]"#).expect("write");
        assert_eq!(
            json_sample_header(&a, 10).expect("reads"),
            None,
            "arrays are read whole"
        );
        let page = dir.path().join("p.json");
        std::fs::write(&page, r#"{"object":"list","data":[{"id":1}]}"#).expect("write");
        assert_eq!(
            json_sample_header(&page, 10).expect("reads"),
            None,
            "one object may be a page"
        );
    }

    #[test]
    fn truncated_json_array_is_an_error_not_a_partial_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.json");
        std::fs::write(&a, r#"[{"id": 1}, {"id": "#).expect("write");
        let err = collect(&a, CsvOptions::default()).unwrap_err().to_string();
        assert!(err.contains("not valid JSON after row 1"), "{err}");
    }
}
