//! Source presets from the command line: listing, showing, loading by
//! name, proposing one from a file's header, and copying one as a mapping.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Ws, assert_adds_up, n};

fn fixture(name: &str) -> PathBuf {
    // The directory `cargo test` runs us for, read at run time: a path
    // compiled in goes stale when cargo reuses this binary for a checkout
    // elsewhere that shares the target directory (as CI's clone does).
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .join("../rapport-ingest/tests/fixtures/presets")
        .join(name)
}

#[test]
fn presets_are_listed_with_their_entity_and_documented_layout() {
    let ws = Ws::new();
    let list: Value =
        serde_json::from_str(&ws.ok(&["presets", "list", "--format", "json"])).expect("JSON");
    let list = list.as_array().expect("array");
    assert!(list.len() >= 15, "{list:?}");
    for name in [
        "shopify-orders",
        "woocommerce-orders",
        "stripe-charges",
        "stripe-subscriptions",
        "google-ads-campaigns",
        "meta-ads",
        "ga4-bigquery-events",
        "zendesk-tickets",
        "freshdesk-tickets",
        "typeform-nps",
        "delighted-nps",
        "mailchimp-campaigns",
        "facebook-page-posts",
        "instagram-posts",
        "hubspot-contacts",
    ] {
        let p = list
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is listed"));
        assert!(
            p["entity"].is_string() && p["documentation"].is_string(),
            "{p}"
        );
    }
}

#[test]
fn show_explains_each_column_and_what_is_ignored_and_why() {
    let ws = Ws::new();
    let text = ws.ok(&["presets", "show", "zendesk-tickets"]);
    assert!(text.contains("first_response_at"), "{text}");
    assert!(
        text.contains("plus the minutes in `First reply time in minutes`"),
        "{text}"
    );
    assert!(
        text.contains("Satisfaction Score — load CSAT from the survey export"),
        "{text}"
    );
    assert!(
        text.contains("escalated") && text.contains("any other value → true"),
        "{text}"
    );
    let err = ws.fails(&["presets", "show", "shopfiy-orders"]);
    assert!(err.contains("shopify-orders"), "{err}");
}

#[test]
fn loading_by_preset_and_by_a_copied_preset_gives_the_same_rows() {
    let ws = Ws::new();
    let file = fixture("shopify-orders.csv");
    let f = file.to_str().expect("path");
    let s: Value = serde_json::from_str(&ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "shopify-orders",
        f,
        "--format",
        "json",
    ]))
    .expect("summary");
    assert_adds_up(&s);
    assert_eq!(
        (
            n(&s, "loaded"),
            n(&s, "duplicates_skipped"),
            n(&s, "continuation_rows")
        ),
        (4, 0, 1)
    );
    // `rapport loads` shows the line-item line as what it is, not as a
    // duplicate.
    let loads: Value =
        serde_json::from_str(&ws.ok(&["loads", "acme", "--format", "json"])).expect("loads");
    assert_eq!(loads[0]["duplicates_skipped"], 0, "{loads}");
    assert_eq!(loads[0]["continuation_rows"], 1, "{loads}");
    // The same file through the preset's TOML, copied as a user would.
    let toml = ws.ok(&["presets", "show", "shopify-orders", "--toml"]);
    let mapping = ws.file("my-shop.toml", toml);
    let s = ws.ingest(
        "beta",
        "orders",
        &[&file],
        &["--mapping", mapping.to_str().expect("path")],
    );
    assert_eq!(n(&s, "loaded"), 4);
    let q = "SELECT order_id, customer_id, CAST(ordered_at AS VARCHAR) AS t, amount, currency, status FROM orders ORDER BY order_id";
    assert_eq!(ws.sql("acme", q), ws.sql("beta", q));
    let rows = ws.sql("acme", q);
    assert_eq!(rows[0]["currency"], "RON");
    assert_eq!(rows[3]["currency"], "JPY");
}

#[test]
fn a_file_without_entity_gets_a_proposal_and_loads_only_when_accepted() {
    let ws = Ws::new();
    let file = fixture("zendesk-tickets.csv");
    let f = file.to_str().expect("path");
    let err = ws.fails(&["ingest", "acme", f]);
    assert!(
        err.contains("zendesk-tickets") && err.contains("--preset zendesk-tickets"),
        "{err}"
    );
    assert!(err.contains("Nothing was loaded"), "{err}");
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM support_tickets"),
        0
    );
    let out = ws.ok(&["ingest", "acme", f, "--yes"]);
    assert!(out.contains("preset `zendesk-tickets`"), "{out}");
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM support_tickets"),
        3
    );

    // A header no preset knows: the closest, with what differs.
    let other = ws.file(
        "mystery.csv",
        "Name,Email,Created at,Total\n#1,a@b.c,2026-10-01,5\n",
    );
    let err = ws.fails(&["ingest", "acme", other.to_str().expect("path")]);
    assert!(err.contains("no preset matches"), "{err}");
    assert!(
        err.contains("shopify-orders (orders): lacks `Currency`"),
        "{err}"
    );
}

#[test]
fn set_supplies_what_an_export_lacks() {
    let ws = Ws::new();
    let file = fixture("instagram-posts.csv");
    let f = file.to_str().expect("path");
    let err = ws.fails(&["ingest", "acme", "--preset", "instagram-posts", f]);
    assert!(err.contains("--set followers=N"), "{err}");
    let out = ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "instagram-posts",
        f,
        "--set",
        "followers=12000",
    ]);
    assert!(out.contains("2 loaded"), "{out}");
    assert_eq!(
        ws.count("acme", "SELECT min(followers) AS n FROM social_posts"),
        12000
    );
    let err = ws.fails(&["ingest", "acme", "--preset", "meta-ads", f, "--set", "oops"]);
    assert!(err.contains("COLUMN=VALUE"), "{err}");
    let err = ws.fails(&["ingest", "acme", "orders", "--preset", "meta-ads", f]);
    assert!(
        err.contains("loads `marketing_spend`, not `orders`"),
        "{err}"
    );
}

fn metric(ws: &Ws, client: &str, id: &str) -> Value {
    let out = ws.ok(&[
        "metrics",
        client,
        "--period",
        "2026-10",
        "--only",
        id,
        "--compare",
        "none",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).expect("metrics JSON");
    v["metrics"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["id"] == id).cloned())
        .unwrap_or_else(|| panic!("no {id} in {v}"))
}

#[test]
fn amounts_keep_their_currency_and_are_converted_only_with_loaded_rates() {
    let ws = Ws::new();
    let file = fixture("shopify-orders.csv");
    ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "shopify-orders",
        file.to_str().expect("path"),
    ]);
    // RON, EUR, USD and JPY orders are not added up.
    let revenue = metric(&ws, "acme", "revenue");
    assert!(revenue["value"].is_null(), "{revenue}");
    assert!(
        revenue["missing_reason"]
            .as_str()
            .is_some_and(|r| r.contains("several currencies") && r.contains("exchange_rates")),
        "{revenue}"
    );
    // Rates: one RON is 0.2010 EUR from 30 September (carried to 1 October),
    // one JPY 0.0061 EUR on 31 October; USD's rate is too old to be used.
    let rates = ws.file(
        "rates.csv",
        "date,currency,rate\n2026-09-30,RON,0.2010\n2026-09-20,USD,0.92\n2026-10-31,JPY,0.0061\n2026-10-31,XYZ,0\n",
    );
    let s = ws.ingest("acme", "exchange_rates", &[&rates], &[]);
    assert_eq!(
        (n(&s, "loaded"), n(&s, "quarantined")),
        (3, 1),
        "a zero rate is refused"
    );
    let rows = ws.sql(
        "acme",
        "SELECT order_id, amount, CAST(currency AS VARCHAR) AS currency FROM orders ORDER BY order_id",
    );
    let got: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| {
            (
                r["order_id"].as_str().unwrap_or_default().to_owned(),
                r["amount"].as_f64().unwrap_or(f64::NAN),
                r["currency"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let want = [
        ("#1001", 215.0 * 0.2010, "EUR"),
        ("#1002", 1250.0, "EUR"),
        ("#1003", 25.0, "USD"),
        ("#1004", 3000.0 * 0.0061, "EUR"),
    ];
    for ((id, amount, cur), (wid, wamount, wcur)) in got.iter().zip(want) {
        assert_eq!((id.as_str(), cur.as_str()), (wid, wcur));
        assert!(
            (amount - wamount).abs() < 1e-9,
            "{id}: {amount} vs {wamount}"
        );
    }
    // The rows as exported are unchanged.
    assert_eq!(
        ws.count(
            "acme",
            "SELECT count(*) AS n FROM orders_as_exported WHERE currency IN ('RON', 'USD', 'JPY')"
        ),
        3
    );
    // Completed orders of October, all in EUR now: #1001 and #1004 (#1003
    // is voided; #1002 refunded).
    let revenue = metric(&ws, "acme", "revenue");
    let value = revenue["value"].as_f64().expect("revenue now has a value");
    assert!(
        (value - (215.0 * 0.2010 + 3000.0 * 0.0061)).abs() < 1e-9,
        "{revenue}"
    );
}

#[test]
fn ad_spend_in_several_currencies_is_not_added_up() {
    let ws = Ws::new();
    let google = fixture("google-ads-campaigns.csv");
    let meta = fixture("meta-ads.csv");
    ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "google-ads-campaigns",
        google.to_str().expect("path"),
    ]);
    let spend = metric(&ws, "acme", "spend");
    assert_eq!(
        spend["value"].as_f64(),
        Some(129.15 + 17.6 + 124.7),
        "{spend}"
    );
    ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "meta-ads",
        meta.to_str().expect("path"),
    ]);
    let spend = metric(&ws, "acme", "spend");
    assert!(spend["value"].is_null(), "{spend}");
    assert!(
        spend["missing_reason"]
            .as_str()
            .is_some_and(|r| r.contains("EUR and RON")),
        "{spend}"
    );
    assert_eq!(spend["missing"]["code"], "spend-currencies", "{spend}");
    assert_eq!(
        spend["missing"]["currencies"],
        serde_json::json!(["EUR", "RON"])
    );
    assert!(metric(&ws, "acme", "cpc")["value"].is_null());
    let out = ws.ok(&[
        "compare", "acme", "--metric", "ctr", "--by", "channel", "--period", "2026-10", "--format",
        "json",
    ]);
    let c: Value = serde_json::from_str(&out).expect("compare JSON");
    let group = |name: &str| {
        c["rows"]
            .as_array()
            .and_then(|g| g.iter().find(|g| g["value"] == name).cloned())
            .unwrap_or_else(|| panic!("no {name} in {c}"))
    };
    assert!(
        (group("google_ads")["spend"].as_f64().unwrap_or(0.0) - 271.45).abs() < 1e-9,
        "{c}"
    );
    assert!(group("meta_ads")["spend"].is_null(), "{c}");
    assert!(c.to_string().contains("meta_ads (RON)"), "{c}");
    assert!(
        metric(&ws, "acme", "ctr")["value"].is_number(),
        "CTR has no currency"
    );
    let rates = ws.file("rates.csv", "date,currency,rate\n2026-10-01,RON,0.2\n");
    ws.ingest("acme", "exchange_rates", &[&rates], &[]);
    let spend = metric(&ws, "acme", "spend");
    let want = 129.15 + 17.6 + 124.7 + 0.2 * (310.55 + 45.1 + 298.0);
    let got = spend["value"].as_f64().expect("converted spend");
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
}

#[test]
fn an_entity_named_folder_next_to_the_entity_name_is_still_an_entity_load() {
    let ws = Ws::new();
    ws.file(
        "orders/part1.csv",
        "order_id,customer_id,ordered_at,amount,currency\no1,c1,2026-10-01T10:00:00Z,5,EUR\n",
    );
    let out = ws
        .command(&["ingest", "acme", "orders", "orders"])
        .current_dir(ws.dir.path())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ws.count("acme", "SELECT count(*) AS n FROM orders"), 1);
}

#[test]
fn decimal_separator_flag_reads_a_localized_export() {
    let ws = Ws::new();
    let file = fixture("meta-ads-de-locale.csv");
    let f = file.to_str().expect("path");
    let s: Value = serde_json::from_str(&ws.ok(&[
        "ingest",
        "acme",
        "--preset",
        "meta-ads",
        f,
        "--decimal-separator",
        ",",
        "--format",
        "json",
    ]))
    .expect("summary");
    assert_eq!(n(&s, "loaded"), 1, "{s}");
    let rows = ws.sql("acme", "SELECT spend, impressions FROM marketing_spend");
    assert_eq!(rows[0]["spend"].as_f64(), Some(310.55));
    assert_eq!(rows[0]["impressions"].as_i64(), Some(9034));
}
