//! `rapport presets`: the shipped mappings, listed and shown. How
//! `rapport ingest` picks or proposes one is `rapport_app::ingest`.

use anyhow::Result;
use clap::Subcommand;
use rapport_ingest::{PRESETS, Preset};
use serde_json::json;

use crate::ListFormat;
use crate::output::{self, clip, line, terminal_width};

pub(crate) const PRESETS_HELP: &str = "Examples:
  rapport presets list
  rapport presets show shopify-orders
  rapport presets show zendesk-tickets --toml > my-zendesk.toml   # copy, adapt, use with --mapping
  rapport ingest acme --preset shopify-orders orders_export.csv
  rapport ingest acme orders_export.csv            # proposes the preset whose columns the file has";

#[derive(Debug, Subcommand)]
pub(crate) enum PresetsCommand {
    /// The presets: which tool's export each reads, and into which entity.
    #[command(
        after_help = "Examples:\n  rapport presets list\n  rapport presets list --format json"
    )]
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// One preset: the columns it reads and how, what it ignores and why.
    #[command(
        after_help = "Examples:\n  rapport presets show stripe-charges\n  rapport presets show ga4-bigquery-events --toml > ga4.toml"
    )]
    Show {
        /// Preset name (see `rapport presets list`).
        name: String,
        /// Print the preset's mapping TOML, to copy and adapt.
        #[arg(long, conflicts_with = "format")]
        toml: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

pub(crate) fn presets(cmd: PresetsCommand) -> Result<()> {
    match cmd {
        PresetsCommand::List { format } => list(format),
        PresetsCommand::Show { name, toml, format } => {
            let preset = Preset::named(&name)?;
            if toml {
                output::print(preset.toml);
                return Ok(());
            }
            show(preset, format)
        }
    }
}

fn list(format: ListFormat) -> Result<()> {
    let mut rows = Vec::new();
    for p in PRESETS {
        let m = p.mapping()?;
        rows.push((p.name, p.entity()?, m));
    }
    match format {
        ListFormat::Json => output::json(
            &rows
                .iter()
                .map(|(name, entity, m)| {
                    json!({
                        "name": name,
                        "entity": entity.name(),
                        "also": also_entities(m),
                        "source": m.source,
                        "description": m.description,
                        "documentation": m.documentation,
                    })
                })
                .collect::<Vec<_>>(),
        ),
        ListFormat::Table => {
            let width = terminal_width();
            line(&format!("{:<22}  {:<16}  READS", "PRESET", "ENTITY"));
            for (name, entity, m) in &rows {
                line(&clip(
                    &format!(
                        "{name:<22}  {:<16}  {}",
                        match m.also.len() {
                            0 => entity.name().to_owned(),
                            n => format!("{} (+{n})", entity.name()),
                        },
                        m.description.as_deref().unwrap_or("")
                    ),
                    width,
                ));
            }
            line(
                "\nDetails: rapport presets show NAME. Use: rapport ingest CLIENT --preset NAME FILE...",
            );
            Ok(())
        }
    }
}

/// The other entities a preset fills from the same rows.
fn also_entities(m: &rapport_ingest::Mapping) -> Vec<&'static str> {
    m.also
        .iter()
        .filter_map(|p| p.entity)
        .map(|e| e.name())
        .collect()
}

/// A mapping's columns as JSON: each canonical column's sources and how
/// they are read.
fn columns_json(m: &rapport_ingest::Mapping) -> serde_json::Map<String, serde_json::Value> {
    m.columns
        .iter()
        .map(|(k, c)| {
            (
                k.clone(),
                json!({
                    "from": c.parts.iter().map(|p| p.text.clone()).collect::<Vec<_>>(),
                    "how": how(c),
                }),
            )
        })
        .collect()
}

/// How a canonical column is read, in words.
fn how(c: &rapport_ingest::ColumnMapping) -> String {
    let mut notes = Vec::new();
    if c.parts.len() > 1 {
        notes.push(if c.coalesce {
            "the first that is not empty".to_owned()
        } else {
            "joined with |".to_owned()
        });
    }
    if let Some(f) = &c.format {
        notes.push(format!("format {f}"));
    }
    if let Some(tz) = c.timezone {
        notes.push(format!("in {tz}"));
    }
    if let Some(m) = &c.add_minutes {
        notes.push(format!("plus the minutes in `{}`", m.text));
    }
    if c.minor_units {
        notes.push("minor units of the row's currency".to_owned());
    }
    for f in &c.factors {
        notes.push(format!(
            "{} `{}`{}",
            if f.invert { "÷" } else { "×" },
            f.from.text,
            if f.values.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    f.values
                        .iter()
                        .map(|(k, v)| format!("{k} → {v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
    }
    if let Some(case) = c.case {
        notes.push(format!("{case:?} case").to_lowercase());
    }
    if let Some(sep) = c.decimal_separator {
        notes.push(format!("decimal separator {sep}"));
    }
    if let Some(o) = &c.otherwise {
        notes.push(format!("any other value → {o}"));
    }
    if !c.values.is_empty() {
        notes.push(format!(
            "values: {}",
            c.values
                .iter()
                .map(|(k, v)| format!("{k} → {}", if v.is_empty() { "(empty)" } else { v }))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let from = c
        .parts
        .iter()
        .map(|p| format!("`{}`", p.text))
        .collect::<Vec<_>>()
        .join(", ");
    if notes.is_empty() {
        from
    } else {
        format!("{from}; {}", notes.join("; "))
    }
}

/// `text` wrapped to `width`, keeping the first line's own indent
/// (`output::wrap` splits at whitespace) and indenting the others.
fn wrap_indented(text: &str, width: usize, indent: &str) -> String {
    let lead = text.len() - text.trim_start().len();
    format!(
        "{}{}",
        &text[..lead],
        output::wrap(text.trim_start(), width.saturating_sub(lead), indent)
    )
}

/// The canonical columns of `entity` a mapping reads, and how.
fn columns_read(entity: rapport_schema::Entity, m: &rapport_ingest::Mapping, width: usize) {
    let wrap = |text: &str, indent: &str| wrap_indented(text, width, indent);
    let spec = entity.spec();
    for c in spec.columns {
        let text = if let Some(col) = m.columns.get(c.name) {
            format!("← {}", how(col))
        } else if let Some(v) = m.constants.get(c.name) {
            format!("= {v:?} (constant)")
        } else if let Some(need) = m.needs.get(c.name) {
            format!("not in this export: {need}")
        } else {
            continue;
        };
        let head = format!("  {:<18}{} ", c.name, if c.required { "*" } else { " " });
        // Wrapped to the room right of the name, continued under the text.
        let wrapped = output::wrap(&text, width.saturating_sub(head.len()).max(30), "");
        line(&format!(
            "{head}{}",
            wrapped.replace('\n', &format!("\n{}", " ".repeat(head.len())))
        ));
    }
    let unread: Vec<&str> = spec
        .columns
        .iter()
        .filter(|c| {
            !m.columns.contains_key(c.name)
                && !m.constants.contains_key(c.name)
                && !m.needs.contains_key(c.name)
        })
        .map(|c| c.name)
        .collect();
    if !unread.is_empty() {
        line(&wrap(
            &format!("  (not in this export, left empty: {})", unread.join(", ")),
            "   ",
        ));
    }
}

fn show(preset: Preset, format: ListFormat) -> Result<()> {
    let m = preset.mapping()?;
    let entity = preset.entity()?;
    if let ListFormat::Json = format {
        return output::json(&json!({
            "name": preset.name,
            "entity": entity.name(),
            "source": m.source,
            "description": m.description,
            "documentation": m.documentation,
            "columns": columns_json(&m),
            "constants": m.constants,
            "needs": m.needs,
            "ignore": m.ignore,
            "continuation_rows": m.continuation_rows,
            "skip_lines": m.skip_lines,
            "skip_rows": m.skip_rows.iter().map(|r| json!({"column": r.column, "matches": r.matches})).collect::<Vec<_>>(),
            "also": m.also.iter().map(|p| json!({
                "entity": p.entity.map(|e| e.name()),
                "description": p.description,
                "columns": columns_json(p),
                "constants": p.constants,
                "continuation_rows": p.continuation_rows,
                "line_numbers": p.line_numbers,
                "explode": p.explode,
                "latest_by": p.latest_by,
                "existing": if p.keep_other_sources { "keep-other-sources" } else { "conflict" },
            })).collect::<Vec<_>>(),
        }));
    }
    let width = terminal_width();
    let wrap = |text: &str, indent: &str| wrap_indented(text, width, indent);
    line(&wrap(
        &format!(
            "{} — {}",
            preset.name,
            m.description.as_deref().unwrap_or("")
        ),
        "  ",
    ));
    let mut entities = vec![entity.name()];
    entities.extend(also_entities(&m));
    line(&wrap(
        &format!(
            "Loads {}{}; rows are stored with source `{}`.",
            entities
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if entities.len() > 1 {
                " from the same rows, in one load: all of them or none"
            } else {
                ""
            },
            m.source.as_deref().unwrap_or(preset.name)
        ),
        "  ",
    ));
    if let Some(doc) = &m.documentation {
        line(&wrap(&format!("Layout: {doc}"), "  "));
    }
    if m.skip_lines > 0 {
        line(&format!(
            "The first {} lines (the report's title) come before the header.",
            m.skip_lines
        ));
    }
    for r in &m.skip_rows {
        line(&format!(
            "Rows whose `{}` matches `{}` are the report's totals: skipped and counted apart.",
            r.column, r.matches
        ));
    }
    if m.continuation_rows {
        line(&wrap(
            "Adjacent rows repeating the previous row's key continue it (line items): counted as continuation lines, not duplicates.",
            "  ",
        ));
    }
    line(&format!("\n{}: columns read:", entity.name()));
    columns_read(entity, &m, width);
    for part in &m.also {
        let Some(e) = part.entity else { continue };
        line("");
        line(&wrap(
            &format!(
                "{}: {}; columns read:",
                e.name(),
                part.description.as_deref().unwrap_or("from the same rows")
            ),
            "  ",
        ));
        if let Some(by) = &part.line_numbers {
            line(&wrap(
                &format!(
                    "  (`{}` numbers the lines of each run of the same `{by}`: 1, 2, …)",
                    rapport_ingest::LINE_COLUMN
                ),
                "   ",
            ));
        }
        if let Some(list) = &part.explode {
            line(&wrap(
                &format!(
                    "  (one row per element of the list in `{list}`; its fields are `{list}.FIELD`, its position `{}`)",
                    rapport_ingest::LINE_COLUMN
                ),
                "   ",
            ));
        }
        if let Some(by) = &part.latest_by {
            line(&wrap(
                &format!(
                    "  (one row per {key}: the values of its latest row by {by}, and the earliest {by})",
                    key = e.spec().key.join(" + ")
                ),
                "   ",
            ));
        }
        if part.keep_other_sources {
            line(&wrap(
                &format!(
                    "  (a {key} another source loaded keeps that row, unless --replace={e}; a newer export of this source replaces its own)",
                    key = e.spec().key.join(" + "),
                    e = e.name()
                ),
                "   ",
            ));
        }
        columns_read(e, part, width);
    }
    if !m.ignore.is_empty() {
        line("\nColumns ignored, and why:");
        for (k, why) in &m.ignore {
            line(&wrap(&format!("  {k} — {why}"), "      "));
        }
    }
    line(&format!(
        "\n* = required. Copy and adapt: rapport presets show {0} --toml > my-{0}.toml\n  then: rapport ingest CLIENT {1} FILE --mapping my-{0}.toml",
        preset.name,
        entity.name()
    ));
    Ok(())
}
