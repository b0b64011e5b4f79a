//! Recommended actions. Each comes from one rule over numbers already in
//! the report (a finding that needs attention, a target missed, the call
//! list, a stale source, quarantined rows) and names the rule and the
//! metrics that triggered it, so no action claims a fact the report does
//! not show.

use rapport_app::words::Locale;

use crate::document::{Action, Basis, DataQuality, Findings, Kpi, Predictions};
use crate::messages::{self, Arg};

/// How many actions a report recommends; more is a list nobody acts on.
pub const MAX_ACTIONS: usize = 5;

/// The rule a metric's bad news triggers: metrics of the same concern
/// share one action.
fn rule_for(metric: &str) -> &'static str {
    match metric {
        "churn_rate"
        | "retention_rate"
        | "repeat_purchase_rate"
        | "active_customers"
        | "purchase_frequency"
        | "net_customer_growth"
        | "quick_ratio"
        | "lifecycle_dormant"
        | "lifecycle_returning" => "retention_fell",
        "nps" | "csat" | "ces" => "satisfaction_fell",
        "conversion_rate"
        | "cart_abandonment_rate"
        | "bounce_rate"
        | "bounce_rate_single_page"
        | "engagement_rate"
        | "avg_session_duration" => "conversion_fell",
        "revenue" | "aov" | "orders" | "clv_simple" => "revenue_fell",
        "cac" | "cpa" | "cpc" | "cpm" | "roas" | "ctr" | "clv_cac_ratio" => "marketing_fell",
        "fcr" | "first_response_time" | "resolution_time" | "escalation_rate" => "service_fell",
        _ => "metric_fell",
    }
}

pub(crate) fn recommend(
    findings: &Findings,
    predictions: &Predictions,
    quality: &DataQuality,
    triangulation: &[crate::triangulation::Check],
    kpis: &[Kpi],
    locale: Locale,
) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    let mut add = |rule: &str, because: Vec<String>, text: String| {
        if let Some(a) = out.iter_mut().find(|a| a.rule == rule) {
            for b in because {
                if !a.because.contains(&b) {
                    a.because.push(b);
                }
            }
        } else {
            out.push(Action {
                rule: rule.to_owned(),
                because,
                text,
                basis: String::new(),
            });
        }
    };
    for f in &findings.needs_attention {
        let name = kpis
            .iter()
            .find(|k| k.metric == f.metric)
            .map(|k| k.name.clone())
            .or_else(|| {
                rapport_metrics::metric(&f.metric)
                    .map(|d| rapport_app::words::metric_name(d.id, d.name, locale))
            })
            .unwrap_or_else(|| f.metric.clone());
        let (rule, id) = if f.basis == Basis::Target {
            ("target_missed", "action-target_missed")
        } else {
            let rule = rule_for(&f.metric);
            (rule, rule)
        };
        let id = if id.starts_with("action-") {
            id.to_owned()
        } else {
            format!("action-{id}")
        };
        let mut args: Vec<(&str, Arg)> = vec![("metric", name.into())];
        if rule == "retention_fell"
            && let Some(p) = &predictions.purchase
            && !p.call_list.is_empty()
        {
            args.push(("customers", p.call_list.len().into()));
            add(
                rule,
                vec![f.metric.clone(), "call_list".to_owned()],
                messages::text(locale, "action-retention_fell-call", &args),
            );
            continue;
        }
        add(
            rule,
            vec![f.metric.clone()],
            messages::text(locale, &id, &args),
        );
    }
    if let Some(p) = &predictions.purchase
        && !p.call_list.is_empty()
    {
        add(
            "call_list",
            vec!["call_list".to_owned(), "p_alive".to_owned()],
            messages::text(
                locale,
                "action-call_list",
                &[("customers", p.call_list.len().into())],
            ),
        );
    }
    for c in triangulation.iter().filter(|c| c.flagged) {
        add(
            &format!("triangulation_{}", c.check),
            vec![c.a.entity.clone(), c.b.entity.clone()],
            messages::text(
                locale,
                "action-triangulation",
                &[
                    ("quantity", c.quantity.as_str().into()),
                    ("a", c.a.label.as_str().into()),
                    ("b", c.b.label.as_str().into()),
                    (
                        "cause",
                        c.causes.first().cloned().unwrap_or_default().into(),
                    ),
                ],
            ),
        );
    }
    for s in quality.sources.iter().filter(|s| !s.fresh) {
        add(
            "stale_source",
            vec![s.entity.clone()],
            messages::text(
                locale,
                "action-stale_source",
                &[
                    ("source", s.name.as_str().into()),
                    ("loaded", s.last_loaded_text.as_str().into()),
                ],
            ),
        );
    }
    if let Some(r) = quality.top_reasons.first() {
        add(
            "quarantine",
            vec![r.entity.clone()],
            messages::text(
                locale,
                "action-quarantine",
                &[
                    ("rows", quality.quarantined.into()),
                    ("source", r.name.as_str().into()),
                    ("column", r.column.as_str().into()),
                ],
            ),
        );
    }
    out.truncate(MAX_ACTIONS);
    for a in &mut out {
        a.basis = messages::text(
            locale,
            "action-basis",
            &[
                (
                    "metrics",
                    rapport_locale::lists::and(&named(&a.because, locale), locale).into(),
                ),
                ("rule", a.rule.as_str().into()),
            ],
        );
    }
    out
}

/// What an action rests on, as the reader names it: a metric by its name,
/// a source (for quarantined rows) by the entity's name. The JSON keeps
/// the ids in `because`.
fn named(because: &[String], locale: Locale) -> Vec<String> {
    because
        .iter()
        .map(|id| match rapport_metrics::metric(id) {
            Some(def) => rapport_app::words::metric_name(id, def.name, locale),
            None => crate::quality::entity_name(id, locale),
        })
        .collect()
}
