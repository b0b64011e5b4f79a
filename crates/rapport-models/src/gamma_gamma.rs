//! The Gamma-Gamma spend model (MODELS.md, "Gamma-Gamma spend model";
//! Fader, Hardie & Lee 2005, "RFM and CLV").
//!
//! A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ)
//! across customers. Fitted on customers with at least one repeat
//! transaction and a positive mean repeat value m̄.

use crate::optimize::{
    Objective, SUBSAMPLE_FROM, SUBSAMPLE_SIZE, SecondOrder, in_log_space, minimize_large,
};
use crate::parallel::sum_over_ranges;
use crate::special::{digamma, lgamma, trigamma};
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

/// The customers, with what does not depend on the parameters computed
/// once: per distinct x, the count and Σ ln m̄. An evaluation then costs the
/// x-only special functions once per distinct x and one logarithm per
/// customer, the latter split across threads.
struct SpendObjective {
    /// (x, count, Σ ln m̄) per distinct x.
    groups: Vec<(f64, f64, f64)>,
    xs: Vec<f64>,
    mean_values: Vec<f64>,
    n: f64,
}

/// Customers at or above which an evaluation is split across threads.
const PARALLEL_CUSTOMERS: usize = 50_000;

/// Value, gradient in (p, q, γ) and Hessian (row-major 3 × 3).
type SpendSums = (f64, [f64; 3], [f64; 9]);

fn add_sums(mut a: SpendSums, b: &SpendSums) -> SpendSums {
    a.0 += b.0;
    for (x, y) in a.1.iter_mut().zip(&b.1) {
        *x += y;
    }
    for (x, y) in a.2.iter_mut().zip(&b.2) {
        *x += y;
    }
    a
}

impl SpendObjective {
    fn new(data: &[SpendHistory]) -> SpendObjective {
        SpendObjective::from_columns(
            data.iter().map(|h| h.x).collect(),
            data.iter().map(|h| h.mean_value).collect(),
        )
    }

    fn from_columns(xs: Vec<f64>, mean_values: Vec<f64>) -> SpendObjective {
        // x is a count (checked by the caller): a table indexed by it
        // gathers the groups in one pass, unless some x is so large that
        // the table would dwarf the data.
        let largest = xs.iter().fold(0.0f64, |m, &x| m.max(x));
        let groups: Vec<(f64, f64, f64)> = if largest <= (4 * xs.len() + 1024) as f64 {
            // Each core tables its share; the tables are added.
            let by_x = sum_over_ranges(
                xs.len(),
                PARALLEL_CUSTOMERS,
                |range| {
                    let mut table = vec![(0.0f64, 0.0f64); largest as usize + 1];
                    for (x, m) in xs[range.clone()].iter().zip(&mean_values[range]) {
                        let e = &mut table[*x as usize];
                        e.0 += 1.0;
                        e.1 += m.ln();
                    }
                    table
                },
                |mut a, b| {
                    for (e, f) in a.iter_mut().zip(b) {
                        e.0 += f.0;
                        e.1 += f.1;
                    }
                    a
                },
                || vec![(f64::NAN, f64::NAN); largest as usize + 1],
            );
            by_x.into_iter()
                .enumerate()
                .filter(|(_, (count, _))| *count > 0.0)
                .map(|(x, (count, sum_ln_m))| (x as f64, count, sum_ln_m))
                .collect()
        } else {
            let mut by_x: std::collections::BTreeMap<u64, (f64, f64)> = Default::default();
            for (x, m) in xs.iter().zip(&mean_values) {
                let e = by_x.entry(x.to_bits()).or_default();
                e.0 += 1.0;
                e.1 += m.ln();
            }
            by_x.into_iter()
                .map(|(x, (count, sum_ln_m))| (f64::from_bits(x), count, sum_ln_m))
                .collect()
        };
        SpendObjective {
            groups,
            n: xs.len() as f64,
            xs,
            mean_values,
        }
    }

    /// Every `step`-th customer.
    fn subsample(&self, step: usize) -> SpendObjective {
        let step = step.max(1);
        SpendObjective::from_columns(
            self.xs.iter().step_by(step).copied().collect(),
            self.mean_values.iter().step_by(step).copied().collect(),
        )
    }

    /// ln L = Σ_x c[ln Γ(px+q) − ln Γ(px) + px ln x] + (px−1) Σ ln m̄
    ///        + n[q ln γ − ln Γ(q)] − Σ_i (px_i+q) ln(γ + m̄_i x_i),
    /// with its gradient and (with `HESSIAN`) its Hessian in (p, q, γ).
    fn log_likelihood<const HESSIAN: bool>(&self, m: GammaGamma) -> SpendSums {
        let GammaGamma { p, q, gamma } = m;
        let n = self.n;
        let mut s: SpendSums = (0.0, [0.0; 3], [0.0; 9]);
        s.0 = n * (q * gamma.ln() - lgamma(q));
        s.1[1] = n * (gamma.ln() - digamma(q));
        s.1[2] = n * q / gamma;
        if HESSIAN {
            s.2[4] = -n * trigamma(q);
            s.2[5] = n / gamma;
            s.2[8] = -n * q / (gamma * gamma);
        }
        for &(x, count, sum_ln_m) in &self.groups {
            let px = p * x;
            let (dg_pxq, ln_x) = (digamma(px + q), x.ln());
            s.0 += count * (lgamma(px + q) - lgamma(px) + px * ln_x) + (px - 1.0) * sum_ln_m;
            s.1[0] += x * (count * (dg_pxq - digamma(px) + ln_x) + sum_ln_m);
            s.1[1] += count * dg_pxq;
            if HESSIAN {
                let tg_pxq = trigamma(px + q);
                s.2[0] += x * x * count * (tg_pxq - trigamma(px));
                s.2[1] += x * count * tg_pxq;
                s.2[4] += count * tg_pxq;
            }
        }
        let per_customer = sum_over_ranges(
            self.xs.len(),
            PARALLEL_CUSTOMERS,
            |range| self.customer_part::<HESSIAN>(m, range),
            |a, b| add_sums(a, &b),
            || (f64::NAN, [0.0; 3], [0.0; 9]),
        );
        s = add_sums(s, &per_customer);
        if HESSIAN {
            for i in 0..3 {
                for j in 0..i {
                    s.2[i * 3 + j] = s.2[j * 3 + i];
                }
            }
        }
        s
    }

    /// −Σ (px_i+q) ln(γ + m̄_i x_i) over `range`, with its derivatives
    /// (upper triangle of the Hessian).
    fn customer_part<const HESSIAN: bool>(
        &self,
        m: GammaGamma,
        range: std::ops::Range<usize>,
    ) -> SpendSums {
        let GammaGamma { p, q, gamma } = m;
        let mut s: SpendSums = (0.0, [0.0; 3], [0.0; 9]);
        for (&x, &mv) in self.xs[range.clone()].iter().zip(&self.mean_values[range]) {
            let base = gamma + mv * x;
            let (ln_base, inv_base) = (base.ln(), 1.0 / base);
            let pxq = p * x + q;
            s.0 -= pxq * ln_base;
            s.1[0] -= x * ln_base;
            s.1[1] -= ln_base;
            s.1[2] -= pxq * inv_base;
            if HESSIAN {
                s.2[2] -= x * inv_base;
                s.2[5] -= inv_base;
                s.2[8] += pxq * inv_base * inv_base;
            }
        }
        s
    }

    fn params(lp: &[f64]) -> GammaGamma {
        GammaGamma {
            p: lp[0].exp(),
            q: lp[1].exp(),
            gamma: lp[2].exp(),
        }
    }
}

impl Objective for SpendObjective {
    fn eval(&self, lp: &[f64]) -> (f64, Vec<f64>) {
        let m = SpendObjective::params(lp);
        let s = self.log_likelihood::<false>(m);
        let (v, g, _) = in_log_space(s.0, &s.1, &[], &[m.p, m.q, m.gamma], self.n);
        (v, g)
    }
}

impl SecondOrder for SpendObjective {
    fn eval_second(&self, lp: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
        let m = SpendObjective::params(lp);
        let s = self.log_likelihood::<true>(m);
        in_log_space(s.0, &s.1, &s.2, &[m.p, m.q, m.gamma], self.n)
    }
}

/// What one pass over the customers (on all cores) tells the fit: the
/// first invalid customer, the spread of mean values, and the sums that the
/// start, and the frequency–spend correlation, need.
#[derive(Debug, Clone, Copy)]
struct Moments {
    first_bad: Option<usize>,
    min_m: f64,
    max_m: f64,
    n: f64,
    sx: f64,
    sm: f64,
    sxx: f64,
    smm: f64,
    sxm: f64,
}

fn valid(h: &SpendHistory) -> bool {
    h.x >= 1.0
        && h.x.fract() == 0.0
        && h.x.is_finite()
        && h.mean_value > 0.0
        && h.mean_value.is_finite()
}

impl Moments {
    fn of(data: &[SpendHistory]) -> Moments {
        sum_over_ranges(
            data.len(),
            PARALLEL_CUSTOMERS,
            |range| {
                let mut m = Moments {
                    first_bad: None,
                    min_m: f64::INFINITY,
                    max_m: f64::NEG_INFINITY,
                    n: 0.0,
                    sx: 0.0,
                    sm: 0.0,
                    sxx: 0.0,
                    smm: 0.0,
                    sxm: 0.0,
                };
                for i in range {
                    let h = &data[i];
                    if !valid(h) {
                        m.first_bad.get_or_insert(i);
                        continue;
                    }
                    let (x, v) = (h.x, h.mean_value);
                    m.min_m = m.min_m.min(v);
                    m.max_m = m.max_m.max(v);
                    m.n += 1.0;
                    m.sx += x;
                    m.sm += v;
                    m.sxx += x * x;
                    m.smm += v * v;
                    m.sxm += x * v;
                }
                m
            },
            |a, b| Moments {
                first_bad: a.first_bad.or(b.first_bad),
                min_m: a.min_m.min(b.min_m),
                max_m: a.max_m.max(b.max_m),
                n: a.n + b.n,
                sx: a.sx + b.sx,
                sm: a.sm + b.sm,
                sxx: a.sxx + b.sxx,
                smm: a.smm + b.smm,
                sxm: a.sxm + b.sxm,
            },
            || Moments {
                first_bad: Some(0),
                min_m: f64::NAN,
                max_m: f64::NAN,
                n: f64::NAN,
                sx: f64::NAN,
                sm: f64::NAN,
                sxx: f64::NAN,
                smm: f64::NAN,
                sxm: f64::NAN,
            },
        )
    }

    fn mean_value(&self) -> f64 {
        self.sm / self.n
    }

    /// Pearson's correlation of x and m̄ from the sums (0 when either is
    /// constant); only two decimals of it are ever read.
    fn correlation(&self) -> f64 {
        let (mx, mm) = (self.sx / self.n, self.sm / self.n);
        let sxy = self.sxm - self.n * mx * mm;
        let sxx = self.sxx - self.n * mx * mx;
        let syy = self.smm - self.n * mm * mm;
        if sxx <= 0.0 || syy <= 0.0 {
            0.0
        } else {
            (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
        }
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
        let moments = Moments::of(data);
        if let Some(i) = moments.first_bad {
            let h = &data[i];
            let detail = if h.x >= 1.0 && h.x.fract() == 0.0 && h.x.is_finite() {
                format!(
                    "customer {i}: mean transaction value {} must be positive",
                    h.mean_value
                )
            } else {
                format!("customer {i}: x = {} must be a count of at least 1", h.x)
            };
            return Err(Error::BadInput {
                model: MODEL,
                detail,
            });
        }
        let first = data[0].mean_value;
        if moments.max_m - first <= 1e-12 * first && first - moments.min_m <= 1e-12 * first {
            return Err(Error::Degenerate {
                model: MODEL,
                detail: format!(
                    "every customer's mean transaction value is {first}; with no spread the expected spend is simply {first}"
                ),
            });
        }
        let mean = moments.mean_value();
        let objective = SpendObjective::new(data);
        // p and γ trade off along a ridge, so a subsample pins them down
        // poorly; five times the usual size keeps the full fit to a few
        // Newton steps, and one customer costs a tenth of a BG/NBD group.
        let sample = (data.len() >= SUBSAMPLE_FROM)
            .then(|| objective.subsample(data.len() / (5 * SUBSAMPLE_SIZE)));
        let optimum = minimize_large(
            MODEL,
            &objective,
            sample.as_ref(),
            vec![0.0, 0.0, mean.ln()],
        )?;
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
            frequency_spend_correlation: moments.correlation(),
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
    fn analytic_gradient_and_hessian_match_finite_differences() {
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
        crate::optimize::assert_hessian_matches(&objective, &lp);
    }

    #[test]
    fn one_pass_moments_match_a_two_pass_correlation() {
        let data: Vec<SpendHistory> = (1..=200u32)
            .map(|i| SpendHistory {
                x: f64::from(1 + i % 7),
                mean_value: 20.0 + f64::from(i % 13) * 3.5 + f64::from(i % 7) * 2.0,
            })
            .collect();
        let n = data.len() as f64;
        let mx = data.iter().map(|h| h.x).sum::<f64>() / n;
        let mm = data.iter().map(|h| h.mean_value).sum::<f64>() / n;
        let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
        for h in &data {
            sxy += (h.x - mx) * (h.mean_value - mm);
            sxx += (h.x - mx).powi(2);
            syy += (h.mean_value - mm).powi(2);
        }
        let m = Moments::of(&data);
        assert!((m.correlation() - sxy / (sxx * syy).sqrt()).abs() < 1e-12);
        assert!((m.mean_value() - mm).abs() < 1e-12);
        assert_eq!(m.first_bad, None);
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
