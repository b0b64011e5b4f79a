//! `rapport report` and the demo's reports: the numbers are the library's,
//! the HTML is self-contained and renders in Chromium, the PDF's text holds
//! every headline KPI and no page is blank, and both documents are
//! reviewed as snapshots.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::BIN;

const AS_OF: &str = "2026-11-01";

fn rapport(ws: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("RAPPORT_WORKSPACE")
        .env("RAPPORT_AS_OF", AS_OF)
        .env("COLUMNS", "100")
        .output()
        .expect("run rapport")
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = rapport(ws, args);
    assert!(
        out.status.success(),
        "rapport {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read JSON")).expect("JSON")
}

/// A program the report tests need; `scripts/test` installs it.
fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    found.unwrap_or_else(|| panic!("`{name}` is not installed; scripts/test installs it"))
}

/// Whether each page rendered by `pdftoppm` has ink on it: pixels clearly
/// darker than paper.
fn pages_with_ink(pdf: &Path, dir: &Path) -> Vec<(PathBuf, bool)> {
    let prefix = dir.join("page");
    let out = Command::new(tool("pdftoppm"))
        .args(["-r", "24", "-gray"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("pages")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    pages
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read page");
            // P5 header: magic, width, height, maxval, then one byte a pixel.
            let mut fields = 0;
            let mut i = 0;
            while fields < 4 && i < bytes.len() {
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                fields += 1;
            }
            let pixels = &bytes[(i + 1).min(bytes.len())..];
            let dark = pixels.iter().filter(|&&v| v < 200).count();
            // A blank page has no dark pixel; one line of text has dozens.
            (p, dark >= 30)
        })
        .collect()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(tool("pdftotext"))
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Removes what a snapshot must not hold: the embedded fonts (large and
/// unchanging) and the day the demo was loaded (today).
fn redact(text: &str, load_days: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("base64,") {
        out.push_str(&rest[..i + 7]);
        rest = &rest[i + 7..];
        let end = rest.find(['"', ')']).unwrap_or(rest.len());
        out.push_str("[data]");
        rest = &rest[end..];
    }
    out.push_str(rest);
    for day in load_days {
        out = out.replace(day.as_str(), "[load day]");
    }
    out
}

/// The HTML asks for nothing outside itself: no URL, no font or image
/// from elsewhere; every `src`, `href` and `url(` is inline data or a
/// fragment.
fn assert_self_contained(html: &str) {
    assert!(!html.contains("http"), "the HTML mentions http");
    for attr in ["src=\"", "href=\"", "url(\""] {
        for (i, _) in html.match_indices(attr) {
            let value = &html[i + attr.len()..];
            assert!(
                value.starts_with("data:") || value.starts_with('#'),
                "external reference: {}",
                &value[..value.len().min(60)]
            );
        }
    }
    let without_data = redact(html, &[]);
    assert!(!without_data.contains("//"), "a // URL in the HTML");
    assert!(!without_data.contains("@import"));
}

/// Prints an HTML file to PDF in headless Chromium with every host
/// unresolvable, and fails on any console message or network error.
fn chromium_print(html: &Path, printed: &Path, scratch: &Path) {
    let out = Command::new(tool("chromium"))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("chrome").display()
        ))
        .arg(format!("--print-to-pdf={}", printed.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed: {log}");
    for line in log.lines() {
        assert!(
            !line.contains("CONSOLE") && !line.contains("net::ERR"),
            "Chromium: {line}"
        );
    }
}

#[test]
fn the_demo_reports_are_the_librarys_numbers_in_html_and_pdf() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("agency");
    let demo = crate::demo::demo(&ws, "7");
    let reports = demo["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 3, "{reports:?}");
    for r in reports {
        assert!(r.get("error").is_none(), "{r}");
        for kind in ["html", "pdf", "json"] {
            let f = r["files"][kind].as_str().expect("file");
            assert!(std::fs::metadata(f).expect("written").len() > 1000, "{f}");
        }
    }
    let dir = ws.join("reports").join("lumen").join("2026-Q3");
    let report = json(&dir.join("report.json"));
    assert_eq!(report["period"]["label"], "2026-Q3");
    assert_eq!(report["agency"], "Northwind Digital");

    // Every KPI number is the metric catalog's for the same period and
    // day, against the previous quarter and the same quarter a year ago.
    let ids: Vec<&str> = report["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .map(|k| k["metric"].as_str().expect("id"))
        .collect();
    assert!(ids.len() >= 3, "{ids:?}");
    let previous: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "metrics", "lumen", "--period", "2026-Q3", "--format", "json",
        ],
    ))
    .expect("metrics JSON");
    let only = ids.join(",");
    let year: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-Q3",
            "--compare",
            "year",
            "--only",
            &only,
            "--format",
            "json",
        ],
    ))
    .expect("metrics JSON");
    let find = |v: &Value, id: &str| -> Value {
        v["metrics"]
            .as_array()
            .expect("metrics")
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .expect("metric")
    };
    for k in report["kpis"].as_array().expect("kpis") {
        let id = k["metric"].as_str().expect("id");
        let m = find(&previous, id);
        assert_eq!(k["value"], m["value"], "{id}");
        assert_eq!(k["ci_low"], m["ci_low"], "{id}");
        assert_eq!(k["n"], m["n"], "{id}");
        assert_eq!(k["previous"]["value"], m["previous"]["value"], "{id}");
        assert_eq!(k["previous"]["change"], m["change"], "{id}");
        assert_eq!(k["previous"]["significant"], m["significant"], "{id}");
        assert_eq!(k["previous"]["p_value"], m["p_value"], "{id}");
        let y = find(&year, id);
        assert_eq!(k["year_ago"]["value"], y["previous"]["value"], "{id}");
        assert_eq!(k["year_ago"]["significant"], y["significant"], "{id}");
    }
    // Findings name only significant changes as significant.
    for list in ["went_well", "needs_attention"] {
        for f in report["findings"][list].as_array().expect("findings") {
            let sentence = f["sentence"].as_str().expect("sentence");
            if sentence.contains("(significant") {
                let id = f["metric"].as_str().expect("metric");
                let m = find(&previous, id);
                // Only headline metrics are compared with a year ago.
                let y = ids.contains(&id).then(|| find(&year, id));
                assert!(
                    m["significant"] == true || y.is_some_and(|y| y["significant"] == true),
                    "{sentence}"
                );
            }
        }
    }

    // The HTML: self-contained, and every KPI as the report writes it.
    let html = std::fs::read_to_string(dir.join("report.html")).expect("html");
    assert_self_contained(&html);
    for k in report["kpis"].as_array().expect("kpis") {
        let text = k["value_text"].as_str().expect("text");
        assert!(html.contains(text), "{text} not in the HTML");
    }

    // The PDF: real text holding every headline KPI, no blank page.
    let pdf = dir.join("report.pdf");
    let text = pdf_text(&pdf);
    for k in report["kpis"].as_array().expect("kpis") {
        let name = k["name"].as_str().expect("name").to_uppercase();
        let value = k["value_text"].as_str().expect("text");
        assert!(text.contains(value), "{value} not in the PDF's text");
        assert!(text.contains(&name), "{name} not in the PDF's text");
    }
    assert!(text.contains("Contents") && text.contains("What needs attention"));
    // The client's annotations within the trends' months, listed in both.
    let annotations = report["annotations"].as_array().expect("annotations");
    assert!(!annotations.is_empty());
    for a in annotations {
        let said = a["text"].as_str().expect("text");
        assert!(html.contains(said) && text.contains(said), "{said}");
    }
    let pages_dir = tmp.path().join("pdf-pages");
    std::fs::create_dir_all(&pages_dir).expect("mkdir");
    let pages = pages_with_ink(&pdf, &pages_dir);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for (page, ink) in &pages {
        assert!(ink, "{} is blank", page.display());
    }

    // Chromium opens the HTML without network (every host unresolvable)
    // and without a console message, and prints it with the KPIs on it.
    let printed = tmp.path().join("chromium.pdf");
    chromium_print(&dir.join("report.html"), &printed, tmp.path());
    // Chromium's PDF sets fonts as Type 3, whose words pdftotext may
    // split over lines: compare without white space.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let printed_text = squeeze(&pdf_text(&printed));
    for k in report["kpis"].as_array().expect("kpis") {
        let value = squeeze(k["value_text"].as_str().expect("text"));
        assert!(
            printed_text.contains(&value),
            "{value} not on Chromium's page"
        );
    }
    let chrome_pages = tmp.path().join("chromium-pages");
    std::fs::create_dir_all(&chrome_pages).expect("mkdir");
    for (page, ink) in pages_with_ink(&printed, &chrome_pages) {
        assert!(ink, "Chromium's {} is blank", page.display());
    }

    // Reviewed as diffs: the JSON and the HTML, with the load day (today)
    // and the embedded fonts taken out.
    let loaded: Vec<&str> = report["data_quality"]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["last_loaded"].as_str().expect("time"))
        .collect();
    // Whole times first, then their days (sentences show the day).
    let mut load_days: Vec<String> = loaded.iter().map(|t| (*t).to_owned()).collect();
    load_days.extend(loaded.iter().map(|t| t[..10].to_owned()));
    // and the day as the report writes it.
    load_days.extend(
        report["data_quality"]["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s["last_loaded_text"].as_str().expect("text").to_owned()),
    );
    let json_text = std::fs::read_to_string(dir.join("report.json")).expect("json");
    insta::assert_snapshot!("report_lumen_2026_q3_json", redact(&json_text, &load_days));
    insta::assert_snapshot!("report_lumen_2026_q3_html", redact(&html, &load_days));
}

#[test]
fn report_init_writes_a_definition_that_shapes_the_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");
    let _ = std::fs::remove_file(ws.join("reports/brightpaws/report.toml"));
    let out = ok(&ws, &["report", "init", "brightpaws", "--templates"]);
    assert!(out.contains("report.toml"), "{out}");
    let def = ws.join("reports/brightpaws/report.toml");
    let text = std::fs::read_to_string(&def).expect("definition");
    assert!(
        text.contains("client_name = \"Bright Paws Grooming\""),
        "{text}"
    );
    // A second init keeps the file the agency may have edited.
    let again = rapport(&ws, &["report", "init", "brightpaws"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));

    // An edited definition: a title, two sections, one headline metric.
    std::fs::write(
        &def,
        "title = \"Grooming review\"\nsections = [\"kpis\", \"findings\"]\nheadline = [\"revenue\"]\n[branding]\nagency = \"Studio Nord\"\nshow_rapport = true\n",
    )
    .expect("write");
    let out_dir = tmp.path().join("out");
    ok(
        &ws,
        &[
            "report",
            "brightpaws",
            "--period",
            "2026-09",
            "--out",
            out_dir.to_str().expect("utf-8"),
        ],
    );
    let report = json(&out_dir.join("report.json"));
    assert_eq!(report["title"], "Grooming review");
    assert_eq!(report["kpis"].as_array().expect("kpis").len(), 1);
    let html = std::fs::read_to_string(out_dir.join("report.html")).expect("html");
    assert!(html.contains("Studio Nord") && html.contains("Made with Rapport"));
    assert!(!html.contains("id=\"trends\""));

    // A custom metric: bookings per day, by SQL over the client's orders,
    // treated as a KPI with its comparison, trend and no test.
    std::fs::write(
        &def,
        "headline = [\"revenue\"]\n[targets]\nbookings_per_day = 5\n[[metrics]]\nid = \"bookings_per_day\"\nname = \"Bookings per day\"\nunit = \"ratio\"\nbetter = \"higher\"\nsql = \"SELECT count(*) * 1.0 / {days} FROM orders WHERE ordered_at >= {start} AND ordered_at < {end}\"\n",
    )
    .expect("write");
    ok(
        &ws,
        &[
            "report",
            "brightpaws",
            "--period",
            "2026-09",
            "--out",
            out_dir.to_str().expect("utf-8"),
        ],
    );
    let report = json(&out_dir.join("report.json"));
    let kpi = report["kpis"]
        .as_array()
        .expect("kpis")
        .iter()
        .find(|k| k["metric"] == "bookings_per_day")
        .cloned()
        .expect("the custom metric is a KPI");
    // The same number from a plain query (September 2026 in Bucharest).
    let count: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "sql",
            "brightpaws",
            "SELECT count(*) AS n FROM orders WHERE ordered_at >= TIMESTAMP '2026-08-31T21:00:00Z' AND ordered_at < TIMESTAMP '2026-09-30T21:00:00Z'",
            "--format",
            "json",
        ],
    ))
    .expect("sql JSON");
    let expected = count[0]["n"].as_f64().expect("n") / 30.0;
    assert!(
        (kpi["value"].as_f64().expect("value") - expected).abs() < 1e-9,
        "{kpi}"
    );
    assert!(kpi["previous"]["value"].is_number(), "{kpi}");
    assert!(kpi["previous"]["significant"].is_null());
    assert_eq!(kpi["target"]["value"], 5.0);
    assert!(
        report["trends"]
            .as_array()
            .expect("trends")
            .iter()
            .any(|t| t["metric"] == "bookings_per_day" && t["points"][11]["value"].is_number())
    );
    assert!(
        report["glossary"]
            .as_array()
            .expect("glossary")
            .iter()
            .any(|g| g["term"] == "Your own measures")
    );

    // A bad definition names the key and the fix, and writes nothing.
    let bad_out = tmp.path().join("bad");
    let refused = || -> String {
        let out = rapport(
            &ws,
            &[
                "report",
                "brightpaws",
                "--out",
                bad_out.to_str().expect("utf-8"),
            ],
        );
        assert!(!out.status.success());
        assert!(!bad_out.exists(), "a refused report wrote files");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    std::fs::write(&def, "headline = [\"revnue\"]\n").expect("write");
    let err = refused();
    assert!(
        err.contains("headline[0]") && err.contains("`revnue`"),
        "{err}"
    );
    // A custom metric whose query fails names its key and the cause.
    std::fs::write(
        &def,
        "[[metrics]]\nid = \"turnover\"\nname = \"Turnover\"\nunit = \"ratio\"\nbetter = \"higher\"\nsql = \"SELECT count(*) FROM tables WHERE t >= {start} AND t < {end}\"\n",
    )
    .expect("write");
    let err = refused();
    assert!(
        err.contains("metrics[0].sql") && err.contains("tables"),
        "{err}"
    );
    std::fs::remove_file(&def).expect("remove");

    // A broken template is an error naming the template and its line, and
    // nothing is written.
    let templates = ws.join("reports/brightpaws/templates");
    let broken = |name: &str, text: &str| {
        std::fs::write(templates.join(name), text).expect("write template");
        let err = refused();
        assert!(err.contains(name) && err.contains("line 3"), "{err}");
    };
    broken("report.html", "<html>\n<body>\n{% for x in %}\n</body>");
    std::fs::write(templates.join("report.html"), rapport_report_html()).expect("restore");
    broken(
        "report.typ",
        "#let report = json(\"/report.json\")\n\n#report.no_such_field\n",
    );
}

/// The built-in HTML template, as `report init --templates` wrote it.
fn rapport_report_html() -> &'static str {
    include_str!("../../../rapport-report/templates/report.html")
}

/// Orders and website purchases planted to disagree on revenue by 12 %
/// (beyond the 10 % tolerance) and on their count by 5 % (within it).
/// A workspace whose client `acme` has 20 orders in October 2026 and 19
/// website purchases, planted as the triangulation test describes.
pub(crate) fn small_shop() -> crate::support::Ws {
    let ws = crate::support::Ws::new();
    let mut orders = String::from("order_id,customer_id,ordered_at,amount,currency,status\n");
    let mut events = String::from("event_id,ts,event_type,session_id,customer_id,revenue\n");
    for i in 0..20 {
        let day = 1 + i % 28;
        orders.push_str(&format!(
            "o{i},c{i},2026-10-{day:02}T10:00:00Z,100,EUR,completed\n"
        ));
        // 19 of the 20 orders reach the website (5 % fewer events), and
        // those carry 1,760 of the 2,000 (12 % less revenue).
        if i < 19 {
            let revenue = if i < 16 { 100.0 } else { 53.33 };
            events.push_str(&format!(
                "e{i},2026-10-{day:02}T10:00:00Z,purchase,s{i},c{i},{revenue}\n"
            ));
        }
    }
    let orders = ws.file("orders.csv", orders);
    let events = ws.file("events.csv", events);
    ws.ingest("acme", "orders", &[&orders], &[]);
    ws.ingest("acme", "web_events", &[&events], &[]);
    ws
}

#[test]
fn triangulation_flags_a_planted_gap_beyond_the_tolerance_only() {
    let ws = small_shop();
    let out_dir = ws.dir.path().join("report");
    ws.ok(&[
        "--as-of",
        "2026-11-05",
        "report",
        "acme",
        "--period",
        "2026-10",
        "--out",
        out_dir.to_str().expect("utf-8"),
    ]);
    let report = json(&out_dir.join("report.json"));
    let check = |id: &str| -> Value {
        report["triangulation"]
            .as_array()
            .expect("checks")
            .iter()
            .find(|c| c["check"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id} check in {}", report["triangulation"]))
    };
    let revenue = check("revenue_orders_web");
    assert_eq!(revenue["a"]["value"], 2000.0);
    assert!(
        (revenue["gap_pct"].as_f64().expect("gap") - 12.0).abs() < 0.01,
        "{revenue}"
    );
    assert_eq!(revenue["flagged"], true);
    assert!(revenue["causes"].as_array().expect("causes").len() >= 2);
    let count = check("orders_purchase_events");
    assert_eq!(count["flagged"], false, "{count}");
    assert!((count["gap_pct"].as_f64().expect("gap") - 5.0).abs() < 0.01);
    // A flagged gap becomes an action naming both sources.
    let actions = report["actions"].as_array().expect("actions");
    assert!(
        actions
            .iter()
            .any(|a| a["rule"] == "triangulation_revenue_orders_web"),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .all(|a| a["rule"] != "triangulation_orders_purchase_events")
    );
}

#[test]
fn every_report_is_archived_and_the_next_one_answers_feedback_once() {
    let ws = small_shop();
    let report = |period: &str| -> Value {
        let out = ws.ok(&[
            "--as-of",
            "2026-12-05",
            "report",
            "acme",
            "--period",
            period,
            "--format",
            "json",
        ]);
        let files: Value = serde_json::from_str(&out).expect("files JSON");
        json(Path::new(files["json"].as_str().expect("json file")))
    };
    let october = report("2026-10");
    let run = october["run"].as_i64().expect("run number");
    assert!(october["feedback"].as_array().expect("feedback").is_empty());
    assert!(
        ws.fails(&["feedback", "add", "acme", &run.to_string(), "--rating", "9"])
            .contains("1 to 5")
    );
    assert!(
        ws.fails(&["feedback", "add", "beta", &run.to_string(), "--rating", "4"])
            .contains("no report")
    );
    ws.ok(&[
        "feedback",
        "add",
        "acme",
        &run.to_string(),
        "--rating",
        "3",
        "--comment",
        "Please show revenue by channel",
    ]);
    // The next report answers it, and only that one.
    let november = report("2026-11");
    let answers = november["feedback"].as_array().expect("feedback");
    assert_eq!(answers.len(), 1);
    let sentence = answers[0]["sentence"].as_str().expect("sentence");
    assert!(
        sentence.contains("Please show revenue by channel") && sentence.contains("October 2026"),
        "{sentence}"
    );
    let html =
        std::fs::read_to_string(ws.root().join("reports/acme/2026-11/report.html")).expect("html");
    assert!(html.contains("Please show revenue by channel"));
    assert!(
        report("2026-11")["feedback"]
            .as_array()
            .expect("feedback")
            .is_empty()
    );
    let list: Value =
        serde_json::from_str(&ws.ok(&["feedback", "list", "acme", "--format", "json"]))
            .expect("list");
    assert_eq!(list[0]["answered_in"], november["run"]);
    // The archive has every run, newest first, with where its files are.
    let runs: Value = serde_json::from_str(&ws.ok(&["report", "list", "acme", "--format", "json"]))
        .expect("runs");
    let runs = runs.as_array().expect("runs");
    assert_eq!(runs.len(), 3);
    assert_eq!(runs[2]["id"].as_i64(), Some(run));
    assert!(runs.iter().all(|r| r["status"] == "written"));
    assert_eq!(runs[2]["dir"], "reports/acme/2026-10");
    let table = ws.ok(&["report", "list", "acme"]);
    assert!(
        table.contains("2026-10") && table.contains("written"),
        "{table}"
    );
}

#[test]
fn with_a_public_address_each_report_links_to_its_feedback_form() {
    let ws = small_shop();
    let settings = ws.root().join("rapport.toml");
    let text = std::fs::read_to_string(&settings).expect("settings");
    assert!(text.trim_end().ends_with("engine = \"local\""), "{text}");
    std::fs::write(
        &settings,
        format!("{text}public_url = \"https://reports.northwind.example/\"\n"),
    )
    .expect("write settings");
    let out_dir = ws.dir.path().join("report");
    let out = ws.ok(&[
        "--as-of",
        "2026-11-05",
        "report",
        "acme",
        "--period",
        "2026-10",
        "--out",
        out_dir.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let files: Value = serde_json::from_str(&out).expect("files");
    let report = json(Path::new(files["json"].as_str().expect("json")));
    let run = report["run"].as_i64().expect("run");
    let url = format!("https://reports.northwind.example/clients/acme/reports/{run}/feedback");
    assert_eq!(report["feedback_url"], url.as_str());
    // minijinja escapes `/` in attributes as `&#x2f;`, which browsers read back.
    let html = std::fs::read_to_string(out_dir.join("report.html"))
        .expect("html")
        .replace("&#x2f;", "/");
    assert!(
        html.contains(&format!("<a href=\"{url}\">")),
        "no link in the HTML"
    );
    // A long address may wrap after a slash.
    let pdf = pdf_text(&out_dir.join("report.pdf")).replace("/\n", "/");
    assert!(pdf.contains(&url), "{pdf}");
    // A bad address is refused with the setting's name.
    std::fs::write(
        &settings,
        format!("{text}public_url = \"reports.northwind\"\n"),
    )
    .expect("write settings");
    let err = ws.fails(&["report", "list", "acme"]);
    assert!(err.contains("public_url"), "{err}");
}

#[test]
fn an_agency_typeface_is_embedded_in_the_pdf_and_inlined_in_the_html() {
    let ws = small_shop();
    let dejavu = "/usr/share/fonts/truetype/dejavu";
    assert!(
        Path::new(dejavu).join("DejaVuSerif.ttf").is_file(),
        "fonts-dejavu-core is not installed; scripts/test installs it"
    );
    let definition = ws.root().join("reports/acme/report.toml");
    let write = |fonts: &[&str]| {
        let list: Vec<String> = fonts.iter().map(|f| format!("\"{dejavu}/{f}\"")).collect();
        std::fs::create_dir_all(definition.parent().expect("dir")).expect("mkdir");
        std::fs::write(
            &definition,
            format!("[branding]\nfonts = [{}]\n", list.join(", ")),
        )
        .expect("definition");
    };
    write(&["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"]);
    let out_dir = ws.dir.path().join("report");
    let report = |ws: &crate::support::Ws| {
        ws.run(&[
            "--as-of",
            "2026-11-05",
            "report",
            "acme",
            "--period",
            "2026-10",
            "--out",
            out_dir.to_str().expect("utf-8"),
        ])
    };
    let made = report(&ws);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let fonts = Command::new(tool("pdffonts"))
        .arg(out_dir.join("report.pdf"))
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("DejaVuSerif"), "{fonts}");
    assert!(fonts.contains("DejaVuSerif-Bold"), "{fonts}");
    let html = std::fs::read_to_string(out_dir.join("report.html")).expect("html");
    assert!(html.contains("font-family: \"DejaVu Serif\"; font-weight: 700"));
    assert!(html.contains("data:font/ttf;base64,"));
    assert_self_contained(&html);
    // Two families, or a file that is no font, are refused by key.
    write(&["DejaVuSerif.ttf", "DejaVuSans.ttf"]);
    let err = String::from_utf8_lossy(&report(&ws).stderr).into_owned();
    assert!(
        err.contains("branding.fonts[1]") && err.contains("DejaVu Sans"),
        "{err}"
    );
    std::fs::write(ws.dir.path().join("notafont.ttf"), "hello").expect("write");
    std::fs::write(
        &definition,
        format!(
            "[branding]\nfonts = [\"{}\"]\n",
            ws.dir.path().join("notafont.ttf").display()
        ),
    )
    .expect("definition");
    let err = String::from_utf8_lossy(&report(&ws).stderr).into_owned();
    assert!(err.contains("not an OpenType or TrueType font"), "{err}");
}

/// The demo's Romanian and Persian clients, and the shop in Chinese: each
/// report is in its language throughout, its KPIs written as that
/// language writes numbers, set in fonts that cover its script, Persian
/// right to left; and Chinese without its font installed is an error that
/// names the Debian package.
#[test]
fn reports_are_written_in_each_clients_language_and_script() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("agency");
    crate::demo::demo(&ws, "7");
    let zh_dir = tmp.path().join("zh");
    ok(
        &ws,
        &[
            "report",
            "lumen",
            "--period",
            "2026-Q3",
            "--lang",
            "zh-Hans",
            "--out",
            zh_dir.to_str().expect("utf-8"),
        ],
    );
    let reports = [
        (
            "ro",
            ws.join("reports/brightpaws/2026-Q3"),
            "Raport trimestrial",
            "Inter",
        ),
        (
            "fa",
            ws.join("reports/cloudnest/1405-Q2"),
            "گزارش فصلی مشتریان",
            "Vazirmatn-NL",
        ),
        (
            "zh-Hans",
            zh_dir.clone(),
            "季度客户报告",
            "WenQuanYiMicroHei",
        ),
    ];
    for (lang, dir, title, font) in &reports {
        let report = json(&dir.join("report.json"));
        assert_eq!(report["language"], *lang);
        // Revenue is forecast in the currency its KPI is in (Bright Paws
        // sells in RON in a EUR workspace).
        let revenue = report["kpis"]
            .as_array()
            .and_then(|k| k.iter().find(|k| k["metric"] == "revenue"));
        if let (Some(kpi), Some("revenue")) = (revenue, report["forecast"]["metric"].as_str()) {
            assert_eq!(report["forecast"]["unit"], kpi["unit"], "{lang}");
        }
        let pdf = dir.join("report.pdf");
        let text = pdf_text(&pdf);
        assert!(text.contains(title), "{lang}: no title in the PDF");
        assert!(
            !text.contains("Headline numbers"),
            "{lang}: English in the PDF"
        );
        // Why a metric has no value, and what the data lacks for a model,
        // are said in the report's language too (the demo's reports each
        // have such a metric; Persian's services client has no orders to
        // forecast from).
        for english in ["in the period", "has no value", "to forecast from"] {
            assert!(
                !text.contains(english),
                "{lang}: an English reason ({english}) in the PDF"
            );
        }
        for k in report["kpis"].as_array().expect("kpis") {
            let value = k["value_text"].as_str().expect("value");
            // pdftotext writes a no-break space as a space.
            let extracted = value.replace('\u{a0}', " ");
            assert!(text.contains(&extracted), "{lang}: {value} not in the PDF");
            let digits_ascii = value.chars().any(|c| c.is_ascii_digit());
            match *lang {
                // Persian digits and separators: ۱٬۰۲۹, ۱۵٫۹۵٪.
                "fa" => assert!(
                    !digits_ascii && value.chars().any(|c| ('۰'..='۹').contains(&c)),
                    "{value}"
                ),
                // Romanian decimal comma: 54,35 %.
                "ro" if value.contains('%') => assert!(value.contains(','), "{value}"),
                _ => {}
            }
        }
        let fonts = Command::new(tool("pdffonts"))
            .arg(&pdf)
            .output()
            .expect("pdffonts");
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        assert!(fonts.contains(font), "{lang}: {fonts}");
        // Every font is embedded: no page depends on the reader's fonts.
        for line in fonts.lines().skip(2) {
            assert!(
                line.contains(" yes yes yes "),
                "{lang}: not embedded: {line}"
            );
        }
        let pages_dir = tmp.path().join(format!("pages-{lang}"));
        std::fs::create_dir_all(&pages_dir).expect("mkdir");
        for (page, ink) in pages_with_ink(&pdf, &pages_dir) {
            assert!(ink, "{lang}: {} is blank", page.display());
        }
        let html = std::fs::read_to_string(dir.join("report.html")).expect("html");
        assert_self_contained(&html);
        let rtl = *lang == "fa";
        assert_eq!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"rtl\">")),
            rtl,
            "{lang}"
        );
        assert!(html.contains(&format!(
            "<html lang=\"{lang}\" dir=\"{}\">",
            if rtl { "rtl" } else { "ltr" }
        )));
        chromium_print(
            &dir.join("report.html"),
            &tmp.path().join(format!("{lang}.pdf")),
            tmp.path(),
        );
    }
    // The Chinese page carries a subset of its font, not the 5 MB file.
    let zh_html = std::fs::metadata(zh_dir.join("report.html"))
        .expect("html")
        .len();
    let en_html = std::fs::metadata(ws.join("reports/lumen/2026-Q3/report.html"))
        .expect("html")
        .len();
    assert!(zh_html < en_html + 400_000, "{zh_html} against {en_html}");

    // Without the font, Chinese is refused by name, and nothing is written.
    let empty = tmp.path().join("no-fonts");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let out = Command::new(BIN)
        .arg("--workspace")
        .arg(&ws)
        .args([
            "report", "lumen", "--period", "2026-Q3", "--lang", "zh-Hans", "--out",
        ])
        .arg(tmp.path().join("zh-missing"))
        .env("RAPPORT_AS_OF", AS_OF)
        .env("RAPPORT_FONT_DIR", &empty)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fonts-wqy-microhei") && err.contains("WenQuanYi Micro Hei"),
        "{err}"
    );
    assert!(!tmp.path().join("zh-missing/report.pdf").exists());
}
