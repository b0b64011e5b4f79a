//! A load killed with SIGKILL at a random moment leaves the workspace
//! exactly as it was, and the next load works.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use crate::support::{Ws, n};

fn orders_csv(range: std::ops::Range<u64>) -> String {
    let mut s =
        String::from("order_id,customer_id,ordered_at,amount,currency,status,channel,items\n");
    for i in range {
        let day = 1 + i % 28;
        let amount = if i % 997 == 0 {
            -1.0
        } else {
            (i % 500) as f64 + 0.99
        };
        s.push_str(&format!(
            "o{i},c{},2026-10-{day:02}T{:02}:{:02}:00Z,{amount},EUR,completed,web,{}\n",
            i % 5000,
            i % 24,
            i % 60,
            1 + i % 4
        ));
    }
    s
}

/// Everything a user could observe: the catalog's loads, the rows, and
/// every file of the workspace with its content.
fn snapshot(ws: &Ws) -> (String, i64, Vec<(String, u64)>) {
    let loads = ws.ok(&["loads", "acme", "--format", "json"]);
    let rows = ws.count("acme", "SELECT count(*) AS n FROM orders");
    let mut files = Vec::new();
    collect(&ws.root(), &ws.root(), &mut files);
    files.sort();
    (loads, rows, files)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, u64)>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("inside")
            .display()
            .to_string();
        if path.is_dir() {
            collect(root, &path, out);
        } else if rel != ".rapport.lock" && rel != "catalog.sqlite" {
            // The catalog's content is compared through `rapport loads`;
            // its bytes may differ after SQLite rolls back a journal.
            let mut h = DefaultHasher::new();
            std::fs::read(&path).expect("read").hash(&mut h);
            out.push((rel, h.finish()));
        }
    }
}

#[test]
fn a_load_killed_at_random_moments_leaves_no_trace() {
    let ws = Ws::new();
    let base = ws.file("base.csv", orders_csv(0..2_000));
    ws.ingest("acme", "orders", &[&base], &[]);
    let big = ws.file("big.csv", orders_csv(2_000..302_000));
    let big_arg = big.to_str().expect("path").to_owned();

    // How long a whole load takes here, to spread the kills over it.
    let calibration = Ws::new();
    let started = Instant::now();
    calibration.ingest("acme", "orders", &[&big], &[]);
    let mut full = started.elapsed().as_secs_f64().max(0.05);

    let seed: u64 = std::env::var("RAPPORT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut before = snapshot(&ws);
    let mut killed = 0;
    for round in 0..14 {
        let mut child = ws
            .command(&["ingest", "acme", "orders", &big_arg])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let delay = Duration::from_secs_f64(rng.random_range(0.0..full * 1.1));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait");
        let after = snapshot(&ws);
        if status.success() {
            // Loads here ran faster than the calibration (other tests
            // share the machine): aim the next kills earlier.
            full *= 0.7;
        } else {
            killed += 1;
        }
        if after == before {
            assert!(
                !status.success(),
                "round {round}: a finished load changed nothing"
            );
            continue;
        }
        // All or nothing: if anything changed, the load is committed in
        // full (the kill may land after the commit, before the exit), and
        // the only new files are the ones its catalog record names.
        assert_eq!(
            after.1,
            2_000 - 3 + 300_000 - 300,
            "round {round} (RAPPORT_KILL_SEED={seed})"
        );
        let loads_before: Vec<serde_json::Value> = serde_json::from_str(&before.0).expect("json");
        let loads_after: Vec<serde_json::Value> = serde_json::from_str(&after.0).expect("json");
        assert_eq!(
            loads_after.len(),
            loads_before.len() + 1,
            "round {round} (RAPPORT_KILL_SEED={seed})"
        );
        let new = &loads_after[loads_after.len() - 1];
        assert_eq!(n(new, "rows_read"), 300_000);
        let named: Vec<&str> = ["data_file", "index_file", "quarantine_file"]
            .iter()
            .filter_map(|k| new[*k].as_str())
            .collect();
        for (file, _) in &after.2 {
            assert!(
                before.2.iter().any(|(f, _)| f == file) || named.contains(&file.as_str()),
                "round {round}: stray file {file} (RAPPORT_KILL_SEED={seed})"
            );
        }
        before = after;
    }
    assert!(
        killed >= 5,
        "too few loads were actually interrupted ({killed}); seed {seed}"
    );
    // The next load works and counts every row once.
    let s = ws.ingest("acme", "orders", &[&big], &[]);
    assert_eq!(n(&s, "rows_read"), 300_000);
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM orders"),
        2_000 - 3 + 300_000 - 300
    );
}
