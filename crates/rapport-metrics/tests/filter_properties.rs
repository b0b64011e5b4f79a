//! Property tests of the segment filter language: any text is a filter or
//! an error that points into it, never a panic or a stack overflow; and a
//! filter printed reads back as the same filter. Cases per property: 256
//! in CI; `PROPTEST_CASES=100000 scripts/test filter` runs more.

use proptest::prelude::*;
use rapport_metrics::Filter;

/// Filters built from the language's own pieces: tests on real fields with
/// each operator, joined by `and` / `or`, negated and parenthesised.
fn filter_text() -> impl Strategy<Value = String> {
    let test = prop_oneof![
        r#"(country|city|gender|region) (=|!=) "[A-Za-z ]{0,8}""#,
        r#"(country|city) in \("[A-Z]{2}"(, "[A-Z]{2}"){0,3}\)"#,
        r"(birth_year|acquisition_cost) (<|<=|>|>=|=|!=) -?[0-9]{1,6}(\.[0-9]{1,2})?",
    ];
    test.prop_recursive(6, 40, 4, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} and {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            inner.clone().prop_map(|a| format!("not ({a})")),
            inner.prop_map(|a| format!("({a})")),
        ]
    })
}

proptest! {
    #[test]
    fn any_text_is_a_filter_or_an_error_that_points_into_it(text in any::<String>()) {
        if let Err(e) = Filter::parse(&text) {
            prop_assert!(e.position <= text.len() + 1, "{e:?}");
        }
    }

    #[test]
    fn text_made_of_the_language_s_tokens_never_panics(
        text in r#"(\(|\)|not |and |or |country|birth_year|=|!=|<|>=| in |"RO"|"x|, |12|1e9| )*"#
    ) {
        let _ = Filter::parse(&text);
    }

    #[test]
    fn a_filter_prints_as_text_that_reads_back_as_itself(text in filter_text()) {
        match Filter::parse(&text) {
            Ok(f) => {
                let printed = f.to_string();
                let again = Filter::parse(&printed)
                    .unwrap_or_else(|e| panic!("{text} printed as {printed}: {e}"));
                prop_assert_eq!(again.to_string(), printed);
            }
            // Generated filters stay inside the language's limits, so an
            // error can only be one of the limits.
            Err(e) => prop_assert!(
                e.message.contains("nest deeper") || e.message.contains("tests"),
                "{text}: {e}"
            ),
        }
    }
}
