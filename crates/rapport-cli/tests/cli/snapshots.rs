//! What a user reads, reviewed as a diff: the CLI's tables and JSON of
//! commands whose output does not depend on data, and the tables over the
//! demo as of a fixed day. A wording
//! change shows up here (`cargo insta review`, or set `INSTA_UPDATE=always`
//! and read the `.snap` diff).

use crate::support::BIN;

fn stdout(args: &[&str]) -> String {
    stdout_as_of(args, "2026-11-01")
}

/// What `rapport ARGS` prints, computed as of `day`, in 100 columns.
fn stdout_as_of(args: &[&str], day: &str) -> String {
    let out = std::process::Command::new(BIN)
        .args(args)
        .env_remove("RAPPORT_WORKSPACE")
        .env("RAPPORT_AS_OF", day)
        .env("COLUMNS", "100")
        .output()
        .expect("run rapport");
    assert!(
        out.status.success(),
        "rapport {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn entities_table() {
    insta::assert_snapshot!(stdout(&["entities"]));
}

#[test]
fn one_entity_in_full() {
    insta::assert_snapshot!(stdout(&["entities", "survey_responses"]));
}

#[test]
fn one_entity_as_json() {
    insta::assert_snapshot!(stdout(&["entities", "orders", "--format", "json"]));
}

#[test]
fn presets_table() {
    insta::assert_snapshot!(stdout(&["presets", "list"]));
}

#[test]
fn a_preset_in_full() {
    insta::assert_snapshot!(stdout(&["presets", "show", "shopify-orders"]));
}

/// The tables a user reads about data and models: the demo (seed 7,
/// ending 2026-10) as of 2026-11-01, so every number is fixed. A change
/// of a number or a word in them is reviewed here as a diff.
#[test]
fn tables_over_the_demo() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");
    let ws = ws.to_str().expect("utf-8 path");
    let table = |args: &[&str]| -> String {
        let mut all = vec!["--workspace", ws];
        all.extend_from_slice(args);
        stdout_as_of(&all, "2026-11-01")
    };
    insta::assert_snapshot!(
        "metrics_lumen_2026_10",
        table(&["metrics", "lumen", "--period", "2026-10"])
    );
    insta::assert_snapshot!(
        "metrics_cloudnest_1405_q2_year_on_year",
        table(&[
            "metrics",
            "cloudnest",
            "--period",
            "1405-Q2",
            "--compare",
            "year"
        ])
    );
    insta::assert_snapshot!(
        "funnel_lumen_2026_10",
        table(&[
            "funnel",
            "lumen",
            "--period",
            "2026-10",
            "--steps",
            "page_view,product_view,add_to_cart,purchase",
        ])
    );
    insta::assert_snapshot!("cohorts_lumen", table(&["cohorts", "lumen"]));

    // The models over the same demo: parameters, the derived counts
    // (risk tiers, top customers, drivers) and their wording.
    for (name, args) in [
        ("predict_lumen", &["predict", "lumen", "--no-files"][..]),
        ("churn_lumen", &["churn", "lumen", "--no-files"][..]),
        ("segments_lumen", &["segments", "lumen", "--no-files"][..]),
        ("recommend_lumen", &["recommend", "lumen", "--no-files"][..]),
        (
            "forecast_lumen_revenue",
            &["forecast", "lumen", "revenue"][..],
        ),
        (
            "retention_curve_cloudnest",
            &["retention-curve", "cloudnest"][..],
        ),
    ] {
        insta::assert_snapshot!(name, table(args));
    }

    // The same commands in the other languages (issue #21): each is
    // reviewed as a document, and none may fall back to English words.
    let english = [
        "note:",
        "split by",
        "customers",
        "cohort",
        "expected",
        "churn",
        "interval",
        "in all",
        "months",
        "required",
        "rule:",
        "customer attribute",
        "buy",
        "spend",
    ];
    for (name, args) in [
        (
            "compare_lumen_revenue_by_channel_ro",
            &[
                "--lang", "ro", "compare", "lumen", "--metric", "revenue", "--by", "channel",
                "--period", "2026-Q3",
            ][..],
        ),
        (
            "abtest_lumen_conversion_by_campaign_fa",
            &[
                "--lang",
                "fa",
                "abtest",
                "lumen",
                "--metric",
                "conversion_rate",
                "--period",
                "2026-10",
                "--variant-column",
                "utm_campaign",
            ][..],
        ),
        (
            "cohorts_cloudnest_zh",
            &[
                "--lang",
                "zh-Hans",
                "cohorts",
                "cloudnest",
                "--cohorts",
                "4",
            ][..],
        ),
        (
            "predict_lumen_fa",
            &[
                "--lang",
                "fa",
                "predict",
                "lumen",
                "--no-files",
                "--top",
                "3",
            ][..],
        ),
        (
            "churn_lumen_ro",
            &["--lang", "ro", "churn", "lumen", "--no-files", "--top", "3"][..],
        ),
        (
            "forecast_lumen_revenue_zh",
            &["--lang", "zh-Hans", "forecast", "lumen", "revenue"][..],
        ),
        (
            "retention_curve_cloudnest_fa",
            &["--lang", "fa", "retention-curve", "cloudnest"][..],
        ),
        (
            "segments_kmeans_lumen_ro",
            &[
                "--lang",
                "ro",
                "segments",
                "lumen",
                "--method",
                "kmeans",
                "--no-files",
            ][..],
        ),
        (
            "entities_orders_fa",
            &["--lang", "fa", "entities", "orders"][..],
        ),
        (
            "filter_fields_zh",
            &["--lang", "zh-Hans", "metrics", "--fields"][..],
        ),
    ] {
        let text = table(args);
        for word in english {
            assert!(!text.contains(word), "{name}: `{word}` in\n{text}");
        }
        insta::assert_snapshot!(name, text);
    }
}
