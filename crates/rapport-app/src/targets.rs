//! A client's targets as one list: those set with `rapport target set` and
//! those loaded as the `targets` entity are the same thing to a reader, and
//! metrics are judged against exactly this list.

use rapport_engine::ClientSession;
use rapport_metrics::Period;
pub use rapport_metrics::targets::{TargetEntry, TargetOrigin};
use rapport_store::Workspace;

use crate::Result;

/// Every target of `client`, set or loaded, ordered by metric and period.
pub async fn list(ws: &Workspace, client: &str) -> Result<Vec<TargetEntry>> {
    ws.client(client)?;
    let session = ClientSession::open(ws, client).await?;
    Ok(rapport_metrics::targets::list(ws, &session).await?)
}

/// Sets the target of `metric` for `period` (replacing one set before);
/// returns the period as understood.
pub fn set(ws: &Workspace, client: &str, metric: &str, period: &str, value: f64) -> Result<Period> {
    Ok(rapport_metrics::targets::set(
        ws, client, metric, period, value,
    )?)
}
