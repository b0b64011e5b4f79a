//! Channel and campaign comparison, and A/B tests (METRICS.md, "Tests of
//! difference"; "Marketing spend").
//!
//! [`compare`] measures one metric per value of an attribute (channel,
//! campaign, touchpoint, …), adds spend, CPA, ROAS and CAC where the spend
//! data has the same attribute, and tests each group against the best one
//! (Holm-adjusted, since several groups are tested at once). [`abtest`]
//! compares two arms by the test the metric calls for, with the lift and
//! its interval and, for proportions, the Bayesian P(B > A).

use rapport_schema::Label;
use std::collections::HashMap;

use datafusion::prelude::SessionContext;
use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::Note;
use crate::catalog::{Better, MetricDef};
use crate::families::{self, Setup};
use crate::period::Period;
use crate::sql::{Window, rows};
use crate::stats::{self, BayesResult, Moments};
use crate::value::{Evidence, Measure, change_test};
use crate::{Error, Filter, PeriodRange, Result, metric, scope, window};

/// One group of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    pub value: String,
    pub metric_value: Option<f64>,
    pub n: Option<u64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Why there is no value, in English.
    pub missing_reason: Option<String>,
    /// Why there is no value, as a case (for the reader's language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<crate::Why>,
    /// Ad spend of this group, when the spend data has the attribute.
    pub spend: Option<f64>,
    pub cpa: Option<f64>,
    pub roas: Option<f64>,
    /// Spend / customers acquired through this channel in the period.
    pub cac: Option<f64>,
    pub new_customers: Option<u64>,
    /// Whether this is the best group, the one the others are tested against.
    pub leader: bool,
    /// p-value of the difference from the leader, Holm-adjusted.
    pub p_value: Option<f64>,
    pub significant: Option<bool>,
}

/// Everything `rapport compare` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareReport {
    pub client: String,
    pub period: PeriodRange,
    pub metric: Label,
    pub unit: String,
    pub by: String,
    pub test: Option<crate::stats::Test>,
    pub rows: Vec<CompareRow>,
    pub notes: Vec<crate::Note>,
}

fn setup(ws: &Workspace, segmented: bool, as_of: chrono::NaiveDate) -> Setup {
    let s = ws.settings();
    Setup {
        as_of: crate::period::local_midnight(as_of, s.tz()),
        inactivity_days: i64::from(s.inactivity_days),
        session_timeout_minutes: i64::from(s.session_timeout_minutes),
        engaged_session_seconds: i64::from(s.engaged_session_seconds),
        segmented,
        currency: s.currency.clone(),
    }
}

fn find_metric(id: &str) -> Result<&'static MetricDef> {
    metric(id).ok_or_else(|| {
        Error::Invalid(format!(
            "no metric `{id}`; list the ids with `rapport metrics --list`"
        ))
    })
}

async fn measure_one(
    ctx: &SessionContext,
    w: &Window,
    setup: &Setup,
    contractual: bool,
    id: &str,
) -> Result<Measure> {
    let mut all = crate::measure_all(
        ctx,
        std::slice::from_ref(w),
        setup,
        contractual,
        &[id.to_owned()],
    )
    .await?;
    Ok(all
        .first_mut()
        .and_then(|m| m.remove(id))
        .unwrap_or_else(|| Measure::missing(crate::Why::NotComputed)))
}

/// The unit to print: money takes its currency (the data's, else the
/// workspace's).
fn unit_of(ws: &Workspace, def: &MetricDef, currency: Option<&str>) -> String {
    match def.unit {
        crate::catalog::Unit::Money => currency.unwrap_or(&ws.settings().currency).to_owned(),
        u => u.label().to_owned(),
    }
}

/// What a comparison and an A/B test both start from.
struct Study {
    def: &'static MetricDef,
    tz: chrono_tz::Tz,
    today: chrono::NaiveDate,
    session: ClientSession,
    w: Window,
    contractual: bool,
}

impl Study {
    async fn open(
        ws: &Workspace,
        client: &str,
        period: &Period,
        metric_id: &str,
        as_of: chrono::NaiveDate,
    ) -> Result<Study> {
        let def = find_metric(metric_id)?;
        let tz = ws.settings().tz();
        let session = ClientSession::open(ws, client).await?;
        let contractual = families::is_contractual(session.context()).await?;
        Ok(Study {
            def,
            tz,
            today: as_of,
            w: window(period, tz),
            session,
            contractual,
        })
    }
}

/// Holm's step-down adjustment of p-values (controls the family-wise error
/// rate when several groups are tested against one).
pub fn holm(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let m = p.len();
    let mut out = vec![1.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let adj = ((m - rank) as f64 * p[i]).min(1.0);
        running = running.max(adj);
        out[i] = running;
    }
    out
}

/// The spend table's column for an attribute, if it has one.
fn spend_column(by: &str) -> Option<&'static str> {
    match by {
        "channel" => Some("channel"),
        "campaign" | "utm_campaign" => Some("campaign"),
        _ => None,
    }
}

/// Compares `metric_id` across the values of `by` in `period`.
pub async fn compare(
    ws: &Workspace,
    client: &str,
    period: &Period,
    metric_id: &str,
    by: &str,
    as_of: chrono::NaiveDate,
) -> Result<CompareReport> {
    let study = Study::open(ws, client, period, metric_id, as_of).await?;
    let Study {
        def,
        tz,
        today,
        w,
        contractual,
        ..
    } = study;
    let base = study.session.context();
    // `campaign` in the spend data is the `utm_campaign` of web events.
    let split_by = if by == "campaign" { "utm_campaign" } else { by };
    let split = scope::split(base, split_by, period, tz).await?;
    let mut notes = split.notes.clone();
    if let Some(reason) = split.not_split.get(def.id) {
        return Err(Error::Invalid(format!(
            "`{}` cannot be compared by `{by}`: {}",
            def.id,
            reason.english()
        )));
    }
    let s = setup(ws, split.by_customer, today);
    let mut measures = Vec::new();
    let mut empty = Vec::new();
    for (value, ctx) in &split.groups {
        let m = measure_one(ctx, &w, &s, contractual, def.id).await?;
        // A value that only other tables have (a support channel when
        // comparing revenue) has no data for this metric: left out.
        if m.value.is_none() {
            empty.push(value.clone());
        } else {
            measures.push((value.clone(), m));
        }
    }
    if !empty.is_empty() {
        notes.push(Note::NoDataFor {
            metric: def.id.to_owned(),
            values: empty,
        });
    }
    // Spend, CPA, ROAS and CAC per group.
    let mut spend: HashMap<String, (f64, Option<f64>, Option<f64>)> = HashMap::new();
    let mut acquired: HashMap<String, f64> = HashMap::new();
    if let Some(column) = spend_column(by) {
        let sql = format!(
            "SELECT CAST({column} AS VARCHAR) AS v, SUM(spend) AS spend,
                    SUM(conversions) AS conversions, SUM(conversion_value) AS value,
                    CAST(MIN(currency) AS VARCHAR) AS c_min, CAST(MAX(currency) AS VARCHAR) AS c_max,
                    COUNT(currency) AS c_rows, COUNT(*) AS n
             FROM marketing_spend WHERE {} GROUP BY 1",
            w.holds_day("date")
        );
        // Spend without a currency is in the workspace's; a group whose
        // spend is in another or in several currencies gets no CPA or CAC
        // (exchange rates, once loaded, convert it).
        let home = ws.settings().currency.clone();
        let mut foreign = Vec::new();
        for r in rows(base, &sql).await? {
            let Some(v) = r.text("v") else { continue };
            let mut cur: Vec<&str> = [r.text("c_min"), r.text("c_max")]
                .into_iter()
                .flatten()
                .collect();
            if r.f("c_rows") < r.f("n") {
                cur.push(&home);
            }
            cur.sort_unstable();
            cur.dedup();
            if cur.iter().any(|c| *c != home) {
                foreign.push(format!("{v} ({})", cur.join(", ")));
                continue;
            }
            spend.insert(
                v.to_owned(),
                (r.f("spend"), r.opt("conversions"), r.opt("value")),
            );
        }
        if !foreign.is_empty() {
            notes.push(Note::ForeignSpend {
                home: home.to_string(),
                values: foreign.clone(),
            });
        }
        if column == "channel" {
            // New customers by acquisition channel: first activity in the
            // period (the customer-base definition).
            let first = if contractual {
                "SELECT customer_id, MIN(started_at) AS f FROM subscriptions GROUP BY 1"
            } else {
                "SELECT customer_id, MIN(ordered_at) AS f FROM orders
                 WHERE status IS NULL OR status = 'completed' GROUP BY 1"
            };
            let sql = format!(
                "SELECT c.acquisition_channel AS v, COUNT(DISTINCT c.customer_id) AS n
                 FROM customers c JOIN ({first}) a ON a.customer_id = c.customer_id
                 WHERE {} AND c.acquisition_channel IS NOT NULL GROUP BY 1",
                w.holds("a.f")
            );
            for r in rows(base, &sql).await? {
                if let Some(v) = r.text("v") {
                    acquired.insert(v.to_owned(), r.f("n"));
                }
            }
        }
        if spend.is_empty() && foreign.is_empty() {
            notes.push(Note::NoAdSpend);
        }
    }
    // The leader: the best value by the metric's direction.
    let leader = measures
        .iter()
        .enumerate()
        .filter(|(_, (_, m))| m.value.is_some())
        .max_by(|(_, (_, a)), (_, (_, b))| {
            let (a, b) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
            match def.better {
                Better::Lower => b.total_cmp(&a),
                _ => a.total_cmp(&b),
            }
        })
        .map(|(i, _)| i);
    let mut raw = Vec::new();
    let mut test_name = None;
    for (i, (_, m)) in measures.iter().enumerate() {
        let t = match leader {
            Some(l) if l != i && m.value.is_some() => change_test(&measures[l].1, m),
            _ => None,
        };
        if let Some(t) = t {
            test_name = Some(t.test);
            raw.push((i, t.p_value));
        }
    }
    let adjusted = holm(&raw.iter().map(|r| r.1).collect::<Vec<_>>());
    let p_of: HashMap<usize, f64> = raw.iter().map(|r| r.0).zip(adjusted).collect();
    let rows = measures
        .into_iter()
        .enumerate()
        .map(|(i, (value, m))| {
            let interval = m.interval();
            let sp = spend.get(&value);
            let new = acquired.get(&value).copied();
            CompareRow {
                metric_value: m.value,
                n: m.n,
                ci_low: interval.map(|x| x.0),
                ci_high: interval.map(|x| x.1),
                missing_reason: m.missing.as_ref().map(crate::Why::english),
                missing: m.missing.clone(),
                spend: sp.map(|s| s.0),
                cpa: sp.and_then(|s| s.1.filter(|c| *c > 0.0).map(|c| s.0 / c)),
                roas: sp.and_then(|s| s.2.filter(|_| s.0 > 0.0).map(|v| v / s.0)),
                cac: match (sp, new) {
                    (Some(s), Some(n)) if n > 0.0 => Some(s.0 / n),
                    _ => None,
                },
                new_customers: new.map(|n| n as u64),
                leader: leader == Some(i),
                p_value: p_of.get(&i).copied(),
                significant: p_of.get(&i).map(|p| *p < 0.05),
                value,
            }
        })
        .collect();
    Ok(CompareReport {
        client: client.to_owned(),
        period: PeriodRange::of(period, today),
        metric: def.id.into(),
        unit: unit_of(ws, def, None),
        by: by.to_owned(),
        test: test_name,
        rows,
        notes,
    })
}

/// One arm of an A/B test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arm {
    pub label: String,
    pub value: Option<f64>,
    pub n: Option<u64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Why there is no value, in English.
    pub missing_reason: Option<String>,
    /// Why there is no value, as a case (for the reader's language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<crate::Why>,
}

/// Everything `rapport abtest` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbTestReport {
    pub client: String,
    pub period: PeriodRange,
    pub metric: Label,
    pub unit: String,
    pub a: Arm,
    pub b: Arm,
    /// `two_proportion_z`, `welch_t` or `nps_margin`.
    pub test: Option<crate::stats::Test>,
    pub p_value: Option<f64>,
    pub significant: Option<bool>,
    /// B − A in the metric's unit.
    pub difference: Option<f64>,
    /// Relative lift of B over A (0.1 = +10 %), with its 95 % interval.
    pub lift: Option<f64>,
    pub lift_ci_low: Option<f64>,
    pub lift_ci_high: Option<f64>,
    /// Beta(1,1) posteriors, for proportions.
    pub bayes: Option<BayesResult>,
    pub notes: Vec<crate::Note>,
}

/// How the two arms are chosen.
#[derive(Debug, Clone)]
pub enum Arms {
    /// Two values of a column (the two largest when not named).
    Column {
        column: String,
        a: Option<String>,
        b: Option<String>,
    },
    /// Two segment filters.
    Segments { a: Filter, b: Filter },
}

fn arm(label: String, m: &Measure) -> Arm {
    let interval = m.interval();
    Arm {
        label,
        value: m.value,
        n: m.n,
        ci_low: interval.map(|x| x.0),
        ci_high: interval.map(|x| x.1),
        missing_reason: m.missing.as_ref().map(crate::Why::english),
        missing: m.missing.clone(),
    }
}

/// Lift of a mean with its delta-method interval on the log ratio.
fn mean_lift(a: Moments, b: Moments) -> Option<(f64, f64, f64)> {
    if a.mean <= 0.0 || b.mean <= 0.0 || a.n < 2.0 || b.n < 2.0 {
        return None;
    }
    let se = (a.var / (a.n * a.mean * a.mean) + b.var / (b.n * b.mean * b.mean)).sqrt();
    let log = (b.mean / a.mean).ln();
    Some((
        b.mean / a.mean - 1.0,
        (log - stats::Z95 * se).exp() - 1.0,
        (log + stats::Z95 * se).exp() - 1.0,
    ))
}

/// Tests whether `metric_id` differs between two arms in `period`.
pub async fn abtest(
    ws: &Workspace,
    client: &str,
    period: &Period,
    metric_id: &str,
    arms: &Arms,
    as_of: chrono::NaiveDate,
) -> Result<AbTestReport> {
    let study = Study::open(ws, client, period, metric_id, as_of).await?;
    let Study {
        def,
        tz,
        today,
        w,
        contractual,
        ..
    } = study;
    let base = study.session.context();
    let mut notes = Vec::new();
    let ((la, ma), (lb, mb)) = match arms {
        Arms::Column { column, a, b } => {
            let split = scope::split(base, column, period, tz).await?;
            if let Some(reason) = split.not_split.get(def.id) {
                return Err(Error::Invalid(format!(
                    "`{}` cannot be split by `{column}`: {}",
                    def.id,
                    reason.english()
                )));
            }
            let s = setup(ws, split.by_customer, today);
            let pick = |want: &Option<String>, skip: Option<&str>| -> Result<usize> {
                match want {
                    Some(v) => split.groups.iter().position(|g| &g.0 == v).ok_or_else(|| {
                        Error::Invalid(format!(
                            "`{column}` has no value `{v}` (values: {})",
                            split
                                .groups
                                .iter()
                                .map(|g| g.0.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    }),
                    None => split
                        .groups
                        .iter()
                        .position(|g| Some(g.0.as_str()) != skip)
                        .ok_or_else(|| {
                            Error::Invalid(format!("`{column}` needs two values to compare"))
                        }),
                }
            };
            let ia = pick(a, b.as_deref())?;
            let ib = pick(b, Some(split.groups[ia].0.as_str()))?;
            if ia == ib {
                return Err(Error::Invalid("the two arms are the same value".into()));
            }
            if a.is_none() || b.is_none() {
                notes.push(Note::LargestArms {
                    column: column.clone(),
                });
            }
            let (ga, gb) = (&split.groups[ia], &split.groups[ib]);
            (
                (
                    ga.0.clone(),
                    measure_one(&ga.1, &w, &s, contractual, def.id).await?,
                ),
                (
                    gb.0.clone(),
                    measure_one(&gb.1, &w, &s, contractual, def.id).await?,
                ),
            )
        }
        Arms::Segments { a, b } => {
            let s = setup(ws, true, today);
            let ca = scope::segment(base, ws, client, a, period, tz).await?;
            let cb = scope::segment(base, ws, client, b, period, tz).await?;
            notes.push(Note::BothArms);
            (
                (
                    a.to_string(),
                    measure_one(&ca, &w, &s, contractual, def.id).await?,
                ),
                (
                    b.to_string(),
                    measure_one(&cb, &w, &s, contractual, def.id).await?,
                ),
            )
        }
    };
    let test = match (ma.value, mb.value) {
        (Some(_), Some(_)) => change_test(&ma, &mb),
        _ => None,
    };
    if test.is_none() && ma.value.is_some() && mb.value.is_some() {
        notes.push(Note::NoTest {
            metric: def.id.to_owned(),
        });
    }
    let (lift, bayes) = match (ma.evidence, mb.evidence) {
        (Evidence::Proportion { x: x1, n: n1 }, Evidence::Proportion { x: x2, n: n2 }) => (
            stats::relative_lift(x1, n1, x2, n2),
            stats::bayes_beta(x1, n1, x2, n2),
        ),
        (Evidence::Mean(a), Evidence::Mean(b)) => (mean_lift(a, b), None),
        _ => (
            match (ma.value, mb.value) {
                (Some(a), Some(b)) if a != 0.0 => Some((b / a - 1.0, f64::NAN, f64::NAN)),
                _ => None,
            },
            None,
        ),
    };
    let finite = |x: f64| x.is_finite().then_some(x);
    Ok(AbTestReport {
        client: client.to_owned(),
        period: PeriodRange::of(period, today),
        metric: def.id.into(),
        unit: unit_of(ws, def, ma.currency.as_deref().or(mb.currency.as_deref())),
        difference: match (ma.value, mb.value) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        },
        a: arm(la, &ma),
        b: arm(lb, &mb),
        test: test.map(|t| t.test),
        p_value: test.map(|t| t.p_value),
        significant: test.map(|t| t.significant),
        lift: lift.map(|l| l.0),
        lift_ci_low: lift.and_then(|l| finite(l.1)),
        lift_ci_high: lift.and_then(|l| finite(l.2)),
        bayes,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_against_a_hand_computation() {
        // p = 0.01, 0.04, 0.03 → sorted 0.01·3, 0.03·2, 0.04·1 = 0.03, 0.06, 0.06
        let adj = holm(&[0.01, 0.04, 0.03]);
        assert!((adj[0] - 0.03).abs() < 1e-12);
        assert!((adj[2] - 0.06).abs() < 1e-12);
        assert!(
            (adj[1] - 0.06).abs() < 1e-12,
            "monotone: never below the previous"
        );
    }

    #[test]
    fn mean_lift_interval() {
        let a = Moments {
            n: 100.0,
            mean: 10.0,
            var: 4.0,
        };
        let b = Moments {
            n: 100.0,
            mean: 11.0,
            var: 4.0,
        };
        let (l, lo, hi) = mean_lift(a, b).unwrap();
        assert!((l - 0.1).abs() < 1e-12 && lo < 0.1 && hi > 0.1 && lo > 0.0);
    }
}
