//! Why a metric has no value. METRICS.md says a metric without data is
//! missing, never 0, and a reader is owed the reason. The reason is a case
//! of [`Why`], not a sentence: the report and the command line write it in
//! the reader's language from the message `missing-<code>` of
//! rapport-locale's catalogues, and the JSON carries both the case (for a
//! program) and its English sentence (for a person reading the JSON).

use rapport_locale::messages::{self, Arg};
use rapport_locale::{Locale, lists, numbers};
use serde::{Deserialize, Serialize};

/// The case of a missing value, with the facts its sentence names.
/// Serialised with its code as `code` (`{"code": "no-orders"}`), the
/// message id without its `missing-` prefix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Why {
    /// A division by zero or another undefined result.
    Undefined,
    /// The catalog asked for the metric but no family computed it.
    NotComputed,
    NoNpsResponses,
    NoCsatResponses,
    NoCesResponses,
    /// CES answers on two scales cannot share one mean.
    CesScales {
        low_a: f64,
        high_a: f64,
        low_b: f64,
        high_b: f64,
    },
    NoSubscriptionsLoaded,
    NoOrdersLoaded,
    /// The period lies before the client's data begins.
    BeforeFirstActivity,
    NoActiveSubscriptions,
    /// No customer was active in the inactivity window before the period
    /// (non-contractual churn's denominator, METRICS.md "Churn rate").
    NoRecentCustomers,
    NoDormantCustomers,
    NoOrders,
    OrderCurrencies {
        first: String,
        last: String,
    },
    /// Campaign-level data has no customer, so no segment's value.
    NotAttributed,
    NoSpendRows,
    NoImpressions,
    NoClicks,
    SpendCurrencies {
        currencies: Vec<String>,
    },
    NoConversionsColumn,
    NoConversionValue,
    NoConversions,
    NoSpend,
    NoCampaigns,
    NoPostsWithFollowers,
    NoPostsWithReach,
    NoSessions,
    /// No cart was decided (abandoned or bought) in the period.
    NoCarts,
    NoTicketsOpened,
    NoTicketsResolved,
    NoContactCounts,
    NoEscalationFlags,
    NoFirstResponses,
    NoChurn,
    NoNewCustomers,
    ClvCacCurrencies {
        clv: String,
        spend: String,
    },
    CacZero,
    /// A derived metric whose input has no value, and the input's reason.
    Input {
        metric: String,
        cause: Box<Why>,
    },
    /// A split by a column some entity does not have.
    NoColumn {
        entity: String,
        by: String,
    },
    /// A split by an event column, which does not split customers.
    CustomersNotSplit {
        by: String,
    },
    /// A custom metric's query returned nothing for the period.
    NoQueryValue,
}

impl Why {
    /// The message id of the case.
    pub fn message_id(&self) -> String {
        let code: &'static str = self.into();
        format!("missing-{code}")
    }

    /// The reason in English, as the JSON's `missing_reason` carries it
    /// for a person reading the JSON.
    pub fn english(&self) -> String {
        self.text(Locale::En)
    }

    /// The reason as a sentence in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let number = |x: f64| {
            let places = if x == x.trunc() { 0 } else { 2 };
            Arg::Text(numbers::fixed(x, places, locale))
        };
        let args: Vec<(&str, Arg)> = match self {
            Why::CesScales {
                low_a,
                high_a,
                low_b,
                high_b,
            } => vec![
                ("low-a", number(*low_a)),
                ("high-a", number(*high_a)),
                ("low-b", number(*low_b)),
                ("high-b", number(*high_b)),
            ],
            Why::OrderCurrencies { first, last } => {
                vec![
                    ("first", first.as_str().into()),
                    ("last", last.as_str().into()),
                ]
            }
            Why::SpendCurrencies { currencies } => {
                vec![("currencies", lists::and(currencies, locale).into())]
            }
            Why::ClvCacCurrencies { clv, spend } => {
                vec![
                    ("clv", clv.as_str().into()),
                    ("spend", spend.as_str().into()),
                ]
            }
            Why::Input { metric, cause } => vec![
                (
                    "metric",
                    messages::label_or(locale, &format!("metric-{metric}"), metric).into(),
                ),
                ("cause", cause.text(locale).into()),
            ],
            Why::NoColumn { entity, by } => vec![
                (
                    "entity",
                    messages::label_or(locale, &format!("entity-{entity}"), entity).into(),
                ),
                ("by", by.as_str().into()),
            ],
            Why::CustomersNotSplit { by } => vec![("by", by.as_str().into())],
            _ => Vec::new(),
        };
        messages::text(locale, &self.message_id(), &args)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every case, to prove each has its sentence in every language.
    pub(crate) fn every_case() -> Vec<Why> {
        let s = |x: &str| x.to_owned();
        vec![
            Why::Undefined,
            Why::NotComputed,
            Why::NoNpsResponses,
            Why::NoCsatResponses,
            Why::NoCesResponses,
            Why::CesScales {
                low_a: 1.0,
                high_a: 5.0,
                low_b: 1.0,
                high_b: 7.0,
            },
            Why::NoSubscriptionsLoaded,
            Why::NoOrdersLoaded,
            Why::BeforeFirstActivity,
            Why::NoActiveSubscriptions,
            Why::NoRecentCustomers,
            Why::NoDormantCustomers,
            Why::NoOrders,
            Why::OrderCurrencies {
                first: s("EUR"),
                last: s("USD"),
            },
            Why::NotAttributed,
            Why::NoSpendRows,
            Why::NoImpressions,
            Why::NoClicks,
            Why::SpendCurrencies {
                currencies: vec![s("EUR"), s("RON"), s("USD")],
            },
            Why::NoConversionsColumn,
            Why::NoConversionValue,
            Why::NoConversions,
            Why::NoSpend,
            Why::NoCampaigns,
            Why::NoPostsWithFollowers,
            Why::NoPostsWithReach,
            Why::NoSessions,
            Why::NoCarts,
            Why::NoTicketsOpened,
            Why::NoTicketsResolved,
            Why::NoContactCounts,
            Why::NoEscalationFlags,
            Why::NoFirstResponses,
            Why::NoChurn,
            Why::NoNewCustomers,
            Why::ClvCacCurrencies {
                clv: s("EUR"),
                spend: s("USD"),
            },
            Why::CacZero,
            Why::Input {
                metric: s("aov"),
                cause: Box::new(Why::NoOrders),
            },
            Why::NoColumn {
                entity: s("orders"),
                by: s("campaign"),
            },
            Why::CustomersNotSplit { by: s("channel") },
            Why::NoQueryValue,
        ]
    }

    #[test]
    fn every_case_is_a_sentence_in_every_language() {
        let cases = every_case();
        let mut ids: Vec<String> = cases.iter().map(Why::message_id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), cases.len(), "two cases share a message id");
        for &locale in Locale::ALL {
            for why in &cases {
                let id = why.message_id();
                assert!(messages::has(locale, &id), "{locale} has no `{id}`");
                let text = why.text(locale);
                assert!(
                    !text.is_empty() && !text.contains("{"),
                    "{locale} {id}: {text}"
                );
            }
        }
    }

    #[test]
    fn a_reason_names_its_facts_in_the_readers_language() {
        let why = Why::Input {
            metric: "aov".into(),
            cause: Box::new(Why::OrderCurrencies {
                first: "EUR".into(),
                last: "USD".into(),
            }),
        };
        let en = why.text(Locale::En);
        assert!(
            en.starts_with("Average order value has no value: orders are in several currencies"),
            "{en}"
        );
        assert!(en.contains("EUR") && en.contains("USD"), "{en}");
        let fa = Why::CesScales {
            low_a: 1.0,
            high_a: 5.0,
            low_b: 1.0,
            high_b: 7.0,
        }
        .text(Locale::Fa);
        assert!(
            fa.contains('۵') && fa.contains('۷') && !fa.contains('5'),
            "{fa}"
        );
    }

    #[test]
    fn the_json_names_the_case_by_its_code() {
        let why = Why::Input {
            metric: "cac".into(),
            cause: Box::new(Why::NoSpendRows),
        };
        let json = serde_json::to_string(&why).unwrap();
        assert_eq!(
            json,
            r#"{"code":"input","metric":"cac","cause":{"code":"no-spend-rows"}}"#
        );
        assert_eq!(serde_json::from_str::<Why>(&json).unwrap(), why);
        assert_eq!(why.message_id(), "missing-input");
    }
}
