//! Contractual retention curves (MODELS.md, "shifted-beta-geometric").
//!
//! A customer's subscription life runs from their first `started_at` to
//! their last `ended_at` (open while any subscription has none), so a plan
//! change is not churn. Customers are grouped into cohorts by the local
//! month (or year) they started; a cohort's count after `t` periods is the
//! customers whose life lasted more than `t` whole periods, observed only
//! while every member has had `t` full periods by the end of the data.

use rapport_schema::Label;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use datafusion::arrow::array::Array;
use datafusion::prelude::col;
use rapport_engine::ClientSession;
use rapport_models::ShiftedBetaGeometric;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::{Error, Lack, Result, columns, time_zone};

/// The period of a retention curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RetentionUnit {
    Month,
    Year,
}

impl RetentionUnit {
    fn months(self) -> u32 {
        match self {
            RetentionUnit::Month => 1,
            RetentionUnit::Year => 12,
        }
    }
}

/// Options of [`retention_curve`].
#[derive(Debug, Clone)]
pub struct RetentionOptions {
    pub unit: RetentionUnit,
    /// Only cohorts that start on or after this day.
    pub cohort_start: Option<NaiveDate>,
    /// Periods to project beyond the longest observed cohort.
    pub projection_periods: u32,
    /// Yearly discount rate for DERL.
    pub discount_rate: f64,
    /// The day the curve is fitted on (workspace time zone): survival is
    /// observed up to its start, and subscriptions starting later are not
    /// yet known. Never taken from the data: a cohort whose last
    /// cancellation was months ago has survived since.
    pub as_of: NaiveDate,
}

/// One cohort's survivor counts: `survivors[t]` customers still subscribed
/// after `t` periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortSurvivors {
    pub cohort: String,
    pub survivors: Vec<u64>,
}

/// The fitted and observed curve at one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectionPoint {
    pub period: u32,
    /// S(t): projected share of a new cohort still subscribed.
    pub survival: f64,
    /// S(t)/S(t−1): projected retention from the previous period.
    pub retention_rate: f64,
    /// Pooled observed share over the cohorts observed that long.
    pub observed: Option<f64>,
}

/// Everything `rapport retention-curve` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetentionCurve {
    pub client: String,
    pub model: Label,
    pub unit: RetentionUnit,
    pub params: BTreeMap<Label, f64>,
    pub log_likelihood: f64,
    pub customers: u64,
    /// The last moment in the data; counts are as of then.
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub as_of: DateTime<Utc>,
    pub survivors: Vec<CohortSurvivors>,
    pub projection: Vec<ProjectionPoint>,
    /// Yearly discount rate, and the same per period.
    pub discount_rate: f64,
    pub discount_per_period: f64,
    /// Discounted expected lifetime of a new customer in periods, the first
    /// payment included (Fader & Hardie 2010: DEL).
    pub discounted_expected_lifetime: f64,
    /// Discounted expected residual lifetime of a customer who just paid for
    /// the first period (DERL with no renewals yet).
    pub derl_new_customer: f64,
    /// Mean payment per period from `mrr`, when the data has it.
    pub payment_per_period: Option<f64>,
    /// DEL × payment per period: what a new subscriber is worth today.
    pub value_new_customer: Option<f64>,
}

struct Life {
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
}

fn add_periods(t: DateTime<Utc>, months: u32) -> Option<DateTime<Utc>> {
    t.checked_add_months(Months::new(months))
}

/// Reads the subscriptions started before `as_of` into one life per
/// customer, and the mean MRR.
async fn lives(session: &ClientSession, as_of: DateTime<Utc>) -> Result<(Vec<Life>, Option<f64>)> {
    let as_of_us = as_of.timestamp_micros();
    let batches = session
        .context()
        .table("subscriptions")
        .await?
        .select(vec![
            col("customer_id"),
            col("started_at"),
            col("ended_at"),
            col("mrr"),
        ])?
        .collect()
        .await?;
    let mut by_customer: HashMap<String, (i64, Option<i64>, bool)> = HashMap::new();
    let (mut mrr_sum, mut mrr_n) = (0.0, 0u64);
    for b in &batches {
        let ids = columns::text(b, 0)?;
        let starts = columns::integers(b, 1)?;
        let ends = columns::integers(b, 2)?;
        let mrr = columns::floats(b, 3)?;
        for i in 0..b.num_rows() {
            if ids.is_null(i) || starts.is_null(i) {
                return Err(Error::Data(
                    "a subscription has no customer_id or started_at; reload the subscriptions"
                        .to_owned(),
                ));
            }
            let start = starts.value(i);
            if start >= as_of_us {
                continue;
            }
            // An end after the as-of time is not known yet: still open.
            let end = (!ends.is_null(i))
                .then(|| ends.value(i))
                .filter(|&e| e < as_of_us);
            if !mrr.is_null(i) {
                mrr_sum += mrr.value(i);
                mrr_n += 1;
            }
            let e =
                by_customer
                    .entry(ids.value(i).to_owned())
                    .or_insert((start, end, end.is_none()));
            e.0 = e.0.min(start);
            e.2 |= end.is_none();
            e.1 = match (e.1, end) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let mut out = Vec::with_capacity(by_customer.len());
    for (_, (start, end, open)) in by_customer {
        let start = DateTime::from_timestamp_micros(start)
            .ok_or_else(|| Error::Data(format!("start time {start} µs is out of range")))?;
        let end = if open {
            None
        } else {
            end.and_then(DateTime::from_timestamp_micros)
        };
        out.push(Life { start, end });
    }
    Ok((out, (mrr_n > 0).then(|| mrr_sum / mrr_n as f64)))
}

/// Fits sBG to the client's subscription cohorts and projects retention.
///
/// # Errors
/// No subscriptions, no cohort observed for a full period, or a model error
/// (no churn yet, no convergence).
pub async fn retention_curve(
    ws: &Workspace,
    client: &str,
    o: &RetentionOptions,
) -> Result<RetentionCurve> {
    if !(0.0..=1.0).contains(&o.discount_rate) || o.discount_rate == 0.0 {
        return Err(Error::Options(format!(
            "--discount {} must be a yearly rate in (0, 1]",
            o.discount_rate
        )));
    }
    let tz = time_zone(ws)?;
    let session = ClientSession::open(ws, client).await?;
    let as_of = rapport_metrics::period::local_midnight(o.as_of, tz);
    let (lives, mean_mrr) = lives(&session, as_of).await?;
    if lives.is_empty() {
        return Err(Error::Lacking(Lack::NoSubscriptions {
            client: client.to_owned(),
        }));
    }
    let months = o.unit.months();
    // Cohort key: the local (year, month) or (year, 1) the customer started in.
    let mut cohorts: BTreeMap<(i32, u32), Vec<&Life>> = BTreeMap::new();
    for life in &lives {
        let local = life.start.with_timezone(&tz);
        if let Some(from) = o.cohort_start
            && local.date_naive() < from
        {
            continue;
        }
        let month = if o.unit == RetentionUnit::Year {
            1
        } else {
            local.month()
        };
        cohorts.entry((local.year(), month)).or_default().push(life);
    }
    let mut survivors = Vec::new();
    for ((year, month), members) in &cohorts {
        let latest = members.iter().map(|l| l.start).max().unwrap_or(as_of);
        let mut counts = Vec::new();
        for t in 0u32.. {
            let Some(reach) = add_periods(latest, t * months) else {
                break;
            };
            if reach > as_of {
                break;
            }
            let alive = members
                .iter()
                .filter(|l| match (l.end, add_periods(l.start, t * months)) {
                    (None, _) => true,
                    (Some(end), Some(mark)) => end > mark,
                    (Some(_), None) => false,
                })
                .count() as u64;
            counts.push(alive);
        }
        let cohort = if o.unit == RetentionUnit::Year {
            year.to_string()
        } else {
            format!("{year}-{month:02}")
        };
        survivors.push(CohortSurvivors {
            cohort,
            survivors: counts,
        });
    }
    let data: Vec<Vec<f64>> = survivors
        .iter()
        .map(|c| c.survivors.iter().map(|&n| n as f64).collect())
        .collect();
    let fit = ShiftedBetaGeometric::fit(&data)?;
    let m = fit.model;
    let longest = survivors
        .iter()
        .map(|c| c.survivors.len())
        .max()
        .unwrap_or(1) as u32;
    let projection = (0..longest + o.projection_periods)
        .map(|t| {
            let (mut alive, mut start) = (0u64, 0u64);
            for c in &survivors {
                if let Some(&n) = c.survivors.get(t as usize) {
                    alive += n;
                    start += c.survivors[0];
                }
            }
            ProjectionPoint {
                period: t,
                survival: m.survival(t),
                retention_rate: if t == 0 { 1.0 } else { m.retention_rate(t) },
                observed: (start > 0).then(|| alive as f64 / start as f64),
            }
        })
        .collect();
    let per_period = (1.0 + o.discount_rate).powf(f64::from(months) / 12.0) - 1.0;
    let derl = m.derl(per_period, 0)?;
    let del = 1.0 + derl / (1.0 + per_period);
    let payment = mean_mrr.map(|mrr| mrr * f64::from(months));
    Ok(RetentionCurve {
        client: client.to_owned(),
        model: "sbg".into(),
        unit: o.unit,
        params: BTreeMap::from([("alpha".into(), m.alpha), ("beta".into(), m.beta)]),
        log_likelihood: fit.log_likelihood,
        customers: survivors.iter().map(|c| c.survivors[0]).sum(),
        as_of,
        survivors,
        projection,
        discount_rate: o.discount_rate,
        discount_per_period: per_period,
        discounted_expected_lifetime: del,
        derl_new_customer: derl,
        payment_per_period: payment,
        value_new_customer: payment.map(|p| p * del),
    })
}
