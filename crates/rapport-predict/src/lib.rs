//! Predictions over one client's data (MODELS.md): the glue between the
//! engine, which reads the client's tables, and `rapport-models`, which only
//! sees numbers.
//!
//! - [`predict_purchases`]: per-customer P(alive), expected transactions,
//!   expected spend and CLV from the client's completed orders, with an
//!   optional calibration/holdout check.
//! - [`retention_curve`]: the shifted-beta-geometric fit to subscription
//!   cohorts, with projected survival and DERL.
//! - [`churn_model`]: the feature-based churn classifier with a time split.
//! - [`forecast_metric`]: a KPI's ETS forecast with 80 % and 95 % intervals.
//! - [`recommend_products`]: "bought together" recommendations with a
//!   time-split hit rate against the popularity baseline.
//! - [`segment_customers`]: RFM named segments or k-means clusters described
//!   in words, saved per customer under a name.
//!
//! `rapport-models` stays free of I/O; everything that knows about tables
//! and time zones is here, so the CLI, the server and the reports call the
//! same functions. A model writes nothing: the results with a row per
//! customer implement [`CustomerRows`], and the caller decides whether and
//! where to keep that table ([`write_table`]).

mod churn;
mod columns;
mod forecast;
mod lack;
mod opportunities;
mod orders;
mod purchase;
mod recommend;
mod retention;
mod segments;
mod write;

pub use lack::Lack;
pub use write::{CustomerRows, TableFiles, write_table};

pub use churn::{
    ChurnOptions, ChurnReport, ChurnScore, Coefficient, FEATURES as CHURN_FEATURES, churn_model,
};
pub use forecast::{
    Forecast, ForecastMetric, ForecastOptions, ForecastPeriod, ForecastPoint, forecast_metric,
};
pub use purchase::{
    CustomerPrediction, FrequencyCheck, HoldoutCheck, PredictModel, PredictOptions,
    PurchasePrediction, SpendModel, predict_purchases,
};
pub use recommend::{
    ProductRecommendation, RecommendEvaluation, RecommendOptions, RecommendReport,
    recommend_products,
};
pub use retention::{
    CohortSurvivors, ProjectionPoint, RetentionCurve, RetentionOptions, RetentionUnit,
    retention_curve,
};
pub use segments::{
    CustomerSegment, FEATURE_NAMES as SEGMENT_FEATURES, SegmentMethod, SegmentOptions,
    SegmentSummary, Segmentation, Trait as SegmentTrait, segment_customers,
};

use std::path::PathBuf;

/// Errors of predictions.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Engine(#[from] rapport_engine::Error),

    #[error(transparent)]
    Store(#[from] rapport_store::Error),

    #[error("the query for the model's input failed: {0}")]
    Query(#[from] datafusion::error::DataFusionError),

    #[error("reading the model's input failed: {0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),

    #[error(transparent)]
    Model(#[from] rapport_models::Error),

    /// The client's data cannot feed the model; the message says what is missing.
    #[error("{0}")]
    Data(String),

    /// The client's data lacks what the model needs, as a case a report
    /// words in its reader's language.
    #[error("{0}")]
    Lacking(Lack),

    /// An option is out of range or inconsistent with another.
    #[error("{0}")]
    Options(String),

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The unit BTYD times are measured in (MODELS.md: "all in one declared unit").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Day,
    Week,
    /// An average month, 30.4375 days.
    Month,
    /// An average year, 365.25 days (BG/BB: a calendar year).
    Year,
}

impl TimeUnit {
    /// Length in days.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => DAYS_PER_MONTH,
            TimeUnit::Year => 365.25,
        }
    }

    /// The unit's name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// Days in an average Gregorian month.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// A span of time such as `12m`, `52w`, `90d` or `1y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    pub count: u32,
    pub unit: HorizonUnit,
}

/// The unit of a [`Horizon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HorizonUnit {
    Day,
    Week,
    Month,
    Year,
}

impl Horizon {
    /// Length in days (months and years are average ones).
    pub fn days(self) -> f64 {
        let per = match self.unit {
            HorizonUnit::Day => 1.0,
            HorizonUnit::Week => 7.0,
            HorizonUnit::Month => DAYS_PER_MONTH,
            HorizonUnit::Year => 365.25,
        };
        f64::from(self.count) * per
    }

    /// CLV accumulates period by period: days for `d`, weeks for `w`,
    /// months for `m` and `y`. Returns (periods, days per period, periods
    /// per year); periods × days per period is always [`Horizon::days`].
    pub fn clv_periods(self) -> (u32, f64, f64) {
        match self.unit {
            HorizonUnit::Day => (self.count, 1.0, 365.25),
            HorizonUnit::Week => (self.count, 7.0, 365.25 / 7.0),
            HorizonUnit::Month => (self.count, DAYS_PER_MONTH, 12.0),
            HorizonUnit::Year => (self.count.saturating_mul(12), DAYS_PER_MONTH, 12.0),
        }
    }
}

impl std::str::FromStr for Horizon {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Horizon, String> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, unit) = s.split_at(split);
        let count: u32 = digits
            .parse()
            .map_err(|_| format!("`{s}` is not a span like 12m, 52w, 90d or 1y"))?;
        let unit = match unit {
            "d" => HorizonUnit::Day,
            "w" => HorizonUnit::Week,
            "m" => HorizonUnit::Month,
            "y" => HorizonUnit::Year,
            _ => return Err(format!("`{s}`: the unit must be d, w, m or y (as in 12m)")),
        };
        if count == 0 || count > 10_000 {
            return Err(format!(
                "`{s}`: the span must be between 1 and 10000 {unit:?}s"
            ));
        }
        Ok(Horizon { count, unit })
    }
}

impl std::fmt::Display for Horizon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let u = match self.unit {
            HorizonUnit::Day => "d",
            HorizonUnit::Week => "w",
            HorizonUnit::Month => "m",
            HorizonUnit::Year => "y",
        };
        write!(f, "{}{u}", self.count)
    }
}

/// Serialises a date or time by its `Display` form (ISO 8601), without
/// turning on chrono's `serde` feature for the whole dependency tree.
fn as_text<T: std::fmt::Display, S: serde::Serializer>(
    v: &T,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// Reads back what [`as_text`] wrote: a date or time by its `FromStr` form.
fn from_text<'de, T, D>(d: D) -> std::result::Result<T, D::Error>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
    D: serde::Deserializer<'de>,
{
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// The workspace's time zone, parsed.
fn time_zone(ws: &rapport_store::Workspace) -> Result<chrono_tz::Tz> {
    let name = &ws.settings().timezone;
    name.parse()
        .map_err(|_| Error::Options(format!("rapport.toml: `{name}` is not an IANA time zone")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizons_parse_and_print() {
        let h: Horizon = "12m".parse().unwrap();
        assert_eq!(h.clv_periods(), (12, DAYS_PER_MONTH, 12.0));
        assert_eq!(h.to_string(), "12m");
        assert_eq!("1y".parse::<Horizon>().unwrap().clv_periods().0, 12);
        assert!((("90d".parse::<Horizon>().unwrap()).days() - 90.0).abs() < 1e-12);
        assert!("12".parse::<Horizon>().unwrap_err().contains("unit"));
        assert!("m".parse::<Horizon>().is_err());
        assert!("0m".parse::<Horizon>().is_err());
        for text in ["90d", "26w", "12m", "2y"] {
            let h: Horizon = text.parse().unwrap();
            let (n, per, _) = h.clv_periods();
            assert!((f64::from(n) * per - h.days()).abs() < 1e-9, "{text}");
        }
    }
}
