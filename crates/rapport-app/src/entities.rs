//! The canonical entities described for people: key, columns, types and
//! the rules a row must keep (DESIGN.md, "Canonical entities"), as the CLI's
//! `rapport entities` and the API show them.

use std::str::FromStr;

use rapport_locale::{Locale, messages};
use rapport_schema::{ColumnType, Entity, RowRule, Rule};
use serde::{Deserialize, Serialize};

use crate::Result;

/// One column of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnDescription {
    pub name: String,
    /// The type in words ("a timestamp", "a number", …).
    #[serde(rename = "type")]
    pub ty: String,
    pub required: bool,
    /// Each value rule in words ("not negative", "one of nps|csat|ces").
    pub rules: Vec<String>,
}

/// One entity: its natural key, columns and the rules across a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityDescription {
    pub entity: String,
    pub key: Vec<String>,
    pub columns: Vec<ColumnDescription>,
    /// Rules that relate several columns of a row, in words.
    #[serde(default)]
    pub row_rules: Vec<String>,
}

impl EntityDescription {
    /// The required columns' names.
    pub fn required(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name.as_str())
            .collect()
    }
}

/// A column type in words ("a timestamp", "a number", …).
pub fn describe_type(ty: ColumnType, locale: Locale) -> String {
    let id = match ty {
        ColumnType::Text => "column-type-text",
        ColumnType::Integer => "column-type-integer",
        ColumnType::Decimal => "column-type-decimal",
        ColumnType::Timestamp => "column-type-timestamp",
        ColumnType::Date => "column-type-date",
        ColumnType::Boolean => "column-type-boolean",
        ColumnType::TextList => "column-type-list",
    };
    messages::label(locale, id)
}

/// A value rule in words.
pub fn describe_rule(rule: &Rule, locale: Locale) -> String {
    let id = match rule {
        Rule::NonNegative => "column-rule-non-negative",
        Rule::Positive => "column-rule-positive",
        Rule::OneOf(values) => {
            return messages::text(
                locale,
                "column-rule-one-of",
                &[("values", values.join("|").into())],
            );
        }
        Rule::CurrencyCode => "column-rule-currency-code",
        Rule::BirthYear => "column-rule-birth-year",
        Rule::PeriodLabel => "column-rule-period-label",
    };
    messages::label(locale, id)
}

/// A row rule in words.
pub fn describe_row_rule(rule: &RowRule, locale: Locale) -> String {
    match rule {
        RowRule::NotBefore { later, earlier } => messages::text(
            locale,
            "row-rule-not-before",
            &[("later", (*later).into()), ("earlier", (*earlier).into())],
        ),
        RowRule::SurveyScale => messages::label(locale, "row-rule-survey-scale"),
    }
}

/// Describes one entity in `locale`'s words (column and entity names stay
/// as they are: they are what a mapping and SQL use).
pub fn describe(entity: Entity, locale: Locale) -> EntityDescription {
    let spec = entity.spec();
    EntityDescription {
        entity: entity.name().to_owned(),
        key: spec.key.iter().map(|k| (*k).to_owned()).collect(),
        columns: spec
            .columns
            .iter()
            .map(|c| ColumnDescription {
                name: c.name.to_owned(),
                ty: describe_type(c.ty, locale),
                required: c.required,
                rules: c.rules.iter().map(|r| describe_rule(r, locale)).collect(),
            })
            .collect(),
        row_rules: spec
            .row_rules
            .iter()
            .map(|r| describe_row_rule(r, locale))
            .collect(),
    }
}

/// Describes the entity named `name`, or every entity when `None`; an
/// unknown name is the user's input error, naming the entities.
pub fn entities(name: Option<&str>, locale: Locale) -> Result<Vec<EntityDescription>> {
    Ok(match name {
        Some(n) => vec![describe(Entity::from_str(n)?, locale)],
        None => Entity::ALL.iter().map(|&e| describe(e, locale)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules of the `amount` column of an entity's description.
    fn amount_rules(d: &EntityDescription) -> &[String] {
        &d.columns
            .iter()
            .find(|c| c.name == "amount")
            .expect("amount")
            .rules
    }

    #[test]
    fn every_entity_is_described_with_its_key_and_rules() {
        let all = entities(None, Locale::En).expect("all");
        assert_eq!(all.len(), Entity::ALL.len());
        let surveys = entities(Some("survey_responses"), Locale::En).expect("one");
        let s = &surveys[0];
        assert_eq!(s.key, ["response_id"]);
        assert!(s.required().contains(&"score"));
        assert!(s.row_rules.iter().any(|r| r.contains("survey's scale")));
        let orders = describe(Entity::Orders, Locale::En);
        assert_eq!(amount_rules(&orders), ["not negative"]);
        let back: EntityDescription =
            serde_json::from_str(&serde_json::to_string(&orders).expect("json")).expect("back");
        assert_eq!(back, orders);
    }

    #[test]
    fn every_entity_is_worded_in_every_language() {
        for &locale in Locale::ALL {
            // A missing message stops here (debug assertions are on in tests).
            for e in entities(None, locale).expect("all") {
                for c in &e.columns {
                    assert!(
                        !c.ty.is_empty() && !c.ty.starts_with("column-"),
                        "{locale}: {}",
                        c.name
                    );
                }
            }
        }
        let ro = describe(Entity::Orders, Locale::Ro);
        assert_eq!(amount_rules(&ro), ["nu e negativă"]);
        let surveys = describe(Entity::SurveyResponses, Locale::ZhHans);
        assert!(surveys.row_rules.iter().any(|r| r.contains("量表")));
    }

    #[test]
    fn an_unknown_entity_is_an_input_error() {
        let e = entities(Some("nope"), Locale::En).expect_err("unknown");
        assert_eq!(e.kind(), crate::ErrorKind::Input);
    }
}
