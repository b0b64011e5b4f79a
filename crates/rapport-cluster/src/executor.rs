//! An executor: Ballista's, with our options and functions.

use std::path::PathBuf;
use std::sync::Arc;

use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::serde::protobuf::{
    RuntimeStatsReport, ShuffleWritePartition, TaskColumnStats, WindowStateReport,
};
use ballista_core::{JobId, RuntimeProducer};
use ballista_executor::execution_engine::{
    DefaultExecutionEngine, ExecutionEngine, QueryStageExecutor,
};
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use datafusion::execution::TaskContext;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::metrics::MetricsSet;
use datafusion::prelude::SessionConfig;
use rapport_engine::ObjectStoresFromEnv;

use crate::{HEARTBEAT, Result};

/// Where an executor listens and which scheduler it serves.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The scheduler's host.
    pub scheduler_host: String,
    /// The scheduler's port.
    pub scheduler_port: u16,
    /// The address this executor listens on (private, like the scheduler's).
    pub bind_host: String,
    /// The address the other executors and the client reach it at, when
    /// not `bind_host` (a machine's private name).
    pub external_host: Option<String>,
    /// The port that serves shuffle data and results (Arrow Flight).
    pub port: u16,
    /// The port the scheduler sends tasks to.
    pub grpc_port: u16,
    /// Tasks run at once; 0 for one per core.
    pub cores: usize,
    /// Where shuffle files are written; a temporary folder when `None`.
    pub work_dir: Option<PathBuf>,
}

/// Runs an executor until the process receives SIGTERM or SIGINT, when it
/// tells the scheduler it is leaving.
pub async fn run_executor(options: ExecutorOptions) -> Result<()> {
    let base = crate::scheduler::config()?;
    let mut state = ballista_core::utils::default_session_builder(base.clone())?;
    rapport_engine::register_functions(&mut state)?;
    let work_dir = options.work_dir.map(|d| d.to_string_lossy().into_owned());
    let config = ExecutorProcessConfig {
        bind_host: options.bind_host,
        external_host: options.external_host,
        port: options.port,
        grpc_port: options.grpc_port,
        scheduler_host: options.scheduler_host,
        scheduler_port: options.scheduler_port,
        scheduler_connect_timeout_seconds: 30,
        vcores: options.cores,
        task_scheduling_policy: crate::SCHEDULING,
        work_dir: work_dir.clone(),
        executor_heartbeat_interval_seconds: HEARTBEAT.as_secs(),
        override_function_registry: Some(Arc::new(BallistaFunctionRegistry::from(&state))),
        override_execution_engine: Some(Arc::new(WithoutOperatorMetrics(
            DefaultExecutionEngine::new(),
        ))),
        override_config_producer: Some(Arc::new(move || base.clone())),
        override_runtime_producer: Some(runtime_producer(work_dir.clone())),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config)).await?;
    Ok(())
}

/// Each task's runtime, as Ballista makes it (spill files in the work
/// folder, or a temporary one), with one set of object stores shared by
/// every task, so an S3 client is made once per bucket, not per task.
fn runtime_producer(work_dir: Option<String>) -> RuntimeProducer {
    let stores = Arc::new(ObjectStoresFromEnv::default());
    Arc::new(move |_config: &SessionConfig| {
        let mut runtime =
            RuntimeEnvBuilder::new().with_object_store_registry(Arc::clone(&stores) as _);
        if let Some(dir) = &work_dir {
            runtime = runtime.with_temp_file_path(dir);
        }
        runtime.build_arc()
    })
}

/// Ballista's execution, reporting no per-operator metrics to the
/// scheduler.
///
/// Ballista 55's scheduler adds up a stage's operator metrics task by
/// task and refuses a task whose list is longer or shorter than the
/// first one's; the refusal drops the task's success, and the query
/// waits forever. The lists differ whenever a join's build side is empty
/// in one task and not in another (DataFusion then never runs the probe
/// side, whose operators report nothing): a segment's plans (a semi-join
/// on the segment's customers) hung on the demo data. An empty list is
/// the one the scheduler accepts from every task. What is lost is the
/// per-operator breakdown of the scheduler's job view, which Rapport does
/// not serve; task times stay in the executors' logs. (Ballista keeps its
/// pool of connections between executors private to its own engine, so
/// this one opens a connection per shuffle fetch.)
struct WithoutOperatorMetrics(DefaultExecutionEngine);

impl ExecutionEngine for WithoutOperatorMetrics {
    fn create_query_stage_exec(
        &self,
        job_id: JobId,
        stage_id: usize,
        task_id: usize,
        global_output_partition_ids: Vec<usize>,
        plan: Arc<dyn ExecutionPlan>,
        work_dir: &str,
        config: &SessionConfig,
    ) -> datafusion::common::Result<Arc<dyn QueryStageExecutor>> {
        let job = job_id.to_string();
        let inner = self.0.create_query_stage_exec(
            job_id,
            stage_id,
            task_id,
            global_output_partition_ids,
            plan,
            work_dir,
            config,
        )?;
        Ok(Arc::new(StageWithoutOperatorMetrics {
            inner,
            job,
            stage: stage_id,
        }))
    }
}

/// One stage's execution; everything but the operator metrics is
/// Ballista's. Each task logs where its time went instead (see
/// [`TASK_LOG_TARGET`]).
#[derive(Debug)]
struct StageWithoutOperatorMetrics {
    inner: Arc<dyn QueryStageExecutor>,
    job: String,
    stage: usize,
}

impl std::fmt::Display for StageWithoutOperatorMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

/// The log target of the line each task writes when it ends:
/// `job=… stage=… task=… elapsed_ms=… shuffle_write_ms=… shuffle_read_ms=…
/// rows_written=…`. The elapsed time is the task's wall time in its slot;
/// the shuffle write time is spent writing this stage's output files; the
/// shuffle read time is spent fetching the previous stages' output (local
/// files or Arrow Flight from another executor), which overlaps with
/// computing on what has arrived. `rapport-bench metrics --cluster` adds
/// these up to say where a suite's time goes.
pub const TASK_LOG_TARGET: &str = "rapport::task";

/// Milliseconds of a time metric summed over a stage's operators.
fn metric_ms(metrics: &[MetricsSet], name: &str) -> f64 {
    let nanos: usize = metrics
        .iter()
        .filter_map(|m| m.sum_by_name(name))
        .map(|v| v.as_usize())
        .sum();
    nanos as f64 / 1e6
}

#[async_trait::async_trait]
impl QueryStageExecutor for StageWithoutOperatorMetrics {
    async fn execute_query_stage(
        &self,
        task_id: usize,
        context: Arc<TaskContext>,
    ) -> datafusion::common::Result<Vec<ShuffleWritePartition>> {
        let began = std::time::Instant::now();
        let written = self.inner.execute_query_stage(task_id, context).await;
        let elapsed = began.elapsed();
        let metrics = self.inner.collect_plan_metrics();
        let rows: u64 = written
            .as_ref()
            .map(|parts| parts.iter().map(|p| p.num_rows).sum())
            .unwrap_or(0);
        log::info!(
            target: TASK_LOG_TARGET,
            "job={} stage={} task={task_id} ok={} elapsed_ms={:.3} shuffle_write_ms={:.3} shuffle_read_ms={:.3} rows_written={rows}",
            self.job,
            self.stage,
            written.is_ok(),
            elapsed.as_secs_f64() * 1e3,
            metric_ms(&metrics, "write_time"),
            metric_ms(&metrics, "fetch_time") + metric_ms(&metrics, "local_read_time"),
        );
        written
    }

    fn collect_plan_metrics(&self) -> Vec<MetricsSet> {
        Vec::new()
    }

    fn collect_runtime_stats_reports(&self) -> Vec<RuntimeStatsReport> {
        self.inner.collect_runtime_stats_reports()
    }

    fn collect_window_state_reports(&self) -> datafusion::common::Result<Vec<WindowStateReport>> {
        self.inner.collect_window_state_reports()
    }

    fn collect_column_stats(&self) -> Vec<TaskColumnStats> {
        self.inner.collect_column_stats()
    }
}
