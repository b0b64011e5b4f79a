//! Small helpers for the metric plans: literals made from our own typed
//! values (never from user text), and reading aggregate results.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use datafusion::arrow::array::{Array, Float64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::prelude::SessionContext;

use crate::Result;

/// A timestamp literal of the stored type (µs, UTC).
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    format!(
        "arrow_cast({}, 'Timestamp(Microsecond, Some(\"UTC\"))')",
        t.timestamp_micros()
    )
}

/// `column` (a stored UTC timestamp) as a timestamp in time zone `tz`: the
/// same instant, so `date_trunc` truncates to local months and weeks.
pub(crate) fn local(column: &str, tz: chrono_tz::Tz) -> String {
    format!(
        "arrow_cast({column}, 'Timestamp(Microsecond, Some(\"{}\"))')",
        tz.name()
    )
}

/// A date literal.
pub(crate) fn day(d: NaiveDate) -> String {
    format!("DATE '{}'", d.format("%Y-%m-%d"))
}

/// One window of time a plan aggregates over: `[start, end)` as instants
/// and as local days, and the same-length window before it (for growth
/// accounting).
#[derive(Debug, Clone)]
pub(crate) struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub start_day: NaiveDate,
    pub end_day: NaiveDate,
    pub prev_start: DateTime<Utc>,
    pub days: f64,
}

impl Window {
    /// `column` lies in `[start, end)`.
    pub(crate) fn holds(&self, column: &str) -> String {
        format!(
            "({column} >= {} AND {column} < {})",
            ts(self.start),
            ts(self.end)
        )
    }

    /// `column` (a date) lies in the window's local days.
    pub(crate) fn holds_day(&self, column: &str) -> String {
        format!(
            "({column} >= {} AND {column} < {})",
            day(self.start_day),
            day(self.end_day)
        )
    }
}

/// `CASE` giving the index of the window `column` falls in (NULL if none),
/// so one scan aggregates the period and its comparison together.
pub(crate) fn window_index(windows: &[Window], column: &str, by_day: bool) -> String {
    let mut s = String::from("CASE");
    for (i, w) in windows.iter().enumerate() {
        let cond = if by_day {
            w.holds_day(column)
        } else {
            w.holds(column)
        };
        s.push_str(&format!(" WHEN {cond} THEN {i}"));
    }
    s.push_str(" END");
    s
}

/// `column` lies in any window.
pub(crate) fn any_window(windows: &[Window], column: &str, by_day: bool) -> String {
    let parts: Vec<String> = windows
        .iter()
        .map(|w| {
            if by_day {
                w.holds_day(column)
            } else {
                w.holds(column)
            }
        })
        .collect();
    format!("({})", parts.join(" OR "))
}

/// A result row: numbers by column name (NULL is `None`) and texts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Row {
    numbers: HashMap<String, Option<f64>>,
    texts: HashMap<String, Option<String>>,
}

impl Row {
    /// The number in `name`, 0 when NULL or absent (sums over no rows).
    pub(crate) fn f(&self, name: &str) -> f64 {
        self.opt(name).unwrap_or(0.0)
    }

    /// The number in `name`, `None` when NULL.
    pub(crate) fn opt(&self, name: &str) -> Option<f64> {
        self.numbers.get(name).copied().flatten()
    }

    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.texts.get(name).and_then(|t| t.as_deref())
    }
}

/// Runs a plan and returns its rows.
///
/// The plan runs as its own task, so that plans awaited together run on
/// different cores even when each has a single partition.
pub(crate) async fn rows(ctx: &SessionContext, sql: &str) -> Result<Vec<Row>> {
    let batches = collect(ctx, sql).await?;
    let out = to_rows(&batches)?;
    record(ctx, sql, &out);
    Ok(out)
}

/// Runs a plan on its own task, so that plans run together use different
/// cores even when each has a single partition.
async fn collect(ctx: &SessionContext, sql: &str) -> Result<Vec<RecordBatch>> {
    let (ctx, owned) = (ctx.clone(), sql.to_owned());
    Ok(
        tokio::spawn(async move { ctx.sql(&owned).await?.collect().await })
            .await
            .map_err(|e| crate::Error::Internal(format!("a metric plan's task failed: {e}")))??,
    )
}

/// Records `sql` with a one-row result of numbers, for a computation that
/// is not one plan (a walk over rows a plan streams): the bench's peer runs
/// `sql` and must agree with `values`.
pub(crate) fn record_numbers(ctx: &SessionContext, sql: &str, values: &[(&str, f64)]) {
    let row = Row {
        numbers: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Some(*v)))
            .collect(),
        texts: HashMap::new(),
    };
    record(ctx, sql, &[row]);
}

/// Keeps a plan and its result, when the session has a [`Recorder`].
fn record(ctx: &SessionContext, sql: &str, out: &[Row]) {
    let recorder = ctx.state_ref().read().config().get_extension::<Recorder>();
    if let Some(recorder) = recorder
        && let Ok(mut log) = recorder.0.lock()
    {
        log.push(RecordedQuery {
            sql: sql.to_owned(),
            rows: out
                .iter()
                .map(|r| {
                    let mut m: std::collections::BTreeMap<String, RecordedValue> = r
                        .numbers
                        .iter()
                        .map(|(k, v)| (k.clone(), RecordedValue::Number(*v)))
                        .collect();
                    m.extend(
                        r.texts
                            .iter()
                            .map(|(k, v)| (k.clone(), RecordedValue::Text(v.clone()))),
                    );
                    m
                })
                .collect(),
        });
    }
}

/// A value of a recorded result row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum RecordedValue {
    Number(Option<f64>),
    Text(Option<String>),
}

/// A metric plan as run, with its result: what `rapport-bench metrics`
/// gives DuckDB to run and compare against.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecordedQuery {
    pub sql: String,
    pub rows: Vec<std::collections::BTreeMap<String, RecordedValue>>,
}

/// Keeps every metric plan a computation runs, with its result, for
/// `rapport-bench metrics` to give DuckDB the very same plans. It travels
/// in the session's configuration (an extension), so two computations in
/// one process never see each other's plans.
#[derive(Debug, Default)]
pub struct Recorder(std::sync::Mutex<Vec<RecordedQuery>>);

impl Recorder {
    /// The plans recorded so far, leaving the recorder empty.
    pub fn take(&self) -> Vec<RecordedQuery> {
        self.0
            .lock()
            .map(|mut g| std::mem::take(&mut *g))
            .unwrap_or_default()
    }

    /// Makes `ctx` and every context made from its state record here.
    pub(crate) fn attach(self: &std::sync::Arc<Self>, ctx: &SessionContext) {
        ctx.state_ref()
            .write()
            .config_mut()
            .set_extension(std::sync::Arc::clone(self));
    }
}

pub(crate) fn to_rows(batches: &[RecordBatch]) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    for batch in batches {
        let mut rows = vec![Row::default(); batch.num_rows()];
        for (i, field) in batch.schema().fields().iter().enumerate() {
            let column = batch.column(i);
            let name = field.name().clone();
            if matches!(
                field.data_type(),
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) {
                let text = cast(column, &DataType::Utf8)?;
                let text = text
                    .as_any()
                    .downcast_ref::<StringArray>()
                    .ok_or_else(|| crate::Error::Internal(format!("column {name} is not text")))?;
                for (r, row) in rows.iter_mut().enumerate() {
                    let v = (!text.is_null(r)).then(|| text.value(r).to_owned());
                    row.texts.insert(name.clone(), v);
                }
            } else {
                let numbers = cast(column, &DataType::Float64)?;
                let numbers = numbers
                    .as_any()
                    .downcast_ref::<Float64Array>()
                    .ok_or_else(|| {
                        crate::Error::Internal(format!("column {name} is not numeric"))
                    })?;
                for (r, row) in rows.iter_mut().enumerate() {
                    let v = (!numbers.is_null(r)).then(|| numbers.value(r));
                    row.numbers.insert(name.clone(), v);
                }
            }
        }
        out.extend(rows);
    }
    Ok(out)
}

/// The row whose `k` (window index) is `i`, or an empty row: a window
/// without data aggregates to nothing.
pub(crate) fn window_row(rows: &[Row], i: usize) -> Row {
    rows.iter()
        .find(|r| r.opt("k") == Some(i as f64))
        .cloned()
        .unwrap_or_default()
}
