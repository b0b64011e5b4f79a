//! One customer seen whole: what a CRM's customer page promises, from the
//! client's own tables and saved predictions.
//!
//! The profile gathers the customer's attributes, orders (with totals per
//! currency and status, and the products bought most), subscriptions,
//! support tickets, survey answers with their comments, web sessions, the
//! segments saved for the client, and the per-customer predictions saved
//! by `rapport predict` (P(alive), expected CLV and risk tier from the
//! purchase model, churn probability from the classifier, recommended
//! products; MODELS.md). Nothing is fitted here: a page asks for a
//! customer many times, and a model is fitted once and saved.
//!
//! A customer is found by id; an id that is an e-mail address (as
//! Shopify's and many CRMs' exports make it) also matches whatever its
//! letters' case and surrounding spaces. The id reaches the engine only as
//! a query parameter, never inside SQL text.

use std::path::Path;

use rapport_engine::ClientSession;
use rapport_engine::datafusion::common::ScalarValue;
use rapport_engine::datafusion::prelude::{ParquetReadOptions, SessionContext};
use rapport_schema::arrow::array::Array;
use rapport_schema::arrow::record_batch::RecordBatch;
use rapport_schema::arrow::util::display::array_value_to_string;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// How many of each kind of activity a profile lists, newest first, when
/// the caller does not say.
pub const DEFAULT_LATEST: usize = 10;
/// The most a caller may ask to list of each kind.
pub const MAX_LATEST: usize = 200;
/// The longest id or e-mail looked up.
const MAX_ID_CHARS: usize = 320;

/// A customer's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerProfile {
    pub client: String,
    /// The id as the client's data holds it.
    pub customer_id: String,
    /// The customer's row of the `customers` table, column by column
    /// (empty when the customer appears only in orders or subscriptions).
    pub attributes: Vec<Attribute>,
    pub orders: Listing<Order>,
    /// Orders counted and summed per currency and status.
    pub order_totals: Vec<OrderTotal>,
    /// The products bought most, by quantity, in completed orders (the
    /// purchases the recommender learns from).
    pub products: Vec<ProductBought>,
    pub subscriptions: Listing<Subscription>,
    pub tickets: Listing<Ticket>,
    pub survey_answers: Listing<SurveyAnswer>,
    pub web_sessions: Listing<WebSession>,
    /// The customer's segment in each segmentation saved for the client.
    pub segments: Vec<SegmentMembership>,
    /// From the purchase model's saved table, when there is one.
    pub purchase: Option<PurchaseOutlook>,
    /// From the churn classifier's saved table, when there is one.
    pub churn_probability: Option<f64>,
    pub recommendations: Vec<Recommendation>,
}

/// One column of the customer's row, as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub field: String,
    pub value: String,
}

/// The newest `latest` of a kind of activity, and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub total: u64,
    pub latest: Vec<T>,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Listing {
            total: 0,
            latest: Vec::new(),
        }
    }
}

/// Times are RFC 3339 text in UTC, as the tables hold them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: String,
    pub ordered_at: String,
    pub amount: f64,
    pub currency: String,
    pub status: Option<String>,
    pub channel: Option<String>,
    pub items: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderTotal {
    pub currency: String,
    /// `completed` where the data gives no status (DESIGN.md's default).
    pub status: String,
    pub orders: u64,
    pub amount: f64,
    pub first_at: String,
    pub last_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductBought {
    pub product_id: String,
    pub category: Option<String>,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub subscription_id: String,
    pub plan: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub mrr: Option<f64>,
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub ticket_id: String,
    pub opened_at: String,
    pub channel: String,
    pub category: Option<String>,
    pub resolved_at: Option<String>,
    pub escalated: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyAnswer {
    pub response_id: String,
    pub responded_at: String,
    /// `nps`, `csat` or `ces`.
    pub survey: String,
    pub score: f64,
    pub scale_min: Option<f64>,
    pub scale_max: Option<f64>,
    pub comment: Option<String>,
    pub touchpoint: Option<String>,
}

/// The events sharing a `session_id` (an event without one is a session
/// of its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebSession {
    pub session_id: String,
    pub started_at: String,
    pub ended_at: String,
    pub events: u64,
    pub pages: u64,
    /// Purchase revenue recorded in the session, when any.
    pub revenue: Option<f64>,
    pub utm_source: Option<String>,
    pub device: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentMembership {
    /// The saved segmentation's name (`rfm`), as `segment("rfm")` filters
    /// name it.
    pub segmentation: String,
    pub segment: String,
}

/// The purchase model's row for the customer (MODELS.md, BG/NBD or
/// Pareto/NBD with Gamma-Gamma spend).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseOutlook {
    /// The model id of the saved table (`bg_nbd`).
    pub model: String,
    pub p_alive: f64,
    pub expected_transactions: f64,
    pub clv: Option<f64>,
    /// `high`, `medium` or `low` churn risk, from P(alive).
    pub risk_tier: String,
    /// What the expected purchases and CLV are over (`12m`); `None` in a
    /// table saved before the horizon was recorded.
    #[serde(default)]
    pub horizon: Option<String>,
    /// The day the table was saved.
    pub saved_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub rank: i64,
    pub product_id: String,
    /// Why, as the saved table says it: `bought with P404`, or `popular`
    /// for the popularity fill.
    pub because: Option<String>,
    /// The customer's product it was most often bought with, for a front
    /// end to word the reason; none for the popularity fill.
    pub bought_with: Option<String>,
}

/// Finds `who` among `client`'s customers and gathers their profile,
/// listing at most `latest` of each kind of activity.
///
/// # Errors
/// An empty or overlong id (input), a customer the client's data does not
/// hold (not found), and engine failures.
pub async fn profile(
    ws: &Workspace,
    client: &str,
    who: &str,
    latest: usize,
) -> Result<CustomerProfile> {
    let who = who.trim();
    if who.is_empty() || who.chars().count() > MAX_ID_CHARS || who.chars().any(char::is_control) {
        return Err(Error::Input {
            field: "customer",
            message: format!(
                "a customer is named by an id or e-mail of 1 to {MAX_ID_CHARS} characters, without control characters"
            ),
        });
    }
    if latest == 0 || latest > MAX_LATEST {
        return Err(Error::Input {
            field: "latest",
            message: format!("latest must be between 1 and {MAX_LATEST}, not {latest}"),
        });
    }
    let session = ClientSession::open(ws, client).await?;
    let q = Query {
        ctx: session.context(),
    };
    let Some(id) = find(&q, who).await? else {
        return Err(Error::UnknownCustomer {
            client: client.to_owned(),
            customer: who.to_owned(),
        });
    };
    let n = latest as i64;
    Ok(CustomerProfile {
        client: client.to_owned(),
        attributes: attributes(&q, &id).await?,
        orders: listing(
            q.rows(
                "SELECT order_id, ordered_at, amount, currency, status, channel, items,
                        count(*) OVER () FROM orders WHERE customer_id = $1
                 ORDER BY ordered_at DESC, order_id LIMIT $2",
                &id,
                n,
            )
            .await?,
            |r| Order {
                order_id: r.text(0),
                ordered_at: r.text(1),
                amount: r.number(2).unwrap_or(0.0),
                currency: r.text(3),
                status: r.get(4),
                channel: r.get(5),
                items: r.integer(6),
            },
        ),
        order_totals: q
            .rows(
                "SELECT currency, coalesce(status, 'completed'), count(*), sum(amount),
                        min(ordered_at), max(ordered_at)
                 FROM orders WHERE customer_id = $1 GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $2",
                &id,
                n,
            )
            .await?
            .iter()
            .map(|r| OrderTotal {
                currency: r.text(0),
                status: r.text(1),
                orders: r.count(2),
                amount: r.number(3).unwrap_or(0.0),
                first_at: r.text(4),
                last_at: r.text(5),
            })
            .collect(),
        products: q
            .rows(
                "SELECT i.product_id, max(i.category), sum(i.quantity)
                 FROM order_items i JOIN orders o ON i.order_id = o.order_id
                 WHERE o.customer_id = $1 AND coalesce(o.status, 'completed') = 'completed'
                 GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT $2",
                &id,
                n,
            )
            .await?
            .iter()
            .map(|r| ProductBought {
                product_id: r.text(0),
                category: r.get(1),
                quantity: r.integer(2).unwrap_or(0),
            })
            .collect(),
        subscriptions: listing(
            q.rows(
                "SELECT subscription_id, plan, started_at, ended_at, mrr, currency,
                        count(*) OVER () FROM subscriptions WHERE customer_id = $1
                 ORDER BY started_at DESC, subscription_id LIMIT $2",
                &id,
                n,
            )
            .await?,
            |r| Subscription {
                subscription_id: r.text(0),
                plan: r.text(1),
                started_at: r.text(2),
                ended_at: r.get(3),
                mrr: r.number(4),
                currency: r.get(5),
            },
        ),
        tickets: listing(
            q.rows(
                "SELECT ticket_id, opened_at, channel, category, resolved_at, escalated,
                        count(*) OVER () FROM support_tickets WHERE customer_id = $1
                 ORDER BY opened_at DESC, ticket_id LIMIT $2",
                &id,
                n,
            )
            .await?,
            |r| Ticket {
                ticket_id: r.text(0),
                opened_at: r.text(1),
                channel: r.text(2),
                category: r.get(3),
                resolved_at: r.get(4),
                escalated: r.get(5).map(|b| b == "true"),
            },
        ),
        survey_answers: listing(
            q.rows(
                "SELECT response_id, responded_at, survey, score, scale_min, scale_max,
                        comment, touchpoint, count(*) OVER ()
                 FROM survey_responses WHERE customer_id = $1
                 ORDER BY responded_at DESC, response_id LIMIT $2",
                &id,
                n,
            )
            .await?,
            |r| SurveyAnswer {
                response_id: r.text(0),
                responded_at: r.text(1),
                survey: r.text(2),
                score: r.number(3).unwrap_or(0.0),
                scale_min: r.number(4),
                scale_max: r.number(5),
                comment: r.get(6).filter(|c| !c.trim().is_empty()),
                touchpoint: r.get(7),
            },
        ),
        web_sessions: listing(
            q.rows(
                "SELECT coalesce(session_id, event_id), min(ts), max(ts), count(*),
                        count(DISTINCT page), sum(revenue), max(utm_source), max(device),
                        count(*) OVER ()
                 FROM web_events WHERE customer_id = $1
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $2",
                &id,
                n,
            )
            .await?,
            |r| WebSession {
                session_id: r.text(0),
                started_at: r.text(1),
                ended_at: r.text(2),
                events: r.count(3),
                pages: r.count(4),
                revenue: r.number(5).filter(|&x| x > 0.0),
                utm_source: r.get(6),
                device: r.get(7),
            },
        ),
        segments: segments(&q, &ws.segments_dir(client), &id).await?,
        purchase: purchase(&q, &ws.predictions_dir(client), &id).await?,
        churn_probability: saved_row(
            &q,
            &ws.predictions_dir(client).join("churn.parquet"),
            "churn_probability",
            &id,
        )
        .await?
        .and_then(|r| r.number(0)),
        recommendations: recommendations(&q, &ws.predictions_dir(client), &id, n).await?,
        customer_id: id,
    })
}

/// The id as the data holds it: an exact match first, then one that
/// differs only in case or surrounding spaces.
async fn find(q: &Query<'_>, who: &str) -> Result<Option<String>> {
    let rows = q
        .rows(
            "SELECT customer_id FROM (
                SELECT customer_id FROM customers
                UNION ALL SELECT customer_id FROM orders
                UNION ALL SELECT customer_id FROM subscriptions)
             WHERE lower(trim(customer_id)) = lower($1)
             ORDER BY customer_id = $1 DESC, customer_id LIMIT $2",
            who,
            1,
        )
        .await?;
    Ok(rows.first().map(|r| r.text(0)))
}

async fn attributes(q: &Query<'_>, id: &str) -> Result<Vec<Attribute>> {
    let batches = q
        .batches(
            "SELECT * FROM customers WHERE customer_id = $1 LIMIT $2",
            id,
            1,
        )
        .await?;
    let mut out = Vec::new();
    if let Some(batch) = batches.iter().find(|b| b.num_rows() > 0) {
        for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
            if field.name() == "customer_id" || column.is_null(0) {
                continue;
            }
            out.push(Attribute {
                field: field.name().clone(),
                value: text_of(column.as_ref(), 0),
            });
        }
    }
    Ok(out)
}

/// The customer's segment in every segmentation saved for the client.
async fn segments(q: &Query<'_>, dir: &Path, id: &str) -> Result<Vec<SegmentMembership>> {
    let mut out = Vec::new();
    for path in parquet_files(dir)? {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if let Some(r) = saved_row(q, &path, "segment", id).await? {
            out.push(SegmentMembership {
                segmentation: name,
                segment: r.text(0),
            });
        }
    }
    Ok(out)
}

/// What a customer's page reads of a saved purchase-model table.
const PURCHASE_COLUMNS: &str = "p_alive, expected_transactions, clv, risk_tier";
const PURCHASE_COLUMNS_WITH_HORIZON: &str =
    "p_alive, expected_transactions, clv, risk_tier, horizon";

/// The newest saved purchase-model table that holds the customer.
async fn purchase(q: &Query<'_>, dir: &Path, id: &str) -> Result<Option<PurchaseOutlook>> {
    let mut tables: Vec<_> = parquet_files(dir)?
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("clv-"))
        })
        .map(|p| (modified(&p), p))
        .collect();
    tables.sort_by_key(|t| std::cmp::Reverse(t.0));
    for (saved, path) in tables {
        // Tables saved before the horizon was a column lack it.
        let found = match saved_row(q, &path, PURCHASE_COLUMNS_WITH_HORIZON, id).await {
            Ok(found) => found,
            Err(_) => saved_row(q, &path, PURCHASE_COLUMNS, id).await?,
        };
        let Some(r) = found else {
            continue;
        };
        let model = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("clv-"))
            .unwrap_or_default()
            .to_owned();
        return Ok(Some(PurchaseOutlook {
            model,
            p_alive: r.number(0).unwrap_or(0.0),
            expected_transactions: r.number(1).unwrap_or(0.0),
            clv: r.number(2),
            risk_tier: r.text(3),
            horizon: Some(r.text(4)).filter(|h| !h.is_empty()),
            saved_on: saved.map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .date_naive()
                    .to_string()
            }),
        }));
    }
    Ok(None)
}

async fn recommendations(
    q: &Query<'_>,
    dir: &Path,
    id: &str,
    n: i64,
) -> Result<Vec<Recommendation>> {
    let path = dir.join("recommendations.parquet");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let rows = q
        .saved(
            &path,
            "rank, product_id, because",
            &format!("ORDER BY rank LIMIT {n}"),
            id,
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| Recommendation {
            rank: r.integer(0).unwrap_or(0),
            product_id: r.text(1),
            bought_with: r
                .get(2)
                .and_then(|b| b.strip_prefix("bought with ").map(str::to_owned)),
            because: r.get(2),
        })
        .collect())
}

/// The customer's row of a saved per-customer table, `columns` only.
async fn saved_row(q: &Query<'_>, path: &Path, columns: &str, id: &str) -> Result<Option<Row>> {
    if !path.is_file() {
        return Ok(None);
    }
    Ok(q.saved(path, columns, "LIMIT 1", id)
        .await?
        .into_iter()
        .next())
}

fn parquet_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                action: "cannot list",
                path: dir.to_owned(),
                source,
            });
        }
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .collect();
    files.sort();
    Ok(files)
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn listing<T>(rows: Vec<Row>, make: impl Fn(&Row) -> T) -> Listing<T> {
    Listing {
        // The window count is the last column of every row.
        total: rows.first().map_or(0, |r| r.count(r.0.len() - 1)),
        latest: rows.iter().map(make).collect(),
    }
}

/// Statements over one client's session, the customer's id bound as `$1`
/// and a row limit as `$2`.
struct Query<'a> {
    ctx: &'a SessionContext,
}

impl Query<'_> {
    async fn batches(&self, sql: &str, id: &str, limit: i64) -> Result<Vec<RecordBatch>> {
        let df = self
            .ctx
            .sql(sql)
            .await
            .and_then(|df| {
                df.with_param_values(vec![
                    ScalarValue::Utf8(Some(id.to_owned())),
                    ScalarValue::Int64(Some(limit)),
                ])
            })
            .map_err(rapport_engine::Error::from)?;
        Ok(df.collect().await.map_err(rapport_engine::Error::from)?)
    }

    async fn rows(&self, sql: &str, id: &str, limit: i64) -> Result<Vec<Row>> {
        Ok(rows_of(&self.batches(sql, id, limit).await?))
    }

    /// Reads a saved Parquet table (a segmentation, a model's rows) for
    /// the customer; such tables are written by Rapport, not loaded, so
    /// they are read straight from the file.
    async fn saved(&self, path: &Path, columns: &str, tail: &str, id: &str) -> Result<Vec<Row>> {
        let table = rapport_engine::fresh_context(self.ctx);
        table
            .register_parquet(
                "saved",
                path.to_string_lossy().as_ref(),
                ParquetReadOptions::default(),
            )
            .await
            .map_err(rapport_engine::Error::from)?;
        let sql = format!("SELECT {columns} FROM saved WHERE customer_id = $1 {tail}");
        let df = table
            .sql(&sql)
            .await
            .and_then(|df| df.with_param_values(vec![ScalarValue::Utf8(Some(id.to_owned()))]))
            .map_err(rapport_engine::Error::from)?;
        let batches = df.collect().await.map_err(rapport_engine::Error::from)?;
        Ok(rows_of(&batches))
    }
}

/// One result row as text, `None` for null.
struct Row(Vec<Option<String>>);

impl Row {
    fn get(&self, i: usize) -> Option<String> {
        self.0.get(i).cloned().flatten()
    }

    fn text(&self, i: usize) -> String {
        self.get(i).unwrap_or_default()
    }

    fn number(&self, i: usize) -> Option<f64> {
        self.get(i).and_then(|s| s.parse().ok())
    }

    fn integer(&self, i: usize) -> Option<i64> {
        self.get(i).and_then(|s| s.parse().ok())
    }

    fn count(&self, i: usize) -> u64 {
        self.get(i).and_then(|s| s.parse().ok()).unwrap_or(0)
    }
}

fn rows_of(batches: &[RecordBatch]) -> Vec<Row> {
    let mut out = Vec::new();
    for batch in batches {
        for row in 0..batch.num_rows() {
            out.push(Row(batch
                .columns()
                .iter()
                .map(|c| (!c.is_null(row)).then(|| text_of(c.as_ref(), row)))
                .collect()));
        }
    }
    out
}

fn text_of(column: &dyn Array, row: usize) -> String {
    array_value_to_string(column, row).unwrap_or_default()
}

/// A profile worded for a reader in a locale: what `rapport customer`
/// prints and the customer page shows, made once here so both say the
/// same. Days are in the client's calendar; amounts keep their currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerView {
    pub title: String,
    /// The customer's attributes.
    pub about: Vec<Fact>,
    /// What the saved predictions say, or why there is nothing.
    pub outlook: Vec<Fact>,
    pub outlook_note: Option<String>,
    pub tables: Vec<ViewTable>,
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// One kind of activity as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewTable {
    /// A stable name for the table (`orders`), for anchors and scripts.
    pub id: &'static str,
    pub heading: String,
    /// `10 of 42, newest first`, when not every row is listed; the
    /// reason when there is none.
    pub note: Option<String>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Which columns hold numbers (aligned to the end).
    pub numeric: Vec<bool>,
}

impl CustomerProfile {
    /// The profile in `locale`'s words, days in `calendar`.
    pub fn view(
        &self,
        calendar: rapport_schema::calendar::Calendar,
        locale: crate::words::Locale,
    ) -> CustomerView {
        use crate::words;
        use rapport_locale::messages;
        let label = |id: &str| messages::label(locale, id);
        let day = |t: &str| words::day_of(t, calendar, locale);
        let day_opt = |t: &Option<String>| t.as_deref().map(day).unwrap_or_default();
        let opt = |t: &Option<String>| t.clone().unwrap_or_default();
        let amount = |x: f64, currency: &str| {
            format!("{} {currency}", words::decimal(x, 2, locale))
                .trim()
                .to_owned()
        };
        let yes_no = |b: bool| label(if b { "customer-yes" } else { "customer-no" });
        let about = self
            .attributes
            .iter()
            .filter(|a| a.field != "client_id")
            .map(|a| Fact {
                label: messages::label_or(locale, &format!("customer-field-{}", a.field), &a.field),
                // Days and numbers as the reader writes them; text as
                // the data holds it.
                value: match a.field.as_str() {
                    "created_at" => day(&a.value),
                    "birth_year" => a.value.parse::<i64>().map_or_else(
                        |_| a.value.clone(),
                        |y| rapport_locale::numbers::plain(y, locale),
                    ),
                    "acquisition_cost" => a
                        .value
                        .parse::<f64>()
                        .map_or_else(|_| a.value.clone(), |x| words::decimal(x, 2, locale)),
                    // A list (interests) without the brackets of its
                    // display: `sport, travel`.
                    _ => a
                        .value
                        .strip_prefix('[')
                        .and_then(|v| v.strip_suffix(']'))
                        .unwrap_or(&a.value)
                        .to_owned(),
                },
            })
            .collect();
        let mut outlook = Vec::new();
        if let Some(p) = &self.purchase {
            let fact = |id: &str, value: String| Fact {
                label: label(id),
                value,
            };
            outlook.push(fact(
                "customer-p-alive",
                words::probability(p.p_alive, locale),
            ));
            // Over the horizon the table was saved with, when it says.
            let over = |id: &str, plain: &str| match &p.horizon {
                Some(h) => messages::text(
                    locale,
                    id,
                    &[(
                        "horizon",
                        crate::predictions::horizon_words(h, locale).into(),
                    )],
                ),
                None => label(plain),
            };
            outlook.push(Fact {
                label: over(
                    "customer-expected-purchases-over",
                    "customer-expected-purchases",
                ),
                value: words::decimal(p.expected_transactions, 2, locale),
            });
            if let Some(clv) = p.clv {
                // The model values orders in their one currency (it refuses
                // several), so the orders' currency is the CLV's.
                let mut currencies = self.order_totals.iter().map(|t| t.currency.as_str());
                let first = currencies.next().unwrap_or("");
                let currency = if currencies.all(|c| c == first) {
                    first
                } else {
                    ""
                };
                outlook.push(Fact {
                    label: over("customer-clv-over", "customer-clv"),
                    value: amount(clv, currency),
                });
            }
            outlook.push(fact(
                "customer-risk",
                crate::predictions::risk_words(&p.risk_tier, locale),
            ));
            outlook.push(fact(
                "customer-model",
                crate::predictions::model_name(&p.model).to_owned(),
            ));
            if let Some(d) = &p.saved_on {
                outlook.push(fact("customer-saved-on", day(d)));
            }
        }
        if let Some(c) = self.churn_probability {
            outlook.push(Fact {
                label: label("customer-churn-probability"),
                value: words::probability(c, locale),
            });
        }
        let outlook_note = outlook.is_empty().then(|| label("customer-no-outlook"));
        let heads = |ids: &[&str]| -> Vec<String> {
            ids.iter()
                .map(|id| label(&format!("customer-column-{id}")))
                .collect()
        };
        let note = |total: u64, shown: usize| {
            if total == 0 {
                Some(label("customer-none"))
            } else if total > shown as u64 {
                Some(messages::text(
                    locale,
                    "customer-shown",
                    &[("shown", shown.into()), ("total", total.into())],
                ))
            } else {
                None
            }
        };
        let table = |id: &'static str,
                     heading: &str,
                     note: Option<String>,
                     head: Vec<String>,
                     numeric: Vec<bool>,
                     rows: Vec<Vec<String>>| ViewTable {
            id,
            heading: label(heading),
            note,
            head,
            rows,
            numeric,
        };
        let mut tables = vec![
            table(
                "orders",
                "customer-orders",
                note(self.orders.total, self.orders.latest.len()),
                heads(&["date", "order", "amount", "status", "channel", "items"]),
                vec![false, false, true, false, false, true],
                self.orders
                    .latest
                    .iter()
                    .map(|o| {
                        vec![
                            day(&o.ordered_at),
                            o.order_id.clone(),
                            amount(o.amount, &o.currency),
                            opt(&o.status),
                            opt(&o.channel),
                            o.items
                                .map(|n| words::count(n.max(0) as u64, locale))
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            table(
                "order_totals",
                "customer-order-totals",
                None,
                heads(&["status", "orders", "amount", "first", "last"]),
                vec![false, true, true, false, false],
                self.order_totals
                    .iter()
                    .map(|t| {
                        vec![
                            t.status.clone(),
                            words::count(t.orders, locale),
                            amount(t.amount, &t.currency),
                            day(&t.first_at),
                            day(&t.last_at),
                        ]
                    })
                    .collect(),
            ),
            table(
                "products",
                "customer-products",
                None,
                heads(&["product", "category", "quantity"]),
                vec![false, false, true],
                self.products
                    .iter()
                    .map(|p| {
                        vec![
                            p.product_id.clone(),
                            opt(&p.category),
                            words::count(p.quantity.max(0) as u64, locale),
                        ]
                    })
                    .collect(),
            ),
            table(
                "subscriptions",
                "customer-subscriptions",
                note(self.subscriptions.total, self.subscriptions.latest.len()),
                heads(&["plan", "started", "ended", "mrr"]),
                vec![false, false, false, true],
                self.subscriptions
                    .latest
                    .iter()
                    .map(|s| {
                        vec![
                            s.plan.clone(),
                            day(&s.started_at),
                            day_opt(&s.ended_at),
                            s.mrr
                                .map(|m| amount(m, s.currency.as_deref().unwrap_or("")))
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            table(
                "tickets",
                "customer-tickets",
                note(self.tickets.total, self.tickets.latest.len()),
                heads(&[
                    "date",
                    "ticket",
                    "channel",
                    "category",
                    "resolved",
                    "escalated",
                ]),
                vec![false; 6],
                self.tickets
                    .latest
                    .iter()
                    .map(|t| {
                        vec![
                            day(&t.opened_at),
                            t.ticket_id.clone(),
                            t.channel.clone(),
                            opt(&t.category),
                            day_opt(&t.resolved_at),
                            t.escalated.map(yes_no).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            table(
                "survey_answers",
                "customer-surveys",
                note(self.survey_answers.total, self.survey_answers.latest.len()),
                heads(&["date", "survey", "score", "comment", "touchpoint"]),
                vec![false, false, true, false, false],
                self.survey_answers
                    .latest
                    .iter()
                    .map(|s| {
                        vec![
                            day(&s.responded_at),
                            s.survey.to_uppercase(),
                            match (s.scale_min, s.scale_max) {
                                (Some(lo), Some(hi)) => format!(
                                    "{} ({}–{})",
                                    words::number(s.score, locale),
                                    words::number(lo, locale),
                                    words::number(hi, locale)
                                ),
                                _ => words::number(s.score, locale),
                            },
                            opt(&s.comment),
                            opt(&s.touchpoint),
                        ]
                    })
                    .collect(),
            ),
            table(
                "web_sessions",
                "customer-sessions",
                note(self.web_sessions.total, self.web_sessions.latest.len()),
                heads(&["date", "events", "pages", "revenue", "source", "device"]),
                vec![false, true, true, true, false, false],
                self.web_sessions
                    .latest
                    .iter()
                    .map(|s| {
                        vec![
                            day(&s.started_at),
                            words::count(s.events, locale),
                            words::count(s.pages, locale),
                            s.revenue
                                .map(|r| words::decimal(r, 2, locale))
                                .unwrap_or_default(),
                            opt(&s.utm_source),
                            opt(&s.device),
                        ]
                    })
                    .collect(),
            ),
            table(
                "segments",
                "customer-segments",
                None,
                heads(&["segmentation", "segment"]),
                vec![false, false],
                self.segments
                    .iter()
                    .map(|s| vec![s.segmentation.clone(), s.segment.clone()])
                    .collect(),
            ),
            table(
                "recommendations",
                "customer-recommendations",
                None,
                heads(&["rank", "product", "because"]),
                vec![true, false, false],
                self.recommendations
                    .iter()
                    .map(|r| {
                        vec![
                            words::count(r.rank.max(0) as u64, locale),
                            r.product_id.clone(),
                            match (&r.bought_with, r.because.as_deref()) {
                                (Some(p), _) => messages::text(
                                    locale,
                                    "recommend-bought-with",
                                    &[("product", p.clone().into())],
                                ),
                                (None, Some("popular")) => label("recommend-popular"),
                                (None, other) => other.unwrap_or_default().to_owned(),
                            },
                        ]
                    })
                    .collect(),
            ),
        ];
        // A kind the client's data has none of at all (a shop without
        // subscriptions) is left out rather than shown empty; the order
        // history always shows, empty or not.
        tables.retain(|t| {
            matches!(
                t.id,
                "orders" | "tickets" | "survey_answers" | "web_sessions"
            ) || !t.rows.is_empty()
        });
        for t in &mut tables {
            drop_empty_columns(t);
        }
        CustomerView {
            title: messages::text(
                locale,
                "customer-title",
                &[("customer", self.customer_id.clone().into())],
            ),
            about,
            outlook,
            outlook_note,
            tables,
        }
    }
}

/// Leaves out the columns no row fills (a shop whose orders carry no item
/// count), so a table shows what the data has.
fn drop_empty_columns(t: &mut ViewTable) {
    if t.rows.is_empty() {
        return;
    }
    let keep: Vec<bool> = (0..t.head.len())
        .map(|i| {
            t.rows
                .iter()
                .any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
        })
        .collect();
    retain_columns(&mut t.head, &keep);
    retain_columns(&mut t.numeric, &keep);
    for r in &mut t.rows {
        retain_columns(r, &keep);
    }
}

/// Keeps the cells whose column `keep` marks.
fn retain_columns<T>(cells: &mut Vec<T>, keep: &[bool]) {
    let mut marks = keep.iter();
    cells.retain(|_| marks.next().copied().unwrap_or(true));
}
