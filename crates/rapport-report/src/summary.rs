//! The executive summary: three to five plain sentences on the page after
//! the cover. How the headline moved, the most important good news, the
//! most important problem, and how sure we are; each sentence is made
//! from numbers the report shows.

use rapport_app::words::Locale;
use rapport_metrics::Period;

use crate::document::{DataQuality, Findings, Kpi, Predictions, Tone};
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
    out.push(match findings.went_well.first() {
        Some(f) => messages::text(
            locale,
            "summary-best",
            &[("finding", f.sentence.clone().into())],
        ),
        None => findings.went_well_empty.clone(),
    });
    out.push(match findings.needs_attention.first() {
        Some(f) => messages::text(
            locale,
            "summary-worst",
            &[("finding", f.sentence.clone().into())],
        ),
        None => findings.needs_attention_empty.clone(),
    });
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
