//! Customer lifetime value (MODELS.md, "CLV"; METRICS.md, "CLV —
//! predictive"): expected transactions per future period from a purchase
//! model, times the expected spend per transaction, times a margin,
//! discounted at a yearly rate.

use crate::btyd::{History, PurchaseModel};
use crate::{Error, Result};

/// How CLV is accumulated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClvOptions {
    /// Future periods summed (e.g. 12 months).
    pub horizon_periods: u32,
    /// Length of one period in the model's time unit (a month is 30.4375 days).
    pub period_length: f64,
    /// Periods in a year, for discounting (12 for months).
    pub periods_per_year: f64,
    /// Yearly discount rate d (0.10 for 10 %).
    pub discount_rate: f64,
    /// Gross margin applied to spend (1.0 for revenue).
    pub margin: f64,
}

/// The result of [`clv`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clv {
    /// The discounted value over the horizon.
    pub value: f64,
    /// Expected transactions over the whole horizon (undiscounted), which
    /// the sum computes on its way, so callers need not evaluate it again.
    pub expected_transactions: f64,
}

/// CLV_i = Σ_{k=1..H} E[transactions in period k] · E[M_i] · margin / (1 + d)^(k / periods_per_year).
///
/// # Errors
/// [`Error::BadInput`] for a negative discount rate or a non-positive period
/// length; errors of the purchase model's expectations.
pub fn clv(
    model: &PurchaseModel,
    history: &History,
    expected_spend: f64,
    o: &ClvOptions,
) -> Result<Clv> {
    clv_with(
        |t| model.expected_transactions(history, t),
        expected_spend,
        o,
    )
}

/// [`clv`] for any purchase model, given as the customer's expected
/// cumulative transactions by time `t` in the model's unit (BG/BB counts
/// whole opportunities, so its periods are one opportunity long).
///
/// # Errors
/// As [`clv`], and the errors of `expected_cumulative`.
pub fn clv_with(
    expected_cumulative: impl Fn(f64) -> Result<f64>,
    expected_spend: f64,
    o: &ClvOptions,
) -> Result<Clv> {
    if !(o.discount_rate >= 0.0 && o.period_length > 0.0 && o.periods_per_year > 0.0) {
        return Err(Error::BadInput {
            model: "clv",
            detail: format!(
                "discount rate {} must be ≥ 0 and the period length {} and periods per year {} positive",
                o.discount_rate, o.period_length, o.periods_per_year
            ),
        });
    }
    let mut total = 0.0;
    let mut before = 0.0;
    for k in 1..=o.horizon_periods {
        let kf = f64::from(k);
        let cumulative = expected_cumulative(kf * o.period_length)?;
        let in_period = (cumulative - before).max(0.0);
        before = cumulative;
        total += in_period * expected_spend * o.margin
            / (1.0 + o.discount_rate).powf(kf / o.periods_per_year);
    }
    Ok(Clv {
        value: total,
        expected_transactions: before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BgNbdParams;

    #[test]
    fn undiscounted_clv_is_expected_transactions_times_spend() {
        let m = PurchaseModel::BgNbd(BgNbdParams {
            r: 0.9,
            alpha: 40.0,
            a: 1.2,
            b: 5.0,
        });
        let h = History {
            x: 3.0,
            t_x: 200.0,
            t: 300.0,
        };
        let o = ClvOptions {
            horizon_periods: 12,
            period_length: 30.4375,
            periods_per_year: 12.0,
            discount_rate: 0.0,
            margin: 1.0,
        };
        let undiscounted = clv(&m, &h, 50.0, &o).unwrap();
        let horizon = m.expected_transactions(&h, 365.25).unwrap();
        assert!((undiscounted.expected_transactions - horizon).abs() < 1e-12);
        let undiscounted = undiscounted.value;
        let direct = horizon * 50.0;
        assert!((undiscounted - direct).abs() < 1e-9 * direct);
        let discounted = clv(
            &m,
            &h,
            50.0,
            &ClvOptions {
                discount_rate: 0.1,
                ..o
            },
        )
        .unwrap()
        .value;
        assert!(discounted < undiscounted && discounted > undiscounted / 1.1);
    }
}
