//! What a reader should know about how a result was made: which tables a
//! split reached, which groups are not shown, why a test is missing. Like
//! [`crate::Why`], a note is a case, worded by the catalogues (messages
//! `note-*`) in the reader's language. The JSON keeps its English
//! sentence, so the results' shape is unchanged; a note read back from
//! JSON is that sentence ([`Note::Said`]).

use rapport_locale::messages::{self, Arg};
use rapport_locale::{Locale, lists};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A note on a result, with the facts its sentence names.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A split by a column some tables have; `unsplit` lists the others.
    SplitByColumn {
        by: String,
        entities: Vec<String>,
        unsplit: Vec<String>,
    },
    /// A split by a customer field: data without a customer is in no group.
    SplitByField {
        field: String,
    },
    /// A list field puts a customer in as many groups as it has values.
    SeveralGroups {
        field: String,
    },
    /// More values than a breakdown shows (`MAX_GROUPS`).
    LargestGroups {
        by: String,
        values: usize,
        shown: usize,
    },
    /// Non-contractual customers are counted from orders (METRICS.md
    /// "Active customers").
    Inactivity {
        days: u32,
    },
    /// Groups the split found with no data for the metric.
    NoDataFor {
        metric: String,
        values: Vec<String>,
    },
    /// Groups whose spend is in another currency and no rate converts it.
    ForeignSpend {
        home: String,
        values: Vec<String>,
    },
    NoAdSpend,
    /// The A/B arms were chosen as the two largest values of a column.
    LargestArms {
        column: String,
    },
    /// Two segment filters may overlap.
    BothArms,
    /// A metric no test of difference applies to (METRICS.md "Tests").
    NoTest {
        metric: String,
    },
    /// A note as read back from JSON: its English sentence.
    Said(String),
}

impl Note {
    /// The note as a sentence in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let metric = |id: &str| messages::label_or(locale, &format!("metric-{id}"), id);
        let entities = |names: &[String]| {
            let named: Vec<String> = names
                .iter()
                .map(|e| messages::label_or(locale, &format!("entity-{e}"), e))
                .collect();
            lists::and(&named, locale)
        };
        let (id, args): (&str, Vec<(&str, Arg)>) = match self {
            Note::SplitByColumn {
                by,
                entities: of,
                unsplit,
            } => {
                let mut args = vec![
                    ("by", by.as_str().into()),
                    ("entities", entities(of).into()),
                ];
                if unsplit.is_empty() {
                    ("note-split-by-column-all", args)
                } else {
                    args.push(("unsplit", entities(unsplit).into()));
                    ("note-split-by-column", args)
                }
            }
            Note::SplitByField { field } => (
                "note-split-by-field",
                vec![("field", field.as_str().into())],
            ),
            Note::SeveralGroups { field } => (
                "note-several-groups",
                vec![("field", field.as_str().into())],
            ),
            Note::LargestGroups { by, values, shown } => (
                "note-largest-groups",
                vec![
                    ("by", by.as_str().into()),
                    ("values", (*values).into()),
                    ("shown", (*shown).into()),
                ],
            ),
            Note::Inactivity { days } => {
                ("note-inactivity", vec![("days", u64::from(*days).into())])
            }
            Note::NoDataFor { metric: m, values } => (
                "note-no-data-for",
                vec![
                    ("metric", metric(m).into()),
                    ("values", lists::and(values, locale).into()),
                ],
            ),
            Note::ForeignSpend { home, values } => (
                "note-foreign-spend",
                vec![
                    ("home", home.as_str().into()),
                    ("values", lists::and(values, locale).into()),
                ],
            ),
            Note::NoAdSpend => ("note-no-ad-spend", Vec::new()),
            Note::LargestArms { column } => (
                "note-largest-arms",
                vec![("column", column.as_str().into())],
            ),
            Note::BothArms => ("note-both-arms", Vec::new()),
            Note::NoTest { metric: m } => ("note-no-test", vec![("metric", metric(m).into())]),
            Note::Said(text) => return text.clone(),
        };
        messages::text(locale, id, &args)
    }

    /// The note in English, as the JSON carries it.
    pub fn english(&self) -> String {
        self.text(Locale::En)
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english())
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Note, D::Error> {
        Ok(Note::Said(String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_case() -> Vec<Note> {
        let s = |x: &str| x.to_owned();
        vec![
            Note::SplitByColumn {
                by: s("channel"),
                entities: vec![s("orders"), s("support_tickets")],
                unsplit: vec![s("web_events")],
            },
            Note::SplitByColumn {
                by: s("channel"),
                entities: vec![s("orders")],
                unsplit: Vec::new(),
            },
            Note::SplitByField {
                field: s("country"),
            },
            Note::SeveralGroups { field: s("tags") },
            Note::LargestGroups {
                by: s("utm_campaign"),
                values: 31,
                shown: 20,
            },
            Note::Inactivity { days: 180 },
            Note::NoDataFor {
                metric: s("revenue"),
                values: vec![s("social"), s("email")],
            },
            Note::ForeignSpend {
                home: s("EUR"),
                values: vec![s("tiktok")],
            },
            Note::NoAdSpend,
            Note::LargestArms {
                column: s("channel"),
            },
            Note::BothArms,
            Note::NoTest {
                metric: s("revenue"),
            },
        ]
    }

    #[test]
    fn every_note_is_a_sentence_in_every_language() {
        for note in every_case() {
            for &locale in Locale::ALL {
                let text = note.text(locale);
                assert!(
                    !text.is_empty() && !text.contains("note-"),
                    "{locale}: {text}"
                );
                assert!(!text.contains('{'), "{locale}: {text}");
            }
        }
        let english = every_case()[0].english();
        assert_eq!(
            english,
            "split by the `channel` column of Orders and Support tickets; metrics of Website events are not split"
        );
        assert_eq!(
            Note::Inactivity { days: 180 }.text(Locale::Ro),
            "clienții sunt numărați din comenzi: un client e activ cât timp ultima comandă are cel mult 180 de zile"
        );
    }

    #[test]
    fn the_json_carries_the_english_sentence_and_reads_back() {
        let json = serde_json::to_string(&Note::NoAdSpend).expect("json");
        assert_eq!(
            json,
            "\"no ad spend in the period: CPA, ROAS and CAC are not available\""
        );
        let back: Note = serde_json::from_str(&json).expect("read back");
        assert_eq!(back.text(Locale::Fa), Note::NoAdSpend.english());
    }
}
