//! The cluster engine's client: a session whose plans a Ballista
//! scheduler runs.
//!
//! Ballista's client connects lazily, at the first query, and waits for a
//! scheduler that is down as long as gRPC lets it; a user would see the
//! command hang. So the session is opened only after the scheduler's port
//! answers within [`CONNECT_TIMEOUT`], and the error names the address.

use std::time::Duration;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::{Error, Result};

/// How long the scheduler has to accept a connection.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Our options ([`crate::session_config`]) with Ballista's, for the
/// client, the scheduler and the executors alike.
///
/// Ballista 55's adaptive planner (on by default) re-plans a stage from
/// the statistics of the stages before it. On the metric suite's session
/// plan (a `UNION ALL` of two aggregations, one over a window function)
/// it kept adding stages of one empty task (4,000 in 35 s) and never
/// finished; the static planner runs the same plan in one pass.
pub fn cluster_config() -> Result<SessionConfig> {
    Ok(crate::session_config()?
        .upgrade_for_ballista()
        .with_ballista_adaptive_query_planner(false))
}

/// A Ballista client session with our options and functions.
pub(crate) async fn context(host: &str, port: u16) -> Result<SessionContext> {
    let address = format!("{host}:{port}");
    let unreachable = |cause: String| Error::ClusterUnreachable {
        address: address.clone(),
        seconds: CONNECT_TIMEOUT.as_secs(),
        cause,
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(&address)).await {
        Err(_) => return Err(unreachable("no answer".to_owned())),
        Ok(Err(e)) => return Err(unreachable(e.to_string())),
        Ok(Ok(_)) => {}
    }
    let state = crate::session_state(cluster_config()?)?;
    Ok(SessionContext::remote_with_state(&format!("df://{address}"), state).await?)
}
