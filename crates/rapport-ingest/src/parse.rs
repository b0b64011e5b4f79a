//! Parsing raw cells into canonical typed values.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use rapport_schema::ColumnType;

use crate::readers::{CellRef, trim_cell};

/// A canonical value, ready for its Arrow column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Text(String),
    Int(i64),
    Float(f64),
    /// Microseconds since the epoch, UTC.
    Timestamp(i64),
    /// Days since 1970-01-01.
    Date(i32),
    Bool(bool),
    List(Vec<String>),
}

/// How to parse one column: everything of the mapping but the rename.
#[derive(Debug, Clone)]
pub(crate) struct ParseOptions<'a> {
    pub format: Option<&'a str>,
    pub timezone: Tz,
    pub decimal_comma: bool,
    pub multiply: Option<f64>,
}

/// Why a value could not be parsed: shown to the user as is.
pub(crate) type ParseError = String;

const MICROS_PER_DAY: i64 = 86_400_000_000;

pub(crate) fn parse(
    cell: CellRef<'_>,
    ty: ColumnType,
    o: &ParseOptions<'_>,
) -> Result<Value, ParseError> {
    if matches!(cell, CellRef::Null) {
        return Ok(Value::Null);
    }
    match ty {
        ColumnType::Text => Ok(Value::Text(match cell {
            CellRef::Text(s) => trim_cell(s).to_owned(),
            CellRef::List(items) => items.join(";"),
            other => display(other),
        })),
        ColumnType::Integer => parse_number(cell, o).and_then(|f| match f {
            Number::Int(i) => Ok(Value::Int(i)),
            Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Value::Int(f as i64)),
            Number::Float(f) => Err(format!("{f} is not a whole number")),
        }),
        ColumnType::Decimal => parse_number(cell, o).map(|n| match n {
            Number::Int(i) => Value::Float(i as f64),
            Number::Float(f) => Value::Float(f),
        }),
        ColumnType::Boolean => match cell {
            CellRef::Bool(b) => Ok(Value::Bool(b)),
            CellRef::Int(0) => Ok(Value::Bool(false)),
            CellRef::Int(1) => Ok(Value::Bool(true)),
            CellRef::Text(s) => parse_bool(s.trim())
                .map(Value::Bool)
                .ok_or_else(|| "expected true/false, yes/no or 1/0".to_owned()),
            _ => Err("expected true/false, yes/no or 1/0".to_owned()),
        },
        ColumnType::Timestamp => parse_timestamp(cell, o).map(Value::Timestamp),
        ColumnType::Date => parse_date(cell, o).map(Value::Date),
        ColumnType::TextList => Ok(Value::List(match cell {
            CellRef::List(items) => items
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            CellRef::Text(s) => split_list(s),
            other => vec![display(other)],
        })),
    }
}

/// Whether a column's fields may be read by [`plain_integer`],
/// [`plain_decimal`] and [`plain_timestamp`]: no mapping option changes
/// how they read (`format`, a decimal comma, a factor).
pub(crate) fn reads_plain(o: &ParseOptions<'_>) -> bool {
    o.format.is_none() && !o.decimal_comma && o.multiply.is_none()
}

// The plain readers below give a trimmed, non-empty text field's value when
// it is in the layout most exports write (digits with at most one point, an
// ISO 8601 timestamp): the value [`parse`] gives, without the detours a
// cell of any kind takes through it, and returned in registers instead of
// as a `Value` in memory, whose reading back stalled the CPU. `None` for
// anything else, which [`parse`] then reads, or explains.

/// A plain whole number (see [`reads_plain`]).
pub(crate) fn plain_integer(s: &str) -> Option<i64> {
    match plain_number(s)? {
        Number::Int(i) => Some(i),
        Number::Float(_) => None,
    }
}

/// A plain number of a decimal column (see [`reads_plain`]).
pub(crate) fn plain_decimal(s: &str) -> Option<f64> {
    Some(match plain_number(s)? {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    })
}

/// A plain ISO 8601 timestamp (see [`reads_plain`]).
pub(crate) fn plain_timestamp(s: &str, tz: Tz) -> Option<i64> {
    parse_iso_timestamp(s, tz).ok()
}

/// The text form of a cell, as used by value maps and messages.
pub(crate) fn display(cell: CellRef<'_>) -> String {
    match cell {
        CellRef::Null => String::new(),
        CellRef::Text(s) => trim_cell(s).to_owned(),
        CellRef::Int(v) => v.to_string(),
        CellRef::Float(v) => v.to_string(),
        CellRef::Bool(v) => v.to_string(),
        CellRef::Timestamp(v) => {
            DateTime::from_timestamp_micros(v).map_or_else(|| v.to_string(), |d| d.to_rfc3339())
        }
        CellRef::NaiveTimestamp(v) => DateTime::from_timestamp_micros(v)
            .map_or_else(|| v.to_string(), |d| d.naive_utc().to_string()),
        CellRef::Date(d) => NaiveDate::from_num_days_from_ce_opt(d + 719_163)
            .map_or_else(|| d.to_string(), |d| d.to_string()),
        CellRef::List(items) => items.join(";"),
    }
}

enum Number {
    Int(i64),
    Float(f64),
}

fn parse_number(cell: CellRef<'_>, o: &ParseOptions<'_>) -> Result<Number, ParseError> {
    let n = match cell {
        CellRef::Int(i) => Number::Int(i),
        CellRef::Float(f) => Number::Float(f),
        CellRef::Bool(b) => Number::Int(i64::from(b)),
        CellRef::Text(s) => {
            let s = trim_cell(s);
            if !o.decimal_comma
                && let Some(n) = plain_number(s)
            {
                return Ok(scaled(n, o.multiply));
            }
            let s = s.strip_prefix('+').unwrap_or(s);
            grouped_number(s, o.decimal_comma)?
        }
        _ => return Err("is not a number".to_owned()),
    };
    Ok(scaled(n, o.multiply))
}

/// Characters that group thousands besides the one the convention names:
/// spaces (plain, no-break and narrow no-break, as French and many other
/// locales write them) and the apostrophe (Swiss).
const GROUP_SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\''];

/// Reads a number as the file's convention writes it, or refuses it: never
/// a value changed by a separator read the other way (`1,5` is not 15, and
/// `1.234,56` is not 1.23456). With a decimal point (the default) `,` or a
/// space groups thousands; with a decimal comma, `.` or a space does. A
/// grouping character is accepted only between groups of three digits
/// after a first group of one to three (`1,500`, `12,345,678.9`), one kind
/// per number. Exponents (`1.5e3`) are read with a decimal point only.
/// Lakh grouping (`12,34,567`) is not a convention Rapport declares, so it
/// is refused rather than guessed.
fn grouped_number(s: &str, decimal_comma: bool) -> Result<Number, ParseError> {
    match read_grouped(s, decimal_comma) {
        Some(n) => Ok(n),
        None => Err(if read_grouped(s, !decimal_comma).is_some() {
            if decimal_comma {
                "is not a number with a decimal comma (as the mapping or --decimal-separator , says the file writes them); it reads as one with a decimal point: load the file without --decimal-separator ,".to_owned()
            } else {
                "is not a number with a decimal point; it reads as one with a decimal comma (1.234,56): if the file writes numbers that way, load it with --decimal-separator ,".to_owned()
            }
        } else {
            "is not a number".to_owned()
        }),
    }
}

fn read_grouped(s: &str, decimal_comma: bool) -> Option<Number> {
    let (decimal, group) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !decimal_comma && body.contains(['e', 'E']) {
        // An exponent: plain digits and a point only.
        let ok = body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
        return match (ok, s.parse::<f64>()) {
            (true, Ok(f)) if f.is_finite() => Some(Number::Float(f)),
            _ => None,
        };
    }
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    if fraction.is_some_and(|f| !digits(f))
        || (whole.is_empty() && fraction.is_none_or(str::is_empty))
    {
        return None;
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit());
    let whole: String = match separator {
        None => whole.to_owned(),
        Some(sep) if sep == group || GROUP_SPACES.contains(&sep) => {
            let mut parts = whole.split(sep);
            let first = parts.next().unwrap_or_default();
            if first.is_empty() || first.len() > 3 || !digits(first) {
                return None;
            }
            let mut out = first.to_owned();
            for part in parts {
                if part.len() != 3 || !digits(part) {
                    return None;
                }
                out.push_str(part);
            }
            out
        }
        Some(_) => return None,
    };
    let sign = if negative { "-" } else { "" };
    match fraction {
        None => {
            let text = format!("{sign}{whole}");
            match text.parse::<i64>() {
                Ok(i) => Some(Number::Int(i)),
                Err(_) => text
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Number::Float),
            }
        }
        Some(f) => {
            let text = format!("{sign}{whole}.{f}");
            // "12.0" in an integer column stays readable as a whole number.
            text.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Number::Float)
        }
    }
}

/// A number times the mapping's factor, if any.
fn scaled(n: Number, multiply: Option<f64>) -> Number {
    let Some(m) = multiply else { return n };
    let v = match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    };
    // Dividing by 100 gives 19.99 for 1999 cents; multiplying by 0.01 would
    // give 19.990000000000002.
    let inverse = 1.0 / m;
    Number::Float(
        if inverse > 1.0 && (inverse - inverse.round()).abs() < 1e-9 {
            v / inverse.round()
        } else {
            v * m
        },
    )
}

/// The usual number of an export, `-?digits(.digits)?` with at most 15
/// digits, read without the general parsers (a load parses two or three
/// numbers a row, and the general path tried an integer, then a float).
/// The result is the same: an integer as `i64::from_str` gives it, and a
/// decimal as the correctly rounded quotient of two exactly representable
/// numbers (digits < 2^53, 10^k ≤ 10^15), which is what `f64::from_str`
/// returns for it. Anything else (`+`, exponents, separators, more digits)
/// is left to the general path.
fn plain_number(s: &str) -> Option<Number> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, b) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        b => (false, b),
    };
    let (mut m, mut digits) = (0i64, 0usize);
    // Digits after the point, once there is one.
    let mut fraction: Option<usize> = None;
    for &c in b {
        if c.is_ascii_digit() {
            digits += 1;
            if digits > 15 {
                return None;
            }
            m = m * 10 + i64::from(c - b'0');
            if let Some(f) = &mut fraction {
                *f += 1;
            }
        } else if c == b'.' && fraction.is_none() && digits > 0 {
            fraction = Some(0);
        } else {
            return None;
        }
    }
    match fraction {
        _ if digits == 0 => None,
        None => Some(Number::Int(if negative { -m } else { m })),
        Some(0) => None,
        // The sign is kept for -0.0, as the float parser does.
        Some(f) => {
            let x = m as f64 / POWERS[f];
            Some(Number::Float(if negative { -x } else { x }))
        }
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

fn split_list(s: &str) -> Vec<String> {
    let s = trim_cell(s);
    if s.starts_with('[')
        && let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(s)
    {
        return items
            .into_iter()
            .filter_map(|v| match v {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect();
    }
    // PostgreSQL's array text form: {a,b}
    let s = s
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(s);
    s.split([';', '|', ','])
        .map(|p| p.trim().trim_matches('"').to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

fn local_to_utc(naive: NaiveDateTime, tz: Tz) -> Result<i64, ParseError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.timestamp_micros()),
        // A repeated hour when clocks go back: the first of the two instants,
        // as most exporting tools mean it.
        LocalResult::Ambiguous(first, _) => Ok(first.timestamp_micros()),
        LocalResult::None => Err(format!(
            "{naive} does not exist in {tz} (the clocks moved forward over it)"
        )),
    }
}

fn parse_timestamp(cell: CellRef<'_>, o: &ParseOptions<'_>) -> Result<i64, ParseError> {
    let epoch = |v: i64, unit: &str| -> Result<i64, ParseError> {
        let micros = match unit {
            "unix" | "unix_s" => v.checked_mul(1_000_000),
            "unix_ms" => v.checked_mul(1_000),
            _ => Some(v),
        };
        micros.ok_or_else(|| format!("{v} is out of range for {unit}"))
    };
    match (cell, o.format) {
        (CellRef::Timestamp(v), _) => Ok(v),
        (CellRef::NaiveTimestamp(v), _) => {
            let naive = DateTime::from_timestamp_micros(v)
                .ok_or("is out of range")?
                .naive_utc();
            local_to_utc(naive, o.timezone)
        }
        (CellRef::Date(d), _) => {
            let naive = date_from_days(d)?
                .and_hms_opt(0, 0, 0)
                .ok_or("is out of range")?;
            local_to_utc(naive, o.timezone)
        }
        (CellRef::Int(v), Some(unit @ ("unix" | "unix_s" | "unix_ms" | "unix_us"))) => {
            epoch(v, unit)
        }
        (CellRef::Float(v), Some(unit @ ("unix" | "unix_s" | "unix_ms" | "unix_us"))) => {
            let scale = match unit {
                "unix_ms" => 1_000.0,
                "unix_us" => 1.0,
                _ => 1_000_000.0,
            };
            Ok((v * scale).round() as i64)
        }
        (CellRef::Text(s), Some(unit @ ("unix" | "unix_s" | "unix_ms" | "unix_us"))) => {
            let v: i64 = s
                .trim()
                .parse()
                .map_err(|_| format!("is not a whole number of {unit} time"))?;
            epoch(v, unit)
        }
        (CellRef::Text(s), Some(fmt)) => {
            let s = trim_cell(s);
            if let Ok(t) = DateTime::parse_from_str(s, fmt) {
                return Ok(t.timestamp_micros());
            }
            if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
                return local_to_utc(n, o.timezone);
            }
            if let Ok(d) = NaiveDate::parse_from_str(s, fmt)
                && let Some(n) = d.and_hms_opt(0, 0, 0)
            {
                return local_to_utc(n, o.timezone);
            }
            Err(format!("does not match the format `{fmt}`"))
        }
        (CellRef::Text(s), None) => parse_iso_timestamp(trim_cell(s), o.timezone),
        _ => Err("is not a timestamp".to_owned()),
    }
}

fn date_from_days(d: i32) -> Result<NaiveDate, ParseError> {
    NaiveDate::from_num_days_from_ce_opt(d.checked_add(719_163).ok_or("is out of range")?)
        .ok_or_else(|| "is out of range".to_owned())
}

fn days_of(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - 719_163
}

fn parse_date(cell: CellRef<'_>, o: &ParseOptions<'_>) -> Result<i32, ParseError> {
    match cell {
        CellRef::Date(d) => Ok(d),
        CellRef::Timestamp(v) => {
            let t = DateTime::from_timestamp_micros(v).ok_or("is out of range")?;
            Ok(days_of(t.with_timezone(&o.timezone).date_naive()))
        }
        CellRef::NaiveTimestamp(v) => Ok(v.div_euclid(MICROS_PER_DAY) as i32),
        CellRef::Text(s) => {
            let s = trim_cell(s);
            if let Some(fmt) = o.format {
                return NaiveDate::parse_from_str(s, fmt)
                    .map(days_of)
                    .map_err(|_| format!("does not match the date format `{fmt}`"));
            }
            if let Some(d) = fast_date(s.as_bytes()) {
                if s.len() == 10 {
                    return Ok(days_of(d));
                }
                // A timestamp where a date is expected: its local date.
                let micros = parse_iso_timestamp(s, o.timezone)?;
                return parse_date(CellRef::Timestamp(micros), o);
            }
            Err("is not a date like 2026-10-31".to_owned())
        }
        _ => Err("is not a date".to_owned()),
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// The year, month and day of `YYYY-MM-DD…` as written (not yet checked
/// to be a date).
fn fast_ymd(b: &[u8]) -> Option<(i32, u32, u32)> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    ))
}

/// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (as
/// chrono's `NaiveDate` counts them), `None` if there is no such day. Plain
/// arithmetic (H. Hinnant's days-from-civil), where building the date with
/// chrono and counting its days was a sixth of parsing a timestamp.
fn epoch_days(year: i32, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_days {
        return None;
    }
    // Years start in March, so that a leap day ends its year.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((i64::from(month) + 9) % 12) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
}

/// ISO 8601 / RFC 3339 and the common SQL layout, with or without offset:
/// `2026-10-03`, `2026-10-03 14:05`, `2026-10-03T14:05:09.123`,
/// `2026-10-03T14:05:09Z`, `2026-10-03 14:05:09+02:00`, `… +0200`, `… UTC`.
/// Times without an offset are local to `tz`.
fn parse_iso_timestamp(s: &str, tz: Tz) -> Result<i64, ParseError> {
    const HINT: &str = "is not a timestamp like 2026-10-31T14:05:00 (set `format` in the mapping for other layouts)";
    let b = s.as_bytes();
    let (year, month, day) = fast_ymd(b).ok_or(HINT)?;
    let days = epoch_days(year, month, day).ok_or(HINT)?;
    // A date (valid, as `epoch_days` says) for the paths through chrono.
    let date = || NaiveDate::from_ymd_opt(year, month, day).ok_or(HINT);
    if b.len() == 10 {
        return local_to_utc(date()?.and_hms_opt(0, 0, 0).ok_or(HINT)?, tz);
    }
    if b.len() < 16 || !(b[10] == b'T' || b[10] == b' ' || b[10] == b't') || b[13] != b':' {
        return Err(HINT.to_owned());
    }
    let hour = digits(&b[11..13]).ok_or(HINT)?;
    let minute = digits(&b[14..16]).ok_or(HINT)?;
    let mut i = 16;
    let mut second = 0;
    let mut micros = 0u32;
    if b.get(i) == Some(&b':') {
        second = digits(b.get(i + 1..i + 3).ok_or(HINT)?).ok_or(HINT)?;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let start = i + 1;
            let mut end = start;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            if end == start {
                return Err(HINT.to_owned());
            }
            let frac = &b[start..end.min(start + 6)];
            micros = digits(frac).ok_or(HINT)? * 10u32.pow(6 - frac.len() as u32);
            i = end;
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(HINT.to_owned());
    }
    let rest = match &b[i..] {
        b"Z" => "Z",
        _ => s[i..].trim_start(),
    };
    let offset_seconds: Option<i32> = match rest {
        "" => None,
        "Z" | "z" | "UTC" | "GMT" => Some(0),
        _ => {
            let r = rest.as_bytes();
            let sign = match r[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(HINT.to_owned()),
            };
            let body: Vec<u8> = r[1..].iter().copied().filter(|c| *c != b':').collect();
            let (h, m) = match body.len() {
                2 => (digits(&body).ok_or(HINT)?, 0),
                4 => (
                    digits(&body[..2]).ok_or(HINT)?,
                    digits(&body[2..]).ok_or(HINT)?,
                ),
                _ => return Err(HINT.to_owned()),
            };
            if h > 23 || m > 59 {
                return Err(HINT.to_owned());
            }
            Some(sign * (h as i32 * 3600 + m as i32 * 60))
        }
    };
    match offset_seconds {
        None => {
            let naive = date()?
                .and_hms_micro_opt(hour, minute, second, micros)
                .ok_or(HINT)?;
            local_to_utc(naive, tz)
        }
        // An instant: plain arithmetic, which is what chrono computes for
        // it, without building its date and time (a third of a load's
        // time parsing went there).
        Some(off) => {
            let seconds = i64::from(hour * 3600 + minute * 60 + second) - i64::from(off);
            Ok(days * MICROS_PER_DAY + seconds * 1_000_000 + i64::from(micros))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn instants_agree_with_chrono_s_rfc_3339_parser() {
        // An independent computation: chrono's own RFC 3339 parser on the
        // same text, for valid and invalid dates and times and offsets.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let mut checked = 0;
        for _ in 0..50_000 {
            let (y, mo, d) = (1600 + next(800), 1 + next(12), 1 + next(31));
            let (h, mi, s) = (next(25), next(60), next(61));
            let frac = match next(3) {
                0 => String::new(),
                1 => format!(".{:03}", next(1000)),
                _ => format!(".{:06}", next(1_000_000)),
            };
            let offset = match next(4) {
                0 => "Z".to_owned(),
                1 => "+00:00".to_owned(),
                2 => format!("+{:02}:{:02}", next(14), next(60)),
                _ => format!("-{:02}:{:02}", next(12), next(60)),
            };
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{offset}");
            let ours = super::parse_iso_timestamp(&text, chrono_tz::UTC).ok();
            let theirs = chrono::DateTime::parse_from_rfc3339(&text)
                .ok()
                // chrono reads second 60 as a leap second; we refuse it.
                .filter(|_| s < 60)
                .map(|t| t.timestamp_micros());
            assert_eq!(ours, theirs, "{text}");
            checked += usize::from(ours.is_some());
        }
        assert!(checked > 30_000, "{checked} valid instants");
    }

    #[test]
    fn plain_numbers_read_as_the_general_parsers_read_them() {
        // An independent computation: std's parsers on the same text.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "-0.0",
            "007",
            "310.42",
            "0.1",
            "0.3",
            "-12.5",
            "999999999999999",
            "99999999999999.9",
            "900719925474.993",
            "1.00000000000001",
            "5",
            "-1",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 15) as u32 + 1;
            let m = (x >> 8) % 10u64.pow(digits);
            let point = ((x >> 40) % u64::from(digits + 1)) as usize;
            let mut t = format!("{m:0width$}", width = digits as usize);
            if point > 0 && point < t.len() {
                t.insert(point, '.');
            }
            if x & 1 == 1 {
                t.insert(0, '-');
            }
            texts.push(t);
        }
        for t in &texts {
            match super::plain_number(t) {
                Some(super::Number::Int(i)) => assert_eq!(Ok(i), t.parse::<i64>(), "{t}"),
                Some(super::Number::Float(f)) => {
                    assert!(t.parse::<i64>().is_err(), "{t}");
                    let want: f64 = t.parse().unwrap_or(f64::NAN);
                    assert_eq!(f.to_bits(), want.to_bits(), "{t}");
                }
                None => panic!("{t} is a plain number"),
            }
        }
        for t in [
            "+5",
            "1e3",
            "1,234.5",
            "5.",
            ".5",
            "-",
            "",
            "12a",
            "1 2",
            "1234567890123456",
        ] {
            assert!(super::plain_number(t).is_none(), "{t}");
        }
    }

    use super::*;

    fn opts(tz: &str) -> ParseOptions<'static> {
        ParseOptions {
            format: None,
            timezone: tz.parse().expect("zone"),
            decimal_comma: false,
            multiply: None,
        }
    }

    /// Every number either reads as written in the declared convention or
    /// is refused: a separator is never dropped or read the other way, so
    /// no value comes out ten or a thousand times off.
    #[test]
    fn numbers_read_as_written_or_are_refused_in_every_locale_form() {
        let read = |text: &str, comma: bool| {
            let o = ParseOptions {
                decimal_comma: comma,
                ..opts("UTC")
            };
            match parse(CellRef::Text(text), ColumnType::Decimal, &o) {
                Ok(Value::Float(f)) => Ok(f),
                Ok(Value::Int(i)) => Ok(i as f64),
                Ok(other) => panic!("{text}: {other:?}"),
                Err(e) => Err(e),
            }
        };
        // (text, value with a decimal point, value with a decimal comma)
        let cases: &[(&str, Option<f64>, Option<f64>)] = &[
            ("1234.56", Some(1234.56), None),
            ("1234,56", None, Some(1234.56)),
            ("1,5", None, Some(1.5)),
            ("1.5", Some(1.5), None),
            ("1,500", Some(1500.0), Some(1.5)),
            ("1.500", Some(1.5), Some(1500.0)),
            ("1,234.56", Some(1234.56), None),
            ("1.234,56", None, Some(1234.56)),
            ("12,345,678.9", Some(12_345_678.9), None),
            ("12.345.678,9", None, Some(12_345_678.9)),
            ("1 234 567,89", None, Some(1_234_567.89)),
            ("1\u{a0}234,5", None, Some(1234.5)),
            ("1\u{202f}234,5", None, Some(1234.5)),
            ("1 234.5", Some(1234.5), None),
            ("1'234'567.89", Some(1_234_567.89), None),
            ("-1,234.5", Some(-1234.5), None),
            ("+1.234,5", None, Some(1234.5)),
            ("0,05", None, Some(0.05)),
            (".5", Some(0.5), None),
            ("1.5e3", Some(1500.0), None),
            // Groups in the wrong places, mixed groupings, lakh grouping.
            ("12,34,567.89", None, None),
            ("1,23", None, Some(1.23)),
            ("1,2345", None, Some(1.2345)),
            ("1234,567.8", None, None),
            ("1,234,56", None, None),
            ("1.234.56", None, None),
            ("1,234 567.8", None, None),
            ("1,,234", None, None),
            (",5", None, Some(0.5)),
            ("1.2.3", None, None),
            ("12a", None, None),
            ("1,5e3", None, None),
        ];
        for (text, point, comma) in cases {
            assert_eq!(
                read(text, false).ok(),
                *point,
                "{text:?} with a decimal point"
            );
            assert_eq!(
                read(text, true).ok(),
                *comma,
                "{text:?} with a decimal comma"
            );
        }
        // A value in the other convention says how to load the file.
        let e = read("1.234,56", false).expect_err("comma decimal");
        assert!(e.contains("--decimal-separator ,"), "{e}");
        let e = read("1,234.56", true).expect_err("point decimal");
        assert!(e.contains("without --decimal-separator"), "{e}");
    }

    fn ts(s: &str, tz: &str) -> Result<i64, ParseError> {
        parse_timestamp(CellRef::Text(s), &opts(tz))
    }

    fn utc(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .timestamp_micros()
    }

    /// Whatever the plain readers read, `parse` reads the same; they leave
    /// to `parse` what needs a mapping option or is not in a plain layout.
    #[test]
    fn plain_fields_read_as_parse_reads_them() {
        let texts = [
            "0",
            "-0",
            "007",
            "310.42",
            "-12.5",
            "4",
            "3.0",
            "1e3",
            "+5",
            "1,234.5",
            "abc",
            "5.",
            "2026-10-03T12:00:00Z",
            "2026-10-03 14:00:00 +0200",
            "2026-10-03",
            "2026-10-03T14:00:00.5",
            "2026-13-01",
            "03/10/2026",
            "1700000000",
        ];
        let mut read = 0;
        for tz in ["UTC", "Europe/Bucharest"] {
            let o = opts(tz);
            assert!(reads_plain(&o));
            for t in texts {
                let cell = CellRef::Text(t);
                if let Some(i) = plain_integer(t) {
                    assert_eq!(
                        parse(cell, ColumnType::Integer, &o),
                        Ok(Value::Int(i)),
                        "{t}"
                    );
                    read += 1;
                }
                if let Some(f) = plain_decimal(t) {
                    assert_eq!(
                        parse(cell, ColumnType::Decimal, &o),
                        Ok(Value::Float(f)),
                        "{t}"
                    );
                    read += 1;
                }
                if let Some(ts) = plain_timestamp(t, o.timezone) {
                    let want = Ok(Value::Timestamp(ts));
                    assert_eq!(parse(cell, ColumnType::Timestamp, &o), want, "{t}");
                    read += 1;
                }
            }
        }
        assert!(read > 25, "only {read} read the plain way");
        let factor = ParseOptions {
            multiply: Some(0.01),
            ..opts("UTC")
        };
        let comma = ParseOptions {
            decimal_comma: true,
            ..opts("UTC")
        };
        let format = ParseOptions {
            format: Some("unix"),
            ..opts("UTC")
        };
        for o in [factor, comma, format] {
            assert!(!reads_plain(&o));
        }
        assert_eq!(plain_integer("3.0"), None);
        assert_eq!(plain_decimal("1e3"), None);
    }

    /// `epoch_days` against chrono (an independent computation) on every
    /// day of four centuries, the edges of the years we read, and
    /// impossible months and days.
    #[test]
    fn epoch_days_count_as_chrono_counts() {
        let chrono_days = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d).map(|date| i64::from(days_of(date)))
        };
        let years = (1800..=2200).chain([0, 1, 4, 99, 100, 400, 1600, 1900, 2000, 9999]);
        let mut days = 0;
        for y in years {
            for m in 0..=13 {
                for d in 0..=32 {
                    let want = chrono_days(y, m, d);
                    assert_eq!(epoch_days(y, m, d), want, "{y}-{m}-{d}");
                    days += usize::from(want.is_some());
                }
            }
        }
        assert!(days > 400 * 365, "{days}");
    }

    #[test]
    fn iso_timestamps_with_and_without_offsets() {
        assert_eq!(
            ts("2026-10-03T12:00:00Z", "UTC"),
            Ok(utc("2026-10-03T12:00:00Z"))
        );
        assert_eq!(
            ts("2026-10-03 12:00:00+00", "UTC"),
            Ok(utc("2026-10-03T12:00:00Z"))
        );
        assert_eq!(
            ts("2026-10-03 14:00:00 +0200", "UTC"),
            Ok(utc("2026-10-03T12:00:00Z"))
        );
        assert_eq!(
            ts("2026-10-03T14:00:00.5", "Europe/Bucharest"),
            Ok(utc("2026-10-03T11:00:00.5Z")),
            "naive times are local to the zone (EEST = UTC+3)"
        );
        assert_eq!(ts("2026-10-03", "UTC"), Ok(utc("2026-10-03T00:00:00Z")));
        assert_eq!(
            ts("2026-10-03 12:30", "UTC"),
            Ok(utc("2026-10-03T12:30:00Z"))
        );
        for bad in [
            "03/10/2026",
            "2026-13-01",
            "2026-10-03T25:00",
            "yesterday",
            "2026-10-03T12:00:00+5",
        ] {
            assert!(ts(bad, "UTC").is_err(), "{bad}");
        }
    }

    #[test]
    fn dst_gap_is_an_error_and_the_repeated_hour_takes_the_first_instant() {
        // Europe/Bucharest: 2026-03-29 03:00 → 04:00; 2026-10-25 04:00 → 03:00.
        let err = ts("2026-03-29 03:30:00", "Europe/Bucharest").unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        assert_eq!(
            ts("2026-10-25 03:30:00", "Europe/Bucharest"),
            Ok(utc("2026-10-25T00:30:00Z"))
        );
    }

    #[test]
    fn custom_formats_and_epochs() {
        let mut o = opts("UTC");
        o.format = Some("%d/%m/%Y %H:%M");
        assert_eq!(
            parse_timestamp(CellRef::Text("03/10/2026 12:00"), &o),
            Ok(utc("2026-10-03T12:00:00Z"))
        );
        o.format = Some("%d/%m/%Y");
        assert_eq!(
            parse_timestamp(CellRef::Text("03/10/2026"), &o),
            Ok(utc("2026-10-03T00:00:00Z"))
        );
        o.format = Some("unix_ms");
        assert_eq!(
            parse_timestamp(CellRef::Text("1791115200000"), &o),
            Ok(1_791_115_200_000_000)
        );
        o.format = Some("unix_us");
        assert_eq!(parse_timestamp(CellRef::Int(5), &o), Ok(5));
    }

    #[test]
    fn numbers_lists_and_booleans() {
        let mut o = opts("UTC");
        assert_eq!(
            parse(CellRef::Text("1,234.50"), ColumnType::Decimal, &o),
            Ok(Value::Float(1234.5))
        );
        assert_eq!(
            parse(CellRef::Text("12.0"), ColumnType::Integer, &o),
            Ok(Value::Int(12))
        );
        assert!(parse(CellRef::Text("12.5"), ColumnType::Integer, &o).is_err());
        assert!(parse(CellRef::Text("NaN"), ColumnType::Decimal, &o).is_err());
        assert!(parse(CellRef::Text("inf"), ColumnType::Decimal, &o).is_err());
        o.decimal_comma = true;
        assert_eq!(
            parse(CellRef::Text("1.234,5"), ColumnType::Decimal, &o),
            Ok(Value::Float(1234.5))
        );
        o.decimal_comma = false;
        o.multiply = Some(0.01);
        assert_eq!(
            parse(CellRef::Int(1999), ColumnType::Decimal, &o),
            Ok(Value::Float(19.99))
        );
        let list = |s| parse(CellRef::Text(s), ColumnType::TextList, &opts("UTC"));
        let want = Ok(Value::List(vec!["sport".into(), "travel".into()]));
        assert_eq!(list("sport;travel"), want);
        assert_eq!(list("sport | travel"), want);
        assert_eq!(list(r#"["sport","travel"]"#), want);
        assert_eq!(list("{sport,travel}"), want);
        assert_eq!(
            parse(CellRef::Text("Yes"), ColumnType::Boolean, &opts("UTC")),
            Ok(Value::Bool(true))
        );
        assert!(parse(CellRef::Text("maybe"), ColumnType::Boolean, &opts("UTC")).is_err());
    }

    #[test]
    fn dates_from_text_and_timestamps() {
        let o = opts("Europe/Bucharest");
        let d = |s| parse_date(CellRef::Text(s), &o);
        assert_eq!(d("1970-01-02"), Ok(1));
        // 22:30 UTC on the 2nd is already the 3rd in Bucharest.
        assert_eq!(d("1970-01-02T22:30:00Z"), Ok(2));
        assert!(d("02.01.1970").is_err());
    }
}
