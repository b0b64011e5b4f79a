//! What a client's data lacks for a model. A report shows these in its
//! reader's language ("the purchase model is not available: …"), so they
//! are cases worded by rapport-locale's catalogues (messages `lack-*`),
//! not English sentences; the command line prints the English one.

use std::fmt;

use rapport_locale::messages::{self, Arg};
use rapport_locale::{Locale, lists};
use rapport_metrics::Why;

/// Data a model needs and the client does not have.
#[derive(Debug, Clone, PartialEq)]
pub enum Lack {
    /// No completed orders at all.
    NoOrders {
        client: String,
    },
    /// No completed orders before a day (the as-of day, the calibration
    /// end), as ISO `YYYY-MM-DD`.
    NoOrdersBefore {
        client: String,
        day: String,
    },
    NoOrderItems {
        client: String,
    },
    /// A customer asked about has no orders with items.
    CustomerWithoutItems {
        client: String,
        customer: String,
    },
    NoSubscriptions {
        client: String,
    },
    /// Orders exist, but none before the forecast's day.
    NothingToForecast,
    /// Fewer complete periods than a forecast needs.
    TooFewPeriods {
        client: String,
        have: usize,
        need: usize,
    },
    /// A catalog metric's series has a period without a value.
    BrokenSeries {
        metric: String,
        period: String,
        why: Option<Why>,
    },
    /// Too few active customers to train and test the churn model.
    TooFewActive {
        at_cutoff: usize,
        later: usize,
        need: usize,
    },
    /// Spend per customer needs one currency.
    OrderCurrencies {
        currencies: Vec<String>,
    },
}

impl Lack {
    /// The sentence in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let client = |c: &String| ("client", Arg::Text(c.clone()));
        let (id, args): (&str, Vec<(&str, Arg)>) = match self {
            Lack::NoOrders { client: c } => ("lack-no-orders", vec![client(c)]),
            Lack::NoOrdersBefore { client: c, day } => (
                "lack-no-orders-before",
                vec![client(c), ("day", day.as_str().into())],
            ),
            Lack::NoOrderItems { client: c } => ("lack-no-order-items", vec![client(c)]),
            Lack::CustomerWithoutItems {
                client: c,
                customer,
            } => (
                "lack-customer-without-items",
                vec![client(c), ("customer", customer.as_str().into())],
            ),
            Lack::NoSubscriptions { client: c } => ("lack-no-subscriptions", vec![client(c)]),
            Lack::NothingToForecast => ("lack-nothing-to-forecast", Vec::new()),
            Lack::TooFewPeriods {
                client: c,
                have,
                need,
            } => (
                "lack-too-few-periods",
                vec![
                    client(c),
                    ("have", (*have).into()),
                    ("need", (*need).into()),
                ],
            ),
            Lack::BrokenSeries {
                metric,
                period,
                why,
            } => (
                "lack-broken-series",
                vec![
                    (
                        "metric",
                        messages::label_or(locale, &format!("metric-{metric}"), metric).into(),
                    ),
                    ("period", period.as_str().into()),
                    (
                        "why",
                        why.as_ref()
                            .map_or_else(
                                || messages::label(locale, "metric-no-data"),
                                |w| w.text(locale),
                            )
                            .into(),
                    ),
                ],
            ),
            Lack::TooFewActive {
                at_cutoff,
                later,
                need,
            } => (
                "lack-too-few-active",
                vec![
                    ("at-cutoff", (*at_cutoff).into()),
                    ("later", (*later).into()),
                    ("need", (*need).into()),
                ],
            ),
            Lack::OrderCurrencies { currencies } => (
                "lack-order-currencies",
                vec![("currencies", lists::and(currencies, locale).into())],
            ),
        };
        messages::text(locale, id, &args)
    }
}

/// The English sentence, as the command line's errors are written.
impl fmt::Display for Lack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Locale::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_case() -> Vec<Lack> {
        let c = || "acme".to_owned();
        vec![
            Lack::NoOrders { client: c() },
            Lack::NoOrdersBefore {
                client: c(),
                day: "2026-09-30".into(),
            },
            Lack::NoOrderItems { client: c() },
            Lack::CustomerWithoutItems {
                client: c(),
                customer: "c-17".into(),
            },
            Lack::NoSubscriptions { client: c() },
            Lack::NothingToForecast,
            Lack::TooFewPeriods {
                client: c(),
                have: 1,
                need: 4,
            },
            Lack::BrokenSeries {
                metric: "nps".into(),
                period: "2026-07".into(),
                why: Some(Why::NoNpsResponses),
            },
            Lack::TooFewActive {
                at_cutoff: 12,
                later: 30,
                need: 20,
            },
            Lack::OrderCurrencies {
                currencies: vec!["EUR".into(), "USD".into()],
            },
        ]
    }

    #[test]
    fn every_case_is_a_sentence_in_every_language() {
        for &locale in Locale::ALL {
            for lack in every_case() {
                let text = lack.text(locale);
                assert!(!text.is_empty() && !text.contains('{'), "{locale}: {text}");
            }
        }
    }

    #[test]
    fn a_case_names_its_facts_in_the_readers_digits() {
        let few = Lack::TooFewPeriods {
            client: "acme".into(),
            have: 1,
            need: 4,
        };
        assert_eq!(
            few.to_string(),
            "`acme` has 1 complete period of data; a forecast needs at least 4"
        );
        let fa = few.text(Locale::Fa);
        assert!(fa.contains('۱') && fa.contains('۴'), "{fa}");
        let broken = Lack::BrokenSeries {
            metric: "nps".into(),
            period: "2026-07".into(),
            why: Some(Why::NoNpsResponses),
        };
        assert_eq!(
            broken.to_string(),
            "Net Promoter Score has no value in 2026-07 (no NPS responses in the period); a forecast needs an unbroken series"
        );
    }
}
