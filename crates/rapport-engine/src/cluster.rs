//! The cluster engine's client: a session whose plans a Ballista
//! scheduler runs.
//!
//! Ballista's client connects lazily, at the first query, and waits for a
//! scheduler that is down as long as gRPC lets it; a user would see the
//! command hang. So the session is opened only after the scheduler's port
//! answers within [`CONNECT_TIMEOUT`], and the error names the address.

use std::sync::Arc;
use std::time::Duration;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use datafusion::error::DataFusionError;
use datafusion::execution::object_store::{DefaultObjectStoreRegistry, ObjectStoreRegistry};
use datafusion::object_store::ObjectStore;
use datafusion::prelude::{SessionConfig, SessionContext};
use url::Url;

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

/// The object stores of a scheduler or executor: those registered, and for
/// each `s3://bucket` a plan names, an S3 store made at its first use from
/// the process's `AWS_*` variables (credentials, `AWS_ENDPOINT`,
/// `AWS_REGION`, `AWS_ALLOW_HTTP`).
///
/// The client reads `[settings.storage]` from its workspace; the cluster's
/// processes have no workspace, so they are configured the way every S3
/// tool is. Credentials thus never travel with a plan (Ballista's own
/// S3 support sends them in each job's options).
#[derive(Debug, Default)]
pub struct ObjectStoresFromEnv {
    known: DefaultObjectStoreRegistry,
}

impl ObjectStoreRegistry for ObjectStoresFromEnv {
    fn register_store(
        &self,
        url: &Url,
        store: Arc<dyn ObjectStore>,
    ) -> Option<Arc<dyn ObjectStore>> {
        self.known.register_store(url, store)
    }

    fn deregister_store(&self, url: &Url) -> datafusion::common::Result<Arc<dyn ObjectStore>> {
        self.known.deregister_store(url)
    }

    fn get_store(&self, url: &Url) -> datafusion::common::Result<Arc<dyn ObjectStore>> {
        if let Ok(store) = self.known.get_store(url) {
            return Ok(store);
        }
        match (url.scheme(), url.host_str()) {
            ("s3", Some(bucket)) => {
                let storage = rapport_store::Storage {
                    url: format!("s3://{bucket}"),
                    endpoint: None,
                    region: None,
                    allow_http: false,
                };
                let store = storage
                    .object_store()
                    .map_err(|e| DataFusionError::External(Box::new(e)))?;
                self.known.register_store(url, Arc::clone(&store));
                Ok(store)
            }
            _ => self.known.get_store(url),
        }
    }
}
