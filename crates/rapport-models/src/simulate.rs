//! Simulation from the models' own generative stories, for parameter
//! recovery tests and benchmarks (MODELS.md: "test each one by parameter
//! recovery").

use rand::Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};

use crate::bgbb::{BgBb, BgBbHistory};
use crate::btyd::{BgNbdParams, History, ParetoNbdParams};
use crate::gamma_gamma::GammaGamma;
use crate::{Error, Result};

/// A simulated customer: the calibration history, whether they were still
/// alive at its end, and their repeat transactions in the following window.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedCustomer {
    pub history: History,
    pub alive_at_end: bool,
    /// Transactions in `(T, T + future]`.
    pub future_transactions: f64,
}

fn dist_err(e: &impl std::fmt::Display) -> Error {
    Error::BadInput {
        model: "simulate",
        detail: e.to_string(),
    }
}

/// Ages spread evenly over `[window/4, window]`, as when customers join
/// throughout the calibration period.
fn age(rng: &mut impl Rng, window: f64) -> f64 {
    window * rng.random_range(0.25..=1.0)
}

/// One simulated customer's purchases, split at the end of calibration.
struct Tally {
    t_end: f64,
    x: f64,
    t_x: f64,
    future: f64,
}

impl Tally {
    fn new(t_end: f64) -> Tally {
        Tally {
            t_end,
            x: 0.0,
            t_x: 0.0,
            future: 0.0,
        }
    }

    /// A repeat purchase at time `clock` after the first one.
    fn record(&mut self, clock: f64) {
        if clock <= self.t_end {
            self.x += 1.0;
            self.t_x = clock;
        } else {
            self.future += 1.0;
        }
    }

    fn finish(self, alive_at_end: bool) -> SimulatedCustomer {
        SimulatedCustomer {
            history: History {
                x: self.x,
                t_x: self.t_x,
                t: self.t_end,
            },
            alive_at_end,
            future_transactions: self.future,
        }
    }
}

/// BG/NBD customers (`drop_at_start = false`) or MBG/NBD ones (`true`).
fn bg_family(
    rng: &mut impl Rng,
    p: BgNbdParams,
    n: usize,
    window: f64,
    future: f64,
    drop_at_start: bool,
) -> Result<Vec<SimulatedCustomer>> {
    let rate = Gamma::new(p.r, 1.0 / p.alpha).map_err(|e| dist_err(&e))?;
    let dropout = Beta::new(p.a, p.b).map_err(|e| dist_err(&e))?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let lambda: f64 = rate.sample(rng).max(1e-300);
        let q: f64 = dropout.sample(rng);
        let gap = Exp::new(lambda).map_err(|e| dist_err(&e))?;
        let mut tally = Tally::new(age(rng, window));
        let mut alive = !(drop_at_start && rng.random::<f64>() < q);
        let mut clock = 0.0;
        let mut alive_at_end = alive;
        while alive {
            clock += gap.sample(rng);
            if clock > tally.t_end + future {
                break;
            }
            tally.record(clock);
            if rng.random::<f64>() < q {
                alive = false;
                alive_at_end &= clock > tally.t_end;
            }
        }
        out.push(tally.finish(alive_at_end));
    }
    Ok(out)
}

/// `n` BG/NBD customers with ages up to `window`, followed for `future` more time.
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn bg_nbd(
    rng: &mut impl Rng,
    p: BgNbdParams,
    n: usize,
    window: f64,
    future: f64,
) -> Result<Vec<SimulatedCustomer>> {
    bg_family(rng, p, n, window, future, false)
}

/// `n` MBG/NBD customers (drop-out possible right after the first purchase).
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn mbg_nbd(
    rng: &mut impl Rng,
    p: BgNbdParams,
    n: usize,
    window: f64,
    future: f64,
) -> Result<Vec<SimulatedCustomer>> {
    bg_family(rng, p, n, window, future, true)
}

/// `n` Pareto/NBD customers: Poisson purchases at rate λ until an
/// exponential lifetime with rate μ ends.
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn pareto_nbd(
    rng: &mut impl Rng,
    p: ParetoNbdParams,
    n: usize,
    window: f64,
    future: f64,
) -> Result<Vec<SimulatedCustomer>> {
    let rate = Gamma::new(p.r, 1.0 / p.alpha).map_err(|e| dist_err(&e))?;
    let death = Gamma::new(p.s, 1.0 / p.beta).map_err(|e| dist_err(&e))?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let lambda: f64 = rate.sample(rng).max(1e-300);
        let mu: f64 = death.sample(rng).max(1e-300);
        let lifetime = Exp::new(mu).map_err(|e| dist_err(&e))?.sample(rng);
        let gap = Exp::new(lambda).map_err(|e| dist_err(&e))?;
        let mut tally = Tally::new(age(rng, window));
        let mut clock = 0.0;
        loop {
            clock += gap.sample(rng);
            if clock > lifetime || clock > tally.t_end + future {
                break;
            }
            tally.record(clock);
        }
        let alive_at_end = lifetime > tally.t_end;
        out.push(tally.finish(alive_at_end));
    }
    Ok(out)
}

/// Mean transaction value of each of `counts` transactions under
/// Gamma-Gamma: ν ~ Gamma(q, rate γ) per customer, values ~ Gamma(p, rate ν).
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn gamma_gamma(rng: &mut impl Rng, m: GammaGamma, counts: &[f64]) -> Result<Vec<f64>> {
    let nu = Gamma::new(m.q, 1.0 / m.gamma).map_err(|e| dist_err(&e))?;
    counts
        .iter()
        .map(|&x| {
            let scale = 1.0 / nu.sample(rng);
            let value = Gamma::new(m.p, scale).map_err(|e| dist_err(&e))?;
            let total: f64 = (0..x as u64).map(|_| value.sample(rng)).sum();
            Ok(total / x.max(1.0))
        })
        .collect()
}

/// Survivor counts of a cohort of `n` customers over `periods` periods
/// under sBG with churn probability θ ~ Beta(α, β).
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn sbg_cohort(
    rng: &mut impl Rng,
    alpha: f64,
    beta: f64,
    n: usize,
    periods: usize,
) -> Result<Vec<f64>> {
    let theta = Beta::new(alpha, beta).map_err(|e| dist_err(&e))?;
    let mut survivors = vec![0.0; periods + 1];
    for _ in 0..n {
        let churn: f64 = theta.sample(rng);
        survivors[0] += 1.0;
        for s in survivors.iter_mut().skip(1) {
            if rng.random::<f64>() < churn {
                break;
            }
            *s += 1.0;
        }
    }
    Ok(survivors)
}

/// `customers` BG/BB histories over `n` opportunities, each with the number
/// of transactions in the `future` opportunities after them.
///
/// # Errors
/// When a parameter is not a valid distribution parameter.
pub fn bg_bb(
    rng: &mut impl Rng,
    m: BgBb,
    customers: usize,
    n: u32,
    future: u32,
) -> Result<Vec<(BgBbHistory, u32)>> {
    let p_dist = Beta::new(m.alpha, m.beta).map_err(|e| dist_err(&e))?;
    let theta_dist = Beta::new(m.gamma, m.delta).map_err(|e| dist_err(&e))?;
    let mut out = Vec::with_capacity(customers);
    for _ in 0..customers {
        let p: f64 = p_dist.sample(rng);
        let theta: f64 = theta_dist.sample(rng);
        let (mut x, mut t_x, mut later) = (0, 0, 0);
        for t in 1..=n + future {
            if rng.random::<f64>() < theta {
                break;
            }
            if rng.random::<f64>() < p {
                if t <= n {
                    x += 1;
                    t_x = t;
                } else {
                    later += 1;
                }
            }
        }
        out.push((BgBbHistory { x, t_x, n }, later));
    }
    Ok(out)
}
