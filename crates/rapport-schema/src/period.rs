//! Reporting periods: what `--period 2026-10` means, in the workspace's time
//! zone, and the comparison periods METRICS.md puts next to every number.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

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

/// A calendar period `[start, end)` of local dates, e.g. October 2026.
///
/// Periods are local dates because a report for "October" means October in
/// the client's time zone; [`Period::instants`] turns them into UTC instants
/// only when a query needs them, so a period that crosses a DST change is
/// still exactly its calendar days (23 or 25 hours for the changing day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    /// First day in the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
}

/// A period label that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{label}` is not a period: use a month (2026-10), a quarter (2026-Q3), a year (2026), an ISO week (2026-W41) or a date range (2026-08-01..2026-10-31){detail}"
)]
pub struct InvalidPeriod {
    pub label: String,
    pub detail: String,
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

impl FromStr for Period {
    type Err = InvalidPeriod;

    fn from_str(label: &str) -> Result<Self, Self::Err> {
        let bad = |detail: &str| InvalidPeriod {
            label: label.to_owned(),
            detail: detail.to_owned(),
        };
        let label = label.trim();
        if let Some((a, b)) = label.split_once("..") {
            let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d");
            let (Ok(a), Ok(b)) = (parse(a), parse(b)) else {
                return Err(bad("; a range is two dates YYYY-MM-DD joined by `..`"));
            };
            if b < a {
                return Err(bad("; the range ends before it starts"));
            }
            return Ok(Period {
                kind: PeriodKind::Range,
                start: a,
                end: b + Duration::days(1),
            });
        }
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let Some((y, rest)) = label.split_once('-') else {
            let y = year(label).ok_or_else(|| bad(""))?;
            let start = date(y, 1, 1).ok_or_else(|| bad(""))?;
            return Ok(Period {
                kind: PeriodKind::Year,
                start,
                end: date(y + 1, 1, 1).ok_or_else(|| bad(""))?,
            });
        };
        let y = year(y).ok_or_else(|| bad(""))?;
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(q) = rest.strip_prefix('Q') {
            let q = number(q)
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| bad("; quarters are Q1 to Q4"))?;
            let start = date(y, (q - 1) * 3 + 1, 1).ok_or_else(|| bad(""))?;
            return Ok(Period {
                kind: PeriodKind::Quarter,
                start,
                end: start + Months::new(3),
            });
        }
        if let Some(w) = rest.strip_prefix('W') {
            let start = number(w)
                .and_then(|w| NaiveDate::from_isoywd_opt(y, w, Weekday::Mon))
                .ok_or_else(|| bad(&format!("; {y} has ISO weeks W01 to W{}", weeks_in(y))))?;
            return Ok(Period {
                kind: PeriodKind::Week,
                start,
                end: start + Duration::days(7),
            });
        }
        let m = number(rest)
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| bad("; months are 01 to 12"))?;
        let start = date(y, m, 1).ok_or_else(|| bad(""))?;
        Ok(Period {
            kind: PeriodKind::Month,
            start,
            end: start + Months::new(1),
        })
    }
}

fn weeks_in(year: i32) -> u32 {
    date(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.start;
        match self.kind {
            PeriodKind::Month => write!(f, "{}-{:02}", s.year(), s.month()),
            PeriodKind::Quarter => write!(f, "{}-Q{}", s.year(), s.month0() / 3 + 1),
            PeriodKind::Year => write!(f, "{}", s.year()),
            PeriodKind::Week => {
                let w = s.iso_week();
                write!(f, "{}-W{:02}", w.year(), w.week())
            }
            PeriodKind::Range => write!(f, "{}..{}", s, self.last_day()),
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
    /// week; for a date range, the same number of days ending where this
    /// one starts.
    pub fn previous(&self) -> Period {
        let (start, end) = match self.kind {
            PeriodKind::Month => (self.start - Months::new(1), self.start),
            PeriodKind::Quarter => (self.start - Months::new(3), self.start),
            PeriodKind::Year => (self.start - Months::new(12), self.start),
            PeriodKind::Week | PeriodKind::Range => {
                (self.start - Duration::days(self.days()), self.start)
            }
        };
        Period {
            kind: self.kind,
            start,
            end,
        }
    }

    /// The same period one year earlier. An ISO week maps to the week of the
    /// same number (52 or 53 weeks back), so weekdays line up.
    pub fn year_ago(&self) -> Period {
        match self.kind {
            PeriodKind::Week => {
                let w = self.start.iso_week();
                let number = w.week().min(weeks_in(w.year() - 1));
                let start = NaiveDate::from_isoywd_opt(w.year() - 1, number, Weekday::Mon)
                    .unwrap_or(self.start - Duration::days(364));
                Period {
                    kind: self.kind,
                    start,
                    end: start + Duration::days(7),
                }
            }
            _ => Period {
                kind: self.kind,
                start: self.start - Months::new(12),
                end: self.end - Months::new(12),
            },
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

    fn p(s: &str) -> Period {
        s.parse().unwrap()
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
}
