//! The sample agency from end to end: `rapport-demo` writes three clients'
//! raw exports and loads them; this use case then measures each client's
//! last month (saved as `metrics/<client>/<period>.json`) and runs the
//! predictive models on what each client has. A model that cannot be
//! fitted is reported on its line with the reason, never fatal, so the demo
//! still shows everything else.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
pub use rapport_demo::{DemoOptions, DemoOutcome};
use rapport_ingest::Progress;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::metrics::MetricsOptions;
use crate::predictions::{self, Save, Saved};
use crate::words::Locale;
use crate::{ErrorKind, Result};

/// The line that introduces a demo client: its name, id, kind of business
/// and where its exports are.
pub fn client_line(
    c: &rapport_demo::DemoClient,
    exports: &std::path::Path,
    locale: Locale,
) -> String {
    rapport_locale::messages::text(
        locale,
        "demo-client",
        &[
            ("name", c.name.as_str().into()),
            ("id", c.id.as_str().into()),
            ("kind", c.kind.key().into()),
            ("dir", exports.display().to_string().into()),
        ],
    )
}

/// One client's metrics for the demo's last month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientMetrics {
    pub client: String,
    pub period: String,
    pub metrics_with_data: usize,
    /// Where the whole report was saved.
    pub file: PathBuf,
    /// The client's period in one line, ending with the file.
    pub summary: String,
}

/// One model run on one client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelStage {
    pub client: String,
    /// `bg_nbd`, `churn`, `rfm`, `forecast`, `recommend`, `sbg`.
    pub model: String,
    /// What it found, in one sentence (or why there is nothing).
    pub summary: String,
    /// The fitted parameters (and, for the churn classifier, its ROC AUC).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub params: BTreeMap<String, f64>,
    /// The per-customer file, when the model writes one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub output_file: Option<PathBuf>,
    /// Why the model gave no result.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_kind: Option<ErrorKind>,
}

/// Everything the demo made and found.
#[derive(Debug, Clone)]
pub struct DemoReport {
    pub outcome: DemoOutcome,
    /// The last whole Gregorian month, the one the Gregorian clients are
    /// measured for (a client on another calendar is measured for its own
    /// last whole month; see [`ClientMetrics::period`]).
    pub period: String,
    pub metrics: Vec<ClientMetrics>,
    pub predictions: Vec<ModelStage>,
}

impl DemoReport {
    /// The holdout window a user can try next: the last six months.
    pub fn holdout_window(&self) -> (NaiveDate, NaiveDate) {
        let holdout_end = self.outcome.last_day + chrono::Duration::days(1);
        let calibration_end = holdout_end
            .checked_sub_months(chrono::Months::new(6))
            .unwrap_or(self.outcome.first_day);
        (calibration_end, holdout_end)
    }
}

/// Builds the sample agency, loads it, measures and predicts, on `engine`
/// (`ballista://HOST:PORT`) when given, else on the workspace's engine.
pub async fn run(
    options: &DemoOptions,
    engine: Option<&str>,
    progress: &dyn Progress,
    locale: Locale,
) -> Result<DemoReport> {
    let outcome = rapport_demo::run(options, progress)?;
    let mut ws = Workspace::open(&outcome.workspace)?;
    if let Some(engine) = engine {
        ws.use_engine(engine)?;
    }
    let last = outcome.last_day;
    let period = format!("{}-{:02}", last.year(), last.month());
    // The demo reports on the morning after its last day, whatever the
    // clock says, so a seed and an end month give the same report.
    let as_of = last + chrono::Duration::days(1);
    let mut metrics = Vec::new();
    for c in &outcome.clients {
        let own = ws
            .calendar(&c.id)?
            .last_whole(rapport_metrics::period::PeriodKind::Month, as_of)
            .to_string();
        metrics.push(client_metrics(&ws, &c.id, &own, as_of, locale).await?);
    }
    let mut stages = Vec::new();
    for c in &outcome.clients {
        let has = |entity: &str| {
            c.loads
                .iter()
                .flat_map(|l| l.summary.entities())
                .any(|s| s.entity == entity && s.loaded > 0)
        };
        if has("orders") {
            stages.extend(customer_stages(&ws, &c.id, has("order_items"), as_of, locale).await);
        }
        if has("subscriptions") {
            stages.push(retention_stage(&ws, &c.id, as_of, locale).await);
        }
    }
    Ok(DemoReport {
        outcome,
        period,
        metrics,
        predictions: stages,
    })
}

async fn client_metrics(
    ws: &Workspace,
    client: &str,
    period: &str,
    as_of: NaiveDate,
    locale: Locale,
) -> Result<ClientMetrics> {
    let report = crate::metrics::measure(ws, &MetricsOptions::new(client, period, as_of)).await?;
    let file = crate::metrics::save(ws, &report)?;
    let relative = file.strip_prefix(ws.root()).unwrap_or(&file).to_owned();
    Ok(ClientMetrics {
        client: client.to_owned(),
        period: period.to_owned(),
        metrics_with_data: crate::metrics::with_data(&report),
        summary: format!(
            "{} → {}",
            crate::metrics::summary_line(&report, locale),
            relative.display()
        ),
        file,
    })
}

/// What a stage found: its sentence, file and parameters.
struct Found {
    summary: String,
    output_file: Option<PathBuf>,
    params: BTreeMap<String, f64>,
}

impl Found {
    fn new(summary: String, output_file: Option<&PathBuf>) -> Found {
        Found {
            summary,
            output_file: output_file.cloned(),
            params: BTreeMap::new(),
        }
    }

    fn with_params<'a>(
        mut self,
        params: impl IntoIterator<Item = (impl AsRef<str>, &'a f64)>,
    ) -> Found {
        self.params
            .extend(params.into_iter().map(|(k, v)| (k.as_ref().to_owned(), *v)));
        self
    }
}

/// The Parquet file a saved result was written to, if any.
fn output_file<T>(saved: &Saved<T>) -> Option<&PathBuf> {
    saved.files.as_ref().map(|f| &f.output_file)
}

/// A stage's line: the model's sentence, or why there is none.
fn stage<T>(
    client: &str,
    model: &str,
    result: crate::Result<T>,
    describe: impl FnOnce(&T) -> Found,
    what: &str,
) -> ModelStage {
    match result {
        Ok(r) => {
            let Found {
                summary,
                output_file,
                params,
            } = describe(&r);
            ModelStage {
                client: client.to_owned(),
                model: model.to_owned(),
                summary,
                params,
                output_file,
                error: None,
                error_kind: None,
            }
        }
        Err(error) => ModelStage {
            client: client.to_owned(),
            model: model.to_owned(),
            summary: format!("{client}: no {what}: {error}"),
            params: BTreeMap::new(),
            output_file: None,
            error: Some(error.to_string()),
            error_kind: Some(error.kind()),
        },
    }
}

/// The purchase model, churn classifier, RFM segments, revenue forecast
/// and (with order items) recommendations of a client with orders.
async fn customer_stages(
    ws: &Workspace,
    client: &str,
    with_items: bool,
    as_of: NaiveDate,
    locale: Locale,
) -> Vec<ModelStage> {
    use rapport_predict as p;
    let mut out = Vec::new();
    let purchase = p::PredictOptions {
        model: p::PredictModel::Continuous(rapport_models::PurchaseModelKind::BgNbd),
        calibration_end: None,
        holdout_end: None,
        time_unit: p::TimeUnit::Day,
        horizon: p::Horizon {
            count: 12,
            unit: p::HorizonUnit::Month,
        },
        discount_rate: 0.10,
        margin: 1.0,
        as_of,
    };
    out.push(stage(
        client,
        "bg_nbd",
        predictions::predict(ws, client, &purchase, &Save::Workspace).await,
        |saved| {
            let r = &saved.result;
            let file = saved.files.as_ref().map(|f| &f.output_file);
            let sentence = predictions::purchase_sentence(r, locale);
            let summary = match file {
                Some(f) => predictions::with_file(
                    sentence,
                    &f.strip_prefix(ws.root()).unwrap_or(f).display().to_string(),
                    locale,
                ),
                None => sentence,
            };
            Found::new(summary, file).with_params(&r.params)
        },
        "purchase model",
    ));
    let churn = p::ChurnOptions {
        cutoff: None,
        window_days: 90,
        l2: 1.0,
        as_of,
    };
    out.push(stage(
        client,
        "churn",
        predictions::churn(ws, client, &churn, &Save::Workspace).await,
        |saved| {
            let r = &saved.result;
            Found::new(predictions::churn_sentence(r, locale), output_file(saved))
                .with_params(r.roc_auc.as_ref().map(|a| (&"roc_auc", a)))
        },
        "churn classifier",
    ));
    let rfm = p::SegmentOptions {
        method: p::SegmentMethod::Rfm,
        as_of,
        name: None,
        seed: 7,
    };
    out.push(stage(
        client,
        "rfm",
        predictions::segments(ws, client, &rfm, &Save::Workspace).await,
        |saved| {
            Found::new(
                predictions::segments_sentence(&saved.result, locale),
                output_file(saved),
            )
        },
        "RFM segments",
    ));
    let forecast = p::ForecastOptions {
        metric: p::ForecastMetric::Revenue,
        by: p::ForecastPeriod::Month,
        horizon: 3,
        as_of,
    };
    out.push(stage(
        client,
        "forecast",
        predictions::forecast(ws, client, &forecast).await,
        |f| Found::new(predictions::forecast_sentence(f, locale), None).with_params(&f.params),
        "revenue forecast",
    ));
    if with_items {
        let rec = p::RecommendOptions {
            customer: None,
            top: 5,
            split: None,
            as_of,
        };
        out.push(stage(
            client,
            "recommend",
            predictions::recommend(ws, client, &rec, &Save::Workspace).await,
            |saved| {
                Found::new(
                    predictions::recommend_sentence(&saved.result, locale),
                    output_file(saved),
                )
            },
            "recommendations",
        ));
    }
    out
}

async fn retention_stage(
    ws: &Workspace,
    client: &str,
    as_of: NaiveDate,
    locale: Locale,
) -> ModelStage {
    let options = rapport_predict::RetentionOptions {
        unit: rapport_predict::RetentionUnit::Month,
        cohort_start: None,
        projection_periods: 12,
        discount_rate: 0.10,
        as_of,
    };
    stage(
        client,
        "sbg",
        predictions::retention(ws, client, &options).await,
        |r| Found::new(predictions::retention_sentence(r, locale), None).with_params(&r.params),
        "retention curve",
    )
}
