//! The Gamma-Gamma spend model (MODELS.md, "Gamma-Gamma spend model";
//! Fader, Hardie & Lee 2005, "RFM and CLV").
//!
//! A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ)
//! across customers. Fitted on customers with at least one repeat
//! transaction and a positive mean repeat value m̄.

use crate::optimize::{Objective, minimize};
use crate::special::{digamma, lgamma};
use crate::{Error, Result};

const MODEL: &str = "gamma_gamma";

/// One customer's repeat transactions: how many, and their mean value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpendHistory {
    /// Repeat transactions, at least 1.
    pub x: f64,
    /// Mean value of those transactions, positive.
    pub mean_value: f64,
}

/// Gamma-Gamma parameters `p`, `q`, `γ`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// The result of [`GammaGamma::fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpendFit {
    pub model: GammaGamma,
    pub log_likelihood: f64,
    pub n_customers: usize,
    pub iterations: u64,
    /// Pearson correlation of x and m̄: the model assumes spend does not
    /// depend on frequency, so |ρ| > 0.3 deserves a warning.
    pub frequency_spend_correlation: f64,
}

impl SpendFit {
    /// Whether the independence assumption looks broken (|ρ| > 0.3).
    pub fn independence_doubtful(&self) -> bool {
        self.frequency_spend_correlation.abs() > 0.3
    }
}

/// Customers sorted by x, with what does not depend on the parameters
/// computed once: ln m̄ per customer and, per distinct x, the count and
/// Σ ln m̄. An evaluation then costs the x-only special functions once per
/// distinct x and one logarithm per customer.
struct SpendObjective {
    /// (x, count, Σ ln m̄, range of the customers in `mean_values`)
    groups: Vec<(f64, f64, f64, std::ops::Range<usize>)>,
    mean_values: Vec<f64>,
    n: f64,
}

impl SpendObjective {
    fn new(data: &[SpendHistory]) -> SpendObjective {
        let mut sorted: Vec<SpendHistory> = data.to_vec();
        sorted.sort_unstable_by(|a, b| a.x.total_cmp(&b.x));
        let mut groups: Vec<(f64, f64, f64, std::ops::Range<usize>)> = Vec::new();
        for (i, h) in sorted.iter().enumerate() {
            match groups.last_mut() {
                Some(g) if g.0 == h.x => {
                    g.1 += 1.0;
                    g.2 += h.mean_value.ln();
                    g.3.end = i + 1;
                }
                _ => groups.push((h.x, 1.0, h.mean_value.ln(), i..i + 1)),
            }
        }
        SpendObjective {
            groups,
            mean_values: sorted.iter().map(|h| h.mean_value).collect(),
            n: data.len() as f64,
        }
    }

    fn log_likelihood(&self, m: GammaGamma) -> (f64, [f64; 3]) {
        let GammaGamma { p, q, gamma } = m;
        let (lg_q, dg_q, ln_g) = (lgamma(q), digamma(q), gamma.ln());
        let (mut ll, mut g) = (self.n * (q * ln_g - lg_q), [0.0f64; 3]);
        g[1] = self.n * (ln_g - dg_q);
        for (x, count, sum_ln_m, range) in &self.groups {
            let (x, count) = (*x, *count);
            let px = p * x;
            let (dg_pxq, ln_x) = (digamma(px + q), x.ln());
            // Σ over the group of ln(γ + m̄x) and 1/(γ + m̄x).
            let (mut sum_ln_base, mut sum_inv_base) = (0.0, 0.0);
            for mv in &self.mean_values[range.clone()] {
                let base = gamma + mv * x;
                sum_ln_base += base.ln();
                sum_inv_base += 1.0 / base;
            }
            ll += count * (lgamma(px + q) - lgamma(px) + px * ln_x) + (px - 1.0) * sum_ln_m
                - (px + q) * sum_ln_base;
            g[0] += x * (count * (dg_pxq - digamma(px) + ln_x) + sum_ln_m - sum_ln_base);
            g[1] += count * dg_pxq - sum_ln_base;
            g[2] += count * q / gamma - (px + q) * sum_inv_base;
        }
        (ll, g)
    }
}

impl Objective for SpendObjective {
    fn eval(&self, lp: &[f64]) -> (f64, Vec<f64>) {
        let m = GammaGamma {
            p: lp[0].exp(),
            q: lp[1].exp(),
            gamma: lp[2].exp(),
        };
        let (ll, g) = self.log_likelihood(m);
        let n = self.n;
        let chain = [m.p, m.q, m.gamma];
        (
            -ll / n,
            g.iter().zip(chain).map(|(gi, c)| -gi * c / n).collect(),
        )
    }
}

fn correlation(data: &[SpendHistory]) -> f64 {
    let n = data.len() as f64;
    let (mx, mm) = (
        data.iter().map(|h| h.x).sum::<f64>() / n,
        data.iter().map(|h| h.mean_value).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for h in data {
        let (dx, dy) = (h.x - mx, h.mean_value - mm);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

impl GammaGamma {
    /// Fits the model by maximum likelihood.
    ///
    /// # Errors
    /// [`Error::BadInput`] for x < 1 or a non-positive mean value (naming
    /// the customer), [`Error::Degenerate`] when every customer spends the
    /// same (no spread to fit) or q ≤ 1 (no finite mean spend),
    /// [`Error::NotConverged`] when the optimiser stops short.
    pub fn fit(data: &[SpendHistory]) -> Result<SpendFit> {
        if data.len() < 2 {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "{} customer(s) with repeat purchases; at least 2 are needed",
                    data.len()
                ),
            });
        }
        for (i, h) in data.iter().enumerate() {
            if !(h.x >= 1.0 && h.x.fract() == 0.0 && h.x.is_finite()) {
                return Err(Error::BadInput {
                    model: MODEL,
                    detail: format!("customer {i}: x = {} must be a count of at least 1", h.x),
                });
            }
            if !(h.mean_value > 0.0 && h.mean_value.is_finite()) {
                return Err(Error::BadInput {
                    model: MODEL,
                    detail: format!(
                        "customer {i}: mean transaction value {} must be positive",
                        h.mean_value
                    ),
                });
            }
        }
        let first = data[0].mean_value;
        if data
            .iter()
            .all(|h| (h.mean_value - first).abs() <= 1e-12 * first)
        {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "every customer's mean transaction value is {first}; with no spread the expected spend is simply {first}"
                ),
            });
        }
        let mean = data.iter().map(|h| h.mean_value).sum::<f64>() / data.len() as f64;
        let objective = SpendObjective::new(data);
        let optimum = minimize(MODEL, &objective, vec![0.0, 0.0, mean.ln()])?;
        for (name, lp) in ["p", "q", "gamma"].iter().zip(&optimum.x) {
            if lp.abs() > 20.0 {
                return Err(Error::Degenerate {
                    model: MODEL,
                    detail: format!(
                        "{name} runs to {:.3e}; spend does not vary enough across customers to fit it",
                        lp.exp()
                    ),
                });
            }
        }
        let model = GammaGamma {
            p: optimum.x[0].exp(),
            q: optimum.x[1].exp(),
            gamma: optimum.x[2].exp(),
        };
        if model.q <= 1.0 {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "q = {:.4} ≤ 1: spend is so heavy-tailed that its mean does not exist",
                    model.q
                ),
            });
        }
        Ok(SpendFit {
            model,
            log_likelihood: -optimum.value * data.len() as f64,
            n_customers: data.len(),
            iterations: optimum.iterations,
            frequency_spend_correlation: correlation(data),
        })
    }

    /// E[M | m̄, x] = (γ + m̄·x)·p / (p·x + q − 1); for x = 0 the
    /// population mean p·γ / (q − 1).
    pub fn expected_spend(&self, x: f64, mean_value: f64) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        if x <= 0.0 {
            return p * gamma / (q - 1.0);
        }
        (gamma + mean_value * x) * p / (p * x + q - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::numeric_gradient;

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data = [
            SpendHistory {
                x: 1.0,
                mean_value: 12.0,
            },
            SpendHistory {
                x: 4.0,
                mean_value: 30.5,
            },
            SpendHistory {
                x: 2.0,
                mean_value: 7.25,
            },
        ];
        let objective = SpendObjective::new(&data);
        let lp = [1.5f64.ln(), 3.0f64.ln(), 10.0f64.ln()];
        let (_, g) = objective.eval(&lp);
        let n = numeric_gradient(|p| objective.eval(p).0, &lp);
        for (a, b) in g.iter().zip(&n) {
            assert!((a - b).abs() < 1e-6, "{g:?} vs {n:?}");
        }
    }

    #[test]
    fn constant_spend_is_degenerate_not_nan() {
        let data = vec![
            SpendHistory {
                x: 2.0,
                mean_value: 20.0
            };
            10
        ];
        assert!(matches!(
            GammaGamma::fit(&data),
            Err(Error::Degenerate { .. })
        ));
        let bad = [
            SpendHistory {
                x: 2.0,
                mean_value: 20.0,
            },
            SpendHistory {
                x: 1.0,
                mean_value: 0.0,
            },
        ];
        assert!(
            GammaGamma::fit(&bad)
                .unwrap_err()
                .to_string()
                .contains("customer 1")
        );
    }
}
