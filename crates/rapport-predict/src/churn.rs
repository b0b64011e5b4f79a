//! The churn classifier over a client's data (MODELS.md, "Churn classifier
//! (features)"), with a time split.
//!
//! A snapshot at day c describes every customer active at c (a completed
//! order within the workspace's inactivity window before c, METRICS.md
//! "Churn rate") by what was known before c, and labels them churned when
//! they make no purchase in [c, c + window). The model is fitted on the
//! snapshot at the cutoff and evaluated on the snapshot one window later,
//! whose labels it never saw; current customers are then scored by the same
//! model refitted on that later, most recent labelled snapshot.

use rapport_schema::Label;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::prelude::col;
use rapport_engine::ClientSession;
use rapport_models::logistic::{
    CalibrationBin, Logistic, calibration, precision_recall_at_top, roc_auc,
};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::orders::{CustomerDays, completed_order_days, day_date, day_number};
use crate::{Error, Lack, Result, columns, time_zone};

/// The features, in order, with what each means.
pub const FEATURES: [(&str, &str); 13] = [
    ("recency_days", "days since the last purchase"),
    (
        "purchases",
        "purchases (days with a completed order) so far",
    ),
    ("mean_spend", "mean spend per purchase"),
    ("tenure_days", "days since the first purchase"),
    ("purchases_90d", "purchases in the last 90 days"),
    ("tickets_90d", "support tickets opened in the last 90 days"),
    ("escalations_90d", "escalated tickets in the last 90 days"),
    ("survey_responses", "survey responses given so far"),
    (
        "survey_score",
        "latest survey score on a 0–1 scale (0.5 when none)",
    ),
    ("sessions_90d", "visits to the site in the last 90 days"),
    (
        "email_opens_90d",
        "campaign e-mails opened in the last 90 days",
    ),
    (
        "email_clicks_90d",
        "campaign e-mails clicked in the last 90 days",
    ),
    (
        "email_unsubscribed",
        "1 when unsubscribed from campaign e-mails, else 0",
    ),
];

/// Options of [`churn_model`].
#[derive(Debug, Clone)]
pub struct ChurnOptions {
    /// Day of the training snapshot. Default: two windows before `as_of`.
    pub cutoff: Option<NaiveDate>,
    /// Days without a purchase that count as churn.
    pub window_days: u32,
    /// L2 penalty on the standardised weights.
    pub l2: f64,
    /// The day the model is made on (workspace time zone): the labelled
    /// windows end by it, and today's customers are scored as of it.
    pub as_of: NaiveDate,
}

/// A feature's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coefficient {
    pub feature: Label,
    pub meaning: Label,
    /// Change in log-odds of churn per standard deviation of the feature.
    pub per_sd: f64,
}

/// One scored current customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnScore {
    pub customer_id: String,
    pub churn_probability: f64,
    pub features: Vec<f64>,
}

/// Everything `rapport churn` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChurnReport {
    pub client: String,
    pub window_days: u32,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub cutoff: NaiveDate,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub test_cutoff: NaiveDate,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub scored_as_of: NaiveDate,
    pub train_customers: u64,
    pub train_churn_rate: f64,
    pub test_customers: u64,
    pub test_churn_rate: f64,
    pub roc_auc: Option<f64>,
    pub top_decile_precision: f64,
    pub top_decile_recall: f64,
    pub calibration: Vec<CalibrationBin>,
    pub coefficients: Vec<Coefficient>,
    /// Features that are the same for every training customer (their source,
    /// such as e-mail activity, is not loaded): they carry no weight.
    pub constant_features: Vec<Label>,
    pub scored_customers: u64,
    #[serde(skip)]
    pub scores: Vec<ChurnScore>,
}

/// Per customer: (day, escalated) of tickets, (day, normalised score) of
/// survey responses, the first day of each web session and (day, action)
/// of campaign e-mail activity, each sorted by day.
#[derive(Default)]
struct Contacts {
    tickets: HashMap<String, Vec<(i32, bool)>>,
    surveys: HashMap<String, Vec<(i32, f64)>>,
    sessions: HashMap<String, Vec<i32>>,
    email: HashMap<String, Vec<(i32, EmailAction)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EmailAction {
    Open,
    Click,
    Unsubscribe,
    /// Bounces and anything else that says nothing about interest.
    Other,
}

async fn contacts(session: &ClientSession, tz: chrono_tz::Tz) -> Result<Contacts> {
    let day = |micros: i64| {
        DateTime::from_timestamp_micros(micros)
            .map(|t| day_number(t.with_timezone(&tz).date_naive()))
            .ok_or_else(|| Error::Data(format!("time {micros} µs is out of range")))
    };
    let mut out = Contacts::default();
    let tickets = session
        .context()
        .table("support_tickets")
        .await?
        .filter(col("customer_id").is_not_null())?
        .select(vec![col("customer_id"), col("opened_at"), col("escalated")])?
        .collect()
        .await?;
    for b in &tickets {
        let (ids, at, esc) = (
            columns::text(b, 0)?,
            columns::integers(b, 1)?,
            columns::booleans(b, 2)?,
        );
        for i in 0..b.num_rows() {
            if at.is_null(i) {
                continue; // opened_at is required; ingest never stores a null
            }
            let escalated = !esc.is_null(i) && esc.value(i);
            out.tickets
                .entry(ids.value(i).to_owned())
                .or_default()
                .push((day(at.value(i))?, escalated));
        }
    }
    let surveys = session
        .context()
        .table("survey_responses")
        .await?
        .filter(col("customer_id").is_not_null())?
        .select(vec![
            col("customer_id"),
            col("responded_at"),
            col("survey"),
            col("score"),
            col("scale_min"),
            col("scale_max"),
        ])?
        .collect()
        .await?;
    for b in &surveys {
        let (ids, at, kind) = (
            columns::text(b, 0)?,
            columns::integers(b, 1)?,
            columns::text(b, 2)?,
        );
        let (score, lo, hi) = (
            columns::floats(b, 3)?,
            columns::floats(b, 4)?,
            columns::floats(b, 5)?,
        );
        for i in 0..b.num_rows() {
            if at.is_null(i) || score.is_null(i) {
                continue;
            }
            let (dmin, dmax) = match kind.value(i) {
                "nps" => (0.0, 10.0),
                "ces" => (1.0, 7.0),
                _ => (1.0, 5.0),
            };
            let min = if lo.is_null(i) { dmin } else { lo.value(i) };
            let max = if hi.is_null(i) { dmax } else { hi.value(i) };
            let normalised = if max > min {
                (score.value(i) - min) / (max - min)
            } else {
                0.5
            };
            out.surveys
                .entry(ids.value(i).to_owned())
                .or_default()
                .push((day(at.value(i))?, normalised));
        }
    }
    // A web session counts once, on the day it began; events without a
    // session id count as one session per customer and (UTC) day.
    let sessions = session
        .context()
        .sql(
            "SELECT customer_id, min(ts) AS began FROM web_events \
             WHERE customer_id IS NOT NULL \
             GROUP BY customer_id, coalesce(session_id, CAST(date_trunc('day', ts) AS VARCHAR))",
        )
        .await?
        .collect()
        .await?;
    for b in &sessions {
        let (ids, began) = (columns::text(b, 0)?, columns::integers(b, 1)?);
        for i in 0..b.num_rows() {
            if !began.is_null(i) {
                out.sessions
                    .entry(ids.value(i).to_owned())
                    .or_default()
                    .push(day(began.value(i))?);
            }
        }
    }
    let email = session
        .context()
        .table("email_activity")
        .await?
        .select(vec![col("customer_id"), col("at"), col("action")])?
        .collect()
        .await?;
    for b in &email {
        let (ids, at, action) = (
            columns::text(b, 0)?,
            columns::integers(b, 1)?,
            columns::text(b, 2)?,
        );
        for i in 0..b.num_rows() {
            if ids.is_null(i) || at.is_null(i) {
                continue; // both are required; ingest never stores a null
            }
            let action = match action.value(i) {
                "open" => EmailAction::Open,
                "click" => EmailAction::Click,
                "unsubscribe" => EmailAction::Unsubscribe,
                _ => EmailAction::Other,
            };
            out.email
                .entry(ids.value(i).to_owned())
                .or_default()
                .push((day(at.value(i))?, action));
        }
    }
    for v in out.sessions.values_mut() {
        v.sort_unstable();
    }
    for v in out.email.values_mut() {
        v.sort_by_key(|e| e.0);
    }
    for v in out.tickets.values_mut() {
        v.sort_by_key(|t| t.0);
    }
    // The latest answer is a feature: answers of one day are ordered by
    // score too, so the model does not depend on the order the engine
    // returned the rows in (it varies with partitions; a churn snapshot
    // test caught its calibration moving between runs).
    for v in out.surveys.values_mut() {
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    }
    Ok(out)
}

/// Features of a customer at snapshot day `c`, or `None` when not active then.
fn features(c: &CustomerDays, contacts: &Contacts, day: i32, inactivity: i32) -> Option<Vec<f64>> {
    let before = &c.days[..c.days.partition_point(|d| d.0 < day)];
    let (first, last) = (before.first()?.0, before.last()?.0);
    if day - last > inactivity {
        return None;
    }
    let recent = before.iter().filter(|d| d.0 >= day - 90).count();
    let tickets = contacts.tickets.get(&c.id).map_or(&[][..], Vec::as_slice);
    let tickets_90d: Vec<&(i32, bool)> = tickets
        .iter()
        .filter(|t| t.0 < day && t.0 >= day - 90)
        .collect();
    let surveys = contacts.surveys.get(&c.id).map_or(&[][..], Vec::as_slice);
    let answered = &surveys[..surveys.partition_point(|s| s.0 < day)];
    let sessions = contacts.sessions.get(&c.id).map_or(&[][..], Vec::as_slice);
    let sessions_90d =
        sessions.partition_point(|&s| s < day) - sessions.partition_point(|&s| s < day - 90);
    let email = contacts.email.get(&c.id).map_or(&[][..], Vec::as_slice);
    let known = &email[..email.partition_point(|e| e.0 < day)];
    let recent_email = |action: EmailAction| {
        known
            .iter()
            .filter(|e| e.0 >= day - 90 && e.1 == action)
            .count() as f64
    };
    Some(vec![
        f64::from(day - last),
        before.len() as f64,
        before.iter().map(|d| d.1).sum::<f64>() / before.len() as f64,
        f64::from(day - first),
        recent as f64,
        tickets_90d.len() as f64,
        tickets_90d.iter().filter(|t| t.1).count() as f64,
        answered.len() as f64,
        answered.last().map_or(0.5, |s| s.1),
        sessions_90d as f64,
        recent_email(EmailAction::Open),
        recent_email(EmailAction::Click),
        if known.iter().any(|e| e.1 == EmailAction::Unsubscribe) {
            1.0
        } else {
            0.0
        },
    ])
}

/// Churned: no purchase in [day, day + window).
fn churned(c: &CustomerDays, day: i32, window: i32) -> bool {
    let from = c.days.partition_point(|d| d.0 < day);
    c.days.get(from).is_none_or(|d| d.0 >= day + window)
}

struct Snapshot {
    features: Vec<Vec<f64>>,
    labels: Vec<bool>,
}

fn snapshot(
    customers: &[CustomerDays],
    contacts: &Contacts,
    day: i32,
    window: i32,
    inactivity: i32,
) -> Snapshot {
    let mut s = Snapshot {
        features: Vec::new(),
        labels: Vec::new(),
    };
    for c in customers {
        if let Some(f) = features(c, contacts, day, inactivity) {
            s.features.push(f);
            s.labels.push(churned(c, day, window));
        }
    }
    s
}

/// Fits, evaluates out of time and scores the client's current customers;
/// writes `predictions/<client>/churn.{parquet,csv}`.
///
/// # Errors
/// A window or cutoff that leaves no room for the two labelled snapshots in
/// the data, snapshots with one class only, and model errors.
pub async fn churn_model(ws: &Workspace, client: &str, o: &ChurnOptions) -> Result<ChurnReport> {
    if o.window_days == 0 || o.window_days > 3650 {
        return Err(Error::Options(format!(
            "--window {}d must be between 1 and 3650 days",
            o.window_days
        )));
    }
    let tz = time_zone(ws)?;
    let session = ClientSession::open(ws, client).await?;
    let orders = completed_order_days(&session, tz).await?;
    if orders.customers.is_empty() {
        return Err(Error::Lacking(Lack::NoOrders {
            client: client.to_owned(),
        }));
    }
    let contacts = contacts(&session, tz).await?;
    let window = o.window_days as i32;
    let inactivity = ws.settings().inactivity_days as i32;
    let end = day_number(o.as_of);
    let cutoff = o.cutoff.map_or(end - 2 * window, day_number);
    let test_cutoff = cutoff + window;
    if test_cutoff + window > end {
        return Err(Error::Options(format!(
            "the cutoff {} leaves no room for two windows of {} days before the end of the data ({}): training labels need [cutoff, cutoff + window) and the test another window after it; choose an earlier --cutoff or a shorter --window",
            day_date(cutoff),
            window,
            day_date(end)
        )));
    }
    let train = snapshot(&orders.customers, &contacts, cutoff, window, inactivity);
    let test = snapshot(
        &orders.customers,
        &contacts,
        test_cutoff,
        window,
        inactivity,
    );
    if train.features.len() < 20 || test.features.len() < 20 {
        return Err(Error::Lacking(Lack::TooFewActive {
            at_cutoff: train.features.len(),
            later: test.features.len(),
            need: 20,
        }));
    }
    let model = Logistic::fit(&train.features, &train.labels, o.l2)?;
    let predicted: Vec<f64> = test.features.iter().map(|f| model.probability(f)).collect();
    let (top_decile_precision, top_decile_recall) =
        precision_recall_at_top(&predicted, &test.labels, 0.1);
    let rate = |l: &[bool]| l.iter().filter(|&&y| y).count() as f64 / l.len() as f64 * 100.0;

    let latest = Logistic::fit(&test.features, &test.labels, o.l2)?;
    let mut scores: Vec<ChurnScore> = orders
        .customers
        .iter()
        .filter_map(|c| {
            features(c, &contacts, end, inactivity).map(|f| ChurnScore {
                customer_id: c.id.clone(),
                churn_probability: latest.probability(&f),
                features: f,
            })
        })
        .collect();
    scores.sort_by(|a, b| b.churn_probability.total_cmp(&a.churn_probability));
    Ok(ChurnReport {
        client: client.to_owned(),
        window_days: o.window_days,
        cutoff: day_date(cutoff),
        test_cutoff: day_date(test_cutoff),
        scored_as_of: day_date(end),
        train_customers: train.labels.len() as u64,
        train_churn_rate: rate(&train.labels),
        test_customers: test.labels.len() as u64,
        test_churn_rate: rate(&test.labels),
        roc_auc: roc_auc(&predicted, &test.labels),
        top_decile_precision,
        top_decile_recall,
        calibration: calibration(&predicted, &test.labels, 10),
        coefficients: FEATURES
            .iter()
            .zip(&model.weights)
            .map(|((feature, meaning), w)| Coefficient {
                feature: (*feature).into(),
                meaning: (*meaning).into(),
                per_sd: *w,
            })
            .collect(),
        constant_features: FEATURES
            .iter()
            .enumerate()
            .filter(|(j, _)| {
                train
                    .features
                    .windows(2)
                    .all(|w| w[0].get(*j) == w[1].get(*j))
            })
            .map(|(_, (name, _))| (*name).into())
            .collect(),
        scored_customers: scores.len() as u64,
        scores,
    })
}

impl crate::CustomerRows for ChurnReport {
    fn stem(&self) -> String {
        "churn".to_owned()
    }

    fn workspace_dir(&self, ws: &Workspace) -> std::path::PathBuf {
        ws.predictions_dir(&self.client)
    }

    fn customer_table(&self) -> Result<RecordBatch> {
        to_batch(&self.scores)
    }
}

fn to_batch(scores: &[ChurnScore]) -> Result<RecordBatch> {
    let mut fields = vec![
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("churn_probability", DataType::Float64, false),
    ];
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            scores.iter().map(|s| s.customer_id.as_str()),
        )),
        Arc::new(Float64Array::from_iter_values(
            scores.iter().map(|s| s.churn_probability),
        )),
    ];
    for (j, (name, _)) in FEATURES.iter().enumerate() {
        fields.push(Field::new(*name, DataType::Float64, false));
        columns.push(Arc::new(Float64Array::from_iter_values(
            scores
                .iter()
                .map(|s| s.features.get(j).copied().unwrap_or(f64::NAN)),
        )));
    }
    Ok(RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_look_only_at_the_window_and_features_only_before_the_snapshot() {
        let c = CustomerDays {
            id: "c".into(),
            days: vec![(10, 5.0), (50, 7.0), (100, 9.0)],
        };
        let none = Contacts::default();
        assert!(!churned(&c, 60, 50), "buys on day 100, inside [60, 110)");
        assert!(churned(&c, 60, 40), "day 100 is outside [60, 100)");
        let f = features(&c, &none, 60, 90).unwrap();
        assert_eq!(f[0], 10.0, "recency from day 50");
        assert_eq!(f[1], 2.0, "day 100 is not known at day 60");
        assert_eq!(f[2], 6.0);
        assert!(
            features(&c, &none, 200, 90).is_none(),
            "inactive for 100 days"
        );
    }

    #[test]
    fn engagement_counts_the_90_days_before_the_snapshot_only() {
        let c = CustomerDays {
            id: "c".into(),
            days: vec![(10, 5.0), (150, 7.0)],
        };
        let mut contacts = Contacts::default();
        // Sessions on days 20 (too early), 100, 140, and 160 (after).
        contacts
            .sessions
            .insert("c".into(), vec![20, 100, 140, 160]);
        contacts.email.insert(
            "c".into(),
            vec![
                (40, EmailAction::Open),
                (90, EmailAction::Open),
                (90, EmailAction::Click),
                (120, EmailAction::Other),
                (130, EmailAction::Open),
                (155, EmailAction::Unsubscribe),
            ],
        );
        let at = |day: i32| features(&c, &contacts, day, 365).unwrap();
        let f = at(150);
        let named =
            |f: &[f64], name: &str| f[FEATURES.iter().position(|(n, _)| *n == name).unwrap()];
        assert_eq!(named(&f, "sessions_90d"), 2.0, "days 100 and 140");
        assert_eq!(named(&f, "email_opens_90d"), 2.0, "days 90 and 130");
        assert_eq!(named(&f, "email_clicks_90d"), 1.0);
        assert_eq!(named(&f, "email_unsubscribed"), 0.0, "not yet on day 150");
        assert_eq!(named(&at(156), "email_unsubscribed"), 1.0);
    }
}
