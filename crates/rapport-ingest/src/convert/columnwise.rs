//! Converting a chunk column by column, for inputs whose every value
//! depends on its own cell only.
//!
//! Most exports are like that: each canonical column is one source column,
//! parsed and checked alone. Then a chunk is converted one column at a time,
//! straight into that column's Arrow builder, and the rows are hashed from
//! the finished arrays. The row-at-a-time path ([`super::convert_chunk`])
//! goes through a [`Value`] per cell and copies every text twice; on a
//! large load it was a third of the CPU.
//!
//! Both paths must give the same outcomes, problems (in the same order),
//! arrays and hashes: the tests below hold them to it.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Float64Array, Int64Array, ListArray,
    StringArray, TimestampMicrosecondArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::filter;
use datafusion::arrow::datatypes::TimestampMicrosecondType;
use rapport_schema::{ColumnSpec, ColumnType};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use super::{
    Binding, ColumnBuilder, Converted, Entry, Outcome, Problem, RowAt, RowChunk, RowReader, Scalar,
    check_cell, encode_list, is_plain_text,
};
use crate::parse::{Value, parse, plain_decimal, plain_integer, plain_timestamp, reads_plain};
use crate::readers::{CellRef, Row, trim_cell};

impl RowReader {
    /// Whether every canonical value comes from one cell (or a constant)
    /// and is checked alone: no composite sources, no amounts in minor
    /// units (they need the row's currency), no rules across columns and
    /// no summary rows to recognise.
    pub(crate) fn is_columnwise(&self) -> bool {
        self.skip_rows.is_empty()
            && self.minor_units.is_none()
            && self.entity.spec().row_rules.is_empty()
            && self.bindings.iter().all(|b| match b {
                Binding::Source { composite, .. } => composite.is_none(),
                Binding::Absent | Binding::Constant(_) => true,
            })
    }
}

/// The encoded keys and rows of a chunk, kept by a worker from chunk to
/// chunk.
#[derive(Default)]
pub(super) struct HashBuffers {
    keys: Vec<u8>,
    rows: Vec<u8>,
}

/// When a problem was found, which orders a row's problems as the row path
/// does: every type problem first, then the checks of the parsed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Parse,
    Check,
}

/// The problems of a chunk, by row.
#[derive(Default)]
struct Problems {
    /// Row (among the chunk's row entries), phase, problem; in column order
    /// within a row and phase.
    found: Vec<(usize, Phase, Problem)>,
    /// Rows with at least one problem.
    bad: Vec<bool>,
}

impl Problems {
    /// Takes the problems `found` in a row (leaving it empty).
    #[inline]
    fn add(&mut self, row: usize, phase: Phase, found: &mut Vec<Problem>) {
        if found.is_empty() {
            return;
        }
        self.bad[row] = true;
        self.found.extend(found.drain(..).map(|p| (row, phase, p)));
    }
}

/// Converts a chunk column by column (the reader must be
/// [`RowReader::is_columnwise`]). Should Arrow refuse the arrays built
/// here (it cannot: they are made for each other), the chunk comes back
/// for the row path.
pub(super) fn convert(
    chunk: RowChunk,
    bufs: &mut HashBuffers,
) -> std::result::Result<Converted, Box<RowChunk>> {
    let reader = &chunk.reader;
    let starts: Vec<RowAt> = chunk
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Row { at, .. } => Some(*at),
            Entry::Malformed { .. } => None,
        })
        .collect();
    let mut problems = Problems {
        found: Vec::new(),
        bad: vec![false; starts.len()],
    };
    let mut arrays: Vec<ArrayRef> = reader
        .columns
        .iter()
        .zip(&reader.bindings)
        .map(|(c, binding)| convert_column(&chunk, c, binding, &starts, &mut problems))
        .collect();

    // Rows with problems leave the arrays; their outcomes keep the problems
    // in the row path's order (stable sort: column order stays).
    let bad_rows = problems.bad.iter().filter(|b| **b).count();
    let mut outcomes: Vec<Outcome> = (0..starts.len()).map(|_| Outcome::Good).collect();
    if bad_rows > 0 {
        problems.found.sort_by_key(|(row, phase, _)| (*row, *phase));
        for (row, _, p) in problems.found {
            match &mut outcomes[row] {
                Outcome::Bad(list) => list.push(p),
                other => *other = Outcome::Bad(vec![p]),
            }
        }
        let keep = BooleanArray::from(problems.bad.iter().map(|b| !b).collect::<Vec<_>>());
        match arrays.iter().map(|a| filter(a, &keep)).collect() {
            Ok(kept) => arrays = kept,
            Err(_) => return Err(Box::new(chunk)),
        }
    }
    let Some(hashes) = row_hashes(reader, &arrays, starts.len() - bad_rows, bufs) else {
        return Err(Box::new(chunk));
    };
    Ok(Converted {
        chunk,
        outcomes,
        arrays,
        hashes,
    })
}

/// One canonical column of every row of the chunk, as an Arrow array (a
/// row with a problem in it gets a null there).
fn convert_column(
    chunk: &RowChunk,
    c: &ColumnSpec,
    binding: &Binding,
    starts: &[RowAt],
    problems: &mut Problems,
) -> ArrayRef {
    let mut builder = ColumnBuilder::new(c.ty, starts.len());
    let (index, source_name, mapping) = match binding {
        Binding::Source {
            index,
            source_name,
            mapping,
            ..
        } => (*index, source_name, mapping),
        Binding::Absent | Binding::Constant(_) => {
            // The same value on every row: checked once.
            let value = match binding {
                Binding::Constant(v) => v,
                _ => &Value::Null,
            };
            let mut once = Vec::new();
            check_cell(c, present(value), &mut once);
            for row in 0..starts.len() {
                builder.append(value);
                let mut found = once.clone();
                problems.add(row, Phase::Check, &mut found);
            }
            return builder.finish();
        }
    };
    let reader = &chunk.reader;
    // A column without value map or change of case is its cell parsed;
    // the others (and any cell that fails to parse, for its message) go
    // through the row path's `source_value`.
    let plain = is_plain_text(mapping);
    let options = reader.options(mapping);
    let plain_numbers = plain && reads_plain(&options);
    let mut found = Vec::new();
    for (row, &at) in starts.iter().enumerate() {
        // A CSV field of a text column: trimmed once, checked, appended.
        if plain
            && at.csv
            && let ColumnBuilder::Text(b) = &mut builder
        {
            match chunk.csv_field(at, index).map(trim_cell) {
                Some(s) if !s.is_empty() => {
                    check_cell(c, Some(Scalar::Text(s)), &mut found);
                    b.append_value(s);
                }
                _ => {
                    check_cell(c, None, &mut found);
                    b.append_null();
                }
            }
            problems.add(row, Phase::Check, &mut found);
            continue;
        }
        // A CSV field of a number or time column in its usual layout.
        if plain_numbers && at.csv {
            let s = chunk.csv_field(at, index).map_or("", trim_cell);
            let appended = match &mut builder {
                _ if s.is_empty() => None,
                ColumnBuilder::Int(b) => plain_integer(s).map(|i| {
                    b.append_value(i);
                    Scalar::Int(i)
                }),
                ColumnBuilder::Float(b) => plain_decimal(s).map(|f| {
                    b.append_value(f);
                    Scalar::Float(f)
                }),
                ColumnBuilder::Timestamp(b) => plain_timestamp(s, options.timezone).map(|t| {
                    b.append_value(t);
                    Scalar::Other
                }),
                _ => None,
            };
            if let Some(v) = appended {
                check_cell(c, Some(v), &mut found);
                problems.add(row, Phase::Check, &mut found);
                continue;
            }
        }
        let cells = chunk.row(at);
        let cell = cells.cell(index);
        if plain {
            if let (ColumnBuilder::Text(b), CellRef::Text(s)) = (&mut builder, cell) {
                let s = trim_cell(s);
                check_cell(c, Some(Scalar::Text(s)), &mut found);
                problems.add(row, Phase::Check, &mut found);
                b.append_value(s);
                continue;
            }
            // Typed cells of a text column (JSON, Parquet) take the
            // general path, which writes them out.
            if (c.ty != ColumnType::Text || matches!(cell, CellRef::Null))
                && let Ok(value) = parse(cell, c.ty, &options)
            {
                check_cell(c, present(&value), &mut found);
                problems.add(row, Phase::Check, &mut found);
                builder.append(&value);
                continue;
            }
        }
        let value = reader.source_value(c, &cells, index, source_name, mapping, &None, &mut found);
        if found.is_empty() {
            check_cell(c, present(&value), &mut found);
            problems.add(row, Phase::Check, &mut found);
        } else {
            problems.add(row, Phase::Parse, &mut found);
        }
        builder.append(&value);
    }
    builder.finish()
}

/// The value as the rules see it; `None` when empty.
fn present(v: &Value) -> Option<Scalar<'_>> {
    (!matches!(v, Value::Null)).then(|| v.into())
}

/// A finished column, typed once so that its rows are encoded in one loop.
#[derive(Clone, Copy)]
enum Column<'a> {
    Text(&'a StringArray),
    Int(&'a Int64Array),
    Float(&'a Float64Array),
    Timestamp(&'a TimestampMicrosecondArray),
    Date(&'a Date32Array),
    Bool(&'a BooleanArray),
    /// The lists, and the text of their items.
    List(&'a ListArray, &'a StringArray),
}

impl<'a> Column<'a> {
    fn of(array: &'a ArrayRef) -> Option<Column<'a>> {
        let any = array.as_any();
        Some(if let Some(a) = any.downcast_ref::<StringArray>() {
            Column::Text(a)
        } else if let Some(a) = any.downcast_ref::<Int64Array>() {
            Column::Int(a)
        } else if let Some(a) = any.downcast_ref::<Float64Array>() {
            Column::Float(a)
        } else if let Some(a) = array.as_primitive_opt::<TimestampMicrosecondType>() {
            Column::Timestamp(a)
        } else if let Some(a) = any.downcast_ref::<Date32Array>() {
            Column::Date(a)
        } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
            Column::Bool(a)
        } else {
            let lists = any.downcast_ref::<ListArray>()?;
            Column::List(lists, lists.values().as_string_opt::<i32>()?)
        })
    }

    /// Adds each row's encoded length (see [`super::encode`]) to `lengths`.
    fn add_lengths(&self, lengths: &mut [usize]) {
        let fixed = |nulls: Option<&NullBuffer>, size: usize, lengths: &mut [usize]| {
            for (i, l) in lengths.iter_mut().enumerate() {
                *l += if nulls.is_none_or(|n| n.is_valid(i)) {
                    1 + size
                } else {
                    1
                };
            }
        };
        match self {
            Column::Text(a) => {
                for (i, l) in lengths.iter_mut().enumerate() {
                    *l += if a.is_valid(i) {
                        9 + a.value_length(i) as usize
                    } else {
                        1
                    };
                }
            }
            Column::Int(a) => fixed(a.nulls(), 8, lengths),
            Column::Float(a) => fixed(a.nulls(), 8, lengths),
            Column::Timestamp(a) => fixed(a.nulls(), 8, lengths),
            Column::Date(a) => fixed(a.nulls(), 4, lengths),
            Column::Bool(a) => fixed(a.nulls(), 1, lengths),
            Column::List(a, items) => {
                let offsets = a.value_offsets();
                for (i, l) in lengths.iter_mut().enumerate() {
                    *l += if a.is_valid(i) {
                        let (from, to) = (offsets[i] as usize, offsets[i + 1] as usize);
                        9 + (from..to)
                            .map(|j| 8 + items.value_length(j) as usize)
                            .sum::<usize>()
                    } else {
                        1
                    };
                }
            }
        }
    }

    /// Writes each row's encoding at `at[row]` in `out` and moves `at[row]`
    /// past it; the bytes are [`super::encode`]'s.
    fn write(&self, at: &mut [usize], out: &mut [u8]) {
        match self {
            Column::Text(a) => {
                for (i, p) in at.iter_mut().enumerate() {
                    if a.is_valid(i) {
                        *p += put_text(a.value(i), &mut out[*p..]);
                    } else {
                        out[*p] = 0;
                        *p += 1;
                    }
                }
            }
            Column::Int(a) => write_fixed(2, a.nulls(), |i| a.value(i).to_le_bytes(), at, out),
            Column::Float(a) => write_fixed(
                3,
                a.nulls(),
                |i| a.value(i).to_bits().to_le_bytes(),
                at,
                out,
            ),
            Column::Timestamp(a) => {
                write_fixed(4, a.nulls(), |i| a.value(i).to_le_bytes(), at, out)
            }
            Column::Date(a) => write_fixed(5, a.nulls(), |i| a.value(i).to_le_bytes(), at, out),
            Column::Bool(a) => write_fixed(6, a.nulls(), |i| [u8::from(a.value(i))], at, out),
            Column::List(a, items) => {
                let offsets = a.value_offsets();
                for (i, p) in at.iter_mut().enumerate() {
                    if !a.is_valid(i) {
                        out[*p] = 0;
                        *p += 1;
                        continue;
                    }
                    let (from, to) = (offsets[i] as usize, offsets[i + 1] as usize);
                    let mut bytes = Vec::new();
                    encode_list((from..to).map(|j| items.value(j)), &mut bytes);
                    out[*p..*p + bytes.len()].copy_from_slice(&bytes);
                    *p += bytes.len();
                }
            }
        }
    }
}

/// Text as [`super::encode`] writes it (tag 1, length, bytes) at the
/// start of `out`; returns how many bytes.
fn put_text(s: &str, out: &mut [u8]) -> usize {
    let n = 9 + s.len();
    out[0] = 1;
    out[1..9].copy_from_slice(&(s.len() as u64).to_le_bytes());
    out[9..n].copy_from_slice(s.as_bytes());
    n
}

/// Fixed-size values as [`super::encode`] writes them: the tag and the
/// bytes, or 0 for a null.
fn write_fixed<const N: usize>(
    tag: u8,
    nulls: Option<&NullBuffer>,
    bytes: impl Fn(usize) -> [u8; N],
    at: &mut [usize],
    out: &mut [u8],
) {
    for (i, p) in at.iter_mut().enumerate() {
        if nulls.is_none_or(|n| n.is_valid(i)) {
            out[*p] = tag;
            out[*p + 1..*p + 1 + N].copy_from_slice(&bytes(i));
            *p += 1 + N;
        } else {
            out[*p] = 0;
            *p += 1;
        }
    }
}

/// Per row: the key hash and the row hash, as [`RowReader::hashes`] makes
/// them from the row's values. The rows are encoded column by column into
/// one buffer (their lengths first), then each row's bytes are hashed.
/// `None` if an array is not of a column type.
///
/// A key of one column is encoded inside the row already: its bytes are
/// hashed where they are instead of being encoded a second time.
fn row_hashes(
    reader: &RowReader,
    arrays: &[ArrayRef],
    rows: usize,
    bufs: &mut HashBuffers,
) -> Option<Vec<(u128, u64)>> {
    let columns: Vec<Column<'_>> = arrays.iter().map(Column::of).collect::<Option<_>>()?;
    if let [k] = reader.key_idx[..] {
        columns.get(k)?;
        let (row_starts, row_bytes, key_at) = encode_rows(&columns, Some(k), rows, &mut bufs.rows);
        let hashes = (0..rows)
            .map(|i| {
                let row = &bufs.rows[row_starts[i]..row_starts[i] + row_bytes[i]];
                (xxh3_128(&bufs.rows[key_at[i].clone()]), xxh3_64(row))
            })
            .collect();
        return Some(hashes);
    }
    let keys: Vec<Column<'_>> = reader
        .key_idx
        .iter()
        .map(|&k| columns.get(k).copied())
        .collect::<Option<_>>()?;
    let (key_starts, key_bytes, _) = encode_rows(&keys, None, rows, &mut bufs.keys);
    let (row_starts, row_bytes, _) = encode_rows(&columns, None, rows, &mut bufs.rows);
    let hashes = (0..rows)
        .map(|i| {
            let key = &bufs.keys[key_starts[i]..key_starts[i] + key_bytes[i]];
            let row = &bufs.rows[row_starts[i]..row_starts[i] + row_bytes[i]];
            (xxh3_128(key), xxh3_64(row))
        })
        .collect();
    Some(hashes)
}

/// Encodes `rows` rows of `columns` into `buf`: where each row starts, its
/// length, and where column `piece` (if asked for) is in each row's bytes.
fn encode_rows(
    columns: &[Column<'_>],
    piece: Option<usize>,
    rows: usize,
    buf: &mut Vec<u8>,
) -> (Vec<usize>, Vec<usize>, Vec<std::ops::Range<usize>>) {
    let mut lengths = vec![0; rows];
    for c in columns {
        c.add_lengths(&mut lengths);
    }
    let mut starts = Vec::with_capacity(rows);
    let mut total = 0;
    for l in &lengths {
        starts.push(total);
        total += l;
    }
    // Every byte of `..total` is written below, so a buffer kept from the
    // last chunk is only cut or grown: zeroing it all again was 1 % of a
    // load's CPU.
    if buf.len() < total {
        buf.resize(total, 0);
    } else {
        buf.truncate(total);
    }
    let mut at = starts.clone();
    let mut pieces = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if piece == Some(i) {
            let from = at.clone();
            c.write(&mut at, buf);
            pieces = from.into_iter().zip(&at).map(|(f, &t)| f..t).collect();
        } else {
            c.write(&mut at, buf);
        }
    }
    (starts, lengths, pieces)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use rapport_schema::{ColumnType, Entity};

    use super::super::{Binding, Composite, RowChunk, RowReader, Scratch, convert_rows};
    use super::{HashBuffers, convert};
    use crate::delimited::field_range;
    use crate::mapping::{Case, ColumnMapping};
    use crate::parse::Value;
    use crate::readers::{CellRef, Row, text_cell};

    /// A delimited record, copied into chunks whole as the CSV reader's
    /// rows are: fields one separator apart, and their ends.
    struct CsvRow(String, Vec<usize>);

    impl CsvRow {
        fn new(fields: &[String]) -> CsvRow {
            let mut ends = Vec::new();
            let mut end = 0;
            for f in fields {
                end += f.len();
                ends.push(end);
                end += 1;
            }
            CsvRow(fields.join(","), ends)
        }
    }

    impl Row for CsvRow {
        fn cell(&self, index: usize) -> CellRef<'_> {
            text_cell(field_range(&self.1, index).and_then(|r| self.0.get(r)))
        }
        fn delimited(&self) -> Option<(&[u8], &[usize])> {
            Some((self.0.as_bytes(), &self.1))
        }
    }

    /// A row of typed cells, as JSON and Parquet inputs give them.
    struct TypedRow(Vec<CellRef<'static>>);

    impl Row for TypedRow {
        fn cell(&self, index: usize) -> CellRef<'_> {
            self.0.get(index).copied().unwrap_or(CellRef::Null)
        }
    }

    fn source(index: usize, name: &str, mapping: Option<ColumnMapping>) -> Binding {
        Binding::Source {
            index,
            source_name: name.to_owned(),
            mapping: mapping.map(Box::new),
            composite: None,
        }
    }

    /// Orders read through every kind of binding the column-wise path
    /// takes: plain cells, a value map, a change of case, a factor, a
    /// decimal comma, a constant and an absent column.
    fn orders_reader() -> RowReader {
        let header = [
            "id", "customer", "at", "amount", "cur", "state", "items", "unused",
        ];
        let status = ColumnMapping {
            from: "state".into(),
            values: BTreeMap::from([("Done".to_owned(), "completed".to_owned())]),
            ..ColumnMapping::default()
        };
        let currency = ColumnMapping {
            from: "cur".into(),
            case: Some(Case::Upper),
            ..ColumnMapping::default()
        };
        let amount = ColumnMapping {
            from: "amount".into(),
            multiply: Some(0.01),
            ..ColumnMapping::default()
        };
        let items = ColumnMapping {
            from: "items".into(),
            decimal_separator: Some(','),
            ..ColumnMapping::default()
        };
        RowReader {
            input: "orders.csv".into(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            entity: Entity::Orders,
            columns: Entity::Orders.spec().columns,
            // order_id, customer_id, ordered_at, amount, currency, status,
            // channel, items
            bindings: vec![
                source(0, "id", None),
                source(1, "customer", None),
                source(2, "at", None),
                source(3, "amount", Some(amount)),
                source(4, "cur", Some(currency)),
                source(5, "state", Some(status)),
                Binding::Constant(Value::Text("web".into())),
                source(6, "items", Some(items)),
            ],
            tz: chrono_tz::Europe::Bucharest,
            decimal_separator: None,
            key_idx: vec![0],
            minor_units: None,
            skip_rows: Vec::new(),
        }
    }

    /// A small deterministic generator (xorshift), to pick cells.
    struct Picks(u64);

    impl Picks {
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            from[(self.0 % from.len() as u64) as usize]
        }
    }

    /// Good, blank, padded and broken cells for each input column.
    fn random_record(p: &mut Picks) -> Vec<String> {
        let choices: [&[&str]; 8] = [
            &["O1", "O2", "O3", " O4 ", "", "Ö5", "  "],
            &["C1", "C2", "", " C3"],
            &[
                "2026-01-02T03:04:05Z",
                "2026-03-29 03:30:00",
                "2026-01-02",
                "bad",
                "",
                "2026-13-01",
            ],
            &["1250", "-300", "1,234.50", "abc", "", " 7 ", "1e3"],
            &["eur", "EUR", "EURO", "", "usd", "e1r"],
            &["Done", "completed", "weird", "", "refunded", "done"],
            &["3", "-1", "2,5", "x", "", "4,0"],
            &["anything", ""],
        ];
        choices.iter().map(|c| p.pick(c).to_owned()).collect()
    }

    fn chunk(reader: &Arc<RowReader>, rows: &[Vec<String>], typed: &[TypedRow]) -> RowChunk {
        let mut chunk = RowChunk::new(Arc::clone(reader));
        for (i, r) in rows.iter().enumerate() {
            let row = i as u64 + 1;
            if i % 97 == 5 {
                chunk.push_malformed(row, Some(row), "the row has 3 fields".into(), "x".into());
            }
            chunk.push_row(row, Some(row + 1), &CsvRow::new(r));
        }
        for (i, t) in typed.iter().enumerate() {
            chunk.push_row((rows.len() + i) as u64 + 1, None, t);
        }
        chunk.seal().unwrap_or_else(|e| panic!("{e}"));
        chunk
    }

    /// Runs both paths on the same rows and holds the column-wise one to
    /// the row path's outcomes (problems in order), arrays and hashes.
    fn assert_paths_agree(reader: RowReader, rows: &[Vec<String>], typed: &[TypedRow]) -> usize {
        let reader = Arc::new(reader);
        assert!(reader.is_columnwise());
        let by_rows = convert_rows(chunk(&reader, rows, typed), &mut Scratch::default());
        let by_columns = match convert(chunk(&reader, rows, typed), &mut HashBuffers::default()) {
            Ok(c) => c,
            Err(_) => panic!("the column-wise path gave the chunk back"),
        };
        assert_eq!(
            format!("{:?}", by_columns.outcomes),
            format!("{:?}", by_rows.outcomes)
        );
        assert_eq!(by_columns.hashes, by_rows.hashes);
        assert_eq!(by_columns.arrays.len(), by_rows.arrays.len());
        for (c, (a, b)) in by_columns.arrays.iter().zip(&by_rows.arrays).enumerate() {
            assert_eq!(a.data_type(), b.data_type(), "column {c}");
            assert_eq!(a.as_ref(), b.as_ref(), "column {c}");
        }
        by_rows.hashes.len()
    }

    #[test]
    fn column_by_column_agrees_with_row_by_row_on_random_rows() {
        let mut p = Picks(0x2545_F491_4F6C_DD1D);
        let mut good = 0;
        for _ in 0..20 {
            let rows: Vec<Vec<String>> = (0..300).map(|_| random_record(&mut p)).collect();
            good += assert_paths_agree(orders_reader(), &rows, &[]);
        }
        // Both good and quarantined rows were exercised.
        assert!(good > 100 && good < 20 * 300, "{good} good rows");
    }

    #[test]
    fn all_good_rows_need_no_filtering_and_still_agree() {
        let rows: Vec<Vec<String>> = (0..50)
            .map(|i| {
                [
                    &format!("O{i}"),
                    "C1",
                    "2026-01-02T03:04:05Z",
                    "1999",
                    "eur",
                    "Done",
                    "2",
                    "",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
            })
            .collect();
        assert_eq!(assert_paths_agree(orders_reader(), &rows, &[]), 50);
    }

    #[test]
    fn typed_cells_agree_too() {
        let typed = vec![
            TypedRow(vec![
                CellRef::Int(17),
                CellRef::Text("C1"),
                CellRef::Timestamp(1_700_000_000_000_000),
                CellRef::Float(12.5),
                CellRef::Text("eur"),
                CellRef::Text("completed"),
                CellRef::Int(2),
            ]),
            TypedRow(vec![
                CellRef::Float(1.5),
                CellRef::Bool(true),
                CellRef::Text("2026-01-02"),
                CellRef::Int(-4),
                CellRef::Null,
                CellRef::Int(3),
                CellRef::Float(2.5),
            ]),
            TypedRow(vec![CellRef::Null; 7]),
        ];
        let rows = vec![random_record(&mut Picks(7))];
        assert_paths_agree(orders_reader(), &rows, &typed);
    }

    #[test]
    fn a_constant_that_breaks_a_rule_quarantines_every_row_as_the_row_path_does() {
        let mut reader = orders_reader();
        reader.bindings[4] = Binding::Constant(Value::Text("euro".into()));
        let rows: Vec<Vec<String>> = (0..5)
            .map(|i| {
                let mut r = random_record(&mut Picks(i + 11));
                r[0] = format!("O{i}");
                r
            })
            .collect();
        assert_eq!(assert_paths_agree(reader, &rows, &[]), 0);
    }

    /// Every column of `entity` read from a source column of its own name,
    /// without a mapping.
    fn plain_reader(entity: Entity) -> RowReader {
        let spec = entity.spec();
        let names: Vec<String> = spec.columns.iter().map(|c| c.name.to_owned()).collect();
        RowReader {
            input: "plain.csv".into(),
            bindings: names
                .iter()
                .enumerate()
                .map(|(i, n)| source(i, n, None))
                .collect(),
            header: names,
            entity,
            columns: spec.columns,
            tz: chrono_tz::UTC,
            decimal_separator: None,
            key_idx: spec
                .key
                .iter()
                .filter_map(|k| spec.columns.iter().position(|c| c.name == *k))
                .collect(),
            minor_units: None,
            skip_rows: Vec::new(),
        }
    }

    /// Good, blank and broken cells for a column of type `ty`.
    fn cell_for(ty: ColumnType, p: &mut Picks) -> String {
        let choices: &[&str] = match ty {
            ColumnType::Text => &["a", " b ", "", "B2B", "EUR", "x y", "eur"],
            ColumnType::Integer => &["1", "-2", "1990", "x", "", "3.0", "1850"],
            ColumnType::Decimal => &["1.5", "-1", "abc", "", "2", "0.25"],
            ColumnType::Timestamp => &["2026-01-02T03:04:05Z", "2026-01-02", "bad", ""],
            ColumnType::Date => &["2026-01-02", "2026-02-30", "", "2025-12-31", "x"],
            ColumnType::Boolean => &["true", "no", "maybe", ""],
            ColumnType::TextList => &["a;b", "", "x", "a| b |", r#"["p","q"]"#, " ; "],
        };
        p.pick(choices).to_owned()
    }

    #[test]
    fn lists_dates_and_keys_of_several_columns_agree_too() {
        // Customers have a list column (interests); marketing spend has
        // dates and a key of three columns.
        for entity in [Entity::Customers, Entity::MarketingSpend] {
            let mut p = Picks(0x9E37_79B9_7F4A_7C15);
            let mut good = 0;
            for _ in 0..10 {
                let rows: Vec<Vec<String>> = (0..200)
                    .map(|_| {
                        entity
                            .spec()
                            .columns
                            .iter()
                            .map(|c| cell_for(c.ty, &mut p))
                            .collect()
                    })
                    .collect();
                good += assert_paths_agree(plain_reader(entity), &rows, &[]);
            }
            assert!(good > 0, "{entity:?}: no good rows");
        }
    }

    #[test]
    fn rows_needing_each_other_s_columns_are_converted_row_by_row() {
        let mut reader = orders_reader();
        assert!(reader.is_columnwise());
        reader.bindings[1] = Binding::Source {
            index: 1,
            source_name: "customer".into(),
            mapping: None,
            composite: Some(Box::new(Composite {
                parts: vec![(1, None), (7, None)],
                factors: Vec::new(),
                coalesce: true,
                minutes: None,
            })),
        };
        assert!(!reader.is_columnwise());
        let mut reader = orders_reader();
        reader.minor_units = Some((4, vec![3]));
        assert!(!reader.is_columnwise());
        let mut reader = orders_reader();
        reader.skip_rows = vec![(0, "Total*".into())];
        assert!(!reader.is_columnwise());
    }
}
