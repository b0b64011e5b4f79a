//! Cohort retention (METRICS.md, "Cohort retention"): customers grouped by
//! the month or week of their first activity; cell (c, k) is the share of
//! cohort c active in period c + k.
//!
//! Activity is a completed order for transactional clients, and holding a
//! subscription at any time in the period for clients with subscriptions
//! (the same basis as the customer-base metrics). Periods are local months
//! or ISO weeks in the workspace time zone.

use rapport_schema::Label;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_engine::ClientSession;
use rapport_schema::Calendar;
use rapport_schema::period::PeriodKind;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::period::local_midnight;
use crate::sql::{local, rows};
use crate::{Error, Result, families};

/// Length of a cohort period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CohortUnit {
    Month,
    Week,
}

/// Which activity keeps a customer in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criteria {
    /// Active in exactly that period (the default).
    On,
    /// Active in that period or any later one (rolling retention).
    OnOrAfter,
}

/// What a cell's share is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reference {
    /// Of the cohort's size (period 0), the default.
    First,
    /// Of the cohort's active customers in the period before.
    Previous,
}

/// Options of [`cohort_table`].
#[derive(Debug, Clone)]
pub struct CohortOptions {
    pub unit: CohortUnit,
    pub criteria: Criteria,
    pub reference: Reference,
    /// How many of the latest cohorts to show.
    pub cohorts: usize,
    /// The day the table is made on (workspace time zone): periods that
    /// end after its start are incomplete.
    pub as_of: NaiveDate,
}

impl CohortOptions {
    /// Monthly cohorts by first activity, "on" criteria, shares of the
    /// cohort's size, the last 12 cohorts, as of `as_of`.
    pub fn new(as_of: NaiveDate) -> CohortOptions {
        CohortOptions {
            unit: CohortUnit::Month,
            criteria: Criteria::On,
            reference: Reference::First,
            cohorts: 12,
            as_of,
        }
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortCell {
    /// Periods since the cohort's first (0 is the first).
    pub k: usize,
    /// Customers counted active in this cell.
    pub active: u64,
    /// The share in percent; `None` when the reference is empty.
    pub share: Option<f64>,
    /// The period has not ended: the cell is not a drop, it is unfinished.
    pub incomplete: bool,
}

/// One cohort's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    /// 2026-03 or 2026-W11.
    pub label: String,
    pub start: String,
    pub size: u64,
    pub cells: Vec<CohortCell>,
}

/// The size-weighted average of one column over complete cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AverageCell {
    pub k: usize,
    pub share: Option<f64>,
    /// Cohorts whose cell k is complete and counted.
    pub cohorts: usize,
    pub customers: u64,
}

/// The cohort retention matrix, with the modes it was computed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortTable {
    pub client: String,
    pub unit: CohortUnit,
    pub criteria: Criteria,
    pub reference: Reference,
    /// `orders` or `subscriptions`.
    pub activity: Label,
    pub cohorts: Vec<Cohort>,
    pub average: Vec<AverageCell>,
}

/// Period arithmetic on an integer index (months or weeks of the client's
/// calendar, see [`rapport_schema::Calendar`]): Solar Hijri months and
/// weeks from Saturday for an Iranian client, Gregorian months and ISO
/// weeks otherwise.
#[derive(Debug, Clone, Copy)]
struct Units {
    unit: CohortUnit,
    calendar: Calendar,
}

impl Units {
    fn index(self, d: NaiveDate) -> i64 {
        match self.unit {
            CohortUnit::Month => self.calendar.month_index(d),
            CohortUnit::Week => self.calendar.week_index(d),
        }
    }

    fn start(self, i: i64) -> NaiveDate {
        match self.unit {
            CohortUnit::Month => self.calendar.month_start(i),
            CohortUnit::Week => self.calendar.week_start_day(i),
        }
        .unwrap_or(NaiveDate::MIN)
    }

    fn end(self, i: i64) -> NaiveDate {
        self.start(i + 1)
    }

    fn kind(self) -> PeriodKind {
        match self.unit {
            CohortUnit::Month => PeriodKind::Month,
            CohortUnit::Week => PeriodKind::Week,
        }
    }

    fn label(self, i: i64) -> String {
        self.calendar
            .containing(self.kind(), self.start(i))
            .to_string()
    }

    /// Whether SQL's `date_trunc` gives this unit's periods (Gregorian
    /// months, ISO weeks); otherwise the query groups by day and the
    /// index is taken here.
    fn sql_unit(self) -> &'static str {
        match (self.unit, self.calendar == Calendar::ISO) {
            (CohortUnit::Month, true) => "month",
            (CohortUnit::Week, true) => "week",
            (_, false) => "day",
        }
    }
}

fn local_day(micros: f64, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    DateTime::<Utc>::from_timestamp_micros(micros as i64).map(|t| t.with_timezone(&tz).date_naive())
}

/// Computes the cohort retention matrix of a client.
pub async fn cohort_table(ws: &Workspace, client: &str, o: &CohortOptions) -> Result<CohortTable> {
    if o.cohorts == 0 {
        return Err(Error::Invalid("--cohorts must be at least 1".into()));
    }
    let tz = ws.settings().tz();
    let today = o.as_of;
    let session = ClientSession::open(ws, client).await?;
    let ctx = session.context();
    let cal = Units {
        unit: o.unit,
        calendar: ws.calendar(client)?,
    };
    let contractual = families::is_contractual(ctx).await?;
    // Active periods per customer.
    let mut active: HashMap<String, Vec<i64>> = HashMap::new();
    if contractual {
        let subs = rows(
            ctx,
            "SELECT customer_id, CAST(started_at AS BIGINT) AS a, CAST(ended_at AS BIGINT) AS b FROM subscriptions",
        )
        .await?;
        let now = local_midnight(today + Duration::days(1), tz);
        for r in subs {
            let (Some(c), Some(a)) = (r.text("customer_id"), r.opt("a")) else {
                continue;
            };
            let end = r.opt("b").map_or(now.timestamp_micros() as f64, |b| b);
            let (Some(first), Some(last)) = (local_day(a, tz), local_day(end - 1.0, tz)) else {
                continue;
            };
            if end <= a {
                continue;
            }
            let list = active.entry(c.to_owned()).or_default();
            list.extend(cal.index(first)..=cal.index(last));
        }
    } else {
        let unit = cal.sql_unit();
        let sql = format!(
            "SELECT customer_id, CAST(date_trunc('{unit}', {t}) AS BIGINT) AS p FROM orders
             WHERE status IS NULL OR status = 'completed' GROUP BY 1, 2",
            t = local("ordered_at", tz),
        );
        for r in rows(ctx, &sql).await? {
            let (Some(c), Some(p)) = (r.text("customer_id"), r.opt("p")) else {
                continue;
            };
            if let Some(d) = local_day(p, tz) {
                active.entry(c.to_owned()).or_default().push(cal.index(d));
            }
        }
    }
    // Cohort → per offset k: customers active exactly then, and customers
    // whose last activity is at or after then.
    let mut on: BTreeMap<i64, BTreeMap<usize, u64>> = BTreeMap::new();
    let mut last_at: BTreeMap<i64, BTreeMap<usize, u64>> = BTreeMap::new();
    let mut size: BTreeMap<i64, u64> = BTreeMap::new();
    for periods in active.values_mut() {
        periods.sort_unstable();
        periods.dedup();
        let (Some(&c), Some(&last)) = (periods.first(), periods.last()) else {
            continue;
        };
        *size.entry(c).or_default() += 1;
        for &p in periods.iter() {
            *on.entry(c)
                .or_default()
                .entry((p - c) as usize)
                .or_default() += 1;
        }
        *last_at
            .entry(c)
            .or_default()
            .entry((last - c) as usize)
            .or_default() += 1;
    }
    let current = cal.index(today);
    let first_shown = size
        .keys()
        .copied()
        .filter(|c| *c <= current)
        .rev()
        .nth(o.cohorts - 1);
    let mut cohorts = Vec::new();
    for (&c, &n) in size.range(first_shown.unwrap_or(i64::MIN)..=current) {
        let periods = (current - c + 1).max(1) as usize;
        let mut cells = Vec::with_capacity(periods);
        let mut previous_active = n;
        for k in 0..periods {
            let count = match o.criteria {
                Criteria::On => on.get(&c).and_then(|m| m.get(&k)).copied().unwrap_or(0),
                Criteria::OnOrAfter => last_at
                    .get(&c)
                    .map_or(0, |m| m.range(k..).map(|(_, v)| v).sum()),
            };
            let reference = match o.reference {
                Reference::First => n,
                Reference::Previous if k == 0 => n,
                Reference::Previous => previous_active,
            };
            // A period that has not ended (today is in it) is unfinished.
            let incomplete = cal.end(c + k as i64) > today;
            cells.push(CohortCell {
                k,
                active: count,
                share: (reference > 0).then(|| 100.0 * count as f64 / reference as f64),
                incomplete,
            });
            previous_active = count;
        }
        cohorts.push(Cohort {
            label: cal.label(c),
            start: cal.start(c).to_string(),
            size: n,
            cells,
        });
    }
    let longest = cohorts.iter().map(|c| c.cells.len()).max().unwrap_or(0);
    let mut average = Vec::with_capacity(longest);
    for k in 0..longest {
        // Weighted by cohort size: Σ active / Σ reference over the cohorts
        // whose cell is complete.
        let (mut num, mut den, mut used, mut customers) = (0.0, 0.0, 0, 0);
        for c in &cohorts {
            let Some(cell) = c.cells.get(k) else { continue };
            if cell.incomplete {
                continue;
            }
            let reference = match (o.reference, k) {
                (Reference::First, _) | (Reference::Previous, 0) => c.size,
                (Reference::Previous, _) => c.cells[k - 1].active,
            };
            num += cell.active as f64;
            den += reference as f64;
            used += 1;
            customers += c.size;
        }
        average.push(AverageCell {
            k,
            share: (den > 0.0).then(|| 100.0 * num / den),
            cohorts: used,
            customers,
        });
    }
    Ok(CohortTable {
        client: client.to_owned(),
        unit: o.unit,
        criteria: o.criteria,
        reference: o.reference,
        activity: if contractual {
            "subscriptions"
        } else {
            "orders"
        }
        .into(),
        cohorts,
        average,
    })
}
