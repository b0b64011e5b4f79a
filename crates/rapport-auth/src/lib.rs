//! Who is asking, and what they may see.
//!
//! - Passwords are hashed with argon2id (RustCrypto's `argon2`, its default
//!   parameters: 19 MiB, two passes, one lane, OWASP's minimum) into a PHC
//!   string; the store keeps only that.
//! - An API token is 32 random bytes from the operating system, shown once
//!   as `rpt_` and 43 base64url characters; the store keeps its SHA-256
//!   digest (a fast hash is right for a secret with 256 bits of entropy:
//!   nothing can be guessed), so a stolen catalog holds no usable token.
//! - A [`Principal`] is an authenticated user; [`Principal::scope`] is the
//!   one way to a client's data, and refuses a client the user may not see.
//!   The server's handlers get a [`ClientScope`], never a bare workspace
//!   and a client id, so a handler cannot reach another client's data even
//!   by mistake.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use rapport_locale::messages::Said;
use rapport_store::Workspace;
use sha2::{Digest, Sha256};

pub use rapport_store::{AuditEntry, Role, Token, TokenState, User};

/// Fewest characters a password may have (NIST SP 800-63B asks for 8 at
/// least; an agency's dashboard holds its clients' data).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The prefix of every API token, so a leaked one is recognisable (secret
/// scanners look for such prefixes).
pub const TOKEN_PREFIX: &str = "rpt_";

/// Errors of authentication and authorisation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error("a password has at least {MIN_PASSWORD_CHARS} characters; this one has {0}")]
    WeakPassword(usize),

    #[error("the password could not be hashed: {0}")]
    Hashing(String),

    #[error("no random numbers from the operating system: {0}")]
    Random(String),

    #[error(
        "`{0}` is not an expiry: give a number of days (`90d`), or a date (`2027-03-01`) after today"
    )]
    BadExpiry(String),

    /// The principal may not see this client. Deliberately the same words
    /// as a client that does not exist, so a refusal tells nothing.
    #[error("no client `{0}` here")]
    Denied(String),
}

impl Error {
    /// What went wrong in words any front end can say in its reader's
    /// language, where there are such words (see
    /// [`rapport_store::Error::said`]).
    pub fn said(&self) -> Option<Said> {
        Some(match self {
            Error::Store(e) => return e.said(),
            Error::WeakPassword(chars) => Said::new("error-weak-password")
                .with("min", MIN_PASSWORD_CHARS)
                .with("chars", *chars),
            Error::BadExpiry(text) => Said::new("error-bad-expiry").with("text", text.as_str()),
            Error::Denied(client) => Said::new("error-no-client").with("client", client.as_str()),
            Error::Hashing(_) | Error::Random(_) => return None,
        })
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The argon2id PHC string of `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::WeakPassword(chars));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Hashing(e.to_string()))
}

/// The user `email` names, when `password` is theirs. An unknown e-mail
/// is verified against a decoy hash with the same parameters, so it costs
/// one argon2id run like a wrong password, and timing does not tell which
/// addresses have accounts. (The decoy is made once per process: making it
/// per call would double the cost of exactly the unknown addresses.)
pub fn verify_password(ws: &Workspace, email: &str, password: &str) -> Result<Option<Principal>> {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = ws.password_hash(email)?;
    let hash = match &stored {
        Some(h) => h.as_str(),
        None => match DECOY.get() {
            Some(d) => d.as_str(),
            None => {
                let made = hash_password("a decoy that matches nothing")?;
                DECOY.get_or_init(|| made).as_str()
            }
        },
    };
    let matches = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    if !(matches && stored.is_some()) {
        return Ok(None);
    }
    Ok(ws.user(email)?.map(|user| Principal { user }))
}

/// A token just made: its record and its secret, which is shown once and
/// never stored.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub token: Token,
    pub secret: String,
}

/// Makes an API token for `email`, valid until `expires` (or until revoked).
pub fn create_token(
    ws: &Workspace,
    email: &str,
    label: Option<&str>,
    expires: Option<DateTime<Utc>>,
) -> Result<NewToken> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    let secret = format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let expires = expires.map(rfc3339);
    let token = ws.add_token(email, &digest(&secret), label, expires.as_deref())?;
    Ok(NewToken { token, secret })
}

/// The principal a bearer token stands for, at `now`; `None` for a token
/// that is unknown, revoked or expired.
pub fn authenticate_token(
    ws: &Workspace,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<Principal>> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    Ok(ws
        .user_for_token(&digest(secret), &rfc3339(now))?
        .map(|user| Principal { user }))
}

/// How long a web session lasts: a working day, then the browser signs in
/// again.
pub const SESSION_HOURS: i64 = 12;

pub use rapport_store::SESSION_LABEL;

/// Starts a web session for a user who just signed in: a token like an
/// API token (stored as its digest, listed and revocable like one) that
/// expires after [`SESSION_HOURS`], whose secret goes in an HttpOnly
/// cookie.
pub fn start_session(ws: &Workspace, email: &str, now: DateTime<Utc>) -> Result<NewToken> {
    create_token(
        ws,
        email,
        Some(SESSION_LABEL),
        Some(now + chrono::Duration::hours(SESSION_HOURS)),
    )
}

/// Ends the session whose cookie holds `secret`.
pub fn end_session(ws: &Workspace, secret: &str) -> Result<()> {
    Ok(ws.revoke_token_digest(&digest(secret))?)
}

/// The anti-forgery token of the session whose cookie holds `secret`:
/// derived from the secret, so it needs no storage, and unknowable to
/// another site, which can neither read the HttpOnly cookie nor this
/// page. Every form that changes something sends it back.
pub fn csrf_token(secret: &str) -> String {
    digest(&format!("rapport-csrf:{secret}"))
}

/// Whether `given` is the session's anti-forgery token, compared in time
/// that does not depend on where they differ.
pub fn csrf_matches(secret: &str, given: &str) -> bool {
    let expected = csrf_token(secret);
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `90d` (days from `now`) or `2027-03-01` (that day's start, UTC), which
/// must be in the future.
pub fn parse_expiry(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let bad = || Error::BadExpiry(text.to_owned());
    let t = text.trim();
    let at = if let Some(days) = t.strip_suffix('d') {
        let days: i64 = days.parse().map_err(|_| bad())?;
        if !(1..=3650).contains(&days) {
            return Err(bad());
        }
        now + chrono::Duration::days(days)
    } else {
        let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad())?;
        day.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc()
    };
    if at <= now {
        return Err(bad());
    }
    Ok(at)
}

/// Seconds-precision RFC 3339 in UTC (`2026-12-07T10:00:00Z`): the one
/// form the catalog compares expiries in, as text.
fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An authenticated user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    user: User,
}

impl Principal {
    /// The user this principal is.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// Whether they administer the agency (users, tokens, the audit log,
    /// every client).
    pub fn is_admin(&self) -> bool {
        self.user.role == Role::Admin
    }

    /// Whether they may see `client`.
    pub fn may_see(&self, client: &str) -> bool {
        self.is_admin() || self.user.clients.iter().any(|c| c == client)
    }

    /// Whether they may change `client`'s data (upload, schedules): admins
    /// and its analysts; a viewer reads and answers reports only.
    pub fn may_change(&self, client: &str) -> bool {
        self.may_see(client) && self.user.role != Role::Viewer
    }

    /// The clients they may see.
    pub fn clients(&self, ws: &Workspace) -> Result<Vec<rapport_store::Client>> {
        Ok(ws
            .clients()?
            .into_iter()
            .filter(|c| self.may_see(&c.id))
            .collect())
    }

    /// The way to one client's data: refused, in the words of a client
    /// that does not exist, when they may not see it.
    pub fn scope(&self, ws: &Workspace, client: &str) -> Result<ClientScope> {
        if !self.may_see(client) {
            return Err(Error::Denied(client.to_owned()));
        }
        ws.client(client)?;
        Ok(ClientScope {
            ws: ws.clone(),
            client: client.to_owned(),
        })
    }
}

/// One client's data, reached through a principal allowed to see it
/// (it owns its handle on the workspace, so an async request can hold it).
#[derive(Debug, Clone)]
pub struct ClientScope {
    ws: Workspace,
    client: String,
}

impl ClientScope {
    /// The workspace, for the library calls that take one with the client.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The client this scope is limited to.
    pub fn client(&self) -> &str {
        &self.client
    }
}
