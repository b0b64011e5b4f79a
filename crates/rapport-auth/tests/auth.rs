//! Passwords, tokens and scopes over a real workspace catalog.

use chrono::{Duration, TimeZone, Utc};
use rapport_auth::{
    Error, Role, authenticate_token, create_token, hash_password, parse_expiry, verify_password,
};
use rapport_store::{Settings, Workspace};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("acme", "Acme").expect("acme");
    ws.add_client("beta", "Beta").expect("beta");
    (dir, ws)
}

#[test]
fn a_password_is_stored_as_argon2id_and_only_the_right_one_logs_in() {
    let (_dir, ws) = workspace();
    let hash = hash_password("correct horse battery").expect("hash");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert_ne!(
        hash,
        hash_password("correct horse battery").expect("hash"),
        "salted"
    );
    ws.add_user("ana@agency.example", Role::Viewer, &["acme".into()], &hash)
        .expect("user");
    let who = verify_password(&ws, "ANA@agency.example", "correct horse battery")
        .expect("verifies")
        .expect("logs in");
    assert_eq!(who.user().email, "ana@agency.example");
    assert!(
        verify_password(&ws, "ana@agency.example", "correct horse batter")
            .expect("verifies")
            .is_none()
    );
    assert!(
        verify_password(&ws, "nobody@agency.example", "correct horse battery")
            .expect("verifies")
            .is_none()
    );
    assert!(matches!(
        hash_password("short"),
        Err(Error::WeakPassword(5))
    ));
}

#[test]
fn a_token_is_shown_once_stored_as_a_digest_and_stops_when_revoked_or_expired() {
    let (dir, ws) = workspace();
    let hash = hash_password("an analyst's password").expect("hash");
    ws.add_user(
        "an@agency.example",
        Role::Analyst,
        &["acme".into(), "beta".into()],
        &hash,
    )
    .expect("user");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 10, 0, 0)
        .single()
        .expect("time");
    let made = create_token(
        &ws,
        "an@agency.example",
        Some("ci"),
        Some(now + Duration::days(30)),
    )
    .expect("token");
    assert!(
        made.secret.starts_with("rpt_") && made.secret.len() == 4 + 43,
        "{}",
        made.secret
    );
    // The catalog holds no trace of the secret itself.
    let catalog = std::fs::read(dir.path().join("catalog.sqlite")).expect("catalog");
    let needle = made.secret.as_bytes();
    assert!(!catalog.windows(needle.len()).any(|w| w == needle));
    let who = authenticate_token(&ws, &made.secret, now)
        .expect("auth")
        .expect("valid");
    assert!(who.may_see("acme") && who.may_see("beta") && who.may_change("acme"));
    assert!(
        authenticate_token(&ws, "rpt_guess", now)
            .expect("auth")
            .is_none()
    );
    assert!(
        authenticate_token(&ws, &made.secret, now + Duration::days(31))
            .expect("auth")
            .is_none()
    );
    ws.revoke_token(made.token.id).expect("revoked");
    assert!(
        authenticate_token(&ws, &made.secret, now)
            .expect("auth")
            .is_none()
    );
}

#[test]
fn a_viewer_is_scoped_to_one_client_and_a_refusal_reads_like_a_missing_client() {
    let (_dir, ws) = workspace();
    let hash = hash_password("a viewer's password").expect("hash");
    ws.add_user("v@client.example", Role::Viewer, &["acme".into()], &hash)
        .expect("viewer");
    ws.add_user("boss@agency.example", Role::Admin, &[], &hash)
        .expect("admin");
    let viewer = verify_password(&ws, "v@client.example", "a viewer's password")
        .expect("verifies")
        .expect("logs in");
    let ids: Vec<String> = viewer
        .clients(&ws)
        .expect("clients")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec!["acme".to_owned()]);
    assert_eq!(
        viewer.scope(&ws, "acme").expect("own client").client(),
        "acme"
    );
    assert!(!viewer.may_change("acme"));
    let denied = viewer
        .scope(&ws, "beta")
        .expect_err("not theirs")
        .to_string();
    let missing = viewer.scope(&ws, "nope").expect_err("missing").to_string();
    assert_eq!(denied.replace("beta", "X"), missing.replace("nope", "X"));
    let admin = verify_password(&ws, "boss@agency.example", "a viewer's password")
        .expect("verifies")
        .expect("logs in");
    assert_eq!(admin.clients(&ws).expect("clients").len(), 2);
    assert!(admin.scope(&ws, "beta").is_ok());
    assert!(admin.scope(&ws, "nope").is_err());
}

#[test]
fn expiries_are_days_or_future_dates() {
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 10, 0, 0)
        .single()
        .expect("time");
    assert_eq!(
        parse_expiry("90d", now).expect("days"),
        now + Duration::days(90)
    );
    assert_eq!(
        parse_expiry("2027-03-01", now).expect("date").to_rfc3339(),
        "2027-03-01T00:00:00+00:00"
    );
    for bad in ["0d", "yesterday", "2026-01-01", "-5d", "99999d"] {
        assert!(parse_expiry(bad, now).is_err(), "{bad}");
    }
}
