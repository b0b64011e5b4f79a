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
    fn start(ws: &Path) -> Server {
        let mut child = command_in(ws, &["serve", "--addr", "127.0.0.1:0"])
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
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        let body = body.map_or(String::new(), |b| {
            format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
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
        (status, head.to_lowercase(), body.to_owned())
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
        "x-frame-options: deny",
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
                    .map(Value::to_string),
            });
        }
    }
    all
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
        std::collections::BTreeMap::from([
            ("client", client.to_owned()),
            ("run", run),
            ("file", "report.html".to_owned()),
            ("schedule", schedule),
            ("token", "1".to_owned()),
            ("email", "boss@agency.example".to_owned()),
        ])
    };
    let theirs = values("cloudnest", run_of("cloudnest"), schedule_of("cloudnest"));
    // The client's own path with the other client's ids in it.
    let mixed = values("lumen", run_of("cloudnest"), schedule_of("cloudnest"));
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
    for op in &ops {
        let path = format!("{}{}", fill(&op.path, &ours), op.query);
        let (status, head, body) =
            server.send(&op.method, &path, &bearer(&admin), op.body.as_deref());
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
