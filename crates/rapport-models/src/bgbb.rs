//! The beta-geometric/beta-binomial model for discrete transaction
//! opportunities (MODELS.md, "Discrete-time: BG/BB"; Fader, Hardie & Shang
//! 2010, "Customer-base analysis in a discrete-time noncontractual setting").
//!
//! At each of n opportunities (yearly donations, e-mail campaigns) a customer
//! who is still alive first drops out with probability θ ~ Beta(γ, δ), and
//! otherwise transacts with probability p ~ Beta(α, β). A customer is
//! summarised by (x transactions, t_x the last opportunity with one, n).

use crate::optimize::{minimize, numeric_gradient};
use crate::special::{lgamma, ln_beta, log_add_exp};
use crate::{Error, Result};

const MODEL: &str = "bg_bb";

/// One customer's (or one group's) history over `n` opportunities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgBbHistory {
    /// Opportunities with a transaction.
    pub x: u32,
    /// The last opportunity with a transaction (0 when x = 0).
    pub t_x: u32,
    /// Opportunities observed.
    pub n: u32,
}

/// BG/BB parameters: p ~ Beta(α, β), θ ~ Beta(γ, δ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgBb {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
    pub delta: f64,
}

/// The result of [`BgBb::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct BgBbFit {
    pub model: BgBb,
    pub log_likelihood: f64,
    pub n_customers: f64,
    pub iterations: u64,
}

fn check(h: &BgBbHistory) -> std::result::Result<(), String> {
    if h.n == 0 {
        return Err("n = 0: no opportunity observed".to_owned());
    }
    if h.x > h.t_x || h.t_x > h.n || (h.x == 0) != (h.t_x == 0) {
        return Err(format!(
            "x = {}, t_x = {}, n = {}: need x ≤ t_x ≤ n, and t_x = 0 exactly when x = 0",
            h.x, h.t_x, h.n
        ));
    }
    Ok(())
}

impl BgBb {
    /// ln L(x, t_x, n) (Fader, Hardie & Shang 2010, eq. 5).
    pub fn log_likelihood(&self, h: &BgBbHistory) -> f64 {
        let BgBb {
            alpha,
            beta,
            gamma,
            delta,
        } = *self;
        let (x, t_x, n) = (f64::from(h.x), f64::from(h.t_x), f64::from(h.n));
        let (b_ab, b_gd) = (ln_beta(alpha, beta), ln_beta(gamma, delta));
        let mut total = ln_beta(alpha + x, beta + n - x) - b_ab + ln_beta(gamma, delta + n) - b_gd;
        for i in 0..h.n - h.t_x {
            let i = f64::from(i);
            total = log_add_exp(
                total,
                ln_beta(alpha + x, beta + t_x - x + i) - b_ab
                    + ln_beta(gamma + 1.0, delta + t_x + i)
                    - b_gd,
            );
        }
        total
    }

    /// Fits the model to weighted histories (`weight` customers share each).
    ///
    /// # Errors
    /// [`Error::BadInput`] for an impossible history, [`Error::Degenerate`]
    /// when nobody ever transacts or a parameter runs to infinity,
    /// [`Error::NotConverged`] when the optimiser stops short.
    pub fn fit(data: &[(BgBbHistory, f64)]) -> Result<BgBbFit> {
        for (i, (h, w)) in data.iter().enumerate() {
            check(h).map_err(|detail| Error::BadInput {
                model: MODEL,
                detail: format!("row {i}: {detail}"),
            })?;
            if !(*w >= 0.0 && w.is_finite()) {
                return Err(Error::BadInput {
                    model: MODEL,
                    detail: format!("row {i}: weight {w} must be a non-negative count"),
                });
            }
        }
        let total: f64 = data.iter().map(|d| d.1).sum();
        if data.iter().all(|(h, w)| h.x == 0 || *w == 0.0) || total < 10.0 {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "{total} customers, or none transacted: the model needs at least 10 and some transactions"
                ),
            });
        }
        let mean_nll = |lp: &[f64]| {
            let m = BgBb {
                alpha: lp[0].exp(),
                beta: lp[1].exp(),
                gamma: lp[2].exp(),
                delta: lp[3].exp(),
            };
            -data
                .iter()
                .map(|(h, w)| w * m.log_likelihood(h))
                .sum::<f64>()
                / total
        };
        // Grouped data are small (one row per distinct history), so a
        // central-difference gradient costs little here.
        let objective = |lp: &[f64]| (mean_nll(lp), numeric_gradient(mean_nll, lp));
        let optimum = minimize(MODEL, &objective, vec![0.0; 4])?;
        for (name, lp) in ["alpha", "beta", "gamma", "delta"].iter().zip(&optimum.x) {
            if lp.abs() > 15.0 {
                return Err(Error::Degenerate {
                    model: MODEL,
                    detail: format!(
                        "{name} runs to {:.3e}; the data do not pin it down",
                        lp.exp()
                    ),
                });
            }
        }
        Ok(BgBbFit {
            model: BgBb {
                alpha: optimum.x[0].exp(),
                beta: optimum.x[1].exp(),
                gamma: optimum.x[2].exp(),
                delta: optimum.x[3].exp(),
            },
            log_likelihood: -optimum.value * total,
            n_customers: total,
            iterations: optimum.iterations,
        })
    }

    /// P(alive at opportunity n + 1 | x, t_x, n) (FHS 2010, eq. 11).
    pub fn p_alive(&self, h: &BgBbHistory) -> f64 {
        let (x, n) = (f64::from(h.x), f64::from(h.n));
        let l = ln_beta(self.alpha + x, self.beta + n - x) - ln_beta(self.alpha, self.beta)
            + ln_beta(self.gamma, self.delta + n + 1.0)
            - ln_beta(self.gamma, self.delta);
        (l - self.log_likelihood(h)).exp().min(1.0)
    }

    /// Expected transactions in the next `future` opportunities
    /// (n, n + n*] (FHS 2010, eq. 13).
    ///
    /// # Errors
    /// [`Error::Numerical`] when γ ≤ 1, where the closed form does not hold.
    pub fn expected_transactions(&self, h: &BgBbHistory, future: u32) -> Result<f64> {
        let BgBb {
            alpha,
            beta,
            gamma,
            delta,
        } = *self;
        if gamma <= 1.0 {
            return self.expected_by_sum(h, future);
        }
        let (x, n, s) = (f64::from(h.x), f64::from(h.n), f64::from(future));
        let ln_head = ln_beta(alpha + x + 1.0, beta + n - x) - ln_beta(alpha, beta)
            + (delta / (gamma - 1.0)).ln()
            + lgamma(gamma + delta)
            - lgamma(1.0 + delta)
            - self.log_likelihood(h);
        let now = lgamma(1.0 + delta + n) - lgamma(gamma + delta + n);
        let later = lgamma(1.0 + delta + n + s) - lgamma(gamma + delta + n + s);
        Ok((ln_head + now).exp() * -(later - now).exp_m1())
    }

    /// The same expectation as a finite sum over the future opportunities,
    /// valid for any γ: Σ_k P(alive at n+k) · E[p | history].
    fn expected_by_sum(&self, h: &BgBbHistory, future: u32) -> Result<f64> {
        let (x, n) = (f64::from(h.x), f64::from(h.n));
        let ln_l = self.log_likelihood(h);
        let mut total = 0.0;
        for k in 1..=future {
            let kf = f64::from(k);
            // P(transaction at n + k and the history) / L
            let ln_joint = ln_beta(self.alpha + x + 1.0, self.beta + n - x)
                - ln_beta(self.alpha, self.beta)
                + ln_beta(self.gamma, self.delta + n + kf)
                - ln_beta(self.gamma, self.delta);
            total += (ln_joint - ln_l).exp();
        }
        if !total.is_finite() {
            return Err(Error::Numerical {
                what: "BG/BB expected transactions",
                detail: format!("not finite for {h:?}"),
            });
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_form_and_sum_agree() {
        let m = BgBb {
            alpha: 1.2,
            beta: 0.75,
            gamma: 1.66,
            delta: 2.78,
        };
        for h in [
            BgBbHistory { x: 0, t_x: 0, n: 6 },
            BgBbHistory { x: 3, t_x: 5, n: 6 },
            BgBbHistory { x: 6, t_x: 6, n: 6 },
        ] {
            let closed = m.expected_transactions(&h, 5).unwrap();
            let sum = m.expected_by_sum(&h, 5).unwrap();
            assert!(
                (closed - sum).abs() < 1e-10 * sum.max(1e-12),
                "{h:?}: {closed} vs {sum}"
            );
        }
    }

    #[test]
    fn next_opportunity_is_p_alive_times_the_posterior_mean_of_p() {
        // Whoever is alive at n + 1 was alive through n, where p's posterior
        // is Beta(α + x, β + n − x): E[X(n, n+1)] = P(alive) · (α+x)/(α+β+n).
        let m = BgBb {
            alpha: 1.2,
            beta: 0.75,
            gamma: 0.66,
            delta: 2.8,
        };
        for h in [
            BgBbHistory { x: 0, t_x: 0, n: 6 },
            BgBbHistory { x: 2, t_x: 3, n: 6 },
            BgBbHistory { x: 5, t_x: 6, n: 6 },
        ] {
            let posterior = (m.alpha + f64::from(h.x)) / (m.alpha + m.beta + f64::from(h.n));
            let next = m.expected_transactions(&h, 1).unwrap();
            assert!((next - m.p_alive(&h) * posterior).abs() < 1e-12, "{h:?}");
        }
    }

    #[test]
    fn impossible_histories_are_named() {
        let bad = [(BgBbHistory { x: 3, t_x: 2, n: 6 }, 1.0)];
        assert!(BgBb::fit(&bad).unwrap_err().to_string().contains("row 0"));
    }
}
