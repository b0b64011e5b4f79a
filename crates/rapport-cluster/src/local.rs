//! A local cluster: a scheduler and N executors on 127.0.0.1, each its
//! own process of the `rapport` binary (`rapport cluster scheduler`,
//! `rapport cluster executor`), started in the background and stopped by
//! signal.
//!
//! Its state is a folder: `cluster.json` (each process's role, id, port
//! and log), the logs, and each executor's work folder. The processes run
//! in a process group of their own, so closing the terminal that started
//! them does not stop them; `stop` does.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, io};

/// The state file of a local cluster, in its folder.
const STATE_FILE: &str = "cluster.json";

/// How long a process has to open its port.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a process has to end after SIGTERM before it gets SIGKILL.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// A process's part in the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Scheduler,
    Executor,
}

impl Role {
    /// The `rapport cluster` subcommand that runs it.
    fn subcommand(self) -> &'static str {
        match self {
            Role::Scheduler => "scheduler",
            Role::Executor => "executor",
        }
    }
}

/// One process of a local cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub role: Role,
    pub pid: u32,
    /// The port it answers on: the scheduler's, or the executor's Flight
    /// port.
    pub port: u16,
    pub log: PathBuf,
}

impl Member {
    /// Whether the process still runs and is ours (not a later process
    /// that was given the same id).
    pub fn alive(&self) -> bool {
        let Ok(pid) = i32::try_from(self.pid) else {
            return false;
        };
        if kill(Pid::from_raw(pid), None).is_err() {
            return false;
        }
        match std::fs::read(format!("/proc/{}/cmdline", self.pid)) {
            Ok(cmdline) => {
                let words: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
                words
                    .windows(2)
                    .any(|w| w[0] == b"cluster" && w[1] == self.role.subcommand().as_bytes())
            }
            // Without /proc, a live process id is the best we know.
            Err(_) => true,
        }
    }

    /// Whether its port accepts a connection.
    pub fn answers(&self) -> bool {
        port_answers(self.port)
    }
}

/// The state file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    members: Vec<Member>,
}

/// A local cluster started from a folder.
#[derive(Debug, Clone)]
pub struct LocalCluster {
    dir: PathBuf,
    /// Variables its processes get on top of this one's (object storage's
    /// endpoint and region).
    environment: Vec<(String, String)>,
}

/// What `start` started.
#[derive(Debug, Clone, Serialize)]
pub struct Started {
    /// The engine address for `rapport.toml` or `--engine`.
    pub engine: String,
    pub members: Vec<Member>,
}

/// What `stop` stopped: each member, and whether it needed SIGKILL.
#[derive(Debug, Clone, Serialize)]
pub struct Stopped {
    pub members: Vec<(Member, bool)>,
}

/// Each member of a running cluster, with whether it lives and answers.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub engine: String,
    pub members: Vec<MemberStatus>,
}

/// One member's state.
#[derive(Debug, Clone, Serialize)]
pub struct MemberStatus {
    #[serde(flatten)]
    pub member: Member,
    pub alive: bool,
    pub answers: bool,
}

fn port_answers(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok()
}

/// The port of a cluster's scheduler (0 in a state file without one).
fn scheduler_port(state: &State) -> u16 {
    state
        .members
        .iter()
        .find(|m| m.role == Role::Scheduler)
        .map_or(0, |m| m.port)
}

/// A port on 127.0.0.1 no one listens on now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(io("choosing a free port"))?;
    Ok(listener
        .local_addr()
        .map_err(io("choosing a free port"))?
        .port())
}

/// The last lines of a log, for an error.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(8)..].join("\n")
}

impl LocalCluster {
    /// The cluster whose state is kept in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> LocalCluster {
        LocalCluster {
            dir: dir.into(),
            environment: Vec::new(),
        }
    }

    /// The same cluster whose processes also get the variables `vars`
    /// (a workspace's `[settings.storage]` endpoint, so its executors read
    /// the bucket the client writes).
    pub fn with_environment(mut self, vars: Vec<(String, String)>) -> LocalCluster {
        self.environment = vars;
        self
    }

    /// The engine address of a scheduler on `port` of 127.0.0.1.
    pub fn engine(port: u16) -> String {
        format!("ballista://127.0.0.1:{port}")
    }

    fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    fn read_state(&self) -> Result<Option<State>> {
        let path = self.state_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(format!("reading {}", path.display()))(e)),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Error::State {
                path,
                cause: e.to_string(),
            })
    }

    fn write_state(&self, state: &State) -> Result<()> {
        let path = self.state_path();
        let temp = path.with_extension("json.new");
        let text = serde_json::to_string_pretty(state).map_err(|e| Error::State {
            path: path.clone(),
            cause: e.to_string(),
        })?;
        std::fs::write(&temp, text).map_err(io(format!("writing {}", temp.display())))?;
        std::fs::rename(&temp, &path).map_err(io(format!("writing {}", path.display())))
    }

    /// Starts a scheduler on `port` and `executors` executors of `cores`
    /// task slots each (0: one per core), running `program` (the `rapport`
    /// binary). Returns when every process answers on its port; on a
    /// failure, stops what it started and names the log to read.
    pub fn start(
        &self,
        program: &Path,
        port: u16,
        executors: usize,
        cores: usize,
    ) -> Result<Started> {
        if let Some(state) = self.read_state()?
            && state.members.iter().any(Member::alive)
        {
            return Err(Error::AlreadyRunning {
                dir: self.dir.clone(),
                port: scheduler_port(&state),
            });
        }
        if port_answers(port) {
            return Err(Error::PortTaken { port });
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(io(format!("creating {}", self.dir.display())))?;
        let mut members = Vec::new();
        let started = (|| {
            let (scheduler, mut child) = self.spawn(
                program,
                Role::Scheduler,
                port,
                "scheduler.log",
                &["--bind".into(), format!("127.0.0.1:{port}")],
            )?;
            members.push(scheduler.clone());
            wait_until_answers(&scheduler, &mut child, "scheduler")?;
            for i in 1..=executors {
                let (flight, grpc) = (free_port()?, free_port()?);
                let work = self.dir.join(format!("executor-{i}"));
                std::fs::create_dir_all(&work)
                    .map_err(io(format!("creating {}", work.display())))?;
                let args = [
                    "--scheduler".into(),
                    format!("127.0.0.1:{port}"),
                    "--port".into(),
                    flight.to_string(),
                    "--grpc-port".into(),
                    grpc.to_string(),
                    "--cores".into(),
                    cores.to_string(),
                    "--work-dir".into(),
                    work.to_string_lossy().into_owned(),
                ];
                let (member, mut child) = self.spawn(
                    program,
                    Role::Executor,
                    flight,
                    &format!("executor-{i}.log"),
                    &args,
                )?;
                members.push(member.clone());
                self.write_state(&State {
                    members: members.clone(),
                })?;
                wait_until_answers(&member, &mut child, &format!("executor {i}"))?;
            }
            self.write_state(&State {
                members: members.clone(),
            })
        })();
        if let Err(e) = started {
            for m in members.iter().rev() {
                stop_member(m);
            }
            let _ = std::fs::remove_file(self.state_path());
            return Err(e);
        }
        Ok(Started {
            engine: Self::engine(port),
            members,
        })
    }

    fn spawn(
        &self,
        program: &Path,
        role: Role,
        port: u16,
        log_name: &str,
        args: &[String],
    ) -> Result<(Member, std::process::Child)> {
        use std::os::unix::process::CommandExt;
        let log = self.dir.join(log_name);
        let out = std::fs::File::create(&log).map_err(io(format!("creating {}", log.display())))?;
        let err = out
            .try_clone()
            .map_err(io(format!("opening {}", log.display())))?;
        let child = Command::new(program)
            .args(["cluster", role.subcommand()])
            .args(args)
            .envs(self.environment.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(io(format!("starting {}", program.display())))?;
        let member = Member {
            role,
            pid: child.id(),
            port,
            log,
        };
        Ok((member, child))
    }

    /// The members of the running cluster and their state.
    pub fn status(&self) -> Result<Status> {
        let state = self.read_state()?.ok_or_else(|| Error::NotRunning {
            dir: self.dir.clone(),
        })?;
        let port = scheduler_port(&state);
        Ok(Status {
            engine: Self::engine(port),
            members: state
                .members
                .into_iter()
                .map(|member| MemberStatus {
                    alive: member.alive(),
                    answers: member.answers(),
                    member,
                })
                .collect(),
        })
    }

    /// Stops every member (executors first) and forgets the cluster.
    pub fn stop(&self) -> Result<Stopped> {
        let state = self.read_state()?.ok_or_else(|| Error::NotRunning {
            dir: self.dir.clone(),
        })?;
        let mut stopped = Vec::new();
        for m in state.members.iter().rev() {
            let killed = stop_member(m);
            stopped.push((m.clone(), killed));
        }
        stopped.reverse();
        std::fs::remove_file(self.state_path())
            .map_err(io(format!("removing {}", self.state_path().display())))?;
        Ok(Stopped { members: stopped })
    }
}

/// Waits until a process just started answers on its port; an error
/// quoting its log when it exits first or takes too long. (The child's
/// own status, not [`Member::alive`]: until the new program is loaded,
/// the process still shows the command line of the one that started it.)
fn wait_until_answers(member: &Member, child: &mut std::process::Child, what: &str) -> Result<()> {
    let began = Instant::now();
    while began.elapsed() < START_TIMEOUT {
        if member.answers() {
            return Ok(());
        }
        if !matches!(child.try_wait(), Ok(None)) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(Error::StartFailed {
        what: what.to_owned(),
        seconds: START_TIMEOUT.as_secs(),
        log: member.log.clone(),
        tail: tail(&member.log),
    })
}

/// Sends SIGTERM, waits, then SIGKILL. Returns whether SIGKILL was needed.
fn stop_member(member: &Member) -> bool {
    if !member.alive() {
        return false;
    }
    let Ok(raw) = i32::try_from(member.pid) else {
        return false;
    };
    let pid = Pid::from_raw(raw);
    let _ = kill(pid, Signal::SIGTERM);
    // Until the process is gone, not only until `alive` says no: an
    // exiting process has an empty command line but may hold its port.
    let gone = || kill(pid, None).is_err();
    let began = Instant::now();
    while began.elapsed() < STOP_TIMEOUT {
        if gone() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = kill(pid, Signal::SIGKILL);
    while !gone() && began.elapsed() < 2 * STOP_TIMEOUT {
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_file_that_is_not_ours_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(STATE_FILE), "not json").expect("write");
        let err = LocalCluster::new(dir.path())
            .status()
            .expect_err("bad state");
        assert!(err.to_string().contains("cluster.json"), "{err}");
    }

    #[test]
    fn status_and_stop_without_a_cluster_say_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cluster = LocalCluster::new(dir.path());
        assert!(matches!(cluster.status(), Err(Error::NotRunning { .. })));
        assert!(matches!(cluster.stop(), Err(Error::NotRunning { .. })));
    }

    #[test]
    fn a_member_whose_process_is_gone_is_not_alive() {
        let member = Member {
            role: Role::Executor,
            pid: u32::MAX,
            port: free_port().expect("port"),
            log: PathBuf::from("x.log"),
        };
        assert!(!member.alive());
        assert!(!member.answers());
    }
}
