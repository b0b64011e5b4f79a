//! Everything the program prints goes through here: results to stdout,
//! progress and errors to stderr, numbers formatted for people.

use std::io::Write;

use anyhow::{Context, Result};
use rapport_schema::arrow::record_batch::RecordBatch;

/// Writes text to stdout. A closed pipe (`rapport sql … | head`) ends the
/// program quietly instead of panicking.
pub(crate) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// Writes one line to stdout.
pub(crate) fn line(text: &str) {
    print(&format!("{text}\n"));
}

/// Prints a value as pretty JSON.
pub(crate) fn json(value: &impl serde::Serialize) -> Result<()> {
    line(&serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints a result as JSON with its kind and shape version
/// (`rapport_app::results`), as reports store it and the server publishes it.
pub(crate) fn result(value: &impl rapport_app::results::Versioned) -> Result<()> {
    line(&rapport_app::results::to_json(value)?);
    Ok(())
}

/// An error in the output's language: the library's words for it where
/// it has them (see `rapport_store::Error::said`), else its English. In
/// English, the error's own message, which also names the command to run.
fn in_language(e: &(dyn std::error::Error + 'static)) -> String {
    let locale = locale();
    if locale == rapport_app::words::Locale::En {
        return e.to_string();
    }
    let said = if let Some(e) = e.downcast_ref::<rapport_schedule::Error>() {
        if let rapport_schedule::Error::Input { field, said } = e {
            return format!("--{field}: {}", plain(said.in_language(locale)));
        }
        e.said()
    } else if let Some(e) = e.downcast_ref::<rapport_app::Error>() {
        e.said()
    } else if let Some(e) = e.downcast_ref::<rapport_store::Error>() {
        e.said()
    } else if let Some(e) = e.downcast_ref::<rapport_auth::Error>() {
        e.said()
    } else {
        None
    };
    said.map_or_else(|| e.to_string(), |s| plain(s.in_language(locale)))
}

/// Prints an error and its causes to stderr.
pub(crate) fn error(e: &anyhow::Error) {
    let mut err = std::io::stderr().lock();
    let mut said = in_language(e.as_ref());
    let _ = writeln!(err, "error: {said}");
    for cause in e.chain().skip(1) {
        // Library errors often repeat their source in their own message.
        let text = in_language(cause);
        if !said.contains(&text) {
            let _ = writeln!(err, "  caused by: {text}");
            said = text;
        }
    }
}

/// The language the terminal output is written in, chosen once at start
/// ([`set_locale`]): `--lang`, else `RAPPORT_LANG`, else the workspace's
/// `language`, else English.
static LOCALE: std::sync::OnceLock<rapport_app::words::Locale> = std::sync::OnceLock::new();

/// Fixes the output's language; the first call wins.
pub(crate) fn set_locale(locale: rapport_app::words::Locale) {
    let _ = LOCALE.set(locale);
}

/// The language the terminal output is written in.
pub(crate) fn locale() -> rapport_app::words::Locale {
    LOCALE.get().copied().unwrap_or_default()
}

/// A message of the catalogues in the output's language.
pub(crate) fn say(id: &str, args: &[(&str, rapport_locale::messages::Arg)]) -> String {
    plain(rapport_locale::messages::text(locale(), id, args))
}

/// A table's header: each column's message id in the output's language.
pub(crate) fn head(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| say(id, &[])).collect()
}

/// Text for a terminal: without the bidi isolates (U+2066–U+2069) that
/// keep a Persian sentence's numbers and names in order on a page.
/// Terminals rarely lay them out and often draw them, and a path copied
/// from the screen must not carry them.
pub(crate) fn plain(text: String) -> String {
    if text.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']) {
        text.chars()
            .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
            .collect()
    } else {
        text
    }
}

/// A number with `places` decimals, in the output's locale.
pub(crate) fn dec(x: f64, places: usize) -> String {
    rapport_app::words::decimal(x, places, locale())
}

/// An amount (money, spend) with `places` decimals and the locale's
/// grouping: `1,797.29`, `1.797,29`.
pub(crate) fn amount(x: f64, places: usize) -> String {
    rapport_locale::numbers::fixed(x, places, locale())
}

/// A signed number with `places` decimals, in the output's locale.
pub(crate) fn signed(x: f64, places: usize) -> String {
    rapport_app::words::signed_decimal(x, places, locale())
}

/// A percentage in [0, 100] with one decimal, in the output's locale:
/// `85.9 %`, `۸۵٫۹٪`.
pub(crate) fn percent(x: f64) -> String {
    rapport_locale::numbers::percent(&dec(x, 1), locale())
}

/// `1234567` → `1,234,567`.
pub(crate) fn count(n: u64) -> String {
    rapport_app::words::count(n, locale())
}

/// Breaks text into lines of at most `width` characters at spaces, each
/// line after the first starting with `indent` (a word longer than a line
/// stays whole); the first line keeps the text's own leading spaces.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut out = text[..lead].to_owned();
    let mut used = lead;
    let mut first = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if first {
            first = false;
        } else if used + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            used = indent.chars().count();
        } else {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += len;
    }
    out
}

/// Prints a table of text with a header row, each column as wide as its
/// widest cell on screen: a Chinese character takes two columns of a
/// terminal, so padding by characters would misalign a Chinese header.
pub(crate) fn table(head: &[String], rows: &[Vec<String>]) {
    table_aligned(head, rows, &[]);
}

/// A table whose columns marked `true` in `right` are aligned right, as
/// numbers are.
pub(crate) fn table_aligned(head: &[String], rows: &[Vec<String>], right: &[bool]) {
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| plain(c.clone())).collect())
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            std::iter::once(&head[i])
                .chain(rows.iter().filter_map(|r| r.get(i)))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if right.get(i).copied().unwrap_or(false) {
                    pad_start(cell, w)
                } else {
                    pad_end(cell, w)
                }
            })
            .collect();
        line(cells.join("  ").trim_end());
    }
}

/// Text followed by spaces up to `width` columns of a terminal (a Chinese
/// character takes two).
pub(crate) fn pad_end(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// Text after spaces up to `width` columns: numbers right-aligned.
pub(crate) fn pad_start(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(used)))
}

/// Shortens text to `width` characters, marking the cut with `…`.
pub(crate) fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The terminal width, or 100 when not a terminal.
pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Prints query results as a table, CSV or a JSON array of objects.
pub(crate) fn batches(batches: &[RecordBatch], format: crate::TableFormat) -> Result<()> {
    use rapport_schema::arrow;
    match format {
        crate::TableFormat::Table => {
            let table = arrow::util::pretty::pretty_format_batches(batches)
                .context("cannot format the result")?;
            line(&table.to_string());
            let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
            line(&format!(
                "{} row{}",
                count(rows as u64),
                if rows == 1 { "" } else { "s" }
            ));
        }
        crate::TableFormat::Csv => print(&rapport_app::sql::to_csv(batches)?),
        crate::TableFormat::Json => {
            let mut buf = Vec::new();
            {
                let mut w = arrow::json::ArrayWriter::new(&mut buf);
                let refs: Vec<&RecordBatch> = batches.iter().collect();
                w.write_batches(&refs).context("cannot write JSON")?;
                w.finish().context("cannot write JSON")?;
            }
            if buf.is_empty() {
                buf.extend_from_slice(b"[]");
            }
            line(&String::from_utf8_lossy(&buf));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_indents() {
        assert_eq!(wrap("aa bb cc dd", 5, "  "), "aa bb\n  cc\n  dd");
        assert_eq!(wrap("short", 80, "  "), "short");
        assert_eq!(wrap("unbreakable-word x", 5, ""), "unbreakable-word\nx");
        assert_eq!(wrap("  aa bb cc", 6, "    "), "  aa\n    bb\n    cc");
    }

    #[test]
    fn clip_marks_the_cut() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
