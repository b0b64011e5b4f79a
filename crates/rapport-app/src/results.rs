//! Results as they are stored and published: each one's kind and the
//! version of its JSON shape written beside its fields.
//!
//! A report run keeps its results to be read back later, the server
//! publishes them, and a user's script reads `--format json`: each needs to
//! know what a document is and whether this build reads it. The envelope is
//! flat (`{"kind": "metrics", "version": 1, ...the result's fields}`), so
//! the fields stay where scripts already find them.
//!
//! **When to bump a version:** when a field is renamed or removed, or its
//! meaning or unit changes. A new optional field does not need one: older
//! readers ignore it, and newer readers of older documents see it missing.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A result with a stable, versioned JSON shape.
pub trait Versioned: Serialize + DeserializeOwned {
    /// What the document is (`metrics`, `funnel`, …).
    const KIND: &'static str;
    /// The version of its shape this build writes and reads.
    const VERSION: u32;
}

macro_rules! versioned {
    ($($ty:ty => $kind:literal, $version:literal;)*) => {
        $(impl Versioned for $ty {
            const KIND: &'static str = $kind;
            const VERSION: u32 = $version;
        })*

        /// Every kind of result with its version, for a schema listing.
        pub const KINDS: &[(&str, u32)] = &[$(($kind, $version)),*];
    };
}

versioned! {
    rapport_metrics::MetricsReport => "metrics", 1;
    rapport_metrics::cohorts::CohortTable => "cohorts", 1;
    rapport_metrics::funnel::FunnelReport => "funnel", 1;
    rapport_metrics::compare::CompareReport => "compare", 1;
    rapport_metrics::compare::AbTestReport => "abtest", 1;
    rapport_metrics::comments::CommentsReport => "comments", 1;
    rapport_predict::PurchasePrediction => "purchase_prediction", 1;
    rapport_predict::RetentionCurve => "retention_curve", 1;
    rapport_predict::Segmentation => "segments", 1;
    rapport_predict::ChurnReport => "churn", 1;
    rapport_predict::RecommendReport => "recommendations", 1;
    rapport_predict::Forecast => "forecast", 1;
    rapport_ingest::IngestSummary => "load_summary", 1;
    crate::customer::CustomerProfile => "customer", 1;
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    kind: &'static str,
    version: u32,
    #[serde(flatten)]
    result: &'a T,
}

#[derive(Deserialize)]
struct Header {
    kind: Option<String>,
    version: Option<u32>,
}

/// The result as a JSON value with its kind and version.
pub fn to_value<T: Versioned>(result: &T) -> Result<serde_json::Value> {
    Ok(serde_json::to_value(Envelope {
        kind: T::KIND,
        version: T::VERSION,
        result,
    })?)
}

/// The result as indented JSON with its kind and version.
pub fn to_json<T: Versioned>(result: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(&to_value(result)?)?)
}

/// Reads a result written by [`to_json`]. A document of another kind, one
/// without a kind, or one written in a shape newer than this build reads
/// is refused with what it is.
pub fn from_json<T: Versioned>(text: &str) -> Result<T> {
    let field = "document";
    let header: Header = serde_json::from_str(text)
        .map_err(|e| Error::input(field, format!("not a JSON object: {e}")))?;
    match header.kind.as_deref() {
        Some(kind) if kind == T::KIND => {}
        Some(kind) => {
            return Err(Error::input(
                field,
                format!("this is a `{kind}` result, not `{}`", T::KIND),
            ));
        }
        None => return Err(Error::input(field, "the document has no `kind`")),
    }
    match header.version {
        Some(v) if v == T::VERSION => {}
        Some(v) => {
            return Err(Error::input(
                field,
                format!(
                    "a `{}` result of version {v}; this Rapport reads version {}",
                    T::KIND,
                    T::VERSION
                ),
            ));
        }
        None => return Err(Error::input(field, "the document has no `version`")),
    }
    serde_json::from_str(text).map_err(|e| {
        Error::input(
            field,
            format!("not a `{}` result of version {}: {e}", T::KIND, T::VERSION),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> rapport_ingest::IngestSummary {
        serde_json::from_value(serde_json::json!({
            "load_id": 7, "client": "acme", "entity": "orders", "source": "shop",
            "rows_read": 10, "loaded": 7, "quarantined": 1, "duplicates_skipped": 1,
            "continuation_rows": 1, "replaced": 0, "quarantine_file": "q.csv",
            "elapsed_seconds": 0.5, "rows_per_second": 20.0, "bytes_read": 900,
            "ignored_columns": ["note"], "unaccounted_columns": [],
            "report_rows_skipped": 0,
            "problems": [{"rule": "positive", "column": "amount", "rows": 1,
                          "example": "orders.csv row 4: amount -5"}]
        }))
        .expect("a load summary")
    }

    #[test]
    fn a_result_reads_back_as_written_and_others_are_refused() {
        let s = summary();
        let text = to_json(&s).expect("json");
        let v: serde_json::Value = serde_json::from_str(&text).expect("value");
        assert_eq!(
            (v["kind"].as_str(), v["version"].as_u64()),
            (Some("load_summary"), Some(1))
        );
        // The result's own fields stay at the top.
        assert_eq!(v["loaded"], 7);
        let back: rapport_ingest::IngestSummary = from_json(&text).expect("read back");
        assert_eq!(to_json(&back).expect("json"), text);
        // Another kind, no kind, a newer version: refused, naming why.
        let err = from_json::<rapport_metrics::MetricsReport>(&text).unwrap_err();
        assert!(
            err.to_string()
                .contains("`load_summary` result, not `metrics`"),
            "{err}"
        );
        let bare = serde_json::to_string(&s).expect("json");
        assert!(from_json::<rapport_ingest::IngestSummary>(&bare).is_err());
        let newer = text.replace("\"version\": 1", "\"version\": 2");
        let err = from_json::<rapport_ingest::IngestSummary>(&newer).unwrap_err();
        assert!(err.to_string().contains("reads version 1"), "{err}");
        assert_eq!(err.kind(), crate::ErrorKind::Input);
    }

    #[test]
    fn every_kind_is_named_once() {
        let mut kinds: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), KINDS.len());
    }
}
