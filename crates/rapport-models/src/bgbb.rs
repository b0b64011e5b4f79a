//! The beta-geometric/beta-binomial model for discrete transaction
//! opportunities (MODELS.md, "Discrete-time: BG/BB"; Fader, Hardie & Shang
//! 2010, "Customer-base analysis in a discrete-time noncontractual setting").
//!
//! At each of n opportunities (yearly donations, e-mail campaigns) a customer
//! who is still alive first drops out with probability θ ~ Beta(γ, δ), and
//! otherwise transacts with probability p ~ Beta(α, β). A customer is
//! summarised by (x transactions, t_x the last opportunity with one, n).

use crate::optimize::minimize;
use crate::special::{digamma, lgamma, ln_beta, log_add_exp};
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
    /// The log-likelihood of one history and its gradient in (α, β, γ, δ).
    ///
    /// The likelihood is a sum of terms B(α+x, β+m)/B(α,β) · B(γ+c, δ+k)/B(γ,δ)
    /// (the alive-throughout term with m = n−x, c = 0, k = n, and one per
    /// opportunity of drop-out after t_x with m = t_x−x+i, c = 1,
    /// k = t_x+i), so its log-gradient is the terms' digamma differences
    /// averaged with each term's share of the likelihood as weight.
    pub fn log_likelihood_and_gradient(&self, h: &BgBbHistory) -> (f64, [f64; 4]) {
        let BgBb {
            alpha,
            beta,
            gamma,
            delta,
        } = *self;
        let (x, t_x, n) = (f64::from(h.x), f64::from(h.t_x), f64::from(h.n));
        let (b_ab, b_gd) = (ln_beta(alpha, beta), ln_beta(gamma, delta));
        let (dg_ab, dg_gd) = (digamma(alpha + beta), digamma(gamma + delta));
        let base = [
            digamma(alpha) - dg_ab,
            digamma(beta) - dg_ab,
            digamma(gamma) - dg_gd,
            digamma(delta) - dg_gd,
        ];
        let dg_ax = digamma(alpha + x);
        // (ln term, gradient of ln term) for given m, c, k.
        let term = |m: f64, c: f64, k: f64| {
            let ln = ln_beta(alpha + x, beta + m) - b_ab + ln_beta(gamma + c, delta + k) - b_gd;
            let (dg_abm, dg_gdck) = (
                digamma(alpha + beta + x + m),
                digamma(gamma + delta + c + k),
            );
            (
                ln,
                [
                    dg_ax - dg_abm - base[0],
                    digamma(beta + m) - dg_abm - base[1],
                    digamma(gamma + c) - dg_gdck - base[2],
                    digamma(delta + k) - dg_gdck - base[3],
                ],
            )
        };
        let mut terms = vec![term(n - x, 0.0, n)];
        for i in 0..h.n - h.t_x {
            let i = f64::from(i);
            terms.push(term(t_x - x + i, 1.0, t_x + i));
        }
        let ln_l = terms
            .iter()
            .map(|t| t.0)
            .fold(f64::NEG_INFINITY, log_add_exp);
        let mut g = [0.0; 4];
        for (ln, gt) in &terms {
            let w = (ln - ln_l).exp();
            for (gi, gti) in g.iter_mut().zip(gt) {
                *gi += w * gti;
            }
        }
        (ln_l, g)
    }

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
        // The mean negative log-likelihood over log-parameters, with its
        // analytic gradient: a numerical one is too coarse to reach the
        // gradient tolerance where the likelihood is flat (a nearly
        // homogeneous drop-out probability drives γ and δ up together).
        let objective = |lp: &[f64]| {
            let m = BgBb {
                alpha: lp[0].exp(),
                beta: lp[1].exp(),
                gamma: lp[2].exp(),
                delta: lp[3].exp(),
            };
            let (mut ll, mut g) = (0.0, [0.0; 4]);
            for (h, w) in data {
                let (l, gh) = m.log_likelihood_and_gradient(h);
                ll += w * l;
                for (gi, ghi) in g.iter_mut().zip(gh) {
                    *gi += w * ghi;
                }
            }
            let chain = [m.alpha, m.beta, m.gamma, m.delta];
            (
                -ll / total,
                g.iter().zip(chain).map(|(gi, c)| -gi * c / total).collect(),
            )
        };
        let optimum = minimize(MODEL, &objective, vec![0.0; 4]);
        // A search that ran off towards the edge, converged or not, means
        // the maximum is at infinity: say which spread is not identified.
        let reached = match &optimum {
            Ok(o) => o.x.as_slice(),
            Err(Error::NotConverged { at, .. }) => at.as_slice(),
            Err(_) => &[],
        };
        let names = ["alpha", "beta", "gamma", "delta"];
        let runaway: Vec<(&str, f64)> = names
            .iter()
            .zip(reached)
            .filter(|(_, lp)| lp.abs() > 15.0)
            .map(|(name, lp)| (*name, lp.exp()))
            .collect();
        if !runaway.is_empty() {
            let spread = |pair: [&str; 2]| runaway.iter().any(|(n, _)| pair.contains(n));
            let why = match (spread(["alpha", "beta"]), spread(["gamma", "delta"])) {
                (true, true) => {
                    "neither the chance to transact nor the chance to drop out varies visibly across customers; more opportunities (a shorter --time-unit or a longer history) are needed"
                }
                (true, false) => {
                    "customers transact at so nearly the same rate that its spread across customers cannot be estimated"
                }
                _ => {
                    "the drop-out probability hardly varies across customers, so its spread cannot be estimated; a continuous-time model (bg_nbd, pareto_nbd) may suit these data better"
                }
            };
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "{} run{} off to {}: {why}",
                    runaway
                        .iter()
                        .map(|r| r.0)
                        .collect::<Vec<_>>()
                        .join(" and "),
                    if runaway.len() == 1 { "s" } else { "" },
                    runaway
                        .iter()
                        .map(|r| format!("{:.1e}", r.1))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            });
        }
        let optimum = optimum?;
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

    /// Near the donation data's fit (Fader, Hardie & Shang 2010).
    const DONATIONS: BgBb = BgBb {
        alpha: 1.2,
        beta: 0.75,
        gamma: 1.66,
        delta: 2.78,
    };

    #[test]
    fn closed_form_and_sum_agree() {
        let m = DONATIONS;
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
    fn the_analytic_gradient_matches_central_differences() {
        let m = BgBb {
            gamma: 0.66,
            delta: 2.8,
            ..DONATIONS
        };
        let histories = (0..=6).flat_map(|t_x| (0..=t_x).map(move |x| (x, t_x)));
        for h in histories
            .filter(|&(x, t_x)| (x == 0) == (t_x == 0))
            .map(|(x, t_x)| BgBbHistory { x, t_x, n: 6 })
        {
            let (l, g) = m.log_likelihood_and_gradient(&h);
            assert!((l - m.log_likelihood(&h)).abs() < 1e-12, "{h:?}");
            let at = |k: usize, step: f64| {
                let mut p = [m.alpha, m.beta, m.gamma, m.delta];
                p[k] += step;
                BgBb {
                    alpha: p[0],
                    beta: p[1],
                    gamma: p[2],
                    delta: p[3],
                }
                .log_likelihood(&h)
            };
            for (k, gk) in g.iter().enumerate() {
                let numeric = (at(k, 1e-6) - at(k, -1e-6)) / 2e-6;
                assert!(
                    (gk - numeric).abs() < 1e-6,
                    "{h:?} parameter {k}: {gk} vs {numeric}"
                );
            }
        }
    }

    #[test]
    fn impossible_histories_are_named() {
        let bad = [(BgBbHistory { x: 3, t_x: 2, n: 6 }, 1.0)];
        assert!(BgBb::fit(&bad).unwrap_err().to_string().contains("row 0"));
    }
}
