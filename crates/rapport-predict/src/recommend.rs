//! Product recommendations from a client's order items (issue: item-to-item
//! co-occurrence with a popularity fallback, evaluated by hit rate at k on
//! a time split against the popularity baseline).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::logical_expr::JoinType;
use datafusion::prelude::col;
use rapport_engine::ClientSession;
use rapport_models::recommend::{CoOccurrence, hit_rate};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::orders::{completed, day_date, day_number};
use crate::{Error, Lack, Result, columns, time_zone};

/// Options of [`recommend_products`].
#[derive(Debug, Clone)]
pub struct RecommendOptions {
    /// Only this customer's recommendations in the report (all are written).
    pub customer: Option<String>,
    /// Recommendations per customer.
    pub top: usize,
    /// Day that splits training from evaluation purchases. Default: 90 days
    /// before `as_of`.
    pub split: Option<NaiveDate>,
    /// The day the recommendations are made on (workspace time zone).
    pub as_of: NaiveDate,
}

/// One recommendation for one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRecommendation {
    pub customer_id: String,
    pub rank: u32,
    pub product_id: String,
    /// Summed cosine similarity to the customer's products; 0 when filled by popularity.
    pub score: f64,
    /// Why: the customer's product it was most often bought with, or `popular`.
    pub because: String,
    /// The customer's product it was most often bought with, for a front
    /// end to word `because` in its reader's language; none when filled by
    /// popularity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bought_with: Option<String>,
}

/// The time-split evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendEvaluation {
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub split: NaiveDate,
    /// Customers who bought before the split and bought a product new to
    /// them after it.
    pub customers: u64,
    pub hit_rate: Option<f64>,
    pub popularity_hit_rate: Option<f64>,
}

/// Everything `rapport recommend` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecommendReport {
    pub client: String,
    pub k: usize,
    pub products: u64,
    pub customers: u64,
    pub evaluation: RecommendEvaluation,
    /// The requested customer's list, or the first customers' when none was named.
    pub shown: Vec<ProductRecommendation>,
    /// Every customer's list; not in the JSON (see [`crate::CustomerRows`]).
    #[serde(skip)]
    pub rows: Vec<ProductRecommendation>,
}

/// (customer, product, day) of every completed order line.
async fn purchases(
    session: &ClientSession,
    tz: chrono_tz::Tz,
) -> Result<Vec<(String, String, i32)>> {
    let ctx = session.context();
    let orders = ctx
        .table("orders")
        .await?
        .filter(completed())?
        .select(vec![
            col("order_id").alias("o_id"),
            col("customer_id"),
            col("ordered_at"),
        ])?;
    let items = ctx
        .table("order_items")
        .await?
        .select(vec![col("order_id"), col("product_id")])?;
    let batches = orders
        .join(items, JoinType::Inner, &["o_id"], &["order_id"], None)?
        .select(vec![
            col("customer_id"),
            col("product_id"),
            col("ordered_at"),
        ])?
        .collect()
        .await?;
    let mut out = Vec::new();
    for b in &batches {
        let (c, p, t) = (
            columns::text(b, 0)?,
            columns::text(b, 1)?,
            columns::integers(b, 2)?,
        );
        for i in 0..b.num_rows() {
            if c.is_null(i) || p.is_null(i) || t.is_null(i) {
                continue; // all three are required columns; ingest never stores nulls
            }
            let day = DateTime::from_timestamp_micros(t.value(i))
                .map(|at| day_number(at.with_timezone(&tz).date_naive()))
                .ok_or_else(|| {
                    Error::Data(format!("order time {} µs is out of range", t.value(i)))
                })?;
            out.push((c.value(i).to_owned(), p.value(i).to_owned(), day));
        }
    }
    Ok(out)
}

/// Fits on purchases before the split and checks hit rate at k on the
/// products customers bought new after it, against the popularity
/// baseline; then fits on everything and writes `top` recommendations per
/// customer to `predictions/<client>/recommendations.{parquet,csv}`.
///
/// # Errors
/// No order items, an unknown customer, a split outside the data.
pub async fn recommend_products(
    ws: &Workspace,
    client: &str,
    o: &RecommendOptions,
) -> Result<RecommendReport> {
    if o.top == 0 || o.top > 100 {
        return Err(Error::Options(format!(
            "--top {} must be between 1 and 100",
            o.top
        )));
    }
    let tz = time_zone(ws)?;
    let session = ClientSession::open(ws, client).await?;
    let mut rows = purchases(&session, tz).await?;
    // Dense ids follow the rows' order, and popularity ties are broken by
    // id: sorted rows make both independent of the order the engine
    // returned them in (a snapshot test caught the baseline moving).
    rows.sort_unstable();
    if rows.is_empty() {
        return Err(Error::Lacking(Lack::NoOrderItems {
            client: client.to_owned(),
        }));
    }
    // Dense ids.
    let mut product_ids: HashMap<&str, u32> = HashMap::new();
    let mut products: Vec<&str> = Vec::new();
    let mut customer_ids: HashMap<&str, usize> = HashMap::new();
    let mut customers: Vec<&str> = Vec::new();
    let mut lines: Vec<(usize, u32, i32)> = Vec::with_capacity(rows.len());
    for (c, p, day) in &rows {
        let pi = *product_ids.entry(p).or_insert_with(|| {
            products.push(p);
            (products.len() - 1) as u32
        });
        let ci = *customer_ids.entry(c).or_insert_with(|| {
            customers.push(c);
            customers.len() - 1
        });
        lines.push((ci, pi, *day));
    }
    if let Some(c) = &o.customer
        && !customer_ids.contains_key(c.as_str())
    {
        return Err(Error::Lacking(Lack::CustomerWithoutItems {
            client: client.to_owned(),
            customer: c.clone(),
        }));
    }
    let last_day = lines.iter().map(|l| l.2).max().unwrap_or(0);
    let first_day = lines.iter().map(|l| l.2).min().unwrap_or(0);
    let split = o.split.map_or(day_number(o.as_of) - 90, day_number);
    if split <= first_day || split > last_day {
        return Err(Error::Options(format!(
            "--split {} must fall inside the order history ({} to {})",
            day_date(split),
            day_date(first_day),
            day_date(last_day)
        )));
    }
    let n_items = products.len();
    let mut before = vec![Vec::new(); customers.len()];
    let mut after = vec![Vec::new(); customers.len()];
    let mut all = vec![Vec::new(); customers.len()];
    for &(c, p, day) in &lines {
        all[c].push(p);
        if day < split {
            before[c].push(p);
        } else {
            after[c].push(p);
        }
    }
    for list in before
        .iter_mut()
        .chain(after.iter_mut())
        .chain(all.iter_mut())
    {
        list.sort_unstable();
        list.dedup();
    }
    // Evaluation: customers known before the split, judged on products new to them.
    let train = CoOccurrence::fit(&before, n_items);
    let (mut ours, mut popular, mut truth) = (Vec::new(), Vec::new(), Vec::new());
    for c in 0..customers.len() {
        if before[c].is_empty() {
            continue;
        }
        let new: Vec<u32> = after[c]
            .iter()
            .copied()
            .filter(|p| !before[c].contains(p))
            .collect();
        if new.is_empty() {
            continue;
        }
        ours.push(
            train
                .recommend(&before[c], o.top)
                .into_iter()
                .map(|r| r.item)
                .collect(),
        );
        popular.push(train.popular(&before[c], o.top));
        truth.push(new);
    }
    let evaluation = RecommendEvaluation {
        split: day_date(split),
        customers: truth.len() as u64,
        hit_rate: hit_rate(&ours, &truth),
        popularity_hit_rate: hit_rate(&popular, &truth),
    };
    // Final model on everything.
    let model = CoOccurrence::fit(&all, n_items);
    let mut out: Vec<ProductRecommendation> = Vec::new();
    for (c, owned) in all.iter().enumerate() {
        for (rank, r) in model.recommend(owned, o.top).into_iter().enumerate() {
            out.push(ProductRecommendation {
                customer_id: customers[c].to_owned(),
                rank: rank as u32 + 1,
                product_id: products[r.item as usize].to_owned(),
                score: r.score,
                because: r.because_of.map_or("popular".to_owned(), |b| {
                    format!("bought with {}", products[b as usize])
                }),
                bought_with: r.because_of.map(|b| products[b as usize].to_owned()),
            });
        }
    }
    out.sort_by(|a, b| a.customer_id.cmp(&b.customer_id).then(a.rank.cmp(&b.rank)));
    let shown: Vec<ProductRecommendation> = match &o.customer {
        Some(c) => out
            .iter()
            .filter(|r| &r.customer_id == c)
            .cloned()
            .collect(),
        None => out.iter().take(o.top * 3).cloned().collect(),
    };
    Ok(RecommendReport {
        client: client.to_owned(),
        k: o.top,
        products: n_items as u64,
        customers: customers.len() as u64,
        evaluation,
        shown,
        rows: out,
    })
}

impl crate::CustomerRows for RecommendReport {
    fn stem(&self) -> String {
        "recommendations".to_owned()
    }

    fn workspace_dir(&self, ws: &Workspace) -> std::path::PathBuf {
        ws.predictions_dir(&self.client)
    }

    fn customer_table(&self) -> Result<RecordBatch> {
        to_batch(&self.rows)
    }
}

fn to_batch(rows: &[ProductRecommendation]) -> Result<RecordBatch> {
    let schema = Schema::new(vec![
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("rank", DataType::Int64, false),
        Field::new("product_id", DataType::Utf8, false),
        Field::new("score", DataType::Float64, false),
        Field::new("because", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.customer_id.as_str()),
        )),
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| i64::from(r.rank)),
        )),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.product_id.as_str()),
        )),
        Arc::new(Float64Array::from_iter_values(rows.iter().map(|r| r.score))),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.because.as_str()),
        )),
    ];
    Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
}
