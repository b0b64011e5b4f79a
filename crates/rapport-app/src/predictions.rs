//! Predictions as use cases, and what front ends derive from them.
//!
//! Each model runs through one function here ([`predict`], [`churn`],
//! [`segments`], [`recommend`], [`forecast`], [`retention`]), which returns
//! its result; the caller says with [`Save`] whether and where the
//! per-customer table is written (a server answering a request may keep
//! nothing; the CLI keeps it in the workspace), and each file is written
//! through a temporary name unique to the call, so two predictions for one
//! client at once cannot write into each other's files.
//!
//! Derived values (MODELS.md): counts of customers per churn-risk tier, the
//! top customers by CLV, the error of a holdout check, the mean churn
//! probability of a retention curve, and one sentence per model for a
//! summary. Each is computed here once, so the terminal, the report and the
//! web agree.

use std::path::PathBuf;

use rapport_predict::{
    ChurnOptions, ChurnReport, Coefficient, CustomerPrediction, CustomerRows, Forecast,
    ForecastOptions, HoldoutCheck, PredictOptions, PurchasePrediction, RecommendOptions,
    RecommendReport, RetentionCurve, RetentionOptions, SegmentOptions, Segmentation, TableFiles,
};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::results::Versioned;
use crate::words::{self, Locale};
use rapport_locale::messages;
use rapport_locale::numbers;

/// Whether and where a model's per-customer table is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Save {
    /// Nowhere: the rows stay in the result.
    Nothing,
    /// Where the workspace keeps it ([`CustomerRows::workspace_dir`]); a
    /// segmentation kept there can be used by `segment("name")` filters.
    #[default]
    Workspace,
    /// In this directory, as `<stem>.parquet` and `<stem>.csv`.
    Directory(PathBuf),
}

/// A result and, when it was saved, the files of its per-customer table.
/// Its JSON is the result's, with `output_file` and `output_csv` beside
/// the fields when there are files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Saved<T> {
    #[serde(flatten)]
    pub result: T,
    #[serde(flatten)]
    pub files: Option<TableFiles>,
}

impl<T: Versioned> Versioned for Saved<T> {
    const KIND: &'static str = T::KIND;
    const VERSION: u32 = T::VERSION;
}

/// Writes `result`'s per-customer table as `save` says.
pub fn save<T: CustomerRows>(ws: &Workspace, result: T, save: &Save) -> Result<Saved<T>> {
    let dir = match save {
        Save::Nothing => {
            return Ok(Saved {
                result,
                files: None,
            });
        }
        Save::Workspace => result.workspace_dir(ws),
        Save::Directory(dir) => dir.clone(),
    };
    let files = rapport_predict::write_table(&dir, &result.stem(), &result.customer_table()?)?;
    if matches!(save, Save::Workspace) {
        ws.publish(&files.output_file)?;
    }
    Ok(Saved {
        result,
        files: Some(files),
    })
}

/// A purchase model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) with CLV per
/// customer (MODELS.md, "BTYD").
pub async fn predict(
    ws: &Workspace,
    client: &str,
    options: &PredictOptions,
    to: &Save,
) -> Result<Saved<PurchasePrediction>> {
    let result = rapport_predict::predict_purchases(ws, client, options).await?;
    save(ws, result, to)
}

/// The churn classifier, evaluated out of time, with every current
/// customer scored (MODELS.md, "Churn classifier").
pub async fn churn(
    ws: &Workspace,
    client: &str,
    options: &ChurnOptions,
    to: &Save,
) -> Result<Saved<ChurnReport>> {
    let result = rapport_predict::churn_model(ws, client, options).await?;
    save(ws, result, to)
}

/// RFM segments or k-means clusters (MODELS.md, "Segmentation").
pub async fn segments(
    ws: &Workspace,
    client: &str,
    options: &SegmentOptions,
    to: &Save,
) -> Result<Saved<Segmentation>> {
    let result = rapport_predict::segment_customers(ws, client, options).await?;
    save(ws, result, to)
}

/// "Bought together" recommendations with their time-split hit rate.
pub async fn recommend(
    ws: &Workspace,
    client: &str,
    options: &RecommendOptions,
    to: &Save,
) -> Result<Saved<RecommendReport>> {
    let result = rapport_predict::recommend_products(ws, client, options).await?;
    save(ws, result, to)
}

/// A KPI's forecast with its intervals (MODELS.md, "Forecasts"); nothing
/// per customer, so nothing to save.
pub async fn forecast(ws: &Workspace, client: &str, options: &ForecastOptions) -> Result<Forecast> {
    Ok(rapport_predict::forecast_metric(ws, client, options).await?)
}

/// The retention curve of subscription cohorts (MODELS.md, "sBG").
pub async fn retention(
    ws: &Workspace,
    client: &str,
    options: &RetentionOptions,
) -> Result<RetentionCurve> {
    Ok(rapport_predict::retention_curve(ws, client, options).await?)
}

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

/// Expected revenue over the horizon: each customer's expected
/// transactions times the spend model's expected value of one, summed,
/// not discounted (CLV is the discounted counterpart); `None` when the
/// spend model could not be fitted.
pub fn expected_revenue(p: &PurchasePrediction) -> Option<f64> {
    let mut total = 0.0;
    let mut any = false;
    for c in &p.customers {
        if let Some(s) = c.expected_spend {
            total += c.expected_transactions * s;
            any = true;
        }
    }
    any.then_some(total)
}

/// The customers most worth a call: repeat buyers at high risk of having
/// stopped (P(alive) below 0.3), most valuable first (by CLV, else by what
/// they have spent), at most `n`.
pub fn call_list(p: &PurchasePrediction, n: usize) -> Vec<&CustomerPrediction> {
    let worth = |c: &CustomerPrediction| c.clv.unwrap_or(c.monetary_value * c.x as f64);
    let mut calls: Vec<&CustomerPrediction> = p
        .customers
        .iter()
        .filter(|c| c.risk_tier == "high" && c.x > 0)
        .collect();
    calls.sort_by(|a, b| {
        worth(b)
            .total_cmp(&worth(a))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    calls.truncate(n);
    calls
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

/// What drives a churn model's risk, strongest first: the coefficients
/// ordered by the size of their effect per standard deviation, leaving out
/// features that were the same for every customer (their weight means
/// nothing; MODELS.md, "Churn classifier").
pub fn churn_drivers(r: &ChurnReport) -> Vec<&Coefficient> {
    let mut drivers: Vec<&Coefficient> = r
        .coefficients
        .iter()
        .filter(|c| !r.constant_features.contains(&c.feature))
        .collect();
    drivers.sort_by(|a, b| b.per_sd.abs().total_cmp(&a.per_sd.abs()));
    drivers
}

/// What a churn feature measures, in the reader's language (MODELS.md,
/// "Churn classifier"). Every feature the model has today has a
/// `churn-feature-*` message (tested); a result saved by another version
/// with a feature the catalogues do not know shows its id.
pub fn churn_feature_words(feature: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("churn-feature-{feature}"), feature)
}

/// A churn-risk tier (`high`, `medium`, `low`: P(alive) below 0.3, below
/// 0.7, or above) in the reader's language.
pub fn risk_words(tier: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("risk-{tier}"), tier)
}

/// What sets a k-means segment apart, in the locale (`bought recently and
/// buy often`); `None` for an RFM segment, whose name says it. The
/// segmentation's method decides, not whether the English description
/// happens to be there (a result written before traits existed has a
/// description and no traits, and reads "close to the average").
pub fn segment_words(
    method: rapport_predict::SegmentMethod,
    segment: &rapport_predict::SegmentSummary,
    locale: Locale,
) -> Option<String> {
    if method != rapport_predict::SegmentMethod::Kmeans {
        return None;
    }
    if segment.traits.is_empty() {
        return Some(messages::label(locale, "segment-average"));
    }
    let traits: Vec<String> = segment
        .traits
        .iter()
        .map(|t| {
            let side = if t.high { "high" } else { "low" };
            messages::label_or(locale, &format!("segment-{}-{side}", t.feature), &t.feature)
        })
        .collect();
    Some(rapport_locale::lists::and(&traits, locale))
}

/// The survival of the curve's projection after `t` periods, 0–1.
pub fn survival_at(r: &RetentionCurve, t: usize) -> Option<f64> {
    r.projection.get(t).map(|p| p.survival)
}

/// A model's name as people write it.
///
/// A model this version does not know keeps its id (a result written by a
/// newer Rapport), which reads the same in every language.
pub fn model_name(id: &str) -> &str {
    match id {
        "bg_nbd" => "BG/NBD",
        "mbg_nbd" => "MBG/NBD",
        "pareto_nbd" => "Pareto/NBD",
        "bg_bb" => "BG/BB",
        "sbg" => "sBG",
        _ => id,
    }
}

/// A horizon as written on the command line (`12m`, `52w`, `90d`, `1y`)
/// in words: `12 months`.
pub fn horizon_words(h: &str, locale: Locale) -> String {
    let (number, unit) = h.split_at(h.len().saturating_sub(1));
    let n: u64 = match number.parse() {
        Ok(n) => n,
        Err(_) => return h.to_owned(),
    };
    let id = match unit {
        "d" => "horizon-days",
        "w" => "horizon-weeks",
        "m" => "horizon-months",
        "y" => "horizon-years",
        _ => return h.to_owned(),
    };
    messages::text(locale, id, &[("n", n.into())])
}

/// A value or the catalogue's "n/a".
fn or_none(value: Option<String>, locale: Locale) -> String {
    value.unwrap_or_else(|| messages::label(locale, "value-none"))
}

/// A purchase model in one sentence.
pub fn purchase_sentence(p: &PurchasePrediction, locale: Locale) -> String {
    messages::text(
        locale,
        "sentence-purchase",
        &[
            ("client", p.client.as_str().into()),
            ("model", model_name(&p.model).into()),
            ("customers", p.n_customers.into()),
            ("horizon", horizon_words(&p.horizon, locale).into()),
            (
                "transactions",
                (p.total_expected_transactions.round().max(0.0) as u64).into(),
            ),
            (
                "clv",
                or_none(
                    p.total_clv
                        .map(|v| words::money(v.max(0.0), p.currency.as_deref(), locale)),
                    locale,
                )
                .into(),
            ),
        ],
    )
}

/// A model's sentence followed by where its per-customer table is.
pub fn with_file(sentence: String, file: &str, locale: Locale) -> String {
    messages::text(
        locale,
        "sentence-per-customer",
        &[("sentence", sentence.into()), ("file", file.into())],
    )
}

/// A retention curve in one sentence.
pub fn retention_sentence(r: &RetentionCurve, locale: Locale) -> String {
    let at = |t| or_none(survival_at(r, t).map(|s| words::share(s, locale)), locale);
    messages::text(
        locale,
        "sentence-retention",
        &[
            ("client", r.client.as_str().into()),
            ("cohorts", r.survivors.len().into()),
            ("month1", at(1).into()),
            ("month12", at(12).into()),
        ],
    )
}

/// A churn classifier in one sentence.
pub fn churn_sentence(r: &ChurnReport, locale: Locale) -> String {
    messages::text(
        locale,
        "sentence-churn",
        &[
            ("client", r.client.as_str().into()),
            ("days", u64::from(r.window_days).into()),
            (
                "auc",
                or_none(r.roc_auc.map(|a| words::decimal(a, 2, locale)), locale).into(),
            ),
            ("customers", r.scored_customers.into()),
        ],
    )
}

/// A segmentation in one sentence: its three largest segments.
pub fn segments_sentence(s: &Segmentation, locale: Locale) -> String {
    let largest: Vec<String> = s
        .segments
        .iter()
        .take(3)
        .map(|g| {
            format!(
                "{} {}",
                g.segment,
                numbers::percent(&numbers::fixed(g.share, 0, locale), locale)
            )
        })
        .collect();
    messages::text(
        locale,
        "sentence-segments",
        &[
            ("client", s.client.as_str().into()),
            (
                "method",
                if s.k.is_some() { "k-means" } else { "RFM" }.into(),
            ),
            (
                "largest",
                rapport_locale::lists::and(&largest, locale).into(),
            ),
        ],
    )
}

/// A forecast's metric as the reader names it: a METRICS.md metric by its
/// catalogue name, the built-in series (revenue, orders, buyers) by theirs.
pub fn forecast_metric_name(metric: &rapport_predict::ForecastMetric, locale: Locale) -> String {
    match metric {
        rapport_predict::ForecastMetric::Catalog(id) => rapport_metrics::metric(id).map_or_else(
            || (*id).to_owned(),
            |m| words::metric_name(m.id, m.name, locale),
        ),
        other => messages::label(locale, &format!("forecast-metric-{}", other.name())),
    }
}

/// A forecast in one sentence, with its 80 % intervals.
pub fn forecast_sentence(f: &Forecast, locale: Locale) -> String {
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
    let metric = forecast_metric_name(&f.metric, locale);
    messages::text(
        locale,
        "sentence-forecast",
        &[
            ("client", f.client.as_str().into()),
            ("metric", metric.into()),
            ("model", f.model.as_str().into()),
            ("next", rapport_locale::lists::and(&next, locale).into()),
        ],
    )
}

/// Recommendations in one sentence: the hit rate against popularity.
pub fn recommend_sentence(r: &RecommendReport, locale: Locale) -> String {
    let pct = |v: Option<f64>| or_none(v.map(|h| words::share(h, locale)), locale);
    messages::text(
        locale,
        "sentence-recommend",
        &[
            ("client", r.client.as_str().into()),
            ("k", words::count(r.k as u64, locale).into()),
            ("hit", pct(r.evaluation.hit_rate).into()),
            ("popular", pct(r.evaluation.popularity_hit_rate).into()),
        ],
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

    #[test]
    fn every_churn_feature_and_risk_tier_has_words_in_every_language() {
        for &locale in Locale::ALL {
            for (feature, _) in rapport_predict::CHURN_FEATURES {
                let id = format!("churn-feature-{feature}");
                assert!(messages::has(locale, &id), "{locale}: no `{id}`");
            }
            for tier in ["high", "medium", "low"] {
                assert!(
                    messages::has(locale, &format!("risk-{tier}")),
                    "{locale}: {tier}"
                );
            }
        }
        assert_eq!(
            risk_words("high", Locale::Ro),
            messages::label(Locale::Ro, "risk-high")
        );
        assert_eq!(
            churn_feature_words("new_feature", Locale::Fa),
            "new_feature"
        );
    }

    #[test]
    fn every_segment_trait_has_words_in_every_language() {
        use rapport_predict::{
            SEGMENT_FEATURES as FEATURE_NAMES, SegmentMethod, SegmentSummary, SegmentTrait as Trait,
        };
        for &locale in Locale::ALL {
            for feature in FEATURE_NAMES {
                for side in ["high", "low"] {
                    let id = format!("segment-{feature}-{side}");
                    assert!(messages::has(locale, &id), "{locale}: no `{id}`");
                }
            }
        }
        let trait_of = |feature: &str, high: bool, z: f64| Trait {
            feature: feature.to_owned(),
            high,
            z,
        };
        let mut g = SegmentSummary {
            segment: "cluster 1".to_owned(),
            description: Some("bought recently, buy often".to_owned()),
            traits: vec![
                trait_of("recency", false, -1.2),
                trait_of("frequency", true, 0.8),
            ],
            customers: 10,
            share: 50.0,
            revenue_share: 60.0,
            mean_recency_days: 12.0,
            mean_frequency: 3.0,
            mean_monetary: 80.0,
        };
        assert_eq!(
            segment_words(SegmentMethod::Kmeans, &g, Locale::En).as_deref(),
            Some("bought recently and buy often")
        );
        assert_eq!(
            segment_words(SegmentMethod::Kmeans, &g, Locale::Ro).as_deref(),
            Some("au cumpărat recent și cumpără des")
        );
        g.traits.clear();
        assert_eq!(
            segment_words(SegmentMethod::Kmeans, &g, Locale::ZhHans).as_deref(),
            Some("接近平均客户")
        );
        assert_eq!(segment_words(SegmentMethod::Rfm, &g, Locale::En), None);
    }
}
