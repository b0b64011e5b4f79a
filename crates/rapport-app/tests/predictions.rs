//! The prediction use cases on the demo shop: the caller decides whether
//! and where the per-customer table is written, and two predictions for
//! one client at once each write whole files.

use chrono::NaiveDate;
use rapport_app::predictions::{self, Save};
use rapport_predict::{ChurnOptions, Horizon, HorizonUnit, PredictModel, PredictOptions, TimeUnit};
use rapport_store::Workspace;

fn demo() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut options = rapport_demo::DemoOptions::new(tmp.path().join("agency"), 7);
    options.end_month = NaiveDate::from_ymd_opt(2026, 10, 1);
    let outcome = rapport_demo::run(&options, &rapport_ingest::NoProgress).expect("demo");
    let ws = Workspace::open(&outcome.workspace).expect("workspace");
    (tmp, ws)
}

fn purchase_options() -> PredictOptions {
    PredictOptions {
        model: PredictModel::Continuous(rapport_models::PurchaseModelKind::BgNbd),
        calibration_end: None,
        holdout_end: None,
        time_unit: TimeUnit::Day,
        horizon: Horizon {
            count: 12,
            unit: HorizonUnit::Month,
        },
        discount_rate: 0.10,
        margin: 1.0,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    }
}

fn lines(path: &std::path::Path) -> usize {
    std::fs::read_to_string(path).expect("csv").lines().count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn predictions_are_written_only_where_the_caller_says_and_concurrently_whole() {
    let (tmp, ws) = demo();
    let kept = ws.predictions_dir("lumen");
    let _ = std::fs::remove_dir_all(&kept);
    let options = purchase_options();

    // Nothing: the rows are in the result and no file appears.
    let saved = predictions::predict(&ws, "lumen", &options, &Save::Nothing)
        .await
        .expect("predict");
    assert!(saved.files.is_none());
    let customers = saved.result.customers.len();
    assert!(customers > 1000, "{customers}");
    assert!(!kept.exists(), "nothing may be written: {}", kept.display());
    let json = serde_json::to_value(&saved).expect("json");
    assert!(json.get("output_file").is_none(), "{json}");

    // A directory of the caller's: the files are there, one row per customer.
    let elsewhere = tmp.path().join("out");
    let saved = predictions::predict(&ws, "lumen", &options, &Save::Directory(elsewhere.clone()))
        .await
        .expect("predict");
    let files = saved.files.expect("files");
    assert_eq!(files.output_file, elsewhere.join("clv-bg_nbd.parquet"));
    assert_eq!(lines(&files.output_csv), customers + 1);
    assert!(!kept.exists());

    // Two at once into the workspace: both finish and the files are whole
    // (each was written under its own temporary name, then renamed).
    let churn = ChurnOptions {
        cutoff: None,
        window_days: 90,
        l2: 1.0,
        as_of: options.as_of,
    };
    let (a, b, c) = tokio::join!(
        predictions::predict(&ws, "lumen", &options, &Save::Workspace),
        predictions::predict(&ws, "lumen", &options, &Save::Workspace),
        predictions::churn(&ws, "lumen", &churn, &Save::Workspace),
    );
    let (a, b, c) = (a.expect("first"), b.expect("second"), c.expect("churn"));
    let a = a.files.expect("files");
    assert_eq!(Some(a), b.files);
    assert_eq!(lines(&kept.join("clv-bg_nbd.csv")), customers + 1);
    assert_eq!(
        lines(&kept.join("churn.csv")),
        c.result.scores.len() + 1,
        "churn table"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&kept)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// What front ends derive from a model (tiers, the top customers, the
/// expected revenue, the call list, the holdout error, the churn drivers)
/// is recomputed here from the rows themselves, and the demo's totals from
/// its loads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn derived_values_agree_with_the_rows_they_come_from() {
    let (_tmp, ws) = demo();
    let mut options = purchase_options();
    options.calibration_end = NaiveDate::from_ymd_opt(2026, 5, 1);
    options.holdout_end = NaiveDate::from_ymd_opt(2026, 10, 1);
    let p = predictions::predict(&ws, "lumen", &options, &Save::Nothing)
        .await
        .expect("predict")
        .result;

    let tiers = predictions::risk_tiers(&p);
    let high = p.customers.iter().filter(|c| c.p_alive < 0.3).count() as u64;
    let low = p.customers.iter().filter(|c| c.p_alive >= 0.7).count() as u64;
    assert_eq!((tiers.high, tiers.low), (high, low));
    assert_eq!(
        tiers.high + tiers.medium + tiers.low,
        p.customers.len() as u64
    );
    assert!(
        tiers.high > 0 && tiers.medium > 0 && tiers.low > 0,
        "{tiers:?}"
    );

    let top = predictions::top_by_clv(&p, 5);
    assert_eq!(top.len(), 5);
    let best = p
        .customers
        .iter()
        .filter_map(|c| c.clv)
        .fold(f64::MIN, f64::max);
    assert_eq!(top[0].clv, Some(best));
    assert!(top.windows(2).all(|w| w[0].clv >= w[1].clv));

    // Expected revenue: transactions times the expected spend, summed.
    let by_hand: f64 = p
        .customers
        .iter()
        .map(|c| c.expected_transactions * c.expected_spend.expect("spend model fitted"))
        .sum();
    let revenue = predictions::expected_revenue(&p).expect("spend model fitted");
    assert!(
        (revenue - by_hand).abs() < 1e-6 * by_hand.max(1.0),
        "{revenue} vs {by_hand}"
    );

    // The call list: repeat buyers at high risk only, most valuable first.
    let calls = predictions::call_list(&p, 10);
    assert!(!calls.is_empty() && calls.len() <= 10);
    assert!(calls.iter().all(|c| c.p_alive < 0.3 && c.x > 0));
    assert!(calls.windows(2).all(|w| w[0].clv >= w[1].clv));
    let best_at_risk = p
        .customers
        .iter()
        .filter(|c| c.p_alive < 0.3 && c.x > 0)
        .filter_map(|c| c.clv)
        .fold(f64::MIN, f64::max);
    assert_eq!(calls[0].clv, Some(best_at_risk));

    let h = p.holdout.as_ref().expect("a holdout check was asked for");
    let error = predictions::holdout_error_pct(h).expect("holdout has purchases");
    let by_hand = (h.total_predicted - h.total_actual) / h.total_actual * 100.0;
    assert!((error - by_hand).abs() < 1e-9, "{error} vs {by_hand}");

    let churn = ChurnOptions {
        cutoff: None,
        window_days: 90,
        l2: 1.0,
        as_of: options.as_of,
    };
    let c = predictions::churn(&ws, "lumen", &churn, &Save::Nothing)
        .await
        .expect("churn")
        .result;
    let drivers = predictions::churn_drivers(&c);
    assert_eq!(
        drivers.len(),
        c.coefficients.len() - c.constant_features.len()
    );
    assert!(
        drivers
            .windows(2)
            .all(|w| w[0].per_sd.abs() >= w[1].per_sd.abs())
    );
    assert!(
        drivers
            .iter()
            .all(|d| !c.constant_features.contains(&d.feature))
    );
}

#[test]
fn demo_totals_account_for_every_row_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut options = rapport_demo::DemoOptions::new(tmp.path().join("agency"), 7);
    options.end_month = NaiveDate::from_ymd_opt(2026, 10, 1);
    let outcome = rapport_demo::run(&options, &rapport_ingest::NoProgress).expect("demo");
    let t = outcome.totals();
    let summaries: Vec<_> = outcome
        .clients
        .iter()
        .flat_map(|c| &c.loads)
        .flat_map(|l| l.summary.entities())
        .collect();
    // Every entity of a multi-entity export is counted: the Shopify lines
    // once as orders, once as line items and once as customers.
    assert!(summaries.iter().any(|s| s.entity == "order_items"));
    assert_eq!(
        t.rows_read,
        summaries.iter().map(|s| s.rows_read).sum::<u64>()
    );
    assert_eq!(
        t.rows_read,
        t.loaded + t.quarantined + t.duplicates_skipped + t.continuation_rows,
        "{t:?}"
    );
    assert!(t.quarantined > 0 && t.continuation_rows > 0, "{t:?}");
}
