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
