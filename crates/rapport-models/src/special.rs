//! Special functions the models need that no maintained crate offers:
//! log-beta with positive arguments, the sign-aware log-gamma, and the Gauss
//! hypergeometric function 2F1 in log space.
//!
//! `ln Γ` and `ψ` (digamma) come from `statrs`; everything built on them is
//! here so each model evaluates its likelihood in log space (MODELS.md: "work
//! in log space … so large x and T do not overflow").

use statrs::function::gamma::ln_gamma;

use crate::{Error, Result};

pub use statrs::function::gamma::digamma;

/// `ln Γ(x)` for `x > 0`.
#[inline]
pub fn lgamma(x: f64) -> f64 {
    ln_gamma(x)
}

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)` for `a, b > 0`.
#[inline]
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// `(sign, ln |Γ(x)|)` for any real `x` that is not a pole (0, −1, −2, …).
///
/// For negative `x` it uses the reflection `Γ(x) Γ(1 − x) = π / sin(πx)`;
/// `statrs::ln_gamma` alone returns NaN where `Γ` is negative.
pub fn signed_lgamma(x: f64) -> Option<(f64, f64)> {
    if x > 0.0 {
        return Some((1.0, ln_gamma(x)));
    }
    if x == x.floor() {
        return None;
    }
    let s = (std::f64::consts::PI * x).sin();
    Some((
        s.signum(),
        std::f64::consts::PI.ln() - s.abs().ln() - ln_gamma(1.0 - x),
    ))
}

/// Trigamma ψ₁(x) = d² ln Γ(x) / dx² for `x > 0`, which Newton steps need
/// for the Hessian and `statrs` does not offer: the recurrence
/// ψ₁(x) = ψ₁(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
/// 1/x + 1/(2x²) + Σ B₂ₖ / x²ᵏ⁺¹ (Abramowitz & Stegun 6.4.12), whose first
/// omitted term is below 10⁻¹⁴ there.
pub fn trigamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let (mut x, mut acc) = (x, 0.0);
    while x < 10.0 {
        acc += 1.0 / (x * x);
        x += 1.0;
    }
    let z = 1.0 / (x * x);
    let series =
        1.0 / 6.0 - z * (1.0 / 30.0 - z * (1.0 / 42.0 - z * (1.0 / 30.0 - z * 5.0 / 66.0)));
    acc + 1.0 / x + z / 2.0 + z / x * series
}

/// `ln(e^a + e^b)` without overflow.
#[inline]
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let m = a.max(b);
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// Largest `z` summed by the plain series before the `1 − z` transformation
/// is tried; below it the series needs at most a few hundred terms.
const SERIES_Z_LIMIT: f64 = 0.9;
/// Terms the series may take before it is declared not converged.
const MAX_TERMS: usize = 2_000_000;

/// `ln 2F1(a, b; c; z)` for `a, b, c > 0` and `0 ≤ z < 1`, where every
/// term of the series is positive (the case of every BTYD formula).
///
/// The series `Σ (a)_k (b)_k / ((c)_k k!) z^k` is summed with a running
/// log-scale, so `a` and `b` in the thousands (huge x) do not overflow. For
/// `z > 0.9` the connection formula to `1 − z` (Abramowitz & Stegun 15.3.6)
/// is used when `c − a − b` is not an integer and its two terms do not
/// cancel; otherwise the series goes on, up to two million terms.
///
/// # Errors
/// [`Error::Numerical`] when the arguments are outside that domain or the
/// series does not converge.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    if !(a > 0.0 && b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z) && a.is_finite()) {
        return Err(Error::Numerical {
            what: "2F1",
            detail: format!("arguments outside a, b, c > 0, 0 <= z < 1: ({a}, {b}, {c}, {z})"),
        });
    }
    if z == 0.0 {
        return Ok(0.0);
    }
    if z > SERIES_Z_LIMIT
        && let Some(v) = connection_near_one(a, b, c, z)
    {
        return Ok(v);
    }
    series(a, b, c, z)
}

/// The hypergeometric series in log space.
fn series(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    let mut scale = 0.0f64; // the sum and the term are both × e^scale
    let mut sum = 1.0f64;
    let mut term = 1.0f64;
    let mut quiet = 0; // consecutive negligible terms
    for k in 0..MAX_TERMS {
        let kf = k as f64;
        term *= (a + kf) * (b + kf) / ((c + kf) * (kf + 1.0)) * z;
        sum += term;
        if sum > 1e280 {
            let ln_shift = sum.ln();
            sum /= ln_shift.exp();
            term /= ln_shift.exp();
            scale += ln_shift;
        }
        // Past the peak the terms shrink geometrically at least like
        // z^k·k^(a+b−c−1), so three tiny terms in a row end the sum.
        if term <= sum * 1e-17 {
            quiet += 1;
            if quiet >= 3 && (a + kf) * (b + kf) * z < (c + kf) * (kf + 1.0) {
                return Ok(scale + sum.ln());
            }
        } else {
            quiet = 0;
        }
        if !sum.is_finite() {
            break;
        }
    }
    Err(Error::Numerical {
        what: "2F1",
        detail: format!("series did not converge for ({a}, {b}, {c}, {z})"),
    })
}

/// A&S 15.3.6: for `c − a − b` not an integer,
///
/// ```text
/// 2F1(a,b;c;z) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) · 2F1(a, b; a+b−c+1; 1−z)
///   + (1−z)^(c−a−b) Γ(c)Γ(a+b−c)/(Γ(a)Γ(b)) · 2F1(c−a, c−b; c−a−b+1; 1−z)
/// ```
///
/// Returns `None` when the formula does not apply or loses more than half
/// the digits to cancellation, so the caller falls back to the series.
fn connection_near_one(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let s = c - a - b;
    if (s - s.round()).abs() < 1e-4 {
        return None;
    }
    let w = 1.0 - z;
    let f1 = signed_hyp2f1_small(a, b, 1.0 - s, w)?;
    let f2 = signed_hyp2f1_small(c - a, c - b, 1.0 + s, w)?;
    let (g_c, l_c) = signed_lgamma(c)?;
    let (g_s, l_s) = signed_lgamma(s)?;
    let (g_ca, l_ca) = signed_lgamma(c - a)?;
    let (g_cb, l_cb) = signed_lgamma(c - b)?;
    let (g_ms, l_ms) = signed_lgamma(-s)?;
    let (g_a, l_a) = signed_lgamma(a)?;
    let (g_b, l_b) = signed_lgamma(b)?;
    let t1 = (
        g_c * g_s * g_ca * g_cb * f1.0,
        l_c + l_s - l_ca - l_cb + f1.1,
    );
    let t2 = (
        g_c * g_ms * g_a * g_b * f2.0,
        s * w.ln() + l_c + l_ms - l_a - l_b + f2.1,
    );
    let m = t1.1.max(t2.1);
    let total = t1.0 * (t1.1 - m).exp() + t2.0 * (t2.1 - m).exp();
    // Positive by construction (all series terms are); cancellation shows
    // as a total much smaller than its largest part.
    if total <= 1e-8 || !total.is_finite() {
        return None;
    }
    Some(m + total.ln())
}

/// `(sign, ln |2F1(a, b; c; w)|)` by the series for small `w` (≤ 0.1),
/// where parameters may be negative. Returns `None` at a pole of `c`.
fn signed_hyp2f1_small(a: f64, b: f64, c: f64, w: f64) -> Option<(f64, f64)> {
    if c <= 0.0 && c == c.floor() {
        return None;
    }
    let mut sum = 1.0f64;
    let mut term = 1.0f64;
    for k in 0..10_000 {
        let kf = k as f64;
        term *= (a + kf) * (b + kf) / ((c + kf) * (kf + 1.0)) * w;
        sum += term;
        if term.abs() <= sum.abs() * 1e-17 && k > 2 {
            if sum == 0.0 || !sum.is_finite() {
                return None;
            }
            return Some((sum.signum(), sum.abs().ln()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn trigamma_matches_known_values_and_the_derivative_of_digamma() {
        let pi2 = std::f64::consts::PI.powi(2);
        assert!(close(trigamma(1.0), pi2 / 6.0, 1e-12));
        assert!(close(trigamma(0.5), pi2 / 2.0, 1e-12));
        // ψ₁(n) = π²/6 − Σ_{k<n} 1/k²
        assert!(close(trigamma(3.0), pi2 / 6.0 - 1.0 - 0.25, 1e-12));
        for x in [0.01, 0.7, 5.9, 6.0, 42.0, 1e4] {
            let h = 1e-5 * x;
            let numeric = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!(close(trigamma(x), numeric, 1e-6), "x = {x}");
        }
        assert!(trigamma(0.0).is_nan() && trigamma(-1.0).is_nan());
    }

    /// Reference values from mpmath 1.3 (`mp.dps = 30; hyp2f1(a, b, c, z)`),
    /// an independent arbitrary-precision implementation.
    #[test]
    fn hyp2f1_matches_mpmath() {
        let cases = [
            (1.0, 1.0, 2.0, 0.5, 1.386_294_361_119_890_6), // −ln(1−z)/z
            (2.3, 4.1, 5.7, 0.3, 1.777_133_890_372_709_7),
            (2.3, 4.1, 5.7, 0.95, 51.827_294_767_630_23),
            (0.9, 5.0, 6.2, 0.47, 1.550_551_983_734_295_8),
            (10.9, 15.0, 20.2, 0.999, 7.968_229_362_408_567e18),
            (1.0, 10.0, 11.3, 1.0 / 1.1, 5.949_141_785_681_696),
        ];
        for (a, b, c, z, want) in cases {
            let got = ln_hyp2f1(a, b, c, z).unwrap().exp();
            assert!(
                close(got, want, 1e-10),
                "2F1({a},{b},{c},{z}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn series_and_transformation_agree_near_their_border() {
        for &(a, b, c) in &[(2.3, 4.1, 5.7), (0.7, 1.9, 3.3), (12.5, 3.2, 9.9)] {
            let z = 0.93;
            let via_series = series(a, b, c, z).unwrap();
            let via_connection = connection_near_one(a, b, c, z).unwrap();
            assert!(
                (via_series - via_connection).abs() < 1e-10,
                "({a},{b},{c}): {via_series} vs {via_connection}"
            );
        }
    }

    #[test]
    fn huge_parameters_stay_finite() {
        let v = ln_hyp2f1(5_000.9, 5_003.0, 5_004.2, 0.6).unwrap();
        assert!(v.is_finite() && v > 0.0);
        assert!(ln_hyp2f1(1.0, 1.0, 2.0, 1.0).is_err());
        assert!(ln_hyp2f1(-1.0, 1.0, 2.0, 0.5).is_err());
    }

    #[test]
    fn signed_lgamma_reflects() {
        let (s, l) = signed_lgamma(-0.5).unwrap();
        // Γ(−0.5) = −2√π
        assert_eq!(s, -1.0);
        assert!(close(l.exp(), 2.0 * std::f64::consts::PI.sqrt(), 1e-13));
        assert!(signed_lgamma(-2.0).is_none());
    }
}
