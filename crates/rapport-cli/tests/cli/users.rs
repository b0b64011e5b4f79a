//! `rapport user` and `rapport token`: the server's people and API tokens,
//! managed from the terminal.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::support::Ws;

/// `rapport ARGS` with `stdin` piped in; (success, stdout, stderr).
fn with_stdin(ws: &Ws, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = ws
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rapport");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn users_have_roles_and_clients_and_passwords_come_from_stdin() {
    let ws = Ws::new();
    let add = |args: &[&str], password: &str| {
        let args = [&["user", "add"][..], args, &["--password-stdin"]].concat();
        with_stdin(&ws, &args, &format!("{password}\n"))
    };
    let (ok, out, err) = add(
        &["boss@agency.example", "--role", "admin"],
        "a long admin password",
    );
    assert!(ok, "{err}");
    assert!(out.contains("boss@agency.example"), "{out}");
    let (ok, _, err) = add(
        &[
            "ana@agency.example",
            "--role",
            "analyst",
            "--client",
            "acme",
            "--client",
            "beta",
        ],
        "an analyst password",
    );
    assert!(ok, "{err}");
    let (ok, _, err) = add(
        &["Owner@Acme.Example", "--role", "viewer", "--client", "acme"],
        "the owner's password",
    );
    assert!(ok, "{err}");
    for (args, password, says) in [
        (
            vec!["x@agency.example", "--role", "viewer"],
            "a long enough password",
            "exactly one",
        ),
        (
            vec!["x@agency.example", "--role", "admin"],
            "short",
            "at least 12 characters",
        ),
        (
            vec!["x@agency.example", "--role", "viewer", "--client", "nope"],
            "a long enough password",
            "nope",
        ),
        (
            vec!["boss@agency.example", "--role", "admin"],
            "a long enough password",
            "already exists",
        ),
        (
            vec!["x@agency.example", "--role", "admin"],
            "",
            "No password",
        ),
    ] {
        let (ok, _, err) = add(&args, password);
        assert!(!ok, "{args:?} was accepted");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // In the output's language where the library has the words.
    let (ok, _, err) = with_stdin(
        &ws,
        &[
            "--lang",
            "ro",
            "user",
            "add",
            "x@agency.example",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        "a long enough password\n",
    );
    assert!(!ok);
    assert!(err.contains("lucrează cu exact un client"), "{err}");
    // Never from an argument.
    let err = ws.fails(&["user", "add", "x@agency.example", "--role", "admin"]);
    assert!(err.contains("--password-stdin"), "{err}");

    let users: Value =
        serde_json::from_str(&ws.ok(&["user", "list", "--format", "json"])).expect("JSON");
    let summary: Vec<(String, String, Vec<String>)> = users
        .as_array()
        .expect("users")
        .iter()
        .map(|u| {
            (
                u["email"].as_str().unwrap_or("").to_owned(),
                u["role"].as_str().unwrap_or("").to_owned(),
                serde_json::from_value(u["clients"].clone()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "ana@agency.example".into(),
                "analyst".into(),
                vec!["acme".into(), "beta".into()]
            ),
            ("boss@agency.example".into(), "admin".into(), vec![]),
            (
                "owner@acme.example".into(),
                "viewer".into(),
                vec!["acme".into()]
            ),
        ]
    );
    // No password hash is ever printed.
    assert!(!ws.ok(&["user", "list"]).contains("argon2"));
    let table = ws.ok(&["user", "list"]);
    assert!(table.contains("every client"), "{table}");
}

#[test]
fn a_token_is_printed_once_listed_without_its_secret_and_revocable() {
    let ws = Ws::new();
    let (ok, _, err) = with_stdin(
        &ws,
        &[
            "user",
            "add",
            "ana@agency.example",
            "--role",
            "analyst",
            "--client",
            "acme",
            "--password-stdin",
        ],
        "an analyst password\n",
    );
    assert!(ok, "{err}");
    let out = ws.ok(&[
        "token",
        "create",
        "ana@agency.example",
        "--expires",
        "90d",
        "--label",
        "script",
    ]);
    let secret = out.lines().next().unwrap_or("").to_owned();
    assert!(secret.starts_with("rpt_") && secret.len() == 47, "{out}");
    assert!(out.contains("only time"), "{out}");
    let list = ws.ok(&["token", "list"]);
    assert!(!list.contains(&secret), "{list}");
    assert!(list.contains("script") && list.contains("active"), "{list}");
    let tokens: Value =
        serde_json::from_str(&ws.ok(&["token", "list", "--format", "json"])).expect("JSON");
    let id = tokens[0]["id"].as_i64().expect("id");
    assert!(tokens[0]["expires_at"].is_string(), "{tokens}");
    ws.ok(&["token", "revoke", &id.to_string()]);
    assert!(ws.ok(&["token", "list"]).contains("revoked"));
    let err = ws.fails(&["token", "revoke", "999"]);
    assert!(err.contains("no token 999"), "{err}");
    let err = ws.fails(&[
        "token",
        "create",
        "ana@agency.example",
        "--expires",
        "yesterday",
    ]);
    assert!(err.contains("`yesterday` is not an expiry"), "{err}");
    let err = ws.fails(&["token", "create", "nobody@agency.example"]);
    assert!(err.contains("no user"), "{err}");
    // Removing the user revokes what they had.
    ws.ok(&["token", "create", "ana@agency.example"]);
    ws.ok(&["user", "remove", "ana@agency.example"]);
    let tokens: Value =
        serde_json::from_str(&ws.ok(&["token", "list", "--format", "json"])).expect("JSON");
    assert!(
        tokens
            .as_array()
            .expect("tokens")
            .iter()
            .all(|t| t["revoked_at"].is_string()),
        "{tokens}"
    );
}
