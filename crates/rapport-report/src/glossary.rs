//! The glossary: every term of art the report uses, explained in one line.
//! A term is listed only when the report shows it, so the glossary of a
//! shop's report does not explain subscription retention.

use rapport_app::words::Locale;

use crate::document::{Report, Term};
use crate::messages;

/// Each term with whether the report uses it.
fn used(report: &Report) -> Vec<(&'static str, bool)> {
    let has_metric = |id: &str| report.kpis.iter().any(|k| k.metric == id);
    let tested = report.kpis.iter().any(|k| {
        k.previous.as_ref().is_some_and(|c| c.significant.is_some())
            || k.year_ago.as_ref().is_some_and(|c| c.significant.is_some())
    });
    let p = report.predictions.purchase.as_ref();
    vec![
        ("significant", tested),
        (
            "interval",
            report.kpis.iter().any(|k| !k.interval_text.is_empty()),
        ),
        (
            "percentage-point",
            report.kpis.iter().any(|k| k.unit == "%"),
        ),
        ("untested", true),
        ("nps", has_metric("nps")),
        ("csat", has_metric("csat")),
        ("ces", has_metric("ces")),
        ("churn", has_metric("churn_rate")),
        ("active-customer", has_metric("active_customers")),
        ("conversion", has_metric("conversion_rate")),
        ("fcr", has_metric("fcr")),
        ("target", report.kpis.iter().any(|k| k.target.is_some())),
        ("custom", !report.custom_metrics.is_empty()),
        (
            "benchmark",
            report.kpis.iter().any(|k| k.benchmark.is_some()),
        ),
        ("clv", p.is_some_and(|p| !p.call_list.is_empty())),
        ("p-alive", p.is_some()),
        (
            "backtest",
            p.is_some_and(|p| p.backtest_error_pct.is_some()),
        ),
        ("retention-curve", report.predictions.retention.is_some()),
        ("cohort", report.cohorts.is_some()),
        ("funnel", report.funnel.is_some()),
        ("forecast-interval", report.forecast.is_some()),
        ("quarantine", report.data_quality.quarantined > 0),
        ("triangulation", !report.triangulation.is_empty()),
    ]
}

pub(crate) fn terms_used(report: &Report, locale: Locale) -> Vec<Term> {
    used(report)
        .into_iter()
        .filter(|(_, used)| *used)
        .map(|(id, _)| Term {
            term: messages::label(locale, &format!("term-{id}")),
            meaning: messages::label(locale, &format!("term-{id}-meaning")),
        })
        .collect()
}
