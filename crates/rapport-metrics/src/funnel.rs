//! Funnels (METRICS.md, "Funnel"): how many units (people or sessions) go
//! through a list of steps, in order, within a conversion window; and cart
//! abandonment.
//!
//! Web events of the period are read once, sorted by unit and time, and
//! walked per unit. A unit enters with a step-1 event inside the period;
//! every such entry is tried and the one reaching the furthest step counts
//! (so an early abandoned visit does not hide a later conversion).
//!
//! A step is an event type, optionally narrowed by one of the event's
//! columns: `page_view[page=/checkout]` (equal), `page_view[page^=/blog/]`
//! (starts with), `page_view[page*=sale]` (contains), `[...!=...]` (not
//! equal). One event can match several steps (a checkout page view is
//! also a page view), but each event is used for one step of an attempt.

use std::collections::HashMap;

use datafusion::arrow::array::{Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::carts::{CartCount, CartRule};
use crate::period::Period;
use crate::sql::ts;
use crate::{Error, PeriodRange, Result};

/// What a funnel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// A customer id, else an anonymous id.
    Person,
    /// A session (the session id, else sessions derived per person with the
    /// workspace's timeout).
    Session,
}

/// How steps must follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepOrder {
    /// In order, other events allowed between (the default).
    Ordered,
    /// In order with no other event between.
    Strict,
    /// In any order: step k counts units that did any k of the steps.
    Any,
}

/// Options of [`funnel`].
#[derive(Debug, Clone)]
pub struct FunnelOptions {
    pub period: Period,
    /// Steps in order, at least two: event types, optionally with a column
    /// condition (`page_view[page=/checkout]`, see the module docs).
    pub steps: Vec<String>,
    /// Conversion window from the first step, in seconds.
    pub window_seconds: i64,
    pub order: StepOrder,
    pub per: Per,
    /// Event types that remove a unit when done between two of its steps.
    pub exclude: Vec<String>,
    /// Cart abandonment window, in seconds (METRICS.md default: 1 day).
    pub cart_window_seconds: i64,
    /// The day the funnel is made on (workspace time zone): a unit whose
    /// window has not ended by its start is in progress, not dropped.
    pub as_of: chrono::NaiveDate,
}

/// One step's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    pub step: usize,
    pub event: String,
    /// Units that reached this step.
    pub count: u64,
    /// Percent of the previous step's units.
    pub conversion_from_previous: Option<f64>,
    /// Percent of step 1's units.
    pub conversion_from_start: Option<f64>,
    /// Units of the previous step that did not reach this one and whose
    /// window has closed.
    pub dropped: u64,
    /// Units of the previous step still inside their window: not dropped,
    /// not converted yet.
    pub in_progress: u64,
    /// Median seconds from the previous step to this one.
    pub median_seconds_from_previous: Option<f64>,
}

/// Cart abandonment: 1 − purchases / add-to-cart, counted per cart
/// (METRICS.md, "Funnel"; the rule is [`crate::carts`]'s, which the
/// `cart_abandonment_rate` metric uses too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartAbandonment {
    pub carts: CartCount,
    /// Units (people or sessions) that started at least one cart.
    pub units: u64,
    /// Units with at least one converted cart: what an `add_to_cart,
    /// purchase` funnel with the cart window as its window counts at its
    /// second step, since attempts follow the same rule.
    pub units_converted: u64,
    /// Abandoned carts in per cent of the decided ones.
    pub rate: Option<f64>,
}

/// Everything `rapport funnel` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelReport {
    pub client: String,
    pub period: PeriodRange,
    pub per: Per,
    pub order: StepOrder,
    pub window_seconds: i64,
    pub exclude: Vec<String>,
    pub steps: Vec<StepResult>,
    /// Units removed by an exclusion event.
    pub excluded_units: u64,
    pub cart_abandonment: Option<CartAbandonment>,
    /// The last event time in the data: windows ending after it are open.
    pub data_end: Option<String>,
}

/// One event of a unit: its time in µs, the steps it matches (bit k for
/// step k) and what else it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ev {
    t: i64,
    steps: u32,
    /// An exclusion event.
    excluded: bool,
    add_to_cart: bool,
    purchase: bool,
}

type Events = Vec<Ev>;

/// The columns a step condition may test.
const STEP_COLUMNS: &[&str] = &[
    "page",
    "product_id",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "device",
];

/// How a step condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepOp {
    Equals,
    NotEquals,
    StartsWith,
    Contains,
}

/// One parsed step: an event type and an optional column condition.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StepSpec {
    event: String,
    /// Index into [`STEP_COLUMNS`], the comparison and the value.
    condition: Option<(usize, StepOp, String)>,
}

impl StepSpec {
    fn parse(text: &str) -> Result<StepSpec> {
        let bad = |why: &str| {
            Error::Invalid(format!(
                "step `{text}`: {why}; write EVENT or EVENT[COLUMN=VALUE] (also !=, ^= starts with, *= contains), COLUMN one of {}",
                STEP_COLUMNS.join(", ")
            ))
        };
        let text = text.trim();
        let Some(open) = text.find('[') else {
            if text.is_empty() || text.contains(']') {
                return Err(bad("not an event name"));
            }
            return Ok(StepSpec {
                event: text.to_owned(),
                condition: None,
            });
        };
        let inner = text[open + 1..]
            .strip_suffix(']')
            .ok_or_else(|| bad("the condition does not end with `]`"))?;
        let event = text[..open].trim();
        if event.is_empty() {
            return Err(bad("no event type before `[`"));
        }
        let ops = [
            ("!=", StepOp::NotEquals),
            ("^=", StepOp::StartsWith),
            ("*=", StepOp::Contains),
            ("=", StepOp::Equals),
        ];
        let (at, len, op) = ops
            .iter()
            .filter_map(|(sym, op)| inner.find(sym).map(|i| (i, sym.len(), *op)))
            .min_by_key(|(i, _, _)| *i)
            .ok_or_else(|| bad("the condition has no =, !=, ^= or *="))?;
        let column = inner[..at].trim();
        let value = inner[at + len..].trim();
        let index = STEP_COLUMNS
            .iter()
            .position(|c| *c == column)
            .ok_or_else(|| bad(&format!("`{column}` is not a column a step can test")))?;
        if value.is_empty() {
            return Err(bad("the condition has no value"));
        }
        Ok(StepSpec {
            event: event.to_owned(),
            condition: Some((index, op, value.to_owned())),
        })
    }

    /// Whether an event of `event_type` with these column values matches.
    fn matches(&self, event_type: &str, columns: &[Option<&str>]) -> bool {
        if self.event != event_type {
            return false;
        }
        let Some((i, op, value)) = &self.condition else {
            return true;
        };
        let Some(v) = columns.get(*i).copied().flatten() else {
            return *op == StepOp::NotEquals;
        };
        match op {
            StepOp::Equals => v == value,
            StepOp::NotEquals => v != value,
            StepOp::StartsWith => v.starts_with(value.as_str()),
            StepOp::Contains => v.contains(value.as_str()),
        }
    }
}

/// The best attempt of one unit: steps reached and the time of each.
#[derive(Debug, Clone, Default)]
struct Attempt {
    times: Vec<i64>,
    window_open: bool,
}

/// Ordered and strict funnels from one entry at `events[i]`.
fn attempt_ordered(
    events: &[Ev],
    i: usize,
    n_steps: usize,
    window: i64,
    strict: bool,
) -> Option<Vec<i64>> {
    let start = events[i].t;
    let mut times = vec![start];
    let mut j = i + 1;
    // An excluded event counts only when a later step follows it: then it
    // was done between two steps.
    let mut spoiled = false;
    while times.len() < n_steps && j < events.len() {
        let Ev { t, steps, .. } = events[j];
        if t > start + window {
            break;
        }
        if events[j].excluded {
            spoiled = true;
        } else if steps & (1 << times.len()) != 0 {
            if spoiled {
                return None;
            }
            times.push(t);
        } else if strict {
            break;
        }
        j += 1;
    }
    Some(times)
}

/// Any-order funnels from one entry at `events[i]`: the times at which the
/// 1st, 2nd, … distinct step was first done.
fn attempt_any(events: &[Ev], i: usize, n_steps: usize, window: i64) -> Option<Vec<i64>> {
    let start = events[i].t;
    // Steps done so far, as bits; each event completes one new step.
    let all: u32 = if n_steps >= 32 {
        u32::MAX
    } else {
        (1 << n_steps) - 1
    };
    let mut seen: u32 = 1 << events[i].steps.trailing_zeros();
    let mut times = vec![start];
    let mut spoiled = false;
    for e in &events[i + 1..] {
        if e.t > start + window || seen == all {
            break;
        }
        let new = e.steps & !seen & all;
        if e.excluded {
            spoiled = true;
        } else if new != 0 {
            if spoiled {
                return None;
            }
            seen |= 1 << new.trailing_zeros();
            times.push(e.t);
        }
    }
    Some(times)
}

fn best_attempt(
    events: &[Ev],
    o: &FunnelOptions,
    entry: (i64, i64),
    as_of: i64,
) -> Option<Attempt> {
    let n = o.steps.len();
    let window = o.window_seconds * 1_000_000;
    let mut best: Option<Attempt> = None;
    let mut had_entry = false;
    // One attempt at a time (METRICS.md, "Funnel": a cart is not restarted
    // while one is open, and the add-to-cart → purchase step follows the
    // same rule): a step-1 event inside an open attempt's window starts
    // none; the next one after the window does.
    let mut open_until = i64::MIN;
    for (i, &Ev { t, steps, .. }) in events.iter().enumerate() {
        if t < entry.0 || t >= entry.1 {
            continue;
        }
        let is_entry = match o.order {
            StepOrder::Any => steps != 0,
            _ => steps & 1 != 0,
        };
        if !is_entry {
            continue;
        }
        had_entry = true;
        if t <= open_until {
            continue;
        }
        open_until = t + window;
        let times = match o.order {
            StepOrder::Any => attempt_any(events, i, n, window),
            StepOrder::Ordered => attempt_ordered(events, i, n, window, false),
            StepOrder::Strict => attempt_ordered(events, i, n, window, true),
        };
        let Some(times) = times else { continue };
        let better = best.as_ref().is_none_or(|b| times.len() > b.times.len());
        if better {
            best = Some(Attempt {
                window_open: t + window > as_of,
                times,
            });
            if best.as_ref().is_some_and(|b| b.times.len() == n) {
                break;
            }
        }
    }
    if had_entry && best.is_none() {
        // Every entry was spoiled by an exclusion event.
        return Some(Attempt::default());
    }
    best
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

/// Parses a duration such as `14d`, `36h`, `30m`, `2w` or `90s` into seconds.
pub fn parse_duration(s: &str) -> std::result::Result<i64, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration such as 14d, 36h, 30m or 2w"))?;
    let scale = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" | "" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(format!("`{s}`: the unit must be s, m, h, d or w")),
    };
    if n <= 0 {
        return Err(format!("`{s}` must be longer than zero"));
    }
    // Longer than ten years is a typo, and would overflow in microseconds.
    n.checked_mul(scale)
        .filter(|s| *s <= 10 * 366 * 86_400)
        .ok_or_else(|| format!("`{s}` is longer than ten years"))
}

/// Computes a funnel over a client's web events.
pub async fn funnel(ws: &Workspace, client: &str, o: &FunnelOptions) -> Result<FunnelReport> {
    if o.steps.len() < 2 {
        return Err(Error::Invalid("a funnel needs at least two steps".into()));
    }
    if o.steps.len() > 32 {
        return Err(Error::Invalid("a funnel has at most 32 steps".into()));
    }
    let specs = o
        .steps
        .iter()
        .map(|s| StepSpec::parse(s))
        .collect::<Result<Vec<_>>>()?;
    for (i, s) in specs.iter().enumerate() {
        if specs[..i].contains(s) {
            return Err(Error::Invalid(format!(
                "step `{}` appears twice",
                o.steps[i]
            )));
        }
        if o.exclude.contains(&s.event) {
            return Err(Error::Invalid(format!(
                "`{}` is both a step and excluded",
                s.event
            )));
        }
    }
    let settings = ws.settings();
    let tz = settings.tz();
    let session = ClientSession::open(ws, client).await?;
    let ctx = session.context();
    let (start, end) = o.period.instants(tz);
    let longest = o.window_seconds.max(o.cart_window_seconds);
    let until = end + chrono::Duration::seconds(longest);
    // Every event type is needed for strict order (others break a run) and
    // for deriving sessions; otherwise only the steps, exclusions and cart.
    let sql = format!(
        "SELECT COALESCE(customer_id, anonymous_id) AS person, session_id,
                CAST(ts AS BIGINT) AS t, event_type, {columns}
         FROM web_events
         WHERE ts >= {lo} AND ts < {hi} AND COALESCE(customer_id, anonymous_id, session_id) IS NOT NULL
         ORDER BY person, t",
        lo = ts(start - chrono::Duration::hours(24)),
        hi = ts(until),
        columns = STEP_COLUMNS.join(", "),
    );
    let batches = ctx.sql(&sql).await?.collect().await?;
    let last = ctx
        .sql("SELECT CAST(MAX(ts) AS BIGINT) AS t FROM web_events")
        .await?
        .collect()
        .await?;
    let data_end = last
        .first()
        .and_then(|b| {
            b.column(0)
                .as_any()
                .downcast_ref::<Int64Array>()
                .map(|a| (!a.is_empty() && !a.is_null(0)).then(|| a.value(0)))
        })
        .flatten();
    let gap = i64::from(settings.session_timeout_minutes) * 60_000_000;
    // Units → events.
    let mut units: HashMap<String, Events> = HashMap::new();
    let mut derived_session: HashMap<String, (i64, u32)> = HashMap::new();
    for batch in &batches {
        let text = |i: usize| -> Result<StringArray> {
            let a = cast(batch.column(i), &DataType::Utf8)?;
            a.as_any()
                .downcast_ref::<StringArray>()
                .cloned()
                .ok_or_else(|| Error::Internal("text column".into()))
        };
        let (person, sid, kind) = (text(0)?, text(1)?, text(3)?);
        let columns = (0..STEP_COLUMNS.len())
            .map(|c| text(4 + c))
            .collect::<Result<Vec<_>>>()?;
        let mut values: Vec<Option<&str>> = vec![None; STEP_COLUMNS.len()];
        let t = batch
            .column(2)
            .as_any()
            .downcast_ref::<Int64Array>()
            .ok_or_else(|| Error::Internal("time column".into()))?;
        for r in 0..batch.num_rows() {
            let time = t.value(r);
            let e = kind.value(r);
            for (v, c) in values.iter_mut().zip(&columns) {
                *v = (!c.is_null(r)).then(|| c.value(r));
            }
            let steps = specs
                .iter()
                .enumerate()
                .filter(|(_, s)| s.matches(e, &values))
                .fold(0u32, |m, (i, _)| m | (1 << i));
            let ev = Ev {
                t: time,
                steps,
                excluded: o.exclude.iter().any(|x| x == e),
                add_to_cart: e == "add_to_cart",
                purchase: e == "purchase",
            };
            let p = (!person.is_null(r)).then(|| person.value(r));
            let unit = match (o.per, p) {
                (Per::Person, Some(p)) => p.to_owned(),
                (Per::Person, None) => continue,
                (Per::Session, _) if !sid.is_null(r) => format!("s:{}", sid.value(r)),
                (Per::Session, Some(p)) => {
                    // Rows arrive sorted by person and time: a gap longer
                    // than the timeout starts a new derived session.
                    let state = derived_session.entry(p.to_owned()).or_insert((time, 0));
                    if time - state.0 > gap {
                        state.1 += 1;
                    }
                    state.0 = time;
                    format!("d:{p}#{}", state.1)
                }
                (Per::Session, None) => continue,
            };
            let other = ev.steps == 0 && !ev.excluded && !ev.add_to_cart && !ev.purchase;
            if other && o.order != StepOrder::Strict {
                continue;
            }
            units.entry(unit).or_default().push(ev);
        }
    }
    let entry = (start.timestamp_micros(), end.timestamp_micros());
    // Windows still open at the as-of time are in progress.
    let as_of_us = crate::period::local_midnight(o.as_of, tz).timestamp_micros();
    let steps_n = o.steps.len();
    let mut reached = vec![0u64; steps_n];
    let mut open_at = vec![0u64; steps_n];
    let mut gaps: Vec<Vec<f64>> = vec![Vec::new(); steps_n];
    let mut excluded_units = 0;
    let cart_rule = CartRule {
        from: entry.0,
        to: entry.1,
        window: o.cart_window_seconds * 1_000_000,
        as_of: as_of_us,
    };
    let (mut carts, mut cart_units, mut units_converted) = (CartCount::default(), 0u64, 0u64);
    for events in units.values_mut() {
        events.sort_unstable();
        let unit_carts = cart_rule.count(
            events
                .iter()
                .filter(|e| e.add_to_cart || e.purchase)
                .map(|e| (e.t, e.purchase)),
        );
        if unit_carts != CartCount::default() {
            cart_units += 1;
            units_converted += u64::from(unit_carts.converted > 0);
            carts.add(unit_carts);
        }
        let Some(best) = best_attempt(events, o, entry, as_of_us) else {
            continue;
        };
        if best.times.is_empty() {
            excluded_units += 1;
            continue;
        }
        let k = best.times.len();
        for (s, r) in reached.iter_mut().enumerate().take(k) {
            *r += 1;
            if s > 0 {
                gaps[s].push((best.times[s] - best.times[s - 1]) as f64 / 1e6);
            }
        }
        if k < steps_n && best.window_open {
            open_at[k - 1] += 1;
        }
    }
    let mut steps = Vec::with_capacity(steps_n);
    for s in 0..steps_n {
        let prev = if s == 0 { reached[0] } else { reached[s - 1] };
        let pct = |a: u64, b: u64| (b > 0).then(|| 100.0 * a as f64 / b as f64);
        let in_progress = if s == 0 { 0 } else { open_at[s - 1] };
        steps.push(StepResult {
            step: s + 1,
            event: o.steps[s].clone(),
            count: reached[s],
            conversion_from_previous: if s == 0 { None } else { pct(reached[s], prev) },
            conversion_from_start: pct(reached[s], reached[0]),
            dropped: if s == 0 {
                0
            } else {
                prev - reached[s] - in_progress
            },
            in_progress,
            median_seconds_from_previous: median(std::mem::take(&mut gaps[s])),
        });
    }
    Ok(FunnelReport {
        client: client.to_owned(),
        period: PeriodRange::of(&o.period, o.as_of),
        per: o.per,
        order: o.order,
        window_seconds: o.window_seconds,
        exclude: o.exclude.clone(),
        steps,
        excluded_units,
        cart_abandonment: (cart_units > 0).then(|| CartAbandonment {
            carts,
            units: cart_units,
            units_converted,
            rate: carts.rate(),
        }),
        data_end: data_end
            .and_then(chrono::DateTime::<chrono::Utc>::from_timestamp_micros)
            .map(|t| t.with_timezone(&tz).to_rfc3339()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("14d"), Ok(14 * 86_400));
        assert_eq!(parse_duration("30m"), Ok(1800));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("3y").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("99999999999999999d").is_err());
    }

    fn opts(order: StepOrder) -> FunnelOptions {
        FunnelOptions {
            period: "2026-10".parse().unwrap(),
            steps: vec!["a".into(), "b".into(), "c".into()],
            window_seconds: 100,
            order,
            per: Per::Person,
            exclude: vec![],
            cart_window_seconds: 86_400,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        }
    }

    const S: i64 = 1_000_000;
    const OTHER: u16 = u16::MAX;
    const EXCLUDED: u16 = u16::MAX - 1;

    /// Events from (time, step index | OTHER | EXCLUDED).
    fn evs(list: &[(i64, u16)]) -> Vec<Ev> {
        list.iter()
            .map(|&(t, c)| Ev {
                t,
                steps: if c < 32 { 1 << c } else { 0 },
                excluded: c == EXCLUDED,
                add_to_cart: false,
                purchase: false,
            })
            .collect()
    }

    #[test]
    fn ordered_strict_and_any() {
        // a, x, b, c (x is another event).
        let ev = evs(&[(0, 0), (10 * S, OTHER), (20 * S, 1), (30 * S, 2)]);
        let entry = (0, i64::MAX);
        let best = |o: StepOrder| {
            best_attempt(&ev, &opts(o), entry, i64::MAX)
                .unwrap()
                .times
                .len()
        };
        assert_eq!(best(StepOrder::Ordered), 3);
        assert_eq!(best(StepOrder::Strict), 1, "x breaks a strict run");
        // c, a, b in any order.
        let ev2 = evs(&[(0, 2), (5 * S, 0), (6 * S, 1)]);
        let any = best_attempt(&ev2, &opts(StepOrder::Any), entry, i64::MAX).unwrap();
        assert_eq!(any.times.len(), 3);
        let ordered = best_attempt(&ev2, &opts(StepOrder::Ordered), entry, i64::MAX).unwrap();
        assert_eq!(ordered.times.len(), 2);
    }

    #[test]
    fn window_and_later_entries() {
        // First entry times out before b; a later entry converts.
        let ev = evs(&[(0, 0), (150 * S, 0), (160 * S, 1), (170 * S, 2)]);
        let best = best_attempt(&ev, &opts(StepOrder::Ordered), (0, i64::MAX), i64::MAX).unwrap();
        assert_eq!(best.times, vec![150 * S, 160 * S, 170 * S]);
        // Only the first entry is inside the period: it reaches step 1.
        let best = best_attempt(&ev, &opts(StepOrder::Ordered), (0, 100 * S), i64::MAX).unwrap();
        assert_eq!(best.times.len(), 1);
    }

    #[test]
    fn exclusion_between_steps_removes_the_attempt() {
        let ev = evs(&[(0, 0), (5 * S, EXCLUDED), (10 * S, 1)]);
        let best = best_attempt(&ev, &opts(StepOrder::Ordered), (0, i64::MAX), i64::MAX).unwrap();
        assert!(best.times.is_empty());
    }

    #[test]
    fn step_conditions_parse_and_match() {
        let s = StepSpec::parse("page_view[page=/checkout]").unwrap();
        let cols = |page: Option<&'static str>| {
            let mut v = vec![None; STEP_COLUMNS.len()];
            v[0] = page;
            v
        };
        assert!(s.matches("page_view", &cols(Some("/checkout"))));
        assert!(!s.matches("page_view", &cols(Some("/cart"))));
        assert!(!s.matches("page_view", &cols(None)));
        assert!(!s.matches("purchase", &cols(Some("/checkout"))));
        let p = StepSpec::parse("page_view[page^=/blog/]").unwrap();
        assert!(p.matches("page_view", &cols(Some("/blog/a"))));
        let c = StepSpec::parse("page_view[page*=sale]").unwrap();
        assert!(c.matches("page_view", &cols(Some("/autumn-sale"))));
        let n = StepSpec::parse("page_view[page!=/]").unwrap();
        assert!(n.matches("page_view", &cols(None)) && !n.matches("page_view", &cols(Some("/"))));
        let u = StepSpec::parse("purchase[utm_campaign=autumn]").unwrap();
        assert_eq!(u.condition.as_ref().map(|c| c.0), Some(4));
        for bad in [
            "page_view[",
            "page_view[page]",
            "page_view[price=3]",
            "[page=/]",
            "page_view[page=]",
        ] {
            let err = StepSpec::parse(bad).unwrap_err().to_string();
            assert!(err.contains("EVENT[COLUMN=VALUE]"), "{bad}: {err}");
        }
    }

    #[test]
    fn one_event_matching_two_steps_is_used_for_one() {
        // Steps: page_view, page_view[page=/checkout]. One checkout view
        // is a page view but cannot be both steps of one attempt.
        let both = |t| Ev {
            t,
            steps: 0b11,
            excluded: false,
            add_to_cart: false,
            purchase: false,
        };
        let mut o = opts(StepOrder::Ordered);
        o.steps.truncate(2);
        let one = vec![both(0)];
        assert_eq!(
            best_attempt(&one, &o, (0, i64::MAX), i64::MAX)
                .unwrap()
                .times
                .len(),
            1
        );
        let two = vec![both(0), both(5 * S)];
        assert_eq!(
            best_attempt(&two, &o, (0, i64::MAX), i64::MAX)
                .unwrap()
                .times
                .len(),
            2
        );
        o.order = StepOrder::Any;
        assert_eq!(
            best_attempt(&two, &o, (0, i64::MAX), i64::MAX)
                .unwrap()
                .times
                .len(),
            2
        );
    }
}
