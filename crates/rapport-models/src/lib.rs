//! The predictive models of Rapport (`shared/MODELS.md`): pure numerics on
//! slices, typed errors, no I/O.
//!
//! - [`PurchaseModel`]: BG/NBD, MBG/NBD and Pareto/NBD, fitted by
//!   [`PurchaseModel::fit`] to one [`History`] per customer; they give
//!   P(alive) and expected future transactions.
//! - [`GammaGamma`]: expected spend per transaction.
//! - [`ShiftedBetaGeometric`]: contractual retention from cohort survivor
//!   counts, with survival projections and DERL.
//! - [`BgBb`]: the discrete-opportunity model (yearly donations, campaigns).
//! - [`segment`]: RFM scores and named segments; k-means with k by silhouette.
//! - [`logistic`]: the L2-penalised churn classifier and its evaluation.
//! - [`ets`]: exponential smoothing (ETS) forecasts, chosen by AICc, with intervals.
//! - [`recommend`]: item-to-item co-occurrence recommendations and hit rate at k.
//! - [`clv`]: discounted customer lifetime value from the two.
//!
//! Every fit is maximum likelihood on log-parameters by L-BFGS with analytic
//! gradients ([`optimize`]); a fit that does not reach a maximum is an
//! [`Error::NotConverged`], never a result.
//!
//! ```
//! use rapport_models::{History, PurchaseModel, PurchaseModelKind, simulate};
//! use rand::SeedableRng;
//!
//! let truth = rapport_models::BgNbdParams { r: 0.9, alpha: 40.0, a: 1.2, b: 5.0 };
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
//! let customers = simulate::bg_nbd(&mut rng, truth, 5_000, 365.0, 0.0).unwrap();
//! let histories: Vec<History> = customers.iter().map(|c| c.history).collect();
//! let fit = PurchaseModel::fit(PurchaseModelKind::BgNbd, &histories).unwrap();
//! let next_year = fit.model.expected_transactions(&histories[0], 365.0).unwrap();
//! assert!(next_year >= 0.0);
//! ```

pub mod bgbb;
pub mod btyd;
pub mod clv;
pub mod ets;
pub mod gamma_gamma;
pub mod logistic;
pub mod optimize;
mod parallel;
pub mod recommend;
pub mod sbg;
pub mod segment;
pub mod simulate;
pub mod special;

pub use bgbb::{BgBb, BgBbFit, BgBbHistory};
pub use btyd::{
    BgNbdParams, History, ParetoNbdParams, PurchaseFit, PurchaseModel, PurchaseModelKind,
};
pub use clv::{Clv, ClvOptions, clv, clv_with};
pub use gamma_gamma::{GammaGamma, SpendFit, SpendHistory};
pub use sbg::{SbgFit, ShiftedBetaGeometric};

/// Errors of the models.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input cannot be used by this model; `detail` says why and what to do.
    #[error("{model}: {detail}")]
    BadInput { model: &'static str, detail: String },

    /// The data do not determine the parameters (no repeat buyers, …).
    #[error("{model} cannot be fitted to these data: {detail}")]
    Degenerate { model: &'static str, detail: String },

    /// The optimiser stopped away from a maximum.
    #[error(
        "{model} did not converge: {reason} (after {iterations} iterations, gradient norm {gradient_norm:.3e})"
    )]
    NotConverged {
        model: &'static str,
        reason: String,
        iterations: u64,
        gradient_norm: f64,
        /// Where it stopped (log-parameters), for callers that explain why.
        at: Vec<f64>,
    },

    /// A special function could not be evaluated to full precision.
    #[error("{what} could not be evaluated: {detail}")]
    Numerical { what: &'static str, detail: String },

    /// A bug: a condition the code should have ruled out.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn internal(e: &impl std::fmt::Display) -> Error {
        Error::Internal(e.to_string())
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
