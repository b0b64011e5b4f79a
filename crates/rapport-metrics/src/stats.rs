//! The statistics behind "significant": intervals and tests of difference
//! (METRICS.md, "Tests of difference", "NPS", "CSAT").
//!
//! Written here rather than taken from a crate because each follows one
//! exact textbook formula that METRICS.md names; `statrs` supplies the
//! distributions.

use serde::{Deserialize, Serialize};
use statrs::distribution::{Beta, ContinuousCDF, Normal, StudentsT};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Two-sided p-value of a standard normal statistic, from the survival
/// function: `1 − cdf` loses every digit beyond |z| ≈ 8 (it is 0 for
/// |z| = 10, where the p-value is 1.5e-23).
fn normal_sf2(z: f64) -> f64 {
    2.0 * Normal::standard().sf(z.abs())
}

/// Wilson score interval (95 %) of a proportion x/n, in [0, 1].
pub fn wilson(x: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 || x < 0.0 || x > n {
        return None;
    }
    let p = x / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// A test of difference (METRICS.md, "Tests of difference"), named in
/// JSON as METRICS.md names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// Two proportions: the pooled two-proportion z-test.
    TwoProportionZ,
    /// Two means: Welch's t-test.
    WelchT,
    /// Two NPS values: the combined margin of error.
    NpsMargin,
    /// Two counts over their days: the Poisson rate test.
    PoissonRate,
}

impl Test {
    /// The name JSON and the terminal use.
    pub fn name(self) -> &'static str {
        match self {
            Test::TwoProportionZ => "two_proportion_z",
            Test::WelchT => "welch_t",
            Test::NpsMargin => "nps_margin",
            Test::PoissonRate => "poisson_rate",
        }
    }
}

impl std::fmt::Display for Test {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The outcome of a test of difference between a baseline (A) and a
/// challenger (B) or between a previous and a current period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub test: Test,
    /// Two-sided p-value (for `nps_margin`, the normal p-value of the same
    /// statistic).
    pub p_value: f64,
    /// Whether the difference is significant at 95 %.
    pub significant: bool,
}

/// NPS of promoters `p` and detractors `d` among `n`, its per-response
/// variance, and the 95 % margin of error in points (METRICS.md, "NPS").
pub fn nps(p: f64, d: f64, n: f64) -> Option<(f64, f64, f64)> {
    if n <= 0.0 {
        return None;
    }
    let (pp, pd) = (p / n, d / n);
    let var = (pp + pd - (pp - pd).powi(2)).max(0.0);
    Some(((pp - pd) * 100.0, var, Z95 * (var / n).sqrt() * 100.0))
}

/// A change in NPS is significant when it exceeds the combined margin
/// `1.96 · sqrt(var1/n1 + var2/n2)` (METRICS.md, "NPS").
pub fn nps_change(a: (f64, f64, f64), b: (f64, f64, f64)) -> Option<TestResult> {
    let (nps_a, var_a, _) = nps(a.0, a.1, a.2)?;
    let (nps_b, var_b, _) = nps(b.0, b.1, b.2)?;
    let se = (var_a / a.2 + var_b / b.2).sqrt() * 100.0;
    let diff = nps_b - nps_a;
    if se == 0.0 {
        return Some(TestResult {
            test: Test::NpsMargin,
            p_value: if diff == 0.0 { 1.0 } else { 0.0 },
            significant: diff != 0.0,
        });
    }
    Some(TestResult {
        test: Test::NpsMargin,
        p_value: normal_sf2(diff / se),
        significant: diff.abs() > Z95 * se,
    })
}

/// Two-sided two-proportion z-test with pooled variance.
pub fn two_proportion(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<TestResult> {
    if n1 <= 0.0 || n2 <= 0.0 || x1 > n1 || x2 > n2 || x1 < 0.0 || x2 < 0.0 {
        return None;
    }
    let pooled = (x1 + x2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let diff = x2 / n2 - x1 / n1;
    let p_value = if se == 0.0 {
        if diff == 0.0 { 1.0 } else { 0.0 }
    } else {
        normal_sf2(diff / se)
    };
    Some(TestResult {
        test: Test::TwoProportionZ,
        p_value,
        significant: p_value < 0.05,
    })
}

/// Summary of a sample of values: enough for means, intervals and Welch.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moments {
    pub n: f64,
    pub mean: f64,
    /// Sample variance (n − 1 denominator); 0 when n < 2.
    pub var: f64,
}

impl Moments {
    /// From a count, a sum and a sum of squares, as SQL aggregates give
    /// them. The variance is computed around the mean to limit cancellation.
    pub fn from_sums(n: f64, sum: f64, sum_sq: f64) -> Moments {
        if n <= 0.0 {
            return Moments::default();
        }
        let mean = sum / n;
        let var = if n > 1.0 {
            ((sum_sq - n * mean * mean) / (n - 1.0)).max(0.0)
        } else {
            0.0
        };
        Moments { n, mean, var }
    }

    /// 95 % interval of the mean (Student's t).
    pub fn mean_interval(&self) -> Option<(f64, f64)> {
        if self.n < 2.0 {
            return None;
        }
        let t = StudentsT::new(0.0, 1.0, self.n - 1.0)
            .ok()?
            .inverse_cdf(0.975);
        let half = t * (self.var / self.n).sqrt();
        Some((self.mean - half, self.mean + half))
    }
}

/// Welch's t-test for a difference of means; also the Welch–Satterthwaite
/// degrees of freedom.
pub fn welch(a: Moments, b: Moments) -> Option<(TestResult, f64, f64)> {
    if a.n < 2.0 || b.n < 2.0 {
        return None;
    }
    let (va, vb) = (a.var / a.n, b.var / b.n);
    let se2 = va + vb;
    let diff = b.mean - a.mean;
    if se2 == 0.0 {
        let p = if diff == 0.0 { 1.0 } else { 0.0 };
        return Some((
            TestResult {
                test: Test::WelchT,
                p_value: p,
                significant: diff != 0.0,
            },
            f64::INFINITY,
            0.0,
        ));
    }
    let t = diff / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p_value = 2.0 * dist.sf(t.abs());
    Some((
        TestResult {
            test: Test::WelchT,
            p_value,
            significant: p_value < 0.05,
        },
        df,
        t,
    ))
}

/// Whether two event counts over periods of `days1` and `days2` days differ
/// in rate: conditional on the total, c2 ~ Binomial(c1 + c2, d2/(d1 + d2));
/// tested with the normal approximation (exact enough above ~20 events,
/// where counts are worth testing at all).
pub fn poisson_rates(c1: f64, days1: f64, c2: f64, days2: f64) -> Option<TestResult> {
    let total = c1 + c2;
    if total < 1.0 || days1 <= 0.0 || days2 <= 0.0 {
        return None;
    }
    let p0 = days2 / (days1 + days2);
    let z = (c2 - total * p0) / (total * p0 * (1.0 - p0)).sqrt();
    let p_value = normal_sf2(z);
    Some(TestResult {
        test: Test::PoissonRate,
        p_value,
        significant: p_value < 0.05,
    })
}

/// Relative lift of B over A (p_b/p_a − 1) with its 95 % interval by the
/// delta method on the log of the risk ratio.
pub fn relative_lift(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<(f64, f64, f64)> {
    if x1 <= 0.0 || x2 <= 0.0 || n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let (p1, p2) = (x1 / n1, x2 / n2);
    let log_rr = (p2 / p1).ln();
    let se = ((1.0 - p1) / x1 + (1.0 - p2) / x2).sqrt();
    Some((
        p2 / p1 - 1.0,
        (log_rr - Z95 * se).exp() - 1.0,
        (log_rr + Z95 * se).exp() - 1.0,
    ))
}

/// Bayesian comparison of two proportions with Beta(1, 1) priors:
/// P(B > A) and the expected loss of choosing B (E[max(A − B, 0)]) and of
/// choosing A, by integrating over B's posterior (Simpson's rule on the
/// region holding all but ~1e-12 of its mass; the inner integrals are
/// closed forms in the regularised incomplete beta).
pub fn bayes_beta(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<BayesResult> {
    if n1 < x1 || n2 < x2 || x1 < 0.0 || x2 < 0.0 {
        return None;
    }
    let a = Beta::new(1.0 + x1, 1.0 + n1 - x1).ok()?;
    let a_shift = Beta::new(2.0 + x1, 1.0 + n1 - x1).ok()?;
    let b = Beta::new(1.0 + x2, 1.0 + n2 - x2).ok()?;
    let mean_a = (1.0 + x1) / (2.0 + n1);
    let mean_b = (1.0 + x2) / (2.0 + n2);
    // Integrate over B's density; bounds from B's quantiles.
    let lo = b.inverse_cdf(1e-12).max(0.0);
    let hi = b.inverse_cdf(1.0 - 1e-12).min(1.0);
    let steps = 4000usize;
    let h = (hi - lo) / steps as f64;
    let (mut p_gt, mut loss_b) = (0.0, 0.0);
    let mut norm = 0.0;
    for i in 0..=steps {
        let t = lo + h * i as f64;
        let w = if i == 0 || i == steps {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        let f = statrs::distribution::Continuous::pdf(&b, t);
        if !f.is_finite() {
            continue;
        }
        norm += w * f;
        p_gt += w * f * a.cdf(t);
        // E[(A − t)⁺] = mean_a · (1 − F_{A+1}(t)) − t · (1 − F_A(t))
        loss_b += w * f * (mean_a * a_shift.sf(t) - t * a.sf(t));
    }
    if norm <= 0.0 {
        return None;
    }
    let p_b_better = (p_gt / norm).clamp(0.0, 1.0);
    let loss_b = (loss_b / norm).max(0.0);
    // E[(B − A)⁺] = E[B − A] + E[(A − B)⁺]
    let loss_a = (mean_b - mean_a + loss_b).max(0.0);
    Some(BayesResult {
        p_b_better,
        expected_loss_b: loss_b,
        expected_loss_a: loss_a,
    })
}

/// Output of [`bayes_beta`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BayesResult {
    /// P(p_B > p_A) under the posteriors.
    pub p_b_better: f64,
    /// Expected shortfall in proportion if B is chosen and A was better.
    pub expected_loss_b: f64,
    /// Expected shortfall if A is chosen and B was better.
    pub expected_loss_a: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn nps_worked_example() {
        // METRICS.md: 300 promoters, 100 passives, 100 detractors of 500.
        let (score, var, moe) = nps(300.0, 100.0, 500.0).unwrap();
        assert!(close(score, 40.0, 1e-12));
        // var = 0.6 + 0.2 − 0.16 = 0.64; moe = 1.96·sqrt(0.64/500)·100
        assert!(close(var, 0.64, 1e-12));
        assert!(close(moe, 7.0123, 1e-3), "{moe}");
    }

    #[test]
    fn wilson_matches_a_published_value() {
        // Wilson (1927) as tabulated by Newcombe (1998), example 81/263:
        // 0.2553 to 0.3662.
        let (lo, hi) = wilson(81.0, 263.0).unwrap();
        assert!(
            close(lo, 0.2553, 1e-4) && close(hi, 0.3662, 1e-4),
            "{lo} {hi}"
        );
        // Zero successes still give an informative upper bound.
        let (lo, hi) = wilson(0.0, 10.0).unwrap();
        assert_eq!(lo, 0.0);
        assert!(close(hi, 0.2775, 1e-4), "{hi}");
    }

    #[test]
    fn two_proportion_test_against_hand_computation() {
        // 200/1000 vs 250/1000: pooled 0.225, se = sqrt(.225·.775·.002)
        // = 0.018675, z = 2.6774, p = 0.00742.
        let r = two_proportion(200.0, 1000.0, 250.0, 1000.0).unwrap();
        assert!(close(r.p_value, 0.00742, 2e-5), "{}", r.p_value);
        assert!(r.significant);
        assert!(
            !two_proportion(200.0, 1000.0, 210.0, 1000.0)
                .unwrap()
                .significant
        );
    }

    #[test]
    fn welch_against_a_textbook_example() {
        // Two samples with n = 10, means 20 and 22, sd 3 and 4:
        // t = 2/sqrt(0.9 + 1.6) = 1.2649, df = 2.5² / (0.81/9 + 2.56/9)
        // = 16.69, p ≈ 0.2233.
        let a = Moments {
            n: 10.0,
            mean: 20.0,
            var: 9.0,
        };
        let b = Moments {
            n: 10.0,
            mean: 22.0,
            var: 16.0,
        };
        let (r, df, t) = welch(a, b).unwrap();
        assert!(close(t, 1.2649, 1e-4));
        assert!(close(df, 16.69, 1e-2), "{df}");
        assert!(close(r.p_value, 0.2233, 1e-3), "{}", r.p_value);
    }

    #[test]
    fn moments_from_sums() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let m = Moments::from_sums(8.0, xs.iter().sum(), xs.iter().map(|x| x * x).sum());
        assert!(close(m.mean, 5.0, 1e-12));
        assert!(close(m.var, 32.0 / 7.0, 1e-12));
    }

    #[test]
    fn bayes_agrees_with_a_normal_approximation_and_symmetry() {
        // Equal data: P(B > A) = 1/2 and equal losses.
        let r = bayes_beta(50.0, 1000.0, 50.0, 1000.0).unwrap();
        assert!(close(r.p_b_better, 0.5, 1e-6), "{}", r.p_b_better);
        assert!(close(r.expected_loss_a, r.expected_loss_b, 1e-9));
        // Large samples: the posterior difference is nearly normal.
        let (x1, n1, x2, n2) = (1000.0, 10000.0, 1100.0, 10000.0);
        let r = bayes_beta(x1, n1, x2, n2).unwrap();
        let (ma, mb) = ((1.0 + x1) / (2.0 + n1), (1.0 + x2) / (2.0 + n2));
        let sd = (ma * (1.0 - ma) / (3.0 + n1) + mb * (1.0 - mb) / (3.0 + n2)).sqrt();
        let approx = Normal::standard().cdf((mb - ma) / sd);
        assert!(
            close(r.p_b_better, approx, 2e-3),
            "{} vs {approx}",
            r.p_b_better
        );
        assert!(r.expected_loss_b < r.expected_loss_a);
    }

    #[test]
    fn poisson_rates_of_equal_periods() {
        // 100 vs 130 events over equal periods: z = 15/sqrt(57.5) = 1.978.
        let r = poisson_rates(100.0, 30.0, 130.0, 30.0).unwrap();
        assert!(close(r.p_value, 0.0479, 1e-3), "{}", r.p_value);
        // The same counts over a longer second period are the same rate.
        assert!(!poisson_rates(100.0, 30.0, 130.0, 39.0).unwrap().significant);
    }

    #[test]
    fn lift_interval_contains_the_point() {
        let (lift, lo, hi) = relative_lift(200.0, 1000.0, 250.0, 1000.0).unwrap();
        assert!(close(lift, 0.25, 1e-12));
        assert!(lo < lift && lift < hi && lo > 0.0);
    }

    #[test]
    fn p_values_far_in_the_tail_are_not_zero() {
        // 2·Φ(−10) = 1.523970e-23; 1 − Φ(10) in doubles is 0.
        let p = normal_sf2(10.0);
        assert!(close(p, 1.523_970_2e-23, 1e-6 * 1.523_970_2e-23), "{p}");
        assert!(close(normal_sf2(0.0), 1.0, 1e-12));
        assert!(close(normal_sf2(-1.959_963_984_540_054), 0.05, 1e-9));
    }
}
