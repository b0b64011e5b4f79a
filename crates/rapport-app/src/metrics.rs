//! The metric catalog for a period (METRICS.md), as a front end asks for
//! it: options as typed by a user, parsed here so that a bad period or
//! segment is an input error naming its field; the headline KPIs a summary
//! leads with; and a client's summary in one line.

use std::path::PathBuf;

use rapport_metrics::{Calendar, Compare, Filter, MetricValue, MetricsReport, Period, Request};
use rapport_store::Workspace;

use crate::words::{self, Locale};
use crate::{Error, Result};

/// What to measure, as a user gives it.
#[derive(Debug, Clone)]
pub struct MetricsOptions {
    pub client: String,
    /// A period label: `2026-10`, `2026-Q3`, `2026`, `2026-W41`, a range.
    pub period: String,
    pub compare: Compare,
    /// A period label to compare with instead (`2026-Q1`); it must end
    /// by the time the measured period starts.
    pub against: Option<String>,
    /// A segment filter (`orders_90d >= 3 and country = "RO"`).
    pub segment: Option<String>,
    /// An attribute to break every metric down by.
    pub by: Option<String>,
    /// Only these metric ids (all when empty).
    pub only: Vec<String>,
    /// The day the report is made on (see [`rapport_metrics::Request`]).
    pub as_of: chrono::NaiveDate,
    /// Keeps every plan run and its result (the metrics bench).
    pub recorder: Option<std::sync::Arc<rapport_metrics::Recorder>>,
}

impl MetricsOptions {
    /// Every metric of `client` for `period` against the previous period,
    /// as of `as_of`.
    pub fn new(client: &str, period: &str, as_of: chrono::NaiveDate) -> MetricsOptions {
        MetricsOptions {
            as_of,
            recorder: None,
            client: client.to_owned(),
            period: period.to_owned(),
            compare: Compare::Previous,
            against: None,
            segment: None,
            by: None,
            only: Vec::new(),
        }
    }

    /// The library request these options mean, with the period read in
    /// `calendar` (the client's; see [`crate::period`]).
    pub fn request(&self, calendar: Calendar) -> Result<Request> {
        let period: Period = calendar.period(&self.period)?;
        let against = self
            .against
            .as_deref()
            .map(|label| comparison_period(&period, label, calendar))
            .transpose()?;
        let segment = match &self.segment {
            Some(s) => Some(s.parse::<Filter>()?),
            None => None,
        };
        for id in &self.only {
            if rapport_metrics::metric(id).is_none() {
                return Err(Error::input(
                    "only",
                    format!("no metric `{id}`; the ids are listed by `rapport metrics --list`"),
                ));
            }
        }
        Ok(Request {
            period,
            compare: self.compare,
            against,
            segment,
            by: self.by.clone(),
            only: self.only.clone(),
            as_of: self.as_of,
            recorder: self.recorder.clone(),
        })
    }
}

/// Measures every metric the options ask for.
pub async fn measure(ws: &Workspace, options: &MetricsOptions) -> Result<MetricsReport> {
    let request = options.request(ws.calendar(&options.client)?)?;
    Ok(rapport_metrics::compute(ws, &options.client, &request).await?)
}

/// The metrics a summary leads with, in order of preference: what a
/// client's owner asks first (money, then what customers say, then whether
/// they stay, then the funnel and the service).
pub const HEADLINE: &[&str] = &[
    "revenue",
    "nps",
    "csat",
    "ces",
    "churn_rate",
    "active_customers",
    "conversion_rate",
    "fcr",
    "social_engagement_rate",
];

/// The first `max` headline metrics that have a value in `report`.
pub fn headline(report: &MetricsReport, max: usize) -> Vec<&MetricValue> {
    HEADLINE
        .iter()
        .filter_map(|id| report.metrics.iter().find(|m| m.id == *id))
        .filter(|m| m.value.is_some())
        .take(max)
        .collect()
}

/// A headline metric in a few words: `revenue 12,345 RON (+4.20%)`,
/// `nps 40 ± 7 (n=500) (+5)`.
pub fn headline_text(m: &MetricValue, locale: Locale) -> String {
    let Some(v) = m.value else {
        return format!("{} n/a", m.id);
    };
    // "75%" rather than "75 %": a summary line wraps at spaces.
    let mut text = format!(
        "{} {}",
        m.id,
        words::value(v, &m.unit, locale).replace(" %", "%")
    );
    if let ("nps", Some(hi), Some(n)) = (m.id.as_ref(), m.ci_high, m.n) {
        text = format!(
            "nps {} ± {} (n={})",
            words::number(v, locale),
            words::number(hi - v, locale),
            words::count(n, locale)
        );
    }
    let change = words::change_cell(m, locale);
    if !change.is_empty() {
        text.push_str(&format!(" ({change})"));
    }
    text
}

/// How many of the report's metrics have a value.
pub fn with_data(report: &MetricsReport) -> usize {
    report.metrics.iter().filter(|m| m.value.is_some()).count()
}

/// A client's period in one line: its headline KPIs against the
/// comparison period, and how many metrics have data.
pub fn summary_line(report: &MetricsReport, locale: Locale) -> String {
    let parts: Vec<String> = headline(report, 4)
        .into_iter()
        .map(|m| headline_text(m, locale))
        .collect();
    let versus = report
        .comparison
        .as_ref()
        .map(|c| format!(" vs {}", c.label))
        .unwrap_or_default();
    format!(
        "{} {}{versus}: {}; {} of {} metrics have data",
        report.client,
        report.period.label,
        parts.join(", "),
        with_data(report),
        report.metrics.len()
    )
}

/// Saves a report as `metrics/<client>/<period>.json` in the workspace
/// (through a unique temporary name) and returns the file.
pub fn save(ws: &Workspace, report: &MetricsReport) -> Result<PathBuf> {
    let file = ws
        .root()
        .join("metrics")
        .join(&report.client)
        .join(format!("{}.json", report.period.label));
    // Stored with its kind and version, so it reads back (`results`).
    crate::write_atomically(&file, crate::results::to_json(report)?.as_bytes())?;
    Ok(file)
}

/// A period chosen to compare `period` with: read in `calendar`, and over
/// before `period` starts (a comparison looks back; an overlapping one
/// would count the same days twice).
pub fn comparison_period(period: &Period, label: &str, calendar: Calendar) -> Result<Period> {
    let against: Period = calendar
        .period(label)
        .map_err(|e| Error::input("compare_with", format!("compare_with: {e}")))?;
    if against.end > period.start {
        return Err(Error::input(
            "compare_with",
            format!(
                "compare_with {against} must end by the time {period} starts: a comparison looks back"
            ),
        ));
    }
    Ok(against)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_options_are_input_errors_naming_their_field() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let mut o = MetricsOptions::new("acme", "2026-13", as_of);
        assert_eq!(
            o.request(Calendar::ISO).expect_err("period").field(),
            Some("period")
        );
        o.period = "2026-10".to_owned();
        o.segment = Some("orders_90d >= \"x\"".to_owned());
        assert_eq!(
            o.request(Calendar::ISO).expect_err("segment").field(),
            Some("segment")
        );
        o.segment = None;
        o.only = vec!["nps".to_owned(), "happiness".to_owned()];
        let e = o.request(Calendar::ISO).expect_err("only");
        assert_eq!(e.field(), Some("only"));
        assert!(e.to_string().contains("`happiness`"));
        o.only = vec!["nps".to_owned()];
        assert!(o.request(Calendar::ISO).is_ok());
    }

    #[test]
    fn headline_metrics_are_catalog_ids() {
        for id in HEADLINE {
            assert!(rapport_metrics::metric(id).is_some(), "{id}");
        }
    }
}
