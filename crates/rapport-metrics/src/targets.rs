//! Targets: what a value is measured against besides its past
//! (METRICS.md: "always with the comparison that gives a number its
//! meaning (previous period, last year, target)").
//!
//! A target is set with `rapport target set` (kept in the catalog) or
//! loaded as the `targets` entity. It applies to exactly the period it
//! names; a target set by command wins over a loaded one for the same
//! metric and period, because it is the later, deliberate choice.

use std::collections::HashMap;

use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::sql::rows;
use crate::{Error, Result, metric};

/// Where a target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetOrigin {
    /// Set with `rapport target set` (kept in the catalog).
    Set,
    /// Loaded as rows of the `targets` entity.
    Loaded,
}

/// One target of a client, whichever way it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetEntry {
    pub metric: String,
    /// The period label as given (`2026-10`, `2026-Q4`, …).
    pub period: String,
    pub value: f64,
    pub origin: TargetOrigin,
    /// The loaded row's source, or when the target was set.
    pub detail: String,
    /// Whether a target set by command for the same metric and period
    /// takes this one's place (only loaded targets are overridden).
    pub overridden: bool,
}

/// Every target of the session's client: those set by command and those
/// loaded as data, in one list ordered by metric and period. A loaded
/// target for a metric and period that also has one set by command is
/// listed as overridden: the command is the later, deliberate choice.
/// Period labels are read in the client's calendar (`1405-08` is Aban for
/// a client on the Solar Hijri calendar).
pub async fn list(ws: &Workspace, session: &ClientSession) -> Result<Vec<TargetEntry>> {
    list_in(ws, session, ws.calendar(session.client())?).await
}

/// [`list`] with the client's calendar already known.
async fn list_in(
    ws: &Workspace,
    session: &ClientSession,
    calendar: rapport_schema::Calendar,
) -> Result<Vec<TargetEntry>> {
    let mut out = Vec::new();
    let set = ws.targets(session.client())?;
    let same = |a: &str, b: &str| {
        a == b || matches!((calendar.period(a), calendar.period(b)), (Ok(x), Ok(y)) if x == y)
    };
    let loaded = rows(
        session.context(),
        "SELECT metric, period, value, source FROM targets",
    )
    .await?;
    for r in loaded {
        let (Some(m), Some(p), Some(v)) = (r.text("metric"), r.text("period"), r.opt("value"))
        else {
            continue;
        };
        out.push(TargetEntry {
            metric: m.to_owned(),
            period: p.to_owned(),
            value: v,
            origin: TargetOrigin::Loaded,
            detail: r.text("source").unwrap_or_default().to_owned(),
            overridden: set.iter().any(|t| t.metric == m && same(&t.period, p)),
        });
    }
    for t in set {
        out.push(TargetEntry {
            metric: t.metric,
            period: t.period,
            value: t.value,
            origin: TargetOrigin::Set,
            detail: t.set_at,
            overridden: false,
        });
    }
    out.sort_by(|a, b| {
        (
            a.metric.as_str(),
            a.period.as_str(),
            a.origin == TargetOrigin::Set,
        )
            .cmp(&(
                b.metric.as_str(),
                b.period.as_str(),
                b.origin == TargetOrigin::Set,
            ))
    });
    Ok(out)
}

/// The targets of `period`, by metric id: the entries of [`list`] that
/// apply to exactly this period and are not overridden.
pub async fn for_period(
    ws: &Workspace,
    session: &ClientSession,
    period: &Period,
) -> Result<HashMap<String, f64>> {
    let label = period.to_string();
    let mut out = HashMap::new();
    // The period carries the client's calendar: no second catalog read.
    for t in list_in(ws, session, period.calendar).await? {
        let applies =
            t.period == label || period.calendar.period(&t.period).ok().as_ref() == Some(period);
        if applies && !t.overridden {
            out.insert(t.metric, t.value);
        }
    }
    Ok(out)
}

/// Checks and stores a target; `period` is read in the client's calendar.
pub fn set(
    ws: &Workspace,
    client: &str,
    metric_id: &str,
    period: &str,
    value: f64,
) -> Result<Period> {
    if metric(metric_id).is_none() {
        return Err(Error::Invalid(format!(
            "no metric `{metric_id}`; list the ids with `rapport metrics --list`"
        )));
    }
    if !value.is_finite() {
        return Err(Error::Invalid(format!(
            "the target {value} is not a number"
        )));
    }
    let p = ws.calendar(client)?.period(period)?;
    ws.set_target(client, metric_id, &p.to_string(), value)?;
    Ok(p)
}
