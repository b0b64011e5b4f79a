//! Money in several currencies, converted only with the rates the user
//! loaded (`exchange_rates`).
//!
//! Stored rows keep the amount and currency they were exported with. When a
//! client has exchange rates, each table with money and a `currency` column
//! is registered twice: `<table>_as_exported` holds the rows as stored, and
//! `<table>` is a view where amounts in another currency are multiplied by
//! the rate of their day and carry the workspace currency. A row without a
//! rate for its day keeps its own currency, so metrics over it say the
//! currencies are mixed instead of adding them up.
//!
//! Rates are daily. A missing day (a weekend, a holiday) takes the latest
//! earlier rate, at most [`CARRY_DAYS`] days old; older than that, the
//! amount stays unconverted.

use std::collections::BTreeMap;

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::LogicalPlanBuilder;
use datafusion::prelude::{DataFrame, Expr, SessionContext, col, lit};
use rapport_schema::Entity;

use crate::Result;

/// How many days a rate stands in for the days after it without a rate.
pub const CARRY_DAYS: i32 = 7;

/// The table of daily rates the views join.
const DAILY: &str = "exchange_rates_daily";

/// Tables converted: the entity, its time column, its money columns.
const CONVERTED: &[(Entity, &str, &[&str])] = &[
    (Entity::Orders, "ordered_at", &["amount"]),
    (Entity::Subscriptions, "started_at", &["mrr"]),
    (
        Entity::MarketingSpend,
        "date",
        &["spend", "conversion_value"],
    ),
];

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Registers the converted views when the client has exchange rates.
/// Returns whether it did.
pub(crate) async fn register_converted(ctx: &SessionContext, currency: &str) -> Result<bool> {
    let batches = ctx
        .sql("SELECT date, currency, rate FROM exchange_rates")
        .await?
        .collect()
        .await?;
    let typed = |a: &dyn Array, t: &DataType| {
        datafusion::arrow::compute::cast(a, t).map_err(datafusion::error::DataFusionError::from)
    };
    // currency → date → rate
    let mut known: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
    for b in &batches {
        let (dates, codes, rates) = (
            typed(b.column(0), &DataType::Date32)?,
            typed(b.column(1), &DataType::Utf8)?,
            typed(b.column(2), &DataType::Float64)?,
        );
        let dates = dates.as_primitive::<datafusion::arrow::datatypes::Date32Type>();
        let codes = codes.as_string::<i32>();
        let rates = rates.as_primitive::<datafusion::arrow::datatypes::Float64Type>();
        for i in 0..b.num_rows() {
            if dates.is_null(i) || codes.is_null(i) || rates.is_null(i) {
                continue;
            }
            if codes.value(i) == currency {
                continue;
            }
            known
                .entry(codes.value(i).to_owned())
                .or_default()
                .insert(dates.value(i), rates.value(i));
        }
    }
    if known.is_empty() {
        return Ok(false);
    }
    let mut daily: Vec<Vec<Expr>> = Vec::new();
    for (code, by_day) in &known {
        let days: Vec<(i32, f64)> = by_day.iter().map(|(d, r)| (*d, *r)).collect();
        for (i, (day, rate)) in days.iter().enumerate() {
            let next = days.get(i + 1).map_or(i32::MAX, |(d, _)| *d);
            let until = next.min(day.saturating_add(CARRY_DAYS + 1));
            for d in *day..until {
                daily.push(vec![
                    lit(ScalarValue::Date32(Some(d))),
                    lit(ScalarValue::Utf8View(Some(code.clone()))),
                    lit(*rate),
                ]);
            }
        }
    }
    // A plan of literal rows, not an in-memory table: a plan is what a
    // Ballista cluster can be sent, and the rows are a few per day.
    let values = LogicalPlanBuilder::values(daily)?.build()?;
    let daily = DataFrame::new(ctx.state(), values).select(vec![
        col("column1").alias("date"),
        col("column2").alias("currency"),
        col("column3").alias("rate"),
    ])?;
    ctx.register_table(DAILY, daily.into_view())?;
    let cur = currency.replace('\'', "''");
    for (entity, time, money) in CONVERTED {
        let name = entity.name();
        let raw = format!("{name}_as_exported");
        let table = ctx
            .deregister_table(name)?
            .ok_or_else(|| datafusion::error::DataFusionError::Plan(format!("no table {name}")))?;
        ctx.register_table(raw.as_str(), table.clone())?;
        let converted = format!("(r.rate IS NOT NULL AND t.currency <> '{cur}')");
        let columns: Vec<String> = table
            .schema()
            .fields()
            .iter()
            .map(|f| {
                let c = quoted(f.name());
                if money.contains(&f.name().as_str()) {
                    format!("CASE WHEN {converted} THEN t.{c} * r.rate ELSE t.{c} END AS {c}")
                } else if f.name() == "currency" {
                    format!(
                        "CASE WHEN {converted} THEN arrow_cast('{cur}', 'Utf8View') ELSE t.{c} END AS {c}"
                    )
                } else {
                    format!("t.{c}")
                }
            })
            .collect();
        let sql = format!(
            "SELECT {} FROM {raw} t LEFT JOIN {DAILY} r ON r.currency = t.currency AND r.date = CAST(t.{} AS DATE)",
            columns.join(", "),
            quoted(time)
        );
        let view = ctx.sql(&sql).await?.into_view();
        ctx.register_table(name, view)?;
    }
    Ok(true)
}
