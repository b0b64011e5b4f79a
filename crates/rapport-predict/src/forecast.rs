//! KPI forecasts (MODELS.md, "Forecasting"): a KPI's series over complete
//! periods, an ETS model chosen by AICc, point forecasts with 80 % and 95 %
//! intervals.
//!
//! Until the metric catalog exists, the KPIs are the order-based ones:
//! revenue and orders (completed orders, METRICS.md "Order metrics") and
//! buyers (distinct customers with a completed order in the period).

use rapport_schema::Label;
use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate};
use datafusion::arrow::array::Array;
use datafusion::prelude::col;
use rapport_engine::ClientSession;
use rapport_models::ets::EtsFit;
use rapport_schema::period::PeriodKind;
use rapport_schema::{Calendar, Period};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::orders::completed;
use crate::{Error, Lack, Result, columns, time_zone};

/// A KPI that can be forecast: the order-based ones read straight from
/// the orders, or any metric id of the catalog (METRICS.md), measured
/// period by period by `rapport-metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ForecastMetric {
    Revenue,
    Orders,
    Buyers,
    /// A metric id of the catalog (`nps`, `sessions`, `churn_rate`, …).
    #[serde(untagged)]
    Catalog(&'static str),
}

/// Read back by name; a catalog id is looked up in the registry, so a
/// stored forecast names a metric this build knows or is refused.
impl<'de> Deserialize<'de> for ForecastMetric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Ok(match name.as_str() {
            "revenue" => ForecastMetric::Revenue,
            "orders" => ForecastMetric::Orders,
            "buyers" => ForecastMetric::Buyers,
            id => ForecastMetric::Catalog(
                rapport_metrics::metric(id)
                    .ok_or_else(|| serde::de::Error::custom(format!("no metric `{id}`")))?
                    .id,
            ),
        })
    }
}

impl ForecastMetric {
    /// The metric's name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            ForecastMetric::Revenue => "revenue",
            ForecastMetric::Orders => "orders",
            ForecastMetric::Buyers => "buyers",
            ForecastMetric::Catalog(id) => id,
        }
    }
}

impl std::str::FromStr for ForecastMetric {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "revenue" => Ok(ForecastMetric::Revenue),
            "orders" => Ok(ForecastMetric::Orders),
            "buyers" => Ok(ForecastMetric::Buyers),
            id => rapport_metrics::metric(id)
                .map(|m| ForecastMetric::Catalog(m.id))
                .ok_or_else(|| {
                    Error::Options(format!(
                        "`{id}` is neither revenue, orders, buyers nor a metric id (see `rapport metrics --list`)"
                    ))
                }),
        }
    }
}

/// The period of the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForecastPeriod {
    Week,
    Month,
    Quarter,
}

impl ForecastPeriod {
    /// Periods in a year: the season length tried.
    fn per_year(self) -> usize {
        match self {
            ForecastPeriod::Week => 52,
            ForecastPeriod::Month => 12,
            ForecastPeriod::Quarter => 4,
        }
    }

    fn kind(self) -> PeriodKind {
        match self {
            ForecastPeriod::Week => PeriodKind::Week,
            ForecastPeriod::Month => PeriodKind::Month,
            ForecastPeriod::Quarter => PeriodKind::Quarter,
        }
    }
}

/// The periods of a series in the client's calendar: Solar Hijri months
/// and quarters for an Iranian client, Gregorian ones and ISO weeks
/// otherwise (see [`rapport_schema::Calendar`]).
#[derive(Debug, Clone, Copy)]
struct Steps {
    by: ForecastPeriod,
    calendar: Calendar,
}

impl Steps {
    /// First day of the period holding `d`.
    fn start(self, d: NaiveDate) -> NaiveDate {
        self.calendar.containing(self.by.kind(), d).start
    }

    /// First day of the next period.
    fn next(self, start: NaiveDate) -> NaiveDate {
        self.calendar.containing(self.by.kind(), start).end
    }

    /// How a period is written: 2026-W41, 2026-10, 2026-Q3 (1405-08 in the
    /// Solar Hijri calendar).
    fn label(self, start: NaiveDate) -> String {
        self.period(start).to_string()
    }

    fn period(self, start: NaiveDate) -> Period {
        self.calendar.containing(self.by.kind(), start)
    }
}

/// Options of [`forecast_metric`].
#[derive(Debug, Clone)]
pub struct ForecastOptions {
    pub metric: ForecastMetric,
    pub by: ForecastPeriod,
    /// Periods to forecast.
    pub horizon: usize,
    /// The day the forecast is made on (workspace time zone): the history
    /// is the complete periods that end by it.
    pub as_of: NaiveDate,
}

/// One observed or forecast period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastPoint {
    pub period: String,
    pub value: f64,
    /// Forecasts only: 80 % and 95 % prediction intervals.
    pub low_80: Option<f64>,
    pub high_80: Option<f64>,
    pub low_95: Option<f64>,
    pub high_95: Option<f64>,
}

/// Everything `rapport forecast` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Forecast {
    pub client: String,
    pub metric: ForecastMetric,
    pub by: ForecastPeriod,
    /// The chosen model, e.g. `ETS(M,A,M)`, and its parameters.
    pub model: String,
    pub params: BTreeMap<Label, f64>,
    pub aicc: f64,
    /// AICc of every model form fitted, for the record.
    pub candidates: Vec<(String, f64)>,
    pub history: Vec<ForecastPoint>,
    pub forecast: Vec<ForecastPoint>,
}

/// The KPI per complete period from the client's completed orders.
async fn series(
    ws: &Workspace,
    session: &ClientSession,
    o: &ForecastOptions,
    steps: Steps,
) -> Result<Vec<(NaiveDate, f64)>> {
    let tz = time_zone(ws)?;
    let batches = session
        .context()
        .table("orders")
        .await?
        .filter(completed())?
        .select(vec![col("customer_id"), col("ordered_at"), col("amount")])?
        .collect()
        .await?;
    // Amounts are kept and summed in sorted order: DataFusion hands the
    // batches over in whatever order its partitions finish, and a float sum
    // in that order differs in the last bits from run to run, which the
    // model's fit then carries into the forecast's digits.
    let mut revenue: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    let mut orders: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut buyers: HashSet<(NaiveDate, String)> = HashSet::new();
    let mut first = NaiveDate::MAX;
    for b in &batches {
        let (ids, at, amount) = (
            columns::text(b, 0)?,
            columns::integers(b, 1)?,
            columns::floats(b, 2)?,
        );
        for i in 0..b.num_rows() {
            if at.is_null(i) || amount.is_null(i) || ids.is_null(i) {
                continue; // required columns; ingest never stores nulls
            }
            let day = DateTime::from_timestamp_micros(at.value(i))
                .ok_or_else(|| {
                    Error::Data(format!("order time {} µs is out of range", at.value(i)))
                })?
                .with_timezone(&tz)
                .date_naive();
            if day >= o.as_of {
                continue; // not known as of the forecast's day
            }
            first = first.min(day);
            let p = steps.start(day);
            revenue.entry(p).or_default().push(amount.value(i));
            *orders.entry(p).or_default() += 1.0;
            if o.metric == ForecastMetric::Buyers {
                buyers.insert((p, ids.value(i).to_owned()));
            }
        }
    }
    if revenue.is_empty() {
        return Err(Error::Lacking(Lack::NothingToForecast));
    }
    // Complete periods only: from the first period that starts on or after
    // the first order day to the last one that ends by the as-of day.
    let mut start = steps.start(first);
    if start < first {
        start = steps.next(start);
    }
    let mut out = Vec::new();
    while steps.next(start) <= o.as_of {
        let value = match o.metric {
            ForecastMetric::Revenue => revenue.get_mut(&start).map_or(0.0, |amounts| {
                amounts.sort_unstable_by(f64::total_cmp);
                amounts.iter().sum()
            }),
            ForecastMetric::Orders => orders.get(&start).copied().unwrap_or(0.0),
            ForecastMetric::Buyers => buyers.iter().filter(|(p, _)| *p == start).count() as f64,
            ForecastMetric::Catalog(id) => {
                return Err(Error::Options(format!(
                    "{id} is measured by the metric catalog, not from orders"
                )));
            }
        };
        out.push((start, value));
        start = steps.next(start);
    }
    Ok(out)
}

/// The most periods of a catalog metric's history used (three years).
const MAX_HISTORY_YEARS: usize = 3;

/// A catalog metric per complete period, from the first period with a value
/// up to the last complete one. A gap inside the history is an error that
/// names it: ETS needs an unbroken series.
async fn catalog_series(
    ws: &Workspace,
    client: &str,
    o: &ForecastOptions,
    id: &'static str,
    steps: Steps,
) -> Result<Vec<(NaiveDate, f64)>> {
    // The history is the complete periods that end by the as-of day.
    let last_day = o.as_of - Duration::days(1);
    // Complete periods ending by the as-of day, newest first.
    let mut starts = Vec::new();
    let mut start = steps.start(last_day);
    if steps.next(start) > last_day + Duration::days(1) {
        start = steps.start(start - Duration::days(1));
    }
    for _ in 0..MAX_HISTORY_YEARS * o.by.per_year() {
        starts.push(start);
        start = steps.start(start - Duration::days(1));
    }
    starts.reverse();
    let mut out = Vec::new();
    for start in starts {
        let period = steps.period(start);
        let label = period.to_string();
        let req = rapport_metrics::Request {
            compare: rapport_metrics::Compare::None,
            only: vec![id.to_owned()],
            ..rapport_metrics::Request::new(period, o.as_of)
        };
        let report = rapport_metrics::compute(ws, client, &req)
            .await
            .map_err(|e| Error::Data(e.to_string()))?;
        let m = report.metrics.into_iter().next();
        match (m.as_ref().and_then(|m| m.value), out.is_empty()) {
            (Some(v), _) => out.push((start, v)),
            (None, true) => {} // before the metric's data begins
            (None, false) => {
                return Err(Error::Lacking(Lack::BrokenSeries {
                    metric: id.to_owned(),
                    period: label,
                    why: m.and_then(|m| m.missing),
                }));
            }
        }
    }
    Ok(out)
}

/// Fits ETS models to the KPI's complete periods and forecasts `horizon`
/// periods ahead.
///
/// # Errors
/// No orders, a horizon of 0 or above 3 years, too short a series for any model.
pub async fn forecast_metric(
    ws: &Workspace,
    client: &str,
    o: &ForecastOptions,
) -> Result<Forecast> {
    if o.horizon == 0 || o.horizon > 3 * o.by.per_year() {
        return Err(Error::Options(format!(
            "--horizon {} must be between 1 and {} periods (three years)",
            o.horizon,
            3 * o.by.per_year()
        )));
    }
    let session = ClientSession::open(ws, client).await?;
    let steps = Steps {
        by: o.by,
        calendar: ws.calendar(client)?,
    };
    let data = match o.metric {
        ForecastMetric::Catalog(id) => catalog_series(ws, client, o, id, steps).await?,
        _ => series(ws, &session, o, steps).await?,
    };
    if data.len() < 4 {
        return Err(Error::Lacking(Lack::TooFewPeriods {
            client: client.to_owned(),
            have: data.len(),
            need: 4,
        }));
    }
    let values: Vec<f64> = data.iter().map(|d| d.1).collect();
    let (fit, candidates) = EtsFit::select(&values, o.by.per_year())?;
    let mut params = BTreeMap::from([("alpha", fit.alpha)]);
    for (name, v) in [("beta", fit.beta), ("gamma", fit.gamma), ("phi", fit.phi)] {
        if let Some(v) = v {
            params.insert(name, v);
        }
    }
    let mut next = steps.next(data.last().map_or(NaiveDate::MIN, |d| d.0));
    let forecast = fit
        .forecast(o.horizon, &[0.8, 0.95], 5_000, 7)
        .into_iter()
        .map(|(point, bands)| {
            let label = steps.label(next);
            next = steps.next(next);
            ForecastPoint {
                period: label,
                value: point,
                low_80: bands.first().map(|b| b.0),
                high_80: bands.first().map(|b| b.1),
                low_95: bands.get(1).map(|b| b.0),
                high_95: bands.get(1).map(|b| b.1),
            }
        })
        .collect();
    Ok(Forecast {
        client: client.to_owned(),
        metric: o.metric,
        by: o.by,
        model: fit.spec.name(),
        params: params.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        aicc: fit.aicc,
        candidates,
        history: data
            .iter()
            .map(|(p, v)| ForecastPoint {
                period: steps.label(*p),
                value: *v,
                low_80: None,
                high_80: None,
                low_95: None,
                high_95: None,
            })
            .collect(),
        forecast,
    })
}
