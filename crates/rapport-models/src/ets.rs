//! Exponential smoothing state-space models, ETS (MODELS.md,
//! "Forecasting"; Hyndman, Koehler, Ord & Snyder 2008): additive or
//! multiplicative error, no / additive / damped trend, no / additive /
//! multiplicative season, fitted by maximum likelihood, chosen by AICc, with
//! prediction intervals from simulated sample paths.
//!
//! With e = y − μ the state updates are the same for both error types
//! (Hyndman et al. 2008, tables 2.2 and 2.3); the error type changes only
//! the likelihood and how simulated errors scale.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};

use crate::optimize::{minimize, numeric_gradient};
use crate::{Error, Result};

const MODEL: &str = "ets";
/// Objective value (−2 log-likelihood per observation) of an inadmissible
/// point: far above any real one.
const INADMISSIBLE: f64 = 1e6;

/// Error component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorType {
    Additive,
    Multiplicative,
}

/// Trend component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendType {
    None,
    Additive,
    Damped,
}

/// Seasonal component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonType {
    None,
    Additive,
    Multiplicative,
}

/// One ETS model form, e.g. ETS(M,A,M) with period 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtsSpec {
    pub error: ErrorType,
    pub trend: TrendType,
    pub season: SeasonType,
    /// Season length (1 without a season).
    pub period: usize,
}

impl EtsSpec {
    /// The usual short name, `ETS(M,Ad,A)`.
    pub fn name(&self) -> String {
        let e = match self.error {
            ErrorType::Additive => "A",
            ErrorType::Multiplicative => "M",
        };
        let t = match self.trend {
            TrendType::None => "N",
            TrendType::Additive => "A",
            TrendType::Damped => "Ad",
        };
        let s = match self.season {
            SeasonType::None => "N",
            SeasonType::Additive => "A",
            SeasonType::Multiplicative => "M",
        };
        format!("ETS({e},{t},{s})")
    }

    fn has_trend(&self) -> bool {
        self.trend != TrendType::None
    }

    fn has_season(&self) -> bool {
        self.season != SeasonType::None
    }
}

/// A fitted ETS model.
#[derive(Debug, Clone, PartialEq)]
pub struct EtsFit {
    pub spec: EtsSpec,
    pub alpha: f64,
    pub beta: Option<f64>,
    pub gamma: Option<f64>,
    pub phi: Option<f64>,
    pub initial_level: f64,
    pub initial_trend: Option<f64>,
    /// Initial seasonal states, in the order the first observations use them.
    pub initial_season: Vec<f64>,
    /// Variance of the innovations ε (Σε²/n).
    pub sigma2: f64,
    /// log L without its constants (as `forecast::ets` reports it).
    pub log_likelihood: f64,
    /// Free parameters counted in the information criteria (σ² included).
    pub parameters: usize,
    pub aic: f64,
    pub aicc: f64,
    pub bic: f64,
    /// State after the last observation: level, trend, seasonal states (the
    /// next observation uses `season[n % period]`).
    level: f64,
    trend: f64,
    season: Vec<f64>,
    n: usize,
}

/// Smoothing parameters and initial states of one candidate.
#[derive(Debug, Clone)]
struct Params {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
    level: f64,
    trend: f64,
    season: Vec<f64>,
}

fn sigmoid(u: f64) -> f64 {
    1.0 / (1.0 + (-u).exp())
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// Maps the unconstrained optimisation vector to parameters: α in (0, 1),
/// β in (0, α), γ in (0, 1 − α), φ in (0.8, 0.98) (the usual restrictions),
/// the free initial states as they are, and the last seasonal state set so
/// the season sums to 0 (additive) or to its length (multiplicative).
fn decode(spec: &EtsSpec, u: &[f64]) -> Params {
    let mut i = 0;
    let mut next = || {
        let v = u[i];
        i += 1;
        v
    };
    let alpha = sigmoid(next());
    let beta = if spec.has_trend() {
        alpha * sigmoid(next())
    } else {
        0.0
    };
    let gamma = if spec.has_season() {
        (1.0 - alpha) * sigmoid(next())
    } else {
        0.0
    };
    let phi = if spec.trend == TrendType::Damped {
        0.8 + 0.18 * sigmoid(next())
    } else {
        1.0
    };
    let level = next();
    let trend = if spec.has_trend() { next() } else { 0.0 };
    let mut season = Vec::new();
    if spec.has_season() {
        for _ in 0..spec.period - 1 {
            season.push(next());
        }
        let sum: f64 = season.iter().sum();
        season.push(match spec.season {
            SeasonType::Multiplicative => spec.period as f64 - sum,
            _ => -sum,
        });
    }
    Params {
        alpha,
        beta,
        gamma,
        phi,
        level,
        trend,
        season,
    }
}

/// One-step mean and the state update for observation `y` (or `None` to
/// forecast: e = 0), returning μ.
fn step(
    spec: &EtsSpec,
    p: &Params,
    state: &mut (f64, f64, Vec<f64>),
    t: usize,
    y: Option<f64>,
    shock: Option<f64>,
) -> f64 {
    let (l, b) = (state.0, state.1);
    let lb = l + p.phi * b; // level plus (damped) trend; b = 0 without trend
    let j = t % spec.period.max(1);
    let s = if spec.has_season() { state.2[j] } else { 0.0 };
    let mu = match spec.season {
        SeasonType::None => lb,
        SeasonType::Additive => lb + s,
        SeasonType::Multiplicative => lb * s,
    };
    let e = match (y, shock) {
        (Some(y), _) => y - mu,
        (None, Some(eps)) => match spec.error {
            ErrorType::Additive => eps,
            ErrorType::Multiplicative => mu * eps,
        },
        (None, None) => 0.0,
    };
    let (level_e, season_e) = match spec.season {
        SeasonType::Multiplicative => (e / s, e / lb),
        _ => (e, e),
    };
    state.0 = lb + p.alpha * level_e;
    if spec.has_trend() {
        state.1 = p.phi * b + p.beta * level_e;
    }
    if spec.has_season() {
        state.2[j] = s + p.gamma * season_e;
    }
    mu
}

/// −2 log-likelihood (σ² concentrated out), or NaN when a one-step mean
/// is not positive under a multiplicative component.
fn minus_two_log_likelihood(
    spec: &EtsSpec,
    p: &Params,
    y: &[f64],
) -> (f64, f64, (f64, f64, Vec<f64>)) {
    let mut state = (p.level, p.trend, p.season.clone());
    let (mut sum_eps2, mut sum_log_r) = (0.0, 0.0);
    let multiplicative =
        spec.error == ErrorType::Multiplicative || spec.season == SeasonType::Multiplicative;
    for (t, &obs) in y.iter().enumerate() {
        let mu = step(spec, p, &mut state, t, Some(obs), None);
        if multiplicative && mu <= 0.0 || !mu.is_finite() {
            return (f64::NAN, f64::NAN, state);
        }
        match spec.error {
            ErrorType::Additive => sum_eps2 += (obs - mu).powi(2),
            ErrorType::Multiplicative => {
                sum_eps2 += ((obs - mu) / mu).powi(2);
                sum_log_r += mu.ln();
            }
        }
    }
    let n = y.len() as f64;
    // −2 log L with the constants dropped, as forecast::ets defines it
    // (Hyndman et al. 2008, eq. 5.3), so AIC values compare with R's.
    let m2ll = n * sum_eps2.ln() + 2.0 * sum_log_r;
    (m2ll, sum_eps2 / n, state)
}

/// Heuristic initial states (Hyndman et al. 2008, section 2.6.1, simplified):
/// level and trend from the first two seasons' means, season from the first
/// season's deviations from the level.
fn initial_states(spec: &EtsSpec, y: &[f64]) -> (f64, f64, Vec<f64>) {
    let m = spec.period.max(1);
    if spec.has_season() {
        let first = y[..m].iter().sum::<f64>() / m as f64;
        let second = y[m..2 * m].iter().sum::<f64>() / m as f64;
        let season = y[..m]
            .iter()
            .map(|v| match spec.season {
                SeasonType::Multiplicative => v / first,
                _ => v - first,
            })
            .collect();
        (first, (second - first) / m as f64, season)
    } else {
        let k = y.len().min(4);
        let level = y[..k].iter().sum::<f64>() / k as f64;
        let trend = if y.len() > 1 {
            (y[k - 1] - y[0]) / (k - 1).max(1) as f64
        } else {
            0.0
        };
        (level, trend, Vec::new())
    }
}

fn encode(spec: &EtsSpec, alpha: f64, level: f64, trend: f64, season: &[f64]) -> Vec<f64> {
    let mut u = vec![logit(alpha)];
    if spec.has_trend() {
        u.push(logit(0.1));
    }
    if spec.has_season() {
        u.push(logit(0.1));
    }
    if spec.trend == TrendType::Damped {
        u.push(logit(0.5));
    }
    u.push(level);
    if spec.has_trend() {
        u.push(trend);
    }
    if spec.has_season() {
        u.extend_from_slice(&season[..spec.period - 1]);
    }
    u
}

/// Why a model form cannot be used on a series, if it cannot.
fn unusable(spec: &EtsSpec, y: &[f64]) -> Option<String> {
    let positive = y.iter().all(|v| *v > 0.0);
    if (spec.error == ErrorType::Multiplicative || spec.season == SeasonType::Multiplicative)
        && !positive
    {
        return Some("multiplicative components need a series of positive values".to_owned());
    }
    if spec.error == ErrorType::Additive && spec.season == SeasonType::Multiplicative {
        return Some(
            "additive error with multiplicative season is numerically unstable".to_owned(),
        );
    }
    if spec.has_season() && (spec.period < 2 || y.len() < 2 * spec.period) {
        return Some(format!(
            "a season of {} needs at least two full seasons ({} values given)",
            spec.period,
            y.len()
        ));
    }
    let k = count_parameters(spec);
    if y.len() <= k + 1 {
        return Some(format!("{} values cannot fit {k} parameters", y.len()));
    }
    None
}

fn count_parameters(spec: &EtsSpec) -> usize {
    let smoothing = 1
        + usize::from(spec.has_trend())
        + usize::from(spec.has_season())
        + usize::from(spec.trend == TrendType::Damped);
    let states = 1
        + usize::from(spec.has_trend())
        + if spec.has_season() {
            spec.period - 1
        } else {
            0
        };
    smoothing + states + 1
}

impl EtsFit {
    /// Fits one model form by maximum likelihood (two starting values of α,
    /// the better kept).
    ///
    /// # Errors
    /// [`Error::BadInput`] for a series the form cannot be used on (with the
    /// reason), [`Error::NotConverged`] when no start converges.
    pub fn fit(spec: EtsSpec, y: &[f64]) -> Result<EtsFit> {
        if y.iter().any(|v| !v.is_finite()) {
            return Err(Error::BadInput {
                model: MODEL,
                detail: "the series has a missing or non-finite value".to_owned(),
            });
        }
        if let Some(why) = unusable(&spec, y) {
            return Err(Error::BadInput {
                model: MODEL,
                detail: format!("{}: {why}", spec.name()),
            });
        }
        let (l0, b0, s0) = initial_states(&spec, y);
        // The likelihood is evaluated on the series scaled to mean 1, so
        // that the initial states and the smoothing parameters are of one
        // size for the optimiser; the scale is put back afterwards.
        let scale = y.iter().map(|v| v.abs()).sum::<f64>() / y.len() as f64;
        let scale = if scale > 0.0 { scale } else { 1.0 };
        let ys: Vec<f64> = y.iter().map(|v| v / scale).collect();
        let additive_season = spec.season == SeasonType::Additive;
        let s0s: Vec<f64> = s0
            .iter()
            .map(|s| if additive_season { s / scale } else { *s })
            .collect();
        // An inadmissible point (a one-step mean that is not positive under
        // a multiplicative component) gets a high but finite value, so
        // the line search and the finite-difference gradient can back away.
        let objective = |u: &[f64]| {
            let v = minus_two_log_likelihood(&spec, &decode(&spec, u), &ys).0 / ys.len() as f64;
            if v.is_finite() { v } else { INADMISSIBLE }
        };
        let with_gradient = |u: &[f64]| (objective(u), numeric_gradient(objective, u));
        let mut best: Option<(f64, Vec<f64>)> = None;
        let mut last_error = None;
        for alpha in [0.2, 0.5] {
            let start = encode(&spec, alpha, l0 / scale, b0 / scale, &s0s);
            match minimize(MODEL, &with_gradient, start) {
                Ok(opt) if best.as_ref().is_none_or(|b| opt.value < b.0) => {
                    best = Some((opt.value, opt.x))
                }
                Ok(_) => {}
                Err(e) => last_error = Some(e),
            }
        }
        let Some((_, u)) = best else {
            return Err(
                last_error.unwrap_or_else(|| Error::Internal("no ETS start was tried".to_owned()))
            );
        };
        let p = decode(&spec, &u);
        let (m2ll_scaled, sigma2, state) = minus_two_log_likelihood(&spec, &p, &ys);
        let n = y.len() as f64;
        // Back to the original scale: additive errors scale with the series.
        let (sigma2, m2ll) = match spec.error {
            ErrorType::Additive => (sigma2 * scale * scale, m2ll_scaled + 2.0 * n * scale.ln()),
            ErrorType::Multiplicative => (sigma2, m2ll_scaled + 2.0 * n * scale.ln()),
        };
        // (Σ e² scales by scale², Σ ln μ by n·ln scale: both add 2n·ln scale.)
        let k = count_parameters(&spec);
        let kf = k as f64;
        let aic = m2ll + 2.0 * kf;
        let unscale_season = |s: &[f64]| -> Vec<f64> {
            s.iter()
                .map(|v| if additive_season { v * scale } else { *v })
                .collect()
        };
        Ok(EtsFit {
            spec,
            alpha: p.alpha,
            beta: spec.has_trend().then_some(p.beta),
            gamma: spec.has_season().then_some(p.gamma),
            phi: (spec.trend == TrendType::Damped).then_some(p.phi),
            initial_level: p.level * scale,
            initial_trend: spec.has_trend().then_some(p.trend * scale),
            initial_season: unscale_season(&p.season),
            sigma2,
            log_likelihood: -m2ll / 2.0,
            parameters: k,
            aic,
            aicc: aic + 2.0 * kf * (kf + 1.0) / (n - kf - 1.0),
            bic: m2ll + kf * n.ln(),
            level: state.0 * scale,
            trend: state.1 * scale,
            season: unscale_season(&state.2),
            n: y.len(),
        })
    }

    /// Fits every usable form (multiplicative ones only for positive series,
    /// seasonal ones only with `period` > 1 and two full seasons) and keeps
    /// the lowest AICc. Returns the winner and every candidate's AICc.
    ///
    /// # Errors
    /// When no form can be fitted; the message lists why for each.
    pub fn select(y: &[f64], period: usize) -> Result<(EtsFit, Vec<(String, f64)>)> {
        let mut tried = Vec::new();
        let mut reasons = Vec::new();
        let mut best: Option<EtsFit> = None;
        for error in [ErrorType::Additive, ErrorType::Multiplicative] {
            for trend in [TrendType::None, TrendType::Additive, TrendType::Damped] {
                for season in [
                    SeasonType::None,
                    SeasonType::Additive,
                    SeasonType::Multiplicative,
                ] {
                    if season != SeasonType::None && period < 2 {
                        continue;
                    }
                    let spec = EtsSpec {
                        error,
                        trend,
                        season,
                        period: if season == SeasonType::None {
                            1
                        } else {
                            period
                        },
                    };
                    if let Some(why) = unusable(&spec, y) {
                        reasons.push(format!("{}: {why}", spec.name()));
                        continue;
                    }
                    match EtsFit::fit(spec, y) {
                        Ok(fit) => {
                            tried.push((spec.name(), fit.aicc));
                            if best.as_ref().is_none_or(|b| fit.aicc < b.aicc) {
                                best = Some(fit);
                            }
                        }
                        Err(e) => reasons.push(format!("{}: {e}", spec.name())),
                    }
                }
            }
        }
        match best {
            Some(fit) => Ok((fit, tried)),
            None => Err(Error::Degenerate {
                model: MODEL,
                detail: format!("no ETS model could be fitted: {}", reasons.join("; ")),
            }),
        }
    }

    /// AIC of given smoothing parameters and initial states on `y`, in the
    /// same convention as [`EtsFit::aic`]: to check a published fit.
    /// `smoothing` is (α, β, γ, φ), with 0, 0 and 1 where the form has none.
    pub fn aic_at(
        spec: EtsSpec,
        y: &[f64],
        smoothing: (f64, f64, f64, f64),
        level: f64,
        trend: f64,
        season: &[f64],
    ) -> f64 {
        let p = Params {
            alpha: smoothing.0,
            beta: smoothing.1,
            gamma: smoothing.2,
            phi: smoothing.3,
            level,
            trend,
            season: season.to_vec(),
        };
        minus_two_log_likelihood(&spec, &p, y).0 + 2.0 * count_parameters(&spec) as f64
    }

    fn params(&self) -> Params {
        Params {
            alpha: self.alpha,
            beta: self.beta.unwrap_or(0.0),
            gamma: self.gamma.unwrap_or(0.0),
            phi: self.phi.unwrap_or(1.0),
            level: self.level,
            trend: self.trend,
            season: self.season.clone(),
        }
    }

    /// Point forecasts for the next `h` periods, with `levels` (e.g. 0.8,
    /// 0.95) central prediction intervals from `paths` simulated futures
    /// (seeded): `(point, [(low, high) per level])` per step.
    pub fn forecast(
        &self,
        h: usize,
        levels: &[f64],
        paths: usize,
        seed: u64,
    ) -> Vec<(f64, Vec<(f64, f64)>)> {
        let p = self.params();
        let mut points = Vec::with_capacity(h);
        let mut state = (p.level, p.trend, p.season.clone());
        for k in 0..h {
            points.push(step(&self.spec, &p, &mut state, self.n + k, None, None));
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let sigma = self.sigma2.sqrt();
        let mut sims = vec![Vec::with_capacity(paths); h];
        for _ in 0..paths {
            let mut state = (p.level, p.trend, p.season.clone());
            for (k, sim) in sims.iter_mut().enumerate() {
                let z: f64 = StandardNormal.sample(&mut rng);
                let eps = sigma * z;
                let mu = step(&self.spec, &p, &mut state, self.n + k, None, Some(eps));
                sim.push(match self.spec.error {
                    ErrorType::Additive => mu + eps,
                    ErrorType::Multiplicative => mu * (1.0 + eps),
                });
            }
        }
        points
            .into_iter()
            .zip(sims)
            .map(|(point, mut sim)| {
                sim.sort_by(f64::total_cmp);
                let q = |prob: f64| {
                    sim[((prob * (sim.len() - 1) as f64).round() as usize).min(sim.len() - 1)]
                };
                (
                    point,
                    levels
                        .iter()
                        .map(|l| (q((1.0 - l) / 2.0), q((1.0 + l) / 2.0)))
                        .collect(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_distr::Normal;

    #[test]
    fn simple_smoothing_recovers_its_alpha_and_intervals_cover() {
        // ETS(A,N,N): y = l + ε, l' = l + α ε, α = 0.3, σ = 1.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        let noise = Normal::new(0.0, 1.0).unwrap();
        let mut level = 50.0;
        let mut y = Vec::new();
        for _ in 0..600 {
            let e = noise.sample(&mut rng);
            y.push(level + e);
            level += 0.3 * e;
        }
        let spec = EtsSpec {
            error: ErrorType::Additive,
            trend: TrendType::None,
            season: SeasonType::None,
            period: 1,
        };
        let fit = EtsFit::fit(spec, &y).unwrap();
        assert!((fit.alpha - 0.3).abs() < 0.06, "{}", fit.alpha);
        assert!((fit.sigma2 - 1.0).abs() < 0.15, "{}", fit.sigma2);
        // One step ahead the 95 % interval is about ±1.96 σ.
        let f = fit.forecast(1, &[0.95], 20_000, 1);
        let (low, high) = f[0].1[0];
        assert!(((high - low) / 2.0 - 1.96).abs() < 0.15, "{low} {high}");
    }
}
