//! `rapport predict` and `rapport retention-curve`: argument grammar and
//! printing; the work is in `rapport_app::predictions`.

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rapport_app::predictions::{self, Save, Saved};
use rapport_models::PurchaseModelKind;
use rapport_predict::TableFiles;
use rapport_predict::{
    ChurnOptions, ChurnReport, Forecast, ForecastMetric, ForecastOptions, ForecastPeriod, Horizon,
    PredictModel, PredictOptions, PurchasePrediction, RecommendOptions, RecommendReport,
    RetentionCurve, RetentionOptions, RetentionUnit, SegmentMethod, SegmentOptions, Segmentation,
    TimeUnit,
};
use rapport_store::Workspace;
use std::path::PathBuf;

use crate::ListFormat;
use crate::metrics::number;
use crate::output::{self, count, dec, line, signed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(clippy::enum_variant_names)] // the names of the models
pub(crate) enum ModelArg {
    #[value(name = "bg_nbd")]
    BgNbd,
    #[value(name = "mbg_nbd")]
    MbgNbd,
    #[value(name = "pareto_nbd")]
    ParetoNbd,
    /// Discrete opportunities: calendar periods of --time-unit.
    #[value(name = "bg_bb")]
    BgBb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TimeUnitArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
pub(crate) struct PredictArgs {
    /// Client id.
    client: String,
    /// Purchase model (MODELS.md).
    #[arg(long, value_enum, default_value_t = ModelArg::BgNbd)]
    model: ModelArg,
    /// Orders before this day (YYYY-MM-DD) calibrate the model. Default: all orders.
    #[arg(long, value_parser = parse_date)]
    calibration_end: Option<NaiveDate>,
    /// Check the predictions against the orders from --calibration-end up to this day.
    #[arg(long, value_parser = parse_date, requires = "calibration_end")]
    holdout_end: Option<NaiveDate>,
    /// Unit of t_x and T in the output, and of the parameter alpha; for
    /// bg_bb the calendar period that is one opportunity. Default: day, and
    /// month for bg_bb.
    #[arg(long, value_enum)]
    time_unit: Option<TimeUnitArg>,
    /// How far ahead to predict: 12m, 52w, 90d, 1y.
    #[arg(long, default_value = "12m")]
    horizon: Horizon,
    /// Yearly discount rate for CLV (0.10 = 10 %).
    #[arg(long, default_value_t = 0.10)]
    discount: f64,
    /// Gross margin applied to spend in CLV (1 = revenue).
    #[arg(long, default_value_t = 1.0)]
    margin: f64,
    /// Customers listed by CLV in the table output.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    files: FilesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RetentionUnitArg {
    Month,
    Year,
}

#[derive(Debug, Args)]
pub(crate) struct RetentionArgs {
    /// Client id.
    client: String,
    /// Length of one period.
    #[arg(long, value_enum, default_value_t = RetentionUnitArg::Month)]
    unit: RetentionUnitArg,
    /// Only cohorts starting on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    cohort_start: Option<NaiveDate>,
    /// Periods to project past the longest observed cohort.
    #[arg(long, default_value_t = 12)]
    project: u32,
    /// Yearly discount rate for the discounted expected lifetime.
    #[arg(long, default_value_t = 0.10)]
    discount: f64,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-07-01"))
}

/// Where a model's per-customer table goes (`rapport_app::predictions::Save`).
#[derive(Debug, Args)]
pub(crate) struct FilesArgs {
    /// Write the per-customer table (Parquet and CSV) to this directory
    /// instead of the workspace's.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write no per-customer table: only print the results.
    #[arg(long, conflicts_with = "out")]
    no_files: bool,
}

impl FilesArgs {
    fn save(&self) -> Save {
        match (&self.out, self.no_files) {
            (_, true) => Save::Nothing,
            (Some(dir), false) => Save::Directory(dir.clone()),
            (None, false) => Save::Workspace,
        }
    }
}

/// The line naming the files a table was written to, if it was.
fn print_files(ws: &Workspace, what: &str, files: Option<&TableFiles>) {
    if let Some(f) = files {
        let shown = f
            .output_file
            .strip_prefix(ws.root())
            .unwrap_or(&f.output_file);
        line(&format!("{what}: {} (and .csv)", shown.display()));
    }
}

pub(crate) fn predict(ws: &Workspace, a: PredictArgs, as_of: NaiveDate) -> Result<()> {
    let options = PredictOptions {
        model: match a.model {
            ModelArg::BgNbd => PredictModel::Continuous(PurchaseModelKind::BgNbd),
            ModelArg::MbgNbd => PredictModel::Continuous(PurchaseModelKind::MbgNbd),
            ModelArg::ParetoNbd => PredictModel::Continuous(PurchaseModelKind::ParetoNbd),
            ModelArg::BgBb => PredictModel::BgBb,
        },
        calibration_end: a.calibration_end,
        holdout_end: a.holdout_end,
        time_unit: match a.time_unit {
            Some(TimeUnitArg::Day) => TimeUnit::Day,
            Some(TimeUnitArg::Week) => TimeUnit::Week,
            Some(TimeUnitArg::Month) => TimeUnit::Month,
            Some(TimeUnitArg::Year) => TimeUnit::Year,
            None if a.model == ModelArg::BgBb => TimeUnit::Month,
            None => TimeUnit::Day,
        },
        horizon: a.horizon,
        discount_rate: a.discount,
        margin: a.margin,
        as_of,
    };
    let result = crate::commands::runtime()?.block_on(predictions::predict(
        ws,
        &a.client,
        &options,
        &a.files.save(),
    ))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_prediction(ws, &result, a.top);
            Ok(())
        }
    }
}

fn params_text(
    params: &std::collections::BTreeMap<rapport_schema::Label, f64>,
    order: &[&str],
) -> String {
    order
        .iter()
        .filter_map(|k| params.get(*k).map(|v| format!("{k} = {}", dec(*v, 4))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn money(v: f64, currency: Option<&str>) -> String {
    let whole = count(v.max(0.0).round() as u64);
    match currency {
        Some(c) => format!("{whole} {c}"),
        None => whole,
    }
}

fn print_prediction(ws: &Workspace, saved: &Saved<PurchasePrediction>, top: usize) {
    let r = &saved.result;
    let unit = r.time_unit.name();
    let order: &[&str] = match r.model.as_ref() {
        "pareto_nbd" => &["r", "alpha", "s", "beta"],
        "bg_bb" => &["alpha", "beta", "gamma", "delta"],
        _ => &["r", "alpha", "a", "b"],
    };
    line(&format!(
        "{}: {} fitted to {} customers' completed orders from {} to {} ({})",
        r.client,
        predictions::model_name(&r.model),
        count(r.n_customers as u64),
        r.calibration_start,
        r.calibration_end.pred_opt().unwrap_or(r.calibration_end),
        if r.model == "bg_bb" {
            format!("opportunities: the calendar {unit}s after each customer's first")
        } else {
            format!("times in {unit}s")
        }
    ));
    line(&format!(
        "  {}; log-likelihood {}",
        params_text(&r.params, order),
        dec(r.log_likelihood, 1)
    ));
    let cur = r.currency.as_deref();
    match (&r.spend_model.params, &r.spend_model.error) {
        (Some(p), _) => {
            let rho = r.spend_model.frequency_spend_correlation.unwrap_or(0.0);
            line(&format!(
                "  spend: Gamma-Gamma on {} repeat customers, {}; frequency-spend correlation {} ({})",
                count(r.spend_model.n_customers as u64),
                params_text(p, &["p", "q", "gamma"]),
                dec(rho, 2),
                if r.spend_model.independence_doubtful {
                    "above 0.3: the model's independence assumption is doubtful, treat CLV with care"
                } else {
                    "small: the independence assumption holds"
                }
            ));
        }
        (None, Some(e)) => line(&format!("  spend: no Gamma-Gamma fit, so no CLV: {e}")),
        (None, None) => {}
    }
    line(&format!(
        "Next {}: {} expected transactions; about {} of {} customers still active; CLV {} in all ({} % yearly discount{})",
        predictions::horizon_words(&r.horizon, output::locale()),
        count(r.total_expected_transactions.round() as u64),
        count(r.expected_active_customers.round() as u64),
        count(r.n_customers as u64),
        r.total_clv.map_or("n/a".to_owned(), |v| money(v, cur)),
        dec(r.discount_rate * 100.0, 0),
        if r.margin < 1.0 {
            format!(", {} % margin", dec(r.margin * 100.0, 0))
        } else {
            String::new()
        },
    ));
    let tiers = predictions::risk_tiers(r);
    line(&format!(
        "Churn risk (P(alive) < 0.3 high, < 0.7 medium): {} high, {} medium, {} low",
        count(tiers.high),
        count(tiers.medium),
        count(tiers.low)
    ));
    if let Some(h) = &r.holdout {
        line(&format!(
            "Holdout check, {} to {} ({} {unit}s): repeat transactions per customer by calibration frequency",
            h.calibration_end,
            h.holdout_end.pred_opt().unwrap_or(h.holdout_end),
            dec(h.length, 1)
        ));
        line(&format!(
            "  {:>4}  {:>9}  {:>9}  {:>9}",
            "x", "customers", "predicted", "actual"
        ));
        for f in &h.by_frequency {
            line(&format!(
                "  {:>4}  {:>9}  {:>9}  {:>9}",
                f.x,
                count(f.customers),
                dec(f.predicted, 3),
                dec(f.actual, 3)
            ));
        }
        line(&format!(
            "  total: {} predicted, {} actual ({} %)",
            dec(h.total_predicted, 0),
            dec(h.total_actual, 0),
            signed(predictions::holdout_error_pct(h).unwrap_or(0.0), 1)
        ));
    }
    if top > 0 {
        let best = predictions::top_by_clv(r, top);
        line(&format!("Top {} customers by CLV:", best.len()));
        line(&format!(
            "  {:<14} {:>4} {:>8} {:>9} {:>10} {:>10}  RISK",
            "CUSTOMER", "x", "P(ALIVE)", "EXPECTED", "SPEND", "CLV"
        ));
        for c in best {
            line(&format!(
                "  {:<14} {:>4} {:>8} {:>9} {:>10} {:>10}  {}",
                output::clip(&c.customer_id, 14),
                c.x,
                dec(c.p_alive, 3),
                dec(c.expected_transactions, 2),
                c.expected_spend.map_or("n/a".to_owned(), |v| dec(v, 2)),
                c.clv.map_or("n/a".to_owned(), |v| dec(v, 2)),
                c.risk_tier
            ));
        }
    }
    print_files(ws, "Per-customer results", saved.files.as_ref());
}

pub(crate) fn retention(ws: &Workspace, a: RetentionArgs, as_of: NaiveDate) -> Result<()> {
    let options = RetentionOptions {
        unit: match a.unit {
            RetentionUnitArg::Month => RetentionUnit::Month,
            RetentionUnitArg::Year => RetentionUnit::Year,
        },
        cohort_start: a.cohort_start,
        projection_periods: a.project,
        discount_rate: a.discount,
        as_of,
    };
    let result =
        crate::commands::runtime()?.block_on(predictions::retention(ws, &a.client, &options))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_retention(&result);
            Ok(())
        }
    }
}

fn print_retention(r: &RetentionCurve) {
    let unit = match r.unit {
        RetentionUnit::Month => "month",
        RetentionUnit::Year => "year",
    };
    line(&format!(
        "{}: shifted-beta-geometric retention fitted to {} cohorts ({} customers, as of {})",
        r.client,
        r.survivors.len(),
        count(r.customers),
        r.as_of.format("%Y-%m-%d")
    ));
    let alpha = r.params.get("alpha").copied().unwrap_or(f64::NAN);
    let beta = r.params.get("beta").copied().unwrap_or(f64::NAN);
    line(&format!(
        "  alpha = {}, beta = {}; log-likelihood {}; mean churn probability per {unit} {} %",
        dec(alpha, 4),
        dec(beta, 4),
        dec(r.log_likelihood, 1),
        dec(predictions::mean_churn(r).unwrap_or(f64::NAN) * 100.0, 1)
    ));
    line(&format!(
        "  {:>6}  {:>9}  {:>9}  {:>9}",
        unit.to_uppercase(),
        "SURVIVAL",
        "RETENTION",
        "OBSERVED"
    ));
    for p in &r.projection {
        line(&format!(
            "  {:>6}  {:>8}%  {:>8}%  {:>9}",
            p.period,
            dec(p.survival * 100.0, 1),
            dec(p.retention_rate * 100.0, 1),
            p.observed
                .map_or("-".to_owned(), |o| format!("{}%", dec(o * 100.0, 1)))
        ));
    }
    line(&format!(
        "A new subscriber stays {} {unit}s in discounted terms ({} % a year){}",
        dec(r.discounted_expected_lifetime, 1),
        dec(r.discount_rate * 100.0, 0),
        r.value_new_customer.map_or(String::new(), |v| format!(
            ", worth {} at today's mean payment",
            count(v.round() as u64)
        ))
    ));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SegmentMethodArg {
    Rfm,
    Kmeans,
}

#[derive(Debug, Args)]
pub(crate) struct SegmentArgs {
    /// Client id.
    client: String,
    #[arg(long, value_enum, default_value_t = SegmentMethodArg::Rfm)]
    method: SegmentMethodArg,
    /// Save the per-customer segments under this name (default: the method).
    #[arg(long)]
    save: Option<String>,
    /// Seed of the k-means restarts.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[command(flatten)]
    files: FilesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// The features are measured before `as_of` (the global `--as-of`).
pub(crate) fn segments(ws: &Workspace, a: SegmentArgs, as_of: NaiveDate) -> Result<()> {
    let options = SegmentOptions {
        method: match a.method {
            SegmentMethodArg::Rfm => SegmentMethod::Rfm,
            SegmentMethodArg::Kmeans => SegmentMethod::Kmeans,
        },
        as_of,
        name: a.save,
        seed: a.seed,
    };
    let result = crate::commands::runtime()?.block_on(predictions::segments(
        ws,
        &a.client,
        &options,
        &a.files.save(),
    ))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_segments(ws, &result);
            Ok(())
        }
    }
}

fn print_segments(ws: &Workspace, saved: &Saved<Segmentation>) {
    let s = &saved.result;
    let how = match s.k {
        Some(k) => format!(
            "k-means, k = {k} chosen by silhouette ({})",
            s.silhouettes
                .iter()
                .map(|(k, v)| format!("{k}: {}", dec(*v, 2)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "RFM quintiles".to_owned(),
    };
    line(&format!(
        "{}: {} customers as of {}, {how}",
        s.client,
        count(s.customers),
        s.as_of.pred_opt().unwrap_or(s.as_of)
    ));
    line(&format!(
        "  {:<20} {:>9} {:>7} {:>8} {:>8} {:>9} {:>10}",
        "SEGMENT", "CUSTOMERS", "SHARE", "REVENUE", "RECENCY", "PURCHASES", "SPEND"
    ));
    for g in &s.segments {
        line(&format!(
            "  {:<20} {:>9} {:>6}% {:>7}% {:>7}d {:>9} {:>10}",
            output::clip(&g.segment, 20),
            count(g.customers),
            dec(g.share, 1),
            dec(g.revenue_share, 1),
            dec(g.mean_recency_days, 0),
            dec(g.mean_frequency, 1),
            dec(g.mean_monetary, 2)
        ));
        if let Some(d) = &g.description {
            line(&format!("  {:<20} {d}", ""));
        }
    }
    let what = format!("Per-customer segments saved as `{}`", s.name);
    print_files(ws, &what, saved.files.as_ref());
}

#[derive(Debug, Args)]
pub(crate) struct ChurnArgs {
    /// Client id.
    client: String,
    /// Day of the training snapshot (YYYY-MM-DD). Default: two windows before today (or --as-of).
    #[arg(long, value_parser = parse_date)]
    cutoff: Option<NaiveDate>,
    /// Days without a purchase that count as churn, e.g. 90d.
    #[arg(long, default_value = "90d", value_parser = parse_days)]
    window: u32,
    /// L2 penalty on the standardised weights.
    #[arg(long, default_value_t = 1.0)]
    penalty: f64,
    /// Highest-risk customers listed in the table output.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    files: FilesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

fn parse_days(s: &str) -> Result<u32, String> {
    match s.parse::<Horizon>()? {
        h if h.unit == rapport_predict::HorizonUnit::Day => Ok(h.count),
        h => Ok(h.days().round() as u32),
    }
}

pub(crate) fn churn(ws: &Workspace, a: ChurnArgs, as_of: NaiveDate) -> Result<()> {
    let options = ChurnOptions {
        cutoff: a.cutoff,
        window_days: a.window,
        l2: a.penalty,
        as_of,
    };
    let result = crate::commands::runtime()?.block_on(predictions::churn(
        ws,
        &a.client,
        &options,
        &a.files.save(),
    ))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_churn(ws, &result, a.top);
            Ok(())
        }
    }
}

fn print_churn(ws: &Workspace, saved: &Saved<ChurnReport>, top: usize) {
    let r = &saved.result;
    line(&format!(
        "{}: churn = no purchase within {} days.",
        r.client, r.window_days
    ));
    line(&format!(
        "Trained on {} customers active on {} ({} % churned),",
        count(r.train_customers),
        r.cutoff,
        dec(r.train_churn_rate, 1)
    ));
    line(&format!(
        "tested on {} active on {} ({} % churned), whose outcome the model never saw:",
        count(r.test_customers),
        r.test_cutoff,
        dec(r.test_churn_rate, 1)
    ));
    line(&format!(
        "  ROC AUC {} (0.5 is a coin toss, 1 is perfect); top 10 % by risk: precision {} %, recall {} %",
        r.roc_auc.map_or("n/a".to_owned(), |a| dec(a, 3)),
        dec(r.top_decile_precision * 100.0, 1),
        dec(r.top_decile_recall * 100.0, 1)
    ));
    line("  calibration (tenths by predicted risk): predicted → observed");
    let bins: Vec<String> = r
        .calibration
        .iter()
        .map(|b| {
            format!(
                "{}→{}%",
                dec(b.mean_predicted * 100.0, 0),
                dec(b.observed_rate * 100.0, 0)
            )
        })
        .collect();
    line(&format!(
        "    {}",
        output::wrap(
            &bins.join("  "),
            output::terminal_width().saturating_sub(4),
            "    "
        )
    ));
    line("  what raises the risk (log-odds per standard deviation):");
    for c in predictions::churn_drivers(r) {
        line(&format!("    {}  {}", signed(c.per_sd, 2), c.meaning));
    }
    if !r.constant_features.is_empty() {
        line(&output::wrap(
            &format!(
                "  not used, the same for every customer (is their source loaded?): {}",
                r.constant_features.join(", ")
            ),
            output::terminal_width(),
            "    ",
        ));
    }
    line(&format!(
        "Scored {} customers active on {}; highest risk:",
        count(r.scored_customers),
        r.scored_as_of
    ));
    for s in r.scores.iter().take(top) {
        line(&format!(
            "    {:<14} {:>5} %  (last purchase {} days ago, {} purchases)",
            output::clip(&s.customer_id, 14),
            dec(s.churn_probability * 100.0, 1),
            s.features.first().copied().unwrap_or(f64::NAN),
            s.features.get(1).copied().unwrap_or(f64::NAN)
        ));
    }
    print_files(ws, "Per-customer scores", saved.files.as_ref());
}

#[derive(Debug, Args)]
pub(crate) struct RecommendArgs {
    /// Client id.
    client: String,
    /// Show this customer's recommendations.
    #[arg(long)]
    customer: Option<String>,
    /// Recommendations per customer (k).
    #[arg(long, default_value_t = 5)]
    top: usize,
    /// Day that separates training from checking (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    split: Option<NaiveDate>,
    #[command(flatten)]
    files: FilesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

pub(crate) fn recommend(ws: &Workspace, a: RecommendArgs, as_of: NaiveDate) -> Result<()> {
    let options = RecommendOptions {
        customer: a.customer,
        top: a.top,
        split: a.split,
        as_of,
    };
    let result = crate::commands::runtime()?.block_on(predictions::recommend(
        ws,
        &a.client,
        &options,
        &a.files.save(),
    ))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_recommendations(ws, &result);
            Ok(())
        }
    }
}

fn print_recommendations(ws: &Workspace, saved: &Saved<RecommendReport>) {
    let r = &saved.result;
    let e = &r.evaluation;
    let pct = |v: Option<f64>| v.map_or("n/a".to_owned(), |h| format!("{} %", dec(h * 100.0, 1)));
    line(&format!(
        "{}: {} products bought by {} customers.",
        r.client,
        count(r.products),
        count(r.customers)
    ));
    let check = format!(
        "Check: fitted on orders before {}; of {} customers who then bought something new to them, {} bought one of their {} recommendations (hit rate at {}); the {} most popular products would have hit {}.",
        e.split,
        count(e.customers),
        pct(e.hit_rate),
        r.k,
        r.k,
        r.k,
        pct(e.popularity_hit_rate)
    );
    line(&output::wrap(&check, output::terminal_width(), ""));
    let mut current = "";
    for rec in &r.shown {
        if rec.customer_id != current {
            current = &rec.customer_id;
            line(&format!("  {current}:"));
        }
        line(&format!(
            "    {}. {:<16} {:>6}  {}",
            rec.rank,
            output::clip(&rec.product_id, 16),
            dec(rec.score, 3),
            rec.because
        ));
    }
    print_files(ws, "Every customer's list", saved.files.as_ref());
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ForecastPeriodArg {
    Week,
    Month,
    Quarter,
}

#[derive(Debug, Args)]
pub(crate) struct ForecastArgs {
    /// Client id.
    client: String,
    /// The KPI to forecast.
    #[arg(value_enum)]
    /// revenue, orders, buyers, or any metric id (`rapport metrics --list`).
    metric: String,
    /// Periods ahead.
    #[arg(long, default_value_t = 3)]
    horizon: usize,
    /// Length of one period.
    #[arg(long, value_enum, default_value_t = ForecastPeriodArg::Month)]
    by: ForecastPeriodArg,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

pub(crate) fn forecast(ws: &Workspace, a: ForecastArgs, as_of: NaiveDate) -> Result<()> {
    let options = ForecastOptions {
        metric: a.metric.parse::<ForecastMetric>()?,
        by: match a.by {
            ForecastPeriodArg::Week => ForecastPeriod::Week,
            ForecastPeriodArg::Month => ForecastPeriod::Month,
            ForecastPeriodArg::Quarter => ForecastPeriod::Quarter,
        },
        horizon: a.horizon,
        as_of,
    };
    let result =
        crate::commands::runtime()?.block_on(predictions::forecast(ws, &a.client, &options))?;
    match a.format {
        ListFormat::Json => output::result(&result),
        ListFormat::Table => {
            print_forecast(&result);
            Ok(())
        }
    }
}

fn print_forecast(f: &Forecast) {
    let metric = f.metric.name();
    let params: Vec<String> = f
        .params
        .iter()
        .map(|(k, v)| format!("{k} = {}", dec(*v, 4)))
        .collect();
    line(&format!(
        "{}: {metric} over {} complete periods; {} chosen by AICc ({}) from {} forms; {}",
        f.client,
        f.history.len(),
        f.model,
        dec(f.aicc, 1),
        f.candidates.len(),
        params.join(", ")
    ));
    line(&format!(
        "  {:<9} {:>12} {:>25} {:>25}",
        "PERIOD", "VALUE", "80 % INTERVAL", "95 % INTERVAL"
    ));
    let band = |l: Option<f64>, h: Option<f64>| match (l, h) {
        (Some(l), Some(h)) => format!("{} – {}", number(l), number(h)),
        _ => "-".to_owned(),
    };
    for p in f.history.iter().rev().take(3).rev() {
        line(&format!(
            "  {:<9} {:>12} {:>25} {:>25}",
            p.period,
            number(p.value),
            "(actual)",
            ""
        ));
    }
    for p in &f.forecast {
        line(&format!(
            "  {:<9} {:>12} {:>25} {:>25}",
            p.period,
            number(p.value),
            band(p.low_80, p.high_80),
            band(p.low_95, p.high_95)
        ));
    }
}
