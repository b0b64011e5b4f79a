//! The people who use the server, their API tokens, and the audit log.
//!
//! The store keeps what `rapport-auth` decides: a user's role and clients,
//! a password's argon2id hash, a token's SHA-256 digest. It never sees a
//! password or a token in the clear, so nothing here can leak one.

use rapport_locale::messages::Said;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::workspace::Workspace;

/// An audit entry to record: when it happened (RFC 3339), who did what
/// to what, and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub source: Option<String>,
}

/// What a user may do (issue #22, "Users and roles").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    serde::Deserialize,
    strum::EnumString,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Role {
    /// Everything: every client, users, tokens, the audit log.
    Admin,
    /// The clients assigned to them.
    Analyst,
    /// One client: read it and answer its reports.
    Viewer,
}

/// A user as stored (without the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub email: String,
    pub role: Role,
    /// The clients an analyst is assigned or a viewer's one client; empty
    /// for an admin (who sees every client).
    pub clients: Vec<String>,
    pub created_at: String,
}

/// What a web session's token is labelled in the catalog (the lists
/// word it in the reader's language).
pub const SESSION_LABEL: &str = "web session";

/// An API token as stored (its secret is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub id: i64,
    pub email: String,
    pub label: Option<String>,
    pub created_at: String,
    /// RFC 3339; `None` for a token that does not expire.
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// Whether a token works now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl Token {
    /// Its state at `at` (RFC 3339 in UTC, seconds, as the catalog stores
    /// times), by the rule [`Workspace::user_for_token`] applies.
    pub fn state(&self, at: &str) -> TokenState {
        if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at.as_deref().is_some_and(|e| e <= at) {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    /// Who acted: a user's e-mail, `cli` for a command at the terminal, or
    /// the e-mail a failed login tried.
    pub actor: String,
    /// What happened: `login`, `login-failed`, `user-added`, `token-created`,
    /// `token-revoked`, `download`, …
    pub action: String,
    /// What it happened to (a client, a report, a user).
    pub target: Option<String>,
    /// Where the request came from, for requests.
    pub source: Option<String>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The columns [`token_row`] reads, in its order.
const TOKEN_COLUMNS: &str = "id, email, label, created_at, expires_at, revoked_at, last_used_at";

fn token_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Token> {
    Ok(Token {
        id: r.get(0)?,
        email: r.get(1)?,
        label: r.get(2)?,
        created_at: r.get(3)?,
        expires_at: r.get(4)?,
        revoked_at: r.get(5)?,
        last_used_at: r.get(6)?,
    })
}

fn user_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

impl Workspace {
    /// Adds a user with the argon2id PHC string `password_hash`. A viewer
    /// has exactly one client, an analyst at least one, an admin none; each
    /// client must exist.
    pub fn add_user(
        &self,
        email: &str,
        role: Role,
        clients: &[String],
        password_hash: &str,
    ) -> Result<User> {
        let email = normalise_email(email)?;
        match (role, clients.len()) {
            (Role::Viewer, 1) | (Role::Admin, 0) => {}
            (Role::Analyst, n) if n > 0 => {}
            _ => {
                let said = match role {
                    Role::Viewer => {
                        Said::new("error-user-viewer-clients").with("count", clients.len())
                    }
                    Role::Analyst => Said::new("error-user-analyst-clients"),
                    Role::Admin => Said::new("error-user-admin-clients"),
                };
                return Err(Error::InvalidUser { email, said });
            }
        }
        for client in clients {
            self.client(client)?;
        }
        let mut conn = self.open_catalog()?;
        let tx = conn.transaction().map_err(self.catalog_err("updated"))?;
        let created_at = now();
        let inserted = tx.execute(
            "INSERT INTO users (email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (email) DO NOTHING",
            params![email, role.to_string(), password_hash, created_at],
        );
        if inserted.map_err(self.catalog_err("updated"))? == 0 {
            return Err(Error::UserExists { email });
        }
        for client in clients {
            tx.execute(
                "INSERT OR IGNORE INTO user_clients (email, client_id) VALUES (?1, ?2)",
                params![email, client],
            )
            .map_err(self.catalog_err("updated"))?;
        }
        tx.commit().map_err(self.catalog_err("updated"))?;
        self.user(&email)?.ok_or_else(|| Error::UnknownUser {
            email: email.clone(),
        })
    }

    /// The user with this e-mail (any case), if there is one.
    pub fn user(&self, email: &str) -> Result<Option<User>> {
        let conn = self.open_catalog()?;
        self.user_on(&conn, email)
    }

    fn user_on(&self, conn: &rusqlite::Connection, email: &str) -> Result<Option<User>> {
        let email = email.trim().to_lowercase();
        let row = conn
            .query_row(
                "SELECT email, role, created_at FROM users WHERE email = ?1",
                params![email],
                user_row,
            )
            .optional()
            .map_err(self.catalog_err("read"))?;
        match row {
            None => Ok(None),
            Some(row) => Ok(Some(self.user_from(conn, row)?)),
        }
    }

    fn user_from(
        &self,
        conn: &rusqlite::Connection,
        (email, role, created_at): (String, String, String),
    ) -> Result<User> {
        let mut stmt = conn
            .prepare("SELECT client_id FROM user_clients WHERE email = ?1 ORDER BY client_id")
            .map_err(self.catalog_err("read"))?;
        let clients = stmt
            .query_map(params![email], |r| r.get(0))
            .map_err(self.catalog_err("read"))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(self.catalog_err("read"))?;
        let role = role.parse().map_err(|_| Error::InvalidUser {
            email: email.clone(),
            said: Said::new("error-as-is").with(
                "text",
                format!("the catalog names the unknown role `{role}`"),
            ),
        })?;
        Ok(User {
            email,
            role,
            clients,
            created_at,
        })
    }

    /// Every user, by e-mail.
    pub fn users(&self) -> Result<Vec<User>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare("SELECT email, role, created_at FROM users ORDER BY email")
            .map_err(self.catalog_err("read"))?;
        let rows = stmt
            .query_map([], user_row)
            .map_err(self.catalog_err("read"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.catalog_err("read"))?;
        rows.into_iter().map(|r| self.user_from(&conn, r)).collect()
    }

    /// The stored password hash of a user, for verification.
    pub fn password_hash(&self, email: &str) -> Result<Option<String>> {
        let conn = self.open_catalog()?;
        conn.query_row(
            "SELECT password_hash FROM users WHERE email = ?1",
            params![email.trim().to_lowercase()],
            |r| r.get(0),
        )
        .optional()
        .map_err(self.catalog_err("read"))
    }

    /// Replaces a user's password hash.
    pub fn set_password_hash(&self, email: &str, password_hash: &str) -> Result<()> {
        let conn = self.open_catalog()?;
        let changed = conn
            .execute(
                "UPDATE users SET password_hash = ?1 WHERE email = ?2",
                params![password_hash, email.trim().to_lowercase()],
            )
            .map_err(self.catalog_err("updated"))?;
        if changed == 0 {
            return Err(Error::UnknownUser {
                email: email.to_owned(),
            });
        }
        Ok(())
    }

    /// Removes a user and revokes their tokens (they stay listed, revoked).
    pub fn remove_user(&self, email: &str) -> Result<()> {
        let email = email.trim().to_lowercase();
        let mut conn = self.open_catalog()?;
        let tx = conn.transaction().map_err(self.catalog_err("updated"))?;
        tx.execute(
            "UPDATE tokens SET revoked_at = ?1 WHERE email = ?2 AND revoked_at IS NULL",
            params![now(), email],
        )
        .map_err(self.catalog_err("updated"))?;
        tx.execute("DELETE FROM user_clients WHERE email = ?1", params![email])
            .map_err(self.catalog_err("updated"))?;
        let removed = tx
            .execute("DELETE FROM users WHERE email = ?1", params![email])
            .map_err(self.catalog_err("updated"))?;
        if removed == 0 {
            return Err(Error::UnknownUser { email });
        }
        tx.commit().map_err(self.catalog_err("updated"))
    }

    /// Records a token for `email` by the SHA-256 digest of its secret
    /// (hex); returns the stored token.
    pub fn add_token(
        &self,
        email: &str,
        secret_digest: &str,
        label: Option<&str>,
        expires_at: Option<&str>,
    ) -> Result<Token> {
        let email = email.trim().to_lowercase();
        if self.user(&email)?.is_none() {
            return Err(Error::UnknownUser { email });
        }
        let conn = self.open_catalog()?;
        conn.execute(
            "INSERT INTO tokens (email, secret_digest, label, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![email, secret_digest, label, now(), expires_at],
        )
        .map_err(self.catalog_err("updated"))?;
        self.token(&conn, conn.last_insert_rowid())
    }

    /// One token by id.
    fn token(&self, conn: &rusqlite::Connection, id: i64) -> Result<Token> {
        conn.query_row(
            &format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE id = ?1"),
            params![id],
            token_row,
        )
        .optional()
        .map_err(self.catalog_err("read"))?
        .ok_or(Error::UnknownToken { id })
    }

    /// The tokens of one user, or of everyone, newest first.
    pub fn tokens(&self, email: Option<&str>) -> Result<Vec<Token>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {TOKEN_COLUMNS} FROM tokens WHERE ?1 IS NULL OR email = ?1 ORDER BY id DESC"
            ))
            .map_err(self.catalog_err("read"))?;
        stmt.query_map(params![email.map(|e| e.trim().to_lowercase())], token_row)
            .map_err(self.catalog_err("read"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.catalog_err("read"))
    }

    /// Revokes a token; revoking it again is not an error.
    pub fn revoke_token(&self, id: i64) -> Result<Token> {
        let conn = self.open_catalog()?;
        let changed = conn
            .execute(
                "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2",
                params![now(), id],
            )
            .map_err(self.catalog_err("updated"))?;
        if changed == 0 {
            return Err(Error::UnknownToken { id });
        }
        self.token(&conn, id)
    }

    /// Revokes the token with this digest, if there is one (signing out:
    /// the session's cookie holds the secret, not the id).
    pub fn revoke_token_digest(&self, secret_digest: &str) -> Result<()> {
        let conn = self.open_catalog()?;
        conn.execute(
            "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE secret_digest = ?2",
            params![now(), secret_digest],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(())
    }

    /// The user a token with this digest belongs to, when the token is
    /// neither revoked nor expired at `at` (RFC 3339); records its use.
    pub fn user_for_token(&self, secret_digest: &str, at: &str) -> Result<Option<User>> {
        let conn = self.open_catalog()?;
        let found: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT email, last_used_at FROM tokens WHERE secret_digest = ?1 AND revoked_at IS NULL
                   AND (expires_at IS NULL OR expires_at > ?2)",
                params![secret_digest, at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.catalog_err("read"))?;
        let Some((email, last_used)) = found else {
            return Ok(None);
        };
        // The last use is kept to the minute: a write on every request
        // would make a busy server's requests wait for each other's locks.
        let minute = |t: &str| t.get(..16).map(str::to_owned);
        if last_used.as_deref().and_then(minute) != minute(at) {
            // Best effort: a read-only catalog still authenticates.
            let _ = conn.execute(
                "UPDATE tokens SET last_used_at = ?1 WHERE secret_digest = ?2",
                params![at, secret_digest],
            );
        }
        self.user_on(&conn, &email)
    }

    /// Appends to the audit log.
    /// Records many audit entries in one transaction (a server batches
    /// frequent ones, such as downloads, so they do not each wait for a
    /// write of the catalog).
    pub fn audit_batch(&self, entries: &[AuditRecord]) -> Result<()> {
        let mut conn = self.open_catalog()?;
        let tx = conn.transaction().map_err(self.catalog_err("updated"))?;
        for e in entries {
            tx.execute(
                "INSERT INTO audit_log (at, actor, action, target, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![e.at, e.actor, e.action, e.target, e.source],
            )
            .map_err(self.catalog_err("updated"))?;
        }
        tx.commit().map_err(self.catalog_err("updated"))
    }

    pub fn audit(
        &self,
        actor: &str,
        action: &str,
        target: Option<&str>,
        source: Option<&str>,
    ) -> Result<()> {
        let conn = self.open_catalog()?;
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, target, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now(), actor, action, target, source],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(())
    }

    /// The newest `limit` entries of the audit log, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(
                "SELECT id, at, actor, action, target, source FROM audit_log
                 ORDER BY id DESC LIMIT ?1",
            )
            .map_err(self.catalog_err("read"))?;
        stmt.query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                target: r.get(4)?,
                source: r.get(5)?,
            })
        })
        .map_err(self.catalog_err("read"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(self.catalog_err("read"))
    }
}

/// An e-mail address as users are keyed: trimmed, lower-case, one `@`
/// with text on both sides and a dot in the domain.
fn normalise_email(email: &str) -> Result<String> {
    let email = email.trim().to_lowercase();
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.len() <= 254;
    if valid {
        Ok(email)
    } else {
        let said = Said::new("error-user-email").with("email", email.as_str());
        Err(Error::InvalidUser { email, said })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().expect("temp");
        let ws = Workspace::init(dir.path(), crate::Settings::default()).expect("ws");
        ws.add_client("acme", "Acme").expect("acme");
        ws.add_client("beta", "Beta").expect("beta");
        (dir, ws)
    }

    #[test]
    fn roles_have_the_clients_they_need() {
        let (_dir, ws) = ws();
        let one = ["acme".to_owned()];
        let viewer = ws
            .add_user(" Ana@Agency.Example ", Role::Viewer, &one, "$argon2id$x")
            .expect("viewer");
        assert_eq!(viewer.email, "ana@agency.example");
        assert_eq!(viewer.clients, one);
        for (role, clients, says) in [
            (Role::Viewer, vec![], "exactly one"),
            (
                Role::Viewer,
                vec!["acme".to_owned(), "beta".to_owned()],
                "exactly one",
            ),
            (Role::Analyst, vec![], "at least one client"),
            (Role::Admin, vec!["acme".to_owned()], "sees every client"),
        ] {
            let err = ws
                .add_user("x@agency.example", role, &clients, "h")
                .expect_err("refused")
                .to_string();
            assert!(err.contains(says), "{role}: {err}");
        }
        let err = ws
            .add_user("ana@agency.example", Role::Admin, &[], "h")
            .expect_err("taken")
            .to_string();
        assert!(err.contains("already"), "{err}");
        let err = ws
            .add_user("b@agency.example", Role::Viewer, &["nope".to_owned()], "h")
            .expect_err("unknown client")
            .to_string();
        assert!(err.contains("nope"), "{err}");
        assert!(
            ws.add_user("not-an-address", Role::Admin, &[], "h")
                .is_err()
        );
        assert_eq!(ws.users().expect("users").len(), 1);
    }

    #[test]
    fn tokens_stop_working_when_revoked_expired_or_their_user_goes() {
        let (_dir, ws) = ws();
        ws.add_user(
            "an@agency.example",
            Role::Analyst,
            &["acme".into(), "beta".into()],
            "h",
        )
        .expect("analyst");
        let t = ws
            .add_token("an@agency.example", "d1", Some("laptop"), None)
            .expect("token");
        let at = "2026-12-07T10:00:00Z";
        let user = ws.user_for_token("d1", at).expect("lookup").expect("valid");
        assert_eq!(user.clients, vec!["acme".to_owned(), "beta".to_owned()]);
        assert!(ws.user_for_token("d2", at).expect("lookup").is_none());
        assert_eq!(
            ws.tokens(None).expect("tokens")[0].last_used_at.as_deref(),
            Some(at)
        );
        assert_eq!(t.state(at), TokenState::Active);
        let revoked = ws.revoke_token(t.id).expect("revoked");
        assert_eq!(revoked.state(at), TokenState::Revoked);
        assert!(ws.user_for_token("d1", at).expect("lookup").is_none());
        let expiring = ws
            .add_token(
                "an@agency.example",
                "d3",
                None,
                Some("2026-12-08T00:00:00Z"),
            )
            .expect("expiring");
        assert_eq!(expiring.state(at), TokenState::Active);
        assert_eq!(expiring.state("2026-12-08T00:00:01Z"), TokenState::Expired);
        assert!(ws.user_for_token("d3", at).expect("lookup").is_some());
        assert!(
            ws.user_for_token("d3", "2026-12-08T00:00:01Z")
                .expect("lookup")
                .is_none()
        );
        ws.remove_user("an@agency.example").expect("removed");
        assert!(ws.user_for_token("d3", at).expect("lookup").is_none());
        assert!(
            ws.tokens(None)
                .expect("tokens")
                .iter()
                .all(|t| t.revoked_at.is_some())
        );
        ws.audit("cli", "user-removed", Some("an@agency.example"), None)
            .expect("audit");
        let log = ws.audit_log(10).expect("log");
        assert_eq!(log[0].action, "user-removed");
    }
}
