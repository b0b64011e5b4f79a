//! Restricting a client's tables to a segment, and splitting them by an
//! attribute: each makes a new session whose tables are filtered views of
//! the client's, so every metric plan runs unchanged on the subset.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Duration};
use datafusion::common::JoinType;
use datafusion::datasource::TableProvider;
use datafusion::functions_nested::expr_fn::array_has;
use datafusion::prelude::{DataFrame, ParquetReadOptions, SessionContext, col, lit};
use rapport_schema::{Entity, SOURCE_COLUMN};
use rapport_store::Workspace;

use crate::catalog::{Family, ids_of};
use crate::filter::{self, Filter};
use crate::period::Period;
use crate::sql::{rows, ts};
use crate::{Error, Result};

/// Entities whose rows belong to a customer (and can follow a segment).
const CUSTOMER_ENTITIES: &[Entity] = &[
    Entity::Customers,
    Entity::Orders,
    Entity::Subscriptions,
    Entity::SurveyResponses,
    Entity::SupportTickets,
    Entity::WebEvents,
];

/// The metric ids each entity feeds, so a breakdown by a column an entity
/// lacks can say so instead of repeating the total.
fn metrics_of(entity: Entity) -> &'static [&'static str] {
    match entity {
        Entity::SurveyResponses => &["nps", "csat", "ces"],
        Entity::MarketingSpend => &[
            "impressions",
            "clicks",
            "spend",
            "ctr",
            "cpc",
            "cpm",
            "cpa",
            "roas",
            "cac",
            "clv_cac_ratio",
        ],
        Entity::EmailCampaigns => &["email_open_rate", "email_ctr"],
        Entity::SocialPosts => &["social_engagement_rate", "social_engagement_rate_reach"],
        Entity::WebEvents => &[
            "sessions",
            "avg_session_duration",
            "engagement_rate",
            "bounce_rate",
            "bounce_rate_single_page",
            "cart_abandonment_rate",
            "conversion_rate",
        ],
        Entity::SupportTickets => &[
            "tickets_opened",
            "tickets_resolved",
            "fcr",
            "escalation_rate",
            "first_response_time",
            "resolution_time",
        ],
        Entity::Orders => &[
            "revenue",
            "orders",
            "aov",
            "purchase_frequency",
            "repeat_purchase_rate",
        ],
        _ => &[],
    }
}

async fn providers(base: &SessionContext) -> Result<Vec<(Entity, Arc<dyn TableProvider>)>> {
    let mut out = Vec::new();
    for e in Entity::ALL {
        out.push((e, base.table_provider(e.name()).await?));
    }
    Ok(out)
}

/// A new session with the client's tables, each passed through `view`.
async fn derived(
    base: &SessionContext,
    view: impl Fn(Entity, DataFrame) -> Result<DataFrame>,
) -> Result<SessionContext> {
    let ctx = rapport_engine::fresh_context(base);
    for (entity, provider) in providers(base).await? {
        let df = ctx.read_table(provider)?;
        let df = view(entity, df)?;
        ctx.register_table(entity.name(), df.into_view())?;
    }
    Ok(ctx)
}

/// One row per known customer with every field of the filter language,
/// measured at the end of `period` (see [`filter::FIELDS`]).
pub(crate) async fn customer_features(
    base: &SessionContext,
    saved_segments: &[(String, String)],
    period: &Period,
    tz: chrono_tz::Tz,
) -> Result<DataFrame> {
    let (_, end) = period.instants(tz);
    let days = |n: i64| ts(end - Duration::days(n));
    let year = period.last_day().year();
    let sql = format!(
        "WITH ids AS (
            SELECT customer_id FROM customers
            UNION SELECT customer_id FROM orders
            UNION SELECT customer_id FROM subscriptions
            UNION SELECT customer_id FROM survey_responses WHERE customer_id IS NOT NULL
            UNION SELECT customer_id FROM support_tickets WHERE customer_id IS NOT NULL),
          c AS (SELECT customer_id, country, region, city, gender, company_type, industry,
                       acquisition_channel, plan, lifecycle_stage, interests, birth_year,
                       acquisition_cost, created_at,
                       ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at) AS rn
                FROM customers),
          o AS (SELECT customer_id,
                       SUM(CASE WHEN ordered_at >= {d30} THEN 1 ELSE 0 END) AS orders_30d,
                       SUM(CASE WHEN ordered_at >= {d90} THEN 1 ELSE 0 END) AS orders_90d,
                       SUM(CASE WHEN ordered_at >= {d365} THEN 1 ELSE 0 END) AS orders_365d,
                       COUNT(*) AS orders_total,
                       SUM(CASE WHEN ordered_at >= {d90} THEN amount ELSE 0 END) AS revenue_90d,
                       SUM(amount) AS revenue_total,
                       MAX(ordered_at) AS last_order
                FROM orders WHERE (status IS NULL OR status = 'completed') AND ordered_at < {end}
                GROUP BY customer_id),
          s AS (SELECT customer_id, plan,
                       ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY started_at DESC) AS rn
                FROM subscriptions WHERE started_at < {end}),
          t AS (SELECT customer_id, COUNT(*) AS tickets_90d FROM support_tickets
                WHERE opened_at >= {d90} AND opened_at < {end} AND customer_id IS NOT NULL
                GROUP BY customer_id),
          n AS (SELECT customer_id, score,
                       ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY responded_at DESC) AS rn
                FROM survey_responses
                WHERE survey = 'nps' AND responded_at < {end} AND customer_id IS NOT NULL)
         SELECT ids.customer_id, c.country, c.region, c.city, c.gender, c.company_type, c.industry,
                c.acquisition_channel, COALESCE(c.plan, s.plan) AS plan, c.lifecycle_stage,
                c.interests, CAST(c.birth_year AS DOUBLE) AS birth_year,
                CAST({year} - c.birth_year AS DOUBLE) AS age,
                CASE WHEN {year} - c.birth_year < 18 THEN 'under 18'
                     WHEN {year} - c.birth_year < 25 THEN '18-24'
                     WHEN {year} - c.birth_year < 35 THEN '25-34'
                     WHEN {year} - c.birth_year < 45 THEN '35-44'
                     WHEN {year} - c.birth_year < 55 THEN '45-54'
                     WHEN {year} - c.birth_year < 65 THEN '55-64'
                     WHEN c.birth_year IS NOT NULL THEN '65+' END AS age_band,
                c.acquisition_cost,
                CAST((CAST({end} AS BIGINT) - CAST(c.created_at AS BIGINT)) / 86400000000 AS DOUBLE) AS days_since_signup,
                CAST(COALESCE(o.orders_30d, 0) AS DOUBLE) AS orders_30d,
                CAST(COALESCE(o.orders_90d, 0) AS DOUBLE) AS orders_90d,
                CAST(COALESCE(o.orders_365d, 0) AS DOUBLE) AS orders_365d,
                CAST(COALESCE(o.orders_total, 0) AS DOUBLE) AS orders_total,
                COALESCE(o.revenue_90d, 0) AS revenue_90d,
                COALESCE(o.revenue_total, 0) AS revenue_total,
                CAST((CAST({end} AS BIGINT) - CAST(o.last_order AS BIGINT)) / 86400000000 AS DOUBLE) AS days_since_last_order,
                CAST(COALESCE(t.tickets_90d, 0) AS DOUBLE) AS tickets_90d,
                n.score AS last_nps
         FROM ids
         LEFT JOIN c ON c.customer_id = ids.customer_id AND c.rn = 1
         LEFT JOIN o ON o.customer_id = ids.customer_id
         LEFT JOIN s ON s.customer_id = ids.customer_id AND s.rn = 1
         LEFT JOIN t ON t.customer_id = ids.customer_id
         LEFT JOIN n ON n.customer_id = ids.customer_id AND n.rn = 1",
        end = ts(end),
        d30 = days(30),
        d90 = days(90),
        d365 = days(365),
    );
    let mut features = base.sql(&sql).await?;
    for (name, path) in saved_segments {
        let column = filter::segment_column(name);
        let saved = base
            .read_parquet(path.as_str(), ParquetReadOptions::default())
            .await?
            .select(vec![
                col("customer_id").alias("segment_customer_id"),
                col("segment").alias(column.as_str()),
            ])?;
        features = features.join(
            saved,
            JoinType::Left,
            &["customer_id"],
            &["segment_customer_id"],
            None,
        )?;
    }
    Ok(features)
}

/// The files of the saved segments `names` (`rapport segments --save`).
pub(crate) fn saved_segment_files(
    ws: &Workspace,
    client: &str,
    names: &[String],
) -> Result<Vec<(String, String)>> {
    names
        .iter()
        .map(|name| {
            let path = ws.segments_dir(client).join(format!("{name}.parquet"));
            if path.is_file() {
                Ok((name.clone(), rapport_engine::file_location(ws, &path)?))
            } else {
                Err(Error::Invalid(format!(
                    "no saved segment `{name}` for client `{client}`; save one with `rapport segments {client} --method rfm --save {name}`"
                )))
            }
        })
        .collect()
}

/// A session whose customer-attributable tables hold only the customers
/// `filter` selects at the end of `period`.
pub(crate) async fn segment(
    base: &SessionContext,
    ws: &Workspace,
    client: &str,
    filter: &Filter,
    period: &Period,
    tz: chrono_tz::Tz,
) -> Result<SessionContext> {
    let files = saved_segment_files(ws, client, &filter.segments())?;
    let features = customer_features(base, &files, period, tz).await?;
    let chosen = features
        .filter(filter.to_expr())?
        .select(vec![col("customer_id").alias("segment_customer_id")])?;
    restrict(base, chosen).await
}

/// A session whose customer-attributable tables hold only the customers in
/// `chosen` (one column, `segment_customer_id`).
async fn restrict(base: &SessionContext, chosen: DataFrame) -> Result<SessionContext> {
    derived(base, |entity, df| {
        if CUSTOMER_ENTITIES.contains(&entity) {
            Ok(df.join(
                chosen.clone(),
                JoinType::LeftSemi,
                &["customer_id"],
                &["segment_customer_id"],
                None,
            )?)
        } else {
            Ok(df)
        }
    })
    .await
}

/// A breakdown of the client's data by one attribute.
pub(crate) struct Split {
    /// (value, session holding only that value's rows), largest first.
    pub groups: Vec<(String, SessionContext)>,
    pub total_groups: usize,
    /// Whether the split is by customer attribute (rows not attributable to
    /// customers are then out of every group).
    pub by_customer: bool,
    /// Metrics whose tables lack the attribute, with the reason.
    pub not_split: HashMap<&'static str, crate::Why>,
    pub notes: Vec<crate::Note>,
}

/// Splits by `by`: a column of the event tables that have it (`channel`,
/// `touchpoint`, `device`, `utm_campaign`, support tickets'
/// `lifecycle_stage`, …), or a customer field of the filter language
/// (`country`, `age_band`, `plan`, …; `customer.NAME` forces the customer
/// field when both exist).
pub(crate) async fn split(
    base: &SessionContext,
    by: &str,
    period: &Period,
    tz: chrono_tz::Tz,
) -> Result<Split> {
    let (customer_field, forced) = match by.strip_prefix("customer.") {
        Some(name) => (name, true),
        None => (by, false),
    };
    let entity_columns: Vec<Entity> = if forced {
        Vec::new()
    } else {
        Entity::ALL
            .into_iter()
            .filter(|e| {
                !matches!(e, Entity::Customers | Entity::Targets | Entity::Annotations)
                    && by != SOURCE_COLUMN
                    && e.spec().column(by).is_some()
                    && e.spec().key != [by]
            })
            .collect()
    };
    if !entity_columns.is_empty() {
        // Values and their row counts over every table that has the column.
        let parts: Vec<String> = entity_columns
            .iter()
            .map(|e| {
                format!(
                    "SELECT CAST({by} AS VARCHAR) AS v FROM {} WHERE {by} IS NOT NULL",
                    e.name()
                )
            })
            .collect();
        let sql = format!(
            "SELECT v, COUNT(*) AS n FROM ({}) GROUP BY v ORDER BY n DESC, v",
            parts.join(" UNION ALL ")
        );
        let values = rows(base, &sql).await?;
        let total_groups = values.len();
        let mut groups = Vec::new();
        for r in values.iter().take(crate::MAX_GROUPS) {
            let Some(v) = r.text("v") else { continue };
            let value = v.to_owned();
            let ctx = derived(base, |entity, df| {
                if entity_columns.contains(&entity) {
                    Ok(df.filter(col(by).eq(lit(value.clone())))?)
                } else {
                    Ok(df)
                }
            })
            .await?;
            groups.push((value, ctx));
        }
        let mut not_split = HashMap::new();
        let mut lacking = Vec::new();
        for e in Entity::ALL {
            if entity_columns.contains(&e) {
                continue;
            }
            for id in metrics_of(e) {
                not_split.insert(
                    *id,
                    crate::Why::NoColumn {
                        entity: e.name().to_owned(),
                        by: by.to_owned(),
                    },
                );
            }
            if !metrics_of(e).is_empty() {
                lacking.push(e.name());
            }
        }
        if !entity_columns.contains(&Entity::Orders)
            || !entity_columns.contains(&Entity::Subscriptions)
        {
            for id in ids_of(Family::Base).chain(["clv_simple"]) {
                not_split.insert(id, crate::Why::CustomersNotSplit { by: by.to_owned() });
            }
        }
        let names: Vec<&str> = entity_columns.iter().map(|e| e.name()).collect();
        let notes = vec![crate::Note::SplitByColumn {
            by: by.to_owned(),
            entities: names.iter().map(|n| (*n).to_owned()).collect(),
            unsplit: lacking.iter().map(|n| (*n).to_string()).collect(),
        }];
        return Ok(Split {
            groups,
            total_groups,
            by_customer: false,
            not_split,
            notes,
        });
    }
    let Some(field) = filter::field(customer_field) else {
        return Err(Error::Invalid(format!(
            "cannot break down by `{by}`: it is neither a column of the client's tables nor a customer field ({})",
            filter::FIELDS
                .iter()
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    if field.ty == filter::FieldType::Number {
        return Err(Error::Invalid(format!(
            "`{by}` is a number; break down by a text attribute (for ages use `age_band`), or filter with `--segment \"{by} >= …\"`"
        )));
    }
    let features = customer_features(base, &[], period, tz).await?;
    let scratch = rapport_engine::fresh_context(base);
    scratch.register_table("features", features.clone().into_view())?;
    let values_sql = if field.ty == filter::FieldType::List {
        format!(
            "SELECT v, COUNT(*) AS n FROM (SELECT unnest({0}) AS v FROM features) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v",
            field.name
        )
    } else {
        format!(
            "SELECT {0} AS v, COUNT(*) AS n FROM features WHERE {0} IS NOT NULL GROUP BY {0} ORDER BY n DESC, v",
            field.name
        )
    };
    let values = rows(&scratch, &values_sql).await?;
    let total_groups = values.len();
    let mut groups = Vec::new();
    for r in values.iter().take(crate::MAX_GROUPS) {
        let Some(v) = r.text("v") else { continue };
        let test = if field.ty == filter::FieldType::List {
            array_has(col(field.name), lit(v.to_owned()))
        } else {
            col(field.name).eq(lit(v.to_owned()))
        };
        let chosen = features
            .clone()
            .filter(test.is_true())?
            .select(vec![col("customer_id").alias("segment_customer_id")])?;
        groups.push((v.to_owned(), restrict(base, chosen).await?));
    }
    let mut notes = vec![crate::Note::SplitByField {
        field: field.name.to_owned(),
    }];
    if field.ty == filter::FieldType::List {
        notes.push(crate::Note::SeveralGroups {
            field: field.name.to_owned(),
        });
    }
    Ok(Split {
        groups,
        total_groups,
        by_customer: true,
        not_split: HashMap::new(),
        notes,
    })
}
