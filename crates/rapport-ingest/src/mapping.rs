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
//!
//! [ignore]
//! "Network ID" = "a device fingerprint; not part of the model"
//! ```
//!
//! Beyond renames, a source may be a composite (`from = ["refunded",
//! "status"]` joins the values with `|`, so one value map can read two
//! columns), an entry of a key/value list (`event_params[page_location]`,
//! GA4's nested parameters) or a pattern with `*` (`"*recommend*"` for a
//! survey question whose wording differs per form; it must match exactly one
//! column). Numbers may be in minor units of the row's currency
//! (`minor_units = true`: 1999 USD cents are 19.99, 500 JPY are 500) and may
//! be multiplied by other columns (`factors`, e.g. quantity and billing
//! interval for a monthly recurring revenue). Source presets
//! (`rapport presets list`) are mappings in this same format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rapport_schema::{ColumnType, Entity};
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
    /// One line on what the mapping reads (shown by `rapport presets`).
    pub description: Option<String>,
    /// The documented export layout the mapping follows, with its version.
    pub documentation: Option<String>,
    /// Source columns deliberately not read → why. They are reported as
    /// accounted for; any other unread column is listed after a load.
    pub ignore: BTreeMap<String, String>,
    /// Adjacent rows that repeat the previous row's key continue that
    /// record (Shopify writes one line per line item and only the first
    /// carries the order); they are counted as duplicates, not validated.
    pub continuation_rows: bool,
    /// Lines above the header (a report title), skipped in CSV files.
    pub skip_lines: usize,
    /// Rows that are the export's own totals, not data: not counted as
    /// rows read, reported as `report_rows_skipped`.
    pub skip_rows: Vec<RowSkip>,
    /// The decimal separator of every number column that does not set its
    /// own (`,` for exports saved in a German or Romanian locale).
    pub decimal_separator: Option<char>,
    /// Canonical columns the export lacks → how the user provides them
    /// (`followers` → `--set followers=N`); shown when they are missing.
    pub needs: BTreeMap<String, String>,
    /// Other entities the same rows fill (`[also.ENTITY]`), loaded with
    /// this one in one atomic load: Shopify's order lines are also
    /// `order_items`, and their e-mail and billing columns `customers`.
    /// Each part has its entity set and shares this mapping's source, time
    /// zone, skipped lines and rows, and decimal separator.
    pub also: Vec<Mapping>,
    /// Numbers the rows within each run of adjacent rows with the same
    /// value of this source column (1, 2, … per order), as the extra
    /// source column [`LINE_COLUMN`]: a line item's stable line number.
    pub line_numbers: Option<String>,
    /// One row per element of the list of objects this source column
    /// holds (WooCommerce's `line_items`), its fields read as
    /// `COLUMN.FIELD` and its position in the list as [`LINE_COLUMN`].
    pub explode: Option<String>,
    /// One row per key: the rows of one key (a customer's orders) become
    /// one, whose values are the latest row's by this canonical timestamp
    /// column, except that column itself, which is the earliest (when the
    /// customer was first seen). See `shape::Merge`.
    pub latest_by: Option<String>,
    /// A key an earlier load of another source has keeps that load's row
    /// (a CRM's customer is richer than an order export's); a key an
    /// earlier load of the same source has is replaced (the export is
    /// newer). `--replace` makes this load win either way.
    pub keep_other_sources: bool,
}

/// The source column [`Mapping::line_numbers`] adds.
pub const LINE_COLUMN: &str = "#line";

/// Rows whose `column` matches `matches` (`*` patterns) are a report's
/// summary rows (Google Ads' `Total: Account`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSkip {
    pub column: String,
    pub matches: String,
}

/// One column reference of a source: a header name, optionally an entry of
/// a key/value list held in that column (`event_params[page_location]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// The text as written in the mapping.
    pub text: String,
    /// The header name (or `*` pattern) to look for.
    pub column: String,
    /// The `key` of the list entry to take, if any.
    pub entry: Option<String>,
}

impl SourceRef {
    /// Reads `name` or `name[key]`.
    pub fn parse(text: &str) -> SourceRef {
        if let Some(open) = text.find('[')
            && open > 0
            && text.ends_with(']')
        {
            return SourceRef {
                text: text.to_owned(),
                column: text[..open].to_owned(),
                entry: Some(text[open + 1..text.len() - 1].to_owned()),
            };
        }
        SourceRef {
            text: text.to_owned(),
            column: text.to_owned(),
            entry: None,
        }
    }

    /// Whether the reference is a `*` pattern rather than a name.
    pub fn is_pattern(&self) -> bool {
        self.column.contains('*')
    }
}

/// A number another column contributes to a value (`factors`).
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub from: SourceRef,
    /// Source value → number, applied before parsing (`year` → 1/12).
    pub values: BTreeMap<String, String>,
    /// Divide by the number instead of multiplying (an interval count).
    pub invert: bool,
}

/// Letter case a text value is put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Upper,
    Lower,
}

/// How one canonical column is read from the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnMapping {
    /// The source column's name, as shown in messages (parts joined by ` + `).
    pub from: String,
    /// The source columns; several are joined with `|`.
    pub parts: Vec<SourceRef>,
    /// A chrono format (`%d/%m/%Y %H:%M`) or `unix`, `unix_ms`, `unix_us`
    /// for timestamps and dates.
    pub format: Option<String>,
    /// Time zone of this column's naive times.
    pub timezone: Option<chrono_tz::Tz>,
    /// Source value → canonical value, applied before parsing.
    pub values: BTreeMap<String, String>,
    /// The value for a non-empty source value that `values` does not list
    /// (Zendesk's group stations: 0 or 1 is not escalated, any more is).
    pub otherwise: Option<String>,
    /// `,` when the source writes `1.234,56`.
    pub decimal_separator: Option<char>,
    /// Factor applied to numbers (`0.01` for amounts in cents).
    pub multiply: Option<f64>,
    /// The number is in minor units of the row's `currency` (ISO 4217
    /// exponent: cents for USD, none for JPY, fils for KWD).
    pub minor_units: bool,
    /// Other columns the number is multiplied (or divided) by.
    pub factors: Vec<Factor>,
    /// Letter case of text values (`upper` for `usd` → `USD`).
    pub case: Option<Case>,
    /// With several parts: take the first non-empty one instead of
    /// joining them (`customer`, else `receipt_email`).
    pub coalesce: bool,
    /// A column of minutes added to this timestamp (Zendesk's "First reply
    /// time in minutes" after "Created at"); empty minutes give no value.
    pub add_minutes: Option<SourceRef>,
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
    description: Option<String>,
    documentation: Option<String>,
    #[serde(default)]
    ignore: BTreeMap<String, String>,
    #[serde(default)]
    continuation_rows: bool,
    #[serde(default)]
    skip_lines: usize,
    #[serde(default)]
    skip_rows: Vec<RawRowSkip>,
    #[serde(default)]
    needs: BTreeMap<String, String>,
    decimal_separator: Option<char>,
    #[serde(default)]
    also: BTreeMap<String, RawAlso>,
}

/// `[also.ENTITY]`: another entity the same rows fill.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlso {
    description: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, RawColumn>,
    #[serde(default)]
    constants: BTreeMap<String, toml::Value>,
    #[serde(default)]
    ignore: BTreeMap<String, String>,
    #[serde(default)]
    continuation_rows: bool,
    line_numbers: Option<String>,
    explode: Option<String>,
    latest_by: Option<String>,
    existing: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRowSkip {
    column: String,
    matches: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawFrom {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactor {
    from: String,
    #[serde(default)]
    values: BTreeMap<String, toml::Value>,
    #[serde(default)]
    invert: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawColumn {
    Rename(String),
    Spec(Box<RawColumnSpec>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumnSpec {
    from: RawFrom,
    format: Option<String>,
    timezone: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, toml::Value>,
    otherwise: Option<toml::Value>,
    decimal_separator: Option<char>,
    multiply: Option<f64>,
    #[serde(default)]
    minor_units: bool,
    #[serde(default)]
    factors: Vec<RawFactor>,
    case: Option<String>,
    #[serde(default)]
    coalesce: bool,
    add_minutes: Option<String>,
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

/// Parses a mapping's `[columns]` (`prefix` is `also.ENTITY.` for a part).
fn parse_columns(
    raw: BTreeMap<String, RawColumn>,
    prefix: &str,
    bad: &dyn Fn(String) -> Error,
) -> Result<BTreeMap<String, ColumnMapping>> {
    let tz = |name: &str, key: &str| {
        name.parse::<chrono_tz::Tz>().map_err(|_| {
            bad(format!(
                "{key} `{name}` is not an IANA time zone name (for example `Europe/Bucharest`)"
            ))
        })
    };
    let value_map = |values: BTreeMap<String, toml::Value>, at: &str| {
        let mut out = BTreeMap::new();
        for (k, v) in values {
            let text = scalar_text(&v)
                .ok_or_else(|| bad(format!("{at}.values.{k:?} must be a single value")))?;
            out.insert(k, text);
        }
        Ok::<_, Error>(out)
    };
    let mut columns = BTreeMap::new();
    for (canonical, col) in raw {
        let spec = match col {
            RawColumn::Rename(from) => ColumnMapping {
                parts: vec![SourceRef::parse(&from)],
                from,
                ..ColumnMapping::default()
            },
            RawColumn::Spec(s) => {
                let s = *s;
                let at = format!("{prefix}columns.{canonical}");
                let values = value_map(s.values, &at)?;
                let names = match s.from {
                    RawFrom::One(name) => vec![name],
                    RawFrom::Many(names) if !names.is_empty() => names,
                    RawFrom::Many(_) => {
                        return Err(bad(format!("{at}.from lists no column")));
                    }
                };
                let mut factors = Vec::new();
                for f in s.factors {
                    factors.push(Factor {
                        from: SourceRef::parse(&f.from),
                        values: value_map(f.values, &format!("{at}.factors"))?,
                        invert: f.invert,
                    });
                }
                let case = match s.case.as_deref() {
                    None => None,
                    Some("upper") => Some(Case::Upper),
                    Some("lower") => Some(Case::Lower),
                    Some(other) => {
                        return Err(bad(format!(
                            "{at}.case is `{other}`; use `upper` or `lower`"
                        )));
                    }
                };
                ColumnMapping {
                    from: names.join(" + "),
                    parts: names.iter().map(|n| SourceRef::parse(n)).collect(),
                    minor_units: s.minor_units,
                    factors,
                    case,
                    coalesce: s.coalesce,
                    otherwise: s
                        .otherwise
                        .as_ref()
                        .map(|v| {
                            scalar_text(v).ok_or_else(|| {
                                bad(format!("{at}.otherwise must be a single value"))
                            })
                        })
                        .transpose()?,
                    add_minutes: s.add_minutes.as_deref().map(SourceRef::parse),
                    format: s.format,
                    timezone: s
                        .timezone
                        .as_deref()
                        .map(|n| tz(n, &format!("{prefix}columns.{canonical}.timezone")))
                        .transpose()?,
                    values,
                    decimal_separator: s.decimal_separator,
                    multiply: s.multiply,
                }
            }
        };
        columns.insert(canonical, spec);
    }
    Ok(columns)
}

/// Parses a mapping's `[constants]`.
fn parse_constants(
    raw: BTreeMap<String, toml::Value>,
    prefix: &str,
    bad: &dyn Fn(String) -> Error,
) -> Result<BTreeMap<String, String>> {
    let mut constants = BTreeMap::new();
    for (k, v) in raw {
        let text = scalar_text(&v)
            .ok_or_else(|| bad(format!("{prefix}constants.{k} must be a single value")))?;
        constants.insert(k, text);
    }
    Ok(constants)
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
        let columns = parse_columns(raw.columns, "", &bad)?;
        let constants = parse_constants(raw.constants, "", &bad)?;
        let mut also = Vec::new();
        for (name, part) in raw.also {
            let at = format!("also.{name}");
            let entity = name
                .parse::<Entity>()
                .map_err(|e| bad(format!("{at}: {e}")))?;
            let keep_other_sources = match part.existing.as_deref() {
                None | Some("conflict") => false,
                Some("keep-other-sources") => true,
                Some(other) => {
                    return Err(bad(format!(
                        "{at}.existing is `{other}`; use `conflict` or `keep-other-sources`"
                    )));
                }
            };
            also.push(Mapping {
                source: raw.source.clone(),
                entity: Some(entity),
                timezone,
                columns: parse_columns(part.columns, &format!("{at}."), &bad)?,
                constants: parse_constants(part.constants, &format!("{at}."), &bad)?,
                origin: None,
                description: part.description,
                documentation: None,
                ignore: part.ignore,
                continuation_rows: part.continuation_rows,
                skip_lines: raw.skip_lines,
                skip_rows: raw
                    .skip_rows
                    .iter()
                    .map(|r| RowSkip {
                        column: r.column.clone(),
                        matches: r.matches.clone(),
                    })
                    .collect(),
                decimal_separator: raw.decimal_separator,
                needs: BTreeMap::new(),
                also: Vec::new(),
                line_numbers: part.line_numbers,
                explode: part.explode,
                latest_by: part.latest_by,
                keep_other_sources,
            });
        }
        Ok(Mapping {
            source: raw.source,
            entity,
            timezone,
            columns,
            constants,
            origin: None,
            description: raw.description,
            documentation: raw.documentation,
            ignore: raw.ignore,
            continuation_rows: raw.continuation_rows,
            skip_lines: raw.skip_lines,
            needs: raw.needs,
            decimal_separator: raw.decimal_separator,
            skip_rows: raw
                .skip_rows
                .into_iter()
                .map(|r| RowSkip {
                    column: r.column,
                    matches: r.matches,
                })
                .collect(),
            also,
            line_numbers: None,
            explode: None,
            latest_by: None,
            keep_other_sources: false,
        })
    }

    /// Every source column the mapping reads or deliberately ignores, as
    /// written (patterns included), for detection and `presets show`.
    pub fn source_columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.columns.values() {
            for p in c
                .parts
                .iter()
                .chain(c.factors.iter().map(|f| &f.from))
                .chain(c.add_minutes.as_ref())
            {
                if !out.contains(&p.column.as_str()) {
                    out.push(&p.column);
                }
            }
        }
        for k in self.ignore.keys() {
            if !out.contains(&k.as_str()) {
                out.push(k);
            }
        }
        for part in &self.also {
            for c in part.source_columns() {
                if !out.contains(&c) && c != LINE_COLUMN {
                    out.push(c);
                }
            }
        }
        out
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
            if (col.decimal_separator.is_some()
                || col.multiply.is_some()
                || col.minor_units
                || !col.factors.is_empty())
                && !is_number
            {
                return Err(bad(format!(
                    "columns.{canonical}: `decimal_separator`, `multiply`, `minor_units` and `factors` apply to numbers, and `{canonical}` is {}",
                    c.ty.describe()
                )));
            }
            if (col.minor_units || !col.factors.is_empty()) && c.ty != ColumnType::Decimal {
                return Err(bad(format!(
                    "columns.{canonical}: `minor_units` and `factors` apply to amounts, and `{canonical}` is {}",
                    c.ty.describe()
                )));
            }
            if col.minor_units && spec.column("currency").is_none() {
                return Err(bad(format!(
                    "columns.{canonical}.minor_units needs the row's currency, and `{entity}` has no `currency` column"
                )));
            }
            if col.add_minutes.is_some() && c.ty != ColumnType::Timestamp {
                return Err(bad(format!(
                    "columns.{canonical}.add_minutes applies to timestamps, and `{canonical}` is {}",
                    c.ty.describe()
                )));
            }
            if col.case.is_some() && !matches!(c.ty, ColumnType::Text | ColumnType::TextList) {
                return Err(bad(format!(
                    "columns.{canonical}.case applies to text, and `{canonical}` is {}",
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
        if let Some(sep) = self.decimal_separator
            && sep != ','
            && sep != '.'
        {
            return Err(bad(format!("decimal_separator is `{sep}`; use `,` or `.`")));
        }
        for canonical in self.needs.keys() {
            if spec.column(canonical).is_none() {
                return Err(bad(format!(
                    "needs.{canonical}: `{canonical}` is not a column of `{entity}`"
                )));
            }
        }
        for part in &self.also {
            let Some(e) = part.entity else { continue };
            if e == entity {
                return Err(bad(format!(
                    "also.{e}: the mapping already loads `{e}`; an `[also]` part fills another entity"
                )));
            }
            let mut part = part.clone();
            part.origin = Some(format!("{origin} [also.{e}]").into());
            part.check(e)?;
        }
        if self.explode.is_some() && self.line_numbers.is_some() {
            return Err(bad(
                "`explode` numbers each list's elements; drop `line_numbers`".to_owned(),
            ));
        }
        if let Some(by) = &self.latest_by
            && spec.column(by).map(|c| c.ty) != Some(ColumnType::Timestamp)
        {
            return Err(bad(format!(
                "latest_by = `{by}` must name a timestamp column of `{entity}` that the mapping reads"
            )));
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
