//! "Buy 'til you die" purchase models for non-contractual customers
//! (MODELS.md, "BG/NBD", "MBG/NBD", "Pareto/NBD").
//!
//! Each customer is summarised by a [`History`] `(x, t_x, T)` over the
//! calibration window. Customers with the same triple are grouped with a
//! weight before fitting, so a likelihood costs one term per distinct triple
//! (DESIGN.md, "Performance by design").

use crate::optimize::{
    Objective, SUBSAMPLE_FROM, SUBSAMPLE_SIZE, SecondOrder, in_log_space, minimize, minimize_large,
    numeric_gradient,
};
use crate::parallel::sum_over_ranges;
use crate::special::{digamma, lgamma, ln_hyp2f1, log_add_exp, trigamma};
use crate::{Error, Result};

/// One customer's purchases in the calibration window, in one time unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    /// Repeat transactions (the first purchase is not counted).
    pub x: f64,
    /// Time of the last repeat purchase after the first one (0 when `x = 0`).
    pub t_x: f64,
    /// Age: time from the first purchase to the end of the window.
    pub t: f64,
}

impl History {
    /// Checks the triple: `x` a non-negative whole number, `0 ≤ t_x ≤ T`,
    /// `T > 0`, and `t_x = 0` exactly when `x = 0`.
    pub fn check(&self) -> std::result::Result<(), String> {
        let History { x, t_x, t } = *self;
        if !(x.is_finite() && t_x.is_finite() && t.is_finite()) {
            return Err(format!("not finite: x = {x}, t_x = {t_x}, T = {t}"));
        }
        if x < 0.0 || x.fract() != 0.0 {
            return Err(format!("x = {x} is not a count of repeat transactions"));
        }
        if t <= 0.0 {
            return Err(format!("T = {t} must be positive"));
        }
        if t_x < 0.0 || t_x > t {
            return Err(format!("t_x = {t_x} must lie in [0, T = {t}]"));
        }
        if (x == 0.0) != (t_x == 0.0) {
            return Err(format!(
                "t_x = {t_x} with x = {x}: t_x is 0 exactly when there is no repeat purchase"
            ));
        }
        Ok(())
    }
}

/// Which purchase model to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurchaseModelKind {
    /// BG/NBD (Fader, Hardie & Lee 2005).
    BgNbd,
    /// MBG/NBD (Batislam et al. 2007): drop-out also possible right after the first purchase.
    MbgNbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    ParetoNbd,
}

impl PurchaseModelKind {
    /// The model's id in outputs (`bg_nbd`, `mbg_nbd`, `pareto_nbd`).
    pub fn id(self) -> &'static str {
        match self {
            PurchaseModelKind::BgNbd => "bg_nbd",
            PurchaseModelKind::MbgNbd => "mbg_nbd",
            PurchaseModelKind::ParetoNbd => "pareto_nbd",
        }
    }
}

/// Parameters of BG/NBD and MBG/NBD: purchase rate ~ Gamma(r, α), drop-out
/// probability ~ Beta(a, b).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// Parameters of Pareto/NBD: purchase rate ~ Gamma(r, α), drop-out rate ~ Gamma(s, β).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParetoNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

/// A purchase model with its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PurchaseModel {
    BgNbd(BgNbdParams),
    MbgNbd(BgNbdParams),
    ParetoNbd(ParetoNbdParams),
}

/// The result of [`PurchaseModel::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseFit {
    pub model: PurchaseModel,
    /// Total log-likelihood over all customers (up to the constant terms
    /// every implementation drops, as `lifetimes` does).
    pub log_likelihood: f64,
    pub n_customers: usize,
    pub iterations: u64,
}

/// Customers grouped by identical `(x, t_x, T)`, in runs sorted by `x`. The times
/// are also kept as indices into their distinct values, so an evaluation
/// takes `ln(α + v)` once per distinct time, not twice per group: with
/// times in whole days a million customers have only a few hundred.
#[derive(Debug, Default)]
struct Grouped {
    x: Vec<f64>,
    t_x: Vec<f64>,
    t: Vec<f64>,
    w: Vec<f64>,
    total: f64,
    /// Values of t_x and T, ascending: the distinct ones, or every whole
    /// number up to the largest when small whole numbers index directly.
    times: Vec<f64>,
    t_x_at: Vec<u32>,
    t_at: Vec<u32>,
    /// Values of x (distinct, or every whole number up to the largest as for
    /// `times`); each group's index into them, so the special functions of
    /// x are evaluated once per value whatever the order of the groups.
    x_values: Vec<f64>,
    x_at: Vec<u32>,
}

/// Histories at or above which grouping sorts in parallel.
const PARALLEL_HISTORIES: usize = 100_000;

fn group(histories: &[History]) -> Grouped {
    // Whole-number times (days, as exports give them) have a linear-time
    // path; anything else (weeks, fractions) sorts the triples.
    // One pass finds whether they are, the largest x, and how many
    // customers have each T. The counting tables are indexed by value, so
    // only values small next to the data qualify.
    let table_limit = (4 * histories.len() + 1024) as f64;
    let mut largest_x = 0.0f64;
    let mut per_t: Vec<usize> = Vec::new();
    let packable = histories.iter().all(|h| {
        let whole = h.x < PACK_X
            && h.t_x < PACK_T
            && h.t < PACK_T
            && h.x <= table_limit
            && h.t <= table_limit
            && h.x.fract() == 0.0
            && h.t_x.fract() == 0.0
            && h.t.fract() == 0.0;
        if whole {
            largest_x = largest_x.max(h.x);
            let t = h.t as usize;
            if t >= per_t.len() {
                per_t.resize(t + 1, 0);
            }
            per_t[t] += 1;
        }
        whole
    });
    let largest_t = per_t.len().saturating_sub(1) as f64;
    // Small whole numbers index their tables directly (every integer up to
    // the largest, even absent ones, costs a few special functions per
    // evaluation), which saves two passes of re-indexing.
    let direct = packable && largest_x <= DIRECT_LIMIT && largest_t <= DIRECT_LIMIT;
    let mut g = if packable {
        group_whole(histories, per_t, direct.then_some(largest_x as usize))
    } else {
        collapse(sorted_keys(histories))
    };
    if direct {
        return g;
    }
    // Any other values: the distinct ones, sorted, and each group's index.
    let mut x_values = g.x.clone();
    x_values.sort_unstable_by(f64::total_cmp);
    x_values.dedup();
    g.x_at =
        g.x.iter()
            .map(|v| x_values.partition_point(|u| u < v) as u32)
            .collect();
    g.x_values = x_values;
    let mut times: Vec<f64> = g.t_x.iter().chain(&g.t).copied().collect();
    times.sort_unstable_by(f64::total_cmp);
    times.dedup();
    let at = |v: &f64| times.partition_point(|u| u < v) as u32;
    g.t_x_at = g.t_x.iter().map(at).collect();
    g.t_at = g.t.iter().map(at).collect();
    g.times = times;
    g
}

/// [`group`] for whole-number times: customers are counted into runs by T
/// and each run is sorted by (x, t_x) — small sorts that stay in cache.
/// Linear in the customers, apart from the small sorts; the groups come
/// out by T, which the likelihood does not mind (it tables what depends on
/// x).
/// Largest x and T whose tables are indexed by the values themselves.
const DIRECT_LIMIT: f64 = 100_000.0;

fn group_whole(histories: &[History], per_t: Vec<usize>, direct_x: Option<usize>) -> Grouped {
    let n = histories.len();
    if per_t.is_empty() {
        return Grouped::default();
    }
    let largest_t = per_t.len() - 1;
    // start[t] = customers with a smaller T.
    let mut start = vec![0usize; per_t.len() + 1];
    for (t, count) in per_t.into_iter().enumerate() {
        start[t + 1] = start[t] + count;
    }
    // The T range is split into one part per core, with about as many
    // customers each; every part scatters its customers' (x, t_x) keys
    // into runs by T, sorts the runs and collapses them into groups.
    let threads = if n >= PARALLEL_HISTORIES {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(8)
    } else {
        1
    };
    let mut bounds: Vec<usize> = (0..threads)
        .map(|k| {
            start
                .partition_point(|&s| s < n * k / threads)
                .saturating_sub(1)
        })
        .collect();
    bounds[0] = 0;
    bounds.push(largest_t + 1);
    bounds.dedup();
    let part = |lo: usize, hi: usize| -> Vec<(u64, u32, u32)> {
        let base = start[lo];
        let mut keys = vec![0u64; start[hi] - base];
        let mut next: Vec<usize> = start[lo..hi].iter().map(|s| s - base).collect();
        for h in histories {
            let t = h.t as usize;
            if (lo..hi).contains(&t) {
                let slot = &mut next[t - lo];
                keys[*slot] = ((h.x as u64) << 22) | h.t_x as u64;
                *slot += 1;
            }
        }
        // (key, T, weight) per group, in T order; room for the worst case
        // up front (pages never written are never mapped), as growing by
        // doubling would copy it and fault in fresh pages each time.
        let mut groups = Vec::with_capacity(keys.len());
        for t in lo..hi {
            let run = &mut keys[start[t] - base..start[t + 1] - base];
            run.sort_unstable();
            let mut rest: &[u64] = run;
            while let Some(&first) = rest.first() {
                let same = rest.iter().position(|k| *k != first).unwrap_or(rest.len());
                groups.push((first, t as u32, same as u32));
                rest = &rest[same..];
            }
        }
        groups
    };
    let parts: Vec<Vec<(u64, u32, u32)>> = if bounds.len() <= 2 {
        vec![part(0, largest_t + 1)]
    } else {
        let part = &part;
        std::thread::scope(|scope| {
            let handles: Vec<_> = bounds
                .windows(2)
                .map(|w| {
                    let (lo, hi) = (w[0], w[1]);
                    scope.spawn(move || part(lo, hi))
                })
                .collect();
            // A worker only moves numbers around; should one fail, the
            // groups would be incomplete, so fall back to one thread.
            let parts: Option<Vec<_>> = handles.into_iter().map(|h| h.join().ok()).collect();
            parts.unwrap_or_else(|| vec![part(0, largest_t + 1)])
        })
    };
    // The parts in order, without copying them into one vector; each
    // column is allocated at its final size (a flattened iterator does not
    // know its length).
    let groups: usize = parts.iter().map(Vec::len).sum();
    fn column<T>(
        groups: usize,
        parts: &[Vec<(u64, u32, u32)>],
        f: impl Fn(&(u64, u32, u32)) -> T,
    ) -> Vec<T> {
        let mut v = Vec::with_capacity(groups);
        v.extend(parts.iter().flatten().map(f));
        v
    }

    let mask = (1u64 << 22) - 1;
    let mut g = Grouped {
        x: column(groups, &parts, |g| (g.0 >> 22) as f64),
        t_x: column(groups, &parts, |g| (g.0 & mask) as f64),
        t: column(groups, &parts, |g| f64::from(g.1)),
        w: column(groups, &parts, |g| f64::from(g.2)),
        total: n as f64,
        ..Grouped::default()
    };
    if let Some(largest_x) = direct_x {
        // Value i sits at index i.
        g.x_values = (0..=largest_x).map(|v| v as f64).collect();
        g.times = (0..=largest_t).map(|v| v as f64).collect();
        g.x_at = column(groups, &parts, |g| (g.0 >> 22) as u32);
        g.t_x_at = column(groups, &parts, |g| (g.0 & mask) as u32);
        g.t_at = column(groups, &parts, |g| g.1);
    }
    g
}

/// A history's triple as bit patterns, which order like the values
/// (they are non-negative) and compare exactly.
type TripleKey = (u64, u64, u64);

/// Runs of equal keys (adjacent within each sorted bucket) as weighted
/// groups.
fn collapse(buckets: Vec<Vec<TripleKey>>) -> Grouped {
    let mut g = Grouped::default();
    for bucket in buckets {
        let mut rest = bucket.as_slice();
        while let Some(&first) = rest.first() {
            let run = rest.iter().position(|k| *k != first).unwrap_or(rest.len());
            g.x.push(f64::from_bits(first.0));
            g.t_x.push(f64::from_bits(first.1));
            g.t.push(f64::from_bits(first.2));
            g.w.push(run as f64);
            g.total += run as f64;
            rest = &rest[run..];
        }
    }
    g
}

/// Bounds under which whole-number triples take the counting path (x and
/// t_x share one u64 key: 20 and 22 bits; T up to 11,000 years of days).
const PACK_X: f64 = (1u64 << 20) as f64;
const PACK_T: f64 = (1u64 << 22) as f64;

/// The histories' keys, sorted, in buckets that each hold every copy of
/// their keys: buckets are chosen by a hash of the whole key, then each is
/// sorted on its own thread.
fn sorted_keys(histories: &[History]) -> Vec<Vec<TripleKey>> {
    let key = |h: &History| (h.x.to_bits(), h.t_x.to_bits(), h.t.to_bits());
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if histories.len() < PARALLEL_HISTORIES || threads < 2 {
        let mut keys: Vec<TripleKey> = histories.iter().map(key).collect();
        keys.sort_unstable();
        return vec![keys];
    }
    // Each bucket is allocated for its share up front (`vec![v; n]` would
    // clone away the capacity).
    let share = histories.len() / threads + histories.len() / (8 * threads) + 16;
    let mut buckets: Vec<Vec<TripleKey>> =
        (0..threads).map(|_| Vec::with_capacity(share)).collect();
    for h in histories {
        let k = key(h);
        let spread =
            (k.0 ^ k.1.rotate_left(21) ^ k.2.rotate_left(42)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        buckets[(spread >> 32) as usize % threads].push(k);
    }
    std::thread::scope(|scope| {
        for b in &mut buckets {
            scope.spawn(move || b.sort_unstable());
        }
    });
    buckets
}

impl Grouped {
    /// Every `step`-th group with its weight: a systematic sample of the
    /// customers whose fit lands near the full fit at a fraction of its cost.
    fn subsample(&self, step: usize) -> Grouped {
        let step = step.max(1);
        let pick = |v: &[f64]| v.iter().step_by(step).copied().collect::<Vec<f64>>();
        let pick_at = |v: &[u32]| v.iter().step_by(step).copied().collect::<Vec<u32>>();
        let w = pick(&self.w);
        Grouped {
            x: pick(&self.x),
            t_x: pick(&self.t_x),
            t: pick(&self.t),
            total: w.iter().sum(),
            w,
            times: self.times.clone(),
            t_x_at: pick_at(&self.t_x_at),
            t_at: pick_at(&self.t_at),
            x_values: self.x_values.clone(),
            x_at: pick_at(&self.x_at),
        }
    }
}

/// Fits the BG family with [`minimize_large`]: on many groups, from a
/// systematic subsample's fit.
fn fit_bg_family(
    model: &'static str,
    objective: &BgFamilyObjective<'_>,
    start: Vec<f64>,
) -> Result<crate::optimize::Optimum> {
    let groups = objective.data.x.len();
    let sample =
        (groups >= SUBSAMPLE_FROM).then(|| objective.data.subsample(groups / SUBSAMPLE_SIZE));
    let near = sample.as_ref().map(|data| BgFamilyObjective {
        data,
        shift: objective.shift,
    });
    minimize_large(model, objective, near.as_ref(), start)
}

fn check_histories(model: &'static str, histories: &[History]) -> Result<()> {
    if histories.is_empty() {
        return Err(Error::BadInput {
            model,
            detail: "no customers to fit".to_owned(),
        });
    }
    // The first bad customer, found by the cores together.
    let first_bad = sum_over_ranges(
        histories.len(),
        PARALLEL_HISTORIES,
        |range| range.into_iter().find(|&i| histories[i].check().is_err()),
        |a, b| a.or(b),
        || Some(0),
    );
    if let Some(i) = first_bad
        && let Err(detail) = histories[i].check()
    {
        return Err(Error::BadInput {
            model,
            detail: format!("customer {i}: {detail}"),
        });
    }
    if histories.len() < MIN_CUSTOMERS {
        return Err(Error::Degenerate {
            model,
            detail: format!(
                "{} customer(s); a purchase model needs at least {MIN_CUSTOMERS} to say anything about a population",
                histories.len()
            ),
        });
    }
    if histories.iter().all(|h| h.x == 0.0) {
        return Err(Error::Degenerate {
            model,
            detail: format!(
                "none of the {} customers made a repeat purchase, so nothing shows how often customers buy or when they stop",
                histories.len()
            ),
        });
    }
    Ok(())
}

/// Fewer customers than this cannot identify four parameters.
pub const MIN_CUSTOMERS: usize = 10;

/// Log-parameters beyond ±this mean the maximum is at infinity: the data do
/// not identify the parameter.
const LOG_PARAM_LIMIT: f64 = 15.0;

fn check_identified(model: &'static str, names: &[&str], log_params: &[f64]) -> Result<()> {
    for (name, lp) in names.iter().zip(log_params) {
        if lp.abs() > LOG_PARAM_LIMIT {
            return Err(Error::Degenerate {
                model,
                detail: format!(
                    "the likelihood keeps rising as {name} runs to {:.3e}, so the data do not pin it down: {}",
                    lp.exp(),
                    match *name {
                        "r" | "alpha" =>
                            "customers buy at so nearly the same rate (as with regular appointments) that the spread of rates across customers cannot be estimated",
                        _ =>
                            "the data show too little of customers stopping to estimate how and when they drop out",
                    }
                ),
            });
        }
    }
    Ok(())
}

/// A fit that stopped because a parameter ran off towards the edge of the
/// search region is a [`Error::Degenerate`] naming that parameter.
fn explain_runaway(
    model: &'static str,
    names: &[&str],
    result: Result<crate::optimize::Optimum>,
) -> Result<crate::optimize::Optimum> {
    if let Err(Error::NotConverged { at, .. }) = &result {
        check_identified(model, names, at)?;
    }
    result
}

/// The mean BG/NBD (k = 0) or MBG/NBD (k = 1) negative log-likelihood over
/// log-parameters, with its analytic gradient.
struct BgFamilyObjective<'a> {
    data: &'a Grouped,
    shift: f64,
}

/// Groups at or above which an evaluation is split across threads.
const PARALLEL_GROUPS: usize = 20_000;

/// Sums of a log-likelihood over groups: value, gradient in (r, α, a, b)
/// and, when asked for, the Hessian (row-major 4 × 4).
#[derive(Clone, Copy)]
struct Sums {
    ll: f64,
    g: [f64; 4],
    h: [f64; 16],
}

impl Sums {
    const ZERO: Sums = Sums {
        ll: 0.0,
        g: [0.0; 4],
        h: [0.0; 16],
    };

    fn add(mut self, o: &Sums) -> Sums {
        self.ll += o.ll;
        for (a, b) in self.g.iter_mut().zip(&o.g) {
            *a += b;
        }
        for (a, b) in self.h.iter_mut().zip(&o.h) {
            *a += b;
        }
        self
    }
}

impl BgFamilyObjective<'_> {
    /// Total log-likelihood, its gradient and (with `HESSIAN`) its Hessian
    /// in (r, α, a, b).
    fn log_likelihood<const HESSIAN: bool>(&self, p: BgNbdParams) -> Sums {
        let BgNbdParams { r, alpha, a, b } = p;
        let d = self.data;
        let ln_times: Vec<f64> = d.times.iter().map(|v| (alpha + v).ln()).collect();
        let inv_times: Vec<f64> = d.times.iter().map(|v| 1.0 / (alpha + v)).collect();
        let tables = (ln_times.as_slice(), inv_times.as_slice());
        let x_table = self.x_table::<HESSIAN>(p);
        let mut s = sum_over_ranges(
            d.x.len(),
            PARALLEL_GROUPS,
            |range| self.partial::<HESSIAN>(p, range, tables, &x_table),
            |a, b| a.add(&b),
            || Sums {
                ll: f64::NAN,
                ..Sums::ZERO
            },
        );
        let (ln_alpha, dg_r, dg_ab, dg_b) = (alpha.ln(), digamma(r), digamma(a + b), digamma(b));
        let constant = -lgamma(r) + r * ln_alpha + lgamma(a + b) - lgamma(b);
        let n = d.total;
        s.ll += n * constant;
        s.g[0] += n * (-dg_r + ln_alpha);
        s.g[1] += n * r / alpha;
        s.g[2] += n * dg_ab;
        s.g[3] += n * (dg_ab - dg_b);
        if HESSIAN {
            let tg_ab = trigamma(a + b);
            s.h[0] -= n * trigamma(r);
            s.h[1] += n / alpha;
            s.h[5] -= n * r / (alpha * alpha);
            s.h[10] += n * tg_ab;
            s.h[11] += n * tg_ab;
            s.h[15] += n * (tg_ab - trigamma(b));
            // Only the upper triangle was summed.
            for i in 0..4 {
                for j in 0..i {
                    s.h[i * 4 + j] = s.h[j * 4 + i];
                }
            }
        }
        s
    }

    /// What depends on x alone, once per distinct x: ln Γ(r+x), ψ(r+x),
    /// ln Γ(b+x+k) − ln Γ(a+b+x+k), ψ(a+b+x+k), ψ(b+x+k), ln a − ln(b+x+k−1),
    /// 1/(b+x+k−1) (0 without a drop-out term), and with `HESSIAN` the
    /// trigammas ψ₁(r+x), ψ₁(a+b+x+k), ψ₁(b+x+k).
    fn x_table<const HESSIAN: bool>(&self, p: BgNbdParams) -> Vec<[f64; 10]> {
        let BgNbdParams { r, a, b, .. } = p;
        let k = self.shift;
        self.data
            .x_values
            .iter()
            .map(|&x| {
                let dropout = x > 0.0 || k > 0.0;
                let (tg_rx, tg_abxk, tg_bxk) = if HESSIAN {
                    (
                        trigamma(r + x),
                        trigamma(a + b + x + k),
                        trigamma(b + x + k),
                    )
                } else {
                    (0.0, 0.0, 0.0)
                };
                [
                    lgamma(r + x),
                    digamma(r + x),
                    lgamma(b + x + k) - lgamma(a + b + x + k),
                    digamma(a + b + x + k),
                    digamma(b + x + k),
                    if dropout {
                        a.ln() - (b + x + k - 1.0).ln()
                    } else {
                        0.0
                    },
                    if dropout {
                        1.0 / (b + x + k - 1.0)
                    } else {
                        0.0
                    },
                    tg_rx,
                    tg_abxk,
                    tg_bxk,
                ]
            })
            .collect()
    }

    /// The customer-dependent part of the log-likelihood, gradient and
    /// (upper-triangle) Hessian over `range` of the groups; `tables` hold
    /// ln(α + v) and 1/(α + v) for the distinct times v.
    ///
    /// Per group, ln L = ln Γ(r+x) + ln Γ(b+x+k) − ln Γ(a+b+x+k) + ln(e^A₃ + e^A₄)
    /// with A₃ = −(r+x) ln(α+T) and A₄ = ln a − ln(b+x+k−1) − (r+x) ln(α+t_x);
    /// the log-sum's Hessian is w₃∇²A₃ + w₄∇²A₄ + w₃w₄ (∇A₃ − ∇A₄)(∇A₃ − ∇A₄)ᵀ.
    fn partial<const HESSIAN: bool>(
        &self,
        p: BgNbdParams,
        range: std::ops::Range<usize>,
        (ln_times, inv_times): (&[f64], &[f64]),
        x_table: &[[f64; 10]],
    ) -> Sums {
        let BgNbdParams { r, a, .. } = p;
        let k = self.shift;
        let d = self.data;
        let mut s = Sums::ZERO;
        let inv_a = 1.0 / a;
        for i in range {
            let (x, w) = (d.x[i], d.w[i]);
            let (ti, txi) = (d.t_at[i] as usize, d.t_x_at[i] as usize);
            let [
                lg_rx,
                dg_rx,
                ln_a2,
                dg_abxk,
                dg_bxk,
                ln_c4,
                inv_b,
                tg_rx,
                tg_abxk,
                tg_bxk,
            ] = x_table[d.x_at[i] as usize];
            let has_dropout_term = x > 0.0 || k > 0.0;
            let (l_t, l_tx) = (ln_times[ti], ln_times[txi]);
            let a3 = -(r + x) * l_t;
            // ln(e^a3 + e^a4) and the weight e^a4 / (e^a3 + e^a4), with one
            // exponential and one ln1p.
            let (lse, w4) = if has_dropout_term {
                let a4 = ln_c4 - (r + x) * l_tx;
                let e = (-(a4 - a3).abs()).exp();
                if a4 >= a3 {
                    (a4 + e.ln_1p(), 1.0 / (1.0 + e))
                } else {
                    (a3 + e.ln_1p(), e / (1.0 + e))
                }
            } else {
                (a3, 0.0)
            };
            let w3 = 1.0 - w4;
            let (inv_t, inv_tx) = (inv_times[ti], inv_times[txi]);
            s.ll += w * (lg_rx + ln_a2 + lse);
            s.g[0] += w * (dg_rx - w3 * l_t - w4 * l_tx);
            s.g[1] += w * (-(r + x) * (w3 * inv_t + w4 * inv_tx));
            s.g[2] += w * (-dg_abxk + w4 * inv_a);
            s.g[3] += w * (dg_bxk - dg_abxk - w4 * inv_b);
            if HESSIAN {
                // ∇A₃ − ∇A₄ and the second derivatives of A₃ and A₄.
                let diff = [l_tx - l_t, (r + x) * (inv_tx - inv_t), -inv_a, inv_b];
                let ww = w * w3 * w4;
                let h = &mut s.h;
                h[0] += w * tg_rx + ww * diff[0] * diff[0];
                h[1] += -w * (w3 * inv_t + w4 * inv_tx) + ww * diff[0] * diff[1];
                h[2] += ww * diff[0] * diff[2];
                h[3] += ww * diff[0] * diff[3];
                h[5] += w * (r + x) * (w3 * inv_t * inv_t + w4 * inv_tx * inv_tx)
                    + ww * diff[1] * diff[1];
                h[6] += ww * diff[1] * diff[2];
                h[7] += ww * diff[1] * diff[3];
                h[10] += w * (-tg_abxk - w4 * inv_a * inv_a) + ww * diff[2] * diff[2];
                h[11] += -w * tg_abxk + ww * diff[2] * diff[3];
                h[15] += w * (tg_bxk - tg_abxk + w4 * inv_b * inv_b) + ww * diff[3] * diff[3];
            }
        }
        s
    }
}

fn bg_params(lp: &[f64]) -> BgNbdParams {
    BgNbdParams {
        r: lp[0].exp(),
        alpha: lp[1].exp(),
        a: lp[2].exp(),
        b: lp[3].exp(),
    }
}

impl Objective for BgFamilyObjective<'_> {
    fn eval(&self, lp: &[f64]) -> (f64, Vec<f64>) {
        let p = bg_params(lp);
        let s = self.log_likelihood::<false>(p);
        let (v, g, _) = in_log_space(s.ll, &s.g, &[], &[p.r, p.alpha, p.a, p.b], self.data.total);
        (v, g)
    }
}

impl SecondOrder for BgFamilyObjective<'_> {
    fn eval_second(&self, lp: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
        let p = bg_params(lp);
        let s = self.log_likelihood::<true>(p);
        in_log_space(s.ll, &s.g, &s.h, &[p.r, p.alpha, p.a, p.b], self.data.total)
    }
}

/// Pareto/NBD log-likelihood of one customer (Fader & Hardie 2005 note,
/// branch chosen by max(α, β)).
fn pareto_ll(p: ParetoNbdParams, h: &History) -> Result<f64> {
    let ParetoNbdParams { r, alpha, s, beta } = p;
    let History { x, t_x, t } = *h;
    let rsx = r + s + x;
    let head = lgamma(r + x) - lgamma(r) + r * alpha.ln() + s * beta.ln();
    let no_dropout = -(r + x) * (alpha + t).ln() - s * (beta + t).ln();
    // ln F(y) for y = t_x and y = T.
    let ln_f = |y: f64| -> Result<f64> {
        if alpha >= beta {
            let base = alpha + y;
            Ok(ln_hyp2f1(rsx, s + 1.0, rsx + 1.0, (alpha - beta) / base)? - rsx * base.ln())
        } else {
            let base = beta + y;
            Ok(ln_hyp2f1(rsx, r + x, rsx + 1.0, (beta - alpha) / base)? - rsx * base.ln())
        }
    };
    let (f1, f2) = (ln_f(t_x)?, ln_f(t)?);
    let ln_a0 = if f2 < f1 {
        f1 + (-(f2 - f1).exp_m1()).ln()
    } else {
        f64::NEG_INFINITY
    };
    Ok(head + log_add_exp(no_dropout, (s / rsx).ln() + ln_a0))
}

/// The mean Pareto/NBD negative log-likelihood; its gradient is by central
/// differences (checked against the analytic BG/NBD path in tests of the
/// optimiser), since the 2F1 derivatives in its parameters have no cheap form.
struct ParetoObjective<'a> {
    data: &'a Grouped,
}

impl ParetoObjective<'_> {
    fn mean_nll(&self, lp: &[f64]) -> f64 {
        let p = pareto_params(lp);
        let d = self.data;
        let mut ll = 0.0;
        for i in 0..d.x.len() {
            let h = History {
                x: d.x[i],
                t_x: d.t_x[i],
                t: d.t[i],
            };
            match pareto_ll(p, &h) {
                Ok(v) => ll += d.w[i] * v,
                Err(_) => return f64::NAN,
            }
        }
        -ll / d.total
    }
}

impl Objective for ParetoObjective<'_> {
    fn eval(&self, lp: &[f64]) -> (f64, Vec<f64>) {
        (
            self.mean_nll(lp),
            numeric_gradient(|p| self.mean_nll(p), lp),
        )
    }
}

fn pareto_params(lp: &[f64]) -> ParetoNbdParams {
    ParetoNbdParams {
        r: lp[0].exp(),
        alpha: lp[1].exp(),
        s: lp[2].exp(),
        beta: lp[3].exp(),
    }
}

impl PurchaseModel {
    /// Fits `kind` to the histories by maximum likelihood.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an invalid history (naming its index),
    /// [`Error::Degenerate`] when no customer repeats or a parameter runs
    /// to infinity, [`Error::NotConverged`] when the optimiser stops short.
    pub fn fit(kind: PurchaseModelKind, histories: &[History]) -> Result<PurchaseFit> {
        let model = kind.id();
        check_histories(model, histories)?;
        let data = group(histories);
        // Start at r = 1 with α = ΣT / Σx, the purchase rate's scale as if
        // nobody dropped out, so the first steps are already in the right
        // units whatever the time unit is.
        let total_t: f64 = histories.iter().map(|h| h.t).sum();
        let total_x: f64 = histories.iter().map(|h| h.x).sum();
        let start = vec![0.0, (total_t / total_x.max(1.0)).max(1e-3).ln(), 0.0, 0.0];
        let (optimum, names): (_, &[&str]) = match kind {
            PurchaseModelKind::BgNbd | PurchaseModelKind::MbgNbd => {
                let objective = BgFamilyObjective {
                    data: &data,
                    shift: if kind == PurchaseModelKind::BgNbd {
                        0.0
                    } else {
                        1.0
                    },
                };
                let names: &[&str] = &["r", "alpha", "a", "b"];
                (
                    explain_runaway(model, names, fit_bg_family(model, &objective, start))?,
                    names,
                )
            }
            PurchaseModelKind::ParetoNbd => {
                let objective = ParetoObjective { data: &data };
                let names: &[&str] = &["r", "alpha", "s", "beta"];
                (
                    explain_runaway(model, names, minimize(model, &objective, start))?,
                    names,
                )
            }
        };
        check_identified(model, names, &optimum.x)?;
        let fitted = match kind {
            PurchaseModelKind::BgNbd => PurchaseModel::BgNbd(bg_params(&optimum.x)),
            PurchaseModelKind::MbgNbd => PurchaseModel::MbgNbd(bg_params(&optimum.x)),
            PurchaseModelKind::ParetoNbd => PurchaseModel::ParetoNbd(pareto_params(&optimum.x)),
        };
        Ok(PurchaseFit {
            model: fitted,
            log_likelihood: -optimum.value * data.total,
            n_customers: histories.len(),
            iterations: optimum.iterations,
        })
    }

    /// Which model this is.
    pub fn kind(&self) -> PurchaseModelKind {
        match self {
            PurchaseModel::BgNbd(_) => PurchaseModelKind::BgNbd,
            PurchaseModel::MbgNbd(_) => PurchaseModelKind::MbgNbd,
            PurchaseModel::ParetoNbd(_) => PurchaseModelKind::ParetoNbd,
        }
    }

    /// Parameters by their MODELS.md names, in order.
    pub fn params(&self) -> Vec<(&'static str, f64)> {
        match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => {
                vec![("r", p.r), ("alpha", p.alpha), ("a", p.a), ("b", p.b)]
            }
            PurchaseModel::ParetoNbd(p) => {
                vec![("r", p.r), ("alpha", p.alpha), ("s", p.s), ("beta", p.beta)]
            }
        }
    }

    fn shift(&self) -> f64 {
        if matches!(self, PurchaseModel::MbgNbd(_)) {
            1.0
        } else {
            0.0
        }
    }

    /// Log-likelihood of one customer's history.
    ///
    /// # Errors
    /// Only for Pareto/NBD, when its 2F1 cannot be evaluated.
    pub fn log_likelihood(&self, h: &History) -> Result<f64> {
        match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => {
                let data = group(std::slice::from_ref(h));
                let objective = BgFamilyObjective {
                    data: &data,
                    shift: self.shift(),
                };
                Ok(objective.log_likelihood::<false>(*p).ll)
            }
            PurchaseModel::ParetoNbd(p) => pareto_ll(*p, h),
        }
    }

    /// ln of the odds "dropped out : alive" for the BG family (the second
    /// term of P(alive)'s denominator), or `None` when it is zero.
    fn bg_ln_dropout_odds(p: &BgNbdParams, k: f64, h: &History) -> Option<f64> {
        if h.x == 0.0 && k == 0.0 {
            return None;
        }
        Some(
            p.a.ln() - (p.b + h.x + k - 1.0).ln()
                + (p.r + h.x) * ((p.alpha + h.t).ln() - (p.alpha + h.t_x).ln()),
        )
    }

    /// P(alive | x, t_x, T): the probability the customer has not dropped
    /// out by the end of the window.
    ///
    /// # Errors
    /// Only for Pareto/NBD, when its 2F1 cannot be evaluated.
    pub fn p_alive(&self, h: &History) -> Result<f64> {
        match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => {
                Ok(match Self::bg_ln_dropout_odds(p, self.shift(), h) {
                    None => 1.0,
                    Some(l) => 1.0 / (1.0 + l.exp()),
                })
            }
            PurchaseModel::ParetoNbd(p) => {
                let ParetoNbdParams { r, alpha, s, beta } = *p;
                let no_dropout = lgamma(r + h.x) - lgamma(r) + r * alpha.ln() + s * beta.ln()
                    - (r + h.x) * (alpha + h.t).ln()
                    - s * (beta + h.t).ln();
                Ok((no_dropout - pareto_ll(*p, h)?).exp().min(1.0))
            }
        }
    }

    /// Expected transactions in `(T, T + t]` given the history (MODELS.md,
    /// "Expected transactions").
    ///
    /// # Errors
    /// [`Error::Numerical`] when 2F1 cannot be evaluated, or for BG-family
    /// parameters with `a` so close to 1 that the formula is 0/0.
    pub fn expected_transactions(&self, h: &History, t: f64) -> Result<f64> {
        if t <= 0.0 {
            return Ok(0.0);
        }
        let alive = self.p_alive(h)?;
        match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => {
                let k = self.shift();
                let BgNbdParams { r, alpha, a, b } = *p;
                let x = h.x;
                if (a - 1.0).abs() < 1e-9 {
                    return Err(Error::Numerical {
                        what: "expected transactions",
                        detail: format!("a = {a} is 1, where the closed form is 0/0"),
                    });
                }
                let z = t / (alpha + h.t + t);
                let ln_term = (r + x) * ((alpha + h.t).ln() - (alpha + h.t + t).ln())
                    + ln_hyp2f1(r + x, b + x + k, a + b + x + k - 1.0, z)?;
                let bracket = -ln_term.exp_m1();
                let value = (a + b + x + k - 1.0) / (a - 1.0) * bracket * alive;
                Ok(value.max(0.0))
            }
            PurchaseModel::ParetoNbd(p) => {
                let ParetoNbdParams { r, alpha, s, beta } = *p;
                let scale = (r + h.x) * (beta + h.t) / (alpha + h.t);
                let ratio_ln = (beta + h.t).ln() - (beta + h.t + t).ln();
                let growth = if (s - 1.0).abs() < 1e-9 {
                    -ratio_ln
                } else {
                    -((s - 1.0) * ratio_ln).exp_m1() / (s - 1.0)
                };
                Ok(scale * growth * alive)
            }
        }
    }

    /// Expected transactions in `(0, t]` of a customer who has just made
    /// the first purchase (the unconditional E[X(t)]).
    ///
    /// # Errors
    /// As [`PurchaseModel::expected_transactions`].
    pub fn expected_transactions_new(&self, t: f64) -> Result<f64> {
        if t <= 0.0 {
            return Ok(0.0);
        }
        match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => {
                // E[X(t)] = conditional expectation of an (x = 0, T → 0) history.
                let k = self.shift();
                let BgNbdParams { r, alpha, a, b } = *p;
                let z = t / (alpha + t);
                let ln_term =
                    r * (alpha.ln() - (alpha + t).ln()) + ln_hyp2f1(r, b + k, a + b + k - 1.0, z)?;
                let alive_after_first = if k > 0.0 { b / (a + b) } else { 1.0 };
                Ok((a + b + k - 1.0) / (a - 1.0) * -ln_term.exp_m1() * alive_after_first)
            }
            PurchaseModel::ParetoNbd(p) => {
                let ParetoNbdParams { r, alpha, s, beta } = *p;
                let ratio_ln = beta.ln() - (beta + t).ln();
                let growth = if (s - 1.0).abs() < 1e-9 {
                    -ratio_ln
                } else {
                    -((s - 1.0) * ratio_ln).exp_m1() / (s - 1.0)
                };
                Ok(r * beta / alpha * growth)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::numeric_gradient;
    use rand::SeedableRng;

    fn sample() -> Vec<History> {
        vec![
            History {
                x: 0.0,
                t_x: 0.0,
                t: 30.0,
            },
            History {
                x: 2.0,
                t_x: 20.0,
                t: 38.0,
            },
            History {
                x: 5.0,
                t_x: 36.0,
                t: 39.0,
            },
            History {
                x: 1.0,
                t_x: 5.0,
                t: 30.0,
            },
            History {
                x: 0.0,
                t_x: 0.0,
                t: 30.0,
            },
        ]
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data = group(&sample());
        assert_eq!(data.x.len(), 4, "two identical customers are one group");
        for shift in [0.0, 1.0] {
            let objective = BgFamilyObjective { data: &data, shift };
            let lp = [0.1f64.ln(), 3.0f64.ln(), 0.7f64.ln(), 2.5f64.ln()];
            let (_, analytic) = objective.eval(&lp);
            let numeric = numeric_gradient(|p| objective.eval(p).0, &lp);
            for (a, n) in analytic.iter().zip(&numeric) {
                assert!(
                    (a - n).abs() < 1e-6,
                    "shift {shift}: {analytic:?} vs {numeric:?}"
                );
            }
        }
    }

    #[test]
    fn analytic_hessian_matches_differences_of_the_gradient() {
        let data = group(&sample());
        for shift in [0.0, 1.0] {
            let objective = BgFamilyObjective { data: &data, shift };
            let lp = [0.1f64.ln(), 3.0f64.ln(), 0.7f64.ln(), 2.5f64.ln()];
            crate::optimize::assert_hessian_matches(&objective, &lp);
        }
    }

    #[test]
    fn the_subsample_and_newton_shortcut_lands_where_lbfgs_does() {
        // Continuous times: nearly every customer is a group of their own,
        // so the shortcut is taken.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let truth = BgNbdParams {
            r: 0.9,
            alpha: 40.0,
            a: 1.2,
            b: 5.0,
        };
        let histories: Vec<History> = crate::simulate::bg_nbd(&mut rng, truth, 150_000, 730.0, 0.0)
            .expect("simulate")
            .into_iter()
            .map(|c| c.history)
            .collect();
        let data = group(&histories);
        assert!(data.x.len() >= SUBSAMPLE_FROM);
        let objective = BgFamilyObjective {
            data: &data,
            shift: 0.0,
        };
        let start = vec![0.0, 3.0, 0.0, 0.0];
        let shortcut = fit_bg_family("bg_nbd", &objective, start.clone()).expect("shortcut");
        let direct = minimize("bg_nbd", &objective, start).expect("L-BFGS");
        assert!(shortcut.iterations <= 5, "{shortcut:?}");
        for (s, d) in shortcut.x.iter().zip(&direct.x) {
            // Both stop at a gradient norm below 1e-5 of the mean
            // log-likelihood; the parameters agree far beyond 4 digits.
            assert!((s - d).abs() < 1e-4, "{shortcut:?} vs {direct:?}");
        }
    }

    #[test]
    fn parallel_grouping_keeps_every_customer_once() {
        // Enough customers for the parallel path, with many duplicates.
        let histories: Vec<History> = (0..250_000u32)
            .map(|i| {
                let x = f64::from(i % 4);
                let t = f64::from(100 + i % 37);
                History {
                    x,
                    t_x: if x > 0.0 {
                        t - f64::from(i % 3) - 1.0
                    } else {
                        0.0
                    },
                    t,
                }
            })
            .collect();
        assert!(histories.len() >= PARALLEL_HISTORIES);
        let g = group(&histories);
        assert_eq!(g.total, 250_000.0);
        assert_eq!(g.w.iter().sum::<f64>(), 250_000.0);
        let distinct: std::collections::HashSet<(u64, u64, u64)> = histories
            .iter()
            .map(|h| (h.x.to_bits(), h.t_x.to_bits(), h.t.to_bits()))
            .collect();
        assert_eq!(g.x.len(), distinct.len(), "each triple is one group");
        for i in 0..g.x.len() {
            assert_eq!(g.times[g.t_at[i] as usize], g.t[i]);
            assert_eq!(g.times[g.t_x_at[i] as usize], g.t_x[i]);
        }
    }

    #[test]
    fn bad_histories_are_named() {
        let mut h = sample();
        h[3].t_x = 31.0;
        let err = PurchaseModel::fit(PurchaseModelKind::BgNbd, &h).unwrap_err();
        assert!(err.to_string().contains("customer 3"), "{err}");
        let none: Vec<History> = vec![
            History {
                x: 0.0,
                t_x: 0.0,
                t: 10.0
            };
            30
        ];
        let err = PurchaseModel::fit(PurchaseModelKind::BgNbd, &none).unwrap_err();
        assert!(
            err.to_string()
                .contains("none of the 30 customers made a repeat purchase"),
            "{err}"
        );
    }
}
