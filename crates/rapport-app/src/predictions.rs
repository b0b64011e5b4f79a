//! What front ends derive from model output (MODELS.md): counts of
//! customers per churn-risk tier, the top customers by CLV, the error of a
//! holdout check, the mean churn probability of a retention curve, and one
//! sentence per model for a summary. Each is computed here once, so the
//! terminal, the report and the web agree.

use rapport_predict::{
    ChurnReport, CustomerPrediction, Forecast, HoldoutCheck, PurchasePrediction, RecommendReport,
    RetentionCurve, Segmentation,
};
use serde::{Deserialize, Serialize};

use crate::words::{self, Locale};

/// Customers per churn-risk tier of a purchase model (P(alive) below 0.3
/// is high risk, below 0.7 medium, else low; MODELS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RiskTiers {
    pub high: u64,
    pub medium: u64,
    pub low: u64,
}

/// Counts the customers of each risk tier.
pub fn risk_tiers(p: &PurchasePrediction) -> RiskTiers {
    let mut t = RiskTiers::default();
    for c in &p.customers {
        match c.risk_tier.as_ref() {
            "high" => t.high += 1,
            "medium" => t.medium += 1,
            _ => t.low += 1,
        }
    }
    t
}

/// The `n` customers with the highest CLV (by expected transactions where
/// there is no CLV, as when the spend model could not be fitted).
pub fn top_by_clv(p: &PurchasePrediction, n: usize) -> Vec<&CustomerPrediction> {
    let mut best: Vec<&CustomerPrediction> = p.customers.iter().collect();
    best.sort_by(|a, b| {
        b.clv
            .unwrap_or(b.expected_transactions)
            .total_cmp(&a.clv.unwrap_or(a.expected_transactions))
    });
    best.truncate(n);
    best
}

/// How far the predicted total of a holdout check is from what happened,
/// in percent of the actual total (`None` when nothing happened).
pub fn holdout_error_pct(h: &HoldoutCheck) -> Option<f64> {
    (h.total_actual > 0.0).then(|| (h.total_predicted / h.total_actual - 1.0) * 100.0)
}

/// The mean churn probability per period of a shifted-beta-geometric
/// curve, alpha / (alpha + beta) (MODELS.md, "sBG").
pub fn mean_churn(r: &RetentionCurve) -> Option<f64> {
    let alpha = *r.params.get("alpha")?;
    let beta = *r.params.get("beta")?;
    (alpha + beta > 0.0).then(|| alpha / (alpha + beta))
}

/// The survival of the curve's projection after `t` periods, 0–1.
pub fn survival_at(r: &RetentionCurve, t: usize) -> Option<f64> {
    r.projection.get(t).map(|p| p.survival)
}

/// A model's name as people write it.
pub fn model_name(id: &str) -> &'static str {
    match id {
        "bg_nbd" => "BG/NBD",
        "mbg_nbd" => "MBG/NBD",
        "pareto_nbd" => "Pareto/NBD",
        "bg_bb" => "BG/BB",
        "sbg" => "sBG",
        _ => "the model",
    }
}

/// A horizon as written on the command line (`12m`, `52w`, `90d`, `1y`)
/// in words: `12 months`.
pub fn horizon_words(h: &str, locale: Locale) -> String {
    let Locale::En = locale;
    let (number, unit) = h.split_at(h.len().saturating_sub(1));
    let n: u64 = match number.parse() {
        Ok(n) => n,
        Err(_) => return h.to_owned(),
    };
    let (one, many) = match unit {
        "d" => ("day", "days"),
        "w" => ("week", "weeks"),
        "m" => ("month", "months"),
        "y" => ("year", "years"),
        _ => return h.to_owned(),
    };
    words::counted(n, one, many, locale)
}

/// A purchase model in one sentence.
pub fn purchase_sentence(p: &PurchasePrediction, locale: Locale) -> String {
    format!(
        "{}: {} on {} customers; next {} {} expected transactions, CLV {} in all",
        p.client,
        model_name(&p.model),
        words::count(p.n_customers as u64, locale),
        horizon_words(&p.horizon, locale),
        words::count(p.total_expected_transactions.round() as u64, locale),
        p.total_clv.map_or_else(
            || "n/a".to_owned(),
            |v| words::money(v.max(0.0), p.currency.as_deref(), locale)
        ),
    )
}

/// A retention curve in one sentence.
pub fn retention_sentence(r: &RetentionCurve, locale: Locale) -> String {
    let at = |t| survival_at(r, t).map_or_else(|| "n/a".to_owned(), |s| words::share(s, locale));
    format!(
        "{}: retention curve (sBG) over {} cohorts; {} of subscribers stay past month 1, {} past month 12",
        r.client,
        r.survivors.len(),
        at(1),
        at(12)
    )
}

/// A churn classifier in one sentence.
pub fn churn_sentence(r: &ChurnReport, locale: Locale) -> String {
    format!(
        "{}: churn classifier (no purchase within {} days), ROC AUC {} on a window it never saw; {} current customers scored",
        r.client,
        r.window_days,
        r.roc_auc
            .map_or_else(|| "n/a".to_owned(), |a| format!("{a:.2}")),
        words::count(r.scored_customers, locale)
    )
}

/// A segmentation in one sentence: its three largest segments.
pub fn segments_sentence(s: &Segmentation, locale: Locale) -> String {
    let Locale::En = locale;
    format!(
        "{}: {} segments, largest: {}",
        s.client,
        match s.k {
            Some(_) => "k-means",
            None => "RFM",
        },
        s.segments
            .iter()
            .take(3)
            .map(|g| format!("{} {:.0} %", g.segment, g.share))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A forecast in one sentence, with its 80 % intervals.
pub fn forecast_sentence(f: &Forecast, what: &str, locale: Locale) -> String {
    let whole = |v: f64| words::count(v.max(0.0).round() as u64, locale);
    let next: Vec<String> = f
        .forecast
        .iter()
        .map(|p| {
            format!(
                "{} {} ({}–{})",
                p.period,
                whole(p.value),
                whole(p.low_80.unwrap_or(0.0)),
                whole(p.high_80.unwrap_or(0.0))
            )
        })
        .collect();
    format!(
        "{}: {what} forecast, {} (80 % intervals): {}",
        f.client,
        f.model,
        next.join(", ")
    )
}

/// Recommendations in one sentence: the hit rate against popularity.
pub fn recommend_sentence(r: &RecommendReport, locale: Locale) -> String {
    let pct = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |h| words::share(h, locale));
    format!(
        "{}: product recommendations, hit rate at {} {} (popularity {})",
        r.client,
        r.k,
        pct(r.evaluation.hit_rate),
        pct(r.evaluation.popularity_hit_rate)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizons_read_in_words() {
        assert_eq!(horizon_words("12m", Locale::En), "12 months");
        assert_eq!(horizon_words("1y", Locale::En), "1 year");
        assert_eq!(horizon_words("52w", Locale::En), "52 weeks");
        assert_eq!(horizon_words("odd", Locale::En), "odd");
    }
}
