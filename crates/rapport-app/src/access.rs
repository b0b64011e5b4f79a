//! Who may use the server, in words: the agency's people, their API
//! tokens and web sessions, and the audit log, as rows every front end
//! shows the same way (`rapport user list`, `rapport token list`,
//! `rapport audit` and the admins' pages).
//!
//! These lists belong to the agency, not to a client, so their times are
//! written in the calendar the reader's language usually keeps (the Solar
//! Hijri calendar in Persian, the Gregorian elsewhere) and in UTC, the
//! zone the catalog records them in.

use chrono::{DateTime, Utc};
use rapport_locale::messages;
use rapport_metrics::{Calendar, CalendarSystem};
use rapport_store::{AuditEntry, Role, Token, TokenState, User};

use crate::words::{self, Locale};

/// A role in words: `agency admin`, `analyst`, `client viewer`.
pub fn role_words(role: Role, locale: Locale) -> String {
    messages::label(locale, &format!("role-{role}"))
}

/// The clients a user works on: `every client` for an admin.
pub fn clients_words(user: &User, locale: Locale) -> String {
    if user.role == Role::Admin {
        messages::label(locale, "cli-user-every-client")
    } else {
        user.clients.join(", ")
    }
}

/// The calendar the agency's own lists are written in for `locale`.
fn calendar_of(locale: Locale) -> Calendar {
    match locale {
        Locale::Fa => Calendar::usual(CalendarSystem::SolarHijri),
        _ => Calendar::ISO,
    }
}

/// A time the catalog recorded (RFC 3339 in UTC) as people write it:
/// `7 December 2026, 13:05 UTC`. Text that is not such a time (a
/// hand-edited catalog) is shown as it is.
pub fn time_words(time: &str, locale: Locale) -> String {
    DateTime::parse_from_rfc3339(time).map_or_else(
        |_| time.to_owned(),
        |t| {
            words::moment(
                t.with_timezone(&Utc).naive_utc(),
                "UTC",
                calendar_of(locale),
                locale,
            )
        },
    )
}

/// The message ids of a user list's columns, in the order of
/// [`user_row`]'s cells (the web's `web-column-…` ids end the same).
pub const USER_COLUMNS: [&str; 4] = ["email", "role", "clients", "created"];

/// A user as a row of words, one per [`USER_COLUMNS`].
pub fn user_row(user: &User, locale: Locale) -> [String; 4] {
    [
        user.email.clone(),
        role_words(user.role, locale),
        clients_words(user, locale),
        time_words(&user.created_at, locale),
    ]
}

/// A token's state in words: `active`, `expired`, `revoked`.
pub fn token_state_words(state: TokenState, locale: Locale) -> String {
    let id = match state {
        TokenState::Revoked => "cli-token-revoked",
        TokenState::Expired => "cli-token-expired",
        TokenState::Active => "cli-token-active",
    };
    messages::label(locale, id)
}

/// The columns of a token list, in the order of [`token_row`]'s cells.
pub const TOKEN_COLUMNS: [&str; 7] = [
    "id",
    "email",
    "label",
    "created",
    "expires",
    "last-used",
    "state",
];

/// A token as a row of words, one per [`TOKEN_COLUMNS`]: its id, user,
/// label, when it was made, when it stops working (`never`), when it
/// was last used (empty if never) and its state at `now`. Never its
/// secret, which is not stored.
pub fn token_row(token: &Token, now: DateTime<Utc>, locale: Locale) -> [String; 7] {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    [
        token.id.to_string(),
        token.email.clone(),
        match token.label.as_deref() {
            Some(rapport_store::SESSION_LABEL) => messages::label(locale, "access-web-session"),
            other => other.unwrap_or_default().to_owned(),
        },
        time_words(&token.created_at, locale),
        token.expires_at.as_deref().map_or_else(
            || messages::label(locale, "cli-token-never"),
            |e| time_words(e, locale),
        ),
        token
            .last_used_at
            .as_deref()
            .map(|u| time_words(u, locale))
            .unwrap_or_default(),
        token_state_words(token.state(&at), locale),
    ]
}

/// Who acted, in words: a user's e-mail, or `the command line` for the
/// `cli` actor.
pub fn actor_words(actor: &str, locale: Locale) -> String {
    if actor == "cli" {
        messages::label(locale, "audit-actor-cli")
    } else {
        actor.to_owned()
    }
}

/// What happened, in words: `signed in`, `downloaded a report`. An
/// action this version has no words for (a newer server's) is shown by
/// its id.
pub fn action_words(action: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("audit-{action}"), action)
}

/// The columns of the audit log, in the order of [`audit_row`]'s cells.
pub const AUDIT_COLUMNS: [&str; 5] = ["when", "who", "action", "subject", "source"];

/// An audit entry as a row of words, one per [`AUDIT_COLUMNS`]: when,
/// who, what, to what, and from where (`web`, `api`, an address).
pub fn audit_row(entry: &AuditEntry, locale: Locale) -> [String; 5] {
    [
        time_words(&entry.at, locale),
        actor_words(&entry.actor, locale),
        action_words(&entry.action, locale),
        entry.target.clone().unwrap_or_default(),
        entry.source.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-12-07T13:05:09Z".into(),
            actor: "cli".into(),
            action: action.into(),
            target: Some("ana@agency.example".into()),
            source: None,
        }
    }

    #[test]
    fn every_action_the_server_records_has_words_in_every_language() {
        for action in [
            "signed-in",
            "signed-out",
            "sign-in-failed",
            "sign-in-throttled",
            "user-added",
            "user-removed",
            "token-created",
            "token-revoked",
            "report-made",
            "report-downloaded",
            "feedback-given",
            "schedule-added",
            "schedule-removed",
            "upload-loaded",
        ] {
            for locale in [Locale::En, Locale::Ro, Locale::ZhHans, Locale::Fa] {
                let id = format!("audit-{action}");
                assert!(messages::has(locale, &id), "{id} in {locale:?}");
            }
        }
        assert_eq!(action_words("made-up", Locale::En), "made-up");
    }

    #[test]
    fn times_are_in_utc_in_the_readers_calendar() {
        let row = audit_row(&entry("user-added"), Locale::En);
        assert_eq!(row[0], "7 December 2026, 13:05 UTC");
        assert_eq!(row[1], "the command line");
        assert_eq!(row[2], "added a person");
        // 7 December 2026 is 16 Azar 1405.
        let fa: String = audit_row(&entry("user-added"), Locale::Fa)[0]
            .chars()
            // Without Persian's direction marks, to compare the words.
            .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}' | '\u{200f}'))
            .collect();
        assert!(fa.contains("۱۶ آذر ۱۴۰۵"), "{fa}");
        assert!(fa.contains("۱۳:۰۵"), "{fa}");
        // A time a hand-edited catalog broke is shown as it is.
        assert_eq!(time_words("yesterday", Locale::En), "yesterday");
    }

    #[test]
    fn a_token_row_never_says_more_than_the_catalog_knows() {
        let token = Token {
            id: 7,
            email: "ana@agency.example".into(),
            label: None,
            created_at: "2026-12-01T08:00:00Z".into(),
            expires_at: Some("2026-12-05T08:00:00Z".into()),
            revoked_at: None,
            last_used_at: None,
        };
        let now = DateTime::parse_from_rfc3339("2026-12-07T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .expect("time");
        let row = token_row(&token, now, Locale::En);
        assert_eq!(row[0], "7");
        assert_eq!(row[2], "");
        assert_eq!(row[4], "5 December 2026, 08:00 UTC");
        assert_eq!(row[5], "");
        assert_eq!(row[6], "expired");
        let admin = User {
            email: "boss@agency.example".into(),
            role: Role::Admin,
            clients: vec![],
            created_at: "2026-12-01T08:00:00Z".into(),
        };
        assert_eq!(
            user_row(&admin, Locale::En)[1..3],
            ["agency admin".to_owned(), "every client".to_owned()]
        );
    }
}
