//! Builds a [`Report`] from the library's results: the metric catalog for
//! the period (against the previous period and a year ago), each headline
//! KPI month by month, the purchase and retention models, and the
//! catalog's loads. Nothing here writes a number the library did not
//! compute; it chooses, compares and words.

use chrono::NaiveDate;
use rapport_app::metrics::MetricsOptions;
use rapport_app::predictions::{self, Save};
use rapport_app::sql::ReadOnly;
use rapport_app::words::{self, Locale};
use rapport_metrics::period::PeriodKind;
use rapport_metrics::{Calendar, Compare, MetricValue, MetricsReport, Period};
use rapport_store::Workspace;

use crate::definition::{Loaded, PeriodType, Section};
use crate::document::{
    Annotation, CallCustomer, FeedbackAnswer, Predictions, PurchaseOutlook, Report,
    RetentionOutlook, Trend, TrendPoint,
};
use crate::messages;
use crate::{
    Error, Result, actions, custom, findings, glossary, kpis, quality, summary, triangulation,
    views,
};

/// What to report on, as a front end passes it.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub client: String,
    /// A period label (`2026-Q3`, `2026-10`); default: the last whole
    /// period of the definition's type before `as_of`.
    pub period: Option<String>,
    /// The day the report is made as of (workspace time zone).
    pub as_of: NaiveDate,
    /// A language tag overriding the definition's.
    pub language: Option<String>,
    /// An earlier period to compare with in place of the previous one
    /// (`2026-Q1`); the year-ago comparison stays.
    pub compare_with: Option<String>,
}

/// The last whole month or quarter of `calendar` that ended on or before
/// `as_of`.
pub fn last_whole_period(kind: PeriodType, as_of: NaiveDate, calendar: Calendar) -> Period {
    let kind = match kind {
        PeriodType::Month => PeriodKind::Month,
        PeriodType::Quarter => PeriodKind::Quarter,
    };
    calendar.last_whole(kind, as_of)
}

fn period_for(options: &ReportOptions, loaded: &Loaded, calendar: Calendar) -> Result<Period> {
    match &options.period {
        Some(label) => {
            // As the library's period error, which every front end can
            // say in its reader's language.
            let p = calendar
                .period(label)
                .map_err(|e| Error::App(rapport_app::Error::from(e)))?;
            if !matches!(p.kind, PeriodKind::Month | PeriodKind::Quarter) {
                let example = calendar.containing(PeriodKind::Month, options.as_of);
                let quarter = calendar.containing(PeriodKind::Quarter, options.as_of);
                return Err(Error::Input {
                    field: "period",
                    message: format!(
                        "a report covers a month ({example}) or a quarter ({quarter}), not `{label}`"
                    ),
                });
            }
            Ok(p)
        }
        None => Ok(last_whole_period(
            loaded.definition.period,
            options.as_of,
            calendar,
        )),
    }
}

async fn measure(
    ws: &Workspace,
    client: &str,
    period: &Period,
    compare: Compare,
    only: &[String],
    as_of: NaiveDate,
) -> Result<MetricsReport> {
    measure_against(ws, client, period, compare, None, only, as_of).await
}

async fn measure_against(
    ws: &Workspace,
    client: &str,
    period: &Period,
    compare: Compare,
    against: Option<&Period>,
    only: &[String],
    as_of: NaiveDate,
) -> Result<MetricsReport> {
    let mut o = MetricsOptions::new(client, &period.to_string(), as_of);
    o.compare = compare;
    o.against = against.map(ToString::to_string);
    o.only = only.to_vec();
    Ok(rapport_app::metrics::measure(ws, &o).await?)
}

/// The months a trend shows: at least twelve, ending with the period's
/// last month (months of the period's calendar).
fn trend_months(period: &Period) -> Vec<Period> {
    let last = period
        .calendar
        .containing(PeriodKind::Month, period.last_day());
    let mut months: Vec<Period> = std::iter::successors(Some(last), |m| Some(m.previous()))
        .take(12)
        .collect();
    months.reverse();
    months
}

/// A month's value and the same month's a year earlier.
type MonthValues = (Option<f64>, Option<f64>);

#[allow(clippy::too_many_arguments)]
async fn trends(
    ws: &Workspace,
    client: &str,
    period: &Period,
    headline: &[&MetricValue],
    custom: &[custom::CustomMetric],
    db: &ReadOnly,
    as_of: NaiveDate,
    locale: Locale,
) -> Result<Vec<Trend>> {
    let only: Vec<String> = headline
        .iter()
        .map(|m| m.id.to_string())
        .filter(|id| rapport_metrics::metric(id).is_some())
        .collect();
    let months = trend_months(period);
    let tz = ws.settings().tz();
    // A custom metric's months, and the same months a year earlier.
    let mut custom_points: Vec<(String, Vec<MonthValues>)> = Vec::new();
    for c in custom {
        if !headline.iter().any(|m| m.id == c.id.as_str()) {
            continue;
        }
        let mut points = Vec::with_capacity(months.len());
        for month in &months {
            let now = custom::value(db, tz, c, month).await.ok().flatten();
            let before = custom::value(db, tz, c, &month.year_ago())
                .await
                .ok()
                .flatten();
            points.push((now, before));
        }
        custom_points.push((c.id.clone(), points));
    }
    // Only the headline's built-in metrics, and none when there are none
    // (an empty list would measure the whole catalog twelve times).
    let reports = if only.is_empty() {
        Vec::new()
    } else {
        futures::future::try_join_all(
            months
                .iter()
                .map(|m| measure(ws, client, m, Compare::Year, &only, as_of)),
        )
        .await?
    };
    Ok(headline
        .iter()
        .map(|h| {
            let points: Vec<TrendPoint> = months
                .iter()
                .enumerate()
                .map(|(i, month)| {
                    let (value, year_ago) = match custom_points.iter().find(|(id, _)| *id == h.id) {
                        Some((_, points)) => points[i],
                        None => {
                            let m = reports
                                .get(i)
                                .and_then(|r| r.metrics.iter().find(|m| m.id == h.id));
                            (
                                m.and_then(|m| m.value),
                                m.and_then(|m| m.previous.as_ref()).and_then(|p| p.value),
                            )
                        }
                    };
                    TrendPoint {
                        period: month.to_string(),
                        value,
                        year_ago,
                        in_period: month.start >= period.start && month.end <= period.end,
                    }
                })
                .collect();
            let first = months.first().map(|m| words::period_name(m, locale));
            let last = months.last().map(|m| words::period_name(m, locale));
            let title = messages::text(
                locale,
                "trend-title",
                &[
                    ("metric", h.name.to_string().into()),
                    ("unit", unit_words(&h.unit, locale).into()),
                ],
            );
            // Each month by its name and the value, listed the language's
            // way, so a screen reader says "September 2026: 4.90" in the
            // reader's words and digits, not "2026-09 4.90".
            let values: Vec<String> = months
                .iter()
                .zip(&points)
                .map(|(m, p)| {
                    let name = words::period_name(m, locale);
                    words::labelled(&name, &kpis::value_text(h, p.value, locale), locale)
                })
                .collect();
            let alt = messages::text(
                locale,
                "trend-alt",
                &[
                    ("metric", h.name.to_string().into()),
                    ("from", first.unwrap_or_default().into()),
                    ("to", last.unwrap_or_default().into()),
                    ("values", rapport_locale::lists::and(&values, locale).into()),
                ],
            );
            Trend {
                metric: h.id.to_string(),
                name: h.name.to_string(),
                unit: h.unit.clone(),
                points,
                title,
                alt,
            }
        })
        .collect())
}

/// The client's annotations dated within the trend months, numbered in
/// date order. A client without annotations has none; that is not an
/// error.
async fn annotations(db: &ReadOnly, period: &Period, locale: Locale) -> Vec<Annotation> {
    use rapport_schema::arrow::util::display::array_value_to_string;
    let months = trend_months(period);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Vec::new();
    };
    let sql = format!(
        "SELECT CAST(date AS VARCHAR) AS date, text, scope FROM annotations \
         WHERE date >= DATE '{}' AND date < DATE '{}' ORDER BY date, id",
        first.start.format("%Y-%m-%d"),
        last.end.format("%Y-%m-%d"),
    );
    let Ok(batches) = db.query(&sql).await else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for b in &batches {
        for row in 0..b.num_rows() {
            let cell = |i: usize| {
                let column = b.column(i);
                (!column.is_null(row))
                    .then(|| array_value_to_string(column, row).ok())
                    .flatten()
            };
            if let (Some(date), Some(text)) = (cell(0), cell(1)) {
                let number = out.len() + 1;
                out.push(Annotation {
                    number,
                    date_written: chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_or_else(
                        |_| date.clone(),
                        |d| words::date_for(d, period.calendar, locale),
                    ),
                    number_written: rapport_locale::numbers::plain(number as i64, locale),
                    date,
                    text,
                    scope: cell(2),
                });
            }
        }
    }
    out
}

/// The client's feedback that no report has answered yet, each with the
/// sentence this report answers it with.
fn feedback_answers(ws: &Workspace, client: &str, locale: Locale) -> Result<Vec<FeedbackAnswer>> {
    let all = ws.feedback(client).map_err(rapport_app::Error::from)?;
    let calendar = ws.calendar(client).map_err(rapport_app::Error::from)?;
    Ok(all
        .into_iter()
        .filter(|f| f.answered_in.is_none())
        .map(|f| {
            let period = calendar
                .period(&f.period)
                .map_or_else(|_| f.period.clone(), |p| words::period_name(&p, locale));
            let sentence = match &f.comment {
                Some(c) => messages::text(
                    locale,
                    "feedback-answer-comment",
                    &[
                        ("period", period.into()),
                        ("rating", (f.rating.max(0) as u64).into()),
                        ("comment", c.as_str().into()),
                    ],
                ),
                None => messages::text(
                    locale,
                    "feedback-answer",
                    &[
                        ("period", period.into()),
                        ("rating", (f.rating.max(0) as u64).into()),
                    ],
                ),
            };
            FeedbackAnswer {
                feedback_id: f.id,
                report_run_id: f.report_run_id,
                period: f.period,
                rating: f.rating,
                comment: f.comment,
                sentence,
            }
        })
        .collect())
}

/// A unit as an axis label writes it.
pub(crate) fn unit_words(unit: &str, locale: Locale) -> String {
    let id = match unit {
        "%" => "unit-percent",
        "points" => "unit-points",
        "count" => "unit-count",
        "ratio" => "unit-ratio",
        "score" => "unit-score",
        "seconds" => "unit-seconds",
        currency => return currency.to_owned(),
    };
    messages::label(locale, id)
}

fn horizon_of(period: &Period) -> rapport_predict::Horizon {
    rapport_predict::Horizon {
        count: if period.kind == PeriodKind::Quarter {
            3
        } else {
            1
        },
        unit: rapport_predict::HorizonUnit::Month,
    }
}

async fn purchase_outlook(
    ws: &Workspace,
    client: &str,
    period: &Period,
    call_list: usize,
    margin: f64,
    locale: Locale,
) -> std::result::Result<PurchaseOutlook, rapport_app::Error> {
    use rapport_predict as p;
    let next = period.next();
    let options = |calibration_end: NaiveDate, holdout_end: Option<NaiveDate>| p::PredictOptions {
        model: p::PredictModel::Continuous(rapport_models::PurchaseModelKind::BgNbd),
        calibration_end: Some(calibration_end),
        holdout_end,
        time_unit: p::TimeUnit::Day,
        horizon: horizon_of(period),
        discount_rate: 0.10,
        margin,
        as_of: holdout_end.unwrap_or(calibration_end),
    };
    // Forward: everything up to the period's end predicts the next period.
    let forward = predictions::predict(ws, client, &options(period.end, None), &Save::Nothing)
        .await?
        .result;
    // Back-test: the same model fitted up to the period's start predicted
    // the period itself; its error is how sure the forward figure is.
    let backtest = predictions::predict(
        ws,
        client,
        &options(period.start, Some(period.end)),
        &Save::Nothing,
    )
    .await
    .ok()
    .and_then(|b| {
        b.result
            .holdout
            .as_ref()
            .and_then(predictions::holdout_error_pct)
    });
    let currency = forward.currency.as_deref();
    let expected_revenue = predictions::expected_revenue(&forward);
    let tiers = predictions::risk_tiers(&forward);
    let calls = predictions::call_list(&forward, call_list);
    let call_list: Vec<CallCustomer> = calls
        .iter()
        .map(|c| CallCustomer {
            customer_id: c.customer_id.clone(),
            clv: c.clv,
            clv_text: c.clv.map_or_else(
                || messages::label(locale, "value-none"),
                |v| words::money(v, currency, locale),
            ),
            p_alive: c.p_alive,
            p_alive_text: words::share(c.p_alive, locale),
            repeat_orders: c.x,
            repeat_orders_text: words::count(c.x, locale),
        })
        .collect();
    let horizon = kpis::named(&next, locale);
    let expected_orders_text =
        words::count(forward.total_expected_transactions.round() as u64, locale);
    let expected_revenue_text = expected_revenue.map_or_else(
        || messages::label(locale, "value-none"),
        |v| words::money(v, currency, locale),
    );
    let mut sentences = vec![messages::text(
        locale,
        "predict-orders",
        &[
            ("period", horizon.name.clone().into()),
            ("orders", expected_orders_text.clone().into()),
            ("revenue", expected_revenue_text.clone().into()),
            ("customers", (forward.n_customers as u64).into()),
        ],
    )];
    sentences.push(match backtest {
        Some(e) => messages::text(
            locale,
            "predict-backtest",
            &[
                ("period", words::period_name(period, locale).into()),
                ("error", words::number(e.abs(), locale).into()),
                (
                    "direction",
                    messages::label(
                        locale,
                        if e >= 0.0 {
                            "predict-over"
                        } else {
                            "predict-under"
                        },
                    )
                    .into(),
                ),
            ],
        ),
        None => messages::label(locale, "predict-no-backtest"),
    });
    sentences.push(messages::text(
        locale,
        "predict-at-risk",
        &[("customers", tiers.high.into())],
    ));
    let call_list_text = if call_list.is_empty() {
        messages::label(locale, "predict-call-list-empty")
    } else {
        messages::text(
            locale,
            "predict-call-list",
            &[("customers", call_list.len().into())],
        )
    };
    Ok(PurchaseOutlook {
        model: forward.model.to_string(),
        customers: forward.n_customers,
        horizon,
        expected_orders: forward.total_expected_transactions,
        expected_orders_text,
        expected_revenue,
        expected_revenue_text,
        at_risk: tiers.high,
        backtest_error_pct: backtest,
        sentences,
        distributions: views::distributions(&forward.customers, currency, locale),
        call_list,
        call_list_text,
    })
}

async fn retention_outlook(
    ws: &Workspace,
    client: &str,
    period: &Period,
    locale: Locale,
) -> std::result::Result<RetentionOutlook, rapport_app::Error> {
    let options = rapport_predict::RetentionOptions {
        unit: rapport_predict::RetentionUnit::Month,
        cohort_start: None,
        projection_periods: 12,
        discount_rate: 0.10,
        as_of: period.end,
    };
    let curve = predictions::retention(ws, client, &options).await?;
    let survival: Vec<(u32, f64)> = [1u32, 3, 6, 12]
        .into_iter()
        .filter_map(|t| predictions::survival_at(&curve, t as usize).map(|s| (t, s)))
        .collect();
    let mean_churn = predictions::mean_churn(&curve);
    let mut sentences = Vec::new();
    if let (Some(one), Some(twelve)) = (
        survival.iter().find(|s| s.0 == 1),
        survival.iter().find(|s| s.0 == 12),
    ) {
        sentences.push(messages::text(
            locale,
            "predict-retention",
            &[
                ("month1", words::share(one.1, locale).into()),
                ("month12", words::share(twelve.1, locale).into()),
                ("cohorts", curve.survivors.len().into()),
            ],
        ));
    }
    if let Some(c) = mean_churn {
        sentences.push(messages::text(
            locale,
            "predict-mean-churn",
            &[("churn", words::share(c, locale).into())],
        ));
    }
    Ok(RetentionOutlook {
        cohorts: curve.survivors.len(),
        survival,
        mean_churn,
        sentences,
    })
}

fn unavailable(locale: Locale, model: &str, e: &rapport_app::Error) -> String {
    let reason = error_reason(e, locale);
    messages::text(
        locale,
        "predict-unavailable",
        &[
            ("model", messages::label(locale, model).into()),
            ("reason", reason.into()),
        ],
    )
}

/// Why a prediction could not be made, in the reader's language: what the
/// data lacks, or that the model cannot be fitted (the optimiser's own
/// account, parameters and gradients, is for the CLI). Other errors (a
/// file that cannot be read) keep the library's English message.
pub(crate) fn error_reason(e: &rapport_app::Error, locale: Locale) -> String {
    if let rapport_app::Error::Predict(rapport_predict::Error::Lacking(lack)) = e {
        return lack.text(locale);
    }
    match model_trouble(e) {
        Some(id) => messages::label(locale, id),
        None => e.to_string(),
    }
}

/// The message for a model that the data cannot fit. (The errors between
/// are transparent, so the model's error is matched, not found by walking
/// `source()`, which skips transparent layers.)
fn model_trouble(e: &rapport_app::Error) -> Option<&'static str> {
    let rapport_app::Error::Predict(rapport_predict::Error::Model(m)) = e else {
        return None;
    };
    match m {
        rapport_models::Error::Degenerate { .. } => Some("predict-reason-degenerate"),
        rapport_models::Error::NotConverged { .. } => Some("predict-reason-not-converged"),
        _ => None,
    }
}

/// Measures, predicts and words one client's report.
pub async fn build(ws: &Workspace, options: &ReportOptions, loaded: &Loaded) -> Result<Report> {
    let d = &loaded.definition;
    let client = ws
        .client(&options.client)
        .map_err(rapport_app::Error::from)?;
    let tag = options.language.as_deref().unwrap_or(&d.language);
    let locale: Locale = tag.parse().map_err(rapport_app::Error::from)?;
    let period = period_for(options, loaded, client.calendar())?;
    let loads = quality::loads_of(ws, &client.id)?;
    let chosen = options
        .compare_with
        .as_deref()
        .map(|label| rapport_app::metrics::comparison_period(&period, label, client.calendar()))
        .transpose()?;
    let previous = chosen.clone().unwrap_or_else(|| period.previous());
    let year_ago = period.year_ago();
    let as_of = options.as_of;
    let headline_ids: Vec<String> = d.headline.clone();
    // Built-in metrics are measured by the catalog; custom ones by their SQL.
    let builtin_headline: Vec<String> = headline_ids
        .iter()
        .filter(|id| rapport_metrics::metric(id).is_some())
        .cloned()
        .collect();

    let year_ago_metrics = async {
        // Only the headline: an empty list would measure the whole catalog.
        if builtin_headline.is_empty() {
            return Ok(Vec::new());
        }
        measure(
            ws,
            &client.id,
            &period,
            Compare::Year,
            &builtin_headline,
            as_of,
        )
        .await
        .map(|r| r.metrics)
    };
    let (mut main, mut year_metrics) = futures::try_join!(
        measure_against(
            ws,
            &client.id,
            &period,
            Compare::Previous,
            chosen.as_ref(),
            &[],
            as_of
        ),
        year_ago_metrics,
    )?;
    // Every name the report shows is the language's.
    for m in main.metrics.iter_mut().chain(year_metrics.iter_mut()) {
        m.name = words::metric_name(&m.id, &m.name, locale).into();
    }
    // The client's tables, opened once for the report's own queries.
    let db = rapport_app::sql::ReadOnly::open(ws, &client.id).await?;
    let tz = ws.settings().tz();
    let mut all_metrics = main.metrics.clone();
    let mut all_years = year_metrics;
    for (i, m) in d.metrics.iter().enumerate() {
        let (against_previous, against_year) =
            custom::measure(&db, tz, i, m, &period, loaded.file.as_deref()).await?;
        all_metrics.push(against_previous);
        all_years.push(against_year);
    }
    // The definition's headline in its order, then custom metrics it does
    // not list.
    let mut headline_order: Vec<&str> = headline_ids.iter().map(String::as_str).collect();
    for m in &d.metrics {
        if !headline_order.contains(&m.id.as_str()) {
            headline_order.push(&m.id);
        }
    }
    let headline: Vec<&MetricValue> = headline_order
        .iter()
        .filter_map(|id| all_metrics.iter().find(|m| m.id == *id))
        .filter(|m| m.value.is_some())
        .collect();
    let kpis: Vec<_> = headline
        .iter()
        .map(|m| {
            let y = all_years.iter().find(|y| y.id == m.id);
            kpis::kpi(m, y, (&previous, &year_ago), d, locale)
        })
        .collect();
    let findings = findings::choose(
        d,
        &all_metrics,
        &all_years,
        &kpis,
        (&previous, &year_ago),
        locale,
    );
    let wants = |s: Section| d.sections.contains(&s);
    let trends = if wants(Section::Trends) {
        trends(
            ws, &client.id, &period, &headline, &d.metrics, &db, as_of, locale,
        )
        .await?
    } else {
        Vec::new()
    };

    let annotations = if wants(Section::Trends) {
        annotations(&db, &period, locale).await
    } else {
        Vec::new()
    };
    let mut unavailable_charts = Vec::new();
    let mut breakdowns = Vec::new();
    if wants(Section::Breakdowns) {
        for b in &d.breakdowns {
            match views::breakdown(ws, &client.id, &period, b, as_of, locale).await {
                Ok(chart) => breakdowns.push(chart),
                Err(why) => unavailable_charts.push(why),
            }
        }
    }
    let funnel = if wants(Section::Funnel) && !d.funnel.steps.is_empty() {
        views::funnel(ws, &client.id, &period, d, as_of, locale)
            .await
            .map_err(|why| unavailable_charts.push(why))
            .ok()
    } else {
        None
    };
    let cohorts = if wants(Section::Cohorts) && d.cohorts > 0 {
        views::cohorts(ws, &client.id, &period, d.cohorts, locale)
            .await
            .map_err(|why| unavailable_charts.push(why))
            .ok()
    } else {
        None
    };
    let forecast = if wants(Section::Forecast) {
        // Revenue is forecast in the currency the revenue metric is in
        // (the orders'), which need not be the workspace's.
        let revenue_currency = main
            .metrics
            .iter()
            .find(|m| m.id == "revenue" && m.value.is_some())
            .map(|m| m.unit.to_string());
        views::forecast(ws, &client.id, &period, d, revenue_currency, locale)
            .await
            .map_err(|why| unavailable_charts.push(why))
            .ok()
    } else {
        None
    };

    let mut predictions = Predictions {
        purchase: None,
        retention: None,
        unavailable: Vec::new(),
    };
    let contractual = main.customer_basis == "subscriptions";
    if wants(Section::Predictions) || wants(Section::Actions) || wants(Section::Summary) {
        if contractual {
            match retention_outlook(ws, &client.id, &period, locale).await {
                Ok(r) => predictions.retention = Some(r),
                Err(e) => predictions
                    .unavailable
                    .push(unavailable(locale, "model-retention", &e)),
            }
        } else {
            match purchase_outlook(
                ws,
                &client.id,
                &period,
                d.predictions.call_list,
                d.predictions.margin,
                locale,
            )
            .await
            {
                Ok(p) => predictions.purchase = Some(p),
                Err(e) => predictions
                    .unavailable
                    .push(unavailable(locale, "model-purchase", &e)),
            }
        }
    }

    let mut data_quality = quality::data_quality(ws, &loads, &period, &main, &headline_ids, locale);
    data_quality.unavailable = unavailable_charts;
    let mut notices = Vec::new();
    if !period.is_complete(as_of) {
        notices.push(messages::text(
            locale,
            "notice-incomplete",
            &[
                ("period", words::period_name(&period, locale).into()),
                (
                    "as_of",
                    words::date_for(as_of, period.calendar, locale).into(),
                ),
            ],
        ));
    }
    for s in data_quality.sources.iter().filter(|s| !s.fresh) {
        notices.push(messages::text(
            locale,
            "notice-stale",
            &[
                ("source", s.name.as_str().into()),
                ("loaded", s.last_loaded_text.as_str().into()),
                ("period", words::period_name(&period, locale).into()),
            ],
        ));
    }
    let triangulation = if wants(Section::Triangulation) {
        triangulation::checks(ws, &db, &period, d.triangulation.tolerance_pct, locale).await
    } else {
        Vec::new()
    };
    let actions = actions::recommend(
        &findings,
        &predictions,
        &data_quality,
        &triangulation,
        &kpis,
        locale,
    );
    let summary = summary::write(
        &kpis,
        &findings,
        &predictions,
        &data_quality,
        &previous,
        locale,
    );
    let title = d.title.clone().unwrap_or_else(|| {
        messages::label(
            locale,
            match period.kind {
                PeriodKind::Quarter => "title-quarterly",
                _ => "title-monthly",
            },
        )
    });
    let feedback = if wants(Section::Feedback) {
        feedback_answers(ws, &client.id, locale)?
    } else {
        Vec::new()
    };
    let mut report = Report {
        id: format!("{}/{}", client.id, period),
        run: None,
        client: client.id.clone(),
        client_name: d
            .branding
            .client_name
            .clone()
            .unwrap_or_else(|| client.name.clone()),
        agency: d.branding.agency.clone(),
        title,
        language: locale.tag().to_owned(),
        period: kpis::named(&period, locale),
        previous_period: kpis::named(&previous, locale),
        compared_with_chosen: chosen.is_some(),
        year_ago_period: kpis::named(&year_ago, locale),
        as_of: as_of.to_string(),
        as_of_text: words::date_for(as_of, period.calendar, locale),
        calendar: period.calendar.system,
        complete: period.is_complete(as_of),
        currency: ws.settings().currency.clone(),
        notices,
        summary,
        kpis,
        custom_metrics: d.metrics.clone(),
        findings,
        trends,
        annotations,
        breakdowns,
        funnel,
        cohorts,
        forecast,
        predictions,
        actions,
        data_quality,
        triangulation,
        feedback,
        feedback_url: None,
        glossary: Vec::new(),
    };
    report.glossary = glossary::terms_used(&report, locale);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_the_data_cannot_fit_is_explained_in_the_readers_language() {
        let degenerate = rapport_app::Error::from(rapport_predict::Error::from(
            rapport_models::Error::Degenerate {
                model: "bg_nbd",
                detail: "the likelihood keeps rising as r runs to 8.4e8".into(),
            },
        ));
        let ro = unavailable(Locale::Ro, "model-purchase", &degenerate);
        assert!(!ro.contains("likelihood") && ro.contains("datele"), "{ro}");
        let fa = unavailable(Locale::Fa, "model-purchase", &degenerate);
        assert!(fa.contains("داده‌ها"), "{fa}");
    }

    #[test]
    fn the_last_whole_period_ends_on_or_before_the_day() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let last = |kind, d: &str| last_whole_period(kind, day(d), Calendar::ISO).to_string();
        assert_eq!(last(PeriodType::Month, "2026-11-01"), "2026-10");
        assert_eq!(last(PeriodType::Month, "2026-11-30"), "2026-10");
        assert_eq!(last(PeriodType::Month, "2026-01-15"), "2025-12");
        assert_eq!(last(PeriodType::Quarter, "2026-11-01"), "2026-Q3");
        assert_eq!(last(PeriodType::Quarter, "2026-10-01"), "2026-Q3");
        assert_eq!(last(PeriodType::Quarter, "2026-03-31"), "2025-Q4");
        let q = last_whole_period(PeriodType::Quarter, day("2026-11-01"), Calendar::ISO);
        assert_eq!(q.next().to_string(), "2026-Q4");
        assert_eq!(trend_months(&q).len(), 12);
        assert_eq!(trend_months(&q)[11].to_string(), "2026-09");
        assert_eq!(trend_months(&q)[0].to_string(), "2025-10");
        // A client on the Solar Hijri calendar: on 1 November 2026 (10 Aban
        // 1405) the last whole month is Mehr and the last whole quarter the
        // summer (Tir to Shahrivar).
        let sh = Calendar::SOLAR_HIJRI;
        let month = last_whole_period(PeriodType::Month, day("2026-11-01"), sh);
        assert_eq!(month.to_string(), "1405-07");
        let q = last_whole_period(PeriodType::Quarter, day("2026-11-01"), sh);
        assert_eq!(q.to_string(), "1405-Q2");
        assert_eq!(trend_months(&q)[11].to_string(), "1405-06");
        assert_eq!(trend_months(&q)[0].to_string(), "1404-07");
    }
}
