//! Property tests of mapping TOML and of the CSV reader under a mapping,
//! on arbitrary input: a mapping is read or refused with a message naming
//! its origin, never a panic; every source column name survives TOML
//! quoting; and any CSV text loads with every line accounted for, or is
//! refused with a message. Cases per property: 256 in CI;
//! `PROPTEST_CASES=100000 scripts/test --test mapping_properties` runs more.

use proptest::prelude::*;
use rapport_ingest::{CsvOptions, IngestRequest, Input, Mapping, NoProgress, ingest};
use rapport_schema::Entity;
use rapport_store::{Settings, Workspace};

/// Keys and values a mapping may hold, right or wrong, so that the
/// generated documents reach the checks behind the TOML syntax.
fn mapping_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "order_id",
        "customer_id",
        "ordered_at",
        "amount",
        "currency",
        "status",
        "response_id",
        "responded_at",
        "score",
        "survey",
        "nope",
    ]);
    let value = prop_oneof![
        "[ -~]{0,12}".prop_map(|s| toml::Value::String(s).to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("{ from = \"a\", format = \"%d/%m/%Y\" }".to_owned()),
        Just("{ from = \"a\", decimal_separator = \",\" }".to_owned()),
        Just("{ from = \"a\", decimal_separator = \"ab\" }".to_owned()),
        Just("{ from = [\"a\", \"b\"], values = { \"x|y\" = \"completed\" } }".to_owned()),
        Just("{ from = \"*a*\" }".to_owned()),
        Just("{ from = \"p[k]\", multiply = 0.01 }".to_owned()),
        Just("{ from = \"a\", minor_units = true, case = \"upper\" }".to_owned()),
        Just("{ from = \"a\", factors = [\"b\"] }".to_owned()),
        Just("{ frm = \"a\" }".to_owned()),
        Just("[1, 2]".to_owned()),
    ];
    let header = prop_oneof![
        Just(String::new()),
        Just("source = \"shop\"\n".to_owned()),
        Just("entity = \"orders\"\n".to_owned()),
        Just("entity = \"invoices\"\n".to_owned()),
        Just("timezone = \"Europe/Bucharest\"\n".to_owned()),
        Just("timezone = \"Mars/Olympus\"\n".to_owned()),
        Just("skip_lines = 2\n".to_owned()),
        Just("continuation_rows = true\n".to_owned()),
        Just("unknown = 1\n".to_owned()),
    ];
    let section = prop::sample::select(vec!["columns", "constants", "ignore", "other"]);
    (
        prop::collection::vec(header, 0..3),
        prop::collection::vec((section, prop::collection::vec((key, value), 0..5)), 0..3),
    )
        .prop_map(|(headers, sections)| {
            let mut text = headers.concat();
            for (name, entries) in sections {
                text.push_str(&format!("[{name}]\n"));
                for (k, v) in entries {
                    text.push_str(&format!("{k} = {v}\n"));
                }
            }
            text
        })
}

/// Short CSV text of an orders export: a header of canonical names, then
/// lines whose cells are mostly what the column holds and sometimes
/// anything (stray separators, quotes, line breaks, other conventions of
/// numbers and dates, too few or too many cells).
fn orders_csv() -> impl Strategy<Value = String> {
    fn cell(good: &'static str) -> impl Strategy<Value = String> {
        prop_oneof![
            6 => good,
            1 => "[ -~]{0,5}",
            1 => "1,5|1\\.234,56|-3|1e3|NaN|2026-13-01|31/12/2026",
            1 => "\"[a-z ,\"\n]{0,6}\"",
        ]
    }
    let row = (
        cell("o[0-9]{1,2}"),
        cell("c[0-9]"),
        cell("2026-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])( [01][0-9]:[0-5][0-9])?"),
        cell("[0-9]{1,4}(\\.[0-9]{1,2})?"),
        cell("EUR|USD|RON"),
        cell("completed|refunded|cancelled|pending"),
        prop_oneof![8 => Just(String::new()), 1 => Just(",extra".to_owned())],
    )
        .prop_map(|(a, b, c, d, e, f, tail)| format!("{a},{b},{c},{d},{e},{f}{tail}"));
    prop::collection::vec(row, 0..12).prop_map(|lines| {
        let mut text = "order_id,customer_id,ordered_at,amount,currency,status\n".to_owned();
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        text
    })
}

proptest! {
    #[test]
    fn any_text_is_a_mapping_or_an_error_naming_it(text in any::<String>()) {
        if let Err(e) = Mapping::from_toml(&text, "arbitrary.toml") {
            prop_assert!(e.to_string().contains("arbitrary.toml"), "{e}");
        }
    }

    #[test]
    fn mapping_shaped_text_is_read_checked_or_refused(text in mapping_text()) {
        match Mapping::from_toml(&text, "shaped.toml") {
            Ok(mapping) => {
                for entity in Entity::ALL {
                    if let Err(e) = mapping.check(entity) {
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("shaped.toml"), "{text}\n{e}"),
        }
    }

    #[test]
    fn any_source_column_name_survives_quoting(name in any::<String>()) {
        let mut columns = toml::Table::new();
        columns.insert("order_id".to_owned(), toml::Value::String(name.clone()));
        let mut doc = toml::Table::new();
        doc.insert("columns".to_owned(), toml::Value::Table(columns));
        let text = toml::to_string(&doc).expect("TOML");
        let mapping = Mapping::from_toml(&text, "quoted.toml");
        prop_assume!(mapping.is_ok());
        let mapping = mapping.expect("checked");
        prop_assert_eq!(&mapping.columns["order_id"].from, &name);
    }
}

/// Each case is a load into a new workspace (a few milliseconds), so
/// fewer than the other properties unless `PROPTEST_CASES` says.
#[test]
fn any_csv_loads_with_every_line_accounted_for() {
    use proptest::test_runner::{Config, TestRunner};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(128);
    let mut runner = TestRunner::new(Config::with_cases(cases));
    // What the cases reached, so that the property is not vacuous.
    let (loaded, quarantined, refused) = (
        std::cell::Cell::new(0u64),
        std::cell::Cell::new(0u64),
        std::cell::Cell::new(0u64),
    );
    runner
        .run(&orders_csv(), |csv| {
            let dir = tempfile::tempdir().expect("temp dir");
            let ws =
                Workspace::init(&dir.path().join("ws"), Settings::default()).expect("workspace");
            ws.add_client("acme", "Acme").expect("client");
            let path = dir.path().join("orders.csv");
            std::fs::write(&path, &csv).expect("write");
            let request = IngestRequest {
                client: "acme".into(),
                entity: Entity::Orders,
                inputs: vec![Input::Path(path)],
                mapping: None,
                csv: CsvOptions::default(),
                replace: rapport_ingest::Replace::Nothing,
            };
            match ingest(&ws, &request, &NoProgress) {
                Ok(s) => {
                    prop_assert_eq!(
                        s.rows_read,
                        s.loaded + s.quarantined + s.duplicates_skipped + s.continuation_rows,
                        "{}",
                        csv
                    );
                    let counted: u64 = s.problems.iter().map(|p| p.rows).sum();
                    prop_assert!(counted >= s.quarantined, "{:?}", s.problems);
                    loaded.set(loaded.get() + s.loaded);
                    quarantined.set(quarantined.get() + s.quarantined);
                }
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    refused.set(refused.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        loaded.get() > 0 && quarantined.get() > 0,
        "loaded {}, quarantined {}, refused {}",
        loaded.get(),
        quarantined.get(),
        refused.get()
    );
}
