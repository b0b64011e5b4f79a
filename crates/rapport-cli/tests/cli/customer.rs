//! `rapport customer`: one customer of the demo agency seen whole, each
//! part checked against plain SQL over the same tables and against the
//! saved prediction files the demo wrote.

use serde_json::Value;

use crate::support::{json_in as json, run_in as rapport};

const WHO: &str = "c00770@example.com";

/// The rows of `rapport sql`.
fn sql(ws: &std::path::Path, client: &str, query: &str) -> Vec<Value> {
    match json(ws, &["sql", client, query, "--format", "json"]) {
        Value::Array(rows) => rows,
        other => panic!("expected rows, got {other}"),
    }
}

fn number(ws: &std::path::Path, client: &str, query: &str) -> f64 {
    let rows = sql(ws, client, query);
    rows[0]["n"]
        .as_f64()
        .or_else(|| rows[0]["n"].as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| panic!("no n in {rows:?}"))
}

/// The customer's row of a CSV the demo saved, as column → text.
fn saved(path: &std::path::Path, who: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("saved CSV");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .filter(|l| l.starts_with(&format!("{who},")))
        .map(|l| {
            head.iter()
                .zip(l.split(','))
                .map(|(h, v)| ((*h).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

#[test]
fn a_customer_is_seen_whole_and_every_part_agrees_with_the_tables_and_saved_predictions() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");

    // Found by the e-mail whatever its case and spaces.
    let typed = format!("  {}  ", WHO.to_uppercase());
    let p = json(
        &ws,
        &[
            "customer", "lumen", &typed, "--latest", "3", "--format", "json",
        ],
    );
    assert_eq!(p["kind"], "customer");
    assert_eq!(p["customer_id"], WHO);
    let of = |table: &str| format!("FROM {table} WHERE customer_id = '{WHO}'");

    // Counts and sums: the same as plain SQL.
    for (listing, table) in [
        ("orders", "orders"),
        ("tickets", "support_tickets"),
        ("survey_answers", "survey_responses"),
    ] {
        let n = number(&ws, "lumen", &format!("SELECT count(*) AS n {}", of(table)));
        assert_eq!(p[listing]["total"].as_f64(), Some(n), "{listing}");
        assert!(n > 0.0, "{WHO} has {listing}");
        let shown = p[listing]["latest"].as_array().expect("latest");
        assert_eq!(
            shown.len(),
            (n as usize).min(3),
            "{listing}: at most --latest"
        );
    }
    let sessions = number(
        &ws,
        "lumen",
        &format!(
            "SELECT count(DISTINCT coalesce(session_id, event_id)) AS n {}",
            of("web_events")
        ),
    );
    assert_eq!(p["web_sessions"]["total"].as_f64(), Some(sessions));
    let latest = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT order_id {} ORDER BY ordered_at DESC LIMIT 1",
            of("orders")
        ),
    );
    assert_eq!(p["orders"]["latest"][0]["order_id"], latest[0]["order_id"]);
    let spent = number(
        &ws,
        "lumen",
        &format!(
            "SELECT sum(amount) AS n {} AND coalesce(status, 'completed') = 'completed'",
            of("orders")
        ),
    );
    let completed: f64 = p["order_totals"]
        .as_array()
        .expect("totals")
        .iter()
        .filter(|t| t["status"] == "completed")
        .map(|t| t["amount"].as_f64().expect("amount"))
        .sum();
    assert!((completed - spent).abs() < 1e-6, "{completed} vs {spent}");
    let comments = number(
        &ws,
        "lumen",
        &format!(
            "SELECT count(*) AS n {} AND comment IS NOT NULL AND trim(comment) <> ''",
            of("survey_responses")
        ),
    );
    assert!(comments > 0.0, "survey comments to show");

    // Predictions: exactly the rows the demo saved.
    let preds = ws.join("predictions/lumen");
    let clv = &saved(&preds.join("clv-bg_nbd.csv"), WHO)[0];
    let p_alive: f64 = clv["p_alive"].parse().expect("p_alive");
    assert!((p["purchase"]["p_alive"].as_f64().expect("p_alive") - p_alive).abs() < 1e-12);
    assert_eq!(
        p["purchase"]["risk_tier"].as_str(),
        Some(clv["risk_tier"].as_str())
    );
    assert_eq!(p["purchase"]["model"], "bg_nbd");
    assert_eq!(p["purchase"]["horizon"], clv["horizon"].as_str());
    // The classifier scores current customers only: present or absent in
    // the profile exactly as in its file.
    let churn: Option<f64> = saved(&preds.join("churn.csv"), WHO)
        .first()
        .map(|r| r["churn_probability"].parse().expect("churn"));
    match (churn, p["churn_probability"].as_f64()) {
        (Some(saved), Some(shown)) => assert!((saved - shown).abs() < 1e-12),
        (None, None) => {}
        other => panic!("churn probability saved and shown: {other:?}"),
    }
    let recs = saved(&preds.join("recommendations.csv"), WHO);
    let products: Vec<&str> = p["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|r| r["product_id"].as_str().expect("product"))
        .collect();
    let expected: Vec<&str> = recs
        .iter()
        .take(3)
        .map(|r| r["product_id"].as_str())
        .collect();
    assert_eq!(products, expected);
    let rfm = &saved(&ws.join("segments/lumen/rfm.csv"), WHO)[0];
    assert_eq!(p["segments"][0]["segmentation"], "rfm");
    assert_eq!(
        p["segments"][0]["segment"].as_str(),
        Some(rfm["segment"].as_str())
    );

    // The table in Persian: its own words, days in the calendar's digits.
    let out = rapport(&ws, &["--lang", "fa", "customer", "lumen", WHO]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for words in [
        "سفارش‌ها",
        "چشم‌انداز",
        "تیکت‌های پشتیبانی",
        "احتمال فعال‌ماندن",
        "ارزش مورد انتظار در",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }

    // A customer of another client, an id that tries to widen the query,
    // and a bad --latest: clear errors, nothing shown.
    for (args, says) in [
        (
            vec!["customer", "lumen", "acct_0001"],
            "no customer `acct_0001`",
        ),
        (
            vec!["customer", "lumen", "x' OR '1'='1"],
            "no customer `x' OR '1'='1`",
        ),
        (
            vec!["customer", "lumen", WHO, "--latest", "0"],
            "latest must be between 1 and 200",
        ),
        (vec!["customer", "nobody", WHO], "nobody"),
    ] {
        let out = rapport(&ws, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
