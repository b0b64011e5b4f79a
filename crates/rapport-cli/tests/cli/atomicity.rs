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
    orders_csv_priced(range, 0.0)
}

/// Orders with `extra` added to every valid amount: a re-export in which
/// each record changed.
fn orders_csv_priced(range: std::ops::Range<u64>, extra: f64) -> String {
    let mut s =
        String::from("order_id,customer_id,ordered_at,amount,currency,status,channel,items\n");
    for i in range {
        let day = 1 + i % 28;
        let amount = if i % 997 == 0 {
            -1.0
        } else {
            (i % 500) as f64 + 0.99 + extra
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
        } else if !rel.ends_with(".lock") && !rel.starts_with("catalog.sqlite") {
            // The catalog's content is compared through `rapport loads`;
            // its bytes may differ after SQLite rolls back a journal, and a
            // load killed inside a catalog transaction (its id reservation)
            // may leave SQLite an empty `catalog.sqlite-journal`, which
            // SQLite ignores. Lock files say a load may have been
            // interrupted: not data either.
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
        let changed = format!(
            "round {round} (RAPPORT_KILL_SEED={seed}): files added {:?}, gone {:?}",
            after
                .2
                .iter()
                .filter(|f| !before.2.contains(f))
                .collect::<Vec<_>>(),
            before
                .2
                .iter()
                .filter(|f| !after.2.contains(f))
                .collect::<Vec<_>>(),
        );
        assert_eq!(after.1, 2_000 - 3 + 300_000 - 300, "{changed}");
        let loads_before: Vec<serde_json::Value> = serde_json::from_str(&before.0).expect("json");
        let loads_after: Vec<serde_json::Value> = serde_json::from_str(&after.0).expect("json");
        assert_eq!(loads_after.len(), loads_before.len() + 1, "{changed}");
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

#[test]
fn a_replacing_load_killed_at_random_moments_is_all_or_nothing() {
    // 60,000 orders, then a re-export of all of them with new amounts plus
    // 60,000 new ones, loaded with --replace and killed at random moments:
    // the rows are either all the old ones or all the new ones, and no
    // file is left that the catalog does not name.
    let ws = Ws::new();
    let base = ws.file("base.csv", orders_csv(0..60_000));
    ws.ingest("acme", "orders", &[&base], &[]);
    let again = ws.file("again.csv", orders_csv_priced(0..120_000, 1000.0));
    let again_arg = again.to_str().expect("path").to_owned();
    let valid = |n: u64| n - n.div_ceil(997);
    let old_sum = amount_total(&ws);

    let calibration = Ws::new();
    calibration.ingest("acme", "orders", &[&base], &[]);
    let started = Instant::now();
    calibration.ingest("acme", "orders", &[&again], &["--replace"]);
    let full = started.elapsed().as_secs_f64().max(0.05);

    let seed: u64 = std::env::var("RAPPORT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut before = snapshot(&ws);
    let (mut done, mut interrupted) = (None, 0);
    for round in 0..10 {
        let after_s = rng.random_range(0.0..full * 1.1);
        run_killed(
            &ws,
            &["ingest", "acme", "orders", &again_arg, "--replace"],
            after_s,
        );
        let after = snapshot(&ws);
        if after == before {
            interrupted += 1;
            continue;
        }
        // Committed (now or in an earlier round): every row is the new
        // version, none twice.
        assert_eq!(
            after.1,
            valid(120_000) as i64,
            "round {round} (RAPPORT_KILL_SEED={seed})"
        );
        assert_eq!(
            amount_total(&ws),
            amount_total(&calibration),
            "round {round}"
        );
        let loads: Vec<serde_json::Value> = serde_json::from_str(&after.0).expect("json");
        let named: Vec<&str> = loads
            .iter()
            .flat_map(|l| ["data_file", "index_file", "quarantine_file"].map(|k| l[k].as_str()))
            .flatten()
            .collect();
        // Every load file on disk is one the catalog names: the replaced
        // versions are gone, no rewrite was left behind.
        for (file, _) in &after.2 {
            let load_file = ["data/", "index/", "quarantine/"]
                .iter()
                .any(|top| file.starts_with(top));
            assert!(
                !load_file || named.contains(&file.as_str()),
                "round {round}: stray file {file} (RAPPORT_KILL_SEED={seed})"
            );
        }
        done.get_or_insert(round);
        before = after;
    }
    assert!(
        interrupted >= 1,
        "no load was interrupted (RAPPORT_KILL_SEED={seed})"
    );
    if done.is_none() {
        // Never committed: exactly the old rows, and a clean finish works.
        assert_eq!(amount_total(&ws), old_sum);
        let s = ws.ingest("acme", "orders", &[&again], &["--replace"]);
        assert_eq!(n(&s, "replaced"), valid(60_000));
    }
    assert_eq!(amount_total(&ws), amount_total(&calibration));
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM orders"),
        valid(120_000) as i64
    );
}

/// Runs `rapport ARGS` and kills it (SIGKILL) after `seconds`, or lets it
/// finish if it is done by then.
fn run_killed(ws: &Ws, args: &[&str], seconds: f64) {
    let mut child = ws
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_secs_f64(seconds));
    let _ = child.kill();
    let _ = child.wait();
}

/// The orders' amounts added up, to tell old rows from new ones.
fn amount_total(ws: &Ws) -> i64 {
    ws.sql(
        "acme",
        "SELECT CAST(round(sum(amount)) AS BIGINT) AS s FROM orders",
    )[0]["s"]
        .as_i64()
        .expect("sum")
}

/// A Shopify order export of `orders` orders of one to three lines each,
/// newest first, every line with its e-mail and billing city.
fn shopify_csv(orders: u64) -> String {
    let mut s = String::from(
        "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing City,Billing Country,Source\n",
    );
    for i in (0..orders).rev() {
        let (day, hour) = (1 + i % 28, i % 24);
        for line in 0..1 + i % 3 {
            let order = if line == 0 {
                format!("paid,EUR,30.00,2026-10-{day:02} {hour:02}:00:00 +0300")
            } else {
                ",,,".to_owned()
            };
            s.push_str(&format!(
                "#{i},c{}@x.ro,{order},1,Item,10.00,SKU-{line},City {},RO,web\n",
                i % 4000,
                i % 7
            ));
        }
    }
    s
}

#[test]
fn an_export_filling_three_entities_killed_at_random_moments_changes_all_or_none() {
    let ws = Ws::new();
    let export = ws.file("orders_export.csv", shopify_csv(60_000));
    let arg = export.to_str().expect("path").to_owned();
    let load = [
        "ingest",
        "acme",
        "orders",
        &arg,
        "--preset",
        "shopify-orders",
    ];
    let calibration = Ws::new();
    let started = Instant::now();
    calibration.ok(&load);
    let full = started.elapsed().as_secs_f64().max(0.05);
    let counts = |ws: &Ws| {
        ["orders", "order_items", "customers"]
            .map(|t| ws.count("acme", &format!("SELECT count(*) AS n FROM {t}")))
    };
    let expected = counts(&calibration);
    assert_eq!(expected, [60_000, 120_000, 4_000]);
    let seed: u64 = std::env::var("RAPPORT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut interrupted = 0;
    for round in 0..8 {
        run_killed(&ws, &load, rng.random_range(0.0..full * 1.1));
        let loads: Vec<serde_json::Value> =
            serde_json::from_str(&ws.ok(&["loads", "acme", "--format", "json"])).expect("json");
        let now = counts(&ws);
        // All three entities of the load, or none of them.
        match loads.len() {
            0 => {
                interrupted += 1;
                assert_eq!(now, [0, 0, 0], "round {round} (RAPPORT_KILL_SEED={seed})");
            }
            3 => assert_eq!(now, expected, "round {round} (RAPPORT_KILL_SEED={seed})"),
            other => panic!("round {round}: {other} loads committed (RAPPORT_KILL_SEED={seed})"),
        }
        if loads.len() == 3 {
            break;
        }
    }
    assert!(
        interrupted >= 1,
        "no load was interrupted (RAPPORT_KILL_SEED={seed})"
    );
    // Whatever happened, a clean load ends with every entity in full.
    ws.ok(&load);
    assert_eq!(counts(&ws), expected);
}
