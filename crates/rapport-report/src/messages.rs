//! The report's message catalogue: every fixed text and sentence pattern a
//! report shows, in Fluent files (`messages/<lang>.ftl`), one per language.
//! Numbers, money, periods and changes are written by
//! [`rapport_app::words`] and passed in as text; Fluent chooses the
//! sentence, the word order and the plural forms. Adding a language is one
//! more `.ftl` file and a [`Locale`]; no report code changes.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rapport_app::words::Locale;

const ENGLISH: &str = include_str!("../messages/en.ftl");

static BUNDLES: LazyLock<Vec<(Locale, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    [(Locale::En, "en", ENGLISH)]
        .into_iter()
        .map(|(locale, tag, text)| {
            // The catalogue ships inside the binary and a unit test parses
            // it, so a syntax error cannot reach a user.
            let resource =
                FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
            let lang = tag.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            // Isolation marks matter around right-to-left text; for
            // left-to-right languages they only get in the way of search.
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(resource);
            (locale, bundle)
        })
        .collect()
});

fn bundle(locale: Locale) -> &'static FluentBundle<FluentResource> {
    let bundles = &*BUNDLES;
    bundles
        .iter()
        .find(|(l, _)| *l == locale)
        .map_or(&bundles[0].1, |(_, b)| b)
}

/// A value put into a message: text already written for the locale, or a
/// number Fluent needs to choose a plural form.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Count(u64),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n as u64)
    }
}

/// Whether the catalogue has a message (optional sentences, such as what
/// a metric's fall means, exist for some metrics only).
pub fn has(locale: Locale, id: &str) -> bool {
    bundle(locale).has_message(id)
}

/// The message `id` with its arguments. A count argument is also written
/// with the locale's digit grouping under the name `<name>-text`.
pub fn text(locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
    let b = bundle(locale);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        debug_assert!(
            false,
            "message `{id}` is missing from the {locale} catalogue"
        );
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, arg) in args {
        match arg {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
            Arg::Count(n) => {
                fluent_args.set(*name, FluentValue::from(*n));
                fluent_args.set(
                    format!("{name}-text"),
                    FluentValue::from(rapport_app::words::count(*n, locale)),
                );
            }
        }
    }
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
    out.into_owned()
}

/// A message without arguments.
pub fn label(locale: Locale, id: &str) -> String {
    text(locale, id, &[])
}

/// Every message that takes no argument, written out: the labels a
/// template shows as they are, by id. Made once per language.
pub fn labels(locale: Locale) -> &'static BTreeMap<String, String> {
    static LABELS: LazyLock<Vec<(Locale, BTreeMap<String, String>)>> = LazyLock::new(|| {
        Locale::ALL
            .iter()
            .map(|&locale| {
                let b = bundle(locale);
                let labels = ids(locale)
                    .into_iter()
                    .filter_map(|id| {
                        let pattern = b.get_message(&id)?.value()?;
                        // A message that needs an argument fails without one.
                        let mut errors = Vec::new();
                        let out = b.format_pattern(pattern, None, &mut errors);
                        errors.is_empty().then(|| (id, out.into_owned()))
                    })
                    .collect();
                (locale, labels)
            })
            .collect()
    });
    let all = &*LABELS;
    all.iter()
        .find(|(l, _)| *l == locale)
        .map_or(&all[0].1, |(_, labels)| labels)
}

fn catalogue(locale: Locale) -> &'static str {
    match locale {
        Locale::En => ENGLISH,
        // A locale the catalogue does not have yet reads English.
        _ => ENGLISH,
    }
}

/// Every message id of a locale's catalogue.
fn ids(locale: Locale) -> Vec<String> {
    catalogue(locale)
        .lines()
        .filter_map(|l| {
            let (id, _) = l.split_once(" =")?;
            (!id.starts_with([' ', '#', '-']) && !id.is_empty()).then(|| id.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_and_its_labels_need_no_argument() {
        FluentResource::try_new(ENGLISH.to_owned()).expect("en.ftl parses");
        let ids = ids(Locale::En);
        assert!(ids.len() > 200, "{}", ids.len());
        for id in &ids {
            assert!(has(Locale::En, id), "{id}");
        }
        let labels = labels(Locale::En);
        assert_eq!(labels["section-summary"], "Summary");
        assert_eq!(labels["month-short-12"], "Dec");
        // Messages with arguments are not labels; every label is finished text.
        assert!(!labels.contains_key("label-prepared-by"));
        assert!(labels.values().all(|v| !v.contains('{') && !v.is_empty()));
        assert!(
            labels.len() > 100 && labels.len() < ids.len(),
            "{}",
            labels.len()
        );
    }

    #[test]
    fn counts_choose_the_plural_and_are_grouped() {
        let one = text(Locale::En, "dq-quarantined", &[("rows", 1u64.into())]);
        let many = text(Locale::En, "dq-quarantined", &[("rows", 1200u64.into())]);
        assert!(one.contains("1 row "), "{one}");
        assert!(many.contains("1,200 rows "), "{many}");
    }
}
