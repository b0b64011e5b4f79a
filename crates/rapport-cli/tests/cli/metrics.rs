//! `rapport metrics`, `rapport target`: the catalog over the demo agency,
//! each family checked against a plain query written here, and the
//! command's formats and errors.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{json_in as json, run_in as rapport};

/// One number from plain SQL over a client's tables.
fn sql(ws: &Path, client: &str, query: &str) -> f64 {
    let v = json(ws, &["sql", client, query, "--format", "json"]);
    let row = &v[0];
    let first = row
        .as_object()
        .and_then(|o| o.values().next())
        .unwrap_or_else(|| panic!("{query}: {v}"));
    first
        .as_f64()
        .or_else(|| first.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| panic!("{query}: {v}"))
}

fn metric<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["metrics"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["id"] == id))
        .unwrap_or_else(|| panic!("no {id} in {report}"))
}

fn value(report: &Value, id: &str) -> f64 {
    let m = metric(report, id);
    m["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{id} has no value: {m}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");
    (tmp, ws)
}

// October 2026 in Europe/Bucharest (the demo's zone) in UTC: DST ends on
// the 25th, so the month ends at 22:00 UTC, not 21:00.
const OCT: &str = "'2026-09-30T21:00:00Z' AND '2026-10-31T22:00:00Z'";

fn in_oct(column: &str) -> String {
    let (a, b) = OCT.split_once(" AND ").unwrap_or_default();
    format!("{column} >= {a} AND {column} < {b}")
}

// CloudNest keeps the Solar Hijri calendar. Its month 1405-07 is Mehr
// 1405: 23 September to 22 October 2026, in Bucharest (UTC+3 all month).
const MEHR_START: &str = "'2026-09-22T21:00:00Z'";
const MEHR_END: &str = "'2026-10-22T21:00:00Z'";

fn in_mehr(column: &str) -> String {
    format!("{column} >= {MEHR_START} AND {column} < {MEHR_END}")
}

#[test]
fn every_family_agrees_with_a_plain_query_over_the_demo() {
    let (_tmp, ws) = workspace();
    let r = json(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-10", "--format", "json",
        ],
    );
    assert_eq!(r["client"], "lumen");
    assert_eq!(r["period"]["start"], "2026-10-01");
    assert_eq!(r["period"]["end"], "2026-10-31");
    assert_eq!(r["comparison"]["start"], "2026-09-01");
    assert_eq!(r["comparison"]["end"], "2026-09-30");
    let ids: Vec<&str> = r["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids.len(), 48);
    for m in r["metrics"].as_array().expect("metrics") {
        assert!(
            m["value"].is_number() || m["missing_reason"].is_string(),
            "{m}"
        );
        for key in [
            "id",
            "value",
            "unit",
            "n",
            "ci_low",
            "ci_high",
            "previous",
            "change",
            "significant",
            "missing_reason",
        ] {
            assert!(m.get(key).is_some(), "{key} missing in {m}");
        }
    }
    // Orders.
    let done = "(status IS NULL OR status = 'completed')";
    let revenue = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT SUM(amount) FROM orders WHERE {done} AND {}",
            in_oct("ordered_at")
        ),
    );
    let orders = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(*) FROM orders WHERE {done} AND {}",
            in_oct("ordered_at")
        ),
    );
    let buyers = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(DISTINCT customer_id) FROM orders WHERE {done} AND {}",
            in_oct("ordered_at")
        ),
    );
    assert!(close(value(&r, "revenue"), revenue));
    assert_eq!(value(&r, "orders"), orders);
    assert!(close(value(&r, "aov"), revenue / orders));
    assert!(close(value(&r, "purchase_frequency"), orders / buyers));
    assert_eq!(value(&r, "active_customers"), buyers);
    // Survey.
    let nps = sql(&ws, "lumen", &format!(
        "SELECT 100.0 * (SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) - SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) / COUNT(*)
         FROM survey_responses WHERE survey = 'nps' AND {}", in_oct("responded_at")));
    assert!(close(value(&r, "nps"), nps));
    // Marketing (dates are local days).
    let spend = sql(
        &ws,
        "lumen",
        "SELECT SUM(spend) FROM marketing_spend WHERE date >= '2026-10-01' AND date <= '2026-10-31'",
    );
    let ctr = sql(
        &ws,
        "lumen",
        "SELECT 100.0 * SUM(clicks) / SUM(impressions) FROM marketing_spend WHERE date >= '2026-10-01' AND date <= '2026-10-31'",
    );
    assert!(close(value(&r, "spend"), spend));
    assert!(close(value(&r, "ctr"), ctr));
    let open = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT 100.0 * SUM(opens) / SUM(delivered) FROM email_campaigns WHERE {}",
            in_oct("sent_at")
        ),
    );
    assert!(close(value(&r, "email_open_rate"), open));
    // Web: the demo's events carry session ids; a session belongs to the
    // month its first event is in.
    let sessions = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(*) FROM (SELECT session_id, MIN(ts) AS t0 FROM web_events GROUP BY session_id) WHERE {}",
            in_oct("t0")
        ),
    );
    assert_eq!(value(&r, "sessions"), sessions);
    // Support.
    let opened = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(*) FROM support_tickets WHERE {}",
            in_oct("opened_at")
        ),
    );
    assert_eq!(value(&r, "tickets_opened"), opened);
    // Social, on the services client.
    let s = json(
        &ws,
        &[
            "metrics",
            "brightpaws",
            "--period",
            "2026-10",
            "--only",
            "social_engagement_rate",
            "--format",
            "json",
        ],
    );
    let social = sql(
        &ws,
        "brightpaws",
        &format!(
            "SELECT 100.0 * SUM(likes + shares + comments + COALESCE(saves, 0)) / SUM(followers) FROM social_posts WHERE {}",
            in_oct("posted_at")
        ),
    );
    assert!(close(value(&s, "social_engagement_rate"), social));
    assert_eq!(s["metrics"].as_array().map(Vec::len), Some(1));
    // Subscriptions: churn of the SaaS by its contractual definition, in
    // its own calendar's month (Mehr 1405).
    let c = json(
        &ws,
        &[
            "metrics",
            "cloudnest",
            "--period",
            "1405-07",
            "--only",
            "churn_rate,customers_start",
            "--format",
            "json",
        ],
    );
    assert_eq!(c["customer_basis"], "subscriptions");
    assert_eq!(c["period"]["label"], "1405-07");
    assert_eq!(c["period"]["calendar"], "solar-hijri");
    assert_eq!(c["period"]["start"], "2026-09-23");
    assert_eq!(c["period"]["end"], "2026-10-22");
    let (start, end) = (MEHR_START, MEHR_END);
    let active_at = |t: &str| format!("started_at < {t} AND (ended_at IS NULL OR ended_at > {t})");
    let s0 = sql(
        &ws,
        "cloudnest",
        &format!(
            "SELECT COUNT(DISTINCT customer_id) FROM subscriptions WHERE {}",
            active_at(start)
        ),
    );
    let lost = sql(
        &ws,
        "cloudnest",
        &format!(
            "SELECT COUNT(*) FROM (SELECT DISTINCT customer_id FROM subscriptions WHERE {}) a
         WHERE customer_id NOT IN (SELECT customer_id FROM subscriptions WHERE {})",
            active_at(start),
            active_at(end)
        ),
    );
    assert_eq!(value(&c, "customers_start"), s0);
    assert!(close(value(&c, "churn_rate"), 100.0 * lost / s0));
}

/// A Solar Hijri month is exactly its days: every metric of Tir 1405
/// equals the same days given as a range (and so does the comparison:
/// Khordad has 31 days, as the 31 days before the range), Mehr's
/// comparison is Shahrivar and its year-ago Mehr 1404, and a Gregorian
/// label for such a client is refused with the calendar named.
#[test]
fn a_solar_hijri_month_measures_exactly_its_days() {
    let (_tmp, ws) = workspace();
    let run = |period: &str, compare: &str| {
        json(
            &ws,
            &[
                "metrics",
                "cloudnest",
                "--period",
                period,
                "--compare",
                compare,
                "--format",
                "json",
            ],
        )
    };
    let month = run("1405-04", "previous");
    let range = run("1405-04-01..1405-04-31", "previous");
    assert_eq!(month["period"]["start"], "2026-06-22");
    assert_eq!(month["comparison"]["label"], "1405-03");
    assert_eq!(month["period"]["start"], range["period"]["start"]);
    assert_eq!(month["period"]["end"], range["period"]["end"]);
    let metrics = month["metrics"].as_array().expect("metrics");
    let with_value = metrics.iter().filter(|m| m["value"].is_number()).count();
    assert!(with_value >= 10, "{with_value} metrics with a value");
    for m in metrics {
        let id = m["id"].as_str().expect("id");
        let other = metric(&range, id);
        assert_eq!(m["value"], other["value"], "{id}");
        assert_eq!(m["previous"]["value"], other["previous"]["value"], "{id}");
    }
    let month = run("1405-07", "previous");
    assert_eq!(month["comparison"]["label"], "1405-06");
    assert_eq!(month["comparison"]["start"], "2026-08-23");
    let year = run("1405-07", "year");
    assert_eq!(year["comparison"]["label"], "1404-07");
    assert_eq!(year["comparison"]["start"], "2025-09-23");
    // Tickets opened in Mehr, counted over the Gregorian instants.
    let opened = sql(
        &ws,
        "cloudnest",
        &format!(
            "SELECT COUNT(*) FROM support_tickets WHERE {}",
            in_mehr("opened_at")
        ),
    );
    assert_eq!(value(&month, "tickets_opened"), opened);
    let out = crate::support::run_in(&ws, &["metrics", "cloudnest", "--period", "2026-10"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("Solar Hijri") && err.contains("1405-08"),
        "{err}"
    );
}

#[test]
fn csv_table_list_targets_and_errors() {
    let (_tmp, ws) = workspace();
    let out = rapport(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-Q3",
            "--compare",
            "year",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap_or("")
            .starts_with("client,period,group,id,value")
    );
    assert_eq!(lines.count(), 48);
    // The table marks significant changes and prints n.
    let out = rapport(&ws, &["metrics", "lumen", "--period", "2026-10"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("n=") && text.contains("* significant"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 120), "{text}");
    // Targets.
    let out = rapport(&ws, &["target", "set", "lumen", "nps", "2026-10", "50"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-10", "--only", "nps", "--format", "json",
        ],
    );
    assert_eq!(metric(&r, "nps")["target"]["value"], 50.0);
    let list = json(&ws, &["target", "list", "lumen", "--format", "json"]);
    assert!(
        list.as_array()
            .is_some_and(|l| l.iter().any(|t| t["metric"] == "nps"))
    );
    // --list has every id.
    let out = rapport(&ws, &["metrics", "--list"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 48);
    // Errors: a filter that does not type-check shows where.
    let out = rapport(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--segment",
            "orders_90d >= \"x\"",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("column 15") && err.contains("a number") && err.contains('^'),
        "{err}"
    );
    let out = rapport(&ws, &["metrics", "lumen", "--period", "2026-13"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026-Q3"));
    let out = rapport(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--segment",
            "segment(\"nosuch\") = \"x\"",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("rapport segments lumen"));
    let out = rapport(&ws, &["target", "set", "lumen", "npx", "2026-10", "1"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no metric `npx`"));
}

#[test]
fn saved_segments_are_usable_by_name_in_filters() {
    let (_tmp, ws) = workspace();
    let out = rapport(
        &ws,
        &["segments", "lumen", "--method", "rfm", "--save", "rfm"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = json(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--only",
            "orders",
            "--by",
            "customer.country",
            "--format",
            "json",
        ],
    );
    assert!(all["groups"].as_array().is_some_and(|g| g.len() >= 2));
    let champions = json(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--only",
            "orders,revenue",
            "--segment",
            "segment(\"rfm\") = \"Champions\"",
            "--format",
            "json",
        ],
    );
    let total = json(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-10", "--only", "orders", "--format", "json",
        ],
    );
    let part = value(&champions, "orders");
    assert!(part > 0.0 && part < value(&total, "orders"), "{part}");
    // Champions and everyone else add up to the total.
    let rest = json(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--only",
            "orders",
            "--segment",
            "not segment(\"rfm\") = \"Champions\"",
            "--format",
            "json",
        ],
    );
    assert_eq!(part + value(&rest, "orders"), value(&total, "orders"));
}

#[test]
fn cohorts_and_funnel_over_the_demo() {
    let (_tmp, ws) = workspace();
    let t = json(
        &ws,
        &["cohorts", "lumen", "--cohorts", "24", "--format", "json"],
    );
    assert_eq!(t["activity"], "orders");
    assert_eq!(t["criteria"], "on");
    let cohorts = t["cohorts"].as_array().expect("cohorts");
    assert!(cohorts.len() >= 20);
    // Cohort sizes add up to the customers whose first order is in the
    // shown months; period 0 is the whole cohort.
    let done = "(status IS NULL OR status = 'completed')";
    let first = cohorts[0]["start"].as_str().expect("start");
    let customers = sql(&ws, "lumen", &format!(
        "SELECT COUNT(*) FROM (SELECT customer_id, MIN(ordered_at) AS f FROM orders WHERE {done} GROUP BY customer_id)
         WHERE f >= arrow_cast(to_timestamp('{first}T00:00:00+02:00'), 'Timestamp(Microsecond, Some(\"UTC\"))')"));
    let sizes: f64 = cohorts
        .iter()
        .map(|c| c["size"].as_f64().unwrap_or(0.0))
        .sum();
    assert_eq!(
        sizes, customers,
        "the first shown cohort starts in winter time (UTC+2)"
    );
    for c in cohorts {
        assert_eq!(c["cells"][0]["active"], c["size"]);
        // Only the latest cell (the month that is not over) may be incomplete.
        let cells = c["cells"].as_array().expect("cells");
        for cell in &cells[..cells.len() - 1] {
            assert_eq!(cell["incomplete"], false, "{c}");
        }
    }
    let f = json(
        &ws,
        &[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "page_view,product_view,add_to_cart,purchase",
            "--format",
            "json",
        ],
    );
    let steps = f["steps"].as_array().expect("steps");
    let entered = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(DISTINCT COALESCE(customer_id, anonymous_id)) FROM web_events WHERE event_type = 'page_view' AND {}",
            in_oct("ts")
        ),
    );
    assert_eq!(steps[0]["count"].as_f64(), Some(entered));
    for w in steps.windows(2) {
        let (a, b) = (
            w[0]["count"].as_u64().unwrap_or(0),
            w[1]["count"].as_u64().unwrap_or(0),
        );
        assert!(b <= a);
        let dropped = w[1]["dropped"].as_u64().unwrap_or(0);
        let open = w[1]["in_progress"].as_u64().unwrap_or(0);
        assert_eq!(a, b + dropped + open, "{w:?}");
    }
    assert!(
        f["cart_abandonment"]["rate"]
            .as_f64()
            .is_some_and(|r| r > 0.0 && r < 100.0)
    );
    // One cart rule (METRICS.md, "Funnel"): an add-to-cart → purchase
    // funnel with the cart window counts at its second step the people
    // with a converted cart, and the metric's rate is the funnel's.
    let carts = json(
        &ws,
        &[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "add_to_cart,purchase",
            "--window",
            "1d",
            "--format",
            "json",
        ],
    );
    let cart = &carts["cart_abandonment"];
    assert_eq!(
        carts["steps"][1]["count"], cart["units_converted"],
        "{cart}"
    );
    assert_eq!(carts["steps"][0]["count"], cart["units"], "{cart}");
    assert!(cart["carts"]["converted"].as_u64() >= cart["units_converted"].as_u64());
    let m = json(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-10", "--format", "json",
        ],
    );
    let rate = cart["rate"].as_f64().expect("a cart rate");
    assert!(close(value(&m, "cart_abandonment_rate"), rate), "{cart}");
    let out = rapport(
        &ws,
        &[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "page_view",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two steps"));
    // Steps narrowed by a column: products are never viewed outside
    // `/product`, and purchases end on `/thank-you`, so those conditions
    // change nothing; `page_view[page=/]` enters the people who saw the
    // home page (the demo's product pages send their own page views).
    let counts = |steps: &str| -> Vec<u64> {
        let f = json(
            &ws,
            &[
                "funnel", "lumen", "--period", "2026-10", "--steps", steps, "--format", "json",
            ],
        );
        f["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| s["count"].as_u64().unwrap_or(u64::MAX))
            .collect()
    };
    let plain: Vec<u64> = steps
        .iter()
        .map(|s| s["count"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(
        counts("page_view,product_view[page^=/prod],add_to_cart,purchase[page*=thank]"),
        plain
    );
    let home = sql(
        &ws,
        "lumen",
        &format!(
            "SELECT COUNT(DISTINCT COALESCE(customer_id, anonymous_id)) FROM web_events WHERE event_type = 'page_view' AND page = '/' AND {}",
            in_oct("ts")
        ),
    );
    assert_eq!(counts("page_view[page=/],product_view")[0] as f64, home);
    assert_eq!(
        counts("page_view,product_view[page!=/product]"),
        [plain[0], 0]
    );
    let out = rapport(
        &ws,
        &[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "page_view[price=3],purchase",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`price` is not a column a step can test"),
        "{err}"
    );
}

#[test]
fn compare_and_abtest_agree_with_counts_from_plain_queries() {
    let (_tmp, ws) = workspace();
    let c = json(
        &ws,
        &[
            "compare",
            "cloudnest",
            "--metric",
            "fcr",
            "--by",
            "channel",
            "--period",
            "1405-07",
            "--format",
            "json",
        ],
    );
    let rows = c["rows"].as_array().expect("rows");
    assert!(rows.len() >= 2);
    assert_eq!(rows.iter().filter(|r| r["leader"] == true).count(), 1);
    let best = rows.iter().find(|r| r["leader"] == true).expect("leader");
    for r in rows {
        let channel = r["value"].as_str().expect("value");
        let fcr = sql(&ws, "cloudnest", &format!(
            "SELECT 100.0 * SUM(CASE WHEN contacts = 1 THEN 1 ELSE 0 END) / COUNT(contacts) FROM support_tickets
             WHERE channel = '{channel}' AND {}", in_mehr("resolved_at")));
        assert!(
            close(r["metric_value"].as_f64().expect("fcr"), fcr),
            "{channel}"
        );
        assert!(r["metric_value"].as_f64() <= best["metric_value"].as_f64());
        if r["leader"] == false {
            assert!(
                r["p_value"]
                    .as_f64()
                    .is_some_and(|p| (0.0..=1.0).contains(&p))
            );
        }
    }
    // Spend by campaign next to the web metric.
    let c = json(
        &ws,
        &[
            "compare",
            "lumen",
            "--metric",
            "conversion_rate",
            "--by",
            "utm_campaign",
            "--period",
            "2026-10",
            "--format",
            "json",
        ],
    );
    for r in c["rows"].as_array().expect("rows") {
        let campaign = r["value"].as_str().expect("value");
        let spend = sql(
            &ws,
            "lumen",
            &format!(
                "SELECT SUM(spend) FROM marketing_spend WHERE campaign = '{campaign}' AND date >= '2026-10-01' AND date <= '2026-10-31'"
            ),
        );
        assert!(
            close(r["spend"].as_f64().expect("spend"), spend),
            "{campaign}"
        );
    }
    // A/B by device: the z-test on the two arms' own counts.
    let t = json(
        &ws,
        &[
            "abtest",
            "lumen",
            "--metric",
            "conversion_rate",
            "--variant-column",
            "device",
            "--a-value",
            "mobile",
            "--b-value",
            "desktop",
            "--period",
            "2026-10",
            "--format",
            "json",
        ],
    );
    assert_eq!(t["test"], "two_proportion_z");
    let arm = |device: &str| -> (f64, f64) {
        let sessions = format!(
            "SELECT session_id, MIN(ts) AS t0, MAX(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS bought
             FROM web_events WHERE device = '{device}' GROUP BY session_id");
        (
            sql(
                &ws,
                "lumen",
                &format!(
                    "SELECT SUM(bought) FROM ({sessions}) WHERE {}",
                    in_oct("t0")
                ),
            ),
            sql(
                &ws,
                "lumen",
                &format!("SELECT COUNT(*) FROM ({sessions}) WHERE {}", in_oct("t0")),
            ),
        )
    };
    let ((x1, n1), (x2, n2)) = (arm("mobile"), arm("desktop"));
    assert_eq!(t["a"]["n"].as_f64(), Some(n1));
    assert_eq!(t["b"]["n"].as_f64(), Some(n2));
    let pooled = (x1 + x2) / (n1 + n2);
    let z = (x2 / n2 - x1 / n1) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    // Two-sided p from |z| by the complementary error function (A&S 7.1.26
    // is accurate to 1.5e-7, plenty for a p-value).
    let erfc = |x: f64| {
        let t = 1.0 / (1.0 + 0.327_591_1 * x);
        let poly = t
            * (0.254_829_592
                + t * (-0.284_496_736
                    + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
        poly * (-x * x).exp()
    };
    let p = erfc(z.abs() / std::f64::consts::SQRT_2);
    assert!((t["p_value"].as_f64().expect("p") - p).abs() < 1e-5, "{t}");
    assert!((t["lift"].as_f64().expect("lift") - ((x2 / n2) / (x1 / n1) - 1.0)).abs() < 1e-9);
    let pb = t["bayes"]["p_b_better"].as_f64().expect("bayes");
    assert!((0.0..=1.0).contains(&pb));
    assert_eq!(pb > 0.5, x2 / n2 > x1 / n1);
    // Two segments, a mean: Welch.
    let t = json(
        &ws,
        &[
            "abtest",
            "lumen",
            "--metric",
            "aov",
            "--a",
            "country = \"RO\"",
            "--b",
            "country = \"HU\"",
            "--period",
            "2026-Q3",
            "--format",
            "json",
        ],
    );
    assert_eq!(t["test"], "welch_t");
    assert_eq!(t["unit"], "EUR");
}

#[test]
fn comments_over_the_demo_name_terms_with_their_own_examples() {
    let (_tmp, ws) = workspace();
    let r = json(
        &ws,
        &[
            "comments",
            "brightpaws",
            "--period",
            "2026",
            "--survey",
            "csat",
            "--format",
            "json",
        ],
    );
    assert_eq!(r["negative"]["group"], "dissatisfied");
    let terms = r["negative"]["terms"].as_array().expect("terms");
    assert!(!terms.is_empty(), "{r}");
    for t in terms {
        assert!(t["z"].as_f64().is_some_and(|z| z >= 1.96));
        let term = t["term"].as_str().expect("term");
        for e in t["examples"].as_array().expect("examples") {
            let e = e.as_str().expect("example").to_lowercase();
            assert!(term.split(' ').all(|w| e.contains(w)), "{term}: {e}");
        }
    }
    let out = rapport(
        &ws,
        &[
            "comments",
            "brightpaws",
            "--period",
            "2026",
            "--survey",
            "xyz",
        ],
    );
    assert!(!out.status.success());
}

#[test]
fn the_demo_runs_the_metric_stage_and_saves_each_clients_numbers() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    let out = crate::demo::demo(&ws, "7");
    let metrics = out["metrics"].as_array().expect("metrics stage");
    assert_eq!(metrics.len(), 3);
    for m in metrics {
        // Each client's last whole month in its own calendar: CloudNest
        // keeps the Solar Hijri one, so its month is Mehr 1405.
        let own = if m["client"] == "cloudnest" {
            "1405-07"
        } else {
            "2026-10"
        };
        assert_eq!(m["period"], own);
        let file = PathBuf::from(m["file"].as_str().expect("file"));
        let saved: Value =
            serde_json::from_slice(&std::fs::read(&file).expect("saved")).expect("JSON");
        assert_eq!(saved["client"], m["client"]);
        assert_eq!(saved["metrics"].as_array().map(Vec::len), Some(48));
        // Stored as a versioned result, which reads back.
        let text = std::fs::read_to_string(&file).expect("saved");
        let back: rapport_metrics::MetricsReport =
            rapport_app::results::from_json(&text).expect("a stored metrics result");
        assert_eq!(back.metrics.len(), 48);
        assert!(
            m["metrics_with_data"].as_u64().is_some_and(|n| n >= 15),
            "{m}"
        );
    }
}

#[test]
fn any_catalog_metric_can_be_forecast() {
    let (_tmp, ws) = workspace();
    let f = json(
        &ws,
        &[
            "forecast",
            "lumen",
            "nps",
            "--horizon",
            "3",
            "--format",
            "json",
        ],
    );
    assert_eq!(f["metric"], "nps");
    let history = f["history"].as_array().expect("history");
    assert!(history.len() >= 12, "{f}");
    // The last observed period is the catalog's own value for it.
    let last = history.last().expect("last");
    let period = last["period"].as_str().expect("period");
    let m = json(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            period,
            "--only",
            "nps",
            "--compare",
            "none",
            "--format",
            "json",
        ],
    );
    assert!(close(last["value"].as_f64().expect("v"), value(&m, "nps")));
    let ahead = f["forecast"].as_array().expect("forecast");
    assert_eq!(ahead.len(), 3);
    for p in ahead {
        let (lo, v, hi) = (
            p["low_95"].as_f64(),
            p["value"].as_f64(),
            p["high_95"].as_f64(),
        );
        assert!(lo < v && v < hi, "{p}");
    }
    let out = rapport(&ws, &["forecast", "lumen", "npx"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("metric id"));
}

/// Reads a command's JSON back as its typed result and writes it again:
/// the same document, so a stored report run or a published result reads
/// back whole (`rapport_app::results`).
fn reads_back<T: rapport_app::results::Versioned>(ws: &std::path::Path, args: &[&str]) {
    let printed = json(ws, args);
    let text = printed.to_string();
    let back: T = rapport_app::results::from_json(&text)
        .unwrap_or_else(|e| panic!("{args:?} does not read back: {e}"));
    assert_eq!(
        rapport_app::results::to_value(&back).expect("value"),
        printed,
        "{args:?}"
    );
    assert_eq!(printed["kind"], T::KIND, "{args:?}");
}

#[test]
fn every_result_reads_back_as_printed() {
    use rapport_app::predictions::Saved;
    use rapport_metrics::{cohorts, comments, compare, funnel};
    let (_tmp, ws) = workspace();
    let ws = ws.as_path();
    let json = ["--format", "json"];
    let with = |args: &[&'static str]| -> Vec<&'static str> {
        args.iter().chain(json.iter()).copied().collect()
    };
    reads_back::<rapport_metrics::MetricsReport>(
        ws,
        &with(&["metrics", "lumen", "--period", "2026-Q3", "--by", "country"]),
    );
    reads_back::<cohorts::CohortTable>(ws, &with(&["cohorts", "lumen"]));
    reads_back::<funnel::FunnelReport>(
        ws,
        &with(&[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "add_to_cart,purchase",
        ]),
    );
    reads_back::<compare::CompareReport>(
        ws,
        &with(&[
            "compare",
            "cloudnest",
            "--metric",
            "fcr",
            "--by",
            "channel",
            "--period",
            "1405-07",
        ]),
    );
    reads_back::<comments::CommentsReport>(
        ws,
        &with(&["comments", "brightpaws", "--period", "2026"]),
    );
    reads_back::<Saved<rapport_predict::PurchasePrediction>>(ws, &with(&["predict", "lumen"]));
    reads_back::<rapport_predict::RetentionCurve>(ws, &with(&["retention-curve", "cloudnest"]));
    reads_back::<Saved<rapport_predict::Segmentation>>(ws, &with(&["segments", "lumen"]));
    reads_back::<Saved<rapport_predict::ChurnReport>>(ws, &with(&["churn", "lumen"]));
    reads_back::<Saved<rapport_predict::RecommendReport>>(ws, &with(&["recommend", "lumen"]));
    reads_back::<rapport_predict::Forecast>(ws, &with(&["forecast", "lumen", "revenue"]));
}

#[test]
fn a_period_chosen_to_compare_with_gives_that_periods_values_and_tests() {
    let (_tmp, ws) = workspace();
    let q3 = json(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-Q3",
            "--compare-with",
            "2026-Q1",
            "--format",
            "json",
        ],
    );
    assert_eq!(q3["comparison"]["label"], "2026-Q1", "{}", q3["comparison"]);
    let q1 = json(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-Q1", "--format", "json",
        ],
    );
    for id in ["revenue", "orders", "aov", "nps"] {
        let before = metric(&q3, id)["previous"]["value"]
            .as_f64()
            .unwrap_or_else(|| panic!("{id} has no comparison: {}", metric(&q3, id)));
        assert!(
            close(before, value(&q1, id)),
            "{id}: {before} vs Q1's {}",
            value(&q1, id)
        );
    }
    // A period that is not over before the measured one starts is refused
    // naming the option.
    for bad in ["2026-Q3", "2026-08", "2026-Q4", "soon"] {
        let out = rapport(
            &ws,
            &[
                "metrics",
                "lumen",
                "--period",
                "2026-Q3",
                "--compare-with",
                bad,
            ],
        );
        assert!(!out.status.success(), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("compare_with"), "{bad}: {err}");
    }
}
