//! The report as data: every number it shows, with the metric or model it
//! comes from, and every sentence written from those numbers. This is
//! `report.json`; the HTML and PDF templates lay out the same value, so
//! anything a reader sees can be checked against it.

use serde::{Deserialize, Serialize};

/// A period as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedPeriod {
    /// `2026-Q3`, `2026-10`.
    pub label: String,
    /// `Q3 2026`, `October 2026`.
    pub name: String,
    /// First and last day, inclusive.
    pub start: String,
    pub end: String,
    /// For a client on another calendar, the Gregorian days the period
    /// covers as written (`22 June 2026 – 22 September 2026`), so a reader
    /// can match it to other systems' reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gregorian: Option<String>,
}

/// A comparison of one KPI with another period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub period: NamedPeriod,
    pub value: Option<f64>,
    /// The value as written (`31.20 %`).
    pub value_text: String,
    /// value now − value then, in the metric's unit.
    pub change: Option<f64>,
    pub change_pct: Option<f64>,
    /// Whether the test of METRICS.md finds the change significant at
    /// 95 %; `None` where no test applies.
    pub significant: Option<bool>,
    pub p_value: Option<f64>,
    /// The test's id (`two_proportion_z`, `welch_t`, `nps_margin`,
    /// `poisson_rate`).
    pub test: Option<String>,
    /// The change in words: `up 2.1 percentage points from Q2 2026,
    /// significant`.
    pub text: String,
    /// The value and the change as one line, joined the language's way
    /// (`31.20 % · up 2.1 …`; Persian joins with `،`, since a middle dot
    /// beside Persian digits reads as a zero).
    #[serde(default)]
    pub summary: String,
}

/// A value set for a KPI to reach, and whether it is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetCheck {
    pub value: f64,
    pub value_text: String,
    pub met: Option<bool>,
    /// `definition` or `catalog` (`rapport target set`).
    pub source: String,
    pub text: String,
}

/// A benchmark beside a KPI, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkCheck {
    pub value: f64,
    pub value_text: String,
    pub source: String,
    /// Whether the value is on the good side of the benchmark.
    pub better: Option<bool>,
    pub text: String,
}

/// Whether a KPI's news is good, as its registry direction says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

/// One headline KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// The metric id of METRICS.md.
    pub metric: String,
    pub name: String,
    pub unit: String,
    /// `higher`, `lower` or `neutral`: which direction is good.
    pub better: String,
    pub value: Option<f64>,
    pub value_text: String,
    /// The 95 % interval, where the metric has one.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub interval_text: String,
    /// How many customers, responses or orders the value rests on.
    pub n: Option<u64>,
    pub previous: Option<Comparison>,
    pub year_ago: Option<Comparison>,
    pub target: Option<TargetCheck>,
    pub benchmark: Option<BenchmarkCheck>,
    /// Good or bad news against the previous period.
    pub tone: Tone,
    /// The tone in words, so status is never carried by colour alone.
    pub tone_text: String,
    /// The metric in one sentence, with its comparisons.
    pub sentence: String,
}

/// What a finding compares the value with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A significant change against the previous period.
    Previous,
    /// A significant change against the same period a year ago.
    YearAgo,
    /// A large change where no test applies (a total, not a sample).
    Untested,
    Target,
    Benchmark,
}

/// One thing that went well or needs attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub metric: String,
    pub basis: Basis,
    /// How the finding ranks: significant changes first, then the size of
    /// the change relative to the value before.
    pub weight: f64,
    pub sentence: String,
}

/// Both lists, each with the sentence shown when it is empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub went_well: Vec<Finding>,
    pub needs_attention: Vec<Finding>,
    /// Shown when `went_well` is empty.
    pub went_well_empty: String,
    /// Shown when `needs_attention` is empty.
    pub needs_attention_empty: String,
}

/// One month of a KPI's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// `2026-10`.
    pub period: String,
    pub value: Option<f64>,
    /// The same month a year earlier.
    pub year_ago: Option<f64>,
    /// Whether the month falls in the report's period.
    pub in_period: bool,
}

/// Something that happened, from the client's annotations, numbered as
/// the trend charts mark it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub number: usize,
    /// `2026-09-03`.
    pub date: String,
    /// The date and the number as the report's language writes them.
    pub date_written: String,
    pub number_written: String,
    pub text: String,
    pub scope: Option<String>,
}

/// A headline KPI month by month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub points: Vec<TrendPoint>,
    pub title: String,
    /// What the chart shows, for a reader who cannot see it.
    pub alt: String,
}

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_text: String,
}

/// A bar chart: a metric by an attribute, a funnel's steps, a
/// distribution's bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// The chart's id in the report (`breakdown-revenue-channel`).
    pub id: String,
    /// The metric id the bars measure, where one does.
    pub metric: Option<String>,
    pub unit: String,
    pub title: String,
    pub alt: String,
    pub bars: Vec<Bar>,
    /// What the chart shows, in a sentence under it.
    pub caption: String,
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStepView {
    pub event: String,
    pub count: u64,
    pub count_text: String,
    /// Percent of the first step's units.
    pub from_start: Option<f64>,
    /// Percent of the previous step's units.
    pub from_previous: Option<f64>,
    pub text: String,
}

/// The conversion funnel of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelView {
    pub steps: Vec<FunnelStepView>,
    pub window: String,
    pub chart: BarChart,
    pub sentence: String,
}

/// One cohort's row of the heat map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// `2026-03`.
    pub label: String,
    /// `March 2026` (`Farvardin 1405` in the Solar Hijri calendar).
    pub name: String,
    pub size: u64,
    /// Percent of the cohort active k months after its first; `None`
    /// where the month has not ended.
    pub shares: Vec<Option<f64>>,
}

/// Monthly cohorts and how many of each came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortView {
    /// `orders` or `subscriptions`.
    pub activity: String,
    pub rows: Vec<CohortRow>,
    /// The size-weighted mean of each column over complete cells.
    pub average: Vec<Option<f64>>,
    pub title: String,
    pub alt: String,
    pub sentence: String,
}

/// A KPI's forecast: the months observed, the months ahead with their 80 %
/// and 95 % intervals, and the model chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastView {
    /// `revenue`, `orders`, `buyers` or a metric id.
    pub metric: String,
    pub unit: String,
    /// The ETS form chosen by AICc, `ETS(A,N,N)`.
    pub model: String,
    pub history: Vec<rapport_predict::ForecastPoint>,
    pub forecast: Vec<rapport_predict::ForecastPoint>,
    pub title: String,
    pub alt: String,
    pub sentences: Vec<String>,
}

/// A customer most worth a call: high value, high risk of leaving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallCustomer {
    pub customer_id: String,
    pub clv: Option<f64>,
    pub clv_text: String,
    pub p_alive: f64,
    pub p_alive_text: String,
    /// Orders after the first, in the calibration window.
    pub repeat_orders: u64,
    #[serde(default)]
    pub repeat_orders_text: String,
}

/// The purchase model's view of the next period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseOutlook {
    /// `bg_nbd`, `pareto_nbd`, …
    pub model: String,
    pub customers: usize,
    /// The next period: `Q4 2026`.
    pub horizon: NamedPeriod,
    pub expected_orders: f64,
    pub expected_orders_text: String,
    /// Expected orders × expected spend per order, not discounted.
    pub expected_revenue: Option<f64>,
    pub expected_revenue_text: String,
    /// Customers whose P(alive) is below 0.3.
    pub at_risk: u64,
    /// Back-test: the same model fitted up to the report period's start
    /// predicted its orders; the error of that prediction, in percent.
    pub backtest_error_pct: Option<f64>,
    pub sentences: Vec<String>,
    pub call_list: Vec<CallCustomer>,
    pub call_list_text: String,
    /// Customers by lifetime value and by chance still active.
    pub distributions: Vec<BarChart>,
}

/// A subscription business's retention curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionOutlook {
    pub cohorts: usize,
    /// Share of subscribers still active after 1, 3, 6 and 12 months.
    pub survival: Vec<(u32, f64)>,
    pub mean_churn: Option<f64>,
    pub sentences: Vec<String>,
}

/// Predictions, each with what it means; a model that cannot be fitted
/// says why instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predictions {
    pub purchase: Option<PurchaseOutlook>,
    pub retention: Option<RetentionOutlook>,
    /// Why a model gave no result.
    pub unavailable: Vec<String>,
}

/// A recommended action and what triggered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// The rule that produced it (`retention_fell`, `stale_source`, …).
    pub rule: String,
    /// The metrics (or sources) whose numbers triggered it.
    pub because: Vec<String>,
    pub text: String,
    /// `because` and `rule` as the line under the action
    /// (`Because of: churn_rate · Rule: retention_fell`).
    #[serde(default)]
    pub basis: String,
}

/// One source of the client's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceStatus {
    /// The canonical entity (`orders`, `survey_responses`).
    pub entity: String,
    /// The entity as a reader names it (`Survey responses`).
    pub name: String,
    pub last_loaded: String,
    /// The day it was last loaded, as the report's language writes it.
    #[serde(default)]
    pub last_loaded_text: String,
    pub rows_loaded: u64,
    pub rows_loaded_text: String,
    pub rows_quarantined: u64,
    pub rows_quarantined_text: String,
    /// Whether it was loaded after the period ended.
    pub fresh: bool,
    pub text: String,
}

/// A reason rows were quarantined, with how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarantineReason {
    pub entity: String,
    pub name: String,
    pub column: String,
    /// The rule's code (`time_order`, `allowed_values`, …).
    pub rule: String,
    /// What the rule asks, in the report's language.
    #[serde(default)]
    pub rule_text: String,
    pub rows: u64,
    pub rows_text: String,
    /// One row's example: the ingest's message in English, the offending
    /// value in another language.
    pub example: String,
}

/// A metric that has no value, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingMetric {
    pub metric: String,
    pub name: String,
    pub reason: String,
}

/// How far the numbers can be trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataQuality {
    pub sources: Vec<SourceStatus>,
    pub quarantined: u64,
    pub top_reasons: Vec<QuarantineReason>,
    pub missing: Vec<MissingMetric>,
    /// Charts the definition asks for that the data cannot give, and why.
    pub unavailable: Vec<String>,
    pub sentences: Vec<String>,
}

/// A term of art and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub term: String,
    pub meaning: String,
}

/// The client's feedback on an earlier report, answered in this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackAnswer {
    pub feedback_id: i64,
    /// The run of the report the feedback was about.
    pub report_run_id: i64,
    pub period: String,
    pub rating: i64,
    pub comment: Option<String>,
    pub sentence: String,
}

/// One client's report for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `<client>/<period>`.
    pub id: String,
    /// The run in the catalog's report archive (`rapport report list`),
    /// the number feedback refers to; none for a report rendered outside
    /// the archive (the bench).
    pub run: Option<i64>,
    pub client: String,
    pub client_name: String,
    pub agency: Option<String>,
    pub title: String,
    pub language: String,
    pub period: NamedPeriod,
    pub previous_period: NamedPeriod,
    /// Whether `previous_period` was chosen by the reader rather than the
    /// period just before (a dashboard's compare picker).
    #[serde(default)]
    pub compared_with_chosen: bool,
    pub year_ago_period: NamedPeriod,
    /// The day the report was made as of (ISO).
    pub as_of: String,
    /// The same day as the report's language writes it, in the client's
    /// calendar (with the Gregorian day alongside for a Solar Hijri one).
    pub as_of_text: String,
    /// The client's calendar: `gregorian` or `solar-hijri`.
    pub calendar: rapport_metrics::CalendarSystem,
    /// Whether the period had ended by `as_of`.
    pub complete: bool,
    pub currency: String,
    /// Shown on the first page: an incomplete period, a stale source.
    pub notices: Vec<String>,
    pub summary: Vec<String>,
    pub kpis: Vec<Kpi>,
    /// The definition's own metrics, with their queries, so each custom
    /// number can be checked.
    pub custom_metrics: Vec<crate::custom::CustomMetric>,
    pub findings: Findings,
    pub trends: Vec<Trend>,
    /// The annotations dated within the trends' months.
    pub annotations: Vec<Annotation>,
    pub breakdowns: Vec<BarChart>,
    pub funnel: Option<FunnelView>,
    pub cohorts: Option<CohortView>,
    pub forecast: Option<ForecastView>,
    pub predictions: Predictions,
    pub actions: Vec<Action>,
    pub data_quality: DataQuality,
    pub triangulation: Vec<crate::triangulation::Check>,
    /// Feedback on earlier reports not answered before.
    pub feedback: Vec<FeedbackAnswer>,
    /// Where the client rates this report (`public_url` in rapport.toml;
    /// the server serves the form).
    pub feedback_url: Option<String>,
    pub glossary: Vec<Term>,
}
