//! `rapport predict` and `rapport retention-curve` on the demo agency,
//! whose shop and SaaS are simulated from BG/NBD and sBG with known
//! parameters (exported by `rapport-demo`): the fits must find them again.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{json_in as json, run_in as rapport};

fn within(name: &str, got: &Value, truth: f64, rel: f64) {
    let v = got
        .as_f64()
        .unwrap_or_else(|| panic!("{name} missing: {got}"));
    assert!(
        (v - truth).abs() <= rel * truth,
        "{name}: estimated {v}, simulated with {truth}"
    );
}

/// One demo for every test of this module (it takes about a second).
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");
    (tmp, ws)
}

#[test]
fn predict_recovers_the_demo_shops_purchase_parameters_and_writes_every_customer() {
    let (_tmp, ws) = workspace();
    let v = json(&ws, &["predict", "lumen", "--format", "json"]);
    assert_eq!(v["model"], "bg_nbd");
    assert_eq!(v["time_unit"], "day");
    // About 2,500 customers over two years: standard errors of 10–20 %,
    // and the demo's refunds, cancellations and an outage thin the
    // simulated purchases a little, so the bounds are wide but still far
    // narrower than what a wrong likelihood or time unit gives.
    within("r", &v["params"]["r"], rapport_demo::TRUE_R, 0.35);
    within(
        "alpha",
        &v["params"]["alpha"],
        rapport_demo::TRUE_ALPHA_DAYS,
        0.45,
    );
    within("a", &v["params"]["a"], rapport_demo::TRUE_A, 0.6);
    within("b", &v["params"]["b"], rapport_demo::TRUE_B, 0.8);
    assert_eq!(v["spend_model"]["model"], "gamma_gamma");
    for k in ["p", "q", "gamma"] {
        assert!(
            v["spend_model"]["params"][k]
                .as_f64()
                .is_some_and(|x| x > 0.0),
            "{v}"
        );
    }
    let n = v["n_customers"].as_u64().expect("n_customers");
    assert!(n > 1000, "{n}");

    let parquet = PathBuf::from(v["output_file"].as_str().expect("output_file"));
    assert!(parquet.ends_with("predictions/lumen/clv-bg_nbd.parquet") && parquet.exists());
    let csv_path = PathBuf::from(v["output_csv"].as_str().expect("output_csv"));
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "customer_id",
            "x",
            "t_x",
            "T",
            "monetary_value",
            "p_alive",
            "expected_transactions",
            "expected_spend",
            "clv",
            "risk_tier",
            "horizon"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len() as u64, n);
    for r in &rows {
        let f = |i: usize| r[i].parse::<f64>().expect("number");
        let (x, t_x, t, p_alive) = (f(1), f(2), f(3), f(5));
        assert!(t_x <= t && t > 0.0 && (x == 0.0) == (t_x == 0.0), "{r:?}");
        assert!(
            (0.0..=1.0).contains(&p_alive) && f(6) >= 0.0 && f(8) >= 0.0,
            "{r:?}"
        );
        assert!(["high", "medium", "low"].contains(&&r[9]), "{r:?}");
        assert_eq!(&r[10], "12m", "the horizon the numbers are over");
    }
    // Every customer with a completed order is in the file, and no other.
    let customers = json(
        &ws,
        &[
            "sql",
            "lumen",
            "SELECT count(DISTINCT customer_id) AS n FROM orders WHERE status IS NULL OR status = 'completed'",
            "--format",
            "json",
        ],
    );
    assert_eq!(customers[0]["n"].as_u64(), Some(n));
}

#[test]
fn a_holdout_checks_predictions_against_what_customers_did_next() {
    let (_tmp, ws) = workspace();
    let v = json(
        &ws,
        &[
            "predict",
            "lumen",
            "--calibration-end",
            "2026-05-01",
            "--holdout-end",
            "2026-11-01",
            "--time-unit",
            "week",
            "--format",
            "json",
        ],
    );
    let h = &v["holdout"];
    assert_eq!(h["calibration_end"], "2026-05-01");
    let length = h["length"].as_f64().expect("length");
    assert!((length - 184.0 / 7.0).abs() < 1e-9, "{length}");
    let predicted = h["total_predicted"].as_f64().expect("predicted");
    let actual = h["total_actual"].as_f64().expect("actual");
    assert!(actual > 100.0, "{h}");
    assert!(
        (predicted - actual).abs() <= 0.25 * actual,
        "predicted {predicted} repeat transactions in the holdout, actual {actual}"
    );
    let buckets = h["by_frequency"].as_array().expect("buckets");
    assert_eq!(buckets[0]["x"], "0");
    // alpha is in weeks now: about the daily value / 7.
    within(
        "alpha (weeks)",
        &v["params"]["alpha"],
        rapport_demo::TRUE_ALPHA_DAYS / 7.0,
        0.6,
    );
    let table = String::from_utf8(
        rapport(
            &ws,
            &[
                "predict",
                "lumen",
                "--calibration-end",
                "2026-05-01",
                "--holdout-end",
                "2026-11-01",
            ],
        )
        .stdout,
    )
    .expect("utf-8");
    assert!(
        table.contains("Holdout check") && table.contains("Top 10 customers by CLV"),
        "{table}"
    );
}

#[test]
fn predict_explains_what_it_cannot_do() {
    let (_tmp, ws) = workspace();
    let err = |args: &[&str]| {
        let out = rapport(&ws, args);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(
        err(&["predict", "lumen", "--holdout-end", "2026-06-01"]).contains("--calibration-end")
    );
    assert!(
        err(&[
            "predict",
            "lumen",
            "--calibration-end",
            "2026-05-01",
            "--holdout-end",
            "2027-05-01"
        ])
        .contains("after the as-of day 2026-11-01")
    );
    assert!(err(&["predict", "lumen", "--horizon", "12"]).contains("unit"));
    assert!(err(&["predict", "lumen", "--discount", "5"]).contains("--discount"));
    // The SaaS client has subscriptions but no orders.
    assert!(err(&["predict", "cloudnest"]).contains("no completed orders"));
    assert!(err(&["retention-curve", "lumen"]).contains("no subscriptions"));
}

#[test]
fn retention_curve_recovers_the_demo_saas_churn_parameters() {
    let (_tmp, ws) = workspace();
    let v = json(&ws, &["retention-curve", "cloudnest", "--format", "json"]);
    assert_eq!(v["model"], "sbg");
    within(
        "alpha",
        &v["params"]["alpha"],
        rapport_demo::TRUE_SBG_ALPHA,
        0.35,
    );
    within(
        "beta",
        &v["params"]["beta"],
        rapport_demo::TRUE_SBG_BETA,
        0.45,
    );
    let cohorts = v["survivors"].as_array().expect("survivors");
    assert!(cohorts.len() >= 20, "{}", cohorts.len());
    for c in cohorts {
        let s: Vec<u64> = c["survivors"]
            .as_array()
            .expect("counts")
            .iter()
            .map(|n| n.as_u64().expect("n"))
            .collect();
        assert!(
            s.windows(2).all(|w| w[1] <= w[0]),
            "a cohort only shrinks: {c}"
        );
    }
    let projection = v["projection"].as_array().expect("projection");
    assert_eq!(projection[0]["survival"].as_f64(), Some(1.0));
    assert!(
        projection
            .windows(2)
            .all(|w| w[1]["survival"].as_f64() <= w[0]["survival"].as_f64())
    );
    // Observed and fitted survival agree where the data are plentiful.
    let (fitted, observed) = (
        projection[6]["survival"].as_f64().expect("S(6)"),
        projection[6]["observed"].as_f64().expect("observed"),
    );
    assert!(
        (fitted - observed).abs() < 0.05,
        "S(6) fitted {fitted}, observed {observed}"
    );
    assert!(v["discounted_expected_lifetime"].as_f64().expect("DEL") > 1.0);
    assert!(v["value_new_customer"].as_f64().expect("value") > 0.0);
}

#[test]
fn the_demo_runs_the_prediction_stage() {
    let tmp = tempfile::tempdir().expect("temp");
    let v = crate::demo::demo(&tmp.path().join("agency"), "7");
    // The demo runs the prediction stage itself: the shop's purchase model
    // and the SaaS retention curve, and says why the salon has no BTYD fit.
    let predictions = v["predictions"].as_array().expect("predictions");
    let find = |client: &str, model: &str| {
        predictions
            .iter()
            .find(|p| p["client"] == client && p["model"] == model)
            .unwrap_or_else(|| panic!("no {model} for {client}: {v}"))
    };
    assert!(find("lumen", "bg_nbd")["params"]["r"].as_f64().is_some());
    assert!(
        find("cloudnest", "sbg")["params"]["alpha"]
            .as_f64()
            .is_some()
    );
    let salon = find("brightpaws", "bg_nbd");
    assert!(
        salon["error"]
            .as_str()
            .is_some_and(|e| e.contains("same rate")),
        "{salon}"
    );
}

#[test]
fn segments_cover_every_customer_once_and_describe_themselves() {
    let (_tmp, ws) = workspace();
    let v = json(&ws, &["segments", "lumen", "--format", "json"]);
    assert_eq!(v["method"], "rfm");
    let n = v["customers"].as_u64().expect("customers");
    let segments = v["segments"].as_array().expect("segments");
    let total: u64 = segments
        .iter()
        .map(|s| s["customers"].as_u64().expect("n"))
        .sum();
    assert_eq!(total, n, "every customer in exactly one segment");
    let share: f64 = segments
        .iter()
        .map(|s| s["share"].as_f64().expect("share"))
        .sum();
    assert!((share - 100.0).abs() < 1e-9);
    let of = |name: &str| {
        segments
            .iter()
            .find(|s| s["segment"] == name)
            .unwrap_or_else(|| panic!("no {name}: {v}"))
    };
    let freq = |name: &str| of(name)["mean_frequency"].as_f64().expect("frequency");
    let recency = |name: &str| of(name)["mean_recency_days"].as_f64().expect("recency");
    assert!(freq("Champions") > freq("Lost") && recency("Champions") < recency("Lost"));
    // The saved file has one row per customer.
    let csv_path = PathBuf::from(v["output_csv"].as_str().expect("csv"));
    assert!(csv_path.ends_with("segments/lumen/rfm.csv"));
    let rows = csv::Reader::from_path(&csv_path)
        .expect("csv")
        .records()
        .count() as u64;
    assert_eq!(rows, n);

    let k = json(
        &ws,
        &[
            "segments", "lumen", "--method", "kmeans", "--save", "clusters", "--format", "json",
        ],
    );
    let chosen = k["k"].as_u64().expect("k");
    assert!((2..=8).contains(&chosen));
    let clusters = k["segments"].as_array().expect("clusters");
    assert_eq!(clusters.len() as u64, chosen);
    assert!(
        clusters
            .iter()
            .all(|c| c["description"].as_str().is_some_and(|d| !d.is_empty()))
    );
    assert!(
        PathBuf::from(k["output_file"].as_str().expect("file"))
            .ends_with("segments/lumen/clusters.parquet")
    );

    // The caller decides where the table goes: elsewhere, or nowhere.
    let elsewhere = ws.with_file_name("exports");
    let e = json(
        &ws,
        &[
            "segments",
            "lumen",
            "--save",
            "by_mail",
            "--out",
            elsewhere.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        PathBuf::from(e["output_csv"].as_str().expect("csv")),
        elsewhere.join("by_mail.csv")
    );
    assert!(!ws.join("segments/lumen/by_mail.csv").exists());
    let none = json(
        &ws,
        &[
            "segments",
            "lumen",
            "--save",
            "unsaved",
            "--no-files",
            "--format",
            "json",
        ],
    );
    assert!(none.get("output_file").is_none() && none["customers"] == v["customers"]);
    assert!(!ws.join("segments/lumen/unsaved.parquet").exists());
    let out = rapport(&ws, &["segments", "lumen", "--no-files"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !text.contains("saved as"), "{text}");

    let out = rapport(&ws, &["segments", "lumen", "--save", "../escape"]);
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("lowercase letters")
    );
}

#[test]
fn churn_is_trained_then_tested_out_of_time_and_scores_current_customers() {
    let (_tmp, ws) = workspace();
    let v = json(
        &ws,
        &["churn", "lumen", "--window", "90d", "--format", "json"],
    );
    assert_eq!(v["window_days"], 90);
    // Demo data end on 2026-10-31: the default cutoff is two windows before.
    assert_eq!(v["cutoff"], "2026-05-05");
    assert_eq!(v["test_cutoff"], "2026-08-03");
    let auc = v["roc_auc"].as_f64().expect("auc");
    assert!(auc > 0.6 && auc <= 1.0, "out-of-time AUC {auc}");
    let bins = v["calibration"].as_array().expect("calibration");
    assert_eq!(bins.len(), 10);
    let binned: u64 = bins
        .iter()
        .map(|b| b["customers"].as_u64().expect("n"))
        .sum();
    assert_eq!(Some(binned), v["test_customers"].as_u64());
    let coefficients = v["coefficients"].as_array().expect("coefficients");
    assert_eq!(coefficients.len(), 13);
    let weight = |feature: &str| {
        coefficients
            .iter()
            .find(|c| c["feature"] == feature)
            .and_then(|c| c["per_sd"].as_f64())
            .unwrap_or_else(|| panic!("no {feature} in {coefficients:?}"))
    };
    // The demo's customers open about 40 % of the newsletters while they
    // still buy and 7 % after they stop: opening must lower the risk.
    assert!(weight("email_opens_90d") < -0.1, "{coefficients:?}");
    assert_eq!(v["constant_features"], serde_json::json!([]));
    // The grooming salon sends no tracked e-mails and has no web shop.
    let salon = json(
        &ws,
        &["churn", "brightpaws", "--window", "90d", "--format", "json"],
    );
    for feature in ["sessions_90d", "email_opens_90d", "email_clicks_90d"] {
        assert!(
            salon["constant_features"]
                .as_array()
                .is_some_and(|a| a.iter().any(|f| f == feature)),
            "{feature}: {}",
            salon["constant_features"]
        );
    }
    let csv_path = PathBuf::from(v["output_csv"].as_str().expect("csv"));
    let rows = csv::Reader::from_path(&csv_path)
        .expect("csv")
        .records()
        .count() as u64;
    assert_eq!(Some(rows), v["scored_customers"].as_u64());

    let out = rapport(&ws, &["churn", "lumen", "--cutoff", "2026-09-01"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no room for two windows"));
}

#[test]
fn recommendations_never_repeat_a_purchase_and_are_checked_against_popularity() {
    let (_tmp, ws) = workspace();
    let v = json(
        &ws,
        &[
            "recommend",
            "lumen",
            "--customer",
            "c00063@example.com",
            "--top",
            "5",
            "--format",
            "json",
        ],
    );
    let shown = v["shown"].as_array().expect("shown");
    assert_eq!(shown.len(), 5);
    assert!(
        shown
            .iter()
            .all(|r| r["customer_id"] == "c00063@example.com")
    );
    let ranks: Vec<u64> = shown
        .iter()
        .map(|r| r["rank"].as_u64().expect("rank"))
        .collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
    let owned = json(
        &ws,
        &[
            "sql",
            "lumen",
            "SELECT DISTINCT i.product_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id = 'c00063@example.com' AND (o.status IS NULL OR o.status = 'completed')",
            "--format",
            "json",
        ],
    );
    let owned: Vec<&str> = owned
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["product_id"].as_str().expect("id"))
        .collect();
    assert!(!owned.is_empty());
    for r in shown {
        let p = r["product_id"].as_str().expect("product");
        assert!(!owned.contains(&p), "{p} was already bought");
        assert!(
            r["because"]
                .as_str()
                .is_some_and(|b| b == "popular" || b.starts_with("bought with "))
        );
    }
    let e = &v["evaluation"];
    assert!(e["customers"].as_u64().is_some_and(|n| n > 100), "{e}");
    for k in ["hit_rate", "popularity_hit_rate"] {
        assert!(
            e[k].as_f64().is_some_and(|h| (0.0..=1.0).contains(&h)),
            "{e}"
        );
    }
    let rows = csv::Reader::from_path(v["output_csv"].as_str().expect("csv"))
        .expect("csv")
        .records()
        .count() as u64;
    assert_eq!(Some(rows), v["customers"].as_u64().map(|n| n * 5));

    let out = rapport(&ws, &["recommend", "lumen", "--customer", "nobody"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("`nobody`"));
}

#[test]
fn forecast_fits_complete_periods_and_brackets_its_forecasts() {
    let (_tmp, ws) = workspace();
    let v = json(
        &ws,
        &[
            "forecast",
            "lumen",
            "orders",
            "--horizon",
            "3",
            "--format",
            "json",
        ],
    );
    assert!(
        v["model"].as_str().is_some_and(|m| m.starts_with("ETS(")),
        "{v}"
    );
    let history = v["history"].as_array().expect("history");
    assert_eq!(history.len(), 24, "24 complete months");
    assert_eq!(history[23]["period"], "2026-10");
    // October 2026 in Bucharest time (DST ends on the 25th), counted independently.
    let october = json(
        &ws,
        &[
            "sql",
            "lumen",
            "SELECT count(*) AS n FROM orders WHERE (status IS NULL OR status = 'completed') AND ordered_at >= '2026-09-30T21:00:00Z' AND ordered_at < '2026-10-31T22:00:00Z'",
            "--format",
            "json",
        ],
    );
    assert_eq!(history[23]["value"].as_f64(), october[0]["n"].as_f64());
    let forecast = v["forecast"].as_array().expect("forecast");
    let periods: Vec<&str> = forecast
        .iter()
        .map(|p| p["period"].as_str().expect("period"))
        .collect();
    assert_eq!(periods, ["2026-11", "2026-12", "2027-01"]);
    for p in forecast {
        let f = |k: &str| p[k].as_f64().unwrap_or_else(|| panic!("{k}: {p}"));
        assert!(
            f("low_95") < f("low_80")
                && f("low_80") < f("value")
                && f("value") < f("high_80")
                && f("high_80") < f("high_95"),
            "{p}"
        );
    }
    assert!(v["candidates"].as_array().is_some_and(|c| c.len() >= 6));
    let out = rapport(&ws, &["forecast", "lumen", "revenue", "--horizon", "0"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--horizon"));
    let out = rapport(&ws, &["forecast", "cloudnest", "revenue"]);
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stderr).contains("no completed orders")
    );
}

/// BG/BB's true parameters for [`bg_bb_recovers_monthly_opportunities_from_orders`]:
/// the donation data's fit of Fader, Hardie & Shang (2010).
const BG_BB_TRUTH: rapport_models::BgBb = rapport_models::BgBb {
    alpha: 1.20,
    beta: 0.75,
    gamma: 0.66,
    delta: 2.78,
};

#[test]
fn bg_bb_recovers_monthly_opportunities_from_orders() {
    use rand::{Rng, SeedableRng};
    use std::fmt::Write;
    // Three cohorts whose first purchase is in January 2024, July 2024 and
    // January 2025; calibration ends 2026-01-01 (23, 17 and 11 monthly
    // opportunities), the holdout is the six months after it.
    let ws = crate::support::Ws::new();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2010);
    let mut csv = String::from("order_id,customer_id,ordered_at,amount,currency\n");
    let mut histories = Vec::new();
    let (mut order, mut holdout_actual) = (0u64, 0u64);
    for (cohort, (year, month, n)) in [(2024, 1, 23u32), (2024, 7, 17), (2025, 1, 11)]
        .into_iter()
        .enumerate()
    {
        let simulated =
            rapport_models::simulate::bg_bb(&mut rng, BG_BB_TRUTH, 3000, n, 6).expect("simulate");
        for (i, (h, later)) in simulated.into_iter().enumerate() {
            histories.push(h);
            holdout_actual += u64::from(later);
            // The trial month, then x transacting months ending at t_x (the
            // model sees only x, t_x and n, so which earlier months carry
            // the other x − 1 does not matter), then `later` of the six
            // holdout months. Every third transacting month has two orders,
            // which must count once.
            let mut months: Vec<u32> = vec![0];
            months.extend((h.t_x + 1 - h.x..=h.t_x).filter(|&m| m > 0));
            months.extend((n + 1..=n + later).collect::<Vec<_>>());
            for (k, offset) in months.iter().enumerate() {
                let index = year * 12 + month - 1 + *offset as i32;
                let (y, m) = (index / 12, index % 12 + 1);
                let orders = if k % 3 == 2 { 2 } else { 1 };
                for day in 0..orders {
                    order += 1;
                    let amount: f64 = 20.0 + rng.random::<f64>() * 60.0;
                    let _ = writeln!(
                        csv,
                        "o{order},c{cohort}-{i},{y}-{m:02}-{:02}T12:00:00Z,{amount:.2},EUR",
                        10 + day
                    );
                }
            }
        }
    }
    // Orders go on past the holdout (a new customer, outside calibration).
    csv.push_str("o-late,late,2026-07-05T12:00:00Z,30.00,EUR\n");
    let file = ws.file("orders.csv", csv);
    ws.ingest("acme", "orders", &[&file], &[]);

    let v: Value = serde_json::from_str(&ws.ok(&[
        "predict",
        "acme",
        "--model",
        "bg_bb",
        "--calibration-end",
        "2026-01-01",
        "--holdout-end",
        "2026-07-01",
        "--horizon",
        "6m",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(v["model"], "bg_bb");
    assert_eq!(v["time_unit"], "month");
    assert_eq!(v["n_customers"], 9000);
    // The same fit straight from the simulated histories: the orders were
    // summarised back into exactly those (x, t_x, n).
    let mut grouped: std::collections::BTreeMap<(u32, u32, u32), f64> = Default::default();
    for h in &histories {
        *grouped.entry((h.x, h.t_x, h.n)).or_default() += 1.0;
    }
    let data: Vec<_> = grouped
        .into_iter()
        .map(|((x, t_x, n), w)| (rapport_models::BgBbHistory { x, t_x, n }, w))
        .collect();
    let direct = rapport_models::BgBb::fit(&data).expect("direct fit").model;
    for (name, value) in [
        ("alpha", direct.alpha),
        ("beta", direct.beta),
        ("gamma", direct.gamma),
        ("delta", direct.delta),
    ] {
        within(name, &v["params"][name], value, 1e-6);
    }
    // Against the truth: 9,000 customers give standard errors of about
    // 5–10 %, so 30 % is about three of them.
    within("alpha", &v["params"]["alpha"], BG_BB_TRUTH.alpha, 0.3);
    within("beta", &v["params"]["beta"], BG_BB_TRUTH.beta, 0.3);
    within("gamma", &v["params"]["gamma"], BG_BB_TRUTH.gamma, 0.3);
    within("delta", &v["params"]["delta"], BG_BB_TRUTH.delta, 0.3);
    // The holdout: six whole months, and the actual count is the simulated one.
    let h = &v["holdout"];
    assert_eq!(h["length"], 6.0);
    assert_eq!(h["total_actual"].as_f64(), Some(holdout_actual as f64));
    let predicted = h["total_predicted"].as_f64().expect("predicted");
    assert!(
        (predicted - holdout_actual as f64).abs() <= 0.1 * holdout_actual as f64,
        "predicted {predicted}, actual {holdout_actual}"
    );
    // Over the six-month horizon, expected transactions are the holdout's
    // predictions again (same customers, same six opportunities).
    let total = v["total_expected_transactions"].as_f64().expect("total");
    assert!(
        (total - predicted).abs() < 1e-6 * predicted,
        "{total} vs {predicted}"
    );

    // Periods, not orders: the per-customer file says x ≤ t_x ≤ n = T.
    let csv_out = std::fs::read_to_string(v["output_csv"].as_str().expect("csv")).expect("read");
    let mut rows = csv::Reader::from_reader(csv_out.as_bytes());
    let header = rows.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (x, t_x, t) = (col("x"), col("t_x"), col("T"));
    let mut seen = 0;
    for row in rows.records() {
        let row = row.expect("row");
        let num = |i: usize| row[i].parse::<f64>().expect("number");
        assert!(num(x) <= num(t_x) && num(t_x) <= num(t), "{row:?}");
        assert!([23.0, 17.0, 11.0].contains(&num(t)), "{row:?}");
        seen += 1;
    }
    assert_eq!(seen, 9000);

    let err = ws.fails(&[
        "predict",
        "acme",
        "--model",
        "bg_bb",
        "--calibration-end",
        "2026-01-15",
    ]);
    assert!(err.contains("2026-01-01 or 2026-02-01"), "{err}");
    let err = ws.fails(&[
        "predict",
        "acme",
        "--model",
        "bg_bb",
        "--time-unit",
        "year",
        "--horizon",
        "90d",
    ]);
    assert!(err.contains("shorter than one year"), "{err}");
}
