//! Completed orders as transaction days per customer.
//!
//! MODELS.md counts transactions, not orders: several orders of one
//! customer on one local calendar day (in the workspace's time zone) are one
//! transaction, worth their sum. Only completed orders count (METRICS.md,
//! "Order metrics"); an order without a status is taken as completed,
//! since many exports have no status column at all.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate};
use datafusion::arrow::array::Array;
use datafusion::prelude::{col, lit};
use rapport_engine::ClientSession;

use crate::{Error, Lack, Result, columns};

/// One customer's transaction days, sorted, each with the day's total.
#[derive(Debug, Clone)]
pub(crate) struct CustomerDays {
    pub id: String,
    /// (day number from the common era, amount)
    pub days: Vec<(i32, f64)>,
}

/// All customers' transaction days and what the orders were in.
#[derive(Debug)]
pub(crate) struct OrderDays {
    pub customers: Vec<CustomerDays>,
    pub currency: Option<String>,
}

pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub(crate) fn day_date(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

/// The orders that count (METRICS.md, "Order metrics": only completed
/// orders); an order without a status is taken as completed.
pub(crate) fn completed() -> datafusion::prelude::Expr {
    col("status")
        .is_null()
        .or(col("status").eq(lit("completed")))
}

/// Reads the client's completed orders and groups them by customer and
/// local day.
pub(crate) async fn completed_order_days(
    session: &ClientSession,
    tz: chrono_tz::Tz,
) -> Result<OrderDays> {
    let df = session
        .context()
        .table("orders")
        .await?
        .filter(completed())?
        .select(vec![
            col("customer_id"),
            col("ordered_at"),
            col("amount"),
            col("currency"),
        ])?;
    let batches = df.collect().await?;
    let mut by_customer: HashMap<String, Vec<(i32, f64)>> = HashMap::new();
    let mut currencies: Vec<String> = Vec::new();
    for batch in &batches {
        let ids = columns::text(batch, 0)?;
        let times = columns::integers(batch, 1)?;
        let amounts = columns::floats(batch, 2)?;
        let curr = columns::text(batch, 3)?;
        for i in 0..batch.num_rows() {
            // Ingest guarantees these required columns are present; a null
            // here would be a store defect, so it is reported, not skipped.
            if ids.is_null(i) || times.is_null(i) || amounts.is_null(i) {
                return Err(Error::Data(format!(
                    "an order row has an empty customer_id, ordered_at or amount (row {i} of a batch); reload the orders"
                )));
            }
            let at = DateTime::from_timestamp_micros(times.value(i)).ok_or_else(|| {
                Error::Data(format!("order time {} µs is out of range", times.value(i)))
            })?;
            let day = day_number(at.with_timezone(&tz).date_naive());
            // One allocation per customer, not per order.
            let order = (day, amounts.value(i));
            match by_customer.get_mut(ids.value(i)) {
                Some(days) => days.push(order),
                None => {
                    by_customer.insert(ids.value(i).to_owned(), vec![order]);
                }
            }
            if !curr.is_null(i) && !currencies.iter().any(|c| c == curr.value(i)) {
                currencies.push(curr.value(i).to_owned());
            }
        }
    }
    if currencies.len() > 1 {
        currencies.sort();
        return Err(Error::Lacking(Lack::OrderCurrencies { currencies }));
    }
    let mut customers: Vec<CustomerDays> = by_customer
        .into_iter()
        .map(|(id, mut orders)| {
            // By amount within a day too: a day's total is then summed in
            // one order whatever order the engine returned the rows in.
            orders.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut days: Vec<(i32, f64)> = Vec::with_capacity(orders.len());
            for (d, amount) in orders {
                match days.last_mut() {
                    Some(last) if last.0 == d => last.1 += amount,
                    _ => days.push((d, amount)),
                }
            }
            CustomerDays { id, days }
        })
        .collect();
    customers.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(OrderDays {
        customers,
        currency: currencies.pop(),
    })
}
