//! What a user reads, reviewed as a diff: the CLI's tables and JSON of
//! commands whose output does not depend on data or the clock. A wording
//! change shows up here (`cargo insta review`, or set `INSTA_UPDATE=always`
//! and read the `.snap` diff).

use crate::support::BIN;

fn stdout(args: &[&str]) -> String {
    let out = std::process::Command::new(BIN)
        .args(args)
        .env_remove("RAPPORT_WORKSPACE")
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
