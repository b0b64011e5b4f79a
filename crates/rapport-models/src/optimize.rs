//! Maximum likelihood by L-BFGS (`argmin`) on log-parameters.
//!
//! Every model hands [`minimize`] its mean negative log-likelihood over
//! log-parameters with the analytic gradient. A fit counts as converged only
//! when the gradient at the answer is small, whatever the solver said; a fit
//! that ends elsewhere is an [`Error::NotConverged`] with the reason, never a
//! result.

use std::cell::RefCell;

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;

use crate::{Error, Result};

/// Gradient norm (of the mean negative log-likelihood, in log-parameter
/// space) below which a fit is accepted as a maximum.
pub const GRADIENT_TOLERANCE: f64 = 1e-5;
const MAX_ITERATIONS: u64 = 1_000;
/// Log-parameters beyond ±this are outside the search region: e^25 ≈ 7·10¹⁰
/// is no estimate of anything, and log-gamma differences there lose their
/// digits. A fit that ends near this wall reports where it ended, so the
/// caller can say which parameter ran away.
pub const MAX_LOG_PARAMETER: f64 = 25.0;
/// Weight of the quadratic penalty beyond [`MAX_LOG_PARAMETER`].
const PENALTY: f64 = 1e3;

/// The end point of a minimisation.
#[derive(Debug, Clone)]
pub struct Optimum {
    /// Minimising point (log-parameters).
    pub x: Vec<f64>,
    /// Objective there (mean negative log-likelihood).
    pub value: f64,
    /// L-BFGS iterations used.
    pub iterations: u64,
    /// Euclidean norm of the gradient at `x`.
    pub gradient_norm: f64,
}

/// An objective with its gradient: `f(x) -> (value, gradient)`.
pub trait Objective {
    /// Value and gradient at `x`; a non-finite value means "outside the domain".
    fn eval(&self, x: &[f64]) -> (f64, Vec<f64>);
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Objective for F {
    fn eval(&self, x: &[f64]) -> (f64, Vec<f64>) {
        self(x)
    }
}

/// A point with its objective value and gradient.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// Adapts an [`Objective`] to argmin, evaluating once per point and
/// remembering the best finite point seen (so a line search that gives up
/// still leaves us something to judge).
struct Problem<'a, O> {
    objective: &'a O,
    last: RefCell<Option<Evaluation>>,
    best: RefCell<Option<Evaluation>>,
}

impl<O: Objective> Problem<'_, O> {
    fn eval(&self, x: &[f64]) -> (f64, Vec<f64>) {
        if let Some((p, v, g)) = self.last.borrow().as_ref()
            && p.as_slice() == x
        {
            return (*v, g.clone());
        }
        // Outside the search region the objective is evaluated at the
        // nearest point inside plus a smooth quadratic penalty, so the line
        // search sees finite, consistent values and turns back.
        let inside: Vec<f64> = x
            .iter()
            .map(|xi| xi.clamp(-MAX_LOG_PARAMETER, MAX_LOG_PARAMETER))
            .collect();
        let beyond = inside.as_slice() != x;
        let (mut v, mut g) = self.objective.eval(&inside);
        if beyond && g.len() == x.len() {
            for i in 0..x.len() {
                let excess = x[i] - inside[i];
                if excess != 0.0 {
                    v += PENALTY * excess * excess;
                    g[i] = 2.0 * PENALTY * excess;
                }
            }
        }
        if !v.is_finite() || g.len() != x.len() || g.iter().any(|d| !d.is_finite()) {
            // Outside the domain: a wall the line search backs away from.
            v = f64::MAX / 4.0;
            g = x.iter().map(|xi| xi.signum() * 1e10).collect();
        } else if !beyond {
            let mut best = self.best.borrow_mut();
            if best.as_ref().is_none_or(|(_, bv, _)| v < *bv) {
                *best = Some((x.to_vec(), v, g.clone()));
            }
        }
        *self.last.borrow_mut() = Some((x.to_vec(), v, g.clone()));
        (v, g)
    }
}

impl<O: Objective> CostFunction for &Problem<'_, O> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, x: &Self::Param) -> std::result::Result<f64, argmin::core::Error> {
        Ok(self.eval(x).0)
    }
}

impl<O: Objective> Gradient for &Problem<'_, O> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, x: &Self::Param) -> std::result::Result<Vec<f64>, argmin::core::Error> {
        Ok(self.eval(x).1)
    }
}

fn norm(g: &[f64]) -> f64 {
    g.iter().map(|d| d * d).sum::<f64>().sqrt()
}

/// Minimises `objective` from `start` with L-BFGS and a Moré–Thuente line
/// search. `model` names the model in errors.
///
/// # Errors
/// [`Error::NotConverged`] when the solver stops (iteration limit, failed
/// line search) at a point whose gradient norm exceeds
/// [`GRADIENT_TOLERANCE`], or never sees a finite objective.
pub fn minimize<O: Objective>(
    model: &'static str,
    objective: &O,
    start: Vec<f64>,
) -> Result<Optimum> {
    let problem = Problem {
        objective,
        last: RefCell::new(None),
        best: RefCell::new(None),
    };
    let mut x = start;
    let mut iterations = 0;
    let mut reason = String::new();
    // A restart from the best point recovers from a line search that lost
    // its way on a curved valley; two are plenty in practice.
    for _attempt in 0..3 {
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
            .with_tolerance_grad(GRADIENT_TOLERANCE * 1e-2)
            .and_then(|s| s.with_tolerance_cost(0.0))
            .map_err(|e| Error::internal(&e))?;
        let run = Executor::new(&problem, solver)
            .configure(|state| state.param(x.clone()).max_iters(MAX_ITERATIONS))
            .run();
        match run {
            Ok(result) => {
                iterations += result.state().get_iter();
                reason = match result.state().get_termination_status() {
                    TerminationStatus::Terminated(TerminationReason::MaxItersReached) => {
                        format!("stopped after {MAX_ITERATIONS} iterations")
                    }
                    TerminationStatus::Terminated(r) => r.text().to_owned(),
                    TerminationStatus::NotTerminated => "did not terminate".to_owned(),
                };
            }
            Err(e) => reason = format!("the line search gave up ({e})"),
        }
        let best = problem.best.borrow().clone();
        let Some((bx, bv, bg)) = best else {
            return Err(Error::NotConverged {
                model,
                reason: "the likelihood is not finite at any point tried".to_owned(),
                iterations,
                gradient_norm: f64::NAN,
                at: x,
            });
        };
        let gradient_norm = norm(&bg);
        if gradient_norm <= GRADIENT_TOLERANCE {
            return Ok(Optimum {
                x: bx,
                value: bv,
                iterations,
                gradient_norm,
            });
        }
        x = bx;
    }
    let (at, gradient_norm) = problem
        .best
        .borrow()
        .as_ref()
        .map_or((x, f64::NAN), |(p, _, g)| (p.clone(), norm(g)));
    Err(Error::NotConverged {
        model,
        reason,
        iterations,
        gradient_norm,
        at,
    })
}

/// An objective that also gives its Hessian, for [`newton`].
pub trait SecondOrder: Objective {
    /// Value, gradient and Hessian (row-major, `n × n`) at `x`.
    fn eval_second(&self, x: &[f64]) -> (f64, Vec<f64>, Vec<f64>);
}

/// Newton steps at most, before [`newton`] gives up.
const NEWTON_STEPS: u64 = 20;

/// Newton's method with backtracking, for a start already near the minimum
/// (such as the fit to a subsample): there it converges quadratically, so a
/// couple of full-data evaluations replace the dozen an L-BFGS run needs.
///
/// Returns `None` instead of an error whenever it cannot vouch for the
/// answer — a Hessian that is not positive definite, a step that does not
/// descend, a non-finite value, too many steps — so that the caller falls
/// back to [`minimize`]. `Some` only with the gradient norm at most
/// [`GRADIENT_TOLERANCE`], the same test [`minimize`] applies.
pub fn newton<O: SecondOrder>(
    objective: &O,
    start: Vec<f64>,
    first_hessian: Option<Vec<f64>>,
) -> Option<Optimum> {
    let mut x = start;
    // A Hessian from elsewhere (the subsample's, at this very point) saves
    // the full-data one for the first step; later steps are exact.
    let (mut value, mut gradient, mut hessian) = match first_hessian {
        Some(h) => {
            let (v, g) = objective.eval(&x);
            (v, g, h)
        }
        None => objective.eval_second(&x),
    };
    let mut hessian_is_here = true;
    let target = GRADIENT_TOLERANCE * 1e-1;
    for step_count in 0..=NEWTON_STEPS {
        if !value.is_finite() || gradient.iter().any(|g| !g.is_finite()) {
            return None;
        }
        let gradient_norm = norm(&gradient);
        // Aim ten times below the acceptance threshold, which settles the
        // digits a user compares with another tool (the bench's parameters
        // agree with lifetimes' to about 10⁻⁶); accept at the threshold
        // when rounding stops the steps earlier.
        let done = Optimum {
            x: x.clone(),
            value,
            iterations: step_count,
            gradient_norm,
        };
        let acceptable = (gradient_norm <= GRADIENT_TOLERANCE).then(|| done.clone());
        if gradient_norm <= target || step_count == NEWTON_STEPS {
            return acceptable;
        }
        if !hessian_is_here {
            (value, gradient, hessian) = objective.eval_second(&x);
        }
        let Some(step) = cholesky_solve(&hessian, &gradient) else {
            return acceptable;
        };
        let slope: f64 = gradient.iter().zip(&step).map(|(g, s)| g * s).sum();
        // Within this distance a Newton step usually lands below the target
        // (quadratic convergence, or nearly so with the subsample's
        // Hessian), so the point it reaches is checked with the gradient
        // alone; should it still miss, its Hessian is evaluated then.
        let landing = gradient_norm <= 1e-3;
        let mut t = 1.0;
        loop {
            let trial: Vec<f64> = x.iter().zip(&step).map(|(a, s)| a - t * s).collect();
            if trial.iter().any(|v| v.abs() > MAX_LOG_PARAMETER) {
                return acceptable;
            }
            let (v, g, h) = if landing {
                let (v, g) = objective.eval(&trial);
                (v, g, Vec::new())
            } else {
                objective.eval_second(&trial)
            };
            // Armijo's sufficient decrease, with room for rounding: near
            // the minimum a full step changes the value by less than the
            // sum over a million customers can resolve.
            if v.is_finite() && v <= value - 1e-4 * t * slope + 1e-13 * value.abs() {
                hessian_is_here = !landing;
                (x, value, gradient, hessian) = (trial, v, g, h);
                break;
            }
            t *= 0.5;
            if t < 1e-6 {
                return acceptable;
            }
        }
    }
    None
}

/// A total log-likelihood `ll` with its gradient `g` and Hessian `h`
/// (row-major, may be empty) in the parameters p, as the mean negative
/// log-likelihood over θ = ln p that the optimisers minimise:
/// ∂/∂θᵢ = −gᵢpᵢ/n and ∂²/∂θᵢ∂θⱼ = −(pᵢpⱼHᵢⱼ + δᵢⱼ gᵢpᵢ)/n.
pub fn in_log_space(ll: f64, g: &[f64], h: &[f64], p: &[f64], n: f64) -> (f64, Vec<f64>, Vec<f64>) {
    let d = p.len();
    let gradient: Vec<f64> = g.iter().zip(p).map(|(gi, pi)| -gi * pi / n).collect();
    let mut hessian = Vec::new();
    if h.len() == d * d {
        hessian = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                hessian[i * d + j] = -p[i] * p[j] * h[i * d + j] / n;
            }
            hessian[i * d + i] -= g[i] * p[i] / n;
        }
    }
    (-ll / n, gradient, hessian)
}

/// Customers (or groups) at or above which a fit starts from a subsample's
/// fit and finishes with [`newton`] on all the data.
pub const SUBSAMPLE_FROM: usize = 100_000;
/// About how many a subsample keeps.
pub const SUBSAMPLE_SIZE: usize = 20_000;

/// [`minimize`] for large data: a fit to `sample` (a systematic subsample
/// of the same likelihood) lands near the maximum cheaply, then Newton steps
/// on everything finish it — each full-data evaluation is the cost that
/// matters, and Newton needs two or three where L-BFGS needs a dozen or
/// more. Whenever that shortcut cannot vouch for its answer (no sample, a
/// sample fit that fails or runs towards the edge, a Newton step that does
/// not descend), it is [`minimize`] on everything from `start`, so the
/// shortcut changes the time, never the answer or its checks.
///
/// # Errors
/// As [`minimize`].
pub fn minimize_large<O: SecondOrder, S: SecondOrder>(
    model: &'static str,
    objective: &O,
    sample: Option<&S>,
    start: Vec<f64>,
) -> Result<Optimum> {
    // The subsample is small, so its own fit may be Newton from the start
    // too (a few cheap steps where the likelihood is convex), with L-BFGS
    // when Newton declines.
    let near = sample.and_then(|s| {
        newton(s, start.clone(), None).or_else(|| minimize(model, s, start.clone()).ok())
    });
    if let (Some(sample), Some(near)) = (sample, near)
        && near.x.iter().all(|v| v.abs() < 15.0)
    {
        // Both are mean log-likelihoods, so the subsample's Hessian is the
        // full one up to sampling error: good enough for the first step.
        let (_, _, sample_hessian) = sample.eval_second(&near.x);
        if let Some(polished) = newton(objective, near.x, Some(sample_hessian)) {
            return Ok(polished);
        }
    }
    minimize(model, objective, start)
}

/// Solves `H s = g` for a symmetric positive definite `H` (row-major) by
/// Cholesky; `None` when `H` is not positive definite.
fn cholesky_solve(h: &[f64], g: &[f64]) -> Option<Vec<f64>> {
    let n = g.len();
    if h.len() != n * n {
        return None;
    }
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = h[i * n + i] - s;
                if !(d > 0.0 && d.is_finite()) {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (h[i * n + j] - s) / l[j * n + j];
            }
        }
    }
    // L y = g, then Lᵀ s = y.
    let mut y = vec![0.0; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
        y[i] = (g[i] - s) / l[i * n + i];
    }
    let mut s = vec![0.0; n];
    for i in (0..n).rev() {
        let t: f64 = (i + 1..n).map(|k| l[k * n + i] * s[k]).sum();
        s[i] = (y[i] - t) / l[i * n + i];
    }
    Some(s)
}

/// Checks in tests that an analytic Hessian is the Jacobian of the analytic
/// gradient (by central differences) and that both evaluations agree on
/// the value and gradient.
#[cfg(test)]
pub(crate) fn assert_hessian_matches<O: SecondOrder>(objective: &O, at: &[f64]) {
    let d = at.len();
    let (v, g, h) = objective.eval_second(at);
    let (v1, g1) = objective.eval(at);
    assert_eq!((v, &g), (v1, &g1), "the same value and gradient");
    for j in 0..d {
        let column = numeric_gradient(|p| objective.eval(p).1[j], at);
        for i in 0..d {
            assert!(
                (h[i * d + j] - column[i]).abs() < 1e-6,
                "H[{i}][{j}] = {} vs {} at {at:?}",
                h[i * d + j],
                column[i]
            );
        }
    }
}

/// Central finite-difference gradient, for checking analytic gradients in
/// tests and for objectives whose analytic gradient is not worth its risk.
pub fn numeric_gradient(f: impl Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    let mut p = x.to_vec();
    for i in 0..x.len() {
        let h = 1e-5 * (1.0 + x[i].abs());
        p[i] = x[i] + h;
        let up = f(&p);
        p[i] = x[i] - h;
        let down = f(&p);
        p[i] = x[i];
        g[i] = (up - down) / (2.0 * h);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let f = |x: &[f64]| {
            let (a, b) = (x[0], x[1]);
            let v = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
            let g = vec![
                -2.0 * (1.0 - a) - 400.0 * a * (b - a * a),
                200.0 * (b - a * a),
            ];
            (v, g)
        };
        let opt = minimize("rosenbrock", &f, vec![-1.2, 1.0]).unwrap();
        assert!(
            (opt.x[0] - 1.0).abs() < 1e-5 && (opt.x[1] - 1.0).abs() < 1e-5,
            "{opt:?}"
        );
    }

    /// A convex quartic bowl with its exact Hessian.
    struct Bowl;
    impl Objective for Bowl {
        fn eval(&self, x: &[f64]) -> (f64, Vec<f64>) {
            let (v, g, _) = self.eval_second(x);
            (v, g)
        }
    }
    impl SecondOrder for Bowl {
        fn eval_second(&self, x: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
            let (a, b) = (x[0] - 1.0, x[1] + 2.0);
            (
                a.powi(4) + a * a + 3.0 * b * b + a * b,
                vec![4.0 * a.powi(3) + 2.0 * a + b, 6.0 * b + a],
                vec![12.0 * a * a + 2.0, 1.0, 1.0, 6.0],
            )
        }
    }

    #[test]
    fn newton_converges_where_lbfgs_does_and_refuses_a_saddle() {
        let n = newton(&Bowl, vec![1.5, -1.0], None).expect("converges");
        let l = minimize("bowl", &Bowl, vec![1.5, -1.0]).expect("converges");
        for (a, b) in n.x.iter().zip(&l.x) {
            assert!((a - b).abs() < 1e-5, "{n:?} vs {l:?}");
        }
        assert!(n.iterations < l.iterations, "{n:?} vs {l:?}");
        // A saddle: the Hessian is indefinite, so Newton declines.
        let saddle = |x: &[f64]| (x[0] * x[0] - x[1] * x[1], vec![2.0 * x[0], -2.0 * x[1]]);
        struct Saddle<F>(F);
        impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Objective for Saddle<F> {
            fn eval(&self, x: &[f64]) -> (f64, Vec<f64>) {
                (self.0)(x)
            }
        }
        impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> SecondOrder for Saddle<F> {
            fn eval_second(&self, x: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
                let (v, g) = (self.0)(x);
                (v, g, vec![2.0, 0.0, 0.0, -2.0])
            }
        }
        assert!(newton(&Saddle(saddle), vec![0.5, 0.5], None).is_none());
    }

    #[test]
    fn an_unbounded_objective_is_not_converged() {
        // Decreases forever: no maximum-likelihood point exists.
        let f = |x: &[f64]| (-x[0], vec![-1.0]);
        let err = minimize("runaway", &f, vec![0.0]).unwrap_err();
        assert!(matches!(err, Error::NotConverged { .. }), "{err}");
    }
}
