//! The canonical entities described for people: key, columns, types and
//! the rules a row must keep (DESIGN.md, "Canonical entities"), as the CLI's
//! `rapport entities` and the API show them.

use std::str::FromStr;

use rapport_schema::{Entity, RowRule, Rule};
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

/// A value rule in words.
pub fn describe_rule(rule: &Rule) -> String {
    match rule {
        Rule::NonNegative => "not negative".to_owned(),
        Rule::Positive => "above 0".to_owned(),
        Rule::OneOf(values) => format!("one of {}", values.join("|")),
        Rule::CurrencyCode => "ISO 4217 code".to_owned(),
        Rule::BirthYear => "plausible birth year".to_owned(),
        Rule::PeriodLabel => "period label".to_owned(),
    }
}

/// A row rule in words.
pub fn describe_row_rule(rule: &RowRule) -> String {
    match rule {
        RowRule::NotBefore { later, earlier } => format!("{later} is not before {earlier}"),
        RowRule::SurveyScale => "score lies on the survey's scale (nps 0-10; csat 1-5 and ces 1-7 unless scale_min/scale_max say otherwise)".to_owned(),
    }
}

/// Describes one entity.
pub fn describe(entity: Entity) -> EntityDescription {
    let spec = entity.spec();
    EntityDescription {
        entity: entity.name().to_owned(),
        key: spec.key.iter().map(|k| (*k).to_owned()).collect(),
        columns: spec
            .columns
            .iter()
            .map(|c| ColumnDescription {
                name: c.name.to_owned(),
                ty: c.ty.describe().to_owned(),
                required: c.required,
                rules: c.rules.iter().map(describe_rule).collect(),
            })
            .collect(),
        row_rules: spec.row_rules.iter().map(describe_row_rule).collect(),
    }
}

/// Describes the entity named `name`, or every entity when `None`; an
/// unknown name is the user's input error, naming the entities.
pub fn entities(name: Option<&str>) -> Result<Vec<EntityDescription>> {
    Ok(match name {
        Some(n) => vec![describe(Entity::from_str(n)?)],
        None => Entity::ALL.iter().copied().map(describe).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_is_described_with_its_key_and_rules() {
        let all = entities(None).expect("all");
        assert_eq!(all.len(), Entity::ALL.len());
        let surveys = entities(Some("survey_responses")).expect("one");
        let s = &surveys[0];
        assert_eq!(s.key, ["response_id"]);
        assert!(s.required().contains(&"score"));
        assert!(s.row_rules.iter().any(|r| r.contains("survey's scale")));
        let orders = describe(Entity::Orders);
        let amount = orders
            .columns
            .iter()
            .find(|c| c.name == "amount")
            .expect("amount");
        assert_eq!(amount.rules, ["not negative"]);
        let back: EntityDescription =
            serde_json::from_str(&serde_json::to_string(&orders).expect("json")).expect("back");
        assert_eq!(back, orders);
    }

    #[test]
    fn an_unknown_entity_is_an_input_error() {
        let e = entities(Some("nope")).expect_err("unknown");
        assert_eq!(e.kind(), crate::ErrorKind::Input);
    }
}
