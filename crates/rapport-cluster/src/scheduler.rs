//! The scheduler: Ballista's, with our options and functions.

use std::net::SocketAddr;
use std::sync::Arc;

use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::prelude::SessionConfig;
use rapport_engine::ObjectStoresFromEnv;

use crate::{EXECUTOR_TIMEOUT, HEARTBEAT, Result};

/// Where a scheduler listens.
#[derive(Debug, Clone)]
pub struct SchedulerOptions {
    /// The address clients and executors connect to. Keep it private: the
    /// port has no authentication (see the README, "Security").
    pub bind: SocketAddr,
}

/// The options a session of the cluster starts from: the client's
/// ([`rapport_engine::cluster_config`]). Checked once at start, so a bad
/// `DATAFUSION_*` variable stops the process instead of being ignored per
/// query.
pub(crate) fn config() -> Result<SessionConfig> {
    Ok(rapport_engine::cluster_config()?)
}

/// Ballista's session for the scheduler, with our functions registered
/// and the object stores it lists a plan's files in (it plans the scans).
fn session(
    config: SessionConfig,
    stores: &Arc<ObjectStoresFromEnv>,
) -> datafusion::common::Result<SessionState> {
    let state = ballista_core::utils::default_session_builder(config)?;
    let runtime = RuntimeEnvBuilder::new()
        .with_object_store_registry(Arc::clone(stores) as _)
        .build_arc()?;
    let mut state = SessionStateBuilder::new_from_existing(state)
        .with_runtime_env(runtime)
        .build();
    rapport_engine::register_functions(&mut state)
        .map_err(|e| datafusion::error::DataFusionError::External(Box::new(e)))?;
    Ok(state)
}

/// Runs a scheduler until the process ends.
pub async fn run_scheduler(options: SchedulerOptions) -> Result<()> {
    let base = config()?;
    let mut config = SchedulerConfig::default()
        .with_hostname(options.bind.ip().to_string())
        .with_port(options.bind.port())
        .with_override_config_producer(Arc::new(move || base.clone()))
        .with_override_session_builder({
            let stores = Arc::new(ObjectStoresFromEnv::default());
            Arc::new(move |config| session(config, &stores))
        });
    config.bind_host = options.bind.ip().to_string();
    config.scheduling_policy = crate::SCHEDULING;
    config.executor_timeout_seconds = EXECUTOR_TIMEOUT.as_secs();
    config.expire_dead_executor_interval_seconds = HEARTBEAT.as_secs();
    config.no_executors_grace_period_seconds = EXECUTOR_TIMEOUT.as_secs();
    let cluster = BallistaCluster::new_from_config(&config).await?;
    start_server(cluster, options.bind, Arc::new(config)).await?;
    Ok(())
}
