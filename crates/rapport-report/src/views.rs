//! The report's charts beyond the trends: a metric by an attribute, the
//! funnel, the cohort heat map, the forecast and the distributions of
//! lifetime value and of the chance a customer is still active. Each is
//! built from one library call; one the client's data cannot give is left
//! out with the reason, under data quality.

use chrono::NaiveDate;
use rapport_app::metrics::MetricsOptions;
use rapport_app::words::{self, Locale};
use rapport_metrics::Period;
use rapport_store::Workspace;

use crate::charts;
use crate::definition::{Breakdown, Definition};
use crate::document::{
    Bar, BarChart, CohortRow, CohortView, ForecastView, FunnelStepView, FunnelView,
};
use crate::messages;

/// Why a chart is not in the report.
fn unavailable(locale: Locale, chart: String, reason: String) -> String {
    messages::text(
        locale,
        "chart-unavailable",
        &[("chart", chart.into()), ("reason", reason.into())],
    )
}

fn alt_of(title: &str, bars: &[Bar], locale: Locale) -> String {
    let values: Vec<String> = bars
        .iter()
        .map(|b| words::labelled(&b.label, &b.value_text, locale))
        .collect();
    messages::text(
        locale,
        "bars-alt",
        &[
            ("title", title.into()),
            ("values", rapport_locale::lists::and(&values, locale).into()),
        ],
    )
}

/// A metric by an attribute, largest first.
pub(crate) async fn breakdown(
    ws: &Workspace,
    client: &str,
    period: &Period,
    b: &Breakdown,
    as_of: NaiveDate,
    locale: Locale,
) -> Result<BarChart, String> {
    let name = rapport_metrics::metric(&b.metric).map_or_else(
        || b.metric.clone(),
        |d| words::metric_name(d.id, d.name, locale),
    );
    let chart_name = messages::text(
        locale,
        "breakdown-title",
        &[
            ("metric", name.into()),
            // `customer.country` reads as "country".
            ("by", attribute_name(&b.by, locale).into()),
        ],
    );
    let mut o = MetricsOptions::new(client, &period.to_string(), as_of);
    o.by = Some(b.by.clone());
    o.only = vec![b.metric.clone()];
    o.compare = rapport_metrics::Compare::None;
    let report = rapport_app::metrics::measure(ws, &o)
        .await
        .map_err(|e| unavailable(locale, chart_name.clone(), e.to_string()))?;
    let mut unit = String::new();
    let mut bars: Vec<Bar> = report
        .groups
        .iter()
        .filter_map(|g| {
            let m = g.metrics.iter().find(|m| m.id == b.metric.as_str())?;
            let v = m.value?;
            unit.clone_from(&m.unit);
            Some(Bar {
                label: g.value.clone(),
                value: v,
                value_text: words::value(v, &m.unit, locale),
            })
        })
        .collect();
    if bars.is_empty() {
        // The metric's own reason when it has no value at all ("no
        // completed orders in the period"), else that no group has one.
        let reason = report
            .metrics
            .iter()
            .find(|m| m.id == b.metric.as_str())
            .and_then(|m| m.missing_text(locale))
            .unwrap_or_else(|| messages::label(locale, "chart-no-groups"));
        return Err(unavailable(locale, chart_name, reason));
    }
    bars.sort_by(|x, y| {
        y.value
            .total_cmp(&x.value)
            .then_with(|| x.label.cmp(&y.label))
    });
    bars.truncate(12);
    let title = format!(
        "{chart_name} ({})",
        crate::assemble::unit_words(&unit, locale)
    );
    let alt = alt_of(&title, &bars, locale);
    let caption = messages::text(
        locale,
        "breakdown-caption",
        &[
            ("top", bars[0].label.as_str().into()),
            ("value", bars[0].value_text.as_str().into()),
            ("period", words::period_name(period, locale).into()),
        ],
    );
    Ok(BarChart {
        id: format!("breakdown-{}-{}", b.metric, b.by.replace('.', "-")),
        metric: Some(b.metric.clone()),
        unit,
        title,
        alt,
        bars,
        caption,
    })
}

/// The funnel of the period, per person.
pub(crate) async fn funnel(
    ws: &Workspace,
    client: &str,
    period: &Period,
    d: &Definition,
    as_of: NaiveDate,
    locale: Locale,
) -> Result<FunnelView, String> {
    use rapport_metrics::funnel::{FunnelOptions, Per, StepOrder, parse_duration};
    let chart_name = messages::label(locale, "funnel-title");
    let window = parse_duration(&d.funnel.window).unwrap_or(86_400);
    let options = FunnelOptions {
        period: period.clone(),
        steps: d.funnel.steps.clone(),
        window_seconds: window,
        order: StepOrder::Ordered,
        per: Per::Person,
        exclude: Vec::new(),
        cart_window_seconds: 86_400,
        as_of,
    };
    let f = rapport_metrics::funnel::funnel(ws, client, &options)
        .await
        .map_err(|e| unavailable(locale, chart_name.clone(), e.to_string()))?;
    if f.steps.first().is_none_or(|s| s.count == 0) {
        return Err(unavailable(
            locale,
            chart_name,
            messages::text(
                locale,
                "funnel-no-events",
                &[("step", d.funnel.steps[0].as_str().into())],
            ),
        ));
    }
    let steps: Vec<FunnelStepView> = f
        .steps
        .iter()
        .map(|s| {
            let count_text = words::count(s.count, locale);
            let text = match s.conversion_from_previous {
                Some(p) if s.step > 1 => messages::text(
                    locale,
                    "funnel-step",
                    &[
                        ("event", s.event.as_str().into()),
                        ("count", count_text.clone().into()),
                        ("share", words::percent(p, locale).into()),
                    ],
                ),
                _ => messages::text(
                    locale,
                    "funnel-first-step",
                    &[
                        ("event", s.event.as_str().into()),
                        ("count", count_text.clone().into()),
                    ],
                ),
            };
            FunnelStepView {
                event: s.event.clone(),
                count: s.count,
                count_text,
                from_start: s.conversion_from_start,
                from_previous: s.conversion_from_previous,
                text,
            }
        })
        .collect();
    let bars: Vec<Bar> = steps
        .iter()
        .map(|s| Bar {
            label: s.event.clone(),
            value: s.count as f64,
            value_text: match s.from_start {
                Some(p) if s.from_previous.is_some() => {
                    words::pair(&s.count_text, &words::percent(p, locale), locale)
                }
                _ => s.count_text.clone(),
            },
        })
        .collect();
    // The step that loses the most of the units that reached it.
    let worst = steps
        .iter()
        .skip(1)
        .filter_map(|s| s.from_previous.map(|p| (s, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let sentence = match (steps.first(), steps.last(), worst) {
        (Some(first), Some(last), Some((w, p))) => messages::text(
            locale,
            "funnel-sentence",
            &[
                ("first", first.count_text.as_str().into()),
                ("last", last.count_text.as_str().into()),
                (
                    "share",
                    last.from_start
                        .map(|s| words::percent(s, locale))
                        .unwrap_or_default()
                        .into(),
                ),
                ("worst", w.event.as_str().into()),
                ("kept", words::percent(p, locale).into()),
            ],
        ),
        _ => String::new(),
    };
    let title = messages::text(
        locale,
        "funnel-chart-title",
        &[("period", words::period_name(period, locale).into())],
    );
    let alt = alt_of(&title, &bars, locale);
    Ok(FunnelView {
        window: words::duration(window as f64, locale),
        chart: BarChart {
            id: "funnel".to_owned(),
            metric: None,
            unit: "count".to_owned(),
            title,
            alt,
            bars,
            caption: sentence.clone(),
        },
        steps,
        sentence,
    })
}

/// The monthly cohorts up to the period's end.
pub(crate) async fn cohorts(
    ws: &Workspace,
    client: &str,
    period: &Period,
    count: usize,
    locale: Locale,
) -> Result<CohortView, String> {
    let chart_name = messages::label(locale, "cohorts-title");
    let mut o = rapport_metrics::cohorts::CohortOptions::new(period.end);
    o.cohorts = count;
    let t = rapport_metrics::cohorts::cohort_table(ws, client, &o)
        .await
        .map_err(|e| unavailable(locale, chart_name.clone(), e.to_string()))?;
    if t.cohorts.is_empty() {
        return Err(unavailable(
            locale,
            chart_name,
            messages::label(locale, "chart-no-groups"),
        ));
    }
    let rows: Vec<CohortRow> = t
        .cohorts
        .iter()
        .map(|c| CohortRow {
            label: c.label.clone(),
            name: period
                .calendar
                .period(&c.label)
                .map_or_else(|_| c.label.clone(), |p| words::period_name(&p, locale)),
            size: c.size,
            shares: c
                .cells
                .iter()
                .map(|cell| if cell.incomplete { None } else { cell.share })
                .collect(),
        })
        .collect();
    let average: Vec<Option<f64>> = t.average.iter().map(|a| a.share).collect();
    let month1 = average.get(1).copied().flatten();
    let month3 = average.get(3).copied().flatten();
    let sentence = match (month1, month3) {
        (Some(a), Some(b)) => messages::text(
            locale,
            "cohorts-sentence",
            &[
                ("month1", words::percent(a, locale).into()),
                ("month3", words::percent(b, locale).into()),
                ("cohorts", rows.len().into()),
            ],
        ),
        _ => String::new(),
    };
    let title = messages::text(
        locale,
        "cohorts-chart-title",
        &[(
            "activity",
            messages::label(locale, &format!("cohort-activity-{}", t.activity)).into(),
        )],
    );
    let alt = messages::text(
        locale,
        "cohorts-alt",
        &[
            ("cohorts", rows.len().into()),
            ("sentence", sentence.as_str().into()),
        ],
    );
    Ok(CohortView {
        activity: t.activity.to_string(),
        rows,
        average,
        title,
        alt,
        sentence,
    })
}

/// The definition's KPI forecast, monthly, from the period's end.
pub(crate) async fn forecast(
    ws: &Workspace,
    client: &str,
    period: &Period,
    d: &Definition,
    revenue_currency: Option<String>,
    locale: Locale,
) -> Result<ForecastView, String> {
    let chart_name = messages::label(locale, "forecast-title");
    let metric: rapport_predict::ForecastMetric =
        d.forecast
            .metric
            .parse()
            .map_err(|e: rapport_predict::Error| {
                unavailable(locale, chart_name.clone(), e.to_string())
            })?;
    let options = rapport_predict::ForecastOptions {
        metric,
        by: rapport_predict::ForecastPeriod::Month,
        horizon: d.forecast.horizon,
        as_of: period.end,
    };
    let f = rapport_app::predictions::forecast(ws, client, &options)
        .await
        .map_err(|e| {
            let reason = crate::assemble::error_reason(&e, locale);
            unavailable(locale, chart_name.clone(), reason)
        })?;
    let unit = match metric {
        rapport_predict::ForecastMetric::Revenue => {
            revenue_currency.unwrap_or_else(|| ws.settings().currency.clone())
        }
        rapport_predict::ForecastMetric::Orders | rapport_predict::ForecastMetric::Buyers => {
            "count".to_owned()
        }
        rapport_predict::ForecastMetric::Catalog(id) => rapport_metrics::metric(id)
            .map_or("count", |m| m.unit.label())
            .to_owned(),
    };
    let history: Vec<rapport_predict::ForecastPoint> =
        f.history.iter().rev().take(12).rev().cloned().collect();
    let ahead = f.forecast.clone();
    let name = rapport_app::predictions::forecast_metric_name(&metric, locale);
    let mut sentences = Vec::new();
    if let Some(next) = ahead.first() {
        let written = |v: Option<f64>| {
            v.map_or_else(
                || messages::label(locale, "value-none"),
                |v| words::value(v, &unit, locale),
            )
        };
        sentences.push(messages::text(
            locale,
            "forecast-sentence",
            &[
                ("metric", name.as_str().into()),
                (
                    "period",
                    period
                        .calendar
                        .period(&next.period)
                        .map_or_else(|_| next.period.clone(), |p| words::period_name(&p, locale))
                        .into(),
                ),
                ("value", written(Some(next.value)).into()),
                ("low", written(next.low_80).into()),
                ("high", written(next.high_80).into()),
            ],
        ));
        sentences.push(messages::text(
            locale,
            "forecast-model",
            &[
                ("model", f.model.as_str().into()),
                ("months", f.history.len().into()),
            ],
        ));
    }
    let title = messages::text(
        locale,
        "forecast-chart-title",
        &[
            ("metric", name.as_str().into()),
            ("unit", crate::assemble::unit_words(&unit, locale).into()),
        ],
    );
    let alt = messages::text(
        locale,
        "forecast-alt",
        &[
            ("metric", name.as_str().into()),
            (
                "sentence",
                sentences.first().cloned().unwrap_or_default().into(),
            ),
        ],
    );
    Ok(ForecastView {
        metric: metric.name().to_owned(),
        unit,
        model: f.model.clone(),
        history,
        forecast: ahead,
        title,
        alt,
        sentences,
    })
}

/// Customers by lifetime value (in round bins) and by the chance they are
/// still active (in tenths), from the purchase model.
pub(crate) fn distributions(
    customers: &[rapport_predict::CustomerPrediction],
    currency: Option<&str>,
    locale: Locale,
) -> Vec<BarChart> {
    let mut out = Vec::new();
    let clvs: Vec<f64> = customers.iter().filter_map(|c| c.clv).collect();
    if !clvs.is_empty() {
        let hi = clvs.iter().copied().fold(0.0, f64::max);
        let edges = charts::ticks(0.0, hi, 8);
        let labels = edges
            .windows(2)
            .map(|w| {
                format!(
                    "{}–{}",
                    words::number(w[0], locale),
                    words::money(w[1], currency, locale)
                )
            })
            .collect();
        let last = edges.len().saturating_sub(2);
        let bins = clvs
            .iter()
            .map(|v| edges.windows(2).position(|w| *v < w[1]).unwrap_or(last));
        let caption = messages::text(
            locale,
            "clv-distribution-caption",
            &[("customers", clvs.len().into())],
        );
        out.push(histogram("clv-distribution", caption, labels, bins, locale));
    }
    if !customers.is_empty() {
        let labels = (0..10u64)
            .map(|i| {
                format!(
                    "{}–{}",
                    words::count(i * 10, locale),
                    words::percent((i * 10 + 10) as f64, locale)
                )
            })
            .collect();
        let bins = customers
            .iter()
            .map(|c| ((c.p_alive * 10.0).floor() as usize).min(9));
        let caption = messages::label(locale, "risk-distribution-caption");
        out.push(histogram(
            "risk-distribution",
            caption,
            labels,
            bins,
            locale,
        ));
    }
    out
}

/// Customers counted into labelled bins, as a bar chart whose title is
/// the message `<id>-title`.
fn histogram(
    id: &str,
    caption: String,
    labels: Vec<String>,
    bins: impl Iterator<Item = usize>,
    locale: Locale,
) -> BarChart {
    let mut counts = vec![0u64; labels.len()];
    for i in bins {
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    let bars: Vec<Bar> = labels
        .into_iter()
        .zip(counts)
        .map(|(label, n)| Bar {
            label,
            value: n as f64,
            value_text: words::count(n, locale),
        })
        .collect();
    let title = messages::label(locale, &format!("{id}-title"));
    BarChart {
        id: id.to_owned(),
        metric: None,
        unit: "count".to_owned(),
        alt: alt_of(&title, &bars, locale),
        caption,
        title,
        bars,
    }
}

/// A breakdown's attribute as the language names it (`customer.country`
/// reads as "country"); an attribute the catalogue does not know is shown
/// by its own name.
pub(crate) fn attribute_name(by: &str, locale: Locale) -> String {
    let bare = by.strip_prefix("customer.").unwrap_or(by);
    let key = format!("attribute-{bare}");
    if messages::has(locale, &key) {
        messages::label(locale, &key)
    } else {
        bare.replace('_', " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(clv: Option<f64>, p_alive: f64) -> rapport_predict::CustomerPrediction {
        rapport_predict::CustomerPrediction {
            customer_id: "c".to_owned(),
            x: 1,
            t_x: 1.0,
            t: 2.0,
            monetary_value: 10.0,
            p_alive,
            expected_transactions: 1.0,
            expected_spend: None,
            clv,
            risk_tier: "low".into(),
        }
    }

    #[test]
    fn distributions_count_every_customer_once() {
        let customers: Vec<_> = (0..1000)
            .map(|i| customer((i % 7 != 0).then_some(f64::from(i)), f64::from(i) / 1000.0))
            .collect();
        let charts = distributions(&customers, Some("EUR"), Locale::En);
        assert_eq!(charts.len(), 2);
        let total = |c: &BarChart| c.bars.iter().map(|b| b.value).sum::<f64>();
        let with_clv = customers.iter().filter(|c| c.clv.is_some()).count();
        assert_eq!(total(&charts[0]) as usize, with_clv);
        assert_eq!(total(&charts[1]) as usize, customers.len());
        // P(alive) in tenths: 100 customers each.
        assert!(charts[1].bars.iter().all(|b| b.value == 100.0));
        assert_eq!(charts[1].bars[9].label, "90–100 %");
    }
}
