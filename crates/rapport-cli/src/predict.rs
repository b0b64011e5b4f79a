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
use crate::output::{self, count, dec, line, say, signed};
use rapport_app::words;

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

/// The line naming the files a table was written to, if it was: the
/// message `id` with the file as `file` (and `extra` arguments).
fn print_files(
    ws: &Workspace,
    id: &str,
    files: Option<&TableFiles>,
    extra: &[(&str, rapport_locale::messages::Arg)],
) {
    if let Some(f) = files {
        let shown = f
            .output_file
            .strip_prefix(ws.root())
            .unwrap_or(&f.output_file);
        let mut args = extra.to_vec();
        args.push(("file", shown.display().to_string().into()));
        line(&say(id, &args));
    }
}

/// A time unit's plural in the output's language (`months`, `luni`).
fn units(unit: &str) -> String {
    say("time-units", &[("unit", unit.into())])
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
    let locale = output::locale();
    let unit = r.time_unit.name();
    let order: &[&str] = match r.model.as_ref() {
        "pareto_nbd" => &["r", "alpha", "s", "beta"],
        "bg_bb" => &["alpha", "beta", "gamma", "delta"],
        _ => &["r", "alpha", "a", "b"],
    };
    line(&say(
        if r.model == "bg_bb" {
            "cli-predict-fit-opportunities"
        } else {
            "cli-predict-fit"
        },
        &[
            ("client", r.client.as_str().into()),
            ("model", predictions::model_name(&r.model).into()),
            ("customers", r.n_customers.into()),
            ("from", r.calibration_start.to_string().into()),
            (
                "to",
                r.calibration_end
                    .pred_opt()
                    .unwrap_or(r.calibration_end)
                    .to_string()
                    .into(),
            ),
            ("units", units(unit).into()),
        ],
    ));
    line(&format!(
        "  {}; {}",
        params_text(&r.params, order),
        say(
            "cli-log-likelihood",
            &[("value", dec(r.log_likelihood, 1).into())]
        )
    ));
    let cur = r.currency.as_deref();
    match (&r.spend_model.params, &r.spend_model.error) {
        (Some(p), _) => {
            let rho = r.spend_model.frequency_spend_correlation.unwrap_or(0.0);
            line(&output::wrap(
                &format!(
                    "  {}",
                    say(
                        if r.spend_model.independence_doubtful {
                            "cli-predict-spend-doubtful"
                        } else {
                            "cli-predict-spend-independent"
                        },
                        &[
                            ("customers", r.spend_model.n_customers.into()),
                            ("params", params_text(p, &["p", "q", "gamma"]).into()),
                            ("rho", dec(rho, 2).into()),
                        ],
                    )
                ),
                output::terminal_width(),
                "    ",
            ));
        }
        (None, Some(e)) => line(&format!(
            "  {}",
            say("cli-predict-no-spend", &[("error", e.to_string().into())])
        )),
        (None, None) => {}
    }
    let mut args = vec![
        (
            "horizon",
            predictions::horizon_words(&r.horizon, locale).into(),
        ),
        (
            "transactions",
            (r.total_expected_transactions.round().max(0.0) as u64).into(),
        ),
        (
            "active",
            count(r.expected_active_customers.round() as u64).into(),
        ),
        ("customers", r.n_customers.into()),
        (
            "clv",
            r.total_clv
                .map_or_else(|| say("value-none", &[]), |v| money(v, cur))
                .into(),
        ),
        ("discount", dec(r.discount_rate * 100.0, 0).into()),
    ];
    let id = if r.margin < 1.0 {
        args.push(("margin", dec(r.margin * 100.0, 0).into()));
        "cli-predict-next-margin"
    } else {
        "cli-predict-next"
    };
    line(&say(id, &args));
    let tiers = predictions::risk_tiers(r);
    line(&say(
        "cli-predict-risk",
        &[
            ("high", count(tiers.high).into()),
            ("medium", count(tiers.medium).into()),
            ("low", count(tiers.low).into()),
        ],
    ));
    if let Some(h) = &r.holdout {
        line(&say(
            "cli-predict-holdout",
            &[
                ("from", h.calibration_end.to_string().into()),
                (
                    "to",
                    h.holdout_end
                        .pred_opt()
                        .unwrap_or(h.holdout_end)
                        .to_string()
                        .into(),
                ),
                ("length", dec(h.length, 1).into()),
                ("units", units(unit).into()),
            ],
        ));
        let head = [
            "x".to_owned(),
            say("cli-column-customers", &[]),
            say("cli-column-predicted", &[]),
            say("cli-column-actual", &[]),
        ];
        let rows: Vec<Vec<String>> = h
            .by_frequency
            .iter()
            .map(|f| {
                vec![
                    f.x.clone(),
                    count(f.customers),
                    dec(f.predicted, 3),
                    dec(f.actual, 3),
                ]
            })
            .collect();
        indented(&head, &rows, &[true; 4]);
        line(&format!(
            "  {}",
            say(
                "cli-predict-holdout-total",
                &[
                    (
                        "predicted",
                        count(h.total_predicted.round().max(0.0) as u64).into()
                    ),
                    (
                        "actual",
                        count(h.total_actual.round().max(0.0) as u64).into()
                    ),
                    (
                        "error",
                        signed(predictions::holdout_error_pct(h).unwrap_or(0.0), 1).into()
                    ),
                ],
            )
        ));
    }
    if top > 0 {
        let best = predictions::top_by_clv(r, top);
        line(&say(
            "cli-predict-top",
            &[("count", (best.len() as u64).into())],
        ));
        let head = [
            say("cli-column-customer", &[]),
            "x".to_owned(),
            "P(alive)".to_owned(),
            say("cli-column-expected", &[]),
            say("cli-column-spend", &[]),
            "CLV".to_owned(),
            say("cli-column-risk", &[]),
        ];
        let none = say("value-none", &[]);
        let rows: Vec<Vec<String>> = best
            .iter()
            .map(|c| {
                vec![
                    output::clip(&c.customer_id, 14),
                    count(c.x),
                    dec(c.p_alive, 3),
                    dec(c.expected_transactions, 2),
                    c.expected_spend
                        .map_or(none.clone(), |v| output::amount(v, 2)),
                    c.clv.map_or(none.clone(), |v| output::amount(v, 2)),
                    predictions::risk_words(&c.risk_tier, locale),
                ]
            })
            .collect();
        indented(&head, &rows, &[false, true, true, true, true, true, false]);
    }
    print_files(ws, "cli-files-predictions", saved.files.as_ref(), &[]);
}

/// A table indented under the line that introduces it.
fn indented(head: &[String], rows: &[Vec<String>], right: &[bool]) {
    let pad = |r: &[String]| {
        let mut out = r.to_vec();
        if let Some(first) = out.first_mut() {
            first.insert_str(0, "  ");
        }
        out
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| pad(r)).collect();
    output::table_aligned(&pad(head), &rows, right);
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
    line(&say(
        "cli-retention-fit",
        &[
            ("client", r.client.as_str().into()),
            ("cohorts", r.survivors.len().into()),
            ("customers", r.customers.into()),
            ("day", r.as_of.format("%Y-%m-%d").to_string().into()),
        ],
    ));
    let alpha = r.params.get("alpha").copied().unwrap_or(f64::NAN);
    let beta = r.params.get("beta").copied().unwrap_or(f64::NAN);
    line(&format!(
        "  alpha = {}, beta = {}; {}; {}",
        dec(alpha, 4),
        dec(beta, 4),
        say(
            "cli-log-likelihood",
            &[("value", dec(r.log_likelihood, 1).into())]
        ),
        say(
            "cli-retention-churn",
            &[
                ("unit", unit.into()),
                (
                    "churn",
                    dec(predictions::mean_churn(r).unwrap_or(f64::NAN) * 100.0, 1).into()
                ),
            ],
        )
    ));
    let head = [
        units(unit),
        say("cli-column-survival", &[]),
        say("cli-column-retention", &[]),
        say("cli-column-observed", &[]),
    ];
    let share = |x: f64| output::percent(x * 100.0);
    let rows: Vec<Vec<String>> = r
        .projection
        .iter()
        .map(|p| {
            vec![
                count(u64::from(p.period)),
                share(p.survival),
                share(p.retention_rate),
                p.observed.map_or("-".to_owned(), share),
            ]
        })
        .collect();
    indented(&head, &rows, &[true; 4]);
    let mut args = vec![
        ("lifetime", dec(r.discounted_expected_lifetime, 1).into()),
        ("units", units(unit).into()),
        ("discount", dec(r.discount_rate * 100.0, 0).into()),
    ];
    let id = match r.value_new_customer {
        Some(v) => {
            args.push(("worth", count(v.round().max(0.0) as u64).into()));
            "cli-retention-lifetime-worth"
        }
        None => "cli-retention-lifetime",
    };
    line(&say(id, &args));
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
        Some(k) => say(
            "cli-segments-kmeans",
            &[
                ("k", count(k as u64).into()),
                (
                    "scores",
                    s.silhouettes
                        .iter()
                        .map(|(k, v)| format!("{}: {}", count(*k as u64), dec(*v, 2)))
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        ),
        None => say("cli-segments-rfm", &[]),
    };
    line(&say(
        "cli-segments-title",
        &[
            ("client", s.client.as_str().into()),
            ("customers", s.customers.into()),
            (
                "day",
                s.as_of.pred_opt().unwrap_or(s.as_of).to_string().into(),
            ),
            ("how", how.into()),
        ],
    ));
    let locale = output::locale();
    let head = output::head(&[
        "cli-column-segment",
        "cli-column-customers",
        "cli-column-share",
        "cli-column-revenue",
        "cli-column-recency",
        "cli-column-purchases",
        "cli-column-spend",
    ]);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for g in &s.segments {
        rows.push(vec![
            output::clip(&g.segment, 20),
            count(g.customers),
            words::percent(g.share, locale),
            words::percent(g.revenue_share, locale),
            words::duration(g.mean_recency_days.round() * 86_400.0, locale),
            dec(g.mean_frequency, 1),
            output::amount(g.mean_monetary, 2),
        ]);
    }
    indented(&head, &rows, &[false, true, true, true, true, true, true]);
    // What a k-means segment's centre is like, under the table.
    for g in &s.segments {
        if let Some(d) = rapport_app::predictions::segment_words(s.method, g, locale) {
            line(&output::wrap(
                &output::plain(format!("  {}", words::labelled(&g.segment, &d, locale))),
                output::terminal_width(),
                "    ",
            ));
        }
    }
    print_files(
        ws,
        "cli-files-segments",
        saved.files.as_ref(),
        &[("name", s.name.as_str().into())],
    );
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
    let locale = output::locale();
    line(&say(
        "cli-churn-definition",
        &[
            ("client", r.client.as_str().into()),
            ("days", u64::from(r.window_days).into()),
        ],
    ));
    line(&say(
        "cli-churn-trained",
        &[
            ("customers", r.train_customers.into()),
            ("day", r.cutoff.to_string().into()),
            ("rate", dec(r.train_churn_rate, 1).into()),
        ],
    ));
    line(&say(
        "cli-churn-tested",
        &[
            ("customers", r.test_customers.into()),
            ("day", r.test_cutoff.to_string().into()),
            ("rate", dec(r.test_churn_rate, 1).into()),
        ],
    ));
    line(&format!(
        "  {}",
        say(
            "cli-churn-quality",
            &[
                (
                    "auc",
                    r.roc_auc
                        .map_or_else(|| say("value-none", &[]), |a| dec(a, 3))
                        .into(),
                ),
                ("precision", dec(r.top_decile_precision * 100.0, 1).into()),
                ("recall", dec(r.top_decile_recall * 100.0, 1).into()),
            ],
        )
    ));
    line(&format!("  {}", say("cli-churn-calibration", &[])));
    let bins: Vec<String> = r
        .calibration
        .iter()
        .map(|b| {
            format!(
                "{}→{}",
                dec(b.mean_predicted * 100.0, 0),
                words::share(b.observed_rate, locale)
            )
        })
        .collect();
    line(&format!(
        "    {}",
        output::plain(output::wrap(
            &bins.join("  "),
            output::terminal_width().saturating_sub(4),
            "    "
        ))
    ));
    line(&format!("  {}", say("cli-churn-drivers", &[])));
    for c in predictions::churn_drivers(r) {
        line(&format!(
            "    {}  {}",
            signed(c.per_sd, 2),
            predictions::churn_feature_words(&c.feature, locale)
        ));
    }
    if !r.constant_features.is_empty() {
        let names: Vec<String> = r
            .constant_features
            .iter()
            .map(|f| predictions::churn_feature_words(f, locale))
            .collect();
        line(&output::wrap(
            &format!(
                "  {}",
                say(
                    "cli-churn-constant",
                    &[("features", names.join("; ").into())]
                )
            ),
            output::terminal_width(),
            "    ",
        ));
    }
    line(&say(
        "cli-churn-scored",
        &[
            ("customers", r.scored_customers.into()),
            ("day", r.scored_as_of.to_string().into()),
        ],
    ));
    for s in r.scores.iter().take(top) {
        let whole = |x: Option<&f64>| x.copied().unwrap_or(0.0).round().max(0.0) as u64;
        line(&format!(
            "    {} {}  {}",
            output::pad_end(&output::clip(&s.customer_id, 14), 14),
            output::pad_start(&output::percent(s.churn_probability * 100.0), 7),
            say(
                "cli-churn-score",
                &[
                    ("days", whole(s.features.first()).into()),
                    ("purchases", whole(s.features.get(1)).into()),
                ],
            )
        ));
    }
    print_files(ws, "cli-files-churn", saved.files.as_ref(), &[]);
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
    let pct =
        |v: Option<f64>| v.map_or_else(|| say("value-none", &[]), |h| output::percent(h * 100.0));
    line(&say(
        "cli-recommend-title",
        &[
            ("client", r.client.as_str().into()),
            ("products", r.products.into()),
            ("customers", r.customers.into()),
        ],
    ));
    let check = say(
        "cli-recommend-check",
        &[
            ("day", e.split.to_string().into()),
            ("customers", e.customers.into()),
            ("hit", pct(e.hit_rate).into()),
            ("k", count(r.k as u64).into()),
            ("popular", pct(e.popularity_hit_rate).into()),
        ],
    );
    line(&output::wrap(&check, output::terminal_width(), ""));
    let mut current = "";
    for rec in &r.shown {
        if rec.customer_id != current {
            current = &rec.customer_id;
            line(&format!("  {current}:"));
        }
        let because = match &rec.bought_with {
            Some(product) => say(
                "recommend-bought-with",
                &[("product", product.as_str().into())],
            ),
            None if rec.because == "popular" => say("recommend-popular", &[]),
            // Older saved results: the English reason as it was written.
            None => rec.because.clone(),
        };
        line(&format!(
            "    {}. {} {}  {because}",
            count(u64::from(rec.rank)),
            output::pad_end(&output::clip(&rec.product_id, 16), 16),
            output::pad_start(&dec(rec.score, 3), 6),
        ));
    }
    print_files(ws, "cli-files-recommendations", saved.files.as_ref(), &[]);
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
    let locale = output::locale();
    let metric = predictions::forecast_metric_name(&f.metric, locale);
    let params: Vec<String> = f
        .params
        .iter()
        .map(|(k, v)| format!("{k} = {}", dec(*v, 4)))
        .collect();
    line(&say(
        "cli-forecast-title",
        &[
            ("client", f.client.as_str().into()),
            ("metric", metric.into()),
            ("periods", count(f.history.len() as u64).into()),
            ("model", f.model.as_str().into()),
            ("aicc", dec(f.aicc, 1).into()),
            ("forms", count(f.candidates.len() as u64).into()),
            ("params", params.join(", ").into()),
        ],
    ));
    let head = output::head(&[
        "cli-column-period",
        "cli-column-value",
        "cli-column-interval-80",
        "cli-column-interval-95",
    ]);
    let band = |l: Option<f64>, h: Option<f64>| match (l, h) {
        (Some(l), Some(h)) => format!("{} – {}", number(l), number(h)),
        _ => "-".to_owned(),
    };
    let mut rows: Vec<Vec<String>> = f
        .history
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(|p| {
            vec![
                p.period.clone(),
                number(p.value),
                say("cli-forecast-actual", &[]),
                String::new(),
            ]
        })
        .collect();
    rows.extend(f.forecast.iter().map(|p| {
        vec![
            p.period.clone(),
            number(p.value),
            band(p.low_80, p.high_80),
            band(p.low_95, p.high_95),
        ]
    }));
    indented(&head, &rows, &[false, true, true, true]);
}
