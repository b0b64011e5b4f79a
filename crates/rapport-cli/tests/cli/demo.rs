//! `rapport demo`: three clients, every load adds up, deterministic per seed.

use std::path::Path;

use serde_json::Value;

use crate::support::{BIN, assert_adds_up};

/// `rapport demo DIR --seed SEED --end-month 2026-10 --format json`, parsed.
pub(crate) fn demo(dir: &Path, seed: &str) -> Value {
    let out = std::process::Command::new(BIN)
        .args(["demo"])
        .arg(dir)
        .args(["--seed", seed, "--end-month", "2026-10", "--format", "json"])
        .output()
        .expect("run demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("demo JSON")
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for client in std::fs::read_dir(dir).expect("exports").flatten() {
        for f in std::fs::read_dir(client.path())
            .expect("client exports")
            .flatten()
        {
            out.push((
                f.path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string(),
                std::fs::read(f.path()).expect("read"),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn the_demo_builds_three_clients_with_explained_quarantine() {
    let tmp = tempfile::tempdir().expect("temp");
    let dir = tmp.path().join("agency");
    let v = demo(&dir, "7");
    assert_eq!(v["first_day"], "2024-11-01");
    assert_eq!(v["last_day"], "2026-10-31");
    let clients = v["clients"].as_array().expect("clients");
    let ids: Vec<&str> = clients.iter().filter_map(|c| c["id"].as_str()).collect();
    assert_eq!(ids, ["lumen", "cloudnest", "brightpaws"]);
    let mut rules = std::collections::BTreeSet::new();
    // Two of the exports are in real tools' layouts, loaded with presets.
    let presets: Vec<(&str, &str)> = clients
        .iter()
        .flat_map(|c| c["loads"].as_array().into_iter().flatten())
        .filter_map(|l| Some((l["preset"].as_str()?, l["summary"]["entity"].as_str()?)))
        .collect();
    assert!(
        presets.contains(&("shopify-orders", "orders")),
        "{presets:?}"
    );
    assert!(
        presets.contains(&("zendesk-tickets", "support_tickets")),
        "{presets:?}"
    );
    assert!(
        presets.contains(&("stripe-subscriptions", "subscriptions")),
        "{presets:?}"
    );
    // The help desk was exported twice; the later export replaces the
    // tickets solved in between, and every ticket counts once.
    let ticket_loads: Vec<&serde_json::Value> = clients[0]["loads"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["summary"]["entity"] == "support_tickets")
        .collect();
    assert_eq!(ticket_loads.len(), 2);
    assert_eq!(ticket_loads[0]["summary"]["replaced"], 0);
    assert!(
        ticket_loads[1]["summary"]["replaced"]
            .as_u64()
            .is_some_and(|r| r > 10),
        "{}",
        ticket_loads[1]["summary"]
    );
    let counted = std::process::Command::new(BIN)
        .arg("--workspace")
        .arg(&dir)
        .args([
            "sql",
            "lumen",
            "SELECT count(*) AS n, count(DISTINCT ticket_id) AS d FROM support_tickets",
            "--format",
            "json",
        ])
        .output()
        .expect("sql");
    let counted: serde_json::Value = serde_json::from_slice(&counted.stdout).expect("json");
    assert_eq!(counted[0]["n"], counted[0]["d"], "a ticket counted twice");
    for c in clients {
        let mut entities = std::collections::BTreeSet::new();
        for load in c["loads"].as_array().expect("loads") {
            let first = &load["summary"];
            assert!(
                first["loaded"].as_u64().unwrap_or(0) > 0,
                "nothing loaded from {}",
                load["export"]
            );
            // The entities the same export also filled (Shopify's line
            // items and customers) add up on their own.
            let also = first["also"].as_array().cloned().unwrap_or_default();
            for s in std::iter::once(first).chain(&also) {
                assert_adds_up(s);
                entities.insert(s["entity"].as_str().unwrap_or_default().to_owned());
                for p in s["problems"].as_array().expect("problems") {
                    rules.insert(p["rule"].as_str().unwrap_or_default().to_owned());
                    assert!(!p["example"].as_str().unwrap_or_default().is_empty());
                }
            }
        }
        let need: &[&str] = match c["id"].as_str() {
            Some("lumen") => &[
                "customers",
                "orders",
                "order_items",
                "web_events",
                "marketing_spend",
                "email_campaigns",
                "survey_responses",
                "support_tickets",
                "annotations",
            ],
            Some("cloudnest") => &[
                "customers",
                "subscriptions",
                "support_tickets",
                "survey_responses",
            ],
            _ => &[
                "customers",
                "orders",
                "social_posts",
                "email_campaigns",
                "survey_responses",
            ],
        };
        for e in need {
            assert!(entities.contains(*e), "{} has no {e}", c["id"]);
        }
    }
    for rule in [
        "non_negative",
        "type",
        "required",
        "currency_code",
        "out_of_scale",
        "time_order",
        "allowed_values",
        "malformed_row",
    ] {
        assert!(
            rules.contains(rule),
            "the demo should show a `{rule}` problem; it has {rules:?}"
        );
    }
    // The demo's segments need customer attributes.
    let out = std::process::Command::new(BIN)
        .args(["--workspace"])
        .arg(&dir)
        .args(["sql", "lumen", "SELECT count(DISTINCT country) AS countries, count(DISTINCT company_type) AS kinds, count(birth_year) AS born, sum(cardinality(interests)) AS interests FROM customers", "--format", "json"])
        .output()
        .expect("sql");
    let row: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(row[0]["countries"].as_i64().unwrap_or(0) >= 5, "{row}");
    assert_eq!(row[0]["kinds"], 2);
    assert!(row[0]["interests"].as_i64().unwrap_or(0) > 100, "{row}");
}

#[test]
fn the_demo_is_deterministic_per_seed_and_replaces_only_itself() {
    let tmp = tempfile::tempdir().expect("temp");
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    demo(&a, "11");
    demo(&b, "11");
    demo(&c, "12");
    assert!(
        files(&a.join("exports")) == files(&b.join("exports")),
        "same seed, different exports"
    );
    assert!(
        files(&a.join("exports")) != files(&c.join("exports")),
        "another seed should give other data"
    );
    // Running again where a demo was replaces it.
    demo(&a, "11");
    // A directory the demo did not make is never touched.
    let mine = tmp.path().join("mine");
    std::fs::create_dir_all(&mine).expect("mkdir");
    std::fs::write(mine.join("thesis.txt"), "precious").expect("write");
    let out = std::process::Command::new(BIN)
        .arg("demo")
        .arg(&mine)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not made by `rapport demo`"));
    assert!(mine.join("thesis.txt").exists());
}
