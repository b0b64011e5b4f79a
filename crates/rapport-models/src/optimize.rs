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

    #[test]
    fn an_unbounded_objective_is_not_converged() {
        // Decreases forever: no maximum-likelihood point exists.
        let f = |x: &[f64]| (-x[0], vec![-1.0]);
        let err = minimize("runaway", &f, vec![0.0]).unwrap_err();
        assert!(matches!(err, Error::NotConverged { .. }), "{err}");
    }
}
