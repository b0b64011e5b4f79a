//! `rapport ingest`: readers, mappings, validation, quarantine, duplicates.

use serde_json::Value;

use crate::support::{Ws, n, read_quarantine};

const ORDERS: &str = "order_id,customer_id,ordered_at,amount,currency,status
o1,c1,2026-10-01T10:00:00Z,10.50,EUR,completed
o2,c2,2026-10-02T11:00:00Z,-3,EUR,completed
o3,c3,2026-10-31 09:00,20,EUR,completed
o4,c4,2026-13-01T00:00:00Z,5,EUR,completed
o5,,2026-10-04T00:00:00Z,5,EUR,completed
o6,c6,2026-10-05T00:00:00Z,5,euro,completed
o7,c7,2026-10-06T00:00:00Z,5,EUR,shipped
o1,c1,2026-10-01T10:00:00Z,10.50,EUR,completed
o3,c3,2026-10-31 09:00,99,EUR,completed
";

#[test]
fn the_summary_adds_up_and_quarantine_names_file_row_column_value_rule() {
    let ws = Ws::new();
    let file = ws.file("orders.csv", ORDERS);
    let s = ws.ingest("acme", "orders", &[&file], &[]);
    for key in [
        "rows_read",
        "loaded",
        "quarantined",
        "duplicates_skipped",
        "quarantine_file",
    ] {
        assert!(s.get(key).is_some(), "summary lacks {key}: {s}");
    }
    assert_eq!(
        (
            n(&s, "rows_read"),
            n(&s, "loaded"),
            n(&s, "quarantined"),
            n(&s, "duplicates_skipped")
        ),
        (9, 2, 6, 1)
    );
    let (header, rows) = read_quarantine(s["quarantine_file"].as_str().expect("quarantine file"));
    assert_eq!(
        header[..6],
        ["file", "row", "line", "column", "value", "rule"]
    );
    let found: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| (r[1].clone(), r[3].clone(), r[4].clone(), r[5].clone()))
        .collect();
    let expect = [
        ("2", "amount", "-3", "non_negative"),
        ("4", "ordered_at", "2026-13-01T00:00:00Z", "type"),
        ("5", "customer_id", "", "required"),
        ("6", "currency", "euro", "currency_code"),
        ("7", "status", "shipped", "allowed_values"),
        ("9", "order_id", "o3", "key_conflict"),
    ];
    for (row, column, value, rule) in expect {
        assert!(
            found.iter().any(|f| f
                == &(
                    row.to_owned(),
                    column.to_owned(),
                    value.to_owned(),
                    rule.to_owned()
                )),
            "no quarantine row {row} {column} {value} {rule} in {found:?}"
        );
    }
    assert!(
        rows.iter().all(|r| r[0].ends_with("orders.csv")),
        "file column names the input"
    );
    // Naive times are read in the workspace time zone (Europe/Bucharest, UTC+2 on 31 Oct).
    let rows = ws.sql(
        "acme",
        "SELECT order_id, CAST(ordered_at AS VARCHAR) AS t, amount FROM orders ORDER BY order_id",
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["order_id"], "o3");
    assert!(
        rows[1]["t"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-10-31T07:00:00")),
        "{rows:?}"
    );
}

#[test]
fn loading_the_same_rows_again_loads_nothing_new() {
    let ws = Ws::new();
    let file = ws.file("orders.csv", ORDERS);
    let first = ws.ingest("acme", "orders", &[&file], &[]);
    let again = ws.ingest("acme", "orders", &[&file], &[]);
    assert_eq!(n(&again, "loaded"), 0);
    // The good rows are duplicates now; the bad ones are still bad.
    assert_eq!(
        n(&again, "duplicates_skipped"),
        n(&first, "loaded") + n(&first, "duplicates_skipped")
    );
    assert_eq!(n(&again, "quarantined"), n(&first, "quarantined"));
    assert_eq!(ws.count("acme", "SELECT count(*) AS n FROM orders"), 2);
    // A changed row under a loaded key is a conflict, never a silent replace.
    let changed = ws.file(
        "changed.csv",
        "order_id,customer_id,ordered_at,amount,currency\no1,c1,2026-10-01T10:00:00Z,11.50,EUR\n",
    );
    let s = ws.ingest("acme", "orders", &[&changed], &[]);
    assert_eq!((n(&s, "loaded"), n(&s, "quarantined")), (0, 1));
    assert_eq!(s["problems"][0]["rule"], "key_conflict");
    assert_eq!(
        ws.sql("acme", "SELECT amount FROM orders WHERE order_id = 'o1'")[0]["amount"],
        10.5
    );
    assert!(
        s["problems"][0]["example"]
            .as_str()
            .is_some_and(|e| e.contains("--replace")),
        "{s}"
    );
}

#[test]
fn a_re_export_with_replace_supersedes_changed_records_once() {
    // A help desk exported on two days: t2 was solved in between, t4 is new.
    let ws = Ws::new();
    let header = "ticket_id,opened_at,channel,resolved_at\n";
    let v1 = ws.file(
        "tickets-1.csv",
        format!(
            "{header}t1,2026-10-01T10:00:00Z,email,2026-10-01T12:00:00Z\nt2,2026-10-02T10:00:00Z,chat,\nt3,2026-10-03T10:00:00Z,phone,2026-10-03T11:00:00Z\n"
        ),
    );
    let v2 = ws.file(
        "tickets-2.csv",
        format!(
            "{header}t1,2026-10-01T10:00:00Z,email,2026-10-01T12:00:00Z\nt2,2026-10-02T10:00:00Z,chat,2026-10-05T09:00:00Z\nt3,2026-10-03T10:00:00Z,phone,2026-10-03T11:00:00Z\nt4,2026-10-06T10:00:00Z,email,\n"
        ),
    );
    ws.ingest("acme", "support_tickets", &[&v1], &[]);
    let s = ws.ingest("acme", "support_tickets", &[&v2], &["--replace"]);
    assert_eq!(
        (
            n(&s, "loaded"),
            n(&s, "replaced"),
            n(&s, "duplicates_skipped"),
            n(&s, "quarantined")
        ),
        (2, 1, 2, 0)
    );
    let rows = ws.sql(
        "acme",
        "SELECT ticket_id, CAST(resolved_at AS VARCHAR) AS r, source FROM support_tickets ORDER BY ticket_id",
    );
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["ticket_id"].as_str())
        .collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4"], "each ticket once");
    assert_eq!(rows[1]["source"], "tickets-2");
    assert!(
        rows[1]["r"]
            .as_str()
            .is_some_and(|r| r.starts_with("2026-10-05"))
    );
    // The first load's files were rewritten without t2, and only the
    // current versions are on disk.
    let loads: Vec<serde_json::Value> =
        serde_json::from_str(&ws.ok(&["loads", "acme", "--format", "json"])).expect("json");
    assert_eq!(
        loads[0]["data_file"],
        "data/acme/support_tickets/1-r2.parquet"
    );
    assert_eq!(loads[1]["replaced"], 1);
    let on_disk = std::fs::read_dir(ws.root().join("data/acme/support_tickets"))
        .expect("dir")
        .count();
    assert_eq!(on_disk, 2);
    // The same re-export again changes nothing; a third version of t2
    // replaces the second, in its rewritten file too.
    let again = ws.ingest("acme", "support_tickets", &[&v2], &["--replace"]);
    assert_eq!(
        (n(&again, "loaded"), n(&again, "duplicates_skipped")),
        (0, 4)
    );
    let v3 = ws.file(
        "tickets-3.csv",
        format!("{header}t2,2026-10-02T10:00:00Z,chat,2026-10-07T09:00:00Z\n"),
    );
    let third = ws.ingest("acme", "support_tickets", &[&v3], &["--replace"]);
    assert_eq!(n(&third, "replaced"), 1);
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM support_tickets"),
        4
    );
    assert_eq!(
        ws.count(
            "acme",
            "SELECT count(*) AS n FROM support_tickets WHERE ticket_id = 't2' AND source = 'tickets-3'"
        ),
        1
    );
    // One export cannot hold two versions of a record, replace or not.
    let twice = ws.file(
        "twice.csv",
        format!("{header}t9,2026-10-08T10:00:00Z,chat,\nt9,2026-10-08T10:00:00Z,email,\n"),
    );
    let t = ws.ingest("acme", "support_tickets", &[&twice], &["--replace"]);
    assert_eq!((n(&t, "loaded"), n(&t, "quarantined")), (1, 1));
}

#[test]
fn missing_columns_are_reported_before_any_row_is_read() {
    let ws = Ws::new();
    let file = ws.file(
        "orders.csv",
        "order_id,customer,ordered_at\no1,c1,2026-10-01\n",
    );
    let err = ws.fails(&["ingest", "acme", "orders", file.to_str().expect("path")]);
    for word in [
        "`customer_id`",
        "`amount`",
        "`currency`",
        "it has:",
        "`customer`",
    ] {
        assert!(err.contains(word), "{word} not in: {err}");
    }
    let loads: Value =
        serde_json::from_str(&ws.ok(&["loads", "acme", "--format", "json"])).expect("json");
    assert_eq!(
        loads,
        Value::Array(vec![]),
        "a refused load leaves no trace"
    );
}

#[test]
fn csv_variants_load_the_same_values() {
    let ws = Ws::new();
    // Quoted field with an embedded newline, and a byte-order mark.
    let bom = ws.file(
        "bom.csv",
        "\u{feff}response_id,responded_at,survey,score,comment\nr1,2026-10-01T08:00:00Z,nps,9,\"Great,\nreally\"\n",
    );
    // Tab-separated, found by the extension.
    let tsv = ws.file("r.tsv", "response_id\tresponded_at\tsurvey\tscore\tcomment\nr2\t2026-10-01T08:00:00Z\tnps\t3\tslow\n");
    // Semicolons and Latin-1, as old Excel writes them.
    let mut latin =
        b"response_id;responded_at;survey;score;comment\nr3;2026-10-01T08:00:00Z;nps;7;".to_vec();
    latin.extend_from_slice(&[b'M', 0xFC, b'l', b'l', b'e', b'r', b'\n']);
    let latin = ws.file("latin.csv", latin);
    for (file, extra) in [
        (&bom, &[][..]),
        (&tsv, &[][..]),
        (&latin, &["--delimiter", ";", "--encoding", "latin1"][..]),
    ] {
        let s = ws.ingest("acme", "survey_responses", &[file], extra);
        assert_eq!(n(&s, "loaded"), 1, "{file:?}: {s}");
    }
    let rows = ws.sql(
        "acme",
        "SELECT response_id, comment FROM survey_responses ORDER BY response_id",
    );
    assert_eq!(rows[0]["comment"], "Great,\nreally");
    assert_eq!(rows[1]["comment"], "slow");
    assert_eq!(rows[2]["comment"], "Müller");
    // Latin-1 read as UTF-8 is reported, not garbled.
    let s = ws.ingest("beta", "survey_responses", &[&latin], &["--delimiter", ";"]);
    assert_eq!(n(&s, "quarantined"), 1);
    assert!(
        s["problems"][0]["example"]
            .as_str()
            .is_some_and(|e| e.contains("--encoding latin1")),
        "{s}"
    );
}

#[test]
fn json_ndjson_nested_fields_and_folders_load() {
    let ws = Ws::new();
    let array = ws.file(
        "in/campaigns.json",
        r#"[{"id":"c1","send_time":"2026-10-01T09:00:00Z","stats":{"sent":100,"delivered":98,"opens":30,"clicks":5}},
            {"id":"c2","send_time":"2026-10-08T09:00:00Z","stats":{"sent":200,"delivered":190,"opens":70,"clicks":9}}]"#,
    );
    ws.file(
        "in/more.ndjson",
        "{\"id\":\"c3\",\"send_time\":\"2026-10-15T09:00:00Z\",\"stats\":{\"sent\":10,\"delivered\":10,\"opens\":1,\"clicks\":0}}\n\n{\"id\":\"c4\",\"send_time\":\n",
    );
    let mapping = ws.file(
        "email.toml",
        "source = \"mailer\"\n[columns]\ncampaign_id = \"id\"\nsent_at = \"send_time\"\nsent = \"stats.sent\"\ndelivered = \"stats.delivered\"\nopens = \"stats.opens\"\nclicks = \"stats.clicks\"\n",
    );
    let folder = array.parent().expect("folder").to_owned();
    let s = ws.ingest(
        "acme",
        "email_campaigns",
        &[&folder],
        &["--mapping", mapping.to_str().expect("path")],
    );
    assert_eq!(
        (n(&s, "rows_read"), n(&s, "loaded"), n(&s, "quarantined")),
        (4, 3, 1),
        "{s}"
    );
    assert_eq!(s["problems"][0]["rule"], "malformed_row");
    let rows = ws.sql(
        "acme",
        "SELECT sum(delivered) AS d, min(source) AS src FROM email_campaigns",
    );
    assert_eq!(rows[0]["d"], 298);
    assert_eq!(rows[0]["src"], "mailer");
}

#[test]
fn parquet_files_load() {
    let ws = Ws::new();
    let file = ws.file("orders.csv", ORDERS);
    ws.ingest("acme", "orders", &[&file], &[]);
    // The workspace's own data file is Parquet with the canonical columns.
    let loads: Value =
        serde_json::from_str(&ws.ok(&["loads", "acme", "--format", "json"])).expect("json");
    let data = ws
        .root()
        .join(loads[0]["data_file"].as_str().expect("data file"));
    let s = ws.ingest("beta", "orders", &[&data], &[]);
    assert_eq!(n(&s, "loaded"), 2, "{s}");
    assert_eq!(
        ws.count("beta", "SELECT count(*) AS n FROM orders WHERE amount > 0"),
        2
    );
}

#[test]
fn mappings_rename_convert_and_map_values() {
    let ws = Ws::new();
    let file = ws.file(
        "export.csv",
        "Ticket;Created;Via;Solved;Escalated\nT1;30/03/2025 02:30;E-mail;30/03/2025 05:00;yes\nT2;26/10/2025 03:30;Chat;;no\nT3;01/10/2025 10:00;Chat;01/10/2025 09:00;no\nT4;01/10/2025 10:00;Fax;;no\n",
    );
    let mapping = ws.file(
        "helpdesk.toml",
        r#"source = "helpdesk"
entity = "support_tickets"
timezone = "Europe/Bucharest"
[columns]
ticket_id = "Ticket"
opened_at = { from = "Created", format = "%d/%m/%Y %H:%M" }
channel = { from = "Via", values = { "E-mail" = "email", "Chat" = "chat" } }
resolved_at = { from = "Solved", format = "%d/%m/%Y %H:%M" }
escalated = "Escalated"
"#,
    );
    let s = ws.ingest(
        "acme",
        "support_tickets",
        &[&file],
        &[
            "--mapping",
            mapping.to_str().expect("path"),
            "--delimiter",
            ";",
        ],
    );
    // 02:30 on 30 March is just before the spring-forward gap (03:00 → 04:00,
    // UTC+2); 03:30 on 26 October happens twice and is read as the earlier
    // one (UTC+3). T3 is solved before it was opened; T4 came by fax.
    let rules: Vec<&str> = s["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"time_order") && rules.contains(&"allowed_values"),
        "{s}"
    );
    assert_eq!(n(&s, "loaded"), 2, "{s}");
    let rows = ws.sql(
        "acme",
        "SELECT ticket_id, CAST(opened_at AS VARCHAR) AS t, channel, escalated FROM support_tickets ORDER BY ticket_id",
    );
    assert_eq!(
        rows[0]["t"].as_str().map(|t| &t[..19]),
        Some("2025-03-30T00:30:00")
    );
    assert_eq!(rows[0]["channel"], "email");
    assert_eq!(rows[0]["escalated"], true);
    assert_eq!(
        rows[1]["t"].as_str().map(|t| &t[..19]),
        Some("2025-10-26T00:30:00")
    );
}

#[test]
fn survey_scores_must_lie_on_their_scale() {
    let ws = Ws::new();
    let file = ws.file(
        "s.csv",
        "response_id,responded_at,survey,score,scale_min,scale_max\n\
         n1,2026-10-01T00:00:00Z,nps,10,,\n\
         n2,2026-10-01T00:00:00Z,nps,11,,\n\
         n3,2026-10-01T00:00:00Z,nps,5,1,5\n\
         c1,2026-10-01T00:00:00Z,csat,5,,\n\
         c2,2026-10-01T00:00:00Z,csat,0,,\n\
         c3,2026-10-01T00:00:00Z,csat,9,1,10\n\
         e1,2026-10-01T00:00:00Z,ces,7,,\n\
         e2,2026-10-01T00:00:00Z,ces,8,,\n\
         x1,2026-10-01T00:00:00Z,happiness,3,,\n",
    );
    let s = ws.ingest("acme", "survey_responses", &[&file], &[]);
    let ids: Vec<String> = ws
        .sql(
            "acme",
            "SELECT response_id FROM survey_responses ORDER BY response_id",
        )
        .iter()
        .filter_map(|r| r["response_id"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids, ["c1", "c3", "e1", "n1"], "{s}");
    assert_eq!(n(&s, "quarantined"), 5);
}

#[test]
fn human_summary_explains_problems() {
    let ws = Ws::new();
    let file = ws.file("orders.csv", ORDERS);
    let out = ws.ok(&["ingest", "acme", "orders", file.to_str().expect("path")]);
    assert!(
        out.contains("9 rows read, 2 loaded, 6 quarantined, 1 already loaded"),
        "{out}"
    );
    assert!(
        out.contains("non_negative") && out.contains("quarantined rows: quarantine/acme/"),
        "{out}"
    );
    assert!(out.contains("rows/s"), "{out}");
}

/// The kernel's high-water mark of resident memory of a running process, in
/// MB, polled until it exits; the process must succeed.
fn peak_resident_mb(mut cmd: std::process::Command) -> f64 {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start rapport");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "rapport ingest failed: {status}");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    peak_kb as f64 / 1024.0
}

#[test]
fn a_file_of_wide_rows_streams_in_bounded_memory() {
    // 100,000 survey responses with 6 KB comments: a 600 MB file. A batch of
    // 64K such rows, or a Parquet row group of 128K, would alone be several
    // hundred MB; batches and row groups are bounded by bytes too.
    let ws = Ws::new();
    let path = ws.dir.path().join("wide.csv");
    {
        use std::io::Write;
        let file = std::fs::File::create(&path).expect("create");
        let mut out = std::io::BufWriter::new(file);
        writeln!(out, "response_id,responded_at,survey,score,comment").expect("write");
        let words = [
            "slow", "delivery", "great", "support", "price", "app", "broken", "love",
        ];
        let mut state = 12345u64;
        for i in 0..100_000u32 {
            write!(out, "r{i},2026-10-01T10:00:00Z,nps,{},\"row {i}:", i % 11).expect("write");
            let mut len = 0;
            while len < 6_000 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let w = words[(state >> 61) as usize];
                write!(out, " {w}").expect("write");
                len += w.len() + 1;
            }
            writeln!(out, "\"").expect("write");
        }
        out.flush().expect("flush");
    }
    let file_mb = std::fs::metadata(&path).expect("size").len() as f64 / 1_048_576.0;
    assert!(file_mb > 550.0, "{file_mb}");
    let mut cmd = ws.command(&["ingest", "acme", "survey_responses"]);
    cmd.arg(&path).args(["--format", "json"]);
    let peak = peak_resident_mb(cmd);
    assert!(
        peak < 300.0,
        "peak resident memory {peak:.0} MB while loading a {file_mb:.0} MB file"
    );
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM survey_responses"),
        100_000
    );
    let longest = ws.sql(
        "acme",
        "SELECT max(length(comment)) AS n FROM survey_responses",
    );
    assert!(longest[0]["n"].as_i64().unwrap_or(0) > 6_000, "{longest:?}");
}

#[test]
fn a_load_of_many_chunks_keeps_input_order_for_duplicates_conflicts_and_quarantine() {
    // Rows are converted in chunks of 8K on several threads; whatever
    // happens across chunk boundaries must be what one thread reading in
    // order would do: the first version of a key wins, later identical
    // rows are duplicates, later different ones conflicts, and the
    // quarantine lists rows in input order with their own row numbers.
    let ws = Ws::new();
    let mut csv = String::from("order_id,customer_id,ordered_at,amount,currency\n");
    let rows = 30_000u64;
    let (mut duplicates, mut conflicts, mut malformed, mut bad) = (0, 0, 0, 0);
    let mut quarantined_rows = Vec::new();
    let plain = |k: u64| {
        [997, 1_499, 2_003, 2_501]
            .iter()
            .all(|m| !k.is_multiple_of(*m))
    };
    // The nearest plain (loaded) row at or before `k`.
    let loaded_at = |mut k: u64| {
        while !plain(k) {
            k -= 1;
        }
        k
    };
    for row in 1..=rows {
        if row.is_multiple_of(997) {
            // Repeats a row from about two chunks back, unchanged.
            let k = loaded_at(row.saturating_sub(16_000).max(1));
            csv.push_str(&format!("o{k},c{k},2026-10-01T10:00:00Z,{k}.5,EUR\n"));
            duplicates += 1;
        } else if row.is_multiple_of(1_499) {
            // The same key as an earlier row, with another amount.
            let k = loaded_at(row.saturating_sub(9_000).max(1));
            csv.push_str(&format!("o{k},c{k},2026-10-01T10:00:00Z,1.25,EUR\n"));
            conflicts += 1;
            quarantined_rows.push(row);
        } else if row.is_multiple_of(2_003) {
            csv.push_str(&format!("o{row},c{row}\n"));
            malformed += 1;
            quarantined_rows.push(row);
        } else if row.is_multiple_of(2_501) {
            csv.push_str(&format!("o{row},c{row},2026-10-01T10:00:00Z,-1,EUR\n"));
            bad += 1;
            quarantined_rows.push(row);
        } else {
            csv.push_str(&format!("o{row},c{row},2026-10-01T10:00:00Z,{row}.5,EUR\n"));
        }
    }
    let file = ws.file("orders.csv", csv);
    let s = ws.ingest("acme", "orders", &[&file], &[]);
    let quarantined = conflicts + malformed + bad;
    assert_eq!(
        (
            n(&s, "rows_read"),
            n(&s, "duplicates_skipped"),
            n(&s, "quarantined")
        ),
        (rows, duplicates, quarantined),
        "{s}"
    );
    assert_eq!(n(&s, "loaded"), rows - duplicates - quarantined);
    let (_, q) = read_quarantine(s["quarantine_file"].as_str().expect("quarantine file"));
    let listed: Vec<u64> = q.iter().filter_map(|r| r[1].parse().ok()).collect();
    assert_eq!(listed, quarantined_rows, "quarantine rows in input order");
    for r in &q {
        let row: u64 = r[1].parse().unwrap_or(0);
        let expected = if row.is_multiple_of(1_499) {
            "key_conflict"
        } else if row.is_multiple_of(2_003) {
            "malformed_row"
        } else {
            "non_negative"
        };
        assert_eq!(r[5], expected, "row {row}: {r:?}");
    }
    // The loaded rows are the first version of each key.
    assert_eq!(
        ws.count("acme", "SELECT count(*) AS n FROM orders"),
        i64::try_from(n(&s, "loaded")).unwrap_or(-1)
    );
    assert_eq!(
        ws.count(
            "acme",
            "SELECT count(*) AS n FROM orders WHERE amount = 1.25"
        ),
        0
    );
}

/// Rewrites a data file as loads wrote it before the engine added
/// `client_id` and `source`: with the two columns stored on every row.
fn to_old_layout(path: &std::path::Path, client: &str, source: &str) {
    use datafusion::arrow::array::{ArrayRef, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use std::sync::Arc;

    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).expect("open"))
        .expect("parquet")
        .build()
        .expect("reader");
    let batches: Vec<RecordBatch> = reader.map(|b| b.expect("batch")).collect();
    let stored = batches[0].schema();
    let mut fields: Vec<Field> = stored.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.push(Field::new("client_id", DataType::Utf8, false));
    fields.push(Field::new("source", DataType::Utf8, false));
    let schema = Arc::new(Schema::new(fields));
    let mut writer = ArrowWriter::try_new(
        std::fs::File::create(path).expect("create"),
        schema.clone(),
        None,
    )
    .expect("writer");
    for b in &batches {
        let mut columns = b.columns().to_vec();
        let n = b.num_rows();
        columns.push(Arc::new(StringArray::from(vec![client; n])) as ArrayRef);
        columns.push(Arc::new(StringArray::from(vec![source; n])) as ArrayRef);
        writer
            .write(&RecordBatch::try_new(schema.clone(), columns).expect("batch"))
            .expect("write");
    }
    writer.close().expect("close");
}

fn column_names(path: &std::path::Path) -> Vec<String> {
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(path).expect("open"),
    )
    .expect("parquet");
    builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect()
}

#[test]
fn client_and_source_come_from_the_catalog_and_files_of_the_old_layout_still_read() {
    let ws = Ws::new();
    let header = "ticket_id,opened_at,channel,resolved_at\n";
    let v1 = ws.file(
        "tickets-1.csv",
        format!("{header}t1,2026-10-01T10:00:00Z,email,\nt2,2026-10-02T10:00:00Z,chat,\n"),
    );
    let other = ws.file(
        "helpdesk.csv",
        format!("{header}t3,2026-10-03T10:00:00Z,phone,\n"),
    );
    ws.ingest("acme", "support_tickets", &[&v1], &[]);
    ws.ingest("acme", "support_tickets", &[&other], &[]);
    // A load's file holds the canonical columns only.
    let first = ws.root().join("data/acme/support_tickets/1.parquet");
    let stored = column_names(&first);
    assert!(stored.contains(&"ticket_id".to_owned()), "{stored:?}");
    assert!(!stored.contains(&"source".to_owned()) && !stored.contains(&"client_id".to_owned()));
    let by_source = |ws: &Ws| {
        ws.sql(
            "acme",
            "SELECT client_id, source, count(*) AS n FROM support_tickets GROUP BY client_id, source ORDER BY source",
        )
    };
    let rows = by_source(&ws);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (&rows[0]["client_id"], &rows[0]["source"], &rows[0]["n"]),
        (&"acme".into(), &"helpdesk".into(), &1.into())
    );
    assert_eq!(
        (&rows[1]["client_id"], &rows[1]["source"], &rows[1]["n"]),
        (&"acme".into(), &"tickets-1".into(), &2.into())
    );
    assert_eq!(
        ws.count(
            "acme",
            "SELECT count(*) AS n FROM support_tickets WHERE source = 'helpdesk'"
        ),
        1
    );

    // A workspace written before: the first load's file stores both.
    to_old_layout(&first, "acme", "tickets-1");
    assert_eq!(by_source(&ws), rows, "the old layout reads the same");
    // Replacing a row of that load rewrites its file in the new layout.
    let v2 = ws.file(
        "tickets-2.csv",
        format!("{header}t2,2026-10-02T10:00:00Z,chat,2026-10-05T09:00:00Z\n"),
    );
    let s = ws.ingest("acme", "support_tickets", &[&v2], &["--replace"]);
    assert_eq!(n(&s, "replaced"), 1);
    let rewritten = ws.root().join("data/acme/support_tickets/1-r3.parquet");
    assert_eq!(column_names(&rewritten), stored);
    let after = ws.sql(
        "acme",
        "SELECT ticket_id, source FROM support_tickets ORDER BY ticket_id",
    );
    let pairs: Vec<(&str, &str)> = after
        .iter()
        .filter_map(|r| Some((r["ticket_id"].as_str()?, r["source"].as_str()?)))
        .collect();
    assert_eq!(
        pairs,
        [("t1", "tickets-1"), ("t2", "tickets-2"), ("t3", "helpdesk")]
    );
}
