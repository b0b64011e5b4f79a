//! Words and numbers: how every front end writes a value, a change and its
//! significance, so that the terminal, the HTML and PDF reports and the web
//! say exactly the same thing (STYLE.md, "Words": "NPS 40 ± 7, up 5 from
//! September, not significant").
//!
//! Every function takes the [`Locale`] to write in as an argument; there is
//! no global language. English is the only locale today; the reports issue
//! adds Romanian, Chinese and Persian behind the same functions.

use chrono::NaiveDate;
use rapport_locale::messages::{self, Arg};
use rapport_locale::numbers;
use rapport_metrics::period::PeriodKind;
use rapport_metrics::{Calendar, CalendarSystem, MetricValue, Period};

pub use rapport_locale::{Direction, Locale, UnknownLocale};

/// `1234567` → `1,234,567` (`1.234.567`, `۱٬۲۳۴٬۵۶۷`).
pub fn count(n: u64, locale: Locale) -> String {
    numbers::count(n, locale)
}

/// "1 order", "2 orders": a count with its noun in the right number.
pub fn counted(n: u64, one: &str, many: &str, locale: Locale) -> String {
    format!("{} {}", count(n, locale), if n == 1 { one } else { many })
}

/// A number with a fixed count of decimals, as a measured time is shown
/// (`0.25`); the locale chooses the decimal mark.
pub fn decimal(x: f64, places: usize, locale: Locale) -> String {
    numbers::fixed_ungrouped(x, places, locale)
}

/// A signed number with a fixed count of decimals, as a change or a
/// model coefficient is shown (`+0.56`, `-1.2`).
pub fn signed_decimal(x: f64, places: usize, locale: Locale) -> String {
    numbers::signed(x, places, locale)
}

/// A p-value as a reader can use it: `p = 0.041` with three decimals,
/// `p < 0.001` below that, never `p = 0.000` (a p-value is never zero;
/// METRICS.md computes tiny ones from the survival function). The spaces
/// are no-break spaces: a line break inside `p = 0.013` strands the value,
/// and in a right-to-left paragraph the broken halves change places.
pub fn p_value(p: f64, locale: Locale) -> String {
    if p < 0.001 {
        format!("p\u{a0}<\u{a0}{}", decimal(0.001, 3, locale))
    } else {
        format!("p\u{a0}=\u{a0}{}", decimal(p, 3, locale))
    }
}

/// A number for people: thousands grouped for large values, one decimal
/// from 100, two below, none for whole numbers.
pub fn number(x: f64, locale: Locale) -> String {
    if !x.is_finite() {
        return messages::label(locale, "value-none");
    }
    let places = if x.abs() >= 1000.0 || x == x.trunc() {
        0
    } else if x.abs() >= 100.0 {
        1
    } else {
        2
    };
    numbers::fixed(x, places, locale)
}

/// A percentage already in [0, 100]: `12.50 %`.
pub fn percent(x: f64, locale: Locale) -> String {
    numbers::percent(&number(x, locale), locale)
}

/// A share in [0, 1] as a whole percentage: `0.125` → `13 %`.
pub fn share(x: f64, locale: Locale) -> String {
    numbers::percent(&numbers::fixed(x * 100.0, 0, locale), locale)
}

/// A probability as a whole percentage, never rounded to a certainty it
/// is not: `0.004` → `under 1 %`, `0.998` → `over 99 %`; exactly 0 and 1
/// stay `0 %` and `100 %`.
pub fn probability(p: f64, locale: Locale) -> String {
    if p > 0.0 && p < 0.005 {
        messages::text(
            locale,
            "probability-under",
            &[("share", share(0.01, locale).into())],
        )
    } else if (0.995..1.0).contains(&p) {
        messages::text(
            locale,
            "probability-over",
            &[("share", share(0.99, locale).into())],
        )
    } else {
        share(p, locale)
    }
}

/// Money with its currency code: `1,234 RON` (whole units; the exact value
/// is in the JSON).
pub fn money(amount: f64, currency: Option<&str>, locale: Locale) -> String {
    let whole = numbers::fixed(amount, 0, locale);
    match currency {
        Some(c) if !c.is_empty() => format!("{whole} {c}"),
        _ => whole,
    }
}

/// A duration in the largest unit that keeps it readable: `45 s`,
/// `3.5 min`, `2.0 h`, `4.2 d`; a whole number of days, as a funnel's
/// window usually is, as days: `1 d`, `7 d`.
pub fn duration(seconds: f64, locale: Locale) -> String {
    let s = seconds;
    let (id, n, places) = if s > 0.0 && s % 86400.0 == 0.0 {
        ("duration-days", s / 86400.0, 0)
    } else if s < 120.0 {
        ("duration-seconds", s, 0)
    } else if s < 7200.0 {
        ("duration-minutes", s / 60.0, 1)
    } else if s < 3.0 * 86400.0 {
        ("duration-hours", s / 3600.0, 1)
    } else {
        ("duration-days", s / 86400.0, 1)
    };
    messages::text(
        locale,
        id,
        &[("n", numbers::fixed_ungrouped(n, places, locale).into())],
    )
}

/// A value in a metric's unit (as `MetricValue::unit` names it: `%`,
/// `points`, `count`, `ratio`, `score`, `seconds`, or a currency code).
pub fn value(x: f64, unit: &str, locale: Locale) -> String {
    match unit {
        "%" => percent(x, locale),
        "points" | "count" | "ratio" | "score" => number(x, locale),
        "seconds" => duration(x, locale),
        "money" => number(x, locale),
        currency => format!("{} {currency}", number(x, locale)),
    }
}

/// A metric's value, or `n/a`.
pub fn metric_value(m: &MetricValue, locale: Locale) -> String {
    m.value.map_or_else(
        || messages::label(locale, "value-none"),
        |v| value(v, &m.unit, locale),
    )
}

/// A metric's 95 % interval: `± 6.1` for NPS (its margin of error, as
/// METRICS.md shows it), `33.8–46.2` otherwise; empty when it has none.
pub fn interval(m: &MetricValue, locale: Locale) -> String {
    match (m.ci_low, m.ci_high, m.value) {
        (Some(lo), Some(hi), Some(v)) if m.id == "nps" => {
            format!("± {}", number((hi - v).max(v - lo), locale))
        }
        (Some(lo), Some(hi), _) if m.unit == "seconds" => {
            format!("{}–{}", duration(lo, locale), duration(hi, locale))
        }
        (Some(lo), Some(hi), _) => format!("{}–{}", number(lo, locale), number(hi, locale)),
        _ => String::new(),
    }
}

/// The change against the comparison period in a table cell: `+2.10 pt`
/// for rates (percentage points), `+5` for NPS points, `+12%` for
/// amounts; ` *` marks a significant change.
pub fn change_cell(m: &MetricValue, locale: Locale) -> String {
    let Some(c) = m.change else {
        return String::new();
    };
    let sign = if c > 0.0 {
        "+"
    } else if c < 0.0 {
        "-"
    } else {
        ""
    };
    let body = match m.unit.as_str() {
        "%" => messages::text(
            locale,
            "change-points-short",
            &[("n", format!("{sign}{}", number(c.abs(), locale)).into())],
        ),
        "points" | "score" => format!("{sign}{}", number(c.abs(), locale)),
        "seconds" => format!("{sign}{}", duration(c.abs(), locale)),
        _ => match m.change_pct {
            Some(p) => {
                numbers::percent_tight(&format!("{sign}{}", number(p.abs(), locale)), locale)
            }
            None => format!("{sign}{}", number(c.abs(), locale)),
        },
    };
    match m.significant {
        Some(true) => format!("{body} *"),
        _ => body,
    }
}

/// A period as a person names it, in the period's calendar: `October
/// 2026`, `Q3 2026`, `2026`, `week 41 of 2026`, `1 August 2026 – 31
/// October 2026`; `Aban 1405` (`آبان ۱۴۰۵`) for a Solar Hijri month.
pub fn period_name(p: &Period, locale: Locale) -> String {
    let cal = p.calendar;
    let s = cal.date_of(p.start);
    let year = || numbers::plain(i64::from(s.year), locale);
    match p.kind {
        PeriodKind::Month => messages::text(
            locale,
            "period-month",
            &[
                (
                    "month",
                    calendar_month_name(cal.system, s.month, locale).into(),
                ),
                ("year", year().into()),
            ],
        ),
        PeriodKind::Quarter => messages::text(
            locale,
            "period-quarter",
            &[
                (
                    "quarter",
                    numbers::plain(i64::from((s.month - 1) / 3 + 1), locale).into(),
                ),
                ("year", year().into()),
            ],
        ),
        PeriodKind::Year => year(),
        PeriodKind::Week => {
            let (year, week) = cal.week_number(p.start);
            messages::text(
                locale,
                "period-week",
                &[
                    ("week", numbers::plain(i64::from(week), locale).into()),
                    ("year", numbers::plain(i64::from(year), locale).into()),
                ],
            )
        }
        PeriodKind::Range => messages::text(
            locale,
            "period-range",
            &[
                ("from", date_in(p.start, cal, locale).into()),
                ("to", date_in(p.last_day(), cal, locale).into()),
            ],
        ),
    }
}

/// The day of an RFC 3339 time or ISO date (`2026-11-01T09:00:00Z`) as
/// the locale writes it in `calendar` (see [`date_for`]); text that is
/// neither is returned as it is.
pub fn day_of(time: &str, calendar: Calendar, locale: Locale) -> String {
    time.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| time.to_owned(), |d| date_for(d, calendar, locale))
}

/// A metric's name in the locale: the catalogue's translation of a
/// METRICS.md metric, or the name it was given (a custom metric's own).
pub fn metric_name(id: &str, given: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("metric-{id}"), given)
}

/// A METRICS.md group's name in the locale (`customer base`, `bază de
/// clienți`), or the group as the catalog spells it.
pub fn metric_group(group: &str, locale: Locale) -> String {
    messages::label_or(
        locale,
        &format!("metric-group-{}", group.replace(' ', "-")),
        group,
    )
}

/// A calendar system's name in the locale (`Solar Hijri`, `هجری شمسی`).
pub fn calendar_name(system: CalendarSystem, locale: Locale) -> String {
    messages::label(locale, &format!("calendar-{}", system.name()))
}

/// A day of the week's name in the locale (`Saturday`, `شنبه`).
pub fn weekday(day: chrono::Weekday, locale: Locale) -> String {
    let name = rapport_schema::calendar::weekday_name(day);
    messages::label(locale, &format!("weekday-{name}"))
}

/// A test of difference's name in the locale (`Welch's t-test`).
pub fn test_name(test: rapport_metrics::stats::Test, locale: Locale) -> String {
    messages::label_or(locale, &format!("test-{}", test.name()), test.name())
}

/// A field of the segment filter language, described for people.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldWords {
    /// As typed in a filter.
    pub name: String,
    /// Its type in words (`text`, `number`, `list`).
    #[serde(rename = "type")]
    pub ty: String,
    pub meaning: String,
}

/// Every field a segment filter can test (rapport_metrics::filter), and
/// `segment("NAME")`, with its type and meaning in the locale.
pub fn filter_fields(locale: Locale) -> Vec<FieldWords> {
    use rapport_metrics::filter::{FIELDS, FieldType};
    let ty = |t: FieldType| {
        let id = match t {
            FieldType::Text => "field-type-text",
            FieldType::Number => "field-type-number",
            FieldType::List => "field-type-list",
        };
        messages::label(locale, id)
    };
    FIELDS
        .iter()
        .map(|f| FieldWords {
            name: f.name.to_owned(),
            ty: ty(f.ty),
            meaning: messages::label(locale, &format!("field-{}", f.name)),
        })
        .chain(std::iter::once(FieldWords {
            name: "segment(\"NAME\")".to_owned(),
            ty: ty(FieldType::Text),
            meaning: messages::label(locale, "field-segment"),
        }))
        .collect()
}

/// A Gregorian month's name in the locale (`October`, `octombrie`, `10月`,
/// `اکتبر`).
pub fn month_name(month: u32, locale: Locale) -> String {
    messages::label(locale, &format!("month-{month}"))
}

/// A month's name in the locale in `system`: Gregorian months, or the
/// Persian months Farvardin to Esfand (`آبان`, `阿班月`).
pub fn calendar_month_name(system: CalendarSystem, month: u32, locale: Locale) -> String {
    match system {
        CalendarSystem::Gregorian => month_name(month, locale),
        CalendarSystem::SolarHijri => {
            messages::label(locale, &format!("solar-hijri-month-{month}"))
        }
    }
}

/// A Gregorian day as people write it: `1 November 2026`, `1 noiembrie
/// 2026`, `2026年11月1日`, `۱ نوامبر ۲۰۲۶`.
pub fn date(d: NaiveDate, locale: Locale) -> String {
    date_in(d, Calendar::ISO, locale)
}

/// A day written in `calendar`: `10 Aban 1405`, `۱۰ آبان ۱۴۰۵`.
pub fn date_in(d: NaiveDate, calendar: Calendar, locale: Locale) -> String {
    let c = calendar.date_of(d);
    messages::text(
        locale,
        "date-day",
        &[
            ("day", numbers::plain(i64::from(c.day), locale).into()),
            (
                "month",
                calendar_month_name(calendar.system, c.month, locale).into(),
            ),
            ("year", numbers::plain(i64::from(c.year), locale).into()),
        ],
    )
}

/// A day where a reader may need to match it to other systems' dates (the
/// day a report was made, a load, an annotation): in `calendar`, with the
/// Gregorian day alongside when the calendar is not Gregorian (`۱۰ آبان
/// ۱۴۰۵ (۱ نوامبر ۲۰۲۶)`).
pub fn date_for(d: NaiveDate, calendar: Calendar, locale: Locale) -> String {
    match calendar.system {
        CalendarSystem::Gregorian => date(d, locale),
        CalendarSystem::SolarHijri => messages::text(
            locale,
            "date-with-gregorian",
            &[
                ("date", date_in(d, calendar, locale).into()),
                ("gregorian", date(d, locale).into()),
            ],
        ),
    }
}

/// A local moment as people write it, in `calendar`, with the zone's
/// abbreviation: `3 January 2027, 09:00 EET`, `۱۳ دی ۱۴۰۵، ساعت ۰۹:۰۰ (+0330)`.
pub fn moment(t: chrono::NaiveDateTime, zone: &str, calendar: Calendar, locale: Locale) -> String {
    use chrono::Timelike;
    messages::text(
        locale,
        "date-time",
        &[
            ("date", date_in(t.date(), calendar, locale).into()),
            ("time", numbers::clock(t.hour(), t.minute(), locale).into()),
            ("zone", zone.into()),
        ],
    )
}

/// How the change against `comparison` reads in a sentence: `up 5 points
/// from September 2026, not significant`. The size is in the unit a reader
/// expects (percentage points for rates, the currency for money, with the
/// relative change); "significant" is said only where a test of
/// METRICS.md says so, and nothing is said of significance where no test
/// applies.
pub fn change_phrase(m: &MetricValue, comparison: &Period, locale: Locale) -> String {
    let from = period_name(comparison, locale);
    let Some(c) = m.change else {
        return match m.previous.as_ref().and_then(|p| p.value) {
            None => messages::text(locale, "change-none", &[("period", from.into())]),
            Some(_) => String::new(),
        };
    };
    if c == 0.0 {
        return messages::text(locale, "change-unchanged", &[("period", from.into())]);
    }
    let size = match m.unit.as_str() {
        "%" => messages::text(
            locale,
            "change-percentage-points",
            &[("n", number(c.abs(), locale).into())],
        ),
        "points" => messages::text(
            locale,
            "change-points",
            &[("n", Arg::Number(c.abs(), number(c.abs(), locale)))],
        ),
        "seconds" => duration(c.abs(), locale),
        "score" | "ratio" => number(c.abs(), locale),
        unit => {
            let amount = value(c.abs(), unit, locale);
            match m.change_pct {
                Some(p) => format!(
                    "{amount} ({})",
                    numbers::percent_tight(&number(p.abs(), locale), locale)
                ),
                None => amount,
            }
        }
    };
    let verdict = match m.significant {
        Some(true) => "significant",
        Some(false) => "not-significant",
        None => "untested",
    };
    messages::text(
        locale,
        "change-moved",
        &[
            ("direction", if c > 0.0 { "up" } else { "down" }.into()),
            ("size", size.into()),
            ("period", from.into()),
            ("verdict", verdict.into()),
        ],
    )
}

/// One metric in one sentence: `Net Promoter Score 40 ± 7 (n = 500), up 5
/// points from September 2026, not significant`. A metric without a value
/// says why.
pub fn metric_sentence(m: &MetricValue, comparison: Option<&Period>, locale: Locale) -> String {
    let Some(_) = m.value else {
        let reason = m
            .missing_text(locale)
            .unwrap_or_else(|| messages::label(locale, "metric-no-data"));
        return messages::text(
            locale,
            "metric-missing",
            &[
                ("metric", metric_name(&m.id, &m.name, locale).into()),
                ("reason", reason.into()),
            ],
        );
    };
    let mut text = format!(
        "{} {}",
        metric_name(&m.id, &m.name, locale),
        metric_value(m, locale)
    );
    if m.id == "nps" {
        let moe = interval(m, locale);
        if !moe.is_empty() {
            text.push_str(&format!(" {moe}"));
        }
        if let Some(n) = m.n {
            text.push_str(&format!(" (n = {})", count(n, locale)));
        }
    }
    if let Some(c) = comparison {
        let change = change_phrase(m, c, locale);
        if !change.is_empty() {
            text.push_str(&format!(", {change}"));
        }
    }
    text
}

/// Two parts of one line (a value and its change, a name and a count),
/// joined with the language's separator: a middle dot in English, `،` in
/// Persian, where a middle dot beside Persian digits reads as a zero.
pub fn pair(first: &str, second: &str, locale: Locale) -> String {
    messages::text(
        locale,
        "text-pair",
        &[("first", first.into()), ("second", second.into())],
    )
}

/// Two clauses of one sentence, joined by the language's semicolon
/// (`;`, Persian `؛`, Chinese `；`).
pub fn clauses(first: &str, second: &str, locale: Locale) -> String {
    messages::text(
        locale,
        "text-clauses",
        &[("first", first.into()), ("second", second.into())],
    )
}

/// A value after its label (`September 2026: 4.90`), as items of a list,
/// where [`pair`]'s Persian comma would read as the list's own.
pub fn labelled(label: &str, value: &str, locale: Locale) -> String {
    messages::text(
        locale,
        "text-labelled",
        &[("label", label.into()), ("value", value.into())],
    )
}

/// A long list cut for a message: the first `keep` items, then `… and
/// 19,980 more`.
pub fn list_cut<T: AsRef<str>>(items: &[T], keep: usize, locale: Locale) -> String {
    let shown: Vec<&str> = items.iter().take(keep).map(AsRef::as_ref).collect();
    let text = shown.join(", ");
    if items.len() > keep {
        messages::text(
            locale,
            "list-more",
            &[("list", text.into()), ("n", (items.len() - keep).into())],
        )
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probability_is_not_rounded_to_a_certainty() {
        let en = |p| probability(p, Locale::En);
        assert_eq!(en(0.004), "under 1 %");
        assert_eq!(en(0.0), "0 %");
        assert_eq!(en(0.005), "1 %");
        assert_eq!(en(0.42), "42 %");
        assert_eq!(en(0.996), "over 99 %");
        assert_eq!(en(1.0), "100 %");
        assert!(probability(0.001, Locale::Fa).contains("کمتر از"));
    }

    #[test]
    fn every_filter_field_is_explained_in_every_language() {
        for &locale in Locale::ALL {
            // A missing `field-*` message stops here (debug assertions).
            let fields = filter_fields(locale);
            assert_eq!(fields.len(), rapport_metrics::filter::FIELDS.len() + 1);
            assert!(fields.iter().all(|f| !f.meaning.starts_with("field-")));
        }
        let ro = filter_fields(Locale::Ro);
        let age = ro.iter().find(|f| f.name == "age").expect("age");
        assert_eq!(
            (age.ty.as_str(), age.meaning.contains("vârsta")),
            ("număr", true)
        );
    }

    const EN: Locale = Locale::En;

    fn nps(value: f64, previous: f64, significant: Option<bool>) -> MetricValue {
        let def = rapport_metrics::metric("nps").expect("nps");
        let mut m = MetricValue::build(def, rapport_metrics::Measure::default(), None, None);
        m.value = Some(value);
        m.ci_low = Some(value - 7.0);
        m.ci_high = Some(value + 7.0);
        m.n = Some(500);
        m.previous = Some(rapport_metrics::value::Previous {
            value: Some(previous),
            n: Some(480),
        });
        m.change = Some(value - previous);
        m.significant = significant;
        m
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0, EN), "0");
        assert_eq!(count(999, EN), "999");
        assert_eq!(count(1000, EN), "1,000");
        assert_eq!(count(1_234_567, EN), "1,234,567");
        assert_eq!(counted(1, "order", "orders", EN), "1 order");
        assert_eq!(counted(1200, "order", "orders", EN), "1,200 orders");
    }

    #[test]
    fn numbers_money_and_durations_read_as_written_for_people() {
        assert_eq!(number(1234.5, EN), "1,235");
        assert_eq!(number(-1234.5, EN), "-1,235");
        assert_eq!(number(40.0, EN), "40");
        assert_eq!(number(123.45, EN), "123.5");
        assert_eq!(number(2.345, EN), "2.35");
        assert_eq!(number(f64::NAN, EN), "n/a");
        assert_eq!(money(1234.4, Some("RON"), EN), "1,234 RON");
        assert_eq!(money(-10.0, None, EN), "-10");
        assert_eq!(duration(45.0, EN), "45 s");
        assert_eq!(duration(300.0, EN), "5.0 min");
        assert_eq!(duration(7200.0, EN), "2.0 h");
        assert_eq!(duration(4.0 * 86400.0, EN), "4 d");
        assert_eq!(duration(4.5 * 86400.0, EN), "4.5 d");
        assert_eq!(duration(86400.0, EN), "1 d");
        assert_eq!(decimal(0.95871, 3, EN), "0.959");
        assert_eq!(signed_decimal(0.564, 2, EN), "+0.56");
        assert_eq!(signed_decimal(-1.25, 1, EN), "-1.2");
        assert_eq!(p_value(0.0412, EN), "p\u{a0}=\u{a0}0.041");
        assert_eq!(p_value(1.5e-23, EN), "p\u{a0}<\u{a0}0.001");
        assert_eq!(value(12.5, "%", EN), "12.50 %");
        assert_eq!(value(99.0, "EUR", EN), "99 EUR");
        assert_eq!(share(0.126, EN), "13 %");
    }

    #[test]
    fn a_metric_reads_as_one_sentence_with_its_test() {
        let september: Period = "2026-09".parse().expect("period");
        assert_eq!(
            metric_sentence(&nps(40.0, 35.0, Some(false)), Some(&september), EN),
            "Net Promoter Score 40 ± 7 (n = 500), up 5 points from September 2026, not significant"
        );
        assert_eq!(
            metric_sentence(&nps(30.0, 35.0, Some(true)), Some(&september), EN),
            "Net Promoter Score 30 ± 7 (n = 500), down 5 points from September 2026, significant"
        );
        assert_eq!(
            change_phrase(&nps(35.0, 35.0, Some(false)), &september, EN),
            "unchanged from September 2026"
        );
        assert_eq!(change_cell(&nps(40.0, 35.0, Some(true)), EN), "+5 *");
        assert_eq!(interval(&nps(40.0, 35.0, None), EN), "± 7");
    }

    #[test]
    fn periods_are_named_as_people_name_them() {
        let name = |label: &str| period_name(&label.parse().expect("period"), EN);
        assert_eq!(name("2026-10"), "October 2026");
        assert_eq!(name("2026-Q3"), "Q3 2026");
        assert_eq!(name("2026"), "2026");
        assert_eq!(name("2026-W41"), "week 41 of 2026");
        assert_eq!(
            name("2026-08-01..2026-10-31"),
            "1 August 2026 – 31 October 2026"
        );
    }

    #[test]
    fn each_language_writes_numbers_periods_and_changes_its_own_way() {
        let september: Period = "2026-09".parse().expect("period");
        let october: Period = "2026-10".parse().expect("period");
        let q3: Period = "2026-Q3".parse().expect("period");
        assert_eq!(period_name(&october, Locale::Ro), "octombrie 2026");
        assert_eq!(period_name(&october, Locale::ZhHans), "2026年10月");
        assert_eq!(
            period_name(&october, Locale::Fa),
            // A right-to-left mark: the name has no word outside its isolates.
            "\u{200F}\u{2068}اکتبر\u{2069} \u{2068}۲۰۲۶\u{2069}"
        );
        assert_eq!(period_name(&q3, Locale::ZhHans), "2026年第3季度");
        assert_eq!(percent(12.5, Locale::Ro), "12,50\u{a0}%");
        assert_eq!(percent(12.5, Locale::Fa), "۱۲٫۵۰٪");
        assert_eq!(money(1234.4, Some("RON"), Locale::Ro), "1.234 RON");
        assert_eq!(
            metric_sentence(&nps(40.0, 35.0, Some(false)), Some(&september), Locale::Ro),
            "Net Promoter Score (NPS) 40 ± 7 (n = 500), în creștere cu 5 puncte față de septembrie 2026, nesemnificativ"
        );
        assert_eq!(
            change_phrase(&nps(30.0, 50.0, Some(true)), &september, Locale::Ro),
            "în scădere cu 20 de puncte față de septembrie 2026, semnificativ"
        );
        assert_eq!(
            change_phrase(&nps(30.0, 35.0, Some(true)), &september, Locale::ZhHans),
            "较2026年9月下降5分，显著"
        );
        let fa = change_phrase(&nps(30.0, 35.0, Some(true)), &september, Locale::Fa);
        assert!(
            fa.contains("۵") && fa.contains("کاهش") && fa.contains("معنادار"),
            "{fa}"
        );
        assert!(!fa.chars().any(|c| c.is_ascii_digit()), "{fa}");
        assert_eq!(duration(300.0, Locale::ZhHans), "5.0分钟");
        assert_eq!(
            date(
                NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
                Locale::ZhHans
            ),
            "2026年11月1日"
        );
    }

    #[test]
    fn solar_hijri_periods_and_days_are_written_in_persian_months() {
        let sh = Calendar::SOLAR_HIJRI;
        let aban = sh.period("1405-08").expect("period");
        assert_eq!(period_name(&aban, EN), "Aban 1405");
        assert_eq!(
            period_name(&aban, Locale::Fa),
            "\u{200F}\u{2068}آبان\u{2069} \u{2068}۱۴۰۵\u{2069}"
        );
        assert_eq!(period_name(&aban, Locale::ZhHans), "1405年阿班月");
        let q = sh.period("1405-Q3").expect("period");
        assert_eq!(period_name(&q, EN), "Q3 1405");
        let nov_1 = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        assert_eq!(date_in(nov_1, sh, EN), "10 Aban 1405");
        assert_eq!(date_for(nov_1, sh, EN), "10 Aban 1405 (1 November 2026)");
        assert_eq!(date_for(nov_1, Calendar::ISO, EN), "1 November 2026");
        let fa = date_for(nov_1, sh, Locale::Fa);
        assert!(
            fa.contains("آبان") && fa.contains("۱۴۰۵") && fa.contains("نوامبر"),
            "{fa}"
        );
        assert_eq!(
            day_of("2026-11-01T09:00:00Z", sh, EN),
            "10 Aban 1405 (1 November 2026)"
        );
        let nine = nov_1.and_hms_opt(9, 5, 0).expect("time");
        assert_eq!(moment(nine, "+0330", sh, EN), "10 Aban 1405, 09:05 +0330");
        let fa = moment(nine, "+0330", sh, Locale::Fa);
        assert!(fa.contains("۰۹:۰۵") && fa.contains("آبان"), "{fa}");
        assert!(moment(nine, "EET", Calendar::ISO, Locale::ZhHans).contains("2026年11月1日"));
        let range = sh.period("1405-08-01..1405-08-10").expect("period");
        assert_eq!(period_name(&range, EN), "1 Aban 1405 – 10 Aban 1405");
    }

    #[test]
    fn every_metric_has_its_name_in_every_language() {
        for def in rapport_metrics::METRICS {
            assert_eq!(metric_name(def.id, "", Locale::En), def.name, "{}", def.id);
            for &locale in Locale::ALL {
                let name = metric_name(def.id, "", locale);
                assert!(!name.is_empty(), "{locale} lacks metric-{}", def.id);
            }
        }
        assert_eq!(metric_name("my_kpi", "My KPI", Locale::Fa), "My KPI");
    }

    #[test]
    fn a_pair_is_joined_with_the_languages_separator() {
        assert_eq!(pair("31.20 %", "up 2.1", EN), "31.20 % · up 2.1");
        // A middle dot beside Persian digits reads as a zero (۰).
        let fa = pair("۲۳٫۰۸٪", "۲٫۵۷ واحد درصد افزایش", Locale::Fa);
        assert!(fa.contains("٪\u{2069}، ") && !fa.contains('·'), "{fa:?}");
        assert!(pair("2.5", "下降", Locale::ZhHans).contains('，'));
    }

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let items: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
        assert_eq!(list_cut(&items, 3, EN), "c0, c1, c2 … and 19,997 more");
        assert_eq!(list_cut(&["a", "b"], 3, EN), "a, b");
    }
}
