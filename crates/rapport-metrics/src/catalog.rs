//! Every metric id of METRICS.md ("Metric ids"), with its unit and the
//! direction that counts as good, so that outputs and commentary agree.

use rapport_schema::Entity;
use serde::{Deserialize, Serialize};

/// The unit a metric's value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    /// Neither (spend, impressions): context decides.
    Neutral,
}

/// The plans that measure metrics: one fused plan per family (see
/// `families.rs`), named by what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Survey responses: NPS, CSAT, CES.
    Survey,
    /// Subscriptions, else completed orders with the inactivity window.
    Base,
    /// Completed orders.
    Orders,
    /// Ad spend.
    Marketing,
    /// E-mail campaigns.
    Email,
    /// Social posts.
    Social,
    /// Web events.
    Web,
    /// Support tickets.
    Support,
}

impl Family {
    /// Every family, in the order the suite runs them.
    pub const ALL: [Family; 8] = [
        Family::Survey,
        Family::Base,
        Family::Orders,
        Family::Marketing,
        Family::Email,
        Family::Social,
        Family::Web,
        Family::Support,
    ];

    /// The entities the family's plan reads.
    pub fn reads(self) -> &'static [Entity] {
        match self {
            Family::Survey => &[Entity::SurveyResponses],
            Family::Base => &[Entity::Subscriptions, Entity::Orders],
            Family::Orders => &[Entity::Orders],
            Family::Marketing => &[Entity::MarketingSpend],
            Family::Email => &[Entity::EmailCampaigns],
            Family::Social => &[Entity::SocialPosts],
            Family::Web => &[Entity::WebEvents],
            Family::Support => &[Entity::SupportTickets],
        }
    }
}

/// One metric of the catalog: the one registry every list of metric ids
/// is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MetricDef {
    pub id: &'static str,
    /// The METRICS.md group: survey, customer base, value, …
    pub group: &'static str,
    /// A name for people.
    pub name: &'static str,
    pub unit: Unit,
    pub better: Better,
    /// The plans whose measures the value comes from: the first measures
    /// it, the others give what a derived metric (CLV, CAC, conversion
    /// from ads) is computed from.
    pub families: &'static [Family],
}

impl MetricDef {
    /// The entities the metric reads, through its families.
    pub fn reads(&self) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        for f in self.families {
            for e in f.reads() {
                if !out.contains(e) {
                    out.push(*e);
                }
            }
        }
        out
    }
}

const fn m(
    id: &'static str,
    group: &'static str,
    name: &'static str,
    unit: Unit,
    better: Better,
    families: &'static [Family],
) -> MetricDef {
    MetricDef {
        id,
        group,
        name,
        unit,
        better,
        families,
    }
}

/// The ids that `family`'s plan alone measures (derived metrics, which
/// list several families, are not among them).
pub fn ids_of(family: Family) -> impl Iterator<Item = &'static str> {
    METRICS
        .iter()
        .filter(move |m| m.families == [family])
        .map(|m| m.id)
}

use Better::{Higher, Lower, Neutral};
use Family::{Base, Email, Marketing, Orders, Social, Support, Survey, Web};
use Unit::{Count, Money, Percent, Points, Ratio, Score, Seconds};

/// Every metric id, in the order of METRICS.md's table.
pub const METRICS: &[MetricDef] = &[
    m(
        "nps",
        "survey",
        "Net Promoter Score",
        Points,
        Higher,
        &[Survey],
    ),
    m(
        "csat",
        "survey",
        "Customer satisfaction (top-2-box)",
        Percent,
        Higher,
        &[Survey],
    ),
    m(
        "ces",
        "survey",
        "Customer effort score (mean)",
        Score,
        Higher,
        &[Survey],
    ),
    m(
        "customers_start",
        "customer base",
        "Customers at start",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "customers_end",
        "customer base",
        "Customers at end",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "new_customers",
        "customer base",
        "New customers",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "churn_rate",
        "customer base",
        "Churn rate",
        Percent,
        Lower,
        &[Base],
    ),
    m(
        "retention_rate",
        "customer base",
        "Retention rate",
        Percent,
        Higher,
        &[Base],
    ),
    m(
        "net_customer_growth",
        "customer base",
        "Net customer growth",
        Percent,
        Higher,
        &[Base],
    ),
    m(
        "active_customers",
        "customer base",
        "Active customers",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "lifecycle_new",
        "customer base",
        "Lifecycle: new",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "lifecycle_returning",
        "customer base",
        "Lifecycle: returning",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "lifecycle_resurrecting",
        "customer base",
        "Lifecycle: resurrecting",
        Count,
        Higher,
        &[Base],
    ),
    m(
        "lifecycle_dormant",
        "customer base",
        "Lifecycle: dormant",
        Count,
        Lower,
        &[Base],
    ),
    m(
        "quick_ratio",
        "customer base",
        "Quick ratio",
        Ratio,
        Higher,
        &[Base],
    ),
    m("revenue", "value", "Revenue", Money, Higher, &[Orders]),
    m("orders", "value", "Orders", Count, Higher, &[Orders]),
    m(
        "aov",
        "value",
        "Average order value",
        Money,
        Higher,
        &[Orders],
    ),
    m(
        "purchase_frequency",
        "value",
        "Purchase frequency",
        Ratio,
        Higher,
        &[Orders],
    ),
    m(
        "repeat_purchase_rate",
        "value",
        "Repeat purchase rate",
        Percent,
        Higher,
        &[Orders],
    ),
    m(
        "clv_simple",
        "value",
        "Customer lifetime value (simple)",
        Money,
        Higher,
        &[Orders, Base],
    ),
    m(
        "cac",
        "value",
        "Customer acquisition cost",
        Money,
        Lower,
        &[Marketing, Base],
    ),
    m(
        "clv_cac_ratio",
        "value",
        "CLV:CAC",
        Ratio,
        Higher,
        &[Orders, Base, Marketing],
    ),
    m(
        "impressions",
        "marketing",
        "Impressions",
        Count,
        Neutral,
        &[Marketing],
    ),
    m("clicks", "marketing", "Clicks", Count, Higher, &[Marketing]),
    m("spend", "marketing", "Spend", Money, Neutral, &[Marketing]),
    m(
        "ctr",
        "marketing",
        "Click-through rate",
        Percent,
        Higher,
        &[Marketing],
    ),
    m(
        "cpc",
        "marketing",
        "Cost per click",
        Money,
        Lower,
        &[Marketing],
    ),
    m(
        "cpm",
        "marketing",
        "Cost per 1,000 impressions",
        Money,
        Lower,
        &[Marketing],
    ),
    m(
        "cpa",
        "marketing",
        "Cost per acquisition",
        Money,
        Lower,
        &[Marketing],
    ),
    m(
        "roas",
        "marketing",
        "Return on ad spend",
        Ratio,
        Higher,
        &[Marketing],
    ),
    m(
        "conversion_rate",
        "marketing",
        "Conversion rate",
        Percent,
        Higher,
        &[Web, Marketing],
    ),
    m(
        "email_open_rate",
        "marketing",
        "E-mail open rate",
        Percent,
        Higher,
        &[Email],
    ),
    m(
        "email_ctr",
        "marketing",
        "E-mail click-through rate",
        Percent,
        Higher,
        &[Email],
    ),
    m(
        "social_engagement_rate",
        "social",
        "Social engagement rate (followers)",
        Percent,
        Higher,
        &[Social],
    ),
    m(
        "social_engagement_rate_reach",
        "social",
        "Social engagement rate (reach)",
        Percent,
        Higher,
        &[Social],
    ),
    m("sessions", "web", "Sessions", Count, Higher, &[Web]),
    m(
        "avg_session_duration",
        "web",
        "Average session duration",
        Seconds,
        Higher,
        &[Web],
    ),
    m(
        "engagement_rate",
        "web",
        "Engagement rate (GA4)",
        Percent,
        Higher,
        &[Web],
    ),
    m(
        "bounce_rate",
        "web",
        "Bounce rate (GA4)",
        Percent,
        Lower,
        &[Web],
    ),
    m(
        "bounce_rate_single_page",
        "web",
        "Bounce rate (single page)",
        Percent,
        Lower,
        &[Web],
    ),
    m(
        "cart_abandonment_rate",
        "web",
        "Cart abandonment rate",
        Percent,
        Lower,
        &[Web],
    ),
    m(
        "tickets_opened",
        "support",
        "Tickets opened",
        Count,
        Lower,
        &[Support],
    ),
    m(
        "tickets_resolved",
        "support",
        "Tickets resolved",
        Count,
        Higher,
        &[Support],
    ),
    m(
        "fcr",
        "support",
        "First-contact resolution",
        Percent,
        Higher,
        &[Support],
    ),
    m(
        "escalation_rate",
        "support",
        "Escalation rate",
        Percent,
        Lower,
        &[Support],
    ),
    m(
        "first_response_time",
        "support",
        "First response time (mean)",
        Seconds,
        Lower,
        &[Support],
    ),
    m(
        "resolution_time",
        "support",
        "Resolution time (mean)",
        Seconds,
        Lower,
        &[Support],
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
