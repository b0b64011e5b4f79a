//! A client's calendar: which months, quarters, years and weeks its
//! periods are made of.
//!
//! Most clients count in Gregorian months and ISO weeks. Iranian businesses
//! keep the Solar Hijri calendar: their year starts at Nowruz (1 Farvardin,
//! 20 or 21 March), their months are the six 31-day months Farvardin to
//! Shahrivar, five of 30 days and Esfand of 29 or 30, and their week starts
//! on Saturday. "Aban 1405" is 23 October to 21 November 2026, so a
//! Gregorian month boundary inside a Persian client's report would be the
//! wrong month. The day arithmetic is ICU4X's (`icu_calendar`), whose
//! Persian calendar follows the official astronomical leap years (1403 is a
//! leap year, which the older 2820-year rule gets wrong); we only map its
//! dates to and from the `NaiveDate` everything else works in.
//!
//! Weeks generalise ISO 8601 to any first weekday and any calendar: a week
//! belongs to the year that holds its fourth day, so week 1 is the first
//! week with at least four days in the year. For a Gregorian calendar with
//! weeks from Monday these are exactly the ISO weeks.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use icu_calendar::Date;
use icu_calendar::cal::Persian;
use icu_calendar::types::RataDie;
use serde::{Deserialize, Serialize};

/// The calendar systems a client can keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CalendarSystem {
    #[default]
    Gregorian,
    /// The Solar Hijri (Persian, Jalali) calendar of Iran and Afghanistan.
    SolarHijri,
}

/// A calendar name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a calendar: use `gregorian` or `solar-hijri` (the Persian calendar, also called Jalali)"
)]
pub struct UnknownCalendar(pub String);

impl CalendarSystem {
    /// The name in settings and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CalendarSystem::Gregorian => "gregorian",
            CalendarSystem::SolarHijri => "solar-hijri",
        }
    }

    /// The first day of the week where the calendar is kept: Saturday in
    /// Iran, Monday (ISO 8601) elsewhere.
    pub fn usual_week_start(self) -> Weekday {
        match self {
            CalendarSystem::Gregorian => Weekday::Mon,
            CalendarSystem::SolarHijri => Weekday::Sat,
        }
    }

    /// The years a period label may name. A Solar Hijri year outside them
    /// is almost surely a Gregorian year typed by habit (`2026-10` for a
    /// client whose October is `1405-07`/`1405-08`).
    pub(crate) fn years(self) -> std::ops::RangeInclusive<i32> {
        match self {
            CalendarSystem::Gregorian => 1000..=9998,
            CalendarSystem::SolarHijri => 1200..=1599,
        }
    }
}

impl fmt::Display for CalendarSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CalendarSystem {
    type Err = UnknownCalendar;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "gregorian" | "iso" => Ok(CalendarSystem::Gregorian),
            "solar-hijri" | "persian" | "jalali" | "shamsi" => Ok(CalendarSystem::SolarHijri),
            _ => Err(UnknownCalendar(s.to_owned())),
        }
    }
}

/// A weekday name that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a day of the week: use monday, saturday, sunday, …")]
pub struct UnknownWeekday(pub String);

/// Reads `saturday`, `Sat`, `sat` as a weekday.
pub fn parse_weekday(s: &str) -> Result<Weekday, UnknownWeekday> {
    s.trim()
        .parse::<Weekday>()
        .map_err(|_| UnknownWeekday(s.to_owned()))
}

/// The lowercase English name of a weekday, as settings write it.
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A client's calendar: its system and the first day of its week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Calendar {
    pub system: CalendarSystem,
    pub week_start: Weekday,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::ISO
    }
}

/// A date as a calendar writes it: year, month (1–12) and day (1–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The rata die (day 1 = 0001-01-01) ICU4X counts in; chrono counts the
/// same days from the same origin.
fn rata_die(d: NaiveDate) -> RataDie {
    RataDie::new(i64::from(d.num_days_from_ce()))
}

fn from_rata_die(rd: RataDie) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd.to_i64_date()).ok()?)
}

impl Calendar {
    /// Gregorian months and ISO 8601 weeks from Monday.
    pub const ISO: Calendar = Calendar {
        system: CalendarSystem::Gregorian,
        week_start: Weekday::Mon,
    };

    /// The Solar Hijri calendar with weeks from Saturday, as kept in Iran.
    pub const SOLAR_HIJRI: Calendar = Calendar {
        system: CalendarSystem::SolarHijri,
        week_start: Weekday::Sat,
    };

    /// A system with its usual first weekday.
    pub fn usual(system: CalendarSystem) -> Calendar {
        Calendar {
            system,
            week_start: system.usual_week_start(),
        }
    }

    /// This calendar with what a user changed: a new system without a week
    /// start takes that system's usual one (Saturday for Solar Hijri); a
    /// week start alone keeps the system.
    pub fn changed(self, system: Option<CalendarSystem>, week_start: Option<Weekday>) -> Calendar {
        let base = match system {
            Some(s) if s != self.system => Calendar::usual(s),
            _ => self,
        };
        Calendar {
            week_start: week_start.unwrap_or(base.week_start),
            ..base
        }
    }

    /// `d` in this calendar.
    pub fn date_of(self, d: NaiveDate) -> CalendarDate {
        match self.system {
            CalendarSystem::Gregorian => CalendarDate {
                year: d.year(),
                month: d.month(),
                day: d.day(),
            },
            CalendarSystem::SolarHijri => {
                let p = Date::from_rata_die(rata_die(d), Persian);
                CalendarDate {
                    year: p.year().extended_year(),
                    month: u32::from(p.month().ordinal),
                    day: u32::from(p.day_of_month().0),
                }
            }
        }
    }

    /// The day written `year-month-day` in this calendar, if there is one.
    pub fn date(self, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        match self.system {
            CalendarSystem::Gregorian => NaiveDate::from_ymd_opt(year, month, day),
            CalendarSystem::SolarHijri => {
                let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
                let p = Date::try_new_persian(year, month, day).ok()?;
                from_rata_die(p.to_rata_die())
            }
        }
    }

    /// Months since month 1 of year 0 of this calendar: consecutive months
    /// have consecutive indices, whatever their lengths.
    pub fn month_index(self, d: NaiveDate) -> i64 {
        let c = self.date_of(d);
        i64::from(c.year) * 12 + i64::from(c.month) - 1
    }

    /// The first day of month `index` (see [`Calendar::month_index`]).
    pub fn month_start(self, index: i64) -> Option<NaiveDate> {
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        self.date(year, index.rem_euclid(12) as u32 + 1, 1)
    }

    /// `d` moved by `months` calendar months, keeping its day of the month
    /// where the target month has it and taking the month's last day where
    /// it does not (31 Farvardin → 30 Mehr; 31 March → 28 February).
    pub fn add_months(self, d: NaiveDate, months: i64) -> Option<NaiveDate> {
        let index = self.month_index(d) + months;
        let start = self.month_start(index)?;
        let next = self.month_start(index + 1)?;
        let last = (next - start).num_days() as u32;
        let day = self.date_of(d).day.min(last);
        start.checked_add_signed(Duration::days(i64::from(day) - 1))
    }

    /// Weeks since a week-start day near the start of the common era:
    /// consecutive weeks have consecutive indices.
    pub fn week_index(self, d: NaiveDate) -> i64 {
        // 0001-01-01 (day 1 from CE) is a Monday.
        let since_monday = i64::from(d.num_days_from_ce()) - 1;
        let shift = i64::from(self.week_start.num_days_from_monday());
        (since_monday - shift).div_euclid(7)
    }

    /// The first day of week `index` (see [`Calendar::week_index`]).
    pub fn week_start_day(self, index: i64) -> Option<NaiveDate> {
        let shift = i64::from(self.week_start.num_days_from_monday());
        let days = i32::try_from(index * 7 + shift + 1).ok()?;
        NaiveDate::from_num_days_from_ce_opt(days)
    }

    /// The first day of the week that holds `d`.
    pub fn week_of(self, d: NaiveDate) -> NaiveDate {
        let back =
            (7 + d.weekday().num_days_from_monday() - self.week_start.num_days_from_monday()) % 7;
        d - Duration::days(i64::from(back))
    }

    /// The week year and week number of `d` (ISO 8601's rule: a week is in
    /// the year that holds its fourth day).
    pub fn week_number(self, d: NaiveDate) -> (i32, u32) {
        let start = self.week_of(d);
        let year = self.date_of(start + Duration::days(3)).year;
        let first = self.first_week(year).unwrap_or(start);
        (year, ((start - first).num_days() / 7) as u32 + 1)
    }

    /// The first day of week 1 of `year`: the week holding the year's
    /// fourth day.
    fn first_week(self, year: i32) -> Option<NaiveDate> {
        Some(self.week_of(self.date(year, 1, 4)?))
    }

    /// How many weeks `year` has (52 or 53).
    pub fn weeks_in(self, year: i32) -> u32 {
        match (self.first_week(year), self.first_week(year + 1)) {
            (Some(a), Some(b)) => ((b - a).num_days() / 7) as u32,
            _ => 52,
        }
    }

    /// The first day of week `week` of `year`, if the year has it.
    pub fn week_date(self, year: i32, week: u32) -> Option<NaiveDate> {
        if week == 0 || week > self.weeks_in(year) {
            return None;
        }
        self.first_week(year)?
            .checked_add_signed(Duration::weeks(i64::from(week) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    /// Known Solar Hijri dates with their Gregorian days: Nowruz of several
    /// years, the leap day of 1403 and month starts (calendar of the
    /// University of Tehran's Institute of Geophysics).
    const KNOWN: &[(i32, u32, u32, &str)] = &[
        (1396, 1, 1, "2017-03-21"),
        (1399, 1, 1, "2020-03-20"),
        (1399, 12, 30, "2021-03-20"),
        (1400, 1, 1, "2021-03-21"),
        (1402, 1, 1, "2023-03-21"),
        (1403, 1, 1, "2024-03-20"),
        (1403, 12, 30, "2025-03-20"),
        (1404, 1, 1, "2025-03-21"),
        (1404, 10, 1, "2025-12-22"),
        (1404, 12, 29, "2026-03-20"),
        (1405, 1, 1, "2026-03-21"),
        (1405, 7, 1, "2026-09-23"),
        (1405, 8, 1, "2026-10-23"),
        (1405, 9, 1, "2026-11-22"),
    ];

    #[test]
    fn solar_hijri_dates_match_the_known_table_both_ways() {
        let c = Calendar::SOLAR_HIJRI;
        for &(y, m, d, g) in KNOWN {
            assert_eq!(c.date(y, m, d), Some(day(g)), "{y}-{m}-{d}");
            let back = c.date_of(day(g));
            assert_eq!((back.year, back.month, back.day), (y, m, d), "{g}");
        }
        // 1403 is a leap year (Esfand has 30 days), 1404 is not.
        assert!(c.date(1403, 12, 30).is_some());
        assert_eq!(c.date(1404, 12, 30), None);
        assert_eq!(c.date(1405, 7, 31), None, "Mehr has 30 days");
        assert_eq!(c.date(1405, 13, 1), None);
        assert_eq!(c.date(1405, 0, 1), None);
    }

    #[test]
    fn month_arithmetic_walks_real_month_lengths() {
        let c = Calendar::SOLAR_HIJRI;
        let aban = c.month_index(day("2026-10-23"));
        assert_eq!(c.month_start(aban), Some(day("2026-10-23")));
        assert_eq!(c.month_start(aban + 1), Some(day("2026-11-22")));
        assert_eq!(c.month_start(aban - 7), Some(day("2026-03-21")));
        // 31 Shahrivar 1405 plus one month is the last day of Mehr.
        let shahrivar_31 = c.date(1405, 6, 31).expect("a day");
        assert_eq!(c.add_months(shahrivar_31, 1), c.date(1405, 7, 30));
        // Gregorian: 31 March minus a month is the end of February.
        assert_eq!(
            Calendar::ISO.add_months(day("2026-03-31"), -1),
            Some(day("2026-02-28"))
        );
    }

    #[test]
    fn gregorian_weeks_from_monday_are_iso_weeks() {
        let c = Calendar::ISO;
        let mut d = day("1999-12-01");
        while d < day("2031-01-10") {
            let iso = d.iso_week();
            assert_eq!(c.week_number(d), (iso.year(), iso.week()), "{d}");
            assert_eq!(c.week_index(c.week_of(d)), c.week_index(d));
            d += Duration::days(3);
        }
        assert_eq!(c.weeks_in(2026), 53);
        assert_eq!(c.weeks_in(2025), 52);
    }

    #[test]
    fn persian_weeks_start_on_saturday_and_number_from_nowruz() {
        let c = Calendar::SOLAR_HIJRI;
        // Saturday 2026-10-24 starts a week; Friday the 23rd ends one.
        assert_eq!(c.week_of(day("2026-10-23")), day("2026-10-17"));
        assert_eq!(c.week_of(day("2026-10-24")), day("2026-10-24"));
        assert_eq!(
            c.week_start_day(c.week_index(day("2026-10-29"))),
            Some(day("2026-10-24"))
        );
        // Nowruz 1405 is Saturday 2026-03-21, so week 1 starts that day.
        assert_eq!(c.week_date(1405, 1), Some(day("2026-03-21")));
        assert_eq!(c.week_number(day("2026-03-27")), (1405, 1));
        assert_eq!(c.week_number(day("2026-03-20")).0, 1404);
        for year in 1390..1420 {
            let weeks = c.weeks_in(year);
            assert!(weeks == 52 || weeks == 53, "{year}: {weeks}");
            let last = c.week_date(year, weeks).expect("last week");
            assert_eq!(c.week_number(last), (year, weeks));
            assert_eq!(c.week_date(year, weeks + 1), None);
        }
    }

    #[test]
    fn a_changed_system_brings_its_usual_week_unless_one_is_given() {
        let iso = Calendar::ISO;
        assert_eq!(iso.changed(None, None), iso);
        let sh = iso.changed(Some(CalendarSystem::SolarHijri), None);
        assert_eq!(sh, Calendar::SOLAR_HIJRI);
        let sunday = iso.changed(Some(CalendarSystem::SolarHijri), Some(Weekday::Sun));
        assert_eq!(sunday.week_start, Weekday::Sun);
        // The same system again keeps a chosen week start.
        assert_eq!(
            sunday.changed(Some(CalendarSystem::SolarHijri), None),
            sunday
        );
        assert_eq!(
            sunday.changed(None, Some(Weekday::Sat)),
            Calendar::SOLAR_HIJRI
        );
    }

    #[test]
    fn names_parse() {
        assert_eq!("Solar-Hijri".parse(), Ok(CalendarSystem::SolarHijri));
        assert_eq!("jalali".parse(), Ok(CalendarSystem::SolarHijri));
        assert_eq!("gregorian".parse(), Ok(CalendarSystem::Gregorian));
        let e = "julian".parse::<CalendarSystem>().unwrap_err().to_string();
        assert!(e.contains("solar-hijri"), "{e}");
        assert_eq!(parse_weekday("saturday"), Ok(Weekday::Sat));
        assert!(parse_weekday("caturday").is_err());
        assert_eq!(weekday_name(Weekday::Sat), "saturday");
    }
}
