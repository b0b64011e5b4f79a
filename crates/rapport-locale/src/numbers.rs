//! Numbers in a locale's own digits and separators, by ICU4X's decimal
//! formatter over CLDR data: `1,234.5` in English, `1.234,5` in Romanian,
//! `۱٬۲۳۴٫۵` in Persian (whose default numbering system is the extended
//! Arabic-Indic digits). Rounding to the places a reader needs happens
//! here, before formatting, so every locale shows the same value.
//!
//! The percent sign and its spacing are not in ICU4X's stable decimal
//! data; [`percent`] writes them from CLDR's percent patterns (`#,##0 %`
//! for Romanian with a no-break space, `#,##0%` for Chinese, `#,##0٪` for
//! Persian). English keeps the space Rapport has always written.

use std::sync::LazyLock;

use icu_decimal::input::{Decimal, SignDisplay};
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};

use crate::Locale;

/// One formatter per locale and grouping choice, made once: building one
/// reads compiled data and is far slower than formatting a number.
static FORMATTERS: LazyLock<Vec<(Locale, bool, DecimalFormatter)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for &locale in Locale::ALL {
        let Some(icu_locale) = locale.icu() else {
            continue;
        };
        for grouped in [true, false] {
            let options: DecimalFormatterOptions = if grouped {
                GroupingStrategy::Auto.into()
            } else {
                GroupingStrategy::Never.into()
            };
            let prefs = DecimalFormatterPreferences::from(&icu_locale);
            // Compiled data holds every CLDR locale, so this cannot fail
            // for the four tags above; a unit test formats in each.
            if let Ok(f) = DecimalFormatter::try_new(prefs, options) {
                out.push((locale, grouped, f));
            }
        }
    }
    out
});

fn format(d: &Decimal, grouped: bool, locale: Locale) -> String {
    FORMATTERS
        .iter()
        .find(|(l, g, _)| *l == locale && *g == grouped)
        .map_or_else(|| d.to_string(), |(_, _, f)| f.format_to_string(d))
}

fn rounded(x: f64, places: usize) -> Decimal {
    // Whole numbers round half away from zero (1234.5 → 1235), as money
    // and counts always have; decimals take Rust's exact decimal
    // expansion of the binary value. Either way every locale shows the
    // value the English text shows.
    let text = if places == 0 {
        format!("{:.0}", x.round())
    } else {
        format!("{x:.places$}")
    };
    text.parse().unwrap_or_default()
}

/// A whole count with the locale's grouping: `1,234,567`, `1.234.567`,
/// `۱٬۲۳۴٬۵۶۷`.
pub fn count(n: u64, locale: Locale) -> String {
    format(&Decimal::from(n), true, locale)
}

/// A signed whole number with grouping.
pub fn integer(n: i64, locale: Locale) -> String {
    format(&Decimal::from(n), true, locale)
}

/// A year or other label-like number, without grouping: `2026`, `۱۴۰۵`.
pub fn plain(n: i64, locale: Locale) -> String {
    format(&Decimal::from(n), false, locale)
}

/// A time of day on a 24-hour clock in the locale's digits: `09:05`,
/// `۰۹:۰۵`.
pub fn clock(hour: u32, minute: u32, locale: Locale) -> String {
    let two = |n: u32| {
        let mut d = Decimal::from(n);
        d.absolute.pad_start(2);
        format(&d, false, locale)
    };
    format!("{}:{}", two(hour), two(minute))
}

/// A number with exactly `places` decimals and the locale's grouping and
/// decimal mark: `0.25`, `0,25`, `۰٫۲۵`. Not finite: `NaN` is never shown
/// as a number; callers say "n/a" in words.
pub fn fixed(x: f64, places: usize, locale: Locale) -> String {
    format(&rounded(x, places), true, locale)
}

/// As [`fixed`] without grouping, as a model's parameter or a measured
/// time is written (`3488.5353`, `۳۴۸۸٫۵۳۵۳`).
pub fn fixed_ungrouped(x: f64, places: usize, locale: Locale) -> String {
    format(&rounded(x, places), false, locale)
}

/// As [`fixed_ungrouped`], with a sign always shown except on zero:
/// `+0.56`, `-1.2` (Persian writes its own minus sign with a direction
/// mark).
pub fn signed(x: f64, places: usize, locale: Locale) -> String {
    let mut d = rounded(x, places);
    d.apply_sign_display(SignDisplay::ExceptZero);
    format(&d, false, locale)
}

/// A number already written for the locale, followed (or preceded) by the
/// locale's percent sign: `12.50 %`, `12,50 %`, `12.50%`, `۱۲٫۵۰٪`.
pub fn percent(number: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!("{number} %"),
        Locale::Ro => format!("{number}\u{a0}%"),
        Locale::ZhHans => format!("{number}%"),
        Locale::Fa => format!("{number}٪"),
    }
}

/// As [`percent`], with no space in English, as a change in a table cell
/// is written (`+12%`); the other languages keep their pattern.
pub fn percent_tight(number: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!("{number}%"),
        other => percent(number, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_locale_writes_its_own_digits_and_separators() {
        assert_eq!(count(1_234_567, Locale::En), "1,234,567");
        assert_eq!(count(1_234_567, Locale::Ro), "1.234.567");
        assert_eq!(count(1_234_567, Locale::ZhHans), "1,234,567");
        assert_eq!(count(1_234_567, Locale::Fa), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(fixed(1234.5, 1, Locale::En), "1,234.5");
        assert_eq!(fixed(1234.5, 1, Locale::Ro), "1.234,5");
        assert_eq!(fixed(12.5, 1, Locale::Fa), "۱۲٫۵");
        assert_eq!(fixed(0.125, 2, Locale::Ro), "0,12");
        assert_eq!(plain(2026, Locale::En), "2026");
        assert_eq!(plain(1405, Locale::Fa), "۱۴۰۵");
        assert_eq!(signed(0.564, 2, Locale::En), "+0.56");
        assert_eq!(signed(-1.25, 1, Locale::En), "-1.2");
        assert_eq!(signed(0.0, 1, Locale::Ro), "0,0");
        assert!(signed(-3.0, 0, Locale::Fa).contains('۳'));
        assert_eq!(integer(-1234, Locale::Ro), "-1.234");
        assert_eq!(fixed_ungrouped(3488.53531, 4, Locale::En), "3488.5353");
        assert_eq!(fixed_ungrouped(-42473.1, 1, Locale::Ro), "-42473,1");
    }

    #[test]
    fn percentages_follow_each_locale_pattern() {
        assert_eq!(percent(&fixed(12.5, 1, Locale::En), Locale::En), "12.5 %");
        assert_eq!(
            percent(&fixed(12.5, 1, Locale::Ro), Locale::Ro),
            "12,5\u{a0}%"
        );
        assert_eq!(
            percent(&fixed(12.5, 1, Locale::ZhHans), Locale::ZhHans),
            "12.5%"
        );
        assert_eq!(percent(&fixed(12.5, 1, Locale::Fa), Locale::Fa), "۱۲٫۵٪");
    }
}
