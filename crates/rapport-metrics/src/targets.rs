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

use crate::period::Period;
use crate::sql::rows;
use crate::{Error, Result, metric};

/// The targets of `period`, by metric id.
pub async fn for_period(
    ws: &Workspace,
    session: &ClientSession,
    period: &Period,
) -> Result<HashMap<String, f64>> {
    let label = period.to_string();
    let mut out = HashMap::new();
    let loaded = rows(
        session.context(),
        "SELECT metric, period, value FROM targets",
    )
    .await?;
    for r in loaded {
        let same = r
            .text("period")
            .and_then(|p| p.parse::<Period>().ok())
            .is_some_and(|p| p == *period);
        if let (true, Some(m), Some(v)) = (same, r.text("metric"), r.opt("value")) {
            out.insert(m.to_owned(), v);
        }
    }
    for t in ws.targets(session.client())? {
        if t.period.parse::<Period>().ok().as_ref() == Some(period) || t.period == label {
            out.insert(t.metric, t.value);
        }
    }
    Ok(out)
}

/// Checks and stores a target.
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
    let p: Period = period.parse()?;
    ws.set_target(client, metric_id, &p.to_string(), value)?;
    Ok(p)
}
