use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use super::*;

/// What a message needs: the variables it reads, and for each plural
/// selector the variant keys it offers.
#[derive(Debug, Default)]
struct Shape {
    variables: BTreeSet<String>,
    selectors: Vec<(String, BTreeSet<String>)>,
}

fn walk(pattern: &Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, shape);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, shape: &mut Shape) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, shape),
        Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let name = match selector {
                InlineExpression::VariableReference { id } => id.name.to_owned(),
                _ => String::new(),
            };
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } | VariantKey::NumberLiteral { value: name } => {
                        (*name).to_owned()
                    }
                })
                .collect();
            shape.selectors.push((name, keys));
            for v in variants {
                walk(&v.value, shape);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        _ => {}
    }
}

fn shapes(locale: Locale) -> BTreeMap<String, Shape> {
    let resource = fluent_syntax::parser::parse(catalogue(locale))
        .unwrap_or_else(|(_, errors)| panic!("{locale}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let mut shape = Shape::default();
                if let Some(value) = &m.value {
                    walk(value, &mut shape);
                }
                assert!(
                    out.insert(m.id.name.to_owned(), shape).is_none(),
                    "{locale}: `{}` is defined twice",
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("{locale}.ftl has junk: {content}"),
            _ => {}
        }
    }
    out
}

/// The CLDR cardinal plural categories of a language, found by asking its
/// rules about enough numbers to meet every category it has.
fn plural_categories(locale: Locale) -> BTreeSet<&'static str> {
    let lang: unic_langid::LanguageIdentifier = plural_language(locale).parse().expect("tag");
    let rules = PluralRules::create(lang, PluralRuleType::CARDINAL).expect("plural rules");
    (0..=1000u32)
        .map(|n| match rules.select(n).expect("select") {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        })
        .collect()
}

#[test]
fn every_message_is_in_every_language_with_the_same_variables() {
    let english = shapes(Locale::En);
    assert!(english.len() > 250, "{}", english.len());
    for &locale in &Locale::ALL[1..] {
        let translated = shapes(locale);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !translated.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        let extra: Vec<_> = translated
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(
            extra.is_empty(),
            "{locale} has ids English lacks: {extra:?}"
        );
        for (id, shape) in &english {
            let theirs = &translated[id].variables;
            // A translation may leave out a count's figure where the
            // language's grammar says it in words (Romanian "clientul"
            // for one customer), but never read a variable the code does
            // not pass.
            let invented: Vec<_> = theirs.difference(&shape.variables).collect();
            assert!(
                invented.is_empty(),
                "{locale} `{id}` reads {invented:?}, which English does not"
            );
            let text_vars: Vec<_> = shape
                .variables
                .iter()
                .filter(|v| !v.ends_with("-text") && !shape.selectors.iter().any(|(s, _)| s == *v))
                .filter(|v| !theirs.contains(*v))
                .collect();
            assert!(text_vars.is_empty(), "{locale} `{id}` drops {text_vars:?}");
        }
    }
}

#[test]
fn plural_selectors_name_every_category_of_their_language() {
    for &locale in Locale::ALL {
        let categories = plural_categories(locale);
        for (id, shape) in shapes(locale) {
            for (selector, keys) in &shape.selectors {
                // A selector on a word (`$direction`: up or down) is not a
                // plural choice; one whose keys are all CLDR category
                // names is.
                let plural = keys.iter().all(|k| {
                    ["zero", "one", "two", "few", "many", "other"].contains(&k.as_str())
                        || k.parse::<f64>().is_ok()
                });
                if !plural {
                    continue;
                }
                let lacking: Vec<_> = categories.iter().filter(|c| !keys.contains(**c)).collect();
                assert!(
                    lacking.is_empty(),
                    "{locale} `{id}`: the selector on ${selector} lacks {lacking:?}"
                );
            }
        }
    }
    assert_eq!(
        plural_categories(Locale::Ro),
        BTreeSet::from(["one", "few", "other"])
    );
    assert_eq!(plural_categories(Locale::ZhHans), BTreeSet::from(["other"]));
    assert_eq!(
        plural_categories(Locale::Fa),
        BTreeSet::from(["one", "other"])
    );
}

#[test]
fn every_message_formats_without_error_in_every_language() {
    for &locale in Locale::ALL {
        let b = bundle(locale);
        for (id, shape) in shapes(locale) {
            for n in [0u64, 1, 2, 5, 19, 20, 21, 101, 1000] {
                let mut args = FluentArgs::new();
                for v in &shape.variables {
                    args.set(v.clone(), FluentValue::from(n));
                }
                let pattern = b.get_message(&id).and_then(|m| m.value()).expect("value");
                let mut errors = Vec::new();
                let out = b.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{locale} `{id}` with {n}: {errors:?}");
                assert!(!out.trim().is_empty(), "{locale} `{id}` is empty");
            }
        }
    }
}

#[test]
fn labels_need_no_argument_in_any_language() {
    for &locale in Locale::ALL {
        let labels = labels(locale);
        assert!(labels.values().all(|v| !v.contains('{') && !v.is_empty()));
        // No label starts or ends with a space of any kind (a no-break
        // space after `=` is kept by Fluent and shows as "( %)").
        for (id, v) in labels {
            assert_eq!(v.trim(), v, "{locale} `{id}` has space around it");
        }
        assert!(!labels.contains_key("label-prepared-by"));
        assert!(labels.contains_key("section-summary"), "{locale}");
    }
    assert_eq!(labels(Locale::En)["section-summary"], "Summary");
    assert_eq!(labels(Locale::En)["month-short-12"], "Dec");
}

#[test]
fn counts_choose_the_plural_and_are_written_in_the_language() {
    let en = |n: u64| text(Locale::En, "dq-quarantined", &[("rows", n.into())]);
    assert!(en(1).contains("1 row "), "{}", en(1));
    assert!(en(1200).contains("1,200 rows "), "{}", en(1200));
    let ro = |n: u64| text(Locale::Ro, "dq-quarantined", &[("rows", n.into())]);
    assert!(ro(1).starts_with("1 rând "), "{}", ro(1));
    assert!(ro(3).starts_with("3 rânduri "), "{}", ro(3));
    assert!(ro(1200).starts_with("1.200 de rânduri "), "{}", ro(1200));
    let fa = text(Locale::Fa, "dq-quarantined", &[("rows", 1200u64.into())]);
    assert!(fa.contains("۱٬۲۰۰"), "{fa}");
    // Persian isolates what it is given, so a Latin name keeps its order.
    let fa = text(
        Locale::Fa,
        "label-prepared-by",
        &[("agency", "Northwind Digital".into())],
    );
    assert!(fa.contains("\u{2068}Northwind Digital\u{2069}"), "{fa}");
}

/// Laid out by Unicode's bidi algorithm in a right-to-left paragraph, as a
/// browser and Typst lay it out: the characters from left to right.
fn visual_rtl(text: &str) -> String {
    use unicode_bidi::{BidiInfo, Level};
    let info = BidiInfo::new(text, Some(Level::rtl()));
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

#[test]
fn a_persian_message_made_of_placeables_keeps_its_direction_inside_another() {
    let day = |d: &str, month: &str, year: &str| {
        text(
            Locale::Fa,
            "date-day",
            &[
                ("day", d.into()),
                ("month", month.into()),
                ("year", year.into()),
            ],
        )
    };
    let range = text(
        Locale::Fa,
        "period-range",
        &[
            ("from", day("۲۱", "ژوئن", "۲۰۲۵").into()),
            ("to", day("۲۲", "سپتامبر", "۲۰۲۶").into()),
        ],
    );
    // Laid out, a right-to-left word's letters run backwards.
    let shown = |word: &str| word.chars().rev().collect::<String>();
    let seen = visual_rtl(&range);
    let at = |s: &str| seen.find(s).unwrap_or_else(|| panic!("{s} in {seen:?}"));
    let (june, september) = (at(&shown("ژوئن")), at(&shown("سپتامبر")));
    // Right to left: the start (June) stands right of the end, and inside
    // each date the day stands right of the month and the year left of it,
    // though the date is a placeable inside a placeable.
    assert!(september < june, "{seen:?}");
    assert!(at("۲۰۲۵") < june && june < at("۲۱"), "{seen:?}");
    assert!(at("۲۰۲۶") < september && september < at("۲۲"), "{seen:?}");
    // A message with words of its own needs no mark.
    let fa = text(
        Locale::Fa,
        "label-prepared-by",
        &[("agency", "Northwind".into())],
    );
    assert!(!fa.starts_with('\u{200F}'), "{fa:?}");
}

#[test]
fn no_message_is_defined_twice() {
    // A second definition would be silently ignored by the bundle, so a
    // translation added at the end of a catalogue could never be read.
    for &locale in Locale::ALL {
        let resource = FluentResource::try_new(catalogue(locale).to_owned()).expect("parses");
        let mut bundle = FluentBundle::<FluentResource>::new_concurrent(vec![
            plural_language(locale).parse().expect("tag"),
        ]);
        let added = bundle.add_resource(resource);
        assert!(added.is_ok(), "{locale}: {added:?}");
    }
}
