//! A workspace made by an earlier release opens with today's binary: the
//! catalog is upgraded in place by its migrations, and nothing is lost.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::BIN;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn rapport(ws: &Path, args: &[&str]) -> Value {
    let out = std::process::Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .args(["--format", "json"])
        .env_remove("RAPPORT_WORKSPACE")
        .env("RAPPORT_AS_OF", "2026-12-01")
        .output()
        .expect("run rapport");
    assert!(
        out.status.success(),
        "rapport {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn catalog_version(ws: &Path) -> u32 {
    let conn = rusqlite::Connection::open(ws.join("catalog.sqlite")).expect("catalog");
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version")
}

#[test]
fn a_workspace_of_release_b0b3a84_upgrades_with_nothing_lost() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace-b0b3a84");
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("ws");
    copy_dir(&fixture, &ws);
    assert_eq!(catalog_version(&ws), 1);

    // Every load as that release recorded it.
    let loads = rapport(&ws, &["loads", "acme"]);
    let loads = loads.as_array().expect("loads");
    let counts: Vec<(u64, u64, u64, u64)> = loads
        .iter()
        .map(|l| {
            let n = |k: &str| l[k].as_u64().unwrap_or(u64::MAX);
            (
                n("rows_read"),
                n("loaded"),
                n("quarantined"),
                n("duplicates_skipped"),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [(5, 3, 1, 1), (5, 4, 0, 1), (2, 2, 0, 0), (2, 2, 0, 0)]
    );
    // The split of line-item lines was not recorded then.
    assert!(loads.iter().all(|l| l["continuation_rows"] == 0));
    assert_eq!(catalog_version(&ws), rapport_store::CATALOG_VERSION);

    // Every row, and both kinds of target, in one list.
    let rows = rapport(
        &ws,
        &[
            "sql",
            "acme",
            "SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM customers) AS customers",
        ],
    );
    assert_eq!(rows[0]["orders"], 7);
    assert_eq!(rows[0]["customers"], 2);
    let targets = rapport(&ws, &["target", "list", "acme"]);
    let targets = targets.as_array().expect("targets");
    assert_eq!(targets.len(), 3, "{targets:?}");
    let nps: Vec<(&str, f64, bool)> = targets
        .iter()
        .filter(|t| t["metric"] == "nps")
        .map(|t| {
            (
                t["origin"].as_str().unwrap_or_default(),
                t["value"].as_f64().unwrap_or_default(),
                t["overridden"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(nps, [("loaded", 40.0, true), ("set", 45.0, false)]);
    let m = rapport(
        &ws,
        &[
            "metrics", "acme", "--period", "2026-10", "--only", "revenue",
        ],
    );
    assert_eq!(m["metrics"][0]["target"]["value"], 1000.0);

    // And the workspace goes on: a new load lands with the new columns.
    let again = std::process::Command::new(BIN)
        .arg("--workspace")
        .arg(&ws)
        .args(["ingest", "acme", "--preset", "shopify-orders"])
        .arg(fixture.join("inputs/shop.csv"))
        .args(["--format", "json"])
        .output()
        .expect("ingest");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let s: Value = serde_json::from_slice(&again.stdout).expect("summary");
    assert_eq!(
        (
            s["loaded"].as_u64(),
            s["duplicates_skipped"].as_u64(),
            s["continuation_rows"].as_u64()
        ),
        (Some(0), Some(4), Some(1))
    );
    // The export now also fills order_items and customers: three loads.
    assert_eq!(
        rapport(&ws, &["loads", "acme"]).as_array().map(Vec::len),
        Some(7)
    );
}
