//! Custom metrics: a business's own KPIs (a restaurant's table turnover, a
//! consultancy's utilisation) as SQL over the client's canonical tables,
//! with a unit and a good direction. They get what built-in metrics get:
//! the period against the previous one and the same period a year ago,
//! targets, benchmarks, a place in the findings and a monthly trend. No
//! test of significance applies to a number Rapport does not know the
//! sampling of, and the report says so.
//!
//! The query sees the period through placeholders Rapport fills with
//! literals of its own making: `{start}` and `{end}` (timestamps of the
//! period's first instant and the instant after it, in the workspace time
//! zone), `{start_date}` and `{end_date}` (dates, the end exclusive) and
//! `{days}`. It returns one row whose first column is the value.

use std::borrow::Cow;

use chrono::NaiveDate;
use rapport_app::sql::ReadOnly;
use rapport_metrics::value::Previous;
use rapport_metrics::{MetricValue, Period};
use rapport_schema::arrow::array::{Array, AsArray};
use rapport_schema::arrow::compute::cast;
use rapport_schema::arrow::datatypes::{DataType, Float64Type};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Which direction of a custom metric is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
    Neutral,
}

/// A custom metric as a definition gives it (`[[metrics]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomMetric {
    /// Lowercase letters, digits and `_`; not a built-in metric's id.
    pub id: String,
    pub name: String,
    /// `%`, `count`, `ratio`, `score`, `points`, `seconds`, or a currency code.
    pub unit: String,
    pub better: Direction,
    pub sql: String,
}

/// The units a custom metric can have besides a currency code.
pub const UNITS: &[&str] = &["%", "count", "ratio", "score", "points", "seconds"];

/// Checks one custom metric; the error names the key under `metrics[i]`.
pub(crate) fn check(i: usize, m: &CustomMetric) -> std::result::Result<(), (String, String)> {
    let key = |k: &str| format!("metrics[{i}].{k}");
    let id_ok = !m.id.is_empty()
        && m.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !id_ok {
        return Err((
            key("id"),
            format!(
                "`{}` is not an id; use lowercase letters, digits and _",
                m.id
            ),
        ));
    }
    if rapport_metrics::metric(&m.id).is_some() {
        return Err((
            key("id"),
            format!(
                "`{}` is a built-in metric; give your metric another id",
                m.id
            ),
        ));
    }
    if m.name.trim().is_empty() {
        return Err((key("name"), "give the metric a name for people".to_owned()));
    }
    let currency = m.unit.len() == 3 && m.unit.chars().all(|c| c.is_ascii_uppercase());
    if !UNITS.contains(&m.unit.as_str()) && !currency {
        return Err((
            key("unit"),
            format!(
                "`{}` is not a unit; use {} or a currency code such as EUR",
                m.unit,
                UNITS.join(", ")
            ),
        ));
    }
    if !(m.sql.contains("{start}") || m.sql.contains("{start_date}"))
        || !(m.sql.contains("{end}") || m.sql.contains("{end_date}"))
    {
        return Err((
            key("sql"),
            "the query must use the period: filter with {start} and {end} (or {start_date} and {end_date})".to_owned(),
        ));
    }
    Ok(())
}

/// A timestamp literal of the stored type (microseconds, UTC), for the
/// queries the report builds (custom metrics, triangulation).
pub(crate) fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "arrow_cast({}, 'Timestamp(Microsecond, Some(\"UTC\"))')",
        t.timestamp_micros()
    )
}

/// The query with the period's literals in place of its placeholders.
pub fn bind(sql: &str, period: &Period, tz: chrono_tz::Tz) -> String {
    let (start, end) = period.instants(tz);
    let ts = timestamp;
    let day = |d: NaiveDate| format!("DATE '{}'", d.format("%Y-%m-%d"));
    sql.replace("{start_date}", &day(period.start))
        .replace("{end_date}", &day(period.end))
        .replace("{start}", &ts(start))
        .replace("{end}", &ts(end))
        .replace("{days}", &period.days().to_string())
}

/// The metric's value for one period: `Ok(None)` when the query returns no
/// row or a null, an error when it fails.
pub(crate) async fn value(
    db: &ReadOnly,
    tz: chrono_tz::Tz,
    m: &CustomMetric,
    period: &Period,
) -> std::result::Result<Option<f64>, String> {
    let sql = bind(&m.sql, period, tz);
    let batches = db.query(&sql).await.map_err(|e| e.to_string())?;
    let Some(batch) = batches.iter().find(|b| b.num_rows() > 0) else {
        return Ok(None);
    };
    if batch.num_columns() == 0 {
        return Ok(None);
    }
    let column = cast(batch.column(0), &DataType::Float64).map_err(|_| {
        format!(
            "its first column is {}, not a number",
            batch.schema().field(0).data_type()
        )
    })?;
    let values = column.as_primitive::<Float64Type>();
    Ok((!values.is_null(0))
        .then(|| values.value(0))
        .filter(|v| v.is_finite()))
}

/// A custom metric's value in the shape of a built-in one: the period
/// against `before` (the previous period or a year earlier), with no test.
pub(crate) fn metric_value(m: &CustomMetric, now: Option<f64>, before: Option<f64>) -> MetricValue {
    let missing = now.is_none().then_some(rapport_metrics::Why::NoQueryValue);
    let change = now.zip(before).map(|(a, b)| a - b);
    let change_pct = now
        .zip(before)
        .filter(|(_, b)| *b != 0.0)
        .map(|(a, b)| (a - b) / b.abs() * 100.0);
    MetricValue {
        id: Cow::Owned(m.id.clone()),
        name: Cow::Owned(m.name.clone()),
        value: now,
        unit: m.unit.clone(),
        n: None,
        ci_low: None,
        ci_high: None,
        previous: Some(Previous {
            value: before,
            n: None,
        }),
        change,
        change_pct,
        significant: None,
        p_value: None,
        test: None,
        target: None,
        missing_reason: missing.as_ref().map(rapport_metrics::Why::english),
        missing,
        basis: None,
        detail: Default::default(),
    }
}

/// The metric for the report's period against the previous period and a
/// year earlier. A query that fails for the report's period is the
/// definition's error, naming the metric's key.
pub(crate) async fn measure(
    db: &ReadOnly,
    tz: chrono_tz::Tz,
    i: usize,
    m: &CustomMetric,
    period: &Period,
    file: Option<&std::path::Path>,
) -> Result<(MetricValue, MetricValue)> {
    let now = value(db, tz, m, period).await.map_err(|why| Error::Definition {
        file: file.map(std::path::Path::to_owned),
        key: format!("metrics[{i}].sql"),
        message: format!(
            "the query of `{}` failed for {period}: {why}; it must return one row whose first column is a number",
            m.id
        ),
    })?;
    let previous = value(db, tz, m, &period.previous()).await.ok().flatten();
    let year = value(db, tz, m, &period.year_ago()).await.ok().flatten();
    Ok((metric_value(m, now, previous), metric_value(m, now, year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(id: &str, unit: &str, sql: &str) -> CustomMetric {
        CustomMetric {
            id: id.to_owned(),
            name: "Table turnover".to_owned(),
            unit: unit.to_owned(),
            better: Direction::Higher,
            sql: sql.to_owned(),
        }
    }

    #[test]
    fn a_custom_metric_is_checked_key_by_key() {
        let sql = "SELECT count(*) FROM orders WHERE ordered_at >= {start} AND ordered_at < {end}";
        assert!(check(0, &metric("table_turnover", "ratio", sql)).is_ok());
        assert!(check(0, &metric("bookings", "EUR", sql)).is_ok());
        let key = |m: CustomMetric| check(2, &m).expect_err("bad").0;
        assert_eq!(key(metric("Table Turnover", "ratio", sql)), "metrics[2].id");
        assert_eq!(key(metric("nps", "ratio", sql)), "metrics[2].id");
        assert_eq!(key(metric("turnover", "tables", sql)), "metrics[2].unit");
        assert_eq!(
            key(metric("turnover", "ratio", "SELECT count(*) FROM orders")),
            "metrics[2].sql"
        );
    }

    #[test]
    fn placeholders_become_the_periods_literals() {
        let p: Period = "2026-10".parse().expect("period");
        let sql = bind(
            "SELECT {days} FROM t WHERE d >= {start_date} AND d < {end_date} AND t >= {start} AND t < {end}",
            &p,
            chrono_tz::Europe::Bucharest,
        );
        assert!(sql.contains("SELECT 31 FROM"), "{sql}");
        assert!(sql.contains("DATE '2026-10-01'") && sql.contains("DATE '2026-11-01'"));
        // Bucharest midnight on 1 October 2026 is 21:00 UTC the day before.
        let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 30)
            .and_then(|d| d.and_hms_opt(21, 0, 0))
            .expect("time")
            .and_utc()
            .timestamp_micros();
        assert!(sql.contains(&format!("arrow_cast({start},")), "{sql}");
    }

    #[test]
    fn a_custom_metric_is_compared_without_a_test() {
        let m = metric("turnover", "ratio", "");
        let v = metric_value(&m, Some(3.0), Some(2.0));
        assert_eq!(v.change, Some(1.0));
        assert_eq!(v.change_pct, Some(50.0));
        assert_eq!(v.significant, None);
        let none = metric_value(&m, None, Some(2.0));
        assert_eq!(none.missing, Some(rapport_metrics::Why::NoQueryValue));
        assert!(none.missing_reason.is_some());
    }
}
