//! Reporting periods: what `--period 2026-10` means, in the workspace's time
//! zone, and the comparison periods METRICS.md puts next to every number.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarSystem};

/// The kinds of period a user can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Week,
    Range,
}

/// A calendar period `[start, end)` of local dates, e.g. October 2026, or
/// Aban 1405 for a client that keeps the Solar Hijri calendar.
///
/// Periods are local dates because a report for "October" means October in
/// the client's time zone; [`Period::instants`] turns them into UTC instants
/// only when a query needs them, so a period that crosses a DST change is
/// still exactly its calendar days (23 or 25 hours for the changing day).
/// The period keeps the calendar it was made in, so its label, the period
/// before it and the one a year earlier are months of that calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    /// First day in the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
    pub calendar: Calendar,
}

/// A period label that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{label}` is not a period: use {examples}{detail}", examples = examples(*.calendar))]
pub struct InvalidPeriod {
    pub label: String,
    pub detail: String,
    pub calendar: CalendarSystem,
}

fn examples(calendar: CalendarSystem) -> &'static str {
    match calendar {
        CalendarSystem::Gregorian => {
            "a month (2026-10), a quarter (2026-Q3), a year (2026), a week (2026-W41) or a date range (2026-08-01..2026-10-31)"
        }
        CalendarSystem::SolarHijri => {
            "a Solar Hijri month (1405-08 is Aban 1405), a quarter (1405-Q3), a year (1405), a week (1405-W31) or a date range (1405-08-01..1405-08-30)"
        }
    }
}

impl FromStr for Period {
    type Err = InvalidPeriod;

    /// A period of the Gregorian calendar with ISO weeks; a client's own
    /// calendar reads labels with [`Calendar::period`].
    fn from_str(label: &str) -> Result<Self, Self::Err> {
        Calendar::ISO.period(label)
    }
}

impl Calendar {
    /// The period a label names in this calendar: `1405-08` is Aban 1405 in
    /// the Solar Hijri calendar and August 1405 in the Gregorian one.
    pub fn period(self, label: &str) -> Result<Period, InvalidPeriod> {
        let bad = |detail: &str| InvalidPeriod {
            label: label.to_owned(),
            detail: detail.to_owned(),
            calendar: self.system,
        };
        let years = self.system.years();
        let out_of_range = || match self.system {
            CalendarSystem::Gregorian => String::new(),
            CalendarSystem::SolarHijri => format!(
                "; this client keeps the Solar Hijri calendar, so years run from {} to {} (2026 is mostly 1405)",
                years.start(),
                years.end()
            ),
        };
        let label = label.trim();
        let day = |s: &str| -> Option<NaiveDate> {
            let mut parts = s.trim().splitn(3, '-');
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            let short = |t: &str| t.len() <= 2;
            if y.len() != 4 || !short(m) || !short(d) || ![y, m, d].iter().all(|t| all_digits(t)) {
                return None;
            }
            self.date(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        };
        if let Some((a, b)) = label.split_once("..") {
            let (Some(a), Some(b)) = (day(a), day(b)) else {
                return Err(bad("; a range is two dates YYYY-MM-DD joined by `..`"));
            };
            if b < a {
                return Err(bad("; the range ends before it starts"));
            }
            return Ok(Period {
                kind: PeriodKind::Range,
                start: a,
                end: b + Duration::days(1),
                calendar: self,
            });
        }
        let year = |s: &str| -> Result<i32, InvalidPeriod> {
            let y: i32 = (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .ok_or_else(|| bad(""))?;
            if years.contains(&y) {
                Ok(y)
            } else {
                Err(bad(&out_of_range()))
            }
        };
        let Some((y, rest)) = label.split_once('-') else {
            let y = year(label)?;
            return self.containing_year(y).ok_or_else(|| bad(""));
        };
        let y = year(y)?;
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(q) = rest.strip_prefix('Q') {
            let q = number(q)
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| bad("; quarters are Q1 to Q4"))?;
            let start = self.date(y, (q - 1) * 3 + 1, 1).ok_or_else(|| bad(""))?;
            return Ok(self.containing(PeriodKind::Quarter, start));
        }
        if let Some(w) = rest.strip_prefix('W') {
            let start = number(w)
                .and_then(|w| self.week_date(y, w))
                .ok_or_else(|| bad(&format!("; {y} has weeks W01 to W{}", self.weeks_in(y))))?;
            return Ok(self.containing(PeriodKind::Week, start));
        }
        let m = number(rest)
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| bad("; months are 01 to 12"))?;
        let start = self.date(y, m, 1).ok_or_else(|| bad(""))?;
        Ok(self.containing(PeriodKind::Month, start))
    }

    /// The last whole month or quarter (or year, week) of this calendar
    /// that ended on or before `as_of`: what a report made that day covers.
    pub fn last_whole(self, kind: PeriodKind, as_of: NaiveDate) -> Period {
        self.containing(kind, as_of).previous()
    }

    fn containing_year(self, y: i32) -> Option<Period> {
        Some(self.containing(PeriodKind::Year, self.date(y, 1, 1)?))
    }

    /// The month, quarter, year or week of this calendar that holds `d`
    /// (a range of `kind` [`PeriodKind::Range`] is the day itself).
    pub fn containing(self, kind: PeriodKind, d: NaiveDate) -> Period {
        let months = |first: i64, n: i64| {
            let start = self.month_start(first).unwrap_or(d);
            let end = self.month_start(first + n).unwrap_or(d + Duration::days(1));
            (start, end)
        };
        let m = self.month_index(d);
        let (start, end) = match kind {
            PeriodKind::Month => months(m, 1),
            PeriodKind::Quarter => months(m - m.rem_euclid(3), 3),
            PeriodKind::Year => months(m - m.rem_euclid(12), 12),
            PeriodKind::Week => {
                let start = self.week_of(d);
                (start, start + Duration::days(7))
            }
            PeriodKind::Range => (d, d + Duration::days(1)),
        };
        Period {
            kind,
            start,
            end,
            calendar: self,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.calendar.date_of(self.start);
        match self.kind {
            PeriodKind::Month => write!(f, "{}-{:02}", c.year, c.month),
            PeriodKind::Quarter => write!(f, "{}-Q{}", c.year, (c.month - 1) / 3 + 1),
            PeriodKind::Year => write!(f, "{}", c.year),
            PeriodKind::Week => {
                let (year, week) = self.calendar.week_number(self.start);
                write!(f, "{year}-W{week:02}")
            }
            PeriodKind::Range => {
                write!(f, "{c}..{}", self.calendar.date_of(self.last_day()))
            }
        }
    }
}

/// Which period a number is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compare {
    /// The period just before, of the same kind and length.
    Previous,
    /// The same period one year earlier.
    Year,
    /// No comparison.
    None,
}

impl Period {
    /// The last day in the period (inclusive), as people write periods.
    pub fn last_day(&self) -> NaiveDate {
        self.end - Duration::days(1)
    }

    /// Number of days in the period.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// The period just before this one: the previous month, quarter, year or
    /// week of its calendar (Mehr before Aban, however long each is); for a
    /// date range, the same number of days ending where this one starts.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Range => Period {
                start: self.start - Duration::days(self.days()),
                end: self.start,
                ..self.clone()
            },
            kind => self
                .calendar
                .containing(kind, self.start - Duration::days(1)),
        }
    }

    /// The period just after this one (the counterpart of
    /// [`Period::previous`]).
    pub fn next(&self) -> Period {
        match self.kind {
            PeriodKind::Range => Period {
                start: self.end,
                end: self.end + Duration::days(self.days()),
                ..self.clone()
            },
            kind => self.calendar.containing(kind, self.end),
        }
    }

    /// The same period one year earlier in its calendar. A week maps to the
    /// week of the same number (52 or 53 weeks back), so weekdays line up.
    pub fn year_ago(&self) -> Period {
        let cal = self.calendar;
        match self.kind {
            PeriodKind::Week => {
                let (year, week) = cal.week_number(self.start);
                let number = week.min(cal.weeks_in(year - 1));
                let start = cal
                    .week_date(year - 1, number)
                    .unwrap_or(self.start - Duration::days(364));
                cal.containing(PeriodKind::Week, start)
            }
            PeriodKind::Range => Period {
                start: cal.add_months(self.start, -12).unwrap_or(self.start),
                end: cal.add_months(self.end, -12).unwrap_or(self.end),
                ..self.clone()
            },
            kind => {
                let start = cal
                    .month_start(cal.month_index(self.start) - 12)
                    .unwrap_or(self.start);
                cal.containing(kind, start)
            }
        }
    }

    /// The comparison period for `compare`, if any.
    pub fn comparison(&self, compare: Compare) -> Option<Period> {
        match compare {
            Compare::Previous => Some(self.previous()),
            Compare::Year => Some(self.year_ago()),
            Compare::None => None,
        }
    }

    /// The UTC instants `[start, end)` of the period's local days in `tz`.
    pub fn instants(&self, tz: chrono_tz::Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (local_midnight(self.start, tz), local_midnight(self.end, tz))
    }

    /// Whether the period has ended before `today` (a local date).
    pub fn is_complete(&self, today: NaiveDate) -> bool {
        self.end <= today
    }
}

/// The first instant of local day `d` in `tz`. A day that starts in a DST
/// gap (some zones skip midnight) starts at the first local time that
/// exists; an ambiguous midnight is the earlier instant.
pub fn local_midnight(d: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    local_instant(d.and_hms_opt(0, 0, 0).unwrap_or_default(), tz)
}

/// The instant of local time `t` in `tz`. A time the clocks skip (inside
/// a DST gap) is the first local time after it that exists (02:30 on a
/// night the clocks go from 02:00 to 03:00 is 03:00); a time the clocks
/// pass twice is the earlier of the two.
pub fn local_instant(t: chrono::NaiveDateTime, tz: chrono_tz::Tz) -> DateTime<Utc> {
    if let Some(x) = tz.from_local_datetime(&t).earliest() {
        return x.with_timezone(&Utc);
    }
    // Gaps last at most a few hours; step a minute at a time past it.
    let mut step = t.with_second(0).unwrap_or(t);
    for _ in 0..(6 * 60) {
        step += Duration::minutes(1);
        if let Some(x) = tz.from_local_datetime(&step).earliest() {
            return x.with_timezone(&Utc);
        }
    }
    Utc.from_utc_datetime(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn sh(s: &str) -> Period {
        Calendar::SOLAR_HIJRI.period(s).unwrap()
    }

    #[test]
    fn labels_parse_and_print_back() {
        for label in [
            "2026-10",
            "2026-Q3",
            "2026",
            "2026-W41",
            "2026-08-01..2026-10-31",
        ] {
            assert_eq!(p(label).to_string(), label);
        }
        assert_eq!(p("2026-Q3").start, date(2026, 7, 1).unwrap());
        assert_eq!(p("2026-Q3").end, date(2026, 10, 1).unwrap());
        assert_eq!(p("2026-W41").start, date(2026, 10, 5).unwrap());
        assert_eq!(p("2026-08-01..2026-10-31").days(), 92);
    }

    #[test]
    fn bad_labels_say_what_is_allowed() {
        for bad in [
            "2026-13",
            "2026-Q5",
            "2026-W54",
            "26-10",
            "2026-10-31..2026-10-01",
            "x",
        ] {
            let e = bad.parse::<Period>().unwrap_err().to_string();
            assert!(e.contains("2026-Q3"), "{bad}: {e}");
        }
        assert!(
            "2025-W53"
                .parse::<Period>()
                .unwrap_err()
                .to_string()
                .contains("W52"),
            "2025 has 52 ISO weeks"
        );
        assert!(
            "2026-W53".parse::<Period>().is_ok(),
            "2026 has 53 ISO weeks"
        );
    }

    #[test]
    fn comparisons() {
        assert_eq!(p("2026-01").previous().to_string(), "2025-12");
        assert_eq!(p("2026-Q1").previous().to_string(), "2025-Q4");
        assert_eq!(p("2026-W01").previous().to_string(), "2025-W52");
        assert_eq!(p("2026-10").year_ago().to_string(), "2025-10");
        assert_eq!(p("2026-W41").year_ago().to_string(), "2025-W41");
        assert_eq!(p("2026-W53").year_ago().to_string(), "2025-W52");
        assert_eq!(
            p("2026-08-01..2026-10-31").previous().to_string(),
            "2026-05-01..2026-07-31"
        );
        assert_eq!(p("2024-02").year_ago().to_string(), "2023-02");
    }

    #[test]
    fn periods_crossing_dst_are_their_calendar_days() {
        let tz: chrono_tz::Tz = "Europe/Bucharest".parse().unwrap();
        // October 2026: DST ends on the 25th, so the month is 31 days + 1 h.
        let (a, b) = p("2026-10").instants(tz);
        assert_eq!(a.to_rfc3339(), "2026-09-30T21:00:00+00:00");
        assert_eq!(b.to_rfc3339(), "2026-10-31T22:00:00+00:00");
        assert_eq!((b - a).num_hours(), 31 * 24 + 1);
        // March 2026: DST starts on the 29th, one hour short.
        let (a, b) = p("2026-03").instants(tz);
        assert_eq!((b - a).num_hours(), 31 * 24 - 1);
        // A zone whose midnight is skipped (Santiago, 2026-09-06 00:00 does
        // not exist) starts the day at 01:00 local.
        let tz: chrono_tz::Tz = "America/Santiago".parse().unwrap();
        let m = local_midnight(date(2026, 9, 6).unwrap(), tz);
        assert_eq!(m.with_timezone(&tz).format("%H:%M").to_string(), "01:00");
    }

    #[test]
    fn solar_hijri_periods_are_persian_months_quarters_and_years() {
        // Aban 1405 is 23 October to 21 November 2026.
        let aban = sh("1405-08");
        assert_eq!(
            (aban.start, aban.last_day()),
            (date(2026, 10, 23).unwrap(), date(2026, 11, 21).unwrap())
        );
        assert_eq!(aban.days(), 30);
        assert_eq!(aban.to_string(), "1405-08");
        assert_eq!(aban.previous().to_string(), "1405-07");
        assert_eq!(aban.previous().days(), 30, "Mehr");
        assert_eq!(aban.next().to_string(), "1405-09");
        assert_eq!(aban.year_ago().to_string(), "1404-08");
        assert_eq!(aban.year_ago().start, date(2025, 10, 23).unwrap());
        // Farvardin's previous month is Esfand of the year before: 30 days
        // in leap 1403, 29 in 1404.
        assert_eq!(sh("1404-01").previous().days(), 30);
        assert_eq!(sh("1405-01").previous().days(), 29);
        assert_eq!(sh("1405-01").previous().to_string(), "1404-12");
        // The year runs Nowruz to Nowruz; 1403 has 366 days.
        assert_eq!(sh("1403").days(), 366);
        assert_eq!(sh("1404").days(), 365);
        assert_eq!(sh("1405").start, date(2026, 3, 21).unwrap());
        // Quarters are the seasons: Q1 is spring, Farvardin to Khordad.
        let q3 = sh("1405-Q3");
        assert_eq!(
            (q3.start, q3.end),
            (date(2026, 9, 23).unwrap(), date(2026, 12, 22).unwrap())
        );
        assert_eq!(q3.previous().to_string(), "1405-Q2");
        assert_eq!(sh("1405-Q1").previous().to_string(), "1404-Q4");
        // Weeks start on Saturday; ranges are written in the calendar.
        let w = sh("1405-W31");
        assert_eq!(w.start.weekday(), chrono::Weekday::Sat);
        assert_eq!(w.to_string(), "1405-W31");
        let r = sh("1405-08-01..1405-08-30");
        assert_eq!((r.start, r.end), (aban.start, aban.end));
        assert_eq!(r.to_string(), "1405-08-01..1405-08-30");
        assert_eq!(r.previous().to_string(), "1405-07-01..1405-07-30");
    }

    #[test]
    fn a_gregorian_label_for_a_solar_hijri_client_says_which_calendar() {
        let e = Calendar::SOLAR_HIJRI
            .period("2026-10")
            .unwrap_err()
            .to_string();
        assert!(e.contains("Solar Hijri") && e.contains("1405"), "{e}");
        for bad in ["1405-13", "1405-Q5", "1404-12-30..1405-01-01", "1405-W54"] {
            let e = Calendar::SOLAR_HIJRI.period(bad).unwrap_err().to_string();
            assert!(e.contains("1405-08 is Aban 1405"), "{bad}: {e}");
        }
        assert!(
            Calendar::SOLAR_HIJRI
                .period("1403-12-30..1404-01-01")
                .is_ok()
        );
    }

    #[test]
    fn containing_finds_the_period_of_a_day() {
        let d = date(2026, 11, 1).unwrap();
        assert_eq!(
            Calendar::ISO.containing(PeriodKind::Quarter, d).to_string(),
            "2026-Q4"
        );
        assert_eq!(
            Calendar::ISO.containing(PeriodKind::Week, d).to_string(),
            "2026-W44"
        );
        assert_eq!(
            Calendar::SOLAR_HIJRI
                .containing(PeriodKind::Month, d)
                .to_string(),
            "1405-08"
        );
        assert_eq!(
            Calendar::SOLAR_HIJRI
                .containing(PeriodKind::Year, d)
                .to_string(),
            "1405"
        );
    }
}
