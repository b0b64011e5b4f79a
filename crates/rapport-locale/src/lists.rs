//! Lists joined the way each language joins them, by ICU4X's list
//! formatter over CLDR data: `a, b and c` in English, `a، b و c` in
//! Persian, `a、b和c` in Chinese. A comma typed into a template would be a
//! Latin comma inside Persian text and a Western comma inside Chinese.

use std::sync::LazyLock;

use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::{ListFormatter, ListFormatterPreferences};

use crate::Locale;

/// One formatter per locale, made once: building one reads compiled data.
static FORMATTERS: LazyLock<Vec<(Locale, ListFormatter)>> =
    LazyLock::new(|| formatters(|p, o| ListFormatter::try_new_and(p, o).ok()));

/// The same for alternatives (`a, b, or c`).
static ALTERNATIVES: LazyLock<Vec<(Locale, ListFormatter)>> =
    LazyLock::new(|| formatters(|p, o| ListFormatter::try_new_or(p, o).ok()));

type Make = fn(ListFormatterPreferences, ListFormatterOptions) -> Option<ListFormatter>;

fn formatters(make: Make) -> Vec<(Locale, ListFormatter)> {
    let mut out = Vec::new();
    for &locale in Locale::ALL {
        let Some(icu_locale) = locale.icu() else {
            continue;
        };
        let prefs = ListFormatterPreferences::from(&icu_locale);
        let options = ListFormatterOptions::default().with_length(ListLength::Wide);
        // Compiled data covers every CLDR locale; a unit test joins in each.
        if let Some(f) = make(prefs, options) {
            out.push((locale, f));
        }
    }
    out
}

/// Things named together: `retention, revenue, and churn`.
pub fn and<S: AsRef<str>>(items: &[S], locale: Locale) -> String {
    join(&FORMATTERS, items, locale)
}

/// Alternatives: `refund or cancel` (`refund sau cancel`, `refund یا cancel`).
pub fn or<S: AsRef<str>>(items: &[S], locale: Locale) -> String {
    join(&ALTERNATIVES, items, locale)
}

fn join<S: AsRef<str>>(
    formatters: &[(Locale, ListFormatter)],
    items: &[S],
    locale: Locale,
) -> String {
    let words = items.iter().map(AsRef::as_ref);
    match formatters.iter().find(|(l, _)| *l == locale) {
        Some((_, f)) => f.format_to_string(words),
        None => words.collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_joins_with_its_own_commas_and_conjunction() {
        let three = ["a", "b", "c"];
        assert_eq!(and(&three, Locale::En), "a, b, and c");
        assert_eq!(and(&three, Locale::Ro), "a, b și c");
        assert_eq!(and(&three, Locale::ZhHans), "a、b和c");
        // CLDR's Persian pattern puts a right-to-left mark after the first
        // comma, so a Latin item does not pull the comma to its side.
        assert_eq!(and(&three, Locale::Fa), "a،\u{200F} b، و c");
        assert_eq!(and(&["a", "b"], Locale::Fa), "a و b");
        assert_eq!(and(&["x"], Locale::En), "x");
        assert_eq!(or(&["refund", "cancel"], Locale::En), "refund or cancel");
        assert_eq!(or(&["refund", "cancel"], Locale::Ro), "refund sau cancel");
        assert_eq!(or(&["refund", "cancel"], Locale::Fa), "refund یا cancel");
        assert_eq!(and::<&str>(&[], Locale::En), "");
    }
}
