//! `rapport schedule`: reports made and delivered once when due, to a
//! folder or to an SMTP sink this test starts on 127.0.0.1; the wait for a
//! stale source; approval; and a run killed mid-delivery completed once
//! by the next. When a schedule falls due across DST changes is tested in
//! `rapport-schedule` (`when.rs`) against Europe/Bucharest and a zone
//! without DST; here one run checks the period at a local month end.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailparse::MailHeaderMap;
use serde_json::Value;

use crate::report::small_shop;
use crate::support::Ws;

fn run_json(ws: &Ws, as_of: &str) -> Vec<Value> {
    let out = ws.run(&["--as-of", as_of, "schedule", "run", "--format", "json"]);
    let steps: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "schedule run at {as_of}: {e}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    steps.as_array().cloned().unwrap_or_default()
}

fn archive(ws: &Ws) -> Vec<Value> {
    let out = ws.ok(&["report", "list", "acme", "--format", "json"]);
    serde_json::from_str::<Value>(&out)
        .expect("archive JSON")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_due_report_goes_to_the_folder_once_for_the_local_month_that_ended() {
    let ws = small_shop();
    let out = ws.dir.path().join("outbox");
    let out_arg = out.to_str().expect("utf-8");
    let added = ws.ok(&[
        "--as-of",
        "2026-10-20",
        "schedule",
        "add",
        "acme",
        "--every",
        "month",
        "--at",
        "00:30",
        "--deliver",
        out_arg,
    ]);
    assert!(
        added.contains("Next due 2026-11-01 00:30 (2026-10)"),
        "{added}"
    );
    // 1 November 00:45 in Bucharest (UTC+2 since the October change) is
    // still 31 October in UTC; October has ended for the client.
    let steps = run_json(&ws, "2026-11-01T00:45+02:00");
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0]["state"], "delivered");
    assert_eq!(steps[0]["period"], "2026-10");
    let delivered = out.join("acme/2026-10");
    for name in ["report.pdf", "report.html", "report.json"] {
        assert!(delivered.join(name).is_file(), "{name} not delivered");
    }
    let pdf = std::fs::read(delivered.join("report.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    // Due once: the second run does nothing, however often it runs.
    assert!(run_json(&ws, "2026-11-01T00:50+02:00").is_empty());
    let again = ws.ok(&["--as-of", "2026-11-20", "schedule", "run"]);
    assert!(again.contains("Nothing due"), "{again}");
    let runs = archive(&ws);
    assert_eq!(runs.len(), 1, "one report made: {runs:?}");
    assert_eq!(runs[0]["delivery"]["state"], "delivered");
    assert_eq!(
        runs[0]["delivery"]["delivered_to"],
        delivered.display().to_string()
    );
    let table = ws.ok(&["report", "list", "acme"]);
    assert!(table.contains("delivered"), "{table}");
    // The listing says when it is due next; removing it stops it.
    let list = ws.ok(&["--as-of", "2026-11-20", "schedule", "list"]);
    assert!(list.contains("2026-12-01 00:30"), "{list}");
    ws.ok(&["schedule", "remove", "1"]);
    assert!(
        ws.fails(&["schedule", "remove", "1"])
            .contains("no report schedule 1")
    );
    assert!(run_json(&ws, "2026-12-02T00:00+02:00").is_empty());
}

#[test]
fn a_stale_source_is_waited_for_up_to_the_limit_then_named_on_the_first_page() {
    let ws = small_shop();
    let out = ws.dir.path().join("outbox");
    ws.ok(&[
        "schedule",
        "add",
        "acme",
        "--every",
        "month",
        "--at",
        "09:00",
        "--wait",
        "48",
        "--deliver",
        out.to_str().expect("utf-8"),
    ]);
    // December ends after the data was loaded (today), so every source is
    // stale for it: the report waits 48 hours after 1 January 09:00.
    let steps = run_json(&ws, "2027-01-01T09:00");
    assert_eq!(steps[0]["state"], "waiting", "{steps:?}");
    let text = steps[0]["text"].as_str().expect("text");
    assert!(
        text.contains("waiting until 3 January 2027, 09:00") && text.contains("Orders"),
        "{text}"
    );
    assert!(archive(&ws).is_empty(), "nothing rendered while waiting");
    assert_eq!(run_json(&ws, "2027-01-03T08:59")[0]["state"], "waiting");
    let steps = run_json(&ws, "2027-01-03T09:00");
    assert_eq!(steps[0]["state"], "delivered", "{steps:?}");
    let text = steps[0]["text"].as_str().expect("text");
    assert!(text.contains("with a notice"), "{text}");
    let report: Value = serde_json::from_slice(
        &std::fs::read(out.join("acme/2026-12/report.json")).expect("report"),
    )
    .expect("JSON");
    let notices = report["notices"].to_string();
    assert!(
        notices.contains("was last loaded") && notices.contains("rders"),
        "{notices}"
    );
    assert!(run_json(&ws, "2027-01-04T00:00").is_empty());
}

#[test]
fn an_approved_report_is_sent_and_a_rejected_one_never() {
    let ws = small_shop();
    let out = ws.dir.path().join("outbox");
    ws.ok(&[
        "schedule",
        "add",
        "acme",
        "--every",
        "month",
        "--approval",
        "--deliver",
        out.to_str().expect("utf-8"),
    ]);
    let steps = run_json(&ws, "2026-11-02T10:00");
    assert_eq!(steps[0]["state"], "awaiting_approval", "{steps:?}");
    let run = steps[0]["report_run"].as_i64().expect("report run");
    assert!(
        !out.join("acme/2026-10").exists(),
        "not sent before approval"
    );
    // Waiting for a reviewer is not work for the scheduler.
    assert!(run_json(&ws, "2026-11-03T10:00").is_empty());
    let approved = ws.ok(&["report", "approve", "acme", &run.to_string()]);
    assert!(approved.contains("delivered"), "{approved}");
    assert!(out.join("acme/2026-10/report.pdf").is_file());
    assert!(
        ws.fails(&["report", "approve", "acme", &run.to_string()])
            .contains("does not wait for approval: it is delivered")
    );
    // Another client's number, or a report not made by a schedule.
    assert!(
        ws.fails(&["report", "approve", "beta", &run.to_string()])
            .contains("not made by a schedule")
    );
    // December's report is rendered, then rejected: never delivered.
    let steps = run_json(&ws, "2027-01-05T10:00");
    let december = steps[0]["report_run"].as_i64().expect("report run");
    let rejected = ws.ok(&[
        "report",
        "reject",
        "acme",
        &december.to_string(),
        "--reason",
        "December's data is not in",
    ]);
    assert!(rejected.contains("rejected"), "{rejected}");
    assert!(run_json(&ws, "2027-01-06T10:00").is_empty());
    assert!(!out.join("acme/2026-12").exists());
    let runs = archive(&ws);
    assert_eq!(runs[0]["delivery"]["state"], "rejected");
    assert_eq!(runs[0]["delivery"]["note"], "December's data is not in");
}

/// An SMTP server on 127.0.0.1 that accepts every message and keeps it.
/// With `stall_first`, it answers nothing on its first connection (a
/// server that hangs), and says on `connected` when that came.
struct Sink {
    port: u16,
    messages: Arc<Mutex<Vec<Vec<u8>>>>,
    connected: mpsc::Receiver<()>,
}

impl Sink {
    fn start(stall_first: bool) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let (tx, connected) = mpsc::channel();
        let kept = Arc::clone(&messages);
        std::thread::spawn(move || {
            let mut first = stall_first;
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                let _ = tx.send(());
                if first {
                    first = false;
                    held.push(stream);
                    continue;
                }
                if let Some(m) = converse(stream) {
                    kept.lock().expect("lock").push(m);
                }
            }
        });
        Sink {
            port,
            messages,
            connected,
        }
    }

    fn messages(&self) -> Vec<Vec<u8>> {
        self.messages.lock().expect("lock").clone()
    }
}

/// One SMTP conversation (RFC 5321, the commands lettre sends); returns
/// the message's data.
fn converse(stream: TcpStream) -> Option<Vec<u8>> {
    talk(stream).ok().flatten()
}

fn talk(stream: TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut say = |s: &str| out.write_all(format!("{s}\r\n").as_bytes());
    say("220 sink.test ESMTP")?;
    let mut data = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(data);
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => say("250 sink.test")?,
            "MAIL" | "RCPT" | "RSET" | "NOOP" => say("250 OK")?,
            "DATA" => {
                say("354 go on")?;
                let mut body = Vec::new();
                loop {
                    let mut l = Vec::new();
                    if reader.read_until(b'\n', &mut l)? == 0 {
                        return Ok(None);
                    }
                    if l == b".\r\n" {
                        break;
                    }
                    // Dot-stuffing: a line starting with a dot was sent with two.
                    let l = if l.starts_with(b"..") {
                        &l[1..]
                    } else {
                        &l[..]
                    };
                    body.extend_from_slice(l);
                }
                data = Some(body);
                say("250 kept")?;
            }
            "QUIT" => {
                say("221 bye")?;
                return Ok(data);
            }
            _ => say("500 what")?,
        }
    }
}

fn add_mail_schedule(ws: &Ws, port: u16) {
    ws.ok(&[
        "schedule",
        "add",
        "acme",
        "--every",
        "month",
        "--deliver",
        &format!("smtp://127.0.0.1:{port}"),
        "--from",
        "Northwind Digital <reports@northwind.example>",
        "--to",
        "ana@acme.example",
        "--to",
        "ion@acme.example",
    ]);
}

fn check_message(raw: &[u8]) -> String {
    let mail = mailparse::parse_mail(raw).expect("MIME");
    let subject = mail.headers.get_first_value("Subject").expect("subject");
    assert!(
        subject.contains("Acme Ltd") && subject.contains("October 2026"),
        "{subject}"
    );
    let to = mail.headers.get_first_value("To").expect("to");
    assert!(
        to.contains("ana@acme.example") && to.contains("ion@acme.example"),
        "{to}"
    );
    let mut attachments = Vec::new();
    let mut text = String::new();
    fn walk(
        p: &mailparse::ParsedMail<'_>,
        attachments: &mut Vec<(String, Vec<u8>)>,
        text: &mut String,
    ) {
        let disposition = p.get_content_disposition();
        if let Some(name) = disposition.params.get("filename") {
            attachments.push((name.clone(), p.get_body_raw().expect("body")));
        } else if p.ctype.mimetype == "text/plain" {
            text.push_str(&p.get_body().expect("text"));
        }
        for s in &p.subparts {
            walk(s, attachments, text);
        }
    }
    walk(&mail, &mut attachments, &mut text);
    let pdf = attachments
        .iter()
        .find(|(n, _)| n == "acme-2026-10.pdf")
        .expect("PDF attached");
    assert!(pdf.1.starts_with(b"%PDF"));
    let html = attachments
        .iter()
        .find(|(n, _)| n == "acme-2026-10.html")
        .expect("HTML attached");
    assert!(String::from_utf8_lossy(&html.1).contains("<html"));
    assert!(
        text.contains("October 2026") && text.contains("In short"),
        "{text}"
    );
    mail.headers
        .get_first_value("Message-ID")
        .expect("message id")
}

#[test]
fn a_report_is_mailed_once_to_an_smtp_sink_with_its_pdf_and_html() {
    let ws = small_shop();
    let sink = Sink::start(false);
    add_mail_schedule(&ws, sink.port);
    let steps = run_json(&ws, "2026-11-02T10:00");
    assert_eq!(steps[0]["state"], "delivered", "{steps:?}");
    assert_eq!(
        steps[0]["delivered_to"],
        "ana@acme.example, ion@acme.example"
    );
    assert!(run_json(&ws, "2026-11-03T10:00").is_empty());
    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "sent once");
    check_message(&messages[0]);
}

#[test]
fn a_run_killed_while_sending_is_completed_once_by_the_next() {
    let ws = small_shop();
    let sink = Sink::start(true);
    add_mail_schedule(&ws, sink.port);
    // The first run renders, then hangs on a server that never answers,
    // and is killed there.
    let mut child = ws
        .command(&["--as-of", "2026-11-02T10:00", "schedule", "run"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    sink.connected
        .recv_timeout(Duration::from_secs(120))
        .expect("the run reached the mail server");
    child.kill().expect("kill");
    child.wait().expect("wait");
    let runs = archive(&ws);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["status"], "written");
    assert_eq!(runs[0]["delivery"]["state"], "delivering");
    assert!(sink.messages().is_empty());
    // The next run delivers the report already made, once.
    let steps = run_json(&ws, "2026-11-02T10:05");
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["state"], "delivered", "{steps:?}");
    assert_eq!(steps[0]["report_run"], runs[0]["id"]);
    assert!(run_json(&ws, "2026-11-02T10:10").is_empty());
    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "sent once");
    let id = check_message(&messages[0]);
    assert!(id.contains("rapport.acme.2026-10"), "{id}");
    assert_eq!(archive(&ws).len(), 1, "not rendered again");
}

#[test]
fn bad_schedules_are_refused_with_the_option_at_fault() {
    let ws = small_shop();
    let dir = ws.dir.path().join("x");
    let d = dir.to_str().expect("utf-8");
    for (args, expected) in [
        (
            vec!["--every", "month", "--day", "0", "--deliver", d],
            "--day",
        ),
        (
            vec!["--every", "month", "--at", "9am", "--deliver", d],
            "--at",
        ),
        (
            vec![
                "--every",
                "month",
                "--timezone",
                "Mars/Base",
                "--deliver",
                d,
            ],
            "--timezone",
        ),
        (
            vec![
                "--every",
                "month",
                "--deliver",
                "smtp://127.0.0.1:25",
                "--to",
                "a@b.example",
            ],
            "--from",
        ),
        (
            vec![
                "--every",
                "month",
                "--deliver",
                "smtp://u:hunter2@127.0.0.1:25",
                "--from",
                "a@b.example",
                "--to",
                "c@d.example",
            ],
            "RAPPORT_SMTP_PASSWORD",
        ),
    ] {
        let mut all = vec!["schedule", "add", "acme"];
        all.extend(args);
        let err = ws.fails(&all);
        assert!(err.contains(expected), "{all:?}: {err}");
        assert!(!err.contains("hunter2"), "{err}");
    }
    assert!(
        ws.fails(&[
            "schedule",
            "add",
            "nobody",
            "--every",
            "month",
            "--deliver",
            d
        ])
        .contains("no client `nobody`")
    );
    assert!(ws.ok(&["schedule", "list"]).contains("No schedules"));
}

#[test]
fn tls_when_asked_is_tls_or_a_failure_never_plain_text() {
    let ws = small_shop();
    // The sink speaks plain SMTP; a schedule that asks for TLS from the
    // start must fail the handshake and send nothing in the clear.
    let sink = Sink::start(false);
    ws.ok(&[
        "schedule",
        "add",
        "acme",
        "--every",
        "month",
        "--deliver",
        &format!("smtps://127.0.0.1:{}", sink.port),
        "--from",
        "reports@northwind.example",
        "--to",
        "ana@acme.example",
    ]);
    let out = ws.run(&["--as-of", "2026-11-02T10:00", "schedule", "run"]);
    assert!(!out.status.success(), "a failed delivery fails the run");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("not delivered") && said.contains("smtps://127.0.0.1"),
        "{said}"
    );
    assert!(sink.messages().is_empty());
    let runs = archive(&ws);
    assert_eq!(runs[0]["delivery"]["state"], "failed");
    // The next run tries again (and fails again, the same way).
    assert_eq!(run_json(&ws, "2026-11-02T10:05")[0]["state"], "failed");
}
