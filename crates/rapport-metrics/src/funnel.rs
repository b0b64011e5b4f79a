//! Funnels (METRICS.md, "Funnel"): how many units (people or sessions) go
//! through a list of steps, in order, within a conversion window; and cart
//! abandonment.
//!
//! Web events of the period are read once, sorted by unit and time, and
//! walked per unit. A unit enters with a step-1 event inside the period;
//! every such entry is tried and the one reaching the furthest step counts
//! (so an early abandoned visit does not hide a later conversion).

use std::collections::HashMap;

use datafusion::arrow::array::{Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::Serialize;

use crate::period::Period;
use crate::sql::ts;
use crate::{Error, PeriodRange, Result};

/// What a funnel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// A customer id, else an anonymous id.
    Person,
    /// A session (the session id, else sessions derived per person with the
    /// workspace's timeout).
    Session,
}

/// How steps must follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// Event types, in order; at least two.
    pub steps: Vec<String>,
    /// Conversion window from the first step, in seconds.
    pub window_seconds: i64,
    pub order: StepOrder,
    pub per: Per,
    /// Event types that remove a unit when done between two of its steps.
    pub exclude: Vec<String>,
    /// Cart abandonment window, in seconds (METRICS.md default: 1 day).
    pub cart_window_seconds: i64,
}

/// One step's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// Cart abandonment: 1 − purchases / add-to-cart (METRICS.md, "Funnel").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CartAbandonment {
    pub added_to_cart: u64,
    pub purchased: u64,
    /// Units whose cart window has not closed yet (left out of the rate).
    pub in_progress: u64,
    pub rate: Option<f64>,
}

/// Everything `rapport funnel` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// One unit's events: (time in µs, event type index or `OTHER`).
type Events = Vec<(i64, u16)>;

const OTHER: u16 = u16::MAX;

/// The best attempt of one unit: steps reached and the time of each.
#[derive(Debug, Clone, Default)]
struct Attempt {
    times: Vec<i64>,
    window_open: bool,
}

/// Ordered and strict funnels from one entry at `events[i]`.
fn attempt_ordered(
    events: &[(i64, u16)],
    i: usize,
    n_steps: usize,
    window: i64,
    strict: bool,
    excluded: &[u16],
) -> Option<Vec<i64>> {
    let start = events[i].0;
    let mut times = vec![start];
    let mut j = i + 1;
    // An excluded event counts only when a later step follows it: then it
    // was done between two steps.
    let mut spoiled = false;
    while times.len() < n_steps && j < events.len() {
        let (t, e) = events[j];
        if t > start + window {
            break;
        }
        if excluded.contains(&e) {
            spoiled = true;
        } else if e == times.len() as u16 {
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
fn attempt_any(
    events: &[(i64, u16)],
    i: usize,
    n_steps: usize,
    window: i64,
    excluded: &[u16],
) -> Option<Vec<i64>> {
    let start = events[i].0;
    let mut seen = vec![false; n_steps];
    seen[events[i].1 as usize] = true;
    let mut times = vec![start];
    let mut spoiled = false;
    for &(t, e) in &events[i + 1..] {
        if t > start + window || times.len() == n_steps {
            break;
        }
        if excluded.contains(&e) {
            spoiled = true;
        } else if (e as usize) < n_steps && !seen[e as usize] {
            if spoiled {
                return None;
            }
            seen[e as usize] = true;
            times.push(t);
        }
    }
    Some(times)
}

fn best_attempt(
    events: &[(i64, u16)],
    o: &FunnelOptions,
    entry: (i64, i64),
    data_end: i64,
    excluded: &[u16],
) -> Option<Attempt> {
    let n = o.steps.len();
    let window = o.window_seconds * 1_000_000;
    let mut best: Option<Attempt> = None;
    let mut had_entry = false;
    for (i, &(t, e)) in events.iter().enumerate() {
        if t < entry.0 || t >= entry.1 {
            continue;
        }
        let is_entry = match o.order {
            StepOrder::Any => (e as usize) < n,
            _ => e == 0,
        };
        if !is_entry {
            continue;
        }
        had_entry = true;
        let times = match o.order {
            StepOrder::Any => attempt_any(events, i, n, window, excluded),
            StepOrder::Ordered => attempt_ordered(events, i, n, window, false, excluded),
            StepOrder::Strict => attempt_ordered(events, i, n, window, true, excluded),
        };
        let Some(times) = times else { continue };
        let better = best.as_ref().is_none_or(|b| times.len() > b.times.len());
        if better {
            best = Some(Attempt {
                window_open: t + window > data_end,
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
    for (i, s) in o.steps.iter().enumerate() {
        if o.steps[..i].contains(s) {
            return Err(Error::Invalid(format!("step `{s}` appears twice")));
        }
        if o.exclude.contains(s) {
            return Err(Error::Invalid(format!("`{s}` is both a step and excluded")));
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
                CAST(ts AS BIGINT) AS t, event_type
         FROM web_events
         WHERE ts >= {lo} AND ts < {hi} AND COALESCE(customer_id, anonymous_id, session_id) IS NOT NULL
         ORDER BY person, t",
        lo = ts(start - chrono::Duration::hours(24)),
        hi = ts(until),
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
    let mut codes: HashMap<String, u16> = HashMap::new();
    for (i, s) in o.steps.iter().enumerate() {
        codes.insert(s.clone(), i as u16);
    }
    let n = o.steps.len() as u16;
    for (i, s) in o.exclude.iter().enumerate() {
        codes.insert(s.clone(), n + i as u16);
    }
    let cart = ["add_to_cart", "purchase"].map(|e| codes.get(e).copied());
    let add_code = cart[0].unwrap_or(OTHER - 2);
    let buy_code = cart[1].unwrap_or(OTHER - 1);
    let excluded: Vec<u16> = (0..o.exclude.len()).map(|i| n + i as u16).collect();
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
        let t = batch
            .column(2)
            .as_any()
            .downcast_ref::<Int64Array>()
            .ok_or_else(|| Error::Internal("time column".into()))?;
        for r in 0..batch.num_rows() {
            let time = t.value(r);
            let e = kind.value(r);
            let code = match codes.get(e) {
                Some(c) => *c,
                None if e == "add_to_cart" => add_code,
                None if e == "purchase" => buy_code,
                None => OTHER,
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
            if code == OTHER && o.order != StepOrder::Strict {
                continue;
            }
            units.entry(unit).or_default().push((time, code));
        }
    }
    let entry = (start.timestamp_micros(), end.timestamp_micros());
    let data_end_us = data_end.unwrap_or(i64::MIN);
    let steps_n = o.steps.len();
    let mut reached = vec![0u64; steps_n];
    let mut open_at = vec![0u64; steps_n];
    let mut gaps: Vec<Vec<f64>> = vec![Vec::new(); steps_n];
    let mut excluded_units = 0;
    let (mut added, mut bought, mut cart_open) = (0u64, 0u64, 0u64);
    let cart_window = o.cart_window_seconds * 1_000_000;
    for events in units.values_mut() {
        events.sort_unstable();
        // Cart abandonment: the first add-to-cart in the period.
        if let Some(&(t, _)) = events
            .iter()
            .find(|(t, e)| *e == add_code && *t >= entry.0 && *t < entry.1)
        {
            if events
                .iter()
                .any(|(u, e)| *e == buy_code && *u >= t && *u <= t + cart_window)
            {
                added += 1;
                bought += 1;
            } else if t + cart_window > data_end_us {
                cart_open += 1;
            } else {
                added += 1;
            }
        }
        let Some(best) = best_attempt(events, o, entry, data_end_us, &excluded) else {
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
    let has_cart = added + cart_open > 0;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    Ok(FunnelReport {
        client: client.to_owned(),
        period: PeriodRange::of(&o.period, today),
        per: o.per,
        order: o.order,
        window_seconds: o.window_seconds,
        exclude: o.exclude.clone(),
        steps,
        excluded_units,
        cart_abandonment: has_cart.then(|| CartAbandonment {
            added_to_cart: added,
            purchased: bought,
            in_progress: cart_open,
            rate: (added > 0).then(|| 100.0 * (1.0 - bought as f64 / added as f64)),
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
        }
    }

    const S: i64 = 1_000_000;

    #[test]
    fn ordered_strict_and_any() {
        // a, x, b, c (x is another event).
        let ev = vec![(0, 0), (10 * S, OTHER), (20 * S, 1), (30 * S, 2)];
        let entry = (0, i64::MAX);
        let best = |o: StepOrder| {
            best_attempt(&ev, &opts(o), entry, i64::MAX, &[])
                .unwrap()
                .times
                .len()
        };
        assert_eq!(best(StepOrder::Ordered), 3);
        assert_eq!(best(StepOrder::Strict), 1, "x breaks a strict run");
        // c, a, b in any order.
        let ev2 = vec![(0, 2), (5 * S, 0), (6 * S, 1)];
        let any = best_attempt(&ev2, &opts(StepOrder::Any), entry, i64::MAX, &[]).unwrap();
        assert_eq!(any.times.len(), 3);
        let ordered = best_attempt(&ev2, &opts(StepOrder::Ordered), entry, i64::MAX, &[]).unwrap();
        assert_eq!(ordered.times.len(), 2);
    }

    #[test]
    fn window_and_later_entries() {
        // First entry times out before b; a later entry converts.
        let ev = vec![(0, 0), (150 * S, 0), (160 * S, 1), (170 * S, 2)];
        let best =
            best_attempt(&ev, &opts(StepOrder::Ordered), (0, i64::MAX), i64::MAX, &[]).unwrap();
        assert_eq!(best.times, vec![150 * S, 160 * S, 170 * S]);
        // Only the first entry is inside the period: it reaches step 1.
        let best =
            best_attempt(&ev, &opts(StepOrder::Ordered), (0, 100 * S), i64::MAX, &[]).unwrap();
        assert_eq!(best.times.len(), 1);
    }

    #[test]
    fn exclusion_between_steps_removes_the_attempt() {
        let ev = vec![(0, 0), (5 * S, 3), (10 * S, 1)];
        let best = best_attempt(
            &ev,
            &opts(StepOrder::Ordered),
            (0, i64::MAX),
            i64::MAX,
            &[3],
        )
        .unwrap();
        assert!(best.times.is_empty());
    }
}
