//! The message catalogue: every fixed text and sentence pattern Rapport
//! shows people, in Fluent files (`messages/<tag>.ftl`), one per language.
//! Numbers, money, periods and changes are written first (by
//! [`crate::numbers`] and `rapport_app::words`) and passed in as text;
//! Fluent chooses the sentence, the word order and the plural form by the
//! language's CLDR plural rules (Romanian's `one`/`few`/`other`, Persian's
//! `one`/`other`, Chinese's `other`).
//!
//! A catalogue is complete or it does not build: the tests below fail on a
//! message missing from any language, on a variable a translation drops or
//! invents, and on a plural selector that leaves one of the language's
//! categories to the default. So a Persian report never falls back to
//! English.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::Locale;

const ENGLISH: &str = include_str!("../messages/en.ftl");
const ROMANIAN: &str = include_str!("../messages/ro.ftl");
const CHINESE: &str = include_str!("../messages/zh-Hans.ftl");
const PERSIAN: &str = include_str!("../messages/fa.ftl");

/// A locale's catalogue as written.
pub fn catalogue(locale: Locale) -> &'static str {
    match locale {
        Locale::En => ENGLISH,
        Locale::Ro => ROMANIAN,
        Locale::ZhHans => CHINESE,
        Locale::Fa => PERSIAN,
    }
}

static BUNDLES: LazyLock<Vec<(Locale, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    Locale::ALL
        .iter()
        .map(|&locale| {
            // The catalogues ship inside the binary and the tests parse
            // them, so a syntax error cannot reach a user.
            let resource = FluentResource::try_new(catalogue(locale).to_owned())
                .unwrap_or_else(|(partial, _)| partial);
            let lang = plural_language(locale).parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            // Isolation marks (FSI … PDI) keep a Latin name, a URL or a
            // number in its place inside right-to-left text; in
            // left-to-right languages they only get in the way of search.
            bundle.set_use_isolating(locale == Locale::Fa);
            let _ = bundle.add_resource(resource);
            (locale, bundle)
        })
        .collect()
});

/// The language tag CLDR's plural rules are kept under: Chinese's rules
/// are the language's (`zh`), whatever its script.
fn plural_language(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhHans => "zh",
        other => other.tag(),
    }
}

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
    /// A measured number (which may have decimals) for a plural choice,
    /// with its text already written for the locale.
    Number(f64, String),
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
/// with the locale's digits and grouping under the name `<name>-text`.
///
/// Every id the code asks for exists in every catalogue: the tests here
/// prove the catalogues hold the same ids, and the CLI and report tests,
/// built with debug assertions, stop at a call site that asks for an id
/// or passes arguments the catalogue does not have.
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
                    FluentValue::from(crate::numbers::count(*n, locale)),
                );
            }
            Arg::Number(x, written) => {
                fluent_args.set(*name, FluentValue::from(*x));
                fluent_args.set(format!("{name}-text"), FluentValue::from(written.clone()));
            }
        }
    }
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
    let out = out.into_owned();
    if locale.direction() == crate::Direction::RightToLeft && !has_own_words(&out) {
        // A message made only of placeables (a date: day, month, year)
        // has no letter outside its isolates, so once it is itself a
        // placeable of another message, its isolate finds no direction and
        // falls back to left to right: "22 June 2026 – 22 September 2026"
        // came out with the dates in the wrong order. A right-to-left mark
        // gives it the direction of its language.
        return format!("\u{200F}{out}");
    }
    out
}

/// Whether text has a letter outside the isolates (FSI, LRI, RLI … PDI)
/// inside it: what Unicode's bidi algorithm (rule P2) reads its direction
/// from. Text without isolates is taken to have its own words.
fn has_own_words(text: &str) -> bool {
    if !text.contains('\u{2068}') {
        return true;
    }
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphabetic() => return true,
            _ => {}
        }
    }
    false
}

/// A message without arguments.
pub fn label(locale: Locale, id: &str) -> String {
    text(locale, id, &[])
}

/// A message without arguments, or `fallback` when the catalogue has no
/// such message: the name of a thing the catalogues may not know (a custom
/// metric, a rule code from a newer ingest).
pub fn label_or(locale: Locale, id: &str, fallback: &str) -> String {
    if has(locale, id) {
        label(locale, id)
    } else {
        fallback.to_owned()
    }
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

/// Every message id of a locale's catalogue, in file order.
pub fn ids(locale: Locale) -> Vec<String> {
    catalogue(locale)
        .lines()
        .filter_map(|l| {
            let (id, _) = l.split_once(" =")?;
            (!id.starts_with([' ', '#', '-']) && !id.is_empty()).then(|| id.to_owned())
        })
        .collect()
}

/// A message kept by its id and arguments, to be worded later in the
/// reader's language: what a library error carries, so that the terminal
/// says it in `--lang`'s language and a web page in its reader's, while
/// its English (its `Display`) stays what logs and the API's JSON show.
#[derive(Debug, Clone)]
pub struct Said {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Said {
    /// The message `id`, with no argument yet.
    pub fn new(id: &'static str) -> Said {
        Said {
            id,
            args: Vec::new(),
        }
    }

    /// The message with argument `name` set to `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Said {
        self.args.push((name, value.into()));
        self
    }

    /// Its id in the catalogues.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `locale`'s words.
    pub fn in_language(&self, locale: Locale) -> String {
        text(locale, self.id, &self.args)
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Locale::En))
    }
}

#[cfg(test)]
mod tests;
