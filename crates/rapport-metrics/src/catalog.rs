//! Every metric id of METRICS.md ("Metric ids"), with its unit and the
//! direction that counts as good, so that outputs and commentary agree.

use serde::Serialize;

/// The unit a metric's value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// NPS points in [−100, 100].
    Points,
    /// A percentage in [0, 100].
    Percent,
    /// A count of things.
    Count,
    /// Money in the data's currency.
    Money,
    /// Seconds.
    Seconds,
    /// A mean score on the survey's scale.
    Score,
    /// A plain ratio (quick ratio, CLV:CAC, ROAS).
    Ratio,
}

impl Unit {
    /// How the unit is named in JSON, CSV and tables (money takes the
    /// currency code when it is known).
    pub fn label(self) -> &'static str {
        match self {
            Unit::Points => "points",
            Unit::Percent => "%",
            Unit::Count => "count",
            Unit::Money => "money",
            Unit::Seconds => "seconds",
            Unit::Score => "score",
            Unit::Ratio => "ratio",
        }
    }
}

/// Which way a change is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    /// Neither (spend, impressions): context decides.
    Neutral,
}

/// One metric of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MetricDef {
    pub id: &'static str,
    /// The METRICS.md group: survey, customer base, value, …
    pub group: &'static str,
    /// A name for people.
    pub name: &'static str,
    pub unit: Unit,
    pub better: Better,
}

const fn m(
    id: &'static str,
    group: &'static str,
    name: &'static str,
    unit: Unit,
    better: Better,
) -> MetricDef {
    MetricDef {
        id,
        group,
        name,
        unit,
        better,
    }
}

use Better::{Higher, Lower, Neutral};
use Unit::{Count, Money, Percent, Points, Ratio, Score, Seconds};

/// Every metric id, in the order of METRICS.md's table.
pub const METRICS: &[MetricDef] = &[
    m("nps", "survey", "Net Promoter Score", Points, Higher),
    m(
        "csat",
        "survey",
        "Customer satisfaction (top-2-box)",
        Percent,
        Higher,
    ),
    m(
        "ces",
        "survey",
        "Customer effort score (mean)",
        Score,
        Higher,
    ),
    m(
        "customers_start",
        "customer base",
        "Customers at start",
        Count,
        Higher,
    ),
    m(
        "customers_end",
        "customer base",
        "Customers at end",
        Count,
        Higher,
    ),
    m(
        "new_customers",
        "customer base",
        "New customers",
        Count,
        Higher,
    ),
    m("churn_rate", "customer base", "Churn rate", Percent, Lower),
    m(
        "retention_rate",
        "customer base",
        "Retention rate",
        Percent,
        Higher,
    ),
    m(
        "net_customer_growth",
        "customer base",
        "Net customer growth",
        Percent,
        Higher,
    ),
    m(
        "active_customers",
        "customer base",
        "Active customers",
        Count,
        Higher,
    ),
    m(
        "lifecycle_new",
        "customer base",
        "Lifecycle: new",
        Count,
        Higher,
    ),
    m(
        "lifecycle_returning",
        "customer base",
        "Lifecycle: returning",
        Count,
        Higher,
    ),
    m(
        "lifecycle_resurrecting",
        "customer base",
        "Lifecycle: resurrecting",
        Count,
        Higher,
    ),
    m(
        "lifecycle_dormant",
        "customer base",
        "Lifecycle: dormant",
        Count,
        Lower,
    ),
    m("quick_ratio", "customer base", "Quick ratio", Ratio, Higher),
    m("revenue", "value", "Revenue", Money, Higher),
    m("orders", "value", "Orders", Count, Higher),
    m("aov", "value", "Average order value", Money, Higher),
    m(
        "purchase_frequency",
        "value",
        "Purchase frequency",
        Ratio,
        Higher,
    ),
    m(
        "repeat_purchase_rate",
        "value",
        "Repeat purchase rate",
        Percent,
        Higher,
    ),
    m(
        "clv_simple",
        "value",
        "Customer lifetime value (simple)",
        Money,
        Higher,
    ),
    m("cac", "value", "Customer acquisition cost", Money, Lower),
    m("clv_cac_ratio", "value", "CLV:CAC", Ratio, Higher),
    m("impressions", "marketing", "Impressions", Count, Neutral),
    m("clicks", "marketing", "Clicks", Count, Higher),
    m("spend", "marketing", "Spend", Money, Neutral),
    m("ctr", "marketing", "Click-through rate", Percent, Higher),
    m("cpc", "marketing", "Cost per click", Money, Lower),
    m(
        "cpm",
        "marketing",
        "Cost per 1,000 impressions",
        Money,
        Lower,
    ),
    m("cpa", "marketing", "Cost per acquisition", Money, Lower),
    m("roas", "marketing", "Return on ad spend", Ratio, Higher),
    m(
        "conversion_rate",
        "marketing",
        "Conversion rate",
        Percent,
        Higher,
    ),
    m(
        "email_open_rate",
        "marketing",
        "E-mail open rate",
        Percent,
        Higher,
    ),
    m(
        "email_ctr",
        "marketing",
        "E-mail click-through rate",
        Percent,
        Higher,
    ),
    m(
        "social_engagement_rate",
        "social",
        "Social engagement rate (followers)",
        Percent,
        Higher,
    ),
    m(
        "social_engagement_rate_reach",
        "social",
        "Social engagement rate (reach)",
        Percent,
        Higher,
    ),
    m("sessions", "web", "Sessions", Count, Higher),
    m(
        "avg_session_duration",
        "web",
        "Average session duration",
        Seconds,
        Higher,
    ),
    m(
        "engagement_rate",
        "web",
        "Engagement rate (GA4)",
        Percent,
        Higher,
    ),
    m("bounce_rate", "web", "Bounce rate (GA4)", Percent, Lower),
    m(
        "bounce_rate_single_page",
        "web",
        "Bounce rate (single page)",
        Percent,
        Lower,
    ),
    m(
        "cart_abandonment_rate",
        "web",
        "Cart abandonment rate",
        Percent,
        Lower,
    ),
    m("tickets_opened", "support", "Tickets opened", Count, Lower),
    m(
        "tickets_resolved",
        "support",
        "Tickets resolved",
        Count,
        Higher,
    ),
    m(
        "fcr",
        "support",
        "First-contact resolution",
        Percent,
        Higher,
    ),
    m(
        "escalation_rate",
        "support",
        "Escalation rate",
        Percent,
        Lower,
    ),
    m(
        "first_response_time",
        "support",
        "First response time (mean)",
        Seconds,
        Lower,
    ),
    m(
        "resolution_time",
        "support",
        "Resolution time (mean)",
        Seconds,
        Lower,
    ),
];

/// The catalog entry of `id`.
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_of_metrics_md_is_in_the_catalog_once() {
        // The table of METRICS.md, "Metric ids", as written there.
        let md = "
| survey | `nps`, `csat`, `ces` |
| customer base | `customers_start`, `customers_end`, `new_customers`, `churn_rate`, `retention_rate`, `net_customer_growth`, `active_customers`, `lifecycle_new`, `lifecycle_returning`, `lifecycle_resurrecting`, `lifecycle_dormant`, `quick_ratio` |
| value | `revenue`, `orders`, `aov`, `purchase_frequency`, `repeat_purchase_rate`, `clv_simple`, `cac`, `clv_cac_ratio` |
| marketing | `impressions`, `clicks`, `spend`, `ctr`, `cpc`, `cpm`, `cpa`, `roas`, `conversion_rate`, `email_open_rate`, `email_ctr` |
| social | `social_engagement_rate` (followers), `social_engagement_rate_reach` |
| web | `sessions`, `avg_session_duration`, `engagement_rate`, `bounce_rate`, `bounce_rate_single_page`, `cart_abandonment_rate` |
| support | `tickets_opened`, `tickets_resolved`, `fcr`, `escalation_rate`, `first_response_time` (mean, median, p90 in seconds), `resolution_time` |
";
        let table: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| "))
            .flat_map(|l| l.split('`').skip(1).step_by(2))
            .collect();
        assert!(table.len() >= 48, "{table:?}");
        for id in &table {
            assert!(
                metric(id).is_some(),
                "METRICS.md id `{id}` is not in the catalog"
            );
        }
        assert_eq!(table.len(), METRICS.len());
    }
}
