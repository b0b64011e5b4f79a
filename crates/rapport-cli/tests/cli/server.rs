//! `rapport serve` over loopback: a real server the test starts on
//! 127.0.0.1 and stops with SIGTERM, spoken to in plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::demo::demo;
use crate::support::{command_in, ok_in as ok};

/// A server the test started; killed when dropped if still running.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// A server without the scheduler (the tests that want it say so).
    fn start(ws: &Path) -> Server {
        Server::start_with(ws, &["--schedule-every", "0"])
    }

    fn start_with(ws: &Path, args: &[&str]) -> Server {
        let mut child = command_in(
            ws,
            &[&["serve", "--addr", "127.0.0.1:0"][..], args].concat(),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rapport serve");
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut first)
            .expect("the server says where it listens");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_owned();
        Server { child, addr }
    }

    /// One request; (status, headers in lower case, body).
    fn request(&self, method: &str, path: &str, token: Option<&str>) -> (u16, String, String) {
        let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
        self.raw(method, path, &auth)
    }

    /// One request with `headers` (each line ending in CRLF) as given.
    fn raw(&self, method: &str, path: &str, headers: &str) -> (u16, String, String) {
        self.send(method, path, headers, None)
    }

    /// One request with `headers` and a JSON `body`.
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &str,
        body: Option<&str>,
    ) -> (u16, String, String) {
        self.send_as(method, path, headers, body, "application/json")
    }

    /// One request with `headers` and a `body` of `content_type`.
    fn send_as(
        &self,
        method: &str,
        path: &str,
        headers: &str,
        body: Option<&str>,
        content_type: &str,
    ) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        let body = body.map_or(String::new(), |b| {
            format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{b}",
                b.len()
            )
        });
        let end = if body.is_empty() { "\r\n" } else { "" };
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n{end}{body}",
            self.addr
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        // Header names in lower case; values as sent (a cookie's case matters).
        let head = head
            .lines()
            .map(|l| match l.split_once(':') {
                Some((name, value)) => format!("{}:{value}", name.to_lowercase()),
                None => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        (status, head, body.to_owned())
    }

    fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let (status, _, body) = self.request("GET", path, token);
        let value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}"));
        (status, value)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Adds a user and returns a fresh token of theirs.
fn user_with_token(ws: &Path, email: &str, role: &[&str]) -> String {
    let mut child = command_in(
        ws,
        &[&["user", "add", email, "--password-stdin"][..], role].concat(),
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .spawn()
    .expect("user add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a long test password\n")
        .expect("password");
    assert!(child.wait().expect("user add").success());
    ok(ws, &["token", "create", email])
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

/// The demo agency with lumen's viewer and an admin: (its temporary
/// folder, the workspace, the viewer's token, the admin's token).
fn agency() -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    let viewer = user_with_token(
        &ws,
        "owner@lumen.example",
        &["--role", "viewer", "--client", "lumen"],
    );
    let admin = user_with_token(&ws, "boss@agency.example", &["--role", "admin"]);
    (tmp, ws, viewer, admin)
}

#[test]
fn the_api_answers_each_user_with_their_own_clients_only() {
    let (_tmp, ws, viewer, admin) = agency();
    let server = Server::start(&ws);

    let (status, health) = server.get("/api/health", None);
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    let (status, head, _) = server.request("GET", "/api/health", None);
    assert_eq!(status, 200);
    for header in [
        "content-security-policy: default-src 'none'",
        "x-content-type-options: nosniff",
        "x-frame-options: DENY",
        "cache-control: no-store",
    ] {
        assert!(head.contains(header), "{header} missing:\n{head}");
    }

    // Without a token, or with a wrong one: 401 in the API's error shape.
    for token in [None, Some("rpt_not-a-token"), Some("garbage")] {
        let (status, body) = server.get("/api/clients", token);
        assert_eq!(status, 401, "{token:?}: {body}");
        assert_eq!(body["error"]["kind"], "unauthorized", "{body}");
    }

    let ids = |token: &str| -> Vec<String> {
        let (status, body) = server.get("/api/clients", Some(token));
        assert_eq!(status, 200, "{body}");
        body["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .filter_map(|c| c["id"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(ids(&viewer), vec!["lumen".to_owned()]);
    // The scheme's case does not matter (RFC 9110); another scheme is 401.
    let lower = server.raw(
        "GET",
        "/api/clients",
        &format!("authorization: bearer {viewer}\r\n"),
    );
    assert_eq!(lower.0, 200, "{}", lower.2);
    let basic = server.raw(
        "GET",
        "/api/clients",
        &format!("Authorization: Basic {viewer}\r\n"),
    );
    assert_eq!(basic.0, 401, "{}", basic.2);
    assert_eq!(ids(&admin).len(), 3);

    // The viewer's metrics are the CLI's, number for number.
    let (status, api) = server.get(
        "/api/clients/lumen/metrics?period=2026-10&compare=year",
        Some(&viewer),
    );
    assert_eq!(status, 200, "{api}");
    let cli: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--compare",
            "year",
            "--format",
            "json",
        ],
    ))
    .expect("CLI JSON");
    assert_eq!(api, cli);
    // The result is kept, and a change of the client's data (here a new
    // target) is seen at once: the same JSON as the CLI's after it.
    ok(
        &ws,
        &["target", "set", "lumen", "revenue", "2026-10", "99999"],
    );
    let (_, again) = server.get(
        "/api/clients/lumen/metrics?period=2026-10&compare=year",
        Some(&viewer),
    );
    assert_ne!(again, api, "a new target changes the answer");
    let cli: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "metrics",
            "lumen",
            "--period",
            "2026-10",
            "--compare",
            "year",
            "--format",
            "json",
        ],
    ))
    .expect("CLI JSON");
    assert_eq!(again, cli);

    // Cohorts too are the CLI's.
    let (status, api) = server.get(
        "/api/clients/lumen/cohorts?by=month&reference=previous&cohorts=6",
        Some(&viewer),
    );
    assert_eq!(status, 200, "{api}");
    let cli: Value = serde_json::from_str(&ok(
        &ws,
        &[
            "cohorts",
            "lumen",
            "--by",
            "month",
            "--reference",
            "previous",
            "--cohorts",
            "6",
            "--format",
            "json",
        ],
    ))
    .expect("CLI JSON");
    assert_eq!(api, cli);
    assert_eq!(
        server
            .get("/api/clients/cloudnest/cohorts", Some(&viewer))
            .0,
        404
    );

    // Another client's data: the same 404 as a client that does not
    // exist, and nothing of it in the body.
    let (status, other) = server.get(
        "/api/clients/cloudnest/metrics?period=2026-10",
        Some(&viewer),
    );
    let (missing_status, missing) =
        server.get("/api/clients/nobody/metrics?period=2026-10", Some(&viewer));
    assert_eq!((status, missing_status), (404, 404), "{other} {missing}");
    assert_eq!(
        other["error"]["message"]
            .as_str()
            .map(|m| m.replace("cloudnest", "X")),
        missing["error"]["message"]
            .as_str()
            .map(|m| m.replace("nobody", "X"))
    );
    assert!(!other.to_string().contains("CloudNest"), "{other}");
    // The admin sees it.
    let (status, _) = server.get(
        "/api/clients/cloudnest/metrics?period=1405-07",
        Some(&admin),
    );
    assert_eq!(status, 200);

    // Bad input is a 400 naming what is wrong, never a 500.
    for (path, says) in [
        ("/api/clients/lumen/metrics?period=2026-13", "2026-13"),
        ("/api/clients/lumen/metrics", "period"),
        (
            "/api/clients/lumen/metrics?period=2026-10&color=red",
            "color",
        ),
        (
            "/api/clients/lumen/metrics?period=2026-10&compare=decade",
            "decade",
        ),
        (
            "/api/clients/lumen/metrics?period=2026-10&only=nps,npx",
            "npx",
        ),
        (
            "/api/clients/lumen/metrics?period=2026-10&segment=orders_total%20%3E%3D",
            "segment",
        ),
        ("/api/clients/lumen/cohorts?cohorts=0", "cohorts"),
        ("/api/clients/lumen/cohorts?cohorts=100000", "cohorts"),
        ("/api/clients/lumen/cohorts?by=year", "year"),
    ] {
        let (status, body) = server.get(path, Some(&viewer));
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error"]["kind"], "input", "{path}: {body}");
        let message = body["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(says), "{path}: {message}");
    }
    for (path, status) in [
        ("/api/nothing-here", 404),
        ("/api/clients/..%2F..%2Fetc/metrics?period=2026-10", 404),
    ] {
        let (got, body) = server.get(path, Some(&admin));
        assert_eq!(got, status, "{path}: {body}");
    }
    let (status, _, body) = server.request("POST", "/api/clients", Some(&admin));
    assert_eq!(status, 405, "{body}");

    // A revoked token stops at once.
    let tokens: Value = serde_json::from_str(&ok(
        &ws,
        &["token", "list", "owner@lumen.example", "--format", "json"],
    ))
    .expect("tokens");
    let id = tokens[0]["id"].as_i64().expect("id").to_string();
    ok(&ws, &["token", "revoke", &id]);
    assert_eq!(server.get("/api/clients", Some(&viewer)).0, 401);

    // SIGTERM: the server stops cleanly.
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let mut server = server;
    let exit = server.child.wait().expect("wait");
    assert!(exit.success(), "{exit:?}");
}

/// One operation of the OpenAPI document, as the sweep calls it.
struct Operation {
    method: String,
    path: String,
    access: String,
    query: String,
    body: Option<String>,
    /// Whether the body is a multipart form (an upload).
    multipart: bool,
}

/// Every operation of the server's own document, with a query of the
/// documented examples and the documented example body.
fn operations(doc: &Value) -> Vec<Operation> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let query: Vec<String> = op["parameters"]
                .as_array()
                .expect("parameters")
                .iter()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| {
                    let example = p["example"].as_str().unwrap_or("");
                    (!example.is_empty())
                        .then(|| format!("{}={example}", p["name"].as_str().unwrap_or("")))
                })
                .collect();
            all.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                access: op["x-rapport-access"].as_str().expect("access").to_owned(),
                query: if query.is_empty() {
                    String::new()
                } else {
                    format!("?{}", query.join("&"))
                },
                body: op
                    .pointer("/requestBody/content/application~1json/example")
                    .or_else(|| op.pointer("/requestBody/content/multipart~1form-data/example"))
                    .map(Value::to_string),
                multipart: op
                    .pointer("/requestBody/content/multipart~1form-data")
                    .is_some(),
            });
        }
    }
    all
}

const BOUNDARY: &str = "rapport-test-boundary";

/// A multipart form of `fields` (a JSON object of text values) and one
/// file part.
fn multipart(fields: &Value, file_name: &str, file: &str) -> String {
    let mut body = String::new();
    for (name, value) in fields.as_object().into_iter().flatten() {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned);
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{BOUNDARY}--\r\n"
    ));
    body
}

/// `path` with each `{name}` replaced by `values[name]`.
fn fill(path: &str, values: &std::collections::BTreeMap<&str, String>) -> String {
    path.split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => values
                    .get(name)
                    .unwrap_or_else(|| {
                        panic!("the sweep has no value for `{{{name}}}` in {path}: add one")
                    })
                    .clone(),
                None => segment.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// The isolation sweep (issue #22), generated from `/api/openapi.json` so
/// a new route is swept without touching this test: every route refuses
/// a caller without credentials; a viewer of one client gets 403 or 404,
/// and nothing of the other client, for the other client's ids; and an
/// admin gets a success from every route with the documented examples.
#[test]
fn every_documented_route_is_authenticated_scoped_and_works() {
    let (tmp, ws, viewer, admin) = agency();
    let out = tmp.path().join("out");
    for client in ["lumen", "cloudnest"] {
        ok(
            &ws,
            &[
                "schedule",
                "add",
                client,
                "--every",
                "month",
                "--deliver",
                out.to_str().expect("utf-8"),
            ],
        );
    }
    let schedules: Value =
        serde_json::from_str(&ok(&ws, &["schedule", "list", "--format", "json"]))
            .expect("schedules");
    let schedule_of = |client: &str| {
        schedules
            .as_array()
            .expect("schedules")
            .iter()
            .find(|s| s["client_id"] == client)
            .and_then(|s| s["id"].as_i64())
            .expect("schedule")
            .to_string()
    };
    let run_of = |client: &str| {
        let runs: Value =
            serde_json::from_str(&ok(&ws, &["report", "list", client, "--format", "json"]))
                .expect("runs");
        runs[0]["id"]
            .as_i64()
            .expect("a report of the demo")
            .to_string()
    };
    let server = Server::start(&ws);
    let (status, doc) = server.get("/api/openapi.json", None);
    assert_eq!(status, 200, "{doc}");
    assert_eq!(doc["openapi"], "3.1.0");
    let mut ops = operations(&doc);
    assert!(ops.len() >= 20, "{} operations", ops.len());

    let values = |client: &str, run: String, schedule: String| {
        // One of the client's customers: CloudNest's accounts are not
        // Lumen's shoppers.
        let customer = if client == "cloudnest" {
            "acct_0001"
        } else {
            "c00002@example.com"
        };
        std::collections::BTreeMap::from([
            ("client", client.to_owned()),
            ("customer", customer.to_owned()),
            ("run", run),
            ("file", "report.html".to_owned()),
            ("schedule", schedule),
            ("token", "1".to_owned()),
            ("email", "boss@agency.example".to_owned()),
        ])
    };
    let theirs = values("cloudnest", run_of("cloudnest"), schedule_of("cloudnest"));
    // The client's own path with the other client's ids in it.
    let mut mixed = values("lumen", run_of("cloudnest"), schedule_of("cloudnest"));
    mixed.insert("customer", "acct_0001".to_owned());
    let bearer = |token: &str| format!("Authorization: Bearer {token}\r\n");
    for op in &ops {
        let call = |values: &std::collections::BTreeMap<&str, String>, headers: &str| {
            let path = format!("{}{}", fill(&op.path, values), op.query);
            let (status, _, body) = server.send(&op.method, &path, headers, op.body.as_deref());
            (format!("{} {path}", op.method), status, body)
        };
        if op.access == "public" {
            continue;
        }
        let (what, status, body) = call(&theirs, "");
        assert_eq!(status, 401, "{what} without credentials: {body}");
        let (what, status, body) = call(&theirs, &bearer(&viewer));
        if op.access == "user" {
            assert_eq!(status, 200, "{what}: {body}");
        } else {
            assert!(
                matches!(status, 403 | 404),
                "{what} as lumen's viewer: {status} {body}"
            );
            let error: Value = serde_json::from_str(&body).expect("a JSON error");
            assert!(error["error"]["kind"].is_string(), "{what}: {body}");
            assert!(
                !body.contains("CloudNest") && !body.contains("reports/cloudnest"),
                "{what}: {body}"
            );
        }
        if op.path.starts_with("/api/clients/{client}/") && op.path.matches('{').count() > 1 {
            for token in [&viewer, &admin] {
                let (what, status, body) = call(&mixed, &bearer(token));
                assert!(
                    matches!(status, 403 | 404),
                    "{what} with cloudnest's ids: {status} {body}"
                );
                assert!(!body.contains("CloudNest"), "{what}: {body}");
            }
        }
    }

    // The admin: every route answers its documented example. Creations
    // first (a user before a token of theirs), removals last.
    ops.sort_by_key(|op| {
        let rank = match op.method.as_str() {
            "POST" => 0,
            "GET" => 1,
            _ => 2,
        };
        (rank, std::cmp::Reverse(op.path.clone()))
    });
    let mut ours = values("lumen", run_of("lumen"), schedule_of("lumen"));
    ours.insert("email", "analyst@agency.example".to_owned());
    // An upload sends one of the demo's own exports again.
    let export = std::fs::read_to_string(ws.join("exports/lumen/zendesk_tickets_export.csv"))
        .expect("the demo's export");
    for op in &ops {
        let path = format!("{}{}", fill(&op.path, &ours), op.query);
        let (status, head, body) = if op.multipart {
            let fields: Value =
                serde_json::from_str(op.body.as_deref().unwrap_or("{}")).expect("example");
            server.send_as(
                &op.method,
                &path,
                &bearer(&admin),
                Some(&multipart(&fields, "../../tickets export.csv", &export)),
                &format!("multipart/form-data; boundary={BOUNDARY}"),
            )
        } else {
            server.send(&op.method, &path, &bearer(&admin), op.body.as_deref())
        };
        assert!(
            (200..300).contains(&status),
            "{} {path} as admin: {status} {body}",
            op.method
        );
        if op.method == "POST" && op.path == "/api/tokens" {
            let made: Value = serde_json::from_str(&body).expect("token JSON");
            assert!(
                made["secret"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("rpt_"))
            );
            ours.insert(
                "token",
                made["token"]["id"].as_i64().expect("id").to_string(),
            );
        }
        if op.multipart {
            let summary: Value = serde_json::from_str(&body).expect("summary JSON");
            assert_eq!(summary["kind"], "load_summary", "{summary}");
            assert_eq!(summary["entity"], "support_tickets", "{summary}");
            // The same rows as the demo loaded: all already there, and no
            // path of the server in what the caller reads.
            assert!(!body.contains(ws.to_str().expect("utf-8")), "{body}");
            assert_eq!(summary["rows_read"], 572, "{summary}");
            assert_eq!(summary["loaded"], 0, "{summary}");
            let staged: Vec<_> = std::fs::read_dir(ws.join("uploads/lumen"))
                .expect("staged uploads")
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .flat_map(|d| {
                    std::fs::read_dir(d.path())
                        .into_iter()
                        .flatten()
                        .filter_map(Result::ok)
                })
                .map(|f| f.file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(
                staged,
                vec!["tickets_export.csv".to_owned()],
                "the name made safe"
            );
        }
        if op.path.ends_with("/{file}") {
            assert!(head.contains("content-type: text/html"), "{head}");
            assert!(body.contains("Lumen"), "the report's HTML");
        }
    }
    // Bad input anywhere is a 4xx naming what is wrong, never a 500.
    let lumen_run = run_of("lumen");
    for (method, path, body, status, says) in [
        (
            "GET",
            "/api/clients/lumen/funnel?period=2026-Q3&steps=purchase".to_owned(),
            None,
            400,
            "steps",
        ),
        (
            "GET",
            "/api/clients/lumen/funnel?period=2026-Q3&steps=a,b&window=soon".to_owned(),
            None,
            400,
            "window",
        ),
        (
            "GET",
            "/api/clients/lumen/forecast?metric=revenue&horizon=0".to_owned(),
            None,
            400,
            "horizon",
        ),
        (
            "GET",
            "/api/clients/lumen/forecast?metric=happiness".to_owned(),
            None,
            400,
            "happiness",
        ),
        (
            "GET",
            "/api/clients/lumen/predictions?margin=2".to_owned(),
            None,
            400,
            "margin",
        ),
        (
            "GET",
            "/api/clients/lumen/predictions?model=magic".to_owned(),
            None,
            400,
            "magic",
        ),
        (
            "GET",
            "/api/clients/lumen/loads?entity=planets".to_owned(),
            None,
            400,
            "planets",
        ),
        (
            "GET",
            format!("/api/clients/lumen/reports/{lumen_run}/..%2F..%2Frapport.toml"),
            None,
            404,
            "report.html",
        ),
        (
            "GET",
            "/api/clients/lumen/reports/x/report.pdf".to_owned(),
            None,
            404,
            "x",
        ),
        (
            "POST",
            format!("/api/clients/lumen/reports/{lumen_run}/feedback"),
            Some(r#"{"rating": 9}"#),
            400,
            "rating",
        ),
        (
            "POST",
            format!("/api/clients/lumen/reports/{lumen_run}/feedback"),
            Some(r#"{"rating": 4, "mood": "ok"}"#),
            400,
            "mood",
        ),
        (
            "POST",
            format!("/api/clients/lumen/reports/{lumen_run}/feedback"),
            Some(r#"{"rating": "#),
            400,
            "EOF",
        ),
        (
            "POST",
            "/api/clients/lumen/reports".to_owned(),
            Some(r#"{"period": "2026-W41"}"#),
            400,
            "2026-W41",
        ),
        (
            "POST",
            "/api/users".to_owned(),
            Some(
                r#"{"email": "x@y.example", "role": "king", "password": "a long enough password"}"#,
            ),
            400,
            "king",
        ),
        (
            "POST",
            "/api/users".to_owned(),
            Some(r#"{"email": "x@y.example", "role": "viewer", "password": "short"}"#),
            400,
            "12 characters",
        ),
        (
            "POST",
            "/api/tokens".to_owned(),
            Some(r#"{"email": "boss@agency.example", "expires": "yesterday"}"#),
            400,
            "yesterday",
        ),
        (
            "DELETE",
            "/api/users/boss@agency.example".to_owned(),
            None,
            409,
            "themselves",
        ),
    ] {
        let (got, _, text) = server.send(method, &path, &bearer(&admin), body);
        assert_eq!(got, status, "{method} {path}: {text}");
        assert!(text.contains(says), "{method} {path}: {text}");
    }
    let big = format!(
        r#"{{"rating": 4, "comment": "{}"}}"#,
        "x".repeat(2 * 1024 * 1024)
    );
    let (got, _, text) = server.send(
        "POST",
        &format!("/api/clients/lumen/reports/{lumen_run}/feedback"),
        &bearer(&viewer),
        Some(&big),
    );
    assert_eq!(got, 413, "{text}");

    // What the admin did is in the audit log, with who did it.
    let (_, audit) = server.get("/api/audit?limit=50", Some(&admin));
    let actions: Vec<&str> = audit
        .as_array()
        .expect("audit")
        .iter()
        .filter(|e| e["actor"] == "boss@agency.example")
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "upload-loaded",
        "user-added",
        "token-created",
        "report-made",
        "report-downloaded",
        "feedback-given",
        "schedule-removed",
        "token-revoked",
        "user-removed",
    ] {
        assert!(actions.contains(&action), "{action} not in {actions:?}");
    }
}

/// A header's value in a response head (lower-cased), if there.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

/// The `value` of the hidden field `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    page.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {name} field in the page"))
        .to_owned()
}

/// The web pages as a browser uses them, over loopback: sign-in (throttled,
/// audited, refused from another site), the session cookie, the dashboard
/// in two languages, another client's page refused, the archive, a
/// download, feedback with and without its anti-forgery token, sign-out.
#[test]
fn the_web_pages_sign_in_show_the_dashboard_and_take_feedback() {
    let (_tmp, ws, _viewer, admin) = agency();
    let server = Server::start(&ws);
    let form = |path: &str, headers: &str, body: &str| {
        server.send_as(
            "POST",
            path,
            headers,
            Some(body),
            "application/x-www-form-urlencoded",
        )
    };

    // Not signed in: to the sign-in page, which says where to come back.
    let (status, head, _) = server.raw("GET", "/c/lumen?period=2026-10", "");
    assert_eq!(status, 303);
    assert_eq!(
        header(&head, "location"),
        Some("/login?next=%2Fc%2Flumen%3Fperiod%3D2026-10")
    );
    let (status, head, page) = server.raw("GET", "/login?lang=ro", "");
    assert_eq!(status, 200);
    assert!(
        page.contains("Autentificare") && page.contains("lang=\"ro\""),
        "{page}"
    );
    let policy = header(&head, "content-security-policy").expect("a policy");
    assert!(
        !policy.contains("script") && policy.contains("default-src 'none'"),
        "{policy}"
    );

    // Wrong passwords: refused in words, audited, then throttled.
    let wrong = "email=owner%40lumen.example&password=not+the+password";
    let (status, _, page) = form("/login", "", wrong);
    assert_eq!(status, 401);
    assert!(page.contains("do not match"), "{page}");
    for _ in 0..4 {
        form("/login", "", wrong);
    }
    let right = "email=owner%40lumen.example&password=a+long+test+password&next=%2Fc%2Flumen";
    let (status, _, page) = form("/login", "", right);
    assert_eq!(status, 429, "{page}");
    assert!(page.contains("Too many"), "{page}");

    // Another user signs in; a POST from another site is refused.
    let (status, _, _) = form(
        "/login",
        "Origin: http://evil.example\r\n",
        "email=boss%40agency.example&password=a+long+test+password",
    );
    assert_eq!(status, 403);
    let (status, head, _) = form(
        "/login",
        &format!("Origin: http://{}\r\n", server.addr),
        "email=boss%40agency.example&password=a+long+test+password&next=%2F%2Fevil.example",
    );
    assert_eq!(status, 303);
    assert_eq!(header(&head, "location"), Some("/"), "no open redirect");
    let set = header(&head, "set-cookie").expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let session = set
        .split(';')
        .next()
        .and_then(|c| c.split_once('='))
        .map(|(_, v)| v.to_owned())
        .expect("cookie value");
    let cookie = format!("Cookie: rapport_session={session}\r\n");

    // The admin's home lists the clients; a dashboard is the report's page
    // with the bar, in the language asked for.
    let (status, _, page) = server.raw("GET", "/", &cookie);
    assert_eq!(status, 200);
    assert!(
        page.contains("/c/cloudnest") && page.contains("/c/lumen"),
        "{page}"
    );
    let (status, head, page) = server.raw("GET", "/c/lumen?period=2026-10&lang=fa", &cookie);
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("dir=\"rtl\"") && page.contains("class=\"bar\""),
        "{page:.300}"
    );
    assert!(head.contains("set-cookie: rapport_lang=fa"), "{head}");
    assert!(!page.contains("<script"), "no script on a page");
    let (status, _, page) = server.raw("GET", "/c/lumen?period=2026-10&lang=en", &cookie);
    assert_eq!(status, 200);
    assert!(
        page.contains("Lumen Home") && page.contains("October 2026"),
        "{page:.300}"
    );
    let (status, _, page) = server.raw("GET", "/c/lumen?period=soon", &cookie);
    assert_eq!(status, 400, "{page:.300}");
    let (status, _, page) = server.raw("GET", "/c/lumen?period=soon&lang=ro", &cookie);
    assert_eq!(status, 400, "{page:.300}");
    assert!(page.contains("nu este o perioadă"), "{page}");
    // The compare picker: October against an earlier month, offered only
    // earlier periods; a later one falls back to the month before.
    let (status, _, page) = server.raw(
        "GET",
        "/c/lumen?period=2026-10&compare=2026-07&lang=en",
        &cookie,
    );
    assert_eq!(status, 200, "{page:.300}");
    assert!(
        page.contains("<option value=\"2026-07\" selected>")
            && page.contains("Compared with:")
            && page.contains("from July 2026"),
        "{page:.300}"
    );
    let offered = page
        .split("id=\"compare\"")
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .expect("the compare picker");
    assert!(
        offered.contains("\"2026-09\"")
            && !offered.contains("\"2026-10\"")
            && !offered.contains("\"2026-11\""),
        "only earlier periods are offered: {offered}"
    );
    let (status, _, page) = server.raw(
        "GET",
        "/c/lumen?period=2026-07&compare=2026-10&lang=en",
        &cookie,
    );
    assert_eq!(status, 200, "{page:.300}");
    assert!(
        page.contains("Previous period:") && page.contains("from June 2026"),
        "{page:.300}"
    );

    // The archive: downloads, and feedback only with the form's token.
    let (status, _, page) = server.raw("GET", "/c/lumen/reports", &cookie);
    assert_eq!(status, 200);
    let run = page
        .split("/c/lumen/reports/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("a report in the archive")
        .to_owned();
    let (status, head, pdf) = server.raw(
        "GET",
        &format!("/c/lumen/reports/{run}/report.pdf"),
        &cookie,
    );
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/pdf") && pdf.starts_with("%PDF"));
    // The feedback link a report carries leads to it in the archive.
    let (status, head, _) = server.raw(
        "GET",
        &format!("/clients/lumen/reports/{run}/feedback"),
        &cookie,
    );
    let anchor = format!("/c/lumen/reports#report-{run}");
    assert_eq!(
        (status, header(&head, "location")),
        (303, Some(anchor.as_str()))
    );
    let csrf = hidden(&page, "csrf");
    let path = format!("/c/lumen/reports/{run}/feedback");
    let (status, _, _) = form(&path, &cookie, "rating=4&comment=forged&csrf=0000");
    assert_eq!(status, 403);
    let (status, head, _) = form(
        &path,
        &cookie,
        &format!("rating=4&comment=More+on+channels&csrf={csrf}"),
    );
    assert_eq!(status, 303);
    assert_eq!(
        header(&head, "location"),
        Some(format!("/c/lumen/reports?sent={run}").as_str())
    );
    let given: Value =
        serde_json::from_str(&ok(&ws, &["feedback", "list", "lumen", "--format", "json"]))
            .expect("feedback");
    let comments: Vec<&str> = given
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|f| f["comment"].as_str())
        .collect();
    assert_eq!(comments, vec!["More on channels"]);

    // An upload: checked first (the preset it matches), loaded when asked.
    let (status, _, page) = server.raw("GET", "/c/lumen/upload", &cookie);
    assert_eq!(status, 200, "{page:.300}");
    let csrf = hidden(&page, "csrf");
    // Checks one of the demo's exports as `name`: the preview page and
    // the id of the upload it staged.
    let check = |export: &str, name: &str| {
        let export = std::fs::read_to_string(ws.join("exports/lumen").join(export))
            .expect("the demo's export");
        let fields = serde_json::json!({ "csrf": csrf, "entity": "" });
        let (status, _, page) = server.send_as(
            "POST",
            "/c/lumen/upload",
            &cookie,
            Some(&multipart(&fields, name, &export)),
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        );
        assert_eq!(status, 200, "{page:.500}");
        let id = page
            .split("/c/lumen/upload/")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("the load form")
            .to_owned();
        (page, id)
    };
    let load = |id: &str| {
        form(
            &format!("/c/lumen/upload/{id}"),
            &cookie,
            &format!("csrf={csrf}"),
        )
    };
    let (page, id) = check("zendesk_tickets_export.csv", "tickets.csv");
    assert!(
        page.contains("tickets.csv") && page.contains("zendesk"),
        "{page}"
    );
    let loads_before = ok(&ws, &["loads", "lumen", "--format", "json"]);
    let (status, _, page) = load(&id);
    assert_eq!(status, 200, "{page:.500}");
    assert!(page.contains("572"), "the summary: {page}");
    let loads_after = ok(&ws, &["loads", "lumen", "--format", "json"]);
    assert!(
        loads_after.len() > loads_before.len(),
        "a load was recorded"
    );
    // Pressed again (or replayed): refused, nothing loads twice.
    let (status, _, page) = load(&id);
    assert_eq!(status, 409, "{page:.500}");
    assert!(page.contains("loaded already"), "{page}");
    assert_eq!(
        ok(&ws, &["loads", "lumen", "--format", "json"]),
        loads_after
    );
    // A Shopify export fills orders, their items and customers: the
    // summary accounts for each.
    let (_, id) = check("shopify_orders_export.csv", "shop.csv");
    let (status, _, page) = load(&id);
    assert_eq!(status, 200, "{page:.500}");
    // (The page escapes the slash of `lumen/orders`.)
    for entity in [
        "&#x2f;orders from shopify",
        "&#x2f;order_items from shopify",
        "&#x2f;customers from shopify",
    ] {
        assert!(page.contains(entity), "{entity} in {page}");
    }
    // A forged check is refused and stages nothing; a file no preset
    // reads comes back to the form with why and the closest presets, in
    // the reader's language.
    for (token, path, status) in [
        ("0", "/c/lumen/upload", 403),
        (csrf.as_str(), "/c/lumen/upload?lang=ro", 400),
    ] {
        let (got, _, page) = server.send_as(
            "POST",
            path,
            &cookie,
            Some(&multipart(
                &serde_json::json!({ "csrf": token, "entity": "" }),
                "x.csv",
                "a,b\n1,2\n",
            )),
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        );
        assert_eq!(got, status, "{page:.500}");
        if status == 400 {
            assert!(
                page.contains("Niciun șablon nu citește `x.csv`")
                    && page.contains("Cele mai apropiate șabloane")
                    && page.contains("type=\"file\""),
                "{page}"
            );
            assert!(!page.contains("uploads"), "no server folder: {page}");
        }
    }

    // Schedules: listed in words, added through the page's form (only
    // with its token), removed.
    let (status, _, page) = server.raw("GET", "/c/lumen/schedules?lang=en", &cookie);
    assert_eq!(status, 200, "{page:.300}");
    let before = page.matches("id=\"schedule-").count();
    let add = "every=quarter&day=3&at=09%3A30&deliver=smtp%3A%2F%2F127.0.0.1%3A2525&to=owner%40lumen.example%2C+cfo%40lumen.example&from=reports%40agency.example&lang=ro&approval=on";
    let (status, _, _) = form("/c/lumen/schedules", &cookie, &format!("{add}&csrf=0"));
    assert_eq!(status, 403, "a forged form adds nothing");
    let (status, head, page) = form("/c/lumen/schedules", &cookie, &format!("{add}&csrf={csrf}"));
    assert_eq!(
        status,
        303,
        "{}",
        page.split("role=\"alert\">").nth(1).unwrap_or(&page)
    );
    let added = header(&head, "location")
        .and_then(|l| l.strip_prefix("/c/lumen/schedules?added="))
        .expect("back to the list")
        .to_owned();
    let listed: Value = serde_json::from_str(&ok(&ws, &["schedule", "list", "--format", "json"]))
        .expect("schedules");
    let made = listed
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(added.as_str()))
        .expect("the new schedule in the catalog");
    assert_eq!(made["every"], "quarter");
    assert_eq!(made["day"], 3);
    assert_eq!(made["at"], "09:30");
    assert_eq!(made["approval"], true);
    assert_eq!(made["language"], "ro");
    assert_eq!(made["mail_to"][1], "cfo@lumen.example");
    let (_, _, page) = server.raw("GET", "/c/lumen/schedules?added=1&lang=en", &cookie);
    assert!(page.contains("The schedule was added."), "{page:.300}");
    assert_eq!(page.matches("id=\"schedule-").count(), before + 1);
    assert!(page.contains("quarterly, day 3 at 09:30"), "{page:.300}");
    let (status, _, page) = form(
        "/c/lumen/schedules",
        &cookie,
        &format!(
            "every=month&deliver=smtp%3A%2F%2F127.0.0.1%3A2525&from=a%40b.example&at=25%3A00&csrf={csrf}"
        ),
    );
    assert_eq!(status, 400, "a bad time is named: {page:.300}");
    // The library's words, in the reader's language on the page, and in
    // English naming the field (not the CLI's flag) in the API.
    let (status, _, page) = form(
        "/c/lumen/schedules?lang=fa",
        &cookie,
        &format!(
            "every=month&deliver=smtp%3A%2F%2F127.0.0.1%3A2525&from=a%40b.example&at=25%3A00&csrf={csrf}"
        ),
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("dir=\"rtl\"") && page.contains("زمانی مانند 08:00 نیست"),
        "{page}"
    );
    assert!(
        page.contains("value=\"25:00\"") && page.contains("value=\"a@b.example\""),
        "the form comes back as it was typed: {page}"
    );
    let (status, _, page) = form(
        "/c/lumen/schedules?lang=ro",
        &cookie,
        &format!("every=month&deliver=smtp%3A%2F%2F127.0.0.1%3A2525&to=a%40b.example&csrf={csrf}"),
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("are nevoie de adresa expeditorului"),
        "{page}"
    );
    let (status, _, body) = server.send(
        "POST",
        "/api/clients/lumen/schedules",
        &format!("Authorization: Bearer {admin}\r\n"),
        Some(r#"{"every":"month","deliver":"smtp://127.0.0.1:2525","to":["a@b.example"]}"#),
    );
    assert_eq!(status, 400, "{body}");
    let error: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        error["error"]["message"],
        "from: an e-mailed report needs a sender address"
    );
    let (status, _, _) = form(
        &format!("/c/lumen/schedules/{added}/remove"),
        &cookie,
        &format!("csrf={csrf}"),
    );
    assert_eq!(status, 303);
    let (_, _, page) = server.raw("GET", "/c/lumen/schedules", &cookie);
    assert_eq!(page.matches("id=\"schedule-").count(), before);

    // The viewer's session reaches no other client.
    let (status, head, _) = form(
        "/login",
        "",
        "email=owner%40lumen.example&password=a+long+test+password",
    );
    // Still throttled for that e-mail (a quarter of an hour).
    assert_eq!(status, 429, "{head}");

    // Sign-out ends the session at once.
    let (status, _, _) = form("/logout", &cookie, &format!("csrf={csrf}"));
    assert_eq!(status, 303);
    let (status, head, _) = server.raw("GET", "/", &cookie);
    assert_eq!(
        (status, header(&head, "location")),
        (303, Some("/login?next=%2F"))
    );

    // Sign-ins, failures, throttling and downloads are in the audit log.
    let (_, audit) = server.get("/api/audit?limit=100", Some(&admin));
    let actions: Vec<String> = audit
        .as_array()
        .expect("audit")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["actor"].as_str().unwrap_or(""),
                e["action"].as_str().unwrap_or("")
            )
        })
        .collect();
    for expected in [
        "owner@lumen.example sign-in-failed",
        "owner@lumen.example sign-in-throttled",
        "boss@agency.example signed-in",
        "boss@agency.example report-downloaded",
        "boss@agency.example feedback-given",
        "boss@agency.example signed-out",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} not in {actions:?}"
        );
    }
}

/// A viewer signed in on the web sees their own client only.
#[test]
fn a_viewers_session_reaches_their_client_only() {
    let (_tmp, ws, _viewer, _admin) = agency();
    let server = Server::start(&ws);
    let (status, head, _) = server.send_as(
        "POST",
        "/login",
        "",
        Some("email=owner%40lumen.example&password=a+long+test+password"),
        "application/x-www-form-urlencoded",
    );
    assert_eq!(status, 303);
    let session = header(&head, "set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("cookie")
        .to_owned();
    let cookie = format!("Cookie: {session}\r\n");
    let (status, head, _) = server.raw("GET", "/", &cookie);
    assert_eq!((status, header(&head, "location")), (303, Some("/c/lumen")));
    let (status, _, page) = server.raw("GET", "/c/lumen/upload", &cookie);
    assert_eq!(status, 403, "a viewer does not upload: {page:.300}");
    let (status, _, page) = server.raw("GET", "/c/lumen/schedules", &cookie);
    assert_eq!(status, 403, "a viewer does not schedule: {page:.300}");
    let (status, _, page) = server.raw("GET", "/c/lumen/customers?find=acct_0001", &cookie);
    assert_eq!(status, 404, "another client's customer: {page:.300}");
    for path in [
        "/c/cloudnest",
        "/c/cloudnest/customers?find=acct_0001",
        "/c/cloudnest/schedules",
        "/c/cloudnest/reports",
        "/c/cloudnest/reports/1/report.pdf",
        "/c/nobody",
    ] {
        let (status, _, page) = server.raw("GET", path, &cookie);
        assert_eq!(status, 404, "{path}: {page:.300}");
        assert!(!page.contains("CloudNest"), "{path}");
    }
    let (status, _, page) = server.raw(
        "GET",
        "/c/lumen/reports/1/..%2F..%2F..%2Frapport.toml",
        &cookie,
    );
    assert_eq!(status, 404, "{page:.300}");
}

impl Server {
    /// Signs `email` in with the test password: the `Cookie:` header line
    /// its pages send.
    fn sign_in(&self, email: &str) -> String {
        let body =
            serde_urlencoded::to_string([("email", email), ("password", "a long test password")])
                .expect("form");
        let (status, head, page) = self.send_as(
            "POST",
            "/login",
            "",
            Some(&body),
            "application/x-www-form-urlencoded",
        );
        assert_eq!(status, 303, "{email} signs in: {page:.300}");
        let session = header(&head, "set-cookie")
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_owned();
        format!("Cookie: {session}\r\n")
    }

    /// A form's POST from this server's own page.
    fn post_form(
        &self,
        path: &str,
        cookie: &str,
        fields: &[(&str, &str)],
    ) -> (u16, String, String) {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send_as(
            "POST",
            path,
            &format!("{cookie}Origin: http://{}\r\n", self.addr),
            Some(&body),
            "application/x-www-form-urlencoded",
        )
    }
}

/// The admins' pages: people added (with the CLI's checks, the form kept
/// on an error) and removed, an API token made (its secret shown once and
/// never cached), used and revoked, and the audit log in Persian; a
/// viewer reaches none of it.
#[test]
fn an_admin_manages_people_and_tokens_and_reads_the_audit_log_on_the_web() {
    let (_tmp, ws, _viewer, _admin) = agency();
    let server = Server::start(&ws);
    let viewer = server.sign_in("owner@lumen.example");
    for path in ["/admin/people", "/admin/audit"] {
        let (status, _, page) = server.raw("GET", path, &viewer);
        assert_eq!(status, 403, "{path}: {page:.300}");
        assert!(!page.contains("boss@agency.example"), "{path}");
    }
    let (_, _, page) = server.raw("GET", "/c/lumen/reports", &viewer);
    let csrf = hidden(&page, "csrf");
    let (status, _, _) = server.post_form(
        "/admin/tokens",
        &viewer,
        &[("csrf", &csrf), ("email", "owner@lumen.example")],
    );
    assert_eq!(status, 403, "a viewer makes no token");

    let admin = server.sign_in("boss@agency.example");
    let (status, _, page) = server.raw("GET", "/admin/people?lang=en", &admin);
    assert_eq!(status, 200, "{page:.300}");
    assert!(
        page.contains("owner@lumen.example")
            && page.contains("client viewer")
            && page.contains("boss@agency.example</bdi> (you)"),
        "{page}"
    );
    let csrf = hidden(&page, "csrf");
    let person = |password: &'static str, role: &'static str, clients: &[&'static str]| {
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("email", "ana@agency.example"),
            ("role", role),
            ("password", password),
        ];
        fields.extend(clients.iter().map(|c| ("client", *c)));
        server.post_form("/admin/people", &admin, &fields)
    };
    // Without the form's token: refused, nothing added.
    let (status, _, _) = server.post_form(
        "/admin/people",
        &admin,
        &[
            ("email", "ana@agency.example"),
            ("role", "admin"),
            ("password", "a long test password"),
        ],
    );
    assert_eq!(status, 403);
    let (status, _, page) = person("short", "analyst", &["lumen"]);
    assert_eq!(status, 400);
    assert!(page.contains("at least 12 characters"), "{page}");
    assert!(
        page.contains("value=\"ana@agency.example\"") && page.contains("value=\"lumen\" checked"),
        "what was typed is kept: {page}"
    );
    let (status, _, page) = person("a long test password", "viewer", &["lumen", "cloudnest"]);
    assert_eq!(status, 400);
    assert!(page.contains("exactly one"), "{page}");
    // In the reader's language, with their digits.
    let (status, _, page) = server.post_form(
        "/admin/people?lang=fa",
        &admin,
        &[
            ("csrf", &csrf),
            ("email", "ana@agency.example"),
            ("role", "analyst"),
            ("client", "lumen"),
            ("password", "short"),
        ],
    );
    assert_eq!(status, 400);
    assert!(
        page.contains("گذرواژه دست‌کم") && page.contains("۱۲"),
        "{page}"
    );
    let (status, head, _) = person("a long test password", "analyst", &["lumen", "cloudnest"]);
    assert_eq!(status, 303);
    let to = header(&head, "location").expect("to the list").to_owned();
    let (_, _, page) = server.raw("GET", &to, &admin);
    assert!(page.contains("ana@agency.example was added."), "{page}");
    let users: Value =
        serde_json::from_str(&ok(&ws, &["user", "list", "--format", "json"])).expect("JSON");
    let ana = users
        .as_array()
        .and_then(|u| u.iter().find(|u| u["email"] == "ana@agency.example"))
        .expect("ana is a user");
    assert_eq!(ana["role"], "analyst");
    assert_eq!(ana["clients"], serde_json::json!(["cloudnest", "lumen"]));
    // A link cannot make the page claim a change that did not happen.
    let (_, _, page) = server.raw("GET", "/admin/people?added=ghost%40evil.example", &admin);
    assert!(!page.contains("ghost@evil.example"), "{page}");

    // A token for ana: shown once, not cached, working until revoked.
    let (status, head, page) = server.post_form(
        "/admin/tokens",
        &admin,
        &[
            ("csrf", &csrf),
            ("email", "ana@agency.example"),
            ("label", "a script"),
            ("expires", "30d"),
        ],
    );
    assert_eq!(status, 201, "{page:.300}");
    assert_eq!(header(&head, "cache-control"), Some("no-store"));
    let secret = page
        .split("rpt_")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .map(|s| format!("rpt_{s}"))
        .expect("the secret is on the page");
    let (status, clients) = server.get("/api/clients", Some(&secret));
    assert_eq!(status, 200);
    assert_eq!(
        clients["clients"].as_array().map(Vec::len),
        Some(2),
        "{clients}"
    );
    let (_, _, page) = server.raw("GET", "/admin/people", &admin);
    assert!(!page.contains(&secret), "the secret is shown once");
    let tokens: Value = serde_json::from_str(&ok(
        &ws,
        &["token", "list", "ana@agency.example", "--format", "json"],
    ))
    .expect("JSON");
    let id = tokens[0]["id"].as_i64().expect("an id").to_string();
    assert_eq!(tokens[0]["label"], "a script");
    let (status, _, page) = server.post_form(
        "/admin/tokens",
        &admin,
        &[
            ("csrf", &csrf),
            ("email", "ana@agency.example"),
            ("expires", "someday"),
        ],
    );
    assert_eq!(status, 400, "{page:.300}");
    assert!(page.contains("value=\"someday\""), "kept: {page}");
    let (status, head, _) = server.post_form(
        "/admin/tokens/revoke",
        &admin,
        &[("csrf", &csrf), ("id", &id)],
    );
    assert_eq!(status, 303);
    let (_, _, page) = server.raw("GET", header(&head, "location").expect("back"), &admin);
    assert!(page.contains(&format!("Token {id} was revoked.")), "{page}");
    let (status, _, _) = server.request("GET", "/api/clients", Some(&secret));
    assert_eq!(status, 401);

    // An admin cannot remove themselves; ana goes, and cannot sign in.
    let (status, _, _) = server.post_form(
        "/admin/people/remove",
        &admin,
        &[("csrf", &csrf), ("email", "BOSS@agency.example")],
    );
    assert_eq!(status, 409);
    let (status, _, _) = server.post_form(
        "/admin/people/remove",
        &admin,
        &[("csrf", &csrf), ("email", "ana@agency.example")],
    );
    assert_eq!(status, 303);
    let (status, _, _) = server.send_as(
        "POST",
        "/login",
        "",
        Some("email=ana%40agency.example&password=a+long+test+password"),
        "application/x-www-form-urlencoded",
    );
    assert_eq!(status, 401);

    // The audit log: on the page in Persian, and from the CLI.
    let (status, _, page) = server.raw("GET", "/admin/audit?lang=fa", &admin);
    assert_eq!(status, 200);
    assert!(
        page.contains("dir=\"rtl\"")
            && page.contains("فردی را افزود")
            && page.contains("توکنی را باطل کرد"),
        "{page}"
    );
    let csv = ok(&ws, &["audit", "--limit", "20", "--format", "csv"]);
    for (action, target) in [
        ("user-added", "ana@agency.example"),
        ("token-created", "ana@agency.example"),
        ("token-revoked", &format!("ana@agency.example #{id}")[..]),
        ("user-removed", "ana@agency.example"),
    ] {
        let line = format!(",boss@agency.example,{action},{target},web");
        assert!(csv.contains(&line), "{line} in {csv}");
    }
    let table = ok(&ws, &["audit", "--limit", "3"]);
    assert!(table.contains("removed a person"), "{table}");
}

/// `--as-of`: a server shows a workspace as of a fixed day (a demo whose
/// data ends before today): the dashboard's default period and the
/// periods it offers end there.
#[test]
fn a_server_reads_the_workspace_as_of_the_day_given() {
    let (_tmp, ws, _viewer, _admin) = agency();
    let server = Server::start_with(&ws, &["--schedule-every", "0", "--as-of", "2026-08-15"]);
    let cookie = server.sign_in("owner@lumen.example");
    let (status, _, page) = server.raw("GET", "/c/lumen?lang=en", &cookie);
    assert_eq!(status, 200, "{page:.300}");
    assert!(
        page.contains("<option value=\"2026-Q2\" selected>"),
        "the quarter before the day: {page:.2000}"
    );
    assert!(!page.contains("value=\"2026-Q3\""), "nothing after the day");
}

#[test]
fn each_user_has_their_own_request_rate() {
    let (_tmp, ws, viewer, admin) = agency();
    let server = Server::start_with(&ws, &["--schedule-every", "0", "--rate-limit", "3"]);
    let statuses: Vec<(u16, String, String)> = (0..12)
        .map(|_| server.request("GET", "/api/clients", Some(&viewer)))
        .collect();
    let limited: Vec<_> = statuses.iter().filter(|(s, _, _)| *s == 429).collect();
    assert!(
        !limited.is_empty() && statuses[0].0 == 200,
        "{:?}",
        statuses.iter().map(|s| s.0).collect::<Vec<_>>()
    );
    let (_, head, body) = limited[0];
    assert!(head.contains("retry-after: 1"), "{head}");
    let error: Value = serde_json::from_str(body).expect("a JSON error");
    assert_eq!(error["error"]["kind"], "rate_limited", "{body}");
    // Another user's allowance is their own.
    let (status, _, _) = server.request("GET", "/api/clients", Some(&admin));
    assert_eq!(status, 200);
    // The allowance comes back with time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (status, _, _) = server.request("GET", "/api/clients", Some(&viewer));
    assert_eq!(status, 200);
}

/// The scheduler inside the server: a report that falls due is made and
/// delivered by one of two servers sharing the workspace, once.
#[test]
fn two_servers_deliver_a_due_report_once() {
    let (tmp, ws, _viewer, _admin) = agency();
    let out = tmp.path().join("delivered");
    ok(
        &ws,
        &[
            "schedule",
            "add",
            "lumen",
            "--every",
            "month",
            "--deliver",
            out.to_str().expect("utf-8"),
        ],
    );
    let servers = [
        Server::start_with(&ws, &["--schedule-every", "1"]),
        Server::start_with(&ws, &["--schedule-every", "1"]),
    ];
    let delivered = || -> Vec<Value> {
        let runs: Value =
            serde_json::from_str(&ok(&ws, &["report", "list", "lumen", "--format", "json"]))
                .expect("archive");
        runs.as_array()
            .expect("runs")
            .iter()
            .filter(|r| r["delivery"]["state"] == "delivered")
            .cloned()
            .collect()
    };
    let started = std::time::Instant::now();
    while delivered().is_empty() {
        assert!(
            started.elapsed().as_secs() < 180,
            "nothing delivered in 3 minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    // Several more passes of both servers: still one.
    std::thread::sleep(std::time::Duration::from_secs(4));
    let once = delivered();
    assert_eq!(once.len(), 1, "{once:?}");
    let files: Vec<_> = walk(&out);
    assert_eq!(
        files.iter().filter(|f| f.ends_with("report.pdf")).count(),
        1,
        "{files:?}"
    );
    // And `rapport schedule run` afterwards finds nothing to do.
    let steps: Value =
        serde_json::from_str(&ok(&ws, &["schedule", "run", "--format", "json"])).expect("steps");
    assert_eq!(steps.as_array().map(Vec::len), Some(0), "{steps}");
    drop(servers);
}

/// Every file under `dir`, as paths.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

/// A plain HTTP/1.1 exchange with `addr` (WebDriver speaks JSON over it);
/// the answer is read by its length, as the driver keeps connections open.
fn http_json(addr: &str, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let stream = TcpStream::connect(addr).expect("connect to chromedriver");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .expect("timeout");
    let mut reader = BufReader::new(stream);
    write!(
        reader.get_mut(),
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read a header");
        let l = line.trim_end().to_lowercase();
        if l.is_empty() {
            break;
        }
        if let Some(v) = l.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        if l.starts_with("transfer-encoding:") && l.contains("chunked") {
            chunked = true;
        }
    }
    let mut out = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).expect("a chunk size");
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).expect("a chunk");
            out.extend_from_slice(&chunk[..n]);
        }
    } else {
        out.resize(length.unwrap_or(0), 0);
        reader.read_exact(&mut out).expect("the body");
    }
    serde_json::from_slice(&out).unwrap_or_else(|e| {
        panic!(
            "{method} {path}: not JSON ({e}): {:.500}",
            String::from_utf8_lossy(&out)
        )
    })
}

/// A headless Chromium driven over WebDriver (Debian's `chromedriver`),
/// stopped when dropped.
struct Browser {
    driver: Child,
    addr: String,
    session: String,
    shots: std::path::PathBuf,
}

impl Browser {
    fn start(shots: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver; scripts/test installs it)");
        let addr = format!("127.0.0.1:{port}");
        let started = std::time::Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(
                started.elapsed().as_secs() < 20,
                "chromedriver did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let made = http_json(
            &addr,
            "POST",
            "/session",
            Some(&serde_json::json!({ "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1400"],
                },
            }}})),
        );
        let session = made["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {made}"))
            .to_owned();
        std::fs::create_dir_all(shots).expect("screenshot folder");
        Browser {
            driver,
            addr,
            session,
            shots: shots.to_owned(),
        }
    }

    fn call(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        let v = http_json(
            &self.addr,
            method,
            &format!("/session/{}{what}", self.session),
            body.as_ref(),
        );
        assert!(v["value"]["error"].is_null(), "{method} {what}: {v}");
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(serde_json::json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn source(&self) -> String {
        self.call("GET", "/source", None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(serde_json::json!({ "using": "css selector", "value": css })),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_owned()
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/click"),
            Some(serde_json::json!({})),
        );
    }

    fn type_in(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(serde_json::json!({ "text": text })),
        );
    }

    /// Waits until the address contains `part`.
    fn wait_for(&self, part: &str) {
        let started = std::time::Instant::now();
        while !self.url().contains(part) {
            assert!(
                started.elapsed().as_secs() < 60,
                "never reached {part}; at {}",
                self.url()
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    /// Waits until the address no longer contains `part` (a form sent).
    fn wait_away(&self, part: &str) {
        let started = std::time::Instant::now();
        while self.url().contains(part) {
            assert!(
                started.elapsed().as_secs() < 60,
                "still at {}: {}",
                self.url(),
                self.main_text()
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    /// Fills the sign-in form and waits until the page leaves it.
    fn sign_in(&self, email: &str) {
        self.type_in("#email", email);
        self.type_in("#password", "a long test password\n");
        self.wait_away("/login");
    }

    /// The page's main content, for a failure's message.
    fn main_text(&self) -> String {
        let source = self.source();
        let start = source.find("id=\"content\"").unwrap_or(0);
        source[start..].chars().take(800).collect()
    }

    fn screenshot(&self, name: &str) {
        use base64::Engine as _;
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or(""))
            .expect("a PNG");
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{name}: a blank screenshot?"
        );
        std::fs::write(self.shots.join(format!("{name}.png")), bytes).expect("write");
    }

    /// Console messages at error level (a blocked resource, a policy
    /// violation, a failed request).
    fn console_errors(&self) -> Vec<String> {
        let log = self.call(
            "POST",
            "/se/log",
            Some(serde_json::json!({ "type": "browser" })),
        );
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .filter_map(|e| e["message"].as_str().map(str::to_owned))
            .collect()
    }

    fn session_cookie(&self) -> String {
        let cookies = self.call("GET", "/cookie", None);
        cookies
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["name"] == "rapport_session")
            .and_then(|c| c["value"].as_str())
            .map(|v| format!("Cookie: rapport_session={v}\r\n"))
            .expect("a session cookie")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http_json(
            &self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The pages in a real browser (headless Chromium over WebDriver): a
/// client's viewer signs in, reads the dashboard, switches period and
/// language, downloads a report and sends feedback; an admin uploads an
/// export and sees its summary. Screenshots are kept in
/// `target/tmp/browser/` to look at.
#[test]
fn a_browser_signs_in_reads_switches_language_downloads_gives_feedback_and_uploads() {
    let (_tmp, ws, _viewer, _admin) = agency();
    let server = Server::start(&ws);
    let base = format!("http://{}", server.addr);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let browser = Browser::start(&shots);

    // The viewer: sign-in, then their dashboard.
    browser.go(&format!("{base}/c/lumen"));
    browser.wait_for("/login");
    browser.screenshot("1-sign-in");
    browser.sign_in("owner@lumen.example");
    browser.wait_for("/c/lumen");
    let page = browser.source();
    assert!(
        page.contains("Lumen Home") && page.contains("class=\"bar\""),
        "{page:.500}"
    );
    browser.screenshot("2-dashboard");

    // Another period, in Persian: right to left.
    browser.click("#period option[value='2026-10']");
    browser.click("#lang option[value='fa']");
    browser.click(".bar form button[type='submit']");
    browser.wait_for("lang=fa");
    let page = browser.source();
    assert!(
        page.contains("dir=\"rtl\"") && page.contains("اکتبر"),
        "{page:.500}"
    );
    browser.screenshot("3-dashboard-fa");

    // The archive, a download, feedback.
    browser.click("nav a[href='/c/lumen/reports']");
    browser.wait_for("/c/lumen/reports");
    browser.screenshot("4-archive");
    let pdf = browser.find("a[download]");
    let href = browser.call("GET", &format!("/element/{pdf}/attribute/href"), None);
    let href = href.as_str().expect("the PDF's address").to_owned();
    let path = href.strip_prefix(&base).unwrap_or(&href).to_owned();
    let (status, head, body) = server.raw("GET", &path, &browser.session_cookie());
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/pdf") && body.starts_with("%PDF"));
    browser.type_in("textarea[name='comment']", "More on channels, please");
    browser.click("form.feedback button[type='submit']");
    browser.wait_for("sent=");
    assert!(browser.source().contains("سپاس"), "thanked in Persian");
    browser.screenshot("5-feedback-sent");
    let given: Value =
        serde_json::from_str(&ok(&ws, &["feedback", "list", "lumen", "--format", "json"]))
            .expect("feedback");
    assert_eq!(given[0]["comment"], "More on channels, please");
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // A customer, found by e-mail typed in another case.
    browser.click("nav a[href='/c/lumen/customers']");
    browser.wait_for("/c/lumen/customers");
    browser.type_in("#find", "C00770@Example.com\n");
    browser.wait_for("find=");
    let page = browser.source();
    assert!(
        page.contains("c00770@example.com") && page.contains("id=\"orders\""),
        "{}",
        browser.main_text()
    );
    browser.screenshot("6-customer-fa");
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // The admin uploads an export: checked, then loaded.
    browser.click("form[action='/logout'] button");
    browser.wait_for("/login");
    browser.sign_in("boss@agency.example");
    assert!(
        browser.source().contains("/c/cloudnest"),
        "the admin's clients"
    );
    browser.screenshot("7-clients");
    browser.go(&format!("{base}/c/lumen/upload?lang=en"));
    let export = ws.join("exports/lumen/zendesk_tickets_export.csv");
    browser.type_in("#file", export.to_str().expect("utf-8"));
    browser.click(".stack button[type='submit']");
    browser.wait_for("/c/lumen/upload");
    let started = std::time::Instant::now();
    while !browser.source().contains("Load it") {
        assert!(
            started.elapsed().as_secs() < 30,
            "no preview: {:.500}",
            browser.source()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(browser.source().contains("zendesk"), "the preset named");
    browser.screenshot("8-upload-checked");
    browser.click(".stack button[type='submit']");
    let started = std::time::Instant::now();
    while !browser.source().contains("rows read") {
        assert!(
            started.elapsed().as_secs() < 60,
            "no summary: {:.500}",
            browser.source()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    browser.screenshot("9-upload-loaded");
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // The agency's people: a token made with the keyboard, shown once.
    browser.go(&format!("{base}/admin/people?lang=en"));
    browser.type_in("#token-label", "reporting script\n");
    let started = std::time::Instant::now();
    while !browser.source().contains("rpt_") {
        assert!(
            started.elapsed().as_secs() < 30,
            "no token: {:.500}",
            browser.main_text()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    browser.screenshot("10-people-token");
    browser.go(&format!("{base}/admin/audit?lang=fa"));
    assert!(
        browser.source().contains("توکن API ساخت"),
        "{}",
        browser.main_text()
    );
    browser.screenshot("11-audit-fa");
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
