//! Discrete transaction opportunities for BG/BB (MODELS.md, "Discrete-time:
//! BG/BB"): calendar periods of the time unit.
//!
//! A customer's first purchase falls in period 0 (the trial, as the first
//! purchase is in BG/NBD); each later *complete* period before the
//! calibration end is one opportunity, and a customer transacted at an
//! opportunity when they bought at least once in that period, whatever the
//! number of orders. Periods are calendar ones (ISO weeks from Monday,
//! calendar months and years) so that every customer's opportunities are
//! the same periods a report shows.

use chrono::{Datelike, NaiveDate};

use crate::orders::{CustomerDays, day_date, day_number};
use crate::{Error, Result, TimeUnit};

/// The index of the calendar period of `unit` that holds `day` (a day
/// number from [`day_number`]); consecutive periods have consecutive indices.
pub(crate) fn period_index(day: i32, unit: TimeUnit) -> i32 {
    match unit {
        TimeUnit::Day => day,
        // Day 1 of the common era, 0001-01-01, is a Monday.
        TimeUnit::Week => (day - 1).div_euclid(7),
        TimeUnit::Month => {
            let d = day_date(day);
            d.year() * 12 + d.month0() as i32
        }
        TimeUnit::Year => day_date(day).year(),
    }
}

/// The first day of period `index` of `unit`.
pub(crate) fn period_start(index: i32, unit: TimeUnit) -> NaiveDate {
    let date = match unit {
        TimeUnit::Day => return day_date(index),
        TimeUnit::Week => return day_date(index * 7 + 1),
        TimeUnit::Month => {
            NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        }
        TimeUnit::Year => NaiveDate::from_ymd_opt(index, 1, 1),
    };
    date.unwrap_or(NaiveDate::MIN)
}

/// `day` as the start of its period, or an error saying which option is not
/// on a period boundary: opportunities are whole periods, so a calibration
/// or holdout end inside one would cut an opportunity in two.
pub(crate) fn aligned(day: NaiveDate, unit: TimeUnit, option: &str) -> Result<i32> {
    let index = period_index(day_number(day), unit);
    let start = period_start(index, unit);
    if start == day {
        return Ok(index);
    }
    let next = period_start(index + 1, unit);
    Err(Error::Options(format!(
        "{option} {day} is not the start of a {unit}: BG/BB counts whole {unit}s as opportunities, so use {start} or {next}",
        unit = unit.name()
    )))
}

/// One customer's opportunities: `(x, t_x, n)` in periods, the mean value
/// of the periods with a repeat transaction, and the holdout periods with
/// a transaction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Opportunities {
    pub x: u32,
    pub t_x: u32,
    pub n: u32,
    pub monetary_value: f64,
    pub holdout_transactions: u64,
}

/// Summarises a customer over the periods before `end` (an exclusive period
/// index); `holdout_end` counts the periods from `end` up to it. `None` for
/// a customer whose first purchase is not before `end`.
pub(crate) fn summarise(
    c: &CustomerDays,
    end: i32,
    holdout_end: Option<i32>,
    unit: TimeUnit,
) -> Option<Opportunities> {
    // Days are sorted, so periods are too: merge each period's days.
    let mut periods: Vec<(i32, f64)> = Vec::with_capacity(c.days.len());
    for &(day, amount) in &c.days {
        let p = period_index(day, unit);
        match periods.last_mut() {
            Some(last) if last.0 == p => last.1 += amount,
            _ => periods.push((p, amount)),
        }
    }
    let in_cal = &periods[..periods.partition_point(|p| p.0 < end)];
    let (first, last) = (in_cal.first()?.0, in_cal.last()?.0);
    let x = in_cal.len() - 1;
    let repeat_total: f64 = in_cal[1..].iter().map(|p| p.1).sum();
    let count = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Some(Opportunities {
        x: count(x as i64),
        t_x: count(i64::from(last) - i64::from(first)),
        // Periods first + 1 … end − 1: none for a customer whose first
        // purchase is in the last whole period.
        n: count(i64::from(end) - i64::from(first) - 1),
        monetary_value: if x > 0 { repeat_total / x as f64 } else { 0.0 },
        holdout_transactions: holdout_end.map_or(0, |h| {
            periods[in_cal.len()..].partition_point(|p| p.0 < h) as u64
        }),
    })
}

/// Whole opportunities in a horizon of `days` (at least one).
///
/// # Errors
/// A horizon shorter than half an opportunity, which would round to none.
pub(crate) fn horizon_opportunities(days: f64, unit: TimeUnit, horizon: &str) -> Result<u32> {
    let n = (days / unit.days()).round();
    if n < 1.0 {
        return Err(Error::Options(format!(
            "--horizon {horizon} is shorter than one {unit}, the BG/BB opportunity; give a longer horizon or a shorter --time-unit",
            unit = unit.name()
        )));
    }
    Ok(n.min(f64::from(u32::MAX)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_are_calendar_weeks_months_and_years() {
        for unit in [
            TimeUnit::Day,
            TimeUnit::Week,
            TimeUnit::Month,
            TimeUnit::Year,
        ] {
            let mut previous = period_index(day_number(date("2023-12-20")), unit);
            for day in day_number(date("2023-12-21"))..day_number(date("2026-03-10")) {
                let p = period_index(day, unit);
                assert!(p == previous || p == previous + 1, "{unit:?} day {day}");
                // A period starts exactly on the day its index changes.
                assert_eq!(p != previous, period_start(p, unit) == day_date(day));
                previous = p;
            }
        }
        assert_eq!(
            period_start(
                period_index(day_number(date("2026-11-26")), TimeUnit::Week),
                TimeUnit::Week
            )
            .weekday(),
            Weekday::Mon
        );
        assert_eq!(
            period_start(
                period_index(day_number(date("2026-11-26")), TimeUnit::Month),
                TimeUnit::Month
            ),
            date("2026-11-01")
        );
    }

    #[test]
    fn opportunities_count_periods_with_a_purchase_not_orders() {
        // Months: first purchase in Jan (trial), two orders in Mar, one in
        // Apr; calibration ends at June's start; holdout June–July.
        let days = [
            ("2026-01-15", 10.0),
            ("2026-03-02", 20.0),
            ("2026-03-30", 30.0),
            ("2026-04-10", 40.0),
            ("2026-06-05", 5.0),
            ("2026-08-01", 7.0),
        ];
        let c = CustomerDays {
            id: "c".into(),
            days: days
                .iter()
                .map(|(d, a)| (day_number(date(d)), *a))
                .collect(),
        };
        let unit = TimeUnit::Month;
        let end = aligned(date("2026-06-01"), unit, "--calibration-end").unwrap();
        let h = aligned(date("2026-08-01"), unit, "--holdout-end").unwrap();
        let o = summarise(&c, end, Some(h), unit).unwrap();
        assert_eq!(
            (o.x, o.t_x, o.n),
            (2, 3, 4),
            "Feb–May are the opportunities"
        );
        assert_eq!(o.monetary_value, 45.0, "(20 + 30 + 40) / 2 periods");
        assert_eq!(o.holdout_transactions, 1, "June only; August is after");
        let err = aligned(date("2026-06-15"), unit, "--calibration-end").unwrap_err();
        assert!(
            err.to_string().contains("2026-06-01 or 2026-07-01"),
            "{err}"
        );
        assert!(
            summarise(
                &c,
                period_index(day_number(date("2026-01-20")), unit),
                None,
                unit
            )
            .is_none()
        );
    }

    #[test]
    fn a_horizon_is_whole_opportunities() {
        assert_eq!(
            horizon_opportunities(365.25, TimeUnit::Month, "12m").unwrap(),
            12
        );
        assert_eq!(
            horizon_opportunities(365.25, TimeUnit::Year, "1y").unwrap(),
            1
        );
        assert!(horizon_opportunities(90.0, TimeUnit::Year, "90d").is_err());
    }
}
