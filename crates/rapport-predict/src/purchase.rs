//! Per-customer purchase predictions (MODELS.md: BG/NBD, MBG/NBD,
//! Pareto/NBD, Gamma-Gamma, CLV; METRICS.md, "CLV — predictive").

use rapport_schema::Label;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use rapport_engine::ClientSession;
use rapport_models::{
    BgBb, BgBbFit, BgBbHistory, Clv, ClvOptions, GammaGamma, History, PurchaseFit,
    PurchaseModelKind, SpendHistory, clv, clv_with,
};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::opportunities::{self, period_index, period_start};
use crate::orders::{CustomerDays, completed_order_days, day_date, day_number};
use crate::{Error, Horizon, Lack, Result, TimeUnit, time_zone};

/// The purchase model `rapport predict` fits (MODELS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PredictModel {
    /// A continuous-time model: BG/NBD, MBG/NBD or Pareto/NBD, with times
    /// in the time unit.
    Continuous(PurchaseModelKind),
    /// BG/BB, whose opportunities are the calendar periods of the time unit
    /// (months, years, …) after a customer's first purchase.
    BgBb,
}

impl PredictModel {
    /// The model's id in outputs and file names.
    pub fn id(self) -> &'static str {
        match self {
            PredictModel::Continuous(kind) => kind.id(),
            PredictModel::BgBb => "bg_bb",
        }
    }
}

/// What to predict and how.
#[derive(Debug, Clone)]
pub struct PredictOptions {
    pub model: PredictModel,
    /// Orders before this day calibrate the model (default: `as_of`).
    pub calibration_end: Option<NaiveDate>,
    /// With a calibration end: orders from it up to (not including) this day
    /// are the holdout that the predictions are checked against.
    pub holdout_end: Option<NaiveDate>,
    pub time_unit: TimeUnit,
    /// How far ahead expected transactions and CLV look.
    pub horizon: Horizon,
    /// Yearly discount rate for CLV.
    pub discount_rate: f64,
    /// Gross margin applied to spend in CLV (1 = revenue).
    pub margin: f64,
    /// The day the prediction is made on (workspace time zone): without a
    /// calibration end, the orders before it calibrate the model and each
    /// customer's age T runs to it; a holdout cannot end after it.
    pub as_of: NaiveDate,
}

/// One customer's row of the output file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerPrediction {
    pub customer_id: String,
    /// Repeat transactions in the calibration window (BG/BB: opportunities
    /// with a transaction).
    pub x: u64,
    /// Time of the last repeat transaction after the first, in the time unit
    /// (BG/BB: the opportunity of the last transaction, 0 without one).
    pub t_x: f64,
    /// Age at the end of the calibration window, in the time unit (BG/BB:
    /// the opportunities observed, n).
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean value of the repeat transactions (0 without any).
    pub monetary_value: f64,
    pub p_alive: f64,
    /// Expected transactions over the horizon.
    pub expected_transactions: f64,
    /// Expected value of one future transaction (Gamma-Gamma); none when
    /// the spend model could not be fitted.
    pub expected_spend: Option<f64>,
    /// Discounted value of the expected transactions over the horizon.
    pub clv: Option<f64>,
    /// `high` (P(alive) < 0.3), `medium` (< 0.7) or `low` risk of having churned.
    pub risk_tier: Label,
}

/// The spend model's fit, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpendModel {
    pub model: Label,
    pub params: Option<BTreeMap<Label, f64>>,
    pub log_likelihood: Option<f64>,
    /// Customers with repeat transactions of positive value it was fitted on.
    pub n_customers: usize,
    /// Pearson correlation of frequency and mean spend; the model assumes
    /// none, so |ρ| > 0.3 is flagged.
    pub frequency_spend_correlation: Option<f64>,
    pub independence_doubtful: bool,
    pub error: Option<String>,
}

/// Predicted against actual repeat transactions of the customers with one
/// calibration frequency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrequencyCheck {
    /// Repeat transactions in calibration: `0` … `6`, or `7+`.
    pub x: String,
    pub customers: u64,
    /// Mean predicted repeat transactions in the holdout.
    pub predicted: f64,
    /// Mean actual repeat transactions in the holdout.
    pub actual: f64,
}

/// The calibration-versus-holdout check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub calibration_end: NaiveDate,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub holdout_end: NaiveDate,
    /// Holdout length in the time unit.
    pub length: f64,
    pub by_frequency: Vec<FrequencyCheck>,
    pub total_predicted: f64,
    pub total_actual: f64,
}

/// Everything `rapport predict` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PurchasePrediction {
    pub client: String,
    pub model: Label,
    pub time_unit: TimeUnit,
    pub params: BTreeMap<Label, f64>,
    pub log_likelihood: f64,
    pub n_customers: usize,
    /// The calibration window: first order day to its exclusive end.
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub calibration_start: NaiveDate,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub calibration_end: NaiveDate,
    pub horizon: String,
    pub discount_rate: f64,
    pub margin: f64,
    pub currency: Option<String>,
    pub spend_model: SpendModel,
    pub holdout: Option<HoldoutCheck>,
    /// Sums over customers: expected transactions and CLV over the horizon,
    /// and the expected number still active.
    pub total_expected_transactions: f64,
    pub total_clv: Option<f64>,
    pub expected_active_customers: f64,
    /// One row per customer; not in the JSON (see [`crate::CustomerRows`]).
    #[serde(skip)]
    pub customers: Vec<CustomerPrediction>,
}

fn risk_tier(p_alive: f64) -> &'static str {
    if p_alive < 0.3 {
        "high"
    } else if p_alive < 0.7 {
        "medium"
    } else {
        "low"
    }
}

/// A customer's calibration summary in the chosen unit, with the repeat
/// transactions' mean value and their holdout count.
struct Summary<'a> {
    id: &'a str,
    history: History,
    monetary_value: f64,
    holdout_transactions: u64,
}

fn summarise(
    c: &CustomerDays,
    cal_end: i32,
    holdout_end: Option<i32>,
    unit: f64,
) -> Option<Summary<'_>> {
    // Days are sorted: calibration is a prefix, the holdout the next run.
    let in_cal = &c.days[..c.days.partition_point(|d| d.0 < cal_end)];
    let (first, last) = (in_cal.first()?.0, in_cal.last()?.0);
    let x = in_cal.len() - 1;
    let repeat_total: f64 = in_cal[1..].iter().map(|d| d.1).sum();
    let holdout_transactions = holdout_end.map_or(0, |end| {
        c.days[in_cal.len()..].partition_point(|d| d.0 < end) as u64
    });
    Some(Summary {
        id: &c.id,
        history: History {
            x: x as f64,
            t_x: f64::from(last - first) / unit,
            t: f64::from(cal_end - first) / unit,
        },
        monetary_value: if x > 0 { repeat_total / x as f64 } else { 0.0 },
        holdout_transactions,
    })
}

fn fit_spend(summaries: &[Summary<'_>]) -> (Option<GammaGamma>, SpendModel) {
    let data: Vec<SpendHistory> = summaries
        .iter()
        .filter(|s| s.history.x >= 1.0 && s.monetary_value > 0.0)
        .map(|s| SpendHistory {
            x: s.history.x,
            mean_value: s.monetary_value,
        })
        .collect();
    let mut out = SpendModel {
        model: "gamma_gamma".into(),
        params: None,
        log_likelihood: None,
        n_customers: data.len(),
        frequency_spend_correlation: None,
        independence_doubtful: false,
        error: None,
    };
    match GammaGamma::fit(&data) {
        Ok(fit) => {
            out.params = Some(BTreeMap::from([
                ("p".into(), fit.model.p),
                ("q".into(), fit.model.q),
                ("gamma".into(), fit.model.gamma),
            ]));
            out.log_likelihood = Some(fit.log_likelihood);
            out.frequency_spend_correlation = Some(fit.frequency_spend_correlation);
            out.independence_doubtful = fit.independence_doubtful();
            (Some(fit.model), out)
        }
        Err(e) => {
            out.error = Some(e.to_string());
            (None, out)
        }
    }
}

fn holdout_check(
    summaries: &[Summary<'_>],
    predicted_by: impl Fn(&History) -> Result<f64>,
    cal_end: NaiveDate,
    holdout_end: NaiveDate,
    length: f64,
) -> Result<HoldoutCheck> {
    let mut rows: Vec<(u64, f64, f64)> = vec![(0, 0.0, 0.0); 8];
    for s in summaries {
        let bucket = (s.history.x as usize).min(7);
        let predicted = predicted_by(&s.history)?;
        rows[bucket].0 += 1;
        rows[bucket].1 += predicted;
        rows[bucket].2 += s.holdout_transactions as f64;
    }
    let total_predicted = rows.iter().map(|r| r.1).sum();
    let total_actual = rows.iter().map(|r| r.2).sum();
    let by_frequency = rows
        .into_iter()
        .enumerate()
        .filter(|(_, r)| r.0 > 0)
        .map(|(i, (n, p, a))| FrequencyCheck {
            x: if i == 7 {
                "7+".to_owned()
            } else {
                i.to_string()
            },
            customers: n,
            predicted: p / n as f64,
            actual: a / n as f64,
        })
        .collect();
    Ok(HoldoutCheck {
        calibration_end: cal_end,
        holdout_end,
        length,
        by_frequency,
        total_predicted,
        total_actual,
    })
}

/// A fitted purchase model of either kind, answering per customer in the
/// terms of [`History`] (for BG/BB: x, t_x and n in opportunities).
enum Fitted {
    Continuous(PurchaseFit),
    BgBb(BgBbFit),
}

fn bg_bb_history(h: &History) -> BgBbHistory {
    // Built from whole period counts, so these are exact.
    BgBbHistory {
        x: h.x as u32,
        t_x: h.t_x as u32,
        n: h.t as u32,
    }
}

impl Fitted {
    fn fit(model: PredictModel, summaries: &[Summary<'_>]) -> Result<Fitted> {
        Ok(match model {
            PredictModel::Continuous(kind) => {
                let histories: Vec<History> = summaries.iter().map(|s| s.history).collect();
                Fitted::Continuous(rapport_models::PurchaseModel::fit(kind, &histories)?)
            }
            PredictModel::BgBb => {
                // Customers with one (x, t_x, n) share a likelihood term.
                // A customer with no opportunity yet (first purchase in the
                // last whole period) has likelihood 1 and is left out of
                // the fit; predictions for them are the population's.
                let mut groups: BTreeMap<(u32, u32, u32), f64> = BTreeMap::new();
                for s in summaries.iter().filter(|s| s.history.t > 0.0) {
                    let h = bg_bb_history(&s.history);
                    *groups.entry((h.x, h.t_x, h.n)).or_default() += 1.0;
                }
                let data: Vec<(BgBbHistory, f64)> = groups
                    .into_iter()
                    .map(|((x, t_x, n), w)| (BgBbHistory { x, t_x, n }, w))
                    .collect();
                Fitted::BgBb(BgBb::fit(&data)?)
            }
        })
    }

    fn params(&self) -> BTreeMap<&'static str, f64> {
        match self {
            Fitted::Continuous(f) => f.model.params().into_iter().collect(),
            Fitted::BgBb(f) => BTreeMap::from([
                ("alpha", f.model.alpha),
                ("beta", f.model.beta),
                ("gamma", f.model.gamma),
                ("delta", f.model.delta),
            ]),
        }
    }

    fn log_likelihood(&self) -> f64 {
        match self {
            Fitted::Continuous(f) => f.log_likelihood,
            Fitted::BgBb(f) => f.log_likelihood,
        }
    }

    fn p_alive(&self, h: &History) -> Result<f64> {
        Ok(match self {
            Fitted::Continuous(f) => f.model.p_alive(h)?,
            Fitted::BgBb(f) => f.model.p_alive(&bg_bb_history(h)),
        })
    }

    /// Expected transactions over `length` in the time unit (BG/BB: whole
    /// opportunities).
    fn expected(&self, h: &History, length: f64) -> Result<f64> {
        Ok(match self {
            Fitted::Continuous(f) => f.model.expected_transactions(h, length)?,
            Fitted::BgBb(f) => f
                .model
                .expected_transactions(&bg_bb_history(h), length.round() as u32)?,
        })
    }

    fn clv(&self, h: &History, expected_spend: f64, o: &ClvOptions) -> Result<Clv> {
        Ok(match self {
            Fitted::Continuous(f) => clv(&f.model, h, expected_spend, o)?,
            Fitted::BgBb(f) => {
                let bh = bg_bb_history(h);
                clv_with(
                    |t| f.model.expected_transactions(&bh, t.round() as u32),
                    expected_spend,
                    o,
                )?
            }
        })
    }
}

fn check_options(o: &PredictOptions) -> Result<()> {
    if !(0.0..=1.0).contains(&o.discount_rate) {
        return Err(Error::Options(format!(
            "--discount {} must be a yearly rate between 0 and 1 (0.10 for 10 %)",
            o.discount_rate
        )));
    }
    if !(o.margin > 0.0 && o.margin <= 1.0) {
        return Err(Error::Options(format!(
            "--margin {} must be a share in (0, 1] (1 for revenue)",
            o.margin
        )));
    }
    match (o.calibration_end, o.holdout_end) {
        (None, Some(_)) => Err(Error::Options(
            "--holdout-end needs --calibration-end: the holdout starts where calibration ends"
                .to_owned(),
        )),
        (Some(c), Some(h)) if h <= c => Err(Error::Options(format!(
            "--holdout-end {h} must come after --calibration-end {c}"
        ))),
        _ => Ok(()),
    }
}

/// Fits the purchase and spend models to the client's completed orders and
/// writes one row per customer to `predictions/<client>/clv-<model>.{parquet,csv}`.
///
/// # Errors
/// Options out of range, orders in several currencies, a holdout that runs
/// past the data, and every model error (no repeat buyers, no convergence).
pub async fn predict_purchases(
    ws: &Workspace,
    client: &str,
    o: &PredictOptions,
) -> Result<PurchasePrediction> {
    check_options(o)?;
    let tz = time_zone(ws)?;
    let session = ClientSession::open(ws, client).await?;
    let data = completed_order_days(&session, tz).await?;
    if data.customers.is_empty() {
        return Err(Error::Lacking(Lack::NoOrders {
            client: client.to_owned(),
        }));
    }
    let unit = o.time_unit;
    let as_of = day_number(o.as_of);
    if let Some(h) = o.holdout_end.map(day_number)
        && h > as_of
    {
        return Err(Error::Options(format!(
            "--holdout-end {} is after the as-of day {}; the actual holdout counts would be incomplete",
            day_date(h),
            day_date(as_of)
        )));
    }
    // The calibration end as a day, the summaries, the holdout length in
    // the unit, and how the horizon and CLV periods are counted.
    let (cal_end, summaries, holdout_length, clv_options, horizon) = match o.model {
        PredictModel::Continuous(_) => {
            let cal_end = o.calibration_end.map_or(as_of, day_number);
            let holdout_end = o.holdout_end.map(day_number);
            let summaries: Vec<Summary<'_>> = data
                .customers
                .iter()
                .filter_map(|c| summarise(c, cal_end, holdout_end, unit.days()))
                .collect();
            let (periods, period_days, per_year) = o.horizon.clv_periods();
            let clv_options = ClvOptions {
                horizon_periods: periods,
                period_length: period_days / unit.days(),
                periods_per_year: per_year,
                discount_rate: o.discount_rate,
                margin: o.margin,
            };
            let length = holdout_end.map(|h| f64::from(h - cal_end) / unit.days());
            let horizon = o.horizon.days() / unit.days();
            (cal_end, summaries, length, clv_options, horizon)
        }
        PredictModel::BgBb => {
            // Without a calibration end, the period still under way is left
            // out: it is not a whole opportunity yet.
            let end = match o.calibration_end {
                Some(d) => opportunities::aligned(d, unit, "--calibration-end")?,
                None => period_index(as_of, unit),
            };
            let holdout_end = o
                .holdout_end
                .map(|d| opportunities::aligned(d, unit, "--holdout-end"))
                .transpose()?;
            let summaries: Vec<Summary<'_>> = data
                .customers
                .iter()
                .filter_map(|c| {
                    let s = opportunities::summarise(c, end, holdout_end, unit)?;
                    Some(Summary {
                        id: &c.id,
                        history: History {
                            x: f64::from(s.x),
                            t_x: f64::from(s.t_x),
                            t: f64::from(s.n),
                        },
                        monetary_value: s.monetary_value,
                        holdout_transactions: s.holdout_transactions,
                    })
                })
                .collect();
            let opportunities = opportunities::horizon_opportunities(
                o.horizon.days(),
                unit,
                &o.horizon.to_string(),
            )?;
            let clv_options = ClvOptions {
                horizon_periods: opportunities,
                period_length: 1.0,
                periods_per_year: 365.25 / unit.days(),
                discount_rate: o.discount_rate,
                margin: o.margin,
            };
            let cal_end = day_number(period_start(end, unit));
            let length = holdout_end.map(|h| f64::from(h - end));
            (
                cal_end,
                summaries,
                length,
                clv_options,
                f64::from(opportunities),
            )
        }
    };
    if summaries.is_empty() {
        return Err(Error::Lacking(Lack::NoOrdersBefore {
            client: client.to_owned(),
            day: day_date(cal_end).to_string(),
        }));
    }
    let fit = Fitted::fit(o.model, &summaries)?;
    let (spend, spend_model) = fit_spend(&summaries);

    let mut customers = Vec::with_capacity(summaries.len());
    for s in &summaries {
        let named = |e: Error| Error::Data(format!("customer {}: {e}", s.id));
        let p_alive = fit.p_alive(&s.history).map_err(named)?;
        let expected_spend = spend.map(|g| g.expected_spend(s.history.x, s.monetary_value));
        // The CLV sum ends at the horizon, so it yields the expected
        // transactions over the horizon too; only without a spend model are
        // they evaluated on their own.
        let (expected, value) = match expected_spend {
            Some(m) => {
                let c = fit.clv(&s.history, m, &clv_options).map_err(named)?;
                (c.expected_transactions, Some(c.value))
            }
            None => (fit.expected(&s.history, horizon).map_err(named)?, None),
        };
        customers.push(CustomerPrediction {
            customer_id: s.id.to_owned(),
            x: s.history.x as u64,
            t_x: s.history.t_x,
            t: s.history.t,
            monetary_value: s.monetary_value,
            p_alive,
            expected_transactions: expected,
            expected_spend,
            clv: value,
            risk_tier: risk_tier(p_alive).into(),
        });
    }
    let holdout = match (o.holdout_end, holdout_length) {
        (Some(h), Some(length)) => Some(holdout_check(
            &summaries,
            |history| fit.expected(history, length),
            day_date(cal_end),
            h,
            length,
        )?),
        _ => None,
    };
    let first_day = data
        .customers
        .iter()
        .filter_map(|c| c.days.first())
        .map(|d| d.0)
        .min();
    Ok(PurchasePrediction {
        client: client.to_owned(),
        model: o.model.id().into(),
        time_unit: o.time_unit,
        params: fit
            .params()
            .into_iter()
            .map(|(k, v)| (k.into(), v))
            .collect(),
        log_likelihood: fit.log_likelihood(),
        n_customers: summaries.len(),
        calibration_start: day_date(first_day.unwrap_or(cal_end)),
        calibration_end: day_date(cal_end),
        horizon: o.horizon.to_string(),
        discount_rate: o.discount_rate,
        margin: o.margin,
        currency: data.currency,
        spend_model,
        holdout,
        total_expected_transactions: customers.iter().map(|c| c.expected_transactions).sum(),
        total_clv: customers.iter().map(|c| c.clv).sum(),
        expected_active_customers: customers.iter().map(|c| c.p_alive).sum(),
        customers,
    })
}

impl crate::CustomerRows for PurchasePrediction {
    fn stem(&self) -> String {
        format!("clv-{}", self.model)
    }

    fn workspace_dir(&self, ws: &Workspace) -> std::path::PathBuf {
        ws.predictions_dir(&self.client)
    }

    fn customer_table(&self) -> Result<RecordBatch> {
        to_batch(&self.customers, &self.horizon)
    }
}

/// The saved table: a row per customer, with the horizon its expected
/// purchases and CLV are over (`12m`) in every row, so the table read
/// alone (a customer's page, a BI tool) says what its numbers cover.
fn to_batch(rows: &[CustomerPrediction], horizon: &str) -> Result<RecordBatch> {
    let f64s = |f: fn(&CustomerPrediction) -> f64| -> ArrayRef {
        Arc::new(Float64Array::from_iter_values(rows.iter().map(f)))
    };
    let opt = |f: fn(&CustomerPrediction) -> Option<f64>| -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<Float64Array>())
    };
    let schema = Schema::new(vec![
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("x", DataType::Int64, false),
        Field::new("t_x", DataType::Float64, false),
        Field::new("T", DataType::Float64, false),
        Field::new("monetary_value", DataType::Float64, false),
        Field::new("p_alive", DataType::Float64, false),
        Field::new("expected_transactions", DataType::Float64, false),
        Field::new("expected_spend", DataType::Float64, true),
        Field::new("clv", DataType::Float64, true),
        Field::new("risk_tier", DataType::Utf8, false),
        Field::new("horizon", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.customer_id.as_str()),
        )),
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| r.x as i64),
        )),
        f64s(|r| r.t_x),
        f64s(|r| r.t),
        f64s(|r| r.monetary_value),
        f64s(|r| r.p_alive),
        f64s(|r| r.expected_transactions),
        opt(|r| r.expected_spend),
        opt(|r| r.clv),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.risk_tier.as_ref()),
        )),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|_| horizon))),
    ];
    Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_orders_on_one_day_are_one_transaction_and_x_counts_repeats() {
        // Days 100 (first), 100 again was merged upstream, 110, 130; holdout 150.
        let c = CustomerDays {
            id: "c1".into(),
            days: vec![(100, 20.0), (110, 30.0), (130, 50.0), (150, 10.0)],
        };
        let s = summarise(&c, 140, Some(160), 1.0).unwrap();
        assert_eq!(
            s.history,
            History {
                x: 2.0,
                t_x: 30.0,
                t: 40.0
            }
        );
        assert_eq!(
            s.monetary_value, 40.0,
            "mean of the repeat transactions only"
        );
        assert_eq!(s.holdout_transactions, 1);
        let weeks = summarise(&c, 140, None, 7.0).unwrap();
        assert!((weeks.history.t - 40.0 / 7.0).abs() < 1e-12);
        assert!(
            summarise(&c, 100, None, 1.0).is_none(),
            "first purchase after calibration"
        );
    }

    #[test]
    fn risk_tiers_follow_p_alive() {
        assert_eq!(risk_tier(0.1), "high");
        assert_eq!(risk_tier(0.5), "medium");
        assert_eq!(risk_tier(0.95), "low");
    }
}
