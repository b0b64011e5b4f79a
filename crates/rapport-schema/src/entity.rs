//! The canonical entities of `shared/DESIGN.md` and the rules their values obey.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// Column of every table: the client the rows belong to. Not stored: the
/// engine adds it (see [`EntitySpec::stored_schema`]).
pub const CLIENT_ID_COLUMN: &str = "client_id";
/// Column of every table: the system the rows came from, so that numbers
/// from two sources can be triangulated. Not stored: the engine adds it
/// from the load's catalog record.
pub const SOURCE_COLUMN: &str = "source";

/// One of the canonical tables a client's data is harmonised into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Customers,
    Orders,
    OrderItems,
    Subscriptions,
    SurveyResponses,
    SupportTickets,
    WebEvents,
    MarketingSpend,
    EmailCampaigns,
    EmailActivity,
    SocialPosts,
    Annotations,
    Targets,
    ExchangeRates,
}

/// How a canonical column is stored and parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text; empty text is a missing value.
    Text,
    /// 64-bit signed integer (counts, years).
    Integer,
    /// 64-bit float (money, rates, scores). Money is kept as a float:
    /// analytics sums and ratios, not ledgers, are what Rapport computes.
    Decimal,
    /// An instant, stored in UTC with microsecond precision. Naive source
    /// times are read in the mapping's (or the workspace's) time zone.
    Timestamp,
    /// A calendar date without time zone.
    Date,
    /// true/false.
    Boolean,
    /// A list of tags (interests); in text files separated by `;` or `|`.
    TextList,
}

impl ColumnType {
    /// The Arrow type a column of this kind is stored as.
    pub fn arrow_type(self) -> DataType {
        match self {
            ColumnType::Text => DataType::Utf8,
            ColumnType::Integer => DataType::Int64,
            ColumnType::Decimal => DataType::Float64,
            ColumnType::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            ColumnType::Date => DataType::Date32,
            ColumnType::Boolean => DataType::Boolean,
            ColumnType::TextList => {
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
            }
        }
    }

    /// The word used in messages ("is not a valid timestamp").
    pub fn describe(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "a whole number",
            ColumnType::Decimal => "a number",
            ColumnType::Timestamp => "a timestamp",
            ColumnType::Date => "a date",
            ColumnType::Boolean => "true or false",
            ColumnType::TextList => "a list",
        }
    }
}

/// A rule on a single value. Values that break a rule are quarantined, never
/// clamped or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Money and counts cannot be negative.
    NonNegative,
    /// Strictly above zero (an exchange rate).
    Positive,
    /// The value must be one of these (after the mapping's value map).
    OneOf(&'static [&'static str]),
    /// An ISO 4217 currency code: three uppercase letters.
    CurrencyCode,
    /// A plausible birth year.
    BirthYear,
    /// A reporting period label: `2026`, `2026-10`, `2026-Q3`, `2026-W41`
    /// or `2026-08-01..2026-10-31`.
    PeriodLabel,
}

/// A rule that relates several columns of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRule {
    /// `later` may be missing, but when present it is not before `earlier`
    /// (a ticket is not resolved before it was opened).
    NotBefore {
        later: &'static str,
        earlier: &'static str,
    },
    /// Survey scores lie on their declared scale; the scale defaults by
    /// survey (nps 0–10, csat 1–5, ces 1–7) and NPS is always 0–10
    /// (`shared/METRICS.md`, "NPS").
    SurveyScale,
}

/// One canonical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub ty: ColumnType,
    /// Required columns must be present in the source and non-empty in
    /// every row.
    pub required: bool,
    pub rules: &'static [Rule],
}

/// The description of one entity: key, columns and row rules.
#[derive(Debug)]
pub struct EntitySpec {
    pub entity: Entity,
    /// The natural key: unique within a load and across loads.
    pub key: &'static [&'static str],
    pub columns: &'static [ColumnSpec],
    pub row_rules: &'static [RowRule],
    /// The column that orders rows in time, if any.
    pub time_column: Option<&'static str>,
}

const fn req(name: &'static str, ty: ColumnType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: true,
        rules: &[],
    }
}

const fn opt(name: &'static str, ty: ColumnType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: false,
        rules: &[],
    }
}

const fn with(mut c: ColumnSpec, rules: &'static [Rule]) -> ColumnSpec {
    c.rules = rules;
    c
}

use ColumnType::{Boolean, Date, Decimal, Integer, Text, TextList, Timestamp};

const NON_NEG: &[Rule] = &[Rule::NonNegative];

/// Survey kinds of `shared/METRICS.md`.
pub const SURVEYS: &[&str] = &["nps", "csat", "ces"];
/// Support channels of `shared/DESIGN.md`.
pub const SUPPORT_CHANNELS: &[&str] = &["email", "chat", "phone", "social"];
/// Order statuses; only completed orders count towards revenue.
pub const ORDER_STATUSES: &[&str] = &["completed", "refunded", "cancelled"];
/// What a recipient did with a campaign e-mail.
pub(crate) const EMAIL_ACTIONS: &[&str] = &["open", "click", "bounce", "unsubscribe"];

static CUSTOMERS: EntitySpec = EntitySpec {
    entity: Entity::Customers,
    key: &["customer_id"],
    columns: &[
        req("customer_id", Text),
        req("created_at", Timestamp),
        opt("country", Text),
        opt("region", Text),
        opt("city", Text),
        with(opt("birth_year", Integer), &[Rule::BirthYear]),
        opt("gender", Text),
        with(opt("company_type", Text), &[Rule::OneOf(&["B2B", "B2C"])]),
        opt("industry", Text),
        opt("acquisition_channel", Text),
        with(opt("acquisition_cost", Decimal), NON_NEG),
        opt("interests", TextList),
        opt("plan", Text),
        opt("lifecycle_stage", Text),
    ],
    row_rules: &[],
    time_column: Some("created_at"),
};

static ORDERS: EntitySpec = EntitySpec {
    entity: Entity::Orders,
    key: &["order_id"],
    columns: &[
        req("order_id", Text),
        req("customer_id", Text),
        req("ordered_at", Timestamp),
        with(req("amount", Decimal), NON_NEG),
        with(req("currency", Text), &[Rule::CurrencyCode]),
        with(opt("status", Text), &[Rule::OneOf(ORDER_STATUSES)]),
        opt("channel", Text),
        with(opt("items", Integer), NON_NEG),
    ],
    row_rules: &[],
    time_column: Some("ordered_at"),
};

static ORDER_ITEMS: EntitySpec = EntitySpec {
    entity: Entity::OrderItems,
    key: &["order_id", "line"],
    columns: &[
        req("order_id", Text),
        with(req("line", Integer), NON_NEG),
        req("product_id", Text),
        opt("category", Text),
        with(req("quantity", Integer), NON_NEG),
        with(req("price", Decimal), NON_NEG),
    ],
    row_rules: &[],
    time_column: None,
};

static SUBSCRIPTIONS: EntitySpec = EntitySpec {
    entity: Entity::Subscriptions,
    key: &["subscription_id"],
    columns: &[
        req("subscription_id", Text),
        req("customer_id", Text),
        req("plan", Text),
        req("started_at", Timestamp),
        opt("ended_at", Timestamp),
        with(opt("mrr", Decimal), NON_NEG),
        with(opt("currency", Text), &[Rule::CurrencyCode]),
    ],
    row_rules: &[RowRule::NotBefore {
        later: "ended_at",
        earlier: "started_at",
    }],
    time_column: Some("started_at"),
};

static SURVEY_RESPONSES: EntitySpec = EntitySpec {
    entity: Entity::SurveyResponses,
    key: &["response_id"],
    columns: &[
        req("response_id", Text),
        req("responded_at", Timestamp),
        with(req("survey", Text), &[Rule::OneOf(SURVEYS)]),
        req("score", Decimal),
        opt("customer_id", Text),
        opt("scale_min", Decimal),
        opt("scale_max", Decimal),
        opt("comment", Text),
        opt("touchpoint", Text),
        opt("channel", Text),
    ],
    row_rules: &[RowRule::SurveyScale],
    time_column: Some("responded_at"),
};

static SUPPORT_TICKETS: EntitySpec = EntitySpec {
    entity: Entity::SupportTickets,
    key: &["ticket_id"],
    columns: &[
        req("ticket_id", Text),
        req("opened_at", Timestamp),
        with(req("channel", Text), &[Rule::OneOf(SUPPORT_CHANNELS)]),
        opt("customer_id", Text),
        opt("first_response_at", Timestamp),
        opt("resolved_at", Timestamp),
        with(opt("contacts", Integer), NON_NEG),
        opt("escalated", Boolean),
        opt("lifecycle_stage", Text),
        opt("category", Text),
    ],
    row_rules: &[
        RowRule::NotBefore {
            later: "first_response_at",
            earlier: "opened_at",
        },
        RowRule::NotBefore {
            later: "resolved_at",
            earlier: "opened_at",
        },
    ],
    time_column: Some("opened_at"),
};

static WEB_EVENTS: EntitySpec = EntitySpec {
    entity: Entity::WebEvents,
    key: &["event_id"],
    columns: &[
        req("event_id", Text),
        req("ts", Timestamp),
        req("event_type", Text),
        opt("session_id", Text),
        opt("customer_id", Text),
        opt("anonymous_id", Text),
        opt("page", Text),
        opt("product_id", Text),
        with(opt("revenue", Decimal), NON_NEG),
        opt("utm_source", Text),
        opt("utm_medium", Text),
        opt("utm_campaign", Text),
        opt("device", Text),
    ],
    row_rules: &[],
    time_column: Some("ts"),
};

static MARKETING_SPEND: EntitySpec = EntitySpec {
    entity: Entity::MarketingSpend,
    key: &["date", "channel", "campaign"],
    columns: &[
        req("date", Date),
        req("channel", Text),
        req("campaign", Text),
        with(req("impressions", Integer), NON_NEG),
        with(req("clicks", Integer), NON_NEG),
        with(req("spend", Decimal), NON_NEG),
        with(opt("conversions", Decimal), NON_NEG),
        with(opt("conversion_value", Decimal), NON_NEG),
        with(opt("currency", Text), &[Rule::CurrencyCode]),
    ],
    row_rules: &[],
    time_column: Some("date"),
};

static EMAIL_CAMPAIGNS: EntitySpec = EntitySpec {
    entity: Entity::EmailCampaigns,
    key: &["campaign_id"],
    columns: &[
        req("campaign_id", Text),
        req("sent_at", Timestamp),
        with(req("sent", Integer), NON_NEG),
        with(req("delivered", Integer), NON_NEG),
        with(req("opens", Integer), NON_NEG),
        with(req("clicks", Integer), NON_NEG),
        with(opt("unsubscribes", Integer), NON_NEG),
        with(opt("conversions", Integer), NON_NEG),
    ],
    row_rules: &[],
    time_column: Some("sent_at"),
};

/// What each known recipient did with a campaign (an e-mail tool's
/// per-recipient activity export): the per-customer side of
/// `email_campaigns`, which the churn classifier reads as engagement
/// (MODELS.md, "Churn classifier (features)"). One row per action, so the
/// time is part of the key: a recipient may open a campaign twice.
static EMAIL_ACTIVITY: EntitySpec = EntitySpec {
    entity: Entity::EmailActivity,
    key: &["campaign_id", "customer_id", "action", "at"],
    columns: &[
        req("campaign_id", Text),
        req("customer_id", Text),
        with(req("action", Text), &[Rule::OneOf(EMAIL_ACTIONS)]),
        req("at", Timestamp),
    ],
    row_rules: &[],
    time_column: Some("at"),
};

static SOCIAL_POSTS: EntitySpec = EntitySpec {
    entity: Entity::SocialPosts,
    key: &["post_id"],
    columns: &[
        req("post_id", Text),
        req("platform", Text),
        req("posted_at", Timestamp),
        with(req("followers", Integer), NON_NEG),
        with(req("likes", Integer), NON_NEG),
        with(req("shares", Integer), NON_NEG),
        with(req("comments", Integer), NON_NEG),
        with(opt("saves", Integer), NON_NEG),
        with(opt("reach", Integer), NON_NEG),
        with(opt("impressions", Integer), NON_NEG),
    ],
    row_rules: &[],
    time_column: Some("posted_at"),
};

static ANNOTATIONS: EntitySpec = EntitySpec {
    entity: Entity::Annotations,
    key: &["id"],
    columns: &[
        req("id", Text),
        req("date", Date),
        req("text", Text),
        opt("scope", Text),
    ],
    row_rules: &[],
    time_column: Some("date"),
};

static TARGETS: EntitySpec = EntitySpec {
    entity: Entity::Targets,
    key: &["metric", "period"],
    columns: &[
        req("metric", Text),
        with(req("period", Text), &[Rule::PeriodLabel]),
        req("value", Decimal),
    ],
    row_rules: &[],
    time_column: None,
};

/// Exchange rates the user provides: on `date`, one unit of `currency` is
/// worth `rate` units of the workspace currency. Money stays in the
/// currency it was exported in; queries see it converted (the engine's
/// views), and only where a rate exists.
static EXCHANGE_RATES: EntitySpec = EntitySpec {
    entity: Entity::ExchangeRates,
    key: &["date", "currency"],
    columns: &[
        req("date", Date),
        with(req("currency", Text), &[Rule::CurrencyCode]),
        with(req("rate", Decimal), &[Rule::Positive]),
    ],
    row_rules: &[],
    time_column: Some("date"),
};

impl Entity {
    /// Every entity, in the order of `shared/DESIGN.md`.
    pub const ALL: [Entity; 14] = [
        Entity::Customers,
        Entity::Orders,
        Entity::OrderItems,
        Entity::Subscriptions,
        Entity::SurveyResponses,
        Entity::SupportTickets,
        Entity::WebEvents,
        Entity::MarketingSpend,
        Entity::EmailCampaigns,
        Entity::EmailActivity,
        Entity::SocialPosts,
        Entity::Annotations,
        Entity::Targets,
        Entity::ExchangeRates,
    ];

    /// The table name, as used in SQL, folders and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Entity::Customers => "customers",
            Entity::Orders => "orders",
            Entity::OrderItems => "order_items",
            Entity::Subscriptions => "subscriptions",
            Entity::SurveyResponses => "survey_responses",
            Entity::SupportTickets => "support_tickets",
            Entity::WebEvents => "web_events",
            Entity::MarketingSpend => "marketing_spend",
            Entity::EmailCampaigns => "email_campaigns",
            Entity::EmailActivity => "email_activity",
            Entity::SocialPosts => "social_posts",
            Entity::Annotations => "annotations",
            Entity::Targets => "targets",
            Entity::ExchangeRates => "exchange_rates",
        }
    }

    /// Columns, key and rules of this entity.
    pub fn spec(self) -> &'static EntitySpec {
        match self {
            Entity::Customers => &CUSTOMERS,
            Entity::Orders => &ORDERS,
            Entity::OrderItems => &ORDER_ITEMS,
            Entity::Subscriptions => &SUBSCRIPTIONS,
            Entity::SurveyResponses => &SURVEY_RESPONSES,
            Entity::SupportTickets => &SUPPORT_TICKETS,
            Entity::WebEvents => &WEB_EVENTS,
            Entity::MarketingSpend => &MARKETING_SPEND,
            Entity::EmailCampaigns => &EMAIL_CAMPAIGNS,
            Entity::EmailActivity => &EMAIL_ACTIVITY,
            Entity::SocialPosts => &SOCIAL_POSTS,
            Entity::Annotations => &ANNOTATIONS,
            Entity::Targets => &TARGETS,
            Entity::ExchangeRates => &EXCHANGE_RATES,
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An entity name that is not one of the canonical ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown entity `{given}`; the entities are: {}", Entity::ALL.map(Entity::name).join(", "))]
pub struct UnknownEntity {
    pub given: String,
}

impl FromStr for Entity {
    type Err = UnknownEntity;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Entity::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| UnknownEntity {
                given: s.to_owned(),
            })
    }
}

impl EntitySpec {
    /// The column of this name, if the entity has one.
    pub fn column(&self, name: &str) -> Option<&'static ColumnSpec> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The Arrow schema of the table as queried: the canonical columns,
    /// then `client_id` and `source`.
    pub fn arrow_schema(&self) -> SchemaRef {
        let mut fields = self.stored_fields();
        fields.push(Field::new(CLIENT_ID_COLUMN, DataType::Utf8, false));
        fields.push(Field::new(SOURCE_COLUMN, DataType::Utf8, false));
        Arc::new(Schema::new(fields))
    }

    /// The schema of a load's Parquet file: the canonical columns only.
    ///
    /// `client_id` and `source` are the same on every row of a load (a
    /// file holds one load of one client), so the engine adds them when it
    /// reads the file, from the catalog, instead of the file storing them
    /// row by row: writing two constant text columns (dictionary interning
    /// and min/max statistics of every value) was about 7 % of a large
    /// load's work.
    pub fn stored_schema(&self) -> SchemaRef {
        Arc::new(Schema::new(self.stored_fields()))
    }

    fn stored_fields(&self) -> Vec<Field> {
        self.columns
            .iter()
            .map(|c| Field::new(c.name, c.ty.arrow_type(), !c.required))
            .collect()
    }
}

/// The default scale of a survey kind, per `shared/METRICS.md`.
pub fn default_survey_scale(survey: &str) -> Option<(f64, f64)> {
    match survey {
        "nps" => Some((0.0, 10.0)),
        "csat" => Some((1.0, 5.0)),
        "ces" => Some((1.0, 7.0)),
        _ => None,
    }
}

/// Whether `label` is a reporting period label (see [`Rule::PeriodLabel`]).
pub fn is_period_label(label: &str) -> bool {
    fn digits(s: &str, n: usize) -> bool {
        s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
    }
    fn date(s: &str) -> bool {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
    }
    if let Some((a, b)) = label.split_once("..") {
        return date(a) && date(b) && a <= b;
    }
    match label.split_once('-') {
        None => digits(label, 4),
        Some((y, rest)) if digits(y, 4) => {
            if let Some(q) = rest.strip_prefix('Q') {
                matches!(q, "1" | "2" | "3" | "4")
            } else if let Some(w) = rest.strip_prefix('W') {
                digits(w, 2) && (1..=53).contains(&w.parse::<u32>().unwrap_or(0))
            } else {
                digits(rest, 2) && (1..=12).contains(&rest.parse::<u32>().unwrap_or(0))
            }
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_column_is_a_required_column() {
        for e in Entity::ALL {
            let spec = e.spec();
            assert_eq!(spec.entity, e);
            for k in spec.key {
                let c = spec
                    .column(k)
                    .unwrap_or_else(|| panic!("{e}: key {k} missing"));
                assert!(c.required, "{e}: key {k} must be required");
            }
            if let Some(t) = spec.time_column {
                assert!(spec.column(t).is_some(), "{e}: time column {t}");
            }
            for rule in spec.row_rules {
                if let RowRule::NotBefore { later, earlier } = rule {
                    assert!(spec.column(later).is_some() && spec.column(earlier).is_some());
                }
            }
        }
    }

    #[test]
    fn entity_names_round_trip() {
        for e in Entity::ALL {
            assert_eq!(e.name().parse::<Entity>(), Ok(e));
        }
        let err = "order".parse::<Entity>().unwrap_err().to_string();
        assert!(err.contains("orders"), "{err}");
    }

    #[test]
    fn period_labels() {
        for ok in [
            "2026",
            "2026-10",
            "2026-Q3",
            "2026-W41",
            "2026-08-01..2026-10-31",
        ] {
            assert!(is_period_label(ok), "{ok}");
        }
        for bad in [
            "26",
            "2026-13",
            "2026-Q5",
            "2026-W54",
            "2026-10-31..2026-08-01",
            "x",
        ] {
            assert!(!is_period_label(bad), "{bad}");
        }
    }
}
