//! Property tests of the period parser: whatever a user types is a period
//! or an error that says what a period looks like, never a panic; and
//! every period reads back from its own label. Cases per property: 256 in
//! CI; `PROPTEST_CASES=100000 scripts/test period` runs more.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use rapport_schema::Period;
use rapport_schema::period::PeriodKind;

proptest! {
    #[test]
    fn any_text_is_a_period_or_an_error(label in any::<String>()) {
        if let Err(e) = label.parse::<Period>() {
            prop_assert!(e.to_string().contains("is not a period"));
        }
    }

    #[test]
    fn text_shaped_like_a_period_never_panics(
        label in r"[+-]?[0-9]{1,7}(-([0-9]{1,3}|Q[0-9]{1,2}|W[0-9]{1,3}))?",
        range in r"[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}\.\.[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}",
    ) {
        for text in [label, range] {
            if let Ok(p) = text.parse::<Period>() {
                prop_assert!(p.start < p.end, "{text}: {p:?}");
            }
        }
    }

    #[test]
    fn every_period_reads_back_from_its_label(
        year in 1000i32..=9998,
        pick in 0u32..4,
        n in 1u32..=53,
        days in 0i64..400,
    ) {
        let label = match pick {
            0 => format!("{year}-{:02}", (n - 1) % 12 + 1),
            1 => format!("{year}-Q{}", (n - 1) % 4 + 1),
            2 => format!("{year}"),
            _ => {
                let a = NaiveDate::from_ymd_opt(year, 1, 1).expect("a date")
                    + chrono::Duration::days(i64::from(n) * 5);
                format!("{a}..{}", a + chrono::Duration::days(days))
            }
        };
        let p: Period = label.parse().expect("a valid label");
        prop_assert!(p.start < p.end);
        let again: Period = p.to_string().parse().expect("its own label");
        prop_assert_eq!(&again, &p);
        if p.kind == PeriodKind::Month {
            prop_assert_eq!(p.start.day(), 1);
        }
    }

    #[test]
    fn every_iso_week_reads_back(year in 1000i32..=9998, week in 1u32..=53) {
        let label = format!("{year}-W{week:02}");
        match label.parse::<Period>() {
            Ok(p) => {
                prop_assert_eq!((p.end - p.start).num_days(), 7);
                prop_assert_eq!(p.to_string(), label);
            }
            // Only week 53 of a 52-week year is refused.
            Err(_) => prop_assert_eq!(week, 53),
        }
    }
}

proptest! {
    /// The same in the Solar Hijri calendar: every month, quarter, year,
    /// week and range reads back from its own label, a month starts on its
    /// first day, and the months before and after touch it.
    #[test]
    fn every_solar_hijri_period_reads_back(
        year in 1200i32..=1598,
        pick in 0u32..5,
        n in 1u32..=53,
        days in 0i64..400,
    ) {
        use rapport_schema::Calendar;
        let cal = Calendar::SOLAR_HIJRI;
        let label = match pick {
            0 => format!("{year}-{:02}", (n - 1) % 12 + 1),
            1 => format!("{year}-Q{}", (n - 1) % 4 + 1),
            2 => format!("{year}"),
            3 => format!("{year}-W{:02}", (n - 1) % 52 + 1),
            _ => {
                let a = cal.date(year, 1, 1).expect("Nowruz")
                    + chrono::Duration::days(i64::from(n) * 5);
                let b = a + chrono::Duration::days(days);
                let (a, b) = (cal.date_of(a), cal.date_of(b));
                format!("{a}..{b}")
            }
        };
        let p = cal.period(&label).expect("a valid label");
        prop_assert!(p.start < p.end);
        prop_assert_eq!(p.to_string(), label.clone());
        prop_assert_eq!(cal.period(&p.to_string()).expect("its own label"), p.clone());
        prop_assert_eq!(p.previous().end, p.start);
        prop_assert_eq!(p.next().start, p.end);
        if p.kind == PeriodKind::Month {
            prop_assert_eq!(cal.date_of(p.start).day, 1);
            prop_assert!((29..=31).contains(&p.days()), "{}", label);
        }
    }
}
