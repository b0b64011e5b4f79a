//! Source mappings: how the columns of an export become canonical columns.
//!
//! A mapping is a small TOML file (see the README, "Mappings"):
//!
//! ```toml
//! source = "typeform"            # the system the rows come from
//! entity = "survey_responses"    # optional; checked against the command line
//! timezone = "Europe/Bucharest"  # naive times in the file are local to this zone
//!
//! [columns]
//! response_id = "Response ID"                      # a rename
//! responded_at = { from = "Submitted", format = "%d/%m/%Y %H:%M" }
//! score = { from = "How satisfied were you?", values = { "Very satisfied" = 5, "Satisfied" = 4 } }
//! amount = { from = "Total", decimal_separator = "," }
//!
//! [constants]
//! survey = "csat"
//! scale_min = 1
//! scale_max = 5
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rapport_model::{ColumnType, Entity};
use serde::Deserialize;

use crate::error::{Error, Result};

/// A parsed, checked mapping.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// The `source` name stored with every row; defaults to the file stem.
    pub source: Option<String>,
    /// The entity the mapping is written for, if it says.
    pub entity: Option<Entity>,
    /// Time zone for naive times (overrides the workspace's).
    pub timezone: Option<chrono_tz::Tz>,
    /// Canonical column → how to read it.
    pub columns: BTreeMap<String, ColumnMapping>,
    /// Canonical column → fixed value for every row.
    pub constants: BTreeMap<String, String>,
    /// Where the mapping was read from, for messages.
    pub origin: Option<PathBuf>,
}

/// How one canonical column is read from the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnMapping {
    /// The source column's name.
    pub from: String,
    /// A chrono format (`%d/%m/%Y %H:%M`) or `unix`, `unix_ms`, `unix_us`
    /// for timestamps and dates.
    pub format: Option<String>,
    /// Time zone of this column's naive times.
    pub timezone: Option<chrono_tz::Tz>,
    /// Source value → canonical value, applied before parsing.
    pub values: BTreeMap<String, String>,
    /// `,` when the source writes `1.234,56`.
    pub decimal_separator: Option<char>,
    /// Factor applied to numbers (`0.01` for amounts in cents).
    pub multiply: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    source: Option<String>,
    entity: Option<String>,
    timezone: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, RawColumn>,
    #[serde(default)]
    constants: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawColumn {
    Rename(String),
    Spec(RawColumnSpec),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumnSpec {
    from: String,
    format: Option<String>,
    timezone: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, toml::Value>,
    decimal_separator: Option<char>,
    multiply: Option<f64>,
}

fn scalar_text(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

impl Mapping {
    /// Reads and checks a mapping file.
    pub fn from_file(path: &Path) -> Result<Mapping> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            action: "cannot read the mapping",
            path: path.to_owned(),
            source,
        })?;
        let mut m = Mapping::from_toml(&text, &path.display().to_string())?;
        m.origin = Some(path.to_owned());
        Ok(m)
    }

    /// Parses a mapping from TOML text; `origin` names it in messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Mapping> {
        let bad = |message: String| Error::Mapping {
            origin: origin.to_owned(),
            message,
        };
        let raw: RawMapping = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        let tz = |name: &str, key: &str| {
            name.parse::<chrono_tz::Tz>().map_err(|_| {
                bad(format!(
                    "{key} `{name}` is not an IANA time zone name (for example `Europe/Bucharest`)"
                ))
            })
        };
        let entity = raw
            .entity
            .as_deref()
            .map(|e| e.parse::<Entity>().map_err(|e| bad(e.to_string())))
            .transpose()?;
        let timezone = raw
            .timezone
            .as_deref()
            .map(|n| tz(n, "timezone"))
            .transpose()?;
        let mut columns = BTreeMap::new();
        for (canonical, col) in raw.columns {
            let spec = match col {
                RawColumn::Rename(from) => ColumnMapping {
                    from,
                    ..ColumnMapping::default()
                },
                RawColumn::Spec(s) => {
                    let mut values = BTreeMap::new();
                    for (k, v) in s.values {
                        let text = scalar_text(&v).ok_or_else(|| {
                            bad(format!(
                                "columns.{canonical}.values.{k:?} must be a single value"
                            ))
                        })?;
                        values.insert(k, text);
                    }
                    ColumnMapping {
                        from: s.from,
                        format: s.format,
                        timezone: s
                            .timezone
                            .as_deref()
                            .map(|n| tz(n, &format!("columns.{canonical}.timezone")))
                            .transpose()?,
                        values,
                        decimal_separator: s.decimal_separator,
                        multiply: s.multiply,
                    }
                }
            };
            columns.insert(canonical, spec);
        }
        let mut constants = BTreeMap::new();
        for (k, v) in raw.constants {
            let text = scalar_text(&v)
                .ok_or_else(|| bad(format!("constants.{k} must be a single value")))?;
            constants.insert(k, text);
        }
        Ok(Mapping {
            source: raw.source,
            entity,
            timezone,
            columns,
            constants,
            origin: None,
        })
    }

    /// Checks the mapping against the entity it is used for: every name is
    /// a canonical column, no column is both mapped and constant, formats
    /// only where they mean something.
    pub fn check(&self, entity: Entity) -> Result<()> {
        let origin = self
            .origin
            .as_ref()
            .map_or_else(|| "mapping".to_owned(), |p| p.display().to_string());
        let bad = |message: String| Error::Mapping {
            origin: origin.clone(),
            message,
        };
        if let Some(e) = self.entity
            && e != entity
        {
            return Err(bad(format!(
                "it is written for entity `{e}`, but it is used to load `{entity}`"
            )));
        }
        let spec = entity.spec();
        let names = || {
            spec.columns
                .iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (canonical, col) in &self.columns {
            let Some(c) = spec.column(canonical) else {
                return Err(bad(format!(
                    "columns.{canonical}: `{canonical}` is not a column of `{entity}` (its columns: {})",
                    names()
                )));
            };
            let is_time = matches!(c.ty, ColumnType::Timestamp | ColumnType::Date);
            if (col.format.is_some() || col.timezone.is_some()) && !is_time {
                return Err(bad(format!(
                    "columns.{canonical}: `format` and `timezone` apply to timestamps and dates, and `{canonical}` is {}",
                    c.ty.describe()
                )));
            }
            let is_number = matches!(c.ty, ColumnType::Integer | ColumnType::Decimal);
            if (col.decimal_separator.is_some() || col.multiply.is_some()) && !is_number {
                return Err(bad(format!(
                    "columns.{canonical}: `decimal_separator` and `multiply` apply to numbers, and `{canonical}` is {}",
                    c.ty.describe()
                )));
            }
            if let Some(sep) = col.decimal_separator
                && sep != ','
                && sep != '.'
            {
                return Err(bad(format!(
                    "columns.{canonical}.decimal_separator is `{sep}`; use `,` or `.`"
                )));
            }
        }
        for canonical in self.constants.keys() {
            if spec.column(canonical).is_none() {
                return Err(bad(format!(
                    "constants.{canonical}: `{canonical}` is not a column of `{entity}` (its columns: {})",
                    names()
                )));
            }
            if self.columns.contains_key(canonical) {
                return Err(bad(format!(
                    "`{canonical}` is both mapped from a column and set as a constant; keep one"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
        source = "typeform"
        entity = "survey_responses"
        timezone = "Europe/Bucharest"
        [columns]
        response_id = "Response ID"
        responded_at = { from = "Submitted", format = "%d/%m/%Y %H:%M" }
        score = { from = "How satisfied?", values = { "Very satisfied" = 5, "Satisfied" = 4 } }
        [constants]
        survey = "csat"
        scale_min = 1
    "#;

    #[test]
    fn parses_renames_formats_value_maps_and_constants() {
        let m = Mapping::from_toml(EXAMPLE, "t.toml").expect("valid mapping");
        assert_eq!(m.source.as_deref(), Some("typeform"));
        assert_eq!(m.entity, Some(Entity::SurveyResponses));
        assert_eq!(m.columns["response_id"].from, "Response ID");
        assert_eq!(
            m.columns["responded_at"].format.as_deref(),
            Some("%d/%m/%Y %H:%M")
        );
        assert_eq!(m.columns["score"].values["Very satisfied"], "5");
        assert_eq!(m.constants["scale_min"], "1");
        m.check(Entity::SurveyResponses).expect("consistent");
    }

    #[test]
    fn rejects_unknown_columns_with_the_list_of_known_ones() {
        let m = Mapping::from_toml("[columns]\nrating = \"Score\"", "m.toml").expect("parses");
        let err = m.check(Entity::SurveyResponses).unwrap_err().to_string();
        assert!(err.contains("m.toml") || err.contains("mapping"), "{err}");
        assert!(
            err.contains("`rating` is not a column") && err.contains("score"),
            "{err}"
        );
    }

    #[test]
    fn rejects_wrong_entity_bad_zone_and_misplaced_options() {
        let m = Mapping::from_toml("entity = \"orders\"", "m").expect("parses");
        assert!(m.check(Entity::Customers).is_err());
        assert!(Mapping::from_toml("timezone = \"Mars/Olympus\"", "m").is_err());
        let m = Mapping::from_toml("[columns]\namount = { from = \"x\", format = \"%Y\" }", "m")
            .expect("parses");
        assert!(m.check(Entity::Orders).is_err());
        assert!(
            Mapping::from_toml("colums = 1", "m").is_err(),
            "typos are errors"
        );
    }
}
