//! `rapport cluster`: a local Ballista cluster, and the scheduler and
//! executor processes of any cluster.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use rapport_cluster::{ExecutorOptions, LocalCluster, Role, SchedulerOptions};
use rapport_engine::Engine;

use crate::ListFormat;
use crate::commands::Place;
use crate::output::{self, line, say};

pub(crate) const CLUSTER_HELP: &str = "Examples:
  rapport cluster start --executors 2     # a scheduler on 127.0.0.1:50050 and two executors
  rapport metrics lumen --period 2026-10 --engine ballista://127.0.0.1:50050
  rapport cluster status
  rapport cluster stop

On several machines (the README's \"Running on a cluster\" has systemd units):
  rapport cluster scheduler --bind 10.0.0.5:50050
  rapport cluster executor --scheduler 10.0.0.5:50050 --bind 10.0.0.6

A local cluster keeps its state, logs and shuffle files in the workspace's `cluster/` folder.
Its processes read the workspace's files where they are, so every executor of a cluster on
several machines must see the workspace at the same path (a shared folder). The ports have no
authentication: keep them on 127.0.0.1 or a private network.";

/// Most executors `cluster start` runs on one machine.
const MAX_LOCAL_EXECUTORS: usize = 64;

#[derive(Debug, Subcommand)]
pub(crate) enum ClusterCommand {
    /// Start a scheduler and executors on 127.0.0.1, in the background.
    #[command(after_help = CLUSTER_HELP)]
    Start {
        /// How many executors.
        #[arg(long, default_value_t = 2)]
        executors: usize,
        /// The scheduler's port.
        #[arg(long, default_value_t = Engine::DEFAULT_PORT)]
        port: u16,
        /// Tasks each executor runs at once (0: one per core).
        #[arg(long, default_value_t = 0)]
        cores: usize,
    },
    /// Stop the local cluster's processes.
    #[command(after_help = CLUSTER_HELP)]
    Stop,
    /// Whether each process of the local cluster runs and answers, and
    /// whether the cluster runs a query.
    #[command(after_help = CLUSTER_HELP)]
    Status {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Run a scheduler in the foreground (for a service manager).
    #[command(after_help = CLUSTER_HELP)]
    Scheduler {
        /// The address to listen on: a private one.
        #[arg(long, default_value = "127.0.0.1:50050")]
        bind: SocketAddr,
    },
    /// Run an executor in the foreground (for a service manager).
    #[command(after_help = CLUSTER_HELP)]
    Executor {
        /// The scheduler, as HOST:PORT.
        #[arg(long, default_value = "127.0.0.1:50050")]
        scheduler: String,
        /// The address to listen on: a private one.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The name the scheduler and the other executors reach this one
        /// at, when not --bind.
        #[arg(long)]
        external_host: Option<String>,
        /// The port that serves shuffle data and results.
        #[arg(long, default_value_t = 50051)]
        port: u16,
        /// The port the scheduler sends tasks to.
        #[arg(long, default_value_t = 50052)]
        grpc_port: u16,
        /// Tasks run at once (0: one per core).
        #[arg(long, default_value_t = 0)]
        cores: usize,
        /// Where shuffle files go (default: a temporary folder).
        #[arg(long)]
        work_dir: Option<PathBuf>,
    },
}

pub(crate) fn cluster(place: Place<'_>, command: ClusterCommand) -> Result<()> {
    match command {
        ClusterCommand::Scheduler { bind } => {
            serve(rapport_cluster::run_scheduler(SchedulerOptions { bind }))
        }
        ClusterCommand::Executor {
            scheduler,
            bind,
            external_host,
            port,
            grpc_port,
            cores,
            work_dir,
        } => {
            let Engine::Cluster {
                host,
                port: scheduler_port,
            } = Engine::parse(&format!("ballista://{scheduler}"))?
            else {
                bail!("--scheduler is HOST:PORT");
            };
            serve(rapport_cluster::run_executor(ExecutorOptions {
                scheduler_host: host,
                scheduler_port,
                bind_host: bind,
                external_host,
                port,
                grpc_port,
                cores,
                work_dir,
            }))
        }
        ClusterCommand::Start {
            executors,
            port,
            cores,
        } => {
            if executors == 0 || executors > MAX_LOCAL_EXECUTORS {
                bail!("--executors must be 1 to {MAX_LOCAL_EXECUTORS}");
            }
            let ws = place.open()?;
            let storage_vars = ws.settings().storage.iter().flat_map(|s| s.environment());
            let local = LocalCluster::new(ws.root().join("cluster"))
                .with_environment(storage_vars.map(|(k, v)| (k.to_owned(), v)).collect());
            let program = std::env::current_exe().context("finding the rapport program")?;
            let started = local.start(&program, port, executors, cores)?;
            let engine = Engine::parse(&started.engine)?;
            let answered = crate::commands::runtime()?.block_on(rapport_engine::check(&engine));
            if let Err(e) = answered {
                let _ = local.stop();
                return Err(e).context("the cluster started but did not run a query; stopped it");
            }
            line(&say(
                "cli-cluster-started",
                &[
                    ("port", port.to_string().as_str().into()),
                    ("executors", executors.into()),
                    ("engine", started.engine.as_str().into()),
                ],
            ));
            Ok(())
        }
        ClusterCommand::Stop => {
            let ws = place.open()?;
            let stopped = LocalCluster::new(ws.root().join("cluster")).stop()?;
            let forced = stopped.members.iter().filter(|(_, killed)| *killed).count();
            let processes = ("processes", stopped.members.len().into());
            line(&if forced == 0 {
                say("cli-cluster-stopped", &[processes])
            } else {
                say(
                    "cli-cluster-stopped-forced",
                    &[processes, ("forced", forced.into())],
                )
            });
            Ok(())
        }
        ClusterCommand::Status { format } => {
            let ws = place.open()?;
            let status = LocalCluster::new(ws.root().join("cluster")).status()?;
            let engine = Engine::parse(&status.engine)?;
            let began = std::time::Instant::now();
            let answer = crate::commands::runtime()?.block_on(rapport_engine::check(&engine));
            let millis = u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
            if format == ListFormat::Json {
                return output::json(&serde_json::json!({
                    "engine": status.engine,
                    "members": status.members,
                    "answers_queries": answer.is_ok(),
                    "error": answer.as_ref().err().map(ToString::to_string),
                }));
            }
            let head = output::head(&[
                "cli-column-role",
                "cli-column-process",
                "cli-column-port",
                "cli-column-state",
                "cli-column-log",
            ]);
            let rows: Vec<Vec<String>> = status
                .members
                .iter()
                .map(|m| {
                    let role = match m.member.role {
                        Role::Scheduler => "cli-cluster-scheduler",
                        Role::Executor => "cli-cluster-executor",
                    };
                    let state = match (m.alive, m.answers) {
                        (true, true) => "cli-cluster-answers",
                        (true, false) => "cli-cluster-silent",
                        (false, _) => "cli-cluster-gone",
                    };
                    vec![
                        say(role, &[]),
                        m.member.pid.to_string(),
                        m.member.port.to_string(),
                        say(state, &[]),
                        m.member.log.display().to_string(),
                    ]
                })
                .collect();
            output::table_aligned(&head, &rows, &[false, true, true, false, false]);
            match answer {
                Ok(()) => line(&say(
                    "cli-cluster-runs-queries",
                    &[
                        ("engine", status.engine.as_str().into()),
                        ("millis", millis.into()),
                    ],
                )),
                Err(e) => line(&say(
                    "cli-cluster-no-queries",
                    &[
                        ("engine", status.engine.as_str().into()),
                        ("error", e.to_string().as_str().into()),
                    ],
                )),
            }
            Ok(())
        }
    }
}

/// Runs a cluster process's server on a runtime of its own until it ends.
/// Deep plans recurse deeply when they are decoded: 32 MiB stacks, as
/// Ballista's own mains use.
/// Logs at `info` unless `RUST_LOG` says otherwise, to stderr (the local
/// cluster sends it to the process's log file).
fn serve(server: impl std::future::Future<Output = rapport_cluster::Result<()>>) -> Result<()> {
    // Milliseconds: `rapport-bench` reads the job and task lines' times.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info"))
        .format_timestamp_millis()
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(32 * 1024 * 1024)
        .build()
        .context("starting the runtime")?;
    runtime.block_on(server)?;
    Ok(())
}
