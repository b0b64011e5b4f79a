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
        json!([
            {"id": "acme", "name": "Acme Ltd", "calendar": "gregorian", "week_start": "monday"},
            {"id": "beta", "name": "Beta SRL", "calendar": "gregorian", "week_start": "monday"}
        ])
    );
    let table = ws.ok(&["client", "list"]);
    assert!(
        table.contains("acme") && table.contains("Beta SRL"),
        "{table}"
    );
}

#[test]
fn a_client_keeps_its_calendar_and_week_start() {
    let ws = Ws::new();
    let out = ws.ok(&[
        "client",
        "add",
        "pars",
        "--name",
        "Pars Cloud",
        "--calendar",
        "solar-hijri",
    ]);
    assert!(
        out.contains("Solar Hijri calendar with weeks from Saturday"),
        "{out}"
    );
    let list: Value =
        serde_json::from_str(&ws.ok(&["client", "list", "--format", "json"])).expect("json");
    let pars = list
        .as_array()
        .and_then(|l| l.iter().find(|c| c["id"] == "pars"))
        .expect("pars listed");
    assert_eq!(pars["calendar"], "solar-hijri");
    assert_eq!(pars["week_start"], "saturday");
    // A period of its calendar parses; a Gregorian one is refused with the
    // calendar named, for this client only.
    assert!(
        ws.ok(&["target", "set", "pars", "nps", "1405-08", "40"])
            .contains("1405-08")
    );
    let err = ws.fails(&["target", "set", "pars", "nps", "2026-10", "40"]);
    assert!(err.contains("Solar Hijri"), "{err}");
    ws.ok(&["target", "set", "acme", "nps", "2026-10", "40"]);
    // Changing it back says which targets are now read differently.
    let out = ws.ok(&["client", "set", "pars", "--calendar", "gregorian"]);
    assert!(
        out.contains("1405-08") && out.contains("read as a Gregorian period"),
        "{out}"
    );
    let err = ws.fails(&["client", "add", "x", "--name", "X", "--calendar", "julian"]);
    assert!(err.contains("solar-hijri"), "{err}");
    let err = ws.fails(&["client", "set", "pars", "--week-start", "caturday"]);
    assert!(err.contains("day of the week"), "{err}");
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

/// The CLI writes in the language asked for: `--lang`, else
/// `RAPPORT_LANG`, else the workspace's `language` (which `init --lang`
/// keeps); a bad tag is refused with the languages named.
#[test]
fn the_command_line_writes_in_the_language_asked_for() {
    let ws = Ws::empty();
    let root = ws.root().display().to_string();
    ws.ok(&[
        "--lang",
        "ro",
        "init",
        &root,
        "--timezone",
        "Europe/Bucharest",
    ]);
    let settings = std::fs::read_to_string(ws.root().join("rapport.toml")).expect("settings");
    assert!(settings.contains("language = \"ro\""), "{settings}");
    ws.ok(&["client", "add", "acme", "--name", "Acme Ltd"]);
    let orders = ws.file(
        "orders.csv",
        "order_id,customer_id,ordered_at,amount,currency\n\
         o1,c1,2026-10-01T10:00:00Z,1234.50,EUR\n\
         o2,,2026-10-02T10:00:00Z,5,EUR\n",
    );
    // The workspace's language: Romanian words and the decimal comma.
    let out = ws.ok(&["ingest", "acme", "orders", &orders.display().to_string()]);
    assert!(
        out.contains("acme/orders din ")
            && out.contains("citite 2 rânduri, încărcate 1, în carantină 1")
            && out.contains(
                "1 rând pus în carantină (coloana customer_id: o valoare obligatorie lipsește): rândul 2"
            ),
        "{out}"
    );
    // The metrics table: its headings and period lines in Romanian.
    let table = ws.ok(&["metrics", "acme", "--period", "2026-10"]);
    assert!(
        table.contains("acme · 2026-10 (2026-10-01 – 2026-10-31)")
            && table.contains("indicator")
            && table.contains("valoare"),
        "{table}"
    );
    // RAPPORT_LANG outranks the workspace; --lang outranks both.
    let zh = ws
        .command(&["client", "list"])
        .env("RAPPORT_LANG", "zh-Hans")
        .output()
        .expect("run");
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(
        zh.starts_with("ID  ") && zh.contains("名称") && zh.contains("Acme Ltd"),
        "{zh}"
    );
    let fa = ws
        .command(&["--lang", "fa", "client", "list"])
        .env("RAPPORT_LANG", "zh-Hans")
        .output()
        .expect("run");
    let fa = String::from_utf8_lossy(&fa.stdout);
    assert!(fa.starts_with("شناسه") && fa.contains("نام"), "{fa}");
    // Columns line up by screen width: two columns per Chinese character.
    let header = zh.lines().next().unwrap_or_default();
    let row = zh.lines().nth(1).unwrap_or_default();
    let at = |s: &str, word: &str| {
        s.find(word)
            .map(|i| unicode_width::UnicodeWidthStr::width(&s[..i]))
    };
    assert_eq!(at(header, "日历"), at(row, "公历"), "{zh}");
    let err = ws.fails(&["--lang", "de", "client", "list"]);
    assert!(err.contains("en, ro, zh-Hans, fa"), "{err}");
}
