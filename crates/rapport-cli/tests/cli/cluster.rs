//! The cluster engine end to end: the demo agency's metrics, cohorts,
//! funnels, comparisons and segment splits give the same results on the
//! embedded engine and on a local Ballista cluster (`rapport cluster
//! start`) of one and of two executors; and the faults a cluster has: one
//! that is down, an executor killed mid-query, executors that stall.
//!
//! Every process these tests start listens on 127.0.0.1 and is stopped by
//! the test (and, should it fail, by [`Cluster`]'s drop).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::demo::demo;
use crate::support::{command_in, ok_in as ok, ok_in_with as ok_with};

/// Numbers may differ by this much, relatively, between engines: a sum
/// split over partitions adds in another order (a few units in the last
/// place of an f64). Counts, texts and the shape must be equal.
const RELATIVE_TOLERANCE: f64 = 1e-9;

/// The commands compared, per demo client: the whole metric suite against
/// the previous period and last year, by segment and by attribute;
/// cohorts; a funnel; and for the shop a channel comparison. Each runs with `--format json`.
fn commands(client: &str) -> Vec<Vec<String>> {
    // CloudNest keeps the Solar Hijri calendar: Mehr 1405 and the
    // summer quarter of 1405.
    let (month, quarter) = if client == "cloudnest" {
        ("1405-07", "1405-Q2")
    } else {
        ("2026-10", "2026-Q3")
    };
    let mut out: Vec<Vec<&str>> = vec![
        vec!["metrics", client, "--period", month],
        vec!["metrics", client, "--period", quarter, "--compare", "year"],
        vec!["metrics", client, "--period", month, "--by", "country"],
        vec![
            "metrics",
            client,
            "--period",
            month,
            "--segment",
            "orders_total >= 2",
        ],
        vec!["cohorts", client],
    ];
    // Only the shop has web events; the others' funnels are empty, and
    // must be empty on both engines.
    out.push(vec![
        "funnel",
        client,
        "--period",
        month,
        "--steps",
        "page_view,product_view,add_to_cart,purchase",
    ]);
    if client == "lumen" {
        out.push(vec![
            "compare",
            client,
            "--metric",
            "conversion_rate",
            "--by",
            "utm_campaign",
            "--period",
            "2026-10",
        ]);
    }
    out.into_iter()
        .map(|c| {
            c.into_iter()
                .map(str::to_owned)
                .chain(["--format".to_owned(), "json".to_owned()])
                .collect()
        })
        .collect()
}

/// Lumen's metrics for October 2026, as JSON.
const LUMEN_OCTOBER: [&str; 6] = [
    "metrics", "lumen", "--period", "2026-10", "--format", "json",
];

const CLIENTS: [&str; 3] = ["lumen", "cloudnest", "brightpaws"];

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn rapport(ws: &Path, args: &[&str]) -> Output {
    command_in(ws, args).output().expect("run rapport")
}

/// A local cluster a test started; stopped when dropped.
struct Cluster {
    ws: PathBuf,
    engine: String,
}

impl Cluster {
    fn start(ws: &Path, executors: usize) -> Cluster {
        Cluster::start_with(ws, executors, &[])
    }

    /// Starts a cluster whose processes also get the variables `env`.
    fn start_with(ws: &Path, executors: usize, env: &[(&str, String)]) -> Cluster {
        let port = free_port();
        let said = ok_with(
            ws,
            env,
            &[
                "cluster",
                "start",
                "--executors",
                &executors.to_string(),
                "--port",
                &port.to_string(),
                "--cores",
                "2",
            ],
        );
        let engine = format!("ballista://127.0.0.1:{port}");
        assert!(said.contains(&engine), "{said}");
        Cluster {
            ws: ws.to_owned(),
            engine,
        }
    }

    fn status(&self) -> Value {
        serde_json::from_str(&ok(&self.ws, &["cluster", "status", "--format", "json"]))
            .expect("status JSON")
    }

    /// The process ids of the executors.
    fn executors(&self) -> Vec<i32> {
        self.status()["members"]
            .as_array()
            .expect("members")
            .iter()
            .filter(|m| m["role"] == "executor")
            .filter_map(|m| m["pid"].as_i64())
            .filter_map(|p| i32::try_from(p).ok())
            .collect()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = rapport(&self.ws, &["cluster", "stop"]);
    }
}

fn signal(pid: i32, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill -{name} {pid}");
}

/// Where two JSON results differ beyond [`RELATIVE_TOLERANCE`], by path.
fn differences(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            let scale = x.abs().max(y.abs()).max(1e-300);
            if (x - y).abs() / scale > RELATIVE_TOLERANCE {
                out.push(format!("{path}: {x} vs {y}"));
            }
        }
        (Value::Array(xs), Value::Array(ys)) if xs.len() == ys.len() => {
            for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                differences(&format!("{path}[{i}]"), x, y, out);
            }
        }
        (Value::Object(xs), Value::Object(ys))
            if xs.keys().collect::<Vec<_>>() == ys.keys().collect::<Vec<_>>() =>
        {
            for (k, x) in xs {
                differences(&format!("{path}.{k}"), x, &ys[k], out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: {a} vs {b}")),
    }
}

/// Runs every command of every client with `--engine local` and on
/// `engine`, and asserts the results agree.
fn assert_same_results(ws: &Path, engine: &str) {
    let mut compared = 0;
    for client in CLIENTS {
        for command in commands(client) {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            let local = ok(ws, &[&args[..], &["--engine", "local"]].concat());
            let cluster = ok(ws, &[&args[..], &["--engine", engine]].concat());
            let (local, cluster): (Value, Value) = (
                serde_json::from_str(&local).expect("local JSON"),
                serde_json::from_str(&cluster).expect("cluster JSON"),
            );
            let mut diff = Vec::new();
            differences("", &local, &cluster, &mut diff);
            assert!(
                diff.is_empty(),
                "rapport {} differs on {engine}:\n{}",
                args.join(" "),
                diff.join("\n")
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 3 * 6 + 1);
}

#[test]
fn every_demo_result_is_the_same_on_a_cluster_of_one_and_of_two_executors() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    for executors in [1, 2] {
        let cluster = Cluster::start(&ws, executors);
        let status = cluster.status();
        assert_eq!(status["answers_queries"], true, "{status}");
        assert_eq!(
            status["members"].as_array().map(Vec::len),
            Some(1 + executors),
            "{status}"
        );
        assert_same_results(&ws, &cluster.engine);
        drop(cluster);
    }
}

#[test]
fn a_cluster_that_is_down_fails_fast_naming_its_address() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("ws");
    ok(tmp.path(), &["init", ws.to_str().expect("utf-8")]);
    ok(&ws, &["client", "add", "acme", "--name", "Acme"]);
    let port = free_port();
    let engine = format!("ballista://127.0.0.1:{port}");
    let began = Instant::now();
    let out = rapport(
        &ws,
        &[
            "sql",
            "acme",
            "SELECT count(*) FROM orders",
            "--engine",
            &engine,
        ],
    );
    let took = began.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("rapport cluster status"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}");

    // Not a cluster address at all: refused before anything runs.
    let err = String::from_utf8_lossy(
        &rapport(&ws, &["sql", "acme", "SELECT 1", "--engine", "ballista://"]).stderr,
    )
    .into_owned();
    assert!(err.contains("ballista://HOST:PORT"), "{err}");
    // Status and stop of a cluster never started say so.
    let out = rapport(&ws, &["cluster", "status"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no local cluster"));
}

#[test]
fn an_executor_killed_mid_query_leaves_the_query_answered_or_failed_cleanly() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    let expected: Value = serde_json::from_str(&ok(&ws, &LUMEN_OCTOBER)).expect("local JSON");
    let cluster = Cluster::start(&ws, 2);
    let executors = cluster.executors();
    assert_eq!(executors.len(), 2);
    let began = Instant::now();
    let on_cluster = [&LUMEN_OCTOBER[..], &["--engine", &cluster.engine]].concat();
    let query = command_in(&ws, &[&on_cluster[..], &["--timeout", "120"]].concat())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the query");
    std::thread::sleep(Duration::from_millis(300));
    signal(executors[0], "KILL");
    let out = query.wait_with_output().expect("the query ends");
    let took = began.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    if out.status.success() {
        let got: Value = serde_json::from_slice(&out.stdout).expect("cluster JSON");
        let mut diff = Vec::new();
        differences("", &expected, &got, &mut diff);
        assert!(diff.is_empty(), "{}", diff.join("\n"));
    } else {
        assert!(err.starts_with("error: "), "{err}");
    }
    assert!(took < Duration::from_secs(120), "took {took:?}");
    // The survivor still runs queries on its own.
    let again: Value = serde_json::from_str(&ok(&ws, &on_cluster)).expect("JSON");
    let mut diff = Vec::new();
    differences("", &expected, &again, &mut diff);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

#[test]
fn stalled_executors_do_not_hold_the_command_past_its_timeout() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    let cluster = Cluster::start(&ws, 1);
    let executors = cluster.executors();
    for pid in &executors {
        signal(*pid, "STOP");
    }
    let began = Instant::now();
    let out = rapport(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--engine",
            &cluster.engine,
            "--timeout",
            "5",
        ],
    );
    let took = began.elapsed();
    for pid in &executors {
        signal(*pid, "CONT");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(124), "{err}");
    assert!(err.contains("--timeout"), "{err}");
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(15),
        "took {took:?}"
    );
}

/// A cluster whose executors cannot see the workspace folder reads it from
/// object storage (a real S3 server on 127.0.0.1): the demo's loads are
/// synced to the bucket, the folder's data is moved out of reach, and the
/// results are still the embedded engine's; a new load and a saved segment
/// reach the executors through the bucket.
#[test]
fn executors_read_the_workspace_from_object_storage() {
    let sink = rapport_s3_sink::S3Sink::start(&["agency-data"]).expect("S3 server");
    let env: Vec<(&str, String)> = sink.environment().into_iter().collect();
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    ok(
        &ws,
        &["segments", "lumen", "--method", "rfm", "--save", "rfm"],
    );
    let champions = [
        &LUMEN_OCTOBER[..],
        &["--segment", "segment(\"rfm\") = \"Champions\""],
    ]
    .concat();
    let expected: Value = serde_json::from_str(&ok(&ws, &LUMEN_OCTOBER)).expect("JSON");
    let expected_champions: Value = serde_json::from_str(&ok(&ws, &champions)).expect("JSON");

    let settings = ws.join("rapport.toml");
    let mut toml = std::fs::read_to_string(&settings).expect("rapport.toml");
    toml.push_str(&format!(
        "\n[settings.storage]\nurl = \"s3://agency-data/rapport\"\nendpoint = \"{}\"\nallow_http = true\n",
        sink.endpoint()
    ));
    std::fs::write(&settings, toml).expect("storage configured");
    // Without credentials the bucket refuses, and the error says where to
    // put them.
    let refused = rapport(&ws, &["storage", "sync", "lumen"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("AWS_ACCESS_KEY_ID"), "{err}");
    let synced: Value = serde_json::from_str(&ok_with(
        &ws,
        &env,
        &["storage", "sync", "--format", "json"],
    ))
    .expect("sync JSON");
    let clients = synced["clients"].as_array().expect("clients");
    assert_eq!(clients.len(), 3, "{synced}");
    let uploaded: u64 = clients.iter().filter_map(|c| c["uploaded"].as_u64()).sum();
    assert!(
        clients.iter().all(|c| c["uploaded"].as_u64() > Some(0)),
        "{synced}"
    );
    let keys = sink.keys("agency-data");
    assert_eq!(keys.len() as u64, uploaded, "{keys:?}");
    assert!(
        keys.contains(&"rapport/segments/lumen/rfm.parquet".to_owned()),
        "{keys:?}"
    );
    let again: Value = serde_json::from_str(&ok_with(
        &ws,
        &env,
        &["storage", "sync", "--format", "json"],
    ))
    .expect("sync JSON");
    assert!(
        again["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .all(|c| c["uploaded"] == 0 && c["removed"] == 0),
        "{again}"
    );

    let cluster = Cluster::start_with(&ws, 2, &env);
    // The executors share this machine, but not the folder's data any more.
    std::fs::rename(ws.join("data"), ws.join("data-elsewhere")).expect("hidden");
    std::fs::rename(ws.join("segments"), ws.join("segments-elsewhere")).expect("hidden");
    std::fs::create_dir(ws.join("segments")).expect("segments");
    std::fs::create_dir(ws.join("segments/lumen")).expect("segments");
    std::fs::copy(
        ws.join("segments-elsewhere/lumen/rfm.parquet"),
        ws.join("segments/lumen/rfm.parquet"),
    )
    .expect("the client checks the segment exists");
    let on_cluster = |args: &[&str]| -> Value {
        let args = [args, &["--engine", &cluster.engine]].concat();
        serde_json::from_str(&ok_with(&ws, &env, &args)).expect("cluster JSON")
    };
    for (expected, command) in [
        (&expected, &LUMEN_OCTOBER[..]),
        (&expected_champions, &champions[..]),
    ] {
        let got = on_cluster(command);
        let mut diff = Vec::new();
        differences("", expected, &got, &mut diff);
        assert!(diff.is_empty(), "{}", diff.join("\n"));
    }
    // The segment really is read from the bucket: a corrupt local copy
    // changes nothing on the cluster.
    std::fs::write(ws.join("segments/lumen/rfm.parquet"), b"not parquet").expect("corrupt");
    let got = on_cluster(&champions);
    let mut diff = Vec::new();
    differences("", &expected_champions, &got, &mut diff);
    assert!(diff.is_empty(), "{}", diff.join("\n"));

    // A new load goes to the bucket before it commits, and the cluster
    // counts its rows.
    let orders = tmp.path().join("orders.csv");
    std::fs::write(
        &orders,
        "order_id,customer_id,ordered_at,amount,currency\n\
         o-1,c-1,2026-10-03T10:00:00Z,10.5,EUR\n\
         o-2,c-2,2026-10-04T11:00:00Z,20,EUR\n\
         o-3,c-1,2026-10-05T12:00:00Z,30,EUR\n",
    )
    .expect("orders");
    ok_with(&ws, &env, &["client", "add", "delta", "--name", "Delta"]);
    ok_with(
        &ws,
        &env,
        &["ingest", "delta", "orders", orders.to_str().expect("utf-8")],
    );
    assert!(
        sink.keys("agency-data")
            .iter()
            .any(|k| k.starts_with("rapport/data/delta/orders/")),
        "the load is not in the bucket"
    );
    let counted = on_cluster(&[
        "sql",
        "delta",
        "SELECT count(*) AS n, CAST(sum(amount) AS DOUBLE) AS total FROM orders",
        "--format",
        "json",
    ]);
    assert_eq!(counted[0]["n"], 3, "{counted}");
    assert_eq!(counted[0]["total"], 60.5, "{counted}");
    drop(cluster);
}
