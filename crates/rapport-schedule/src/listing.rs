//! Schedules in words, for every front end that lists them: the rule in a
//! few words (`every month, day 1 at 08:00 Europe/Bucharest`) and a
//! schedule as a row of a list, in the reader's language.

use chrono::{DateTime, Utc};
use rapport_app::words::Locale;
use rapport_report::messages;
use rapport_store::{Every, Schedule, ScheduleSpec, Workspace};

use crate::when::Rule;

/// The message ids of a schedule list's columns, in the order of
/// [`row`]'s cells.
pub const COLUMNS: [&str; 5] = [
    "cli-column-id",
    "cli-column-client",
    "cli-column-when",
    "cli-column-next-due",
    "cli-column-deliver-to",
];

/// A schedule's rule in a few words: `every quarter, day 5 at 09:00
/// Europe/Bucharest, with approval`.
pub fn rule_words(spec: &ScheduleSpec, locale: Locale) -> String {
    let every = match spec.every {
        Every::Month => "month",
        Every::Quarter => "quarter",
    };
    messages::text(
        locale,
        "cli-schedule-rule",
        &[
            ("every", every.into()),
            (
                "day",
                rapport_locale::numbers::plain(i64::from(spec.day), locale).into(),
            ),
            ("at", at_words(&spec.at, locale).into()),
            ("timezone", spec.timezone.as_str().into()),
            ("approval", if spec.approval { "yes" } else { "no" }.into()),
        ],
    )
}

/// A schedule's time of day in the locale's digits (`۰۹:۳۰`); a time
/// a hand-edited catalog broke is shown as it is.
fn at_words(at: &str, locale: Locale) -> String {
    use chrono::Timelike;
    crate::when::parse_time(at).map_or_else(
        || at.to_owned(),
        |t| rapport_locale::numbers::clock(t.hour(), t.minute(), locale),
    )
}

/// When a schedule falls due next after `now`, as its local date and
/// time (`2026-11-01 08:00`), or empty for a schedule whose rule a
/// hand-edited catalogue broke (`schedule run` names the fault).
pub fn next_due(ws: &Workspace, schedule: &Schedule, now: DateTime<Utc>) -> String {
    let calendar = ws.calendar(&schedule.spec.client_id).unwrap_or_default();
    Rule::of(&schedule.spec, calendar)
        .map(|r| r.next(now).local.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A schedule as a row of words, one per [`COLUMNS`]: its id, client,
/// rule, next due time and where it delivers (the addresses, then the
/// transport).
pub fn row(ws: &Workspace, schedule: &Schedule, now: DateTime<Utc>, locale: Locale) -> [String; 5] {
    let spec = &schedule.spec;
    let to = if spec.mail_to.is_empty() {
        spec.deliver.clone()
    } else {
        format!("{} ({})", spec.mail_to.join(", "), spec.deliver)
    };
    [
        schedule.id.to_string(),
        spec.client_id.clone(),
        rule_words(spec, locale),
        next_due(ws, schedule, now),
        to,
    ]
}
