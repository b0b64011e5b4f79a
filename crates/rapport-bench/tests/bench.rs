//! `rapport-bench` runs end to end (figures are not asserted: this
//! is not a timed test, only a check that the bench works).

/// The bench binary; it runs the `rapport` binary built beside it, which
/// the workspace's tests build too.
const BIN: &str = env!("CARGO_BIN_EXE_rapport-bench");

/// `rapport-bench ARGS --no-peer --format json --dir TEMP`, parsed.
fn bench(args: &[&str]) -> serde_json::Value {
    let tmp = tempfile::tempdir().expect("temp");
    let out = std::process::Command::new(BIN)
        .args(args)
        .args(["--no-peer", "--format", "json", "--dir"])
        .arg(tmp.path())
        .output()
        .expect("run bench");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn the_ingest_bench_reports_figures() {
    let v = bench(&["ingest", "--rows", "20000"]);
    assert_eq!(v["rows"], 20000);
    assert!(
        v["rapport"]["rows_per_second"]
            .as_f64()
            .is_some_and(|r| r > 0.0),
        "{v}"
    );
    assert!(
        v["rapport"]["peak_memory_mb"]
            .as_f64()
            .is_some_and(|m| m > 0.0),
        "{v}"
    );
    assert!(v["duckdb"].is_null());
}

#[test]
fn the_models_bench_fits_and_reports_parameters() {
    let v = bench(&["models", "--customers", "20000"]);
    assert_eq!(v["customers"], 20000);
    // The bench's own simulation truth (r = 0.9 in days) comes back.
    let r = v["rapport"]["bg_nbd"][0].as_f64().expect("r");
    assert!((r - 0.9).abs() < 0.15, "{v}");
    assert!(v["lifetimes"].is_null() && v["speed_ratio"].is_null());
}

#[test]
fn the_metrics_bench_generates_a_client_and_runs_every_metric() {
    let v = bench(&["metrics", "--scale", "0.002"]);
    assert_eq!(v["rows"]["web_events"], 100_000);
    assert_eq!(v["rows"]["orders"], 10_000);
    assert_eq!(v["metrics_with_data"], 48, "{v}");
    assert!(v["plans"].as_u64().is_some_and(|p| p >= 10));
    assert!(v["rapport"]["seconds"].as_f64().is_some_and(|s| s > 0.0));
    assert!(v["duckdb"].is_null());
}

#[test]
fn every_bench_has_help_with_an_example() {
    for cmd in [&[][..], &["ingest"], &["models"], &["metrics"]] {
        let out = std::process::Command::new(BIN)
            .args(cmd)
            .arg("--help")
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd:?}");
        assert!(
            text.contains("Example"),
            "`rapport-bench {}` has no example:\n{text}",
            cmd.join(" ")
        );
    }
}
