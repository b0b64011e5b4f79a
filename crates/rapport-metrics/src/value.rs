//! A metric's value in one period, and the JSON shape of METRICS.md that
//! puts it next to its comparison and target.

use rapport_schema::Label;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{MetricDef, Unit};
use crate::missing::Why;
use crate::stats::{self, Moments, TestResult};

/// What a value was computed from: decides its interval and which test
/// says whether a change is significant (METRICS.md, "Tests of difference").
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Evidence {
    /// Not tested (money totals, ratios of sums of different things).
    #[default]
    None,
    /// A share x/n: Wilson interval, two-proportion z-test.
    Proportion { x: f64, n: f64 },
    /// NPS from promoters and detractors among n: margin of error.
    Nps {
        promoters: f64,
        detractors: f64,
        n: f64,
    },
    /// A mean of n values: t interval, Welch's test.
    Mean(Moments),
    /// A count of events over a number of days: Poisson rate test.
    Count { count: f64, days: f64 },
}

/// A metric measured in one period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measure {
    pub value: Option<f64>,
    /// How many units the value rests on (responses, orders, sessions, …).
    pub n: Option<u64>,
    pub evidence: Evidence,
    /// Why the value is missing, when it is.
    pub missing: Option<Why>,
    /// Money's currency, when the metric is money.
    pub currency: Option<String>,
    /// Secondary figures (median, p90, mean score, promoters, …).
    pub detail: BTreeMap<&'static str, f64>,
    /// Which definition or data the value rests on, when there is a choice
    /// (`subscriptions` or `orders`, `sessions` or `ad clicks`).
    pub basis: Option<&'static str>,
}

impl Measure {
    /// A value with its evidence.
    pub fn of(value: f64, n: u64, evidence: Evidence) -> Measure {
        if !value.is_finite() {
            return Measure::missing(Why::Undefined);
        }
        Measure {
            value: Some(value),
            n: Some(n),
            evidence,
            ..Measure::default()
        }
    }

    /// A metric without data, and why.
    pub fn missing(why: Why) -> Measure {
        Measure {
            missing: Some(why),
            ..Measure::default()
        }
    }

    /// A percentage x/n·100 with its Wilson evidence, or missing with
    /// `why` when n is 0.
    pub fn percent(x: f64, n: f64, why: Why) -> Measure {
        if n <= 0.0 {
            return Measure::missing(why);
        }
        Measure::of(100.0 * x / n, n as u64, Evidence::Proportion { x, n })
    }

    /// A ratio a/b, or missing with `why` when b is 0.
    pub fn ratio(a: f64, b: f64, n: u64, why: Why) -> Measure {
        if b == 0.0 {
            return Measure::missing(why);
        }
        Measure::of(a / b, n, Evidence::None)
    }

    pub(crate) fn with_detail(mut self, key: &'static str, value: f64) -> Measure {
        if value.is_finite() {
            self.detail.insert(key, value);
        }
        self
    }

    pub(crate) fn with_basis(mut self, basis: &'static str) -> Measure {
        self.basis = Some(basis);
        self
    }

    pub(crate) fn with_currency(mut self, currency: Option<&str>) -> Measure {
        self.currency = currency.map(str::to_owned);
        self
    }

    /// The 95 % interval of the value, in the value's unit.
    pub fn interval(&self) -> Option<(f64, f64)> {
        match self.evidence {
            Evidence::None | Evidence::Count { .. } => None,
            Evidence::Proportion { x, n } => {
                stats::wilson(x, n).map(|(lo, hi)| (lo * 100.0, hi * 100.0))
            }
            Evidence::Nps {
                promoters,
                detractors,
                n,
            } => stats::nps(promoters, detractors, n).map(|(v, _, moe)| (v - moe, v + moe)),
            Evidence::Mean(m) => m.mean_interval(),
        }
    }
}

/// Whether the change from `before` to `now` is significant, by the test
/// their evidence calls for; `None` when they cannot be tested.
pub fn change_test(before: &Measure, now: &Measure) -> Option<TestResult> {
    match (before.evidence, now.evidence) {
        (Evidence::Proportion { x: x1, n: n1 }, Evidence::Proportion { x: x2, n: n2 }) => {
            stats::two_proportion(x1, n1, x2, n2)
        }
        (
            Evidence::Nps {
                promoters: p1,
                detractors: d1,
                n: n1,
            },
            Evidence::Nps {
                promoters: p2,
                detractors: d2,
                n: n2,
            },
        ) => stats::nps_change((p1, d1, n1), (p2, d2, n2)),
        (Evidence::Mean(a), Evidence::Mean(b)) => stats::welch(a, b).map(|(r, _, _)| r),
        (
            Evidence::Count {
                count: c1,
                days: d1,
            },
            Evidence::Count {
                count: c2,
                days: d2,
            },
        ) => stats::poisson_rates(c1, d1, c2, d2),
        _ => None,
    }
}

/// The comparison value, as METRICS.md's JSON shape has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    pub value: Option<f64>,
    pub n: Option<u64>,
}

/// A target and how the value stands against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetStatus {
    pub value: f64,
    /// value − target (in the metric's unit).
    pub gap: Option<f64>,
    /// Whether the target is met, given which direction is better.
    pub met: Option<bool>,
}

/// One metric's value in METRICS.md's JSON shape, with the fields Rapport
/// adds (name, unit detail, test, target, basis).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricValue {
    pub id: Label,
    pub name: Label,
    pub value: Option<f64>,
    pub unit: String,
    pub n: Option<u64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub previous: Option<Previous>,
    /// value − previous value, in the metric's unit (points for rates).
    pub change: Option<f64>,
    /// Relative change in percent, when the previous value is not 0.
    pub change_pct: Option<f64>,
    pub significant: Option<bool>,
    pub p_value: Option<f64>,
    /// The test behind `significant`.
    pub test: Option<crate::stats::Test>,
    pub target: Option<TargetStatus>,
    /// Why there is no value, in English, for a person reading the JSON.
    pub missing_reason: Option<String>,
    /// Why there is no value, as a case a program (and the report, in the
    /// reader's language) can use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Why>,
    pub basis: Option<Label>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub detail: BTreeMap<Label, f64>,
}

/// Rounds for output: JSON carries the full value, but noise digits from
/// floating point (40.00000000000001) do not help anyone.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(0, 15));
    (x * scale).round() / scale
}

impl MetricValue {
    /// Why there is no value, in `locale`: the case's sentence, or the
    /// stored English one for JSON written before cases existed.
    pub fn missing_text(&self, locale: rapport_locale::Locale) -> Option<String> {
        self.missing
            .as_ref()
            .map(|w| w.text(locale))
            .or_else(|| self.missing_reason.clone())
    }

    /// Puts a period's measure next to its comparison and target.
    pub fn build(
        def: &MetricDef,
        now: Measure,
        before: Option<&Measure>,
        target: Option<f64>,
    ) -> MetricValue {
        let unit = match (def.unit, &now.currency) {
            (Unit::Money, Some(c)) => c.clone(),
            (u, _) => u.label().to_owned(),
        };
        let interval = now.interval();
        let test = before.and_then(|b| {
            if b.value.is_some() && now.value.is_some() {
                change_test(b, &now)
            } else {
                None
            }
        });
        let change = match (now.value, before.and_then(|b| b.value)) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        let change_pct = match (now.value, before.and_then(|b| b.value)) {
            (Some(a), Some(b)) if b != 0.0 => Some((a - b) / b.abs() * 100.0),
            _ => None,
        };
        let target = target.map(|t| {
            let gap = now.value.map(|v| v - t);
            let met = now.value.and_then(|v| match def.better {
                crate::catalog::Better::Higher => Some(v >= t),
                crate::catalog::Better::Lower => Some(v <= t),
                crate::catalog::Better::Neutral => None,
            });
            TargetStatus {
                value: t,
                gap: gap.map(tidy),
                met,
            }
        });
        MetricValue {
            id: def.id.into(),
            name: def.name.into(),
            value: now.value.map(tidy),
            unit,
            n: now.n,
            ci_low: interval.map(|i| tidy(i.0)),
            ci_high: interval.map(|i| tidy(i.1)),
            previous: before.map(|b| Previous {
                value: b.value.map(tidy),
                n: b.n,
            }),
            change: change.map(tidy),
            change_pct: change_pct.map(tidy),
            significant: test.map(|t| t.significant),
            p_value: test.map(|t| t.p_value),
            test: test.map(|t| t.test),
            target,
            missing_reason: now.missing.as_ref().map(crate::Why::english),
            missing: now.missing,
            basis: now.basis.map(Into::into),
            detail: now
                .detail
                .into_iter()
                .map(|(k, v)| (k.into(), tidy(v)))
                .collect(),
        }
    }
}
