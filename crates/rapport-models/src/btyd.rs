//! "Buy 'til you die" purchase models for non-contractual customers
//! (MODELS.md, "BG/NBD", "MBG/NBD", "Pareto/NBD").
//!
//! Each customer is summarised by a [`History`] `(x, t_x, T)` over the
//! calibration window. Customers with the same triple are grouped with a
//! weight before fitting, so a likelihood costs one term per distinct triple
//! (DESIGN.md, "Performance by design").

use crate::optimize::{Objective, minimize, numeric_gradient};
use crate::special::{digamma, lgamma, ln_hyp2f1, log_add_exp};
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
    /// Distinct values of t_x and T, ascending.
    times: Vec<f64>,
    t_x_at: Vec<u32>,
    t_at: Vec<u32>,
}

/// Histories at or above which grouping sorts in parallel.
const PARALLEL_HISTORIES: usize = 100_000;

fn group(histories: &[History]) -> Grouped {
    type Key = (u64, u64, u64);
    let key = |h: &History| (h.x.to_bits(), h.t_x.to_bits(), h.t.to_bits());
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    // Identical triples must meet in one bucket: buckets are chosen by a
    // hash of the whole key, then each is sorted on its own thread.
    let buckets: Vec<Vec<Key>> = if histories.len() < PARALLEL_HISTORIES || threads < 2 {
        let mut keys: Vec<Key> = histories.iter().map(key).collect();
        keys.sort_unstable();
        vec![keys]
    } else {
        let mut buckets: Vec<Vec<Key>> =
            vec![Vec::with_capacity(histories.len() / threads + 1); threads];
        for h in histories {
            let k = key(h);
            let mix = (k.0 ^ k.1.rotate_left(21) ^ k.2.rotate_left(42))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            buckets[(mix >> 32) as usize % threads].push(k);
        }
        std::thread::scope(|scope| {
            for b in &mut buckets {
                scope.spawn(move || b.sort_unstable());
            }
        });
        buckets
    };
    let mut g = Grouped::default();
    // Non-negative floats order like their bit patterns; within a bucket
    // equal keys are adjacent.
    for k in buckets.into_iter().flatten() {
        let (x, t_x, t) = (
            f64::from_bits(k.0),
            f64::from_bits(k.1),
            f64::from_bits(k.2),
        );
        if g.x.last() == Some(&x) && g.t_x.last() == Some(&t_x) && g.t.last() == Some(&t) {
            if let Some(w) = g.w.last_mut() {
                *w += 1.0;
            }
        } else {
            g.x.push(x);
            g.t_x.push(t_x);
            g.t.push(t);
            g.w.push(1.0);
        }
        g.total += 1.0;
    }
    let mut times: Vec<f64> = g.t_x.iter().chain(&g.t).copied().collect();
    times.sort_unstable_by(f64::total_cmp);
    times.dedup();
    let at = |v: &f64| times.partition_point(|u| u < v) as u32;
    g.t_x_at = g.t_x.iter().map(at).collect();
    g.t_at = g.t.iter().map(at).collect();
    g.times = times;
    g
}

fn check_histories(model: &'static str, histories: &[History]) -> Result<()> {
    if histories.is_empty() {
        return Err(Error::BadInput {
            model,
            detail: "no customers to fit".to_owned(),
        });
    }
    for (i, h) in histories.iter().enumerate() {
        h.check().map_err(|detail| Error::BadInput {
            model,
            detail: format!("customer {i}: {detail}"),
        })?;
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

impl BgFamilyObjective<'_> {
    /// Total log-likelihood and its gradient in (r, α, a, b).
    fn log_likelihood(&self, p: BgNbdParams) -> (f64, [f64; 4]) {
        let BgNbdParams { r, alpha, a, b } = p;
        let d = self.data;
        let ln_times: Vec<f64> = d.times.iter().map(|v| (alpha + v).ln()).collect();
        let inv_times: Vec<f64> = d.times.iter().map(|v| 1.0 / (alpha + v)).collect();
        let tables = (ln_times.as_slice(), inv_times.as_slice());
        let n_groups = d.x.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(8);
        let (mut ll, mut g) = if n_groups < PARALLEL_GROUPS || threads < 2 {
            self.partial(p, 0..n_groups, tables)
        } else {
            let chunk = n_groups.div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|i| {
                        let range = i * chunk..((i + 1) * chunk).min(n_groups);
                        scope.spawn(move || self.partial(p, range, tables))
                    })
                    .collect();
                handles.into_iter().fold((0.0, [0.0; 4]), |acc, h| {
                    // A worker only does arithmetic; should one fail, the
                    // NaN makes the optimiser treat the point as invalid.
                    let (l, g) = h.join().unwrap_or((f64::NAN, [f64::NAN; 4]));
                    (
                        acc.0 + l,
                        [
                            acc.1[0] + g[0],
                            acc.1[1] + g[1],
                            acc.1[2] + g[2],
                            acc.1[3] + g[3],
                        ],
                    )
                })
            })
        };
        let (ln_alpha, dg_r, dg_ab, dg_b) = (alpha.ln(), digamma(r), digamma(a + b), digamma(b));
        let constant = -lgamma(r) + r * ln_alpha + lgamma(a + b) - lgamma(b);
        let n = d.total;
        ll += n * constant;
        g[0] += n * (-dg_r + ln_alpha);
        g[1] += n * r / alpha;
        g[2] += n * dg_ab;
        g[3] += n * (dg_ab - dg_b);
        (ll, g)
    }

    /// The customer-dependent part of the log-likelihood and gradient over
    /// `range` of the groups; `tables` hold ln(α + v) and 1/(α + v) for the
    /// distinct times v.
    fn partial(
        &self,
        p: BgNbdParams,
        range: std::ops::Range<usize>,
        (ln_times, inv_times): (&[f64], &[f64]),
    ) -> (f64, [f64; 4]) {
        let BgNbdParams { r, a, b, .. } = p;
        let k = self.shift;
        let d = self.data;
        let (mut ll, mut g) = (0.0, [0.0f64; 4]);
        let mut current_x = f64::NAN;
        let (mut lg_rx, mut dg_rx, mut ln_a2, mut dg_abxk, mut dg_bxk, mut ln_c4) =
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for i in range {
            let (x, w) = (d.x[i], d.w[i]);
            let (ti, txi) = (d.t_at[i] as usize, d.t_x_at[i] as usize);
            if x != current_x {
                current_x = x;
                lg_rx = lgamma(r + x);
                dg_rx = digamma(r + x);
                ln_a2 = lgamma(b + x + k) - lgamma(a + b + x + k);
                dg_abxk = digamma(a + b + x + k);
                dg_bxk = digamma(b + x + k);
                ln_c4 = a.ln() - (b + x + k - 1.0).ln();
            }
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
            ll += w * (lg_rx + ln_a2 + lse);
            g[0] += w * (dg_rx - w3 * l_t - w4 * l_tx);
            g[1] += w * (-(r + x) * (w3 * inv_times[ti] + w4 * inv_times[txi]));
            g[2] += w * (-dg_abxk + w4 / a);
            g[3] += w * (dg_bxk - dg_abxk);
            if has_dropout_term {
                g[3] -= w * w4 / (b + x + k - 1.0);
            }
        }
        (ll, g)
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
        let (ll, g) = self.log_likelihood(p);
        let n = self.data.total;
        let chain = [p.r, p.alpha, p.a, p.b];
        (
            -ll / n,
            g.iter().zip(chain).map(|(gi, c)| -gi * c / n).collect(),
        )
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
                    explain_runaway(model, names, minimize(model, &objective, start))?,
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
                Ok(objective.log_likelihood(*p).0)
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
