//! Rows shaped for one entity of a multi-entity export before they are
//! read: line numbers within a record (Shopify's line items), and one row
//! per key out of many (a customer out of their orders).
//!
//! Both work on rows as read, before parsing, so that what follows (the
//! conversion, the rules, the quarantine, the key index) is the same code
//! every load runs.

use std::collections::HashMap;

use rapport_schema::ColumnType;

use crate::convert::{Binding, RowReader};
use crate::mapping::Case;
use crate::mapping::LINE_COLUMN;
use crate::parse::{ParseOptions, Value, display, parse};
use crate::readers::{CellRef, OwnedCell, OwnedRow, Row};

/// A row with cells added at the end (`extra`, from index `at`): a line
/// number, or the fields of one element of a list the row holds.
pub(crate) struct Extended<'a> {
    pub inner: &'a dyn Row,
    /// The index of the first added cell (the width of the input's header).
    pub at: usize,
    pub extra: &'a [Option<String>],
}

impl Row for Extended<'_> {
    fn cell(&self, index: usize) -> CellRef<'_> {
        match index.checked_sub(self.at) {
            None => self.inner.cell(index),
            Some(i) => match self.extra.get(i) {
                Some(Some(text)) => CellRef::Text(text),
                _ => CellRef::Null,
            },
        }
    }
}

/// One row per element of a list of objects a column holds (WooCommerce's
/// `line_items`): each element's fields the mapping reads become the
/// columns `COLUMN.FIELD`, and its position in the list [`LINE_COLUMN`].
#[derive(Debug, Default)]
pub(crate) struct Explode {
    /// The column holding the list.
    pub column: String,
    /// The element's fields the mapping reads.
    pub fields: Vec<String>,
    /// The column's index in the current input's header.
    pub at: Option<usize>,
}

impl Explode {
    /// The columns it adds to a header: `COLUMN.FIELD` for each field,
    /// then the line number.
    pub(crate) fn added_columns(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| format!("{}.{f}", self.column))
            .chain(std::iter::once(LINE_COLUMN.to_owned()))
            .collect()
    }

    /// The added cells of each element of the row's list, in order; an
    /// empty or missing list gives none. `Err` names what is wrong with a
    /// list that is not one.
    pub(crate) fn elements(&self, cells: &dyn Row) -> Result<Vec<Vec<Option<String>>>, String> {
        let Some(at) = self.at else {
            return Ok(Vec::new());
        };
        let items: Vec<serde_json::Value> = match cells.cell(at) {
            CellRef::Null => return Ok(Vec::new()),
            CellRef::Text(t) if t.trim().is_empty() => return Ok(Vec::new()),
            CellRef::List([]) => return Ok(Vec::new()),
            CellRef::Text(t) => serde_json::from_str(t)
                .map_err(|e| format!("{} is not a JSON list of objects ({e})", self.column))?,
            _ => return Err(format!("{} is not a JSON list of objects", self.column)),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let serde_json::Value::Object(fields) = item else {
                return Err(format!(
                    "element {} of {} is not an object",
                    i + 1,
                    self.column
                ));
            };
            let mut row: Vec<Option<String>> = self
                .fields
                .iter()
                .map(|f| match fields.get(f) {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(other) => Some(other.to_string()),
                })
                .collect();
            row.push(Some((i + 1).to_string()));
            out.push(row);
        }
        Ok(out)
    }
}

/// Numbers adjacent rows with the same value of one column: 1, 2, … for
/// the lines of one order, starting again at the next order.
#[derive(Debug, Default)]
pub(crate) struct LineNumbers {
    /// The column whose runs are numbered, in the current input's header.
    pub column: Option<usize>,
    previous: Option<String>,
    n: u64,
    text: String,
}

impl LineNumbers {
    /// The current input's header starts: numbering starts again.
    pub(crate) fn restart(&mut self, column: Option<usize>) {
        self.column = column;
        self.previous = None;
        self.n = 0;
    }

    /// The number of `cells` within its run, as text.
    pub(crate) fn next(&mut self, cells: &dyn Row) -> &str {
        let value = self.column.map(|c| display(cells.cell(c)));
        if value.is_some() && value == self.previous {
            self.n += 1;
        } else {
            self.n = 1;
            self.previous = value;
        }
        self.text = self.n.to_string();
        &self.text
    }
}

/// One key's rows, merged so far.
struct Group {
    input: usize,
    row: u64,
    line: Option<u64>,
    cells: OwnedRow,
    /// The winning row's time, if it has one.
    latest: Option<i64>,
    /// The earliest time of the key's rows, with its cell.
    earliest: Option<(i64, OwnedCell)>,
}

/// What [`Merge::offer`] did with a row.
pub(crate) enum Offer {
    /// Merged into its key's row (or started it): emitted at the end.
    Kept,
    /// Not merged, to be read as it is: its key is empty (the rules then
    /// quarantine it for that).
    Pass,
}

/// One row per key: the rows of a key become one whose values are the
/// latest row's (by the `latest_by` timestamp; on equal times the later
/// row), except the `latest_by` column, which keeps the key's earliest
/// time. For customers from an order export: the address of the latest
/// order, and `created_at` when the customer first ordered. A row without
/// a time, or with one that does not parse, joins its key but never wins
/// over a row with one (Shopify's extra line-item lines carry the e-mail
/// but not the time); a key whose rows all lack one keeps its first row,
/// which the rules then quarantine for it.
#[derive(Default)]
pub(crate) struct Merge {
    /// Every input's name and header, in the order read.
    pub inputs: Vec<(String, Vec<String>)>,
    groups: Vec<Group>,
    index: HashMap<Vec<String>, usize>,
    /// Rows merged into a row of their key (all but one per key).
    pub merged: u64,
}

impl Merge {
    /// A new input's header: its rows are offered after this.
    pub(crate) fn input(&mut self, name: &str, header: &[String]) {
        self.inputs.push((name.to_owned(), header.to_vec()));
    }

    /// Offers a row of the current input, as bound by `reader`, ordered
    /// by canonical column `by`.
    pub(crate) fn offer(
        &mut self,
        reader: &RowReader,
        by: usize,
        row: u64,
        line: Option<u64>,
        cells: &dyn Row,
    ) -> Offer {
        let Some(key) = normalised_key(reader, cells) else {
            return Offer::Pass;
        };
        // A time that is not one is no time: the row joins its key but
        // cannot win (its order's own load quarantines it for the time).
        let time = time_of(reader, by, cells);
        let input = self.inputs.len().saturating_sub(1);
        let by_cell = source_index(reader, by).map(|i| OwnedCell::of(cells.cell(i)));
        let keep = || OwnedRow(kept_cells(reader, cells));
        match self.index.get(&key) {
            None => {
                self.index.insert(key, self.groups.len());
                self.groups.push(Group {
                    input,
                    row,
                    line,
                    cells: keep(),
                    latest: time,
                    earliest: time.zip(by_cell),
                });
            }
            Some(&g) => {
                self.merged += 1;
                let group = &mut self.groups[g];
                let wins = match (time, group.latest) {
                    (Some(t), Some(l)) => t >= l,
                    (Some(_), None) => true,
                    (None, _) => false,
                };
                if wins {
                    group.input = input;
                    group.row = row;
                    group.line = line;
                    group.cells = keep();
                    group.latest = time;
                }
                if let (Some(t), Some(cell)) = (time, by_cell)
                    && group.earliest.as_ref().is_none_or(|(e, _)| t < *e)
                {
                    group.earliest = Some((t, cell));
                }
            }
        }
        Offer::Kept
    }

    /// The merged rows in the order their keys first appeared: (input,
    /// row, line, cells), with `by`'s source cell (at `by_index` of that
    /// input's header) set to the key's earliest time.
    pub(crate) fn finish(
        self,
        by_index: impl Fn(usize) -> Option<usize>,
    ) -> impl Iterator<Item = (usize, u64, Option<u64>, OwnedRow)> {
        self.groups.into_iter().map(move |mut g| {
            if let (Some((_, cell)), Some(i)) = (g.earliest, by_index(g.input))
                && let Some(slot) = g.cells.0.get_mut(i)
            {
                *slot = cell;
            }
            (g.input, g.row, g.line, g.cells)
        })
    }
}

/// The row's key as the load will store it (trimmed, in the mapping's
/// letter case), so that `A@x.ro` and `a@x.ro` are one customer; `None`
/// when a part is empty.
fn normalised_key(reader: &RowReader, cells: &dyn Row) -> Option<Vec<String>> {
    let mut key = Vec::with_capacity(reader.key_idx.len());
    for &k in &reader.key_idx {
        let Binding::Source { index, mapping, .. } = &reader.bindings[k] else {
            return None;
        };
        let text = display(cells.cell(*index));
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        key.push(match mapping.as_ref().and_then(|m| m.case) {
            Some(Case::Lower) => text.to_lowercase(),
            Some(Case::Upper) => text.to_uppercase(),
            None => text.to_owned(),
        });
    }
    Some(key)
}

/// The source column canonical column `column` is read from.
pub(crate) fn source_index(reader: &RowReader, column: usize) -> Option<usize> {
    match reader.bindings.get(column)? {
        Binding::Source {
            index,
            composite: None,
            ..
        } => Some(*index),
        _ => None,
    }
}

/// The row's time in canonical column `by`; `None` when it is empty or
/// not a time.
fn time_of(reader: &RowReader, by: usize, cells: &dyn Row) -> Option<i64> {
    let i = source_index(reader, by)?;
    let cell = cells.cell(i);
    if matches!(cell, CellRef::Null) || matches!(cell, CellRef::Text(s) if s.trim().is_empty()) {
        return None;
    }
    let mapping = match &reader.bindings[by] {
        Binding::Source { mapping, .. } => mapping.as_deref(),
        _ => None,
    };
    let opts = ParseOptions {
        format: mapping.and_then(|m| m.format.as_deref()),
        timezone: mapping.and_then(|m| m.timezone).unwrap_or(reader.tz),
        decimal_comma: false,
        multiply: None,
    };
    match parse(cell, ColumnType::Timestamp, &opts) {
        Ok(Value::Timestamp(t)) => Some(t),
        _ => None,
    }
}

/// The cells the reader's bindings read, the others empty: a merged row
/// is kept until the end of the load, and an export's other columns (70
/// in Shopify's) are not the entity's business.
fn kept_cells(reader: &RowReader, cells: &dyn Row) -> Vec<OwnedCell> {
    let mut out = vec![OwnedCell::Null; reader.header.len()];
    let mut keep = |i: usize| {
        if let Some(slot) = out.get_mut(i) {
            *slot = OwnedCell::of(cells.cell(i));
        }
    };
    for b in &reader.bindings {
        if let Binding::Source {
            index, composite, ..
        } = b
        {
            keep(*index);
            if let Some(c) = composite {
                c.parts.iter().for_each(|(i, _)| keep(*i));
                c.factors.iter().for_each(|(i, _)| keep(*i));
                c.minutes.into_iter().for_each(&mut keep);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Cells(Vec<&'static str>);
    impl Row for Cells {
        fn cell(&self, index: usize) -> CellRef<'_> {
            match self.0.get(index) {
                Some(s) if !s.is_empty() => CellRef::Text(s),
                _ => CellRef::Null,
            }
        }
    }

    #[test]
    fn line_numbers_count_within_each_run_and_restart() {
        let mut n = LineNumbers::default();
        n.restart(Some(0));
        let got: Vec<String> = ["#1", "#1", "#2", "#1", "#1"]
            .iter()
            .map(|k| n.next(&Cells(vec![k])).to_owned())
            .collect();
        // A key that comes back after another is a new run (a repeated
        // page), numbered from 1 again, so its lines are duplicates.
        assert_eq!(got, ["1", "2", "1", "1", "2"]);
        n.restart(Some(0));
        assert_eq!(n.next(&Cells(vec!["#1"])), "1");
    }
}
