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
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n",
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

#[test]
fn the_api_answers_each_user_with_their_own_clients_only() {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("agency");
    demo(&ws, "7");
    let viewer = user_with_token(
        &ws,
        "owner@lumen.example",
        &["--role", "viewer", "--client", "lumen"],
    );
    let admin = user_with_token(&ws, "boss@agency.example", &["--role", "admin"]);
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
