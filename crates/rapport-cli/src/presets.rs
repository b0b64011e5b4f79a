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
                        entity.name(),
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
            "columns": m.columns.iter().map(|(k, c)| (k.clone(), json!({
                "from": c.parts.iter().map(|p| p.text.clone()).collect::<Vec<_>>(),
                "how": how(c),
            }))).collect::<serde_json::Map<_, _>>(),
            "constants": m.constants,
            "needs": m.needs,
            "ignore": m.ignore,
            "continuation_rows": m.continuation_rows,
            "skip_lines": m.skip_lines,
            "skip_rows": m.skip_rows.iter().map(|r| json!({"column": r.column, "matches": r.matches})).collect::<Vec<_>>(),
        }));
    }
    let width = terminal_width();
    // The first line's own indent is kept (wrap() splits at whitespace).
    let wrap = |text: &str, indent: &str| {
        let lead = text.len() - text.trim_start().len();
        format!(
            "{}{}",
            &text[..lead],
            output::wrap(text.trim_start(), width.saturating_sub(lead), indent)
        )
    };
    line(&format!(
        "{} — {}",
        preset.name,
        m.description.as_deref().unwrap_or("")
    ));
    line(&format!(
        "Loads `{}`; rows are stored with source `{}`.",
        entity.name(),
        m.source.as_deref().unwrap_or(preset.name)
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
        line(
            "Adjacent rows repeating the previous row's key continue it (line items): counted as duplicates.",
        );
    }
    line("\nColumns read:");
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
