//! The executive summary: three to five plain sentences on the page after
//! the cover. How the headline moved, the most important good news, the
//! most important problem, and how sure we are; each sentence is made
//! from numbers the report shows.

use rapport_app::words::Locale;
use rapport_metrics::Period;

use crate::document::{DataQuality, Finding, Findings, Kpi, Predictions, Tone};
use crate::messages;

pub(crate) fn write(
    kpis: &[Kpi],
    findings: &Findings,
    predictions: &Predictions,
    quality: &DataQuality,
    previous: &Period,
    locale: Locale,
) -> Vec<String> {
    let mut out = Vec::new();
    let better = kpis.iter().filter(|k| k.tone == Tone::Good).count();
    let worse = kpis.iter().filter(|k| k.tone == Tone::Bad).count();
    out.push(messages::text(
        locale,
        if better + worse == 0 {
            "summary-overview-none"
        } else {
            "summary-overview"
        },
        &[
            ("kpis", kpis.len().into()),
            ("better", better.into()),
            ("worse", worse.into()),
            (
                "period",
                rapport_app::words::period_name(previous, locale).into(),
            ),
        ],
    ));
    // A finding about a measure outside the headline says so: after "none
    // of the headline measures moved", news about another measure would
    // otherwise read as a contradiction.
    let top = |id: &str, list: &[Finding], empty: &str| match list.first() {
        Some(f) => {
            let scope = if kpis.iter().any(|k| k.metric == f.metric) {
                "headline"
            } else {
                "other"
            };
            messages::text(
                locale,
                id,
                &[
                    ("finding", f.sentence.clone().into()),
                    ("scope", scope.into()),
                ],
            )
        }
        None => empty.to_owned(),
    };
    out.push(top(
        "summary-best",
        &findings.went_well,
        &findings.went_well_empty,
    ));
    out.push(top(
        "summary-worst",
        &findings.needs_attention,
        &findings.needs_attention_empty,
    ));
    let mut sure = messages::label(locale, "summary-certainty");
    if let Some(e) = predictions
        .purchase
        .as_ref()
        .and_then(|p| p.backtest_error_pct)
    {
        sure = messages::text(
            locale,
            "summary-certainty-backtest",
            &[("error", rapport_app::words::number(e.abs(), locale).into())],
        );
    }
    out.push(sure);
    if quality.quarantined > 0 || !quality.missing.is_empty() {
        out.push(messages::text(
            locale,
            "summary-quality",
            &[
                ("rows", quality.quarantined.into()),
                ("missing", quality.missing.len().into()),
            ],
        ));
    }
    out
}
