//! `rapport init`, `rapport client`, the global `--workspace` and `--help`.

use serde_json::{Value, json};

use crate::support::{BIN, Ws};

#[test]
fn clients_are_listed_as_json() {
    let ws = Ws::new();
    let list: Value =
        serde_json::from_str(&ws.ok(&["client", "list", "--format", "json"])).expect("json");
    assert_eq!(
        list,
        json!([{"id": "acme", "name": "Acme Ltd"}, {"id": "beta", "name": "Beta SRL"}])
    );
    let table = ws.ok(&["client", "list"]);
    assert!(
        table.contains("acme") && table.contains("Beta SRL"),
        "{table}"
    );
}

#[test]
fn the_workspace_can_come_from_the_environment() {
    let ws = Ws::new();
    let out = std::process::Command::new(BIN)
        .args(["client", "list", "--format", "json"])
        .env("RAPPORT_WORKSPACE", ws.root())
        .current_dir(ws.dir.path())
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"acme\""));
}

#[test]
fn a_missing_workspace_says_how_to_make_one() {
    let ws = Ws::empty();
    let err = ws.fails(&["client", "list"]);
    assert!(err.contains("no Rapport workspace"), "{err}");
    assert!(err.contains("rapport init"), "{err}");
    assert!(err.contains("--workspace"), "{err}");
}

#[test]
fn a_foreign_rapport_toml_is_refused_with_the_fix() {
    let ws = Ws::empty();
    ws.file("ws/rapport.toml", "[package]\nname = \"something else\"\n");
    let err = ws.fails(&["client", "list"]);
    assert!(err.contains("is not a Rapport workspace file"), "{err}");
    let err = ws.fails(&["init", ws.root().to_str().expect("utf-8 path")]);
    assert!(err.contains("is not a Rapport workspace file"), "{err}");
}

#[test]
fn init_twice_and_bad_settings_are_refused() {
    let ws = Ws::new();
    let err = ws.fails(&["init", ws.root().to_str().expect("path")]);
    assert!(err.contains("already a Rapport workspace"), "{err}");
    let other = Ws::empty();
    let err = other.fails(&[
        "init",
        other.root().to_str().expect("path"),
        "--timezone",
        "Mars/Olympus",
    ]);
    assert!(err.contains("IANA time zone"), "{err}");
}

#[test]
fn client_ids_are_checked_and_unique() {
    let ws = Ws::new();
    let err = ws.fails(&["client", "add", "acme", "--name", "Again"]);
    assert!(err.contains("already exists"), "{err}");
    let err = ws.fails(&["client", "add", "Bad Id!", "--name", "X"]);
    assert!(err.to_lowercase().contains("id"), "{err}");
    let err = ws.fails(&["sql", "gamma", "SELECT 1"]);
    assert!(
        err.contains("no client `gamma`") && err.contains("acme, beta"),
        "{err}"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        &["init"][..],
        &["client", "add"],
        &["client", "list"],
        &["ingest"],
        &["loads"],
        &["sql"],
        &["entities"],
        &["presets"],
        &["presets", "list"],
        &["presets", "show"],
        &["demo"],
        &["predict"],
        &["retention-curve"],
        &["segments"],
        &["churn"],
        &["recommend"],
        &["forecast"],
        &["metrics"],
        &["cohorts"],
        &["funnel"],
        &["compare"],
        &["abtest"],
        &["comments"],
        &["target", "set"],
        &["target", "list"],
        &["report"],
        &["report", "list"],
        &["report", "init"],
        &["report", "approve"],
        &["report", "reject"],
        &["feedback"],
        &["feedback", "add"],
        &["feedback", "list"],
        &["schedule"],
        &["schedule", "add"],
        &["schedule", "list"],
        &["schedule", "remove"],
        &["schedule", "run"],
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let out = std::process::Command::new(BIN)
            .args(&args)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd:?}");
        assert!(
            text.contains("Example"),
            "`rapport {}` has no example:\n{text}",
            cmd.join(" ")
        );
    }
}
