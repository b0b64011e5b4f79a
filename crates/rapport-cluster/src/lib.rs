//! Rapport's Apache DataFusion Ballista cluster: the scheduler and the
//! executors as thin mains over `ballista-scheduler` and
//! `ballista-executor`, and a local cluster on 127.0.0.1 for users and
//! tests.
//!
//! The scheduler, every executor and the client (`rapport-engine`'s
//! cluster engine) register our functions and options through the same
//! [`rapport_engine::register_functions`] and
//! [`rapport_engine::session_config`], so a plan made by the client runs
//! unchanged on the cluster: there is no second implementation of any
//! metric.
//!
//! A cluster notices a lost executor by its missing heartbeats. Ballista's
//! defaults (a heartbeat a minute, lost after three) would leave a query
//! waiting minutes for an executor that was killed; ours beat every
//! [`HEARTBEAT`] and are given up after [`EXECUTOR_TIMEOUT`], after which
//! the scheduler runs their tasks again on the executors left.

use std::path::PathBuf;
use std::time::Duration;

mod executor;
mod local;
mod scheduler;

pub use executor::{ExecutorOptions, TASK_LOG_TARGET, run_executor};
pub use local::{LocalCluster, Member, Role, Started, Status, Stopped};
pub use scheduler::{SchedulerOptions, run_scheduler};

/// How often an executor tells the scheduler it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(2);

/// How long the scheduler waits for a heartbeat before it takes the
/// executor for lost and gives its tasks to the others.
pub const EXECUTOR_TIMEOUT: Duration = Duration::from_secs(10);

/// How tasks reach executors: each executor asks for work when it has a
/// free slot. Ballista 55's default, the scheduler pushing tasks to the
/// slots it counts, lost count when an executor was killed mid-query (the
/// survivor's slots stayed taken by tasks whose status it ignored), and the
/// cluster ran nothing more until it was restarted.
pub(crate) const SCHEDULING: ballista_core::config::TaskSchedulingPolicy =
    ballista_core::config::TaskSchedulingPolicy::PullStaged;

/// Errors of running a cluster.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("Ballista: {0}")]
    Ballista(#[from] ballista_core::error::BallistaError),

    #[error(transparent)]
    Engine(#[from] rapport_engine::Error),

    #[error("DataFusion: {0}")]
    DataFusion(#[from] datafusion::error::DataFusionError),

    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "a local cluster already runs from {dir} (scheduler on port {port}); `rapport cluster stop` first"
    )]
    AlreadyRunning { dir: PathBuf, port: u16 },

    #[error("no local cluster runs from {dir}")]
    NotRunning { dir: PathBuf },

    #[error("port {port} on 127.0.0.1 is taken; choose another with --port")]
    PortTaken { port: u16 },

    #[error(
        "the {what} did not start (it ended, or did not answer within {seconds} s); its log {log} ends with:\n{tail}"
    )]
    StartFailed {
        what: String,
        seconds: u64,
        log: PathBuf,
        tail: String,
    },

    #[error("{path} is not a local cluster's state file: {cause}")]
    State { path: PathBuf, cause: String },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let what = what.into();
    move |source| Error::Io { what, source }
}
