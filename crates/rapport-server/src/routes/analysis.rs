//! A client's numbers: metrics, cohorts, funnels, comparisons,
//! predictions and forecasts, each the library's result with the CLI's
//! JSON, each computed in one of the server's compute slots.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::cache::json_result;
use crate::extract::query;
use crate::{ApiError, Scoped, Shared};

/// `GET …/metrics`: the query string of `rapport metrics`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetricsQuery {
    period: String,
    /// `previous`, `year` or `none`: the library's own names, so an
    /// unknown word is refused naming the allowed ones.
    compare: Option<rapport_metrics::Compare>,
    /// An earlier period to compare with instead (`2026-Q1`).
    compare_with: Option<String>,
    segment: Option<String>,
    by: Option<String>,
    /// Comma-separated metric ids.
    only: Option<String>,
}

/// Splits a comma-separated list, dropping empty items.
fn list(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

pub(crate) async fn metrics(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<MetricsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let what = format!("metrics {q:?}");
    let ws = scope.workspace();
    let mut options = rapport_app::metrics::MetricsOptions::new(
        scope.client(),
        &q.period,
        rapport_app::today(ws),
    );
    options.compare = q.compare.unwrap_or(options.compare);
    options.against = q.compare_with.filter(|c| !c.is_empty());
    options.segment = q.segment;
    options.by = q.by;
    options.only = list(q.only);
    json_result(&state, &scope, what, || async {
        let report = rapport_app::metrics::measure(ws, &options).await?;
        Ok(rapport_app::results::to_json(&report)?)
    })
    .await
}

/// Most cohorts a request may ask for (ten years of months).
const MAX_COHORTS: usize = 120;

/// `GET …/cohorts`: the options of `rapport cohorts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CohortsQuery {
    /// The library's own names (`month`, `on-or-after`, …), so an
    /// unknown word is refused naming the allowed ones.
    by: Option<rapport_metrics::cohorts::CohortUnit>,
    criteria: Option<rapport_metrics::cohorts::Criteria>,
    reference: Option<rapport_metrics::cohorts::Reference>,
    cohorts: Option<usize>,
}

pub(crate) async fn cohorts(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<CohortsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let what = format!("cohorts {q:?}");
    let ws = scope.workspace();
    // The library's defaults, as the CLI's.
    let mut options = rapport_metrics::cohorts::CohortOptions::new(rapport_app::today(ws));
    options.unit = q.by.unwrap_or(options.unit);
    options.criteria = q.criteria.unwrap_or(options.criteria);
    options.reference = q.reference.unwrap_or(options.reference);
    options.cohorts = q.cohorts.unwrap_or(options.cohorts);
    if !(1..=MAX_COHORTS).contains(&options.cohorts) {
        return Err(ApiError::input(format!(
            "cohorts is {}; ask for 1 to {MAX_COHORTS}",
            options.cohorts
        )));
    }
    json_result(&state, &scope, what, || async {
        let table = rapport_metrics::cohorts::cohort_table(ws, scope.client(), &options)
            .await
            .map_err(rapport_app::Error::from)?;
        Ok(rapport_app::results::to_json(&table)?)
    })
    .await
}

/// Most steps a funnel may have.
const MAX_STEPS: usize = 20;

/// `GET …/funnel`: the options of `rapport funnel`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FunnelQuery {
    period: String,
    /// Comma-separated steps.
    steps: String,
    window: Option<String>,
    order: Option<rapport_metrics::funnel::StepOrder>,
    per: Option<rapport_metrics::funnel::Per>,
    exclude: Option<String>,
    cart_window: Option<String>,
}

/// A duration as the CLI reads it (`14d`, `36h`), or the error naming
/// the field.
fn duration(field: &str, text: Option<&str>, default: &str) -> Result<i64, ApiError> {
    rapport_metrics::funnel::parse_duration(text.unwrap_or(default))
        .map_err(|e| ApiError::input(format!("{field}: {e}")))
}

pub(crate) async fn funnel(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<FunnelQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let what = format!("funnel {q:?}");
    let ws = scope.workspace();
    let steps = list(Some(q.steps));
    if !(2..=MAX_STEPS).contains(&steps.len()) {
        return Err(ApiError::input(format!(
            "steps has {}; give 2 to {MAX_STEPS}, comma-separated",
            steps.len()
        )));
    }
    let options = rapport_metrics::funnel::FunnelOptions {
        period: rapport_app::period(ws, scope.client(), &q.period)?,
        steps,
        window_seconds: duration("window", q.window.as_deref(), "14d")?,
        order: q
            .order
            .unwrap_or(rapport_metrics::funnel::StepOrder::Ordered),
        per: q.per.unwrap_or(rapport_metrics::funnel::Per::Person),
        exclude: list(q.exclude),
        cart_window_seconds: duration("cart_window", q.cart_window.as_deref(), "1d")?,
        as_of: rapport_app::today(ws),
    };
    json_result(&state, &scope, what, || async {
        let report = rapport_metrics::funnel::funnel(ws, scope.client(), &options)
            .await
            .map_err(rapport_app::Error::from)?;
        Ok(rapport_app::results::to_json(&report)?)
    })
    .await
}

/// `GET …/compare`: the options of `rapport compare`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompareQuery {
    metric: String,
    by: String,
    period: String,
}

pub(crate) async fn compare(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let what = format!("compare {q:?}");
    let ws = scope.workspace();
    let period = rapport_app::period(ws, scope.client(), &q.period)?;
    json_result(&state, &scope, what, || async {
        let report = rapport_metrics::compare::compare(
            ws,
            scope.client(),
            &period,
            &q.metric,
            &q.by,
            rapport_app::today(ws),
        )
        .await
        .map_err(rapport_app::Error::from)?;
        Ok(rapport_app::results::to_json(&report)?)
    })
    .await
}

/// The purchase models, by the names `rapport predict --model` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Model {
    BgNbd,
    MbgNbd,
    ParetoNbd,
    BgBb,
}

/// `GET …/predictions`: the options of `rapport predict`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PredictQuery {
    model: Option<Model>,
    horizon: Option<String>,
    discount: Option<f64>,
    margin: Option<f64>,
}

pub(crate) async fn predictions(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<PredictQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    use rapport_models::PurchaseModelKind;
    use rapport_predict::{PredictModel, PredictOptions, TimeUnit};
    let q = query(q)?;
    let what = format!("predictions {q:?}");
    let ws = scope.workspace();
    let model = q.model.unwrap_or(Model::BgNbd);
    let horizon = q
        .horizon
        .as_deref()
        .unwrap_or("12m")
        .parse()
        .map_err(|e| ApiError::input(format!("horizon: {e}")))?;
    let fraction = |field: &str, x: Option<f64>, default: f64| match x {
        None => Ok(default),
        Some(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Some(x) => Err(ApiError::input(format!(
            "{field} is {x}; give a fraction from 0 to 1 (0.10 = 10 %)"
        ))),
    };
    let options = PredictOptions {
        model: match model {
            Model::BgNbd => PredictModel::Continuous(PurchaseModelKind::BgNbd),
            Model::MbgNbd => PredictModel::Continuous(PurchaseModelKind::MbgNbd),
            Model::ParetoNbd => PredictModel::Continuous(PurchaseModelKind::ParetoNbd),
            Model::BgBb => PredictModel::BgBb,
        },
        calibration_end: None,
        holdout_end: None,
        // The CLI's defaults: days, and months for BG/BB.
        time_unit: if model == Model::BgBb {
            TimeUnit::Month
        } else {
            TimeUnit::Day
        },
        horizon,
        discount_rate: fraction("discount", q.discount, 0.10)?,
        margin: fraction("margin", q.margin, 1.0)?,
        as_of: rapport_app::today(ws),
    };
    // Nothing is written: a viewer reads, and the per-customer rows stay
    // out of the answer (the CLI saves them to files).
    json_result(&state, &scope, what, || async {
        let saved = rapport_app::predictions::predict(
            ws,
            scope.client(),
            &options,
            &rapport_app::predictions::Save::Nothing,
        )
        .await?;
        Ok(rapport_app::results::to_json(&saved)?)
    })
    .await
}

/// Most periods a forecast may look ahead.
const MAX_HORIZON: usize = 24;

/// `GET …/forecast`: the options of `rapport forecast`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ForecastQuery {
    metric: String,
    by: Option<rapport_predict::ForecastPeriod>,
    horizon: Option<usize>,
}

pub(crate) async fn forecast(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    q: Result<Query<ForecastQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let what = format!("forecast {q:?}");
    let ws = scope.workspace();
    let horizon = q.horizon.unwrap_or(3);
    if !(1..=MAX_HORIZON).contains(&horizon) {
        return Err(ApiError::input(format!(
            "horizon is {horizon}; ask for 1 to {MAX_HORIZON} periods"
        )));
    }
    let options = rapport_predict::ForecastOptions {
        metric: q
            .metric
            .parse()
            .map_err(|e| ApiError::input(format!("metric: {e}")))?,
        by: q.by.unwrap_or(rapport_predict::ForecastPeriod::Month),
        horizon,
        as_of: rapport_app::today(ws),
    };
    json_result(&state, &scope, what, || async {
        let forecast = rapport_app::predictions::forecast(ws, scope.client(), &options).await?;
        Ok(rapport_app::results::to_json(&forecast)?)
    })
    .await
}
