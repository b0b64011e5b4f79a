//! The metric catalog of `shared/METRICS.md`, computed as DataFusion plans
//! over one client's tables.
//!
//! [`compute`] measures every metric id of METRICS.md for a [`Period`] and
//! its comparison period (previous period or a year earlier), with the
//! uncertainty and test of difference METRICS.md asks for, and each value
//! against its target. A segment (a [`filter::Filter`] over customer
//! attributes and behaviour) restricts every customer-attributable table to
//! the segment's customers; `by` breaks the suite down by an attribute.
//!
//! Plans are SQL text assembled only from our own typed values (timestamps,
//! integers); nothing a user types is spliced into it. User filters are
//! parsed and compiled into DataFusion expressions instead.

pub mod carts;
pub mod catalog;
pub mod cohorts;
pub mod comments;
pub mod compare;
pub mod filter;
pub mod funnel;
pub mod missing;
pub mod note;
pub mod stats;
pub mod targets;
pub mod value;

mod families;
mod scope;
mod sql;

pub use sql::{RecordedQuery, RecordedValue, Recorder};

use rapport_schema::Label;
use std::collections::HashMap;

use chrono::NaiveDate;
use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

pub use catalog::{Family, METRICS, MetricDef, ids_of, metric};
pub use filter::Filter;
pub use missing::Why;
pub use note::Note;
pub use rapport_schema::period;
pub use rapport_schema::period::{Compare, InvalidPeriod, Period};
pub use rapport_schema::{Calendar, CalendarSystem};
pub use value::{Measure, MetricValue};

use families::{Measures, Setup};
use sql::Window;

/// Errors of the metric catalog.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Engine(#[from] rapport_engine::Error),

    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error("a metric plan failed: {0}")]
    Query(#[from] datafusion::error::DataFusionError),

    #[error("a metric plan failed: {0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),

    #[error(transparent)]
    Filter(#[from] filter::FilterError),

    #[error(transparent)]
    Period(#[from] InvalidPeriod),

    #[error("{0}")]
    Invalid(String),

    #[error("internal error: {0}")]
    Internal(String),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What to measure.
#[derive(Debug, Clone)]
pub struct Request {
    pub period: Period,
    pub compare: Compare,
    /// A period chosen to compare with, in place of the one `compare`
    /// names (a dashboard's "compare with Q1 2026"); the same tests apply.
    pub against: Option<Period>,
    /// Restrict to the customers this filter selects.
    pub segment: Option<Filter>,
    /// Break the suite down by this attribute (`country`, `channel`, …).
    pub by: Option<String>,
    /// Only these metric ids (all when empty).
    pub only: Vec<String>,
    /// The day the report is made on, in the workspace time zone: a period
    /// that has not ended by its start is incomplete, and a cart whose
    /// window has not ended by then is still open. Never guessed from the
    /// clock or the data, so a scheduled report and a test fix it.
    pub as_of: NaiveDate,
    /// Where to keep every plan run and its result (the metrics bench).
    pub recorder: Option<std::sync::Arc<Recorder>>,
}

impl Request {
    /// Every metric for `period` against the previous period, as of `as_of`.
    pub fn new(period: Period, as_of: NaiveDate) -> Request {
        Request {
            period,
            compare: Compare::Previous,
            against: None,
            segment: None,
            by: None,
            only: Vec::new(),
            as_of,
            recorder: None,
        }
    }
}

/// A period as output: first and last day (inclusive, Gregorian ISO dates
/// whatever the client's calendar) and the label (in the client's calendar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodRange {
    pub label: String,
    /// The calendar the label is in; absent for the Gregorian calendar.
    #[serde(default, skip_serializing_if = "is_gregorian")]
    pub calendar: rapport_schema::CalendarSystem,
    pub start: String,
    pub end: String,
    /// Whether the period has ended (an incomplete period is not compared
    /// as if it were whole).
    pub complete: bool,
}

fn is_gregorian(c: &rapport_schema::CalendarSystem) -> bool {
    *c == rapport_schema::CalendarSystem::Gregorian
}

impl PeriodRange {
    pub(crate) fn of(p: &Period, today: NaiveDate) -> PeriodRange {
        PeriodRange {
            label: p.to_string(),
            calendar: p.calendar.system,
            start: p.start.to_string(),
            end: p.last_day().to_string(),
            complete: p.is_complete(today),
        }
    }
}

/// The metrics of one group of a `by` breakdown.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub value: String,
    pub metrics: Vec<MetricValue>,
}

/// Everything `rapport metrics` reports: METRICS.md's JSON shape plus the
/// segment and breakdown it was computed for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricsReport {
    pub client: String,
    pub period: PeriodRange,
    pub comparison: Option<PeriodRange>,
    pub compare: Compare,
    pub segment: Option<String>,
    /// Whether customer counts come from subscriptions or orders.
    pub customer_basis: Label,
    pub metrics: Vec<MetricValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Notes a reader needs (groups left out, definitions chosen).
    pub notes: Vec<crate::Note>,
}

/// The most groups a breakdown shows (largest first).
pub const MAX_GROUPS: usize = 25;

pub(crate) fn window(p: &Period, tz: chrono_tz::Tz) -> Window {
    let (start, end) = p.instants(tz);
    let prev = p.previous();
    Window {
        start,
        end,
        start_day: p.start,
        end_day: p.end,
        prev_start: prev.instants(tz).0,
        days: p.days() as f64,
    }
}

/// Measures every metric of the catalog for `req` over `client`'s data.
pub async fn compute(ws: &Workspace, client: &str, req: &Request) -> Result<MetricsReport> {
    for id in &req.only {
        if metric(id).is_none() {
            return Err(Error::Invalid(format!(
                "no metric `{id}`; the ids are listed by `rapport metrics --list`"
            )));
        }
    }
    let settings = ws.settings();
    let tz = settings.tz();
    let today = req.as_of;
    let session = ClientSession::open(ws, client).await?;
    let base = session.context();
    if let Some(recorder) = &req.recorder {
        recorder.attach(base);
    }
    let comparison = req
        .against
        .clone()
        .or_else(|| req.period.comparison(req.compare));
    let mut windows = vec![window(&req.period, tz)];
    if let Some(c) = &comparison {
        windows.push(window(c, tz));
    }
    let setup = Setup {
        inactivity_days: i64::from(settings.inactivity_days),
        session_timeout_minutes: i64::from(settings.session_timeout_minutes),
        engaged_session_seconds: i64::from(settings.engaged_session_seconds),
        segmented: req.segment.is_some(),
        currency: settings.currency.clone(),
        as_of: period::local_midnight(req.as_of, tz),
    };
    let targets = targets::for_period(ws, &session, &req.period).await?;
    let segment_ctx = match &req.segment {
        Some(f) => Some(scope::segment(base, ws, client, f, &req.period, tz).await?),
        None => None,
    };
    let ctx = match &segment_ctx {
        Some(c) => c,
        None => base,
    };
    let contractual = families::is_contractual(ctx).await?;
    let mut notes = Vec::new();
    let currency = settings.currency.as_str();
    let metrics = suite(
        ctx,
        &windows,
        &setup,
        contractual,
        &targets,
        &req.only,
        currency,
    )
    .await?;
    let mut groups = Vec::new();
    if let Some(by) = &req.by {
        let split = scope::split(ctx, by, &req.period, tz).await?;
        if split.total_groups > split.groups.len() {
            notes.push(Note::LargestGroups {
                by: by.clone(),
                values: split.total_groups,
                shown: split.groups.len(),
            });
        }
        notes.extend(split.notes.iter().cloned());
        for (value, group_ctx) in split.groups {
            let mut s = setup.clone();
            s.segmented |= split.by_customer;
            let mut metrics = suite(
                &group_ctx,
                &windows,
                &s,
                contractual,
                &HashMap::new(),
                &req.only,
                currency,
            )
            .await?;
            for m in &mut metrics {
                if let Some(why) = split.not_split.get(m.id.as_ref()) {
                    *m = MetricValue::build(
                        metric(&m.id).unwrap_or(&METRICS[0]),
                        Measure::missing(why.clone()),
                        None,
                        None,
                    );
                }
            }
            groups.push(Group { value, metrics });
        }
    }
    if !contractual {
        notes.push(Note::Inactivity {
            days: settings.inactivity_days,
        });
    }
    Ok(MetricsReport {
        client: client.to_owned(),
        period: PeriodRange::of(&req.period, today),
        comparison: comparison.as_ref().map(|c| PeriodRange::of(c, today)),
        compare: req.compare,
        segment: req.segment.as_ref().map(|f| f.to_string()),
        customer_basis: if contractual {
            "subscriptions"
        } else {
            "orders"
        }
        .into(),
        metrics,
        by: req.by.clone(),
        groups,
        notes,
    })
}

/// Runs every family and assembles the catalog in METRICS.md's order.
async fn suite(
    ctx: &datafusion::prelude::SessionContext,
    windows: &[Window],
    setup: &Setup,
    contractual: bool,
    targets: &HashMap<String, f64>,
    only: &[String],
    currency: &str,
) -> Result<Vec<MetricValue>> {
    let mut all = measure_all(ctx, windows, setup, contractual, only).await?;
    let mut out = Vec::new();
    for def in METRICS {
        if !only.is_empty() && !only.iter().any(|id| id == def.id) {
            continue;
        }
        let now = all[0]
            .remove(def.id)
            .unwrap_or_else(|| Measure::missing(Why::NotComputed));
        let before = all.get(1).and_then(|m| m.get(def.id));
        let (now, before) = in_currency(def, now, before.cloned(), currency);
        out.push(MetricValue::build(
            def,
            now,
            before.as_ref(),
            targets.get(def.id).copied(),
        ));
    }
    Ok(out)
}

/// How many partitions each plan of the metric suite gets on `cores`.
///
/// A plan split in as many partitions as there are cores pays for
/// re-hashing its rows between partitions (a session plan moves every
/// event) so that it can use every core by itself. The suite runs a dozen
/// plans at once, four of them heavy (sessions, carts, the customer base,
/// orders), so one partition per plan per four cores keeps the cores as
/// busy with less work: on 2 cores, `rapport-bench metrics` spent 12 %
/// less CPU time and finished sooner.
pub(crate) fn partitions_per_plan(cores: usize) -> usize {
    cores.div_ceil(4).max(1)
}

/// How many partitions the session plan gets on `cores`, against the one
/// per four cores of the other plans ([`partitions_per_plan`]).
///
/// Grouping every web event by session id is the suite's largest hash
/// aggregation (13.8 M events into 2.8 M sessions in the bench), and its
/// cost is the hash table's cache misses, not the key type (grouping by an
/// integer made from the id was no faster). Split finer, each partition's
/// table is smaller, and the plan uses the cores the lighter plans leave
/// when they finish. `rapport-bench metrics` on 2 cores, suite seconds by
/// session partitions: 1 → 2.35–2.62, 2 → 2.15, 4 → 2.04–2.16, 8 → 1.95,
/// 16 → 1.94, 32 → 1.93 (2026-12-05); from 8 on it is flat.
pub(crate) fn session_partitions(cores: usize) -> usize {
    (4 * cores).max(8)
}

/// The client's context with the partitions `per_cores` gives for this
/// machine's cores ([`partitions_per_plan`] for plans that run together,
/// [`session_partitions`] for the session plan); the tables are shared,
/// not registered again.
pub(crate) fn with_partitions(
    ctx: &datafusion::prelude::SessionContext,
    per_cores: fn(usize) -> usize,
) -> datafusion::prelude::SessionContext {
    let mut state = ctx.state();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    state.config_mut().options_mut().execution.target_partitions = per_cores(cores);
    datafusion::prelude::SessionContext::new_with_state(state)
}

/// Runs the plans `only` needs (all when empty) and derives the derived
/// metrics: one map of measures per window.
pub(crate) async fn measure_all(
    ctx: &datafusion::prelude::SessionContext,
    windows: &[Window],
    setup: &Setup,
    contractual: bool,
    only: &[String],
) -> Result<Vec<Measures>> {
    let mut all: Vec<Measures> = vec![Measures::new(); windows.len()];
    let merge = |all: &mut Vec<Measures>, part: Vec<Measures>| {
        for (a, p) in all.iter_mut().zip(part) {
            a.extend(p);
        }
    };
    let wants = |family: Family| {
        only.is_empty()
            || only
                .iter()
                .any(|id| metric(id).is_some_and(|m| m.families.contains(&family)))
    };
    // The families are independent plans: run them together so that one
    // plan's I/O overlaps another's computation. Since they keep the cores
    // busy together, each plan is split in fewer partitions than there are
    // cores (see `partitions_per_plan`).
    let ctx = &with_partitions(ctx, partitions_per_plan);
    let skip = || async { Ok::<_, Error>(Vec::new()) };
    let (survey, base, orders, marketing, email, social, web, support) = tokio::try_join!(
        async {
            if wants(Family::Survey) {
                families::survey(ctx, windows).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Base) {
                families::customer_base(ctx, windows, setup, contractual).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Orders) {
                families::orders(ctx, windows).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Marketing) {
                families::marketing(ctx, windows, setup).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Email) {
                families::email(ctx, windows, setup).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Social) {
                families::social(ctx, windows, setup).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Web) {
                families::web(ctx, windows, setup).await
            } else {
                skip().await
            }
        },
        async {
            if wants(Family::Support) {
                families::support(ctx, windows).await
            } else {
                skip().await
            }
        },
    )?;
    for part in [survey, base, orders, marketing, email, social, web, support] {
        merge(&mut all, part);
    }
    for m in &mut all {
        derive(m, &setup.currency);
    }
    Ok(all)
}

/// Money without a currency of its own (ad spend and what derives from
/// it: the spend tables carry none) is in the workspace's currency.
fn in_currency(
    def: &MetricDef,
    mut now: Measure,
    mut before: Option<Measure>,
    currency: &str,
) -> (Measure, Option<Measure>) {
    if def.unit == catalog::Unit::Money {
        if now.currency.is_none() {
            now.currency = Some(currency.to_owned());
        }
        if let Some(b) = before.as_mut().filter(|b| b.currency.is_none()) {
            b.currency = Some(currency.to_owned());
        }
    }
    (now, before)
}

/// Metrics defined from other metrics (METRICS.md, "CLV", "CAC and
/// CLV:CAC", "Conversion rate").
fn derive(m: &mut Measures, workspace_currency: &str) {
    let value = |m: &Measures, id: &str| m.get(id).and_then(|v| v.value);
    // Spend is in its own currency when the spend data says, else in the
    // workspace's.
    let spend_currency = m
        .get("spend")
        .and_then(|s| s.currency.clone())
        .unwrap_or_else(|| workspace_currency.to_owned());
    let spend_currency = spend_currency.as_str();
    // Conversion rate: web sessions when the client has them, else ads.
    let web_missing = m.get("conversion_rate").is_none_or(|c| c.value.is_none());
    if web_missing && let Some(ads) = m.remove("ad_conversion_rate") {
        m.insert("conversion_rate", ads);
    }
    m.remove("ad_conversion_rate");
    // CLV (simple) = AOV × purchase frequency per period × 1 / churn.
    let clv = match (
        value(m, "aov"),
        value(m, "purchase_frequency"),
        value(m, "churn_rate"),
    ) {
        (Some(aov), Some(freq), Some(churn)) if churn > 0.0 => {
            let currency = m.get("aov").and_then(|a| a.currency.clone());
            // It is a value per buyer: it rests on the period's buyers,
            // the base of its purchase frequency.
            let buyers = m.get("purchase_frequency").and_then(|f| f.n).unwrap_or(0);
            Measure::of(aov * freq * 100.0 / churn, buyers, value::Evidence::None)
                .with_currency(currency.as_deref())
                .with_detail("expected_lifetime_periods", 100.0 / churn)
        }
        (Some(_), Some(_), Some(_)) => Measure::missing(Why::NoChurn),
        (None, _, _) | (_, None, _) => missing_from(m, "aov"),
        _ => missing_from(m, "churn_rate"),
    };
    m.insert("clv_simple", clv);
    // CAC = acquisition spend / new customers.
    let cac = match (value(m, "spend"), value(m, "new_customers")) {
        (Some(spend), Some(new)) if new > 0.0 => {
            Measure::of(spend / new, new as u64, value::Evidence::None)
                .with_currency(Some(spend_currency))
        }
        (Some(_), Some(_)) => Measure::missing(Why::NoNewCustomers),
        (None, _) => missing_from(m, "spend"),
        _ => missing_from(m, "new_customers"),
    };
    m.insert("cac", cac);
    let clv_currency = m.get("clv_simple").and_then(|c| c.currency.clone());
    let ratio = match (value(m, "clv_simple"), value(m, "cac")) {
        (Some(_), Some(_)) if clv_currency.as_deref().is_some_and(|c| c != spend_currency) => {
            Measure::missing(Why::ClvCacCurrencies {
                clv: clv_currency.clone().unwrap_or_else(|| "?".into()),
                spend: spend_currency.to_owned(),
            })
        }
        (Some(clv), Some(cac)) if cac > 0.0 => {
            // Two bases (buyers for CLV, new customers for CAC): no one
            // count to show, rather than a misleading 0.
            let mut ratio = Measure::of(clv / cac, 0, value::Evidence::None);
            ratio.n = None;
            ratio
        }
        (Some(_), Some(_)) => Measure::missing(Why::CacZero),
        (None, _) => missing_from(m, "clv_simple"),
        _ => missing_from(m, "cac"),
    };
    m.insert("clv_cac_ratio", ratio);
}

/// A derived metric missing because its input `id` is. When the input is
/// itself derived, the reason names the input at the root ("Average order
/// value has no value: …"), not the chain of metrics between.
fn missing_from(m: &Measures, id: &str) -> Measure {
    let why = match m.get(id).and_then(|v| v.missing.clone()) {
        Some(root @ Why::Input { .. }) => root,
        cause => Why::Input {
            metric: id.to_owned(),
            cause: Box::new(cause.unwrap_or(Why::NotComputed)),
        },
    };
    Measure::missing(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clv_and_cac_follow_the_worked_examples() {
        // METRICS.md, "CLV": 100 × 12 per year × 1 year = 1 200 (a yearly
        // churn of 100 % is an expected lifetime of one year).
        let mut m = Measures::new();
        m.insert(
            "aov",
            Measure::of(100.0, 10, value::Evidence::None).with_currency(Some("EUR")),
        );
        m.insert(
            "purchase_frequency",
            Measure::of(12.0, 8, value::Evidence::None),
        );
        m.insert("churn_rate", Measure::of(100.0, 10, value::Evidence::None));
        m.insert("spend", Measure::of(4000.0, 1, value::Evidence::None));
        m.insert(
            "new_customers",
            Measure::of(10.0, 10, value::Evidence::None),
        );
        derive(&mut m, "EUR");
        assert_eq!(m["clv_simple"].value, Some(1200.0));
        assert_eq!(m["clv_simple"].currency.as_deref(), Some("EUR"));
        assert_eq!(m["cac"].value, Some(400.0));
        assert_eq!(m["clv_cac_ratio"].value, Some(3.0));
        // CLV is per buyer; the ratio has two bases and shows none.
        assert_eq!(m["clv_simple"].n, Some(8));
        assert_eq!(m["cac"].n, Some(10));
        assert_eq!(m["clv_cac_ratio"].n, None);
        // No churn: the lifetime is undefined, so CLV is missing, not infinite.
        m.insert("churn_rate", Measure::of(0.0, 10, value::Evidence::None));
        derive(&mut m, "EUR");
        assert!(m["clv_simple"].value.is_none());
        assert!(matches!(
            &m["clv_cac_ratio"].missing,
            Some(Why::Input { metric, cause })
                if metric == "clv_simple" && **cause == Why::NoChurn
        ));
        // CLV in one currency, spend in another: no ratio without rates.
        m.insert("churn_rate", Measure::of(100.0, 10, value::Evidence::None));
        derive(&mut m, "RON");
        assert_eq!(
            m["clv_cac_ratio"].missing,
            Some(Why::ClvCacCurrencies {
                clv: "EUR".into(),
                spend: "RON".into()
            })
        );
        // A chain of derived metrics names the input at its root.
        m.insert("aov", Measure::missing(Why::NoOrders));
        derive(&mut m, "EUR");
        assert_eq!(
            m["clv_cac_ratio"].missing,
            Some(Why::Input {
                metric: "aov".into(),
                cause: Box::new(Why::NoOrders)
            })
        );
    }
}
