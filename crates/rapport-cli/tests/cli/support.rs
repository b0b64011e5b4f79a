//! Running the real `rapport` binary against a workspace in a temporary
//! directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_rapport");

/// `rapport --workspace WS ARGS`, without the user's workspace, language
/// or engine from the environment.
pub(crate) fn command_in(ws: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("RAPPORT_WORKSPACE")
        .env_remove("RAPPORT_LANG")
        .env_remove("RAPPORT_ENGINE");
    c
}

/// Runs `rapport --workspace WS ARGS` and expects success; returns stdout.
pub(crate) fn ok_in(ws: &Path, args: &[&str]) -> String {
    ok_in_with(ws, &[], args)
}

/// Like [`ok_in`], with the variables `env` set too.
pub(crate) fn ok_in_with(ws: &Path, env: &[(&str, String)], args: &[&str]) -> String {
    let out = command_in(ws, args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run rapport");
    assert!(
        out.status.success(),
        "rapport {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

/// A temporary directory with a workspace in `ws/` and room for input files.
pub(crate) struct Ws {
    pub(crate) dir: tempfile::TempDir,
}

impl Ws {
    /// A fresh workspace (time zone Europe/Bucharest) with clients `acme` and `beta`.
    pub(crate) fn new() -> Ws {
        let ws = Ws::empty();
        ws.ok(&[
            "init",
            ws.root().to_str().unwrap_or("ws"),
            "--timezone",
            "Europe/Bucharest",
        ]);
        ws.ok(&["client", "add", "acme", "--name", "Acme Ltd"]);
        ws.ok(&["client", "add", "beta", "--name", "Beta SRL"]);
        ws
    }

    /// A temporary directory without a workspace.
    pub(crate) fn empty() -> Ws {
        Ws {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The workspace directory.
    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    /// Writes an input file next to the workspace.
    pub(crate) fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, content).expect("write input");
        p
    }

    pub(crate) fn command(&self, args: &[&str]) -> Command {
        command_in(&self.root(), args)
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run rapport")
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        ok_in(&self.root(), args)
    }

    /// Runs and expects failure; returns stderr.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "rapport {args:?} should have failed but printed:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }

    /// `rapport ingest … --format json`, parsed, with the invariant checked.
    pub(crate) fn ingest(
        &self,
        client: &str,
        entity: &str,
        inputs: &[&Path],
        extra: &[&str],
    ) -> Value {
        let mut args = vec!["ingest", client, entity];
        let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        args.extend(inputs.iter().map(String::as_str));
        args.extend(extra);
        args.extend(["--format", "json"]);
        let summary: Value = serde_json::from_str(&self.ok(&args)).expect("summary JSON");
        assert_adds_up(&summary);
        summary
    }

    /// `rapport sql CLIENT QUERY --format json`, parsed.
    pub(crate) fn sql(&self, client: &str, query: &str) -> Vec<Value> {
        let out = self.ok(&["sql", client, query, "--format", "json"]);
        match serde_json::from_str(&out).expect("SQL JSON") {
            Value::Array(rows) => rows,
            other => panic!("expected an array, got {other}"),
        }
    }

    /// The single number a `SELECT count(*) AS n` style query returns.
    pub(crate) fn count(&self, client: &str, query: &str) -> i64 {
        let rows = self.sql(client, query);
        rows[0]["n"]
            .as_i64()
            .unwrap_or_else(|| panic!("no n in {rows:?}"))
    }
}

/// loaded + quarantined + duplicates_skipped + continuation_rows = rows_read.
pub(crate) fn assert_adds_up(s: &Value) {
    let n = |k: &str| {
        s[k].as_u64()
            .unwrap_or_else(|| panic!("summary without {k}: {s}"))
    };
    assert_eq!(
        n("loaded") + n("quarantined") + n("duplicates_skipped") + n("continuation_rows"),
        n("rows_read"),
        "{s}"
    );
}

pub(crate) fn n(s: &Value, key: &str) -> u64 {
    s[key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary without {key}: {s}"))
}

/// Reads a quarantine CSV as header + rows.
pub(crate) fn read_quarantine(path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("quarantine file");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// Runs `rapport --workspace WS ARGS…`.
///
/// The demo workspaces these tests use end on 2026-10-31, so they are read
/// as of the next morning, whatever the clock says.
pub(crate) fn run_in(ws: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("RAPPORT_WORKSPACE")
        .env("RAPPORT_AS_OF", "2026-11-01")
        .output()
        .expect("run rapport")
}

/// Runs `rapport --workspace WS ARGS…`, which must succeed with JSON output.
pub(crate) fn json_in(ws: &Path, args: &[&str]) -> Value {
    let out = run_in(ws, args);
    assert!(
        out.status.success(),
        "rapport {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}
