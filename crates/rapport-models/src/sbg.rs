//! Contractual retention: the shifted-beta-geometric model (MODELS.md;
//! Fader & Hardie 2007, "How to project customer retention").
//!
//! Each customer churns at the end of any period with a probability θ that
//! is constant for them and Beta(α, β) across customers. Fitted on the
//! survivor counts of one or more cohorts.

use crate::optimize::{Objective, minimize};
use crate::special::{digamma, ln_beta, ln_hyp2f1};
use crate::{Error, Result};

const MODEL: &str = "sbg";

/// sBG parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShiftedBetaGeometric {
    pub alpha: f64,
    pub beta: f64,
}

/// The result of [`ShiftedBetaGeometric::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct SbgFit {
    pub model: ShiftedBetaGeometric,
    pub log_likelihood: f64,
    pub iterations: u64,
}

struct SurvivorObjective<'a> {
    cohorts: &'a [Vec<f64>],
}

impl SurvivorObjective<'_> {
    fn log_likelihood(&self, m: ShiftedBetaGeometric) -> (f64, [f64; 2], f64) {
        let ShiftedBetaGeometric { alpha: a, beta: b } = m;
        let (ln_b0, dg_a, dg_b, dg_ab, dg_a1) = (
            ln_beta(a, b),
            digamma(a),
            digamma(b),
            digamma(a + b),
            digamma(a + 1.0),
        );
        let (mut ll, mut g, mut n0) = (0.0, [0.0f64; 2], 0.0);
        for survivors in self.cohorts {
            n0 += survivors[0];
            for t in 1..survivors.len() {
                let tf = t as f64;
                let lost = survivors[t - 1] - survivors[t];
                if lost > 0.0 {
                    let dg_abt = digamma(a + b + tf);
                    ll += lost * (ln_beta(a + 1.0, b + tf - 1.0) - ln_b0);
                    g[0] += lost * (dg_a1 - dg_abt - dg_a + dg_ab);
                    g[1] += lost * (digamma(b + tf - 1.0) - dg_abt - dg_b + dg_ab);
                }
            }
            let last = survivors.len() - 1;
            let alive = survivors[last];
            if last > 0 && alive > 0.0 {
                let tf = last as f64;
                let dg_abt = digamma(a + b + tf);
                ll += alive * (ln_beta(a, b + tf) - ln_b0);
                g[0] += alive * (dg_ab - dg_abt);
                g[1] += alive * (digamma(b + tf) - dg_abt - dg_b + dg_ab);
            }
        }
        (ll, g, n0)
    }
}

impl Objective for SurvivorObjective<'_> {
    fn eval(&self, lp: &[f64]) -> (f64, Vec<f64>) {
        let m = ShiftedBetaGeometric {
            alpha: lp[0].exp(),
            beta: lp[1].exp(),
        };
        let (ll, g, n0) = self.log_likelihood(m);
        (-ll / n0, vec![-g[0] * m.alpha / n0, -g[1] * m.beta / n0])
    }
}

impl ShiftedBetaGeometric {
    /// Fits the model to cohorts of survivor counts: `cohorts[c][t]` is the
    /// number of cohort `c`'s customers still active after `t` periods
    /// (`t = 0` is the cohort's size). Cohorts may differ in length.
    ///
    /// # Errors
    /// [`Error::BadInput`] for a count that is negative or rises over time,
    /// [`Error::Degenerate`] when no customer churned or every one churned at
    /// once, [`Error::NotConverged`] when the optimiser stops short.
    pub fn fit(cohorts: &[Vec<f64>]) -> Result<SbgFit> {
        let usable: Vec<Vec<f64>> = cohorts.iter().filter(|c| c.len() >= 2).cloned().collect();
        if usable.is_empty() {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: "no cohort has been observed for a full period yet".to_owned(),
            });
        }
        for (i, c) in usable.iter().enumerate() {
            if c[0] <= 0.0 || c.iter().any(|v| !v.is_finite() || *v < 0.0) {
                return Err(Error::BadInput {
                    model: MODEL,
                    detail: format!(
                        "cohort {i}: counts must be non-negative and start above 0: {c:?}"
                    ),
                });
            }
            if let Some(t) = c.windows(2).position(|w| w[1] > w[0]) {
                return Err(Error::BadInput {
                    model: MODEL,
                    detail: format!(
                        "cohort {i}: survivors rise from {} to {} at period {}; a cohort can only shrink",
                        c[t],
                        c[t + 1],
                        t + 1
                    ),
                });
            }
        }
        let lost: f64 = usable.iter().map(|c| c[0] - c[c.len() - 1]).sum();
        if lost == 0.0 {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: "no customer has churned yet, so there is no churn rate to fit".to_owned(),
            });
        }
        let objective = SurvivorObjective { cohorts: &usable };
        let optimum = minimize(MODEL, &objective, vec![0.0, 0.0])?;
        for (name, lp) in ["alpha", "beta"].iter().zip(&optimum.x) {
            if lp.abs() > 20.0 {
                return Err(Error::Degenerate {
                    model: MODEL,
                    detail: format!(
                        "{name} runs to {:.3e}: churn looks the same for every customer, or the cohorts are too short to tell",
                        lp.exp()
                    ),
                });
            }
        }
        let n0: f64 = usable.iter().map(|c| c[0]).sum();
        Ok(SbgFit {
            model: ShiftedBetaGeometric {
                alpha: optimum.x[0].exp(),
                beta: optimum.x[1].exp(),
            },
            log_likelihood: -optimum.value * n0,
            iterations: optimum.iterations,
        })
    }

    /// S(t) = B(α, β + t) / B(α, β): the share of a cohort still active
    /// after `t` periods.
    pub fn survival(&self, t: u32) -> f64 {
        (ln_beta(self.alpha, self.beta + f64::from(t)) - ln_beta(self.alpha, self.beta)).exp()
    }

    /// P(T = t): the share of a cohort that churns in period `t ≥ 1`.
    pub fn churn_probability(&self, t: u32) -> f64 {
        if t == 0 {
            return 0.0;
        }
        let tf = f64::from(t);
        (ln_beta(self.alpha + 1.0, self.beta + tf - 1.0) - ln_beta(self.alpha, self.beta)).exp()
    }

    /// r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1): the retention
    /// rate from period t − 1 to t, which rises with t as the customers who
    /// churn easily leave.
    pub fn retention_rate(&self, t: u32) -> f64 {
        let tf = f64::from(t.max(1));
        (self.beta + tf - 1.0) / (self.alpha + self.beta + tf - 1.0)
    }

    /// Discounted expected residual lifetime of a customer who has made
    /// `renewals` renewals and is about to decide on the next one (Fader &
    /// Hardie 2010, eq. 6): the expected number of future payments, the next
    /// one undiscounted and each later one discounted by `1 + discount` per
    /// period. Multiply by the payment per period for a value.
    ///
    /// # Errors
    /// [`Error::BadInput`] for a discount rate ≤ 0 (the sum need not converge).
    pub fn derl(&self, discount: f64, renewals: u32) -> Result<f64> {
        if discount <= 0.0 || !discount.is_finite() {
            return Err(Error::BadInput {
                model: MODEL,
                detail: format!("discount rate per period {discount} must be positive"),
            });
        }
        let n = f64::from(renewals);
        let (a, b) = (self.alpha, self.beta);
        let ln_f = ln_hyp2f1(1.0, b + n + 1.0, a + b + n + 1.0, 1.0 / (1.0 + discount))?;
        Ok((b + n) / (a + b + n) * ln_f.exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::numeric_gradient;

    /// Fader & Hardie (2007), "How to project customer retention", Table 1:
    /// the "regular" segment's survivors over years 0–7 (first 8 points are
    /// the calibration data in the paper), and their published estimates
    /// α = 0.704, β = 1.182.
    #[test]
    fn recovers_the_published_regular_segment_fit() {
        let regular = vec![vec![
            1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0,
        ]];
        let fit = ShiftedBetaGeometric::fit(&regular).unwrap();
        assert!((fit.model.alpha - 0.704).abs() < 0.001, "{:?}", fit.model);
        assert!((fit.model.beta - 1.182).abs() < 0.001, "{:?}", fit.model);
        // The paper's log-likelihood for this segment: −1680.3.
        assert!(
            (fit.log_likelihood + 1680.3).abs() < 0.1,
            "{}",
            fit.log_likelihood
        );
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let cohorts = vec![vec![500.0, 400.0, 350.0, 330.0], vec![200.0, 150.0]];
        let objective = SurvivorObjective { cohorts: &cohorts };
        let lp = [0.3f64.ln(), 2.0f64.ln()];
        let (_, g) = objective.eval(&lp);
        let n = numeric_gradient(|p| objective.eval(p).0, &lp);
        for (a, b) in g.iter().zip(&n) {
            assert!((a - b).abs() < 1e-7, "{g:?} vs {n:?}");
        }
    }

    #[test]
    fn derl_equals_the_direct_discounted_sum() {
        let m = ShiftedBetaGeometric {
            alpha: 0.7,
            beta: 1.2,
        };
        for renewals in [0u32, 1, 5] {
            let d: f64 = 0.1;
            // Σ_{t ≥ n+1} S(t)/S(n) / (1+d)^(t−n−1), n = renewals.
            let base = m.survival(renewals);
            let direct: f64 = (renewals + 1..renewals + 20_000)
                .map(|t| m.survival(t) / base / (1.0 + d).powi((t - renewals - 1) as i32))
                .sum();
            let closed = m.derl(d, renewals).unwrap();
            assert!(
                (closed - direct).abs() < 1e-8 * direct,
                "{closed} vs {direct}"
            );
        }
        assert!(m.derl(0.0, 0).is_err());
    }

    #[test]
    fn bad_and_degenerate_cohorts_are_errors() {
        assert!(
            ShiftedBetaGeometric::fit(&[vec![100.0, 120.0]])
                .unwrap_err()
                .to_string()
                .contains("rise")
        );
        assert!(matches!(
            ShiftedBetaGeometric::fit(&[vec![100.0, 100.0, 100.0]]),
            Err(Error::Degenerate { .. })
        ));
        assert!(matches!(
            ShiftedBetaGeometric::fit(&[vec![100.0]]),
            Err(Error::Degenerate { .. })
        ));
    }
}
