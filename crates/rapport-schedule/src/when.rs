//! When a schedule falls due, and for which period.
//!
//! A schedule falls due on its day of the month (of the quarter's first
//! month, for quarterly schedules) at its local time, in its time zone. A
//! day the month lacks (the 31st in April) is the month's last day. A
//! local time the clocks skip when DST starts is the first time after it
//! that exists; a time the clocks pass twice when DST ends is the first
//! pass (`rapport_schema::period::local_instant`). The report's period is
//! the last whole month or quarter before the local day it falls due, so
//! a report due on 1 November 00:30 in Bucharest is October's even though
//! it is still 31 October in UTC. Months and quarters are the client's
//! calendar's: a monthly schedule of a client on the Solar Hijri calendar
//! falls due on the first of each Persian month (1 Aban is 23 October) and
//! reports the Persian month before it.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rapport_report::messages::Said;
use rapport_schema::period::{PeriodKind, local_instant};
use rapport_schema::{Calendar, Period};
use rapport_store::{Every, ScheduleSpec};

use crate::{Error, Result};

/// One time a schedule falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The instant.
    pub at: DateTime<Utc>,
    /// The local date and time it stands for.
    pub local: NaiveDateTime,
    /// The period its report covers.
    pub period: Period,
}

/// A schedule's rule, parsed.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    every: Every,
    day: u32,
    at: NaiveTime,
    tz: chrono_tz::Tz,
    calendar: Calendar,
}

/// Parses `HH:MM` (24-hour).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

impl Rule {
    /// The rule of a schedule of a client that keeps `calendar`, refusing
    /// values `rapport schedule add` would have refused (a catalog edited
    /// by hand).
    pub fn of(spec: &ScheduleSpec, calendar: Calendar) -> Result<Rule> {
        let at = parse_time(&spec.at).ok_or_else(|| Error::Input {
            field: "at",
            said: Said::new("error-schedule-time").with("at", spec.at.as_str()),
        })?;
        let tz = spec
            .timezone
            .parse::<chrono_tz::Tz>()
            .map_err(|_| Error::Input {
                field: "timezone",
                said: Said::new("error-schedule-timezone").with("timezone", spec.timezone.as_str()),
            })?;
        if !(1..=31).contains(&spec.day) {
            return Err(Error::Input {
                field: "day",
                said: Said::new("error-schedule-day").with("day", u64::from(spec.day)),
            });
        }
        Ok(Rule {
            every: spec.every,
            day: spec.day,
            at,
            tz,
            calendar,
        })
    }

    fn kind(self) -> PeriodKind {
        match self.every {
            Every::Month => PeriodKind::Month,
            Every::Quarter => PeriodKind::Quarter,
        }
    }

    /// The cadence step (month or quarter of the calendar) that holds `d`.
    fn step(self, d: NaiveDate) -> Period {
        self.calendar.containing(self.kind(), d)
    }

    /// When it falls due in `step`: its day of the step's first month (the
    /// month's last day when the month is shorter), at its time.
    fn due_in(self, step: &Period) -> Due {
        let month = self.calendar.containing(PeriodKind::Month, step.start);
        let day = i64::from(self.day).min(month.days());
        let date = step.start + Duration::days(day - 1);
        let local = date.and_time(self.at);
        Due {
            at: local_instant(local, self.tz),
            local,
            period: step.previous(),
        }
    }

    /// The last time it fell due at or before `now`.
    pub fn latest(self, now: DateTime<Utc>) -> Due {
        let local_today = now.with_timezone(&self.tz).date_naive();
        let mut step = self.step(local_today);
        // At most two steps back: this step's time may be still to come.
        for _ in 0..3 {
            let due = self.due_in(&step);
            if due.at <= now {
                return due;
            }
            step = step.previous();
        }
        self.due_in(&step)
    }

    /// The first time it falls due after `now`.
    pub fn next(self, now: DateTime<Utc>) -> Due {
        let latest = self.latest(now);
        self.due_in(&self.step(latest.local.date()).next())
    }

    /// The time zone its days and times are in.
    pub fn tz(self) -> chrono_tz::Tz {
        self.tz
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_store::HtmlMode;

    fn spec(every: Every, day: u32, at: &str, tz: &str) -> ScheduleSpec {
        ScheduleSpec {
            client_id: "acme".to_owned(),
            every,
            day,
            at: at.to_owned(),
            timezone: tz.to_owned(),
            deliver: "/tmp".to_owned(),
            mail_from: None,
            mail_to: Vec::new(),
            html: HtmlMode::Attached,
            wait_hours: 0,
            approval: false,
            language: None,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("RFC 3339")
            .with_timezone(&Utc)
    }

    fn rule(every: Every, day: u32, at: &str, tz: &str) -> Rule {
        Rule::of(&spec(every, day, at, tz), Calendar::ISO).expect("rule")
    }

    #[test]
    fn bucharest_falls_due_at_local_time_on_both_sides_of_each_dst_change() {
        // EET (UTC+2) in winter, EEST (UTC+3) from the last Sunday of March
        // to the last Sunday of October.
        let r = rule(Every::Month, 1, "09:00", "Europe/Bucharest");
        let due = |now: &str| r.latest(utc(now));
        let march = due("2026-03-15T00:00:00Z");
        assert_eq!(march.at, utc("2026-03-01T07:00:00Z"));
        assert_eq!(march.period.to_string(), "2026-02");
        let april = due("2026-04-15T00:00:00Z");
        assert_eq!(april.at, utc("2026-04-01T06:00:00Z"));
        assert_eq!(april.period.to_string(), "2026-03");
        let november = due("2026-11-15T00:00:00Z");
        assert_eq!(november.at, utc("2026-11-01T07:00:00Z"));
        assert_eq!(november.period.to_string(), "2026-10");
        // One minute before it falls due, the previous month's is the latest.
        assert_eq!(due("2026-11-01T06:59:00Z").period.to_string(), "2026-09");
        assert_eq!(r.next(utc("2026-11-01T06:59:00Z")).at, november.at);
    }

    #[test]
    fn a_time_inside_the_change_night_is_moved_or_taken_once() {
        // 29 March 2026, Bucharest: 03:00 → 04:00. 25 October: 04:00 → 03:00.
        let spring = rule(Every::Month, 29, "03:30", "Europe/Bucharest");
        let d = spring.latest(utc("2026-03-30T00:00:00Z"));
        assert_eq!(
            d.at,
            utc("2026-03-29T01:00:00Z"),
            "04:00 EEST, the first time that exists"
        );
        let autumn = rule(Every::Month, 25, "03:30", "Europe/Bucharest");
        let d = autumn.latest(utc("2026-10-26T00:00:00Z"));
        assert_eq!(
            d.at,
            utc("2026-10-25T00:30:00Z"),
            "the first 03:30, still EEST"
        );
        // Between the two 03:30s it is due already, and only once.
        assert_eq!(autumn.latest(utc("2026-10-25T01:00:00Z")).at, d.at);
        assert_eq!(autumn.latest(utc("2026-10-25T01:31:00Z")).at, d.at);
    }

    #[test]
    fn a_zone_without_dst_keeps_its_offset_all_year() {
        // Asia/Shanghai: UTC+8, no DST.
        let r = rule(Every::Month, 1, "09:00", "Asia/Shanghai");
        for (now, at) in [
            ("2026-03-30T00:00:00Z", "2026-03-01T01:00:00Z"),
            ("2026-10-30T00:00:00Z", "2026-10-01T01:00:00Z"),
            ("2026-11-02T00:00:00Z", "2026-11-01T01:00:00Z"),
        ] {
            assert_eq!(r.latest(utc(now)).at, utc(at));
        }
    }

    #[test]
    fn month_ends_and_quarters() {
        let r = rule(Every::Month, 31, "08:00", "UTC");
        let feb = r.latest(utc("2026-03-01T00:00:00Z"));
        assert_eq!(
            feb.local.date(),
            NaiveDate::from_ymd_opt(2026, 2, 28).expect("date")
        );
        assert_eq!(feb.period.to_string(), "2026-01");
        let leap = r.latest(utc("2028-03-01T00:00:00Z"));
        assert_eq!(
            leap.local.date(),
            NaiveDate::from_ymd_opt(2028, 2, 29).expect("date")
        );
        let q = rule(Every::Quarter, 5, "08:00", "UTC");
        let jan = q.latest(utc("2027-03-31T00:00:00Z"));
        assert_eq!(jan.at, utc("2027-01-05T08:00:00Z"));
        assert_eq!(jan.period.to_string(), "2026-Q4");
        // Before the 5th of the quarter's first month, the previous one.
        let before = q.latest(utc("2027-01-04T00:00:00Z"));
        assert_eq!(before.period.to_string(), "2026-Q3");
        assert_eq!(q.next(utc("2027-01-04T00:00:00Z")).at, jan.at);
        // Midnight just after a month ends is still the day before in UTC.
        let b = rule(Every::Month, 1, "00:30", "Europe/Bucharest");
        let d = b.latest(utc("2026-10-31T23:00:00Z"));
        assert_eq!(d.at, utc("2026-10-31T22:30:00Z"));
        assert_eq!(d.period.to_string(), "2026-10");
    }

    #[test]
    fn a_solar_hijri_schedule_falls_due_on_the_first_of_each_persian_month_in_tehran() {
        let sh = Calendar::SOLAR_HIJRI;
        let tehran =
            |every, day| Rule::of(&spec(every, day, "08:00", "Asia/Tehran"), sh).expect("rule");
        let r = tehran(Every::Month, 1);
        // Iran keeps UTC+03:30 all year (no DST since 2022), so 08:00 is
        // 04:30 UTC. The first due time of 1405 is Nowruz morning.
        let mut due = r.latest(utc("2026-03-21T05:00:00Z"));
        assert_eq!(due.at, utc("2026-03-21T04:30:00Z"));
        assert_eq!(due.period.to_string(), "1404-12");
        for month in 1..=12 {
            let first = sh.date(1405, month, 1).expect("a Persian month");
            assert_eq!(
                due.local,
                first.and_hms_opt(8, 0, 0).expect("time"),
                "month {month}"
            );
            assert_eq!(due.at, local_instant(due.local, r.tz()));
            let before = sh.containing(PeriodKind::Month, first - Duration::days(1));
            assert_eq!(due.period, before, "month {month}");
            // One second before, the previous month's run is the latest.
            assert!(r.latest(due.at - Duration::seconds(1)).at < due.at);
            due = r.next(due.at);
        }
        // 1 Aban 1405 is 23 October 2026 and reports Mehr.
        let aban = r.latest(utc("2026-11-01T00:00:00Z"));
        assert_eq!(aban.at, utc("2026-10-23T04:30:00Z"));
        assert_eq!(aban.period.to_string(), "1405-07");
        // Quarterly: the first of Mehr starts the third season and reports
        // the summer, Tir to Shahrivar.
        let q = tehran(Every::Quarter, 1).latest(utc("2026-10-01T00:00:00Z"));
        assert_eq!(q.at, utc("2026-09-23T04:30:00Z"));
        assert_eq!(q.period.to_string(), "1405-Q2");
        // The 31st falls on the 30th in a 30-day month (Mehr).
        let late = tehran(Every::Month, 31).latest(utc("2026-10-23T00:00:00Z"));
        assert_eq!(late.local.date(), sh.date(1405, 7, 30).expect("30 Mehr"));
    }

    #[test]
    fn bad_rules_name_the_field() {
        for (s, field) in [
            (spec(Every::Month, 0, "08:00", "UTC"), "day"),
            (spec(Every::Month, 1, "8:00", "UTC"), "at"),
            (spec(Every::Month, 1, "24:00", "UTC"), "at"),
            (spec(Every::Month, 1, "08:00", "Mars/Olympus"), "timezone"),
        ] {
            match Rule::of(&s, Calendar::ISO) {
                Err(Error::Input { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }
}
