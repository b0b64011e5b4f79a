//! Customer segments from a client's orders (MODELS.md, "Segments"): RFM
//! named segments, or k-means clusters described in words.
//!
//! Each customer's features are measured at the end of the data (the day
//! after the last order, or a chosen day): days since the last purchase,
//! purchases (transaction days), total spend and days since the first
//! purchase.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use rapport_engine::ClientSession;
use rapport_models::segment::{kmeans, quintile_scores, rfm_segment, standardise};
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::orders::{completed_order_days, day_date, day_number};
use crate::{Error, Lack, Result, time_zone};

/// How customers are segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentMethod {
    /// Recency/frequency/monetary quintiles and the usual named segments.
    Rfm,
    /// k-means on standardised log features, k (2–8) by silhouette.
    Kmeans,
}

/// Options of [`segment_customers`].
#[derive(Debug, Clone)]
pub struct SegmentOptions {
    pub method: SegmentMethod,
    /// Measure features as of this day (exclusive): recency and tenure
    /// count to it, and later orders are not seen.
    pub as_of: NaiveDate,
    /// Name the per-customer file is saved under (default: the method).
    pub name: Option<String>,
    /// Seed of the k-means restarts.
    pub seed: u64,
}

/// One customer's features and segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSegment {
    pub customer_id: String,
    pub recency_days: i64,
    pub frequency: i64,
    pub monetary: f64,
    pub tenure_days: i64,
    /// RFM scores 1–5 (5 best); present for both methods.
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: String,
}

/// One segment's size and profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    pub segment: String,
    /// For k-means clusters: what sets the cluster apart, in English words
    /// (for scripts; front ends word `traits` in the reader's language).
    pub description: Option<String>,
    /// For k-means clusters: the features whose centre lies at least half a
    /// standard deviation from the mean, strongest first. Empty for a
    /// cluster close to the average customer, and for RFM segments.
    #[serde(default)]
    pub traits: Vec<Trait>,
    pub customers: u64,
    pub share: f64,
    pub revenue_share: f64,
    pub mean_recency_days: f64,
    pub mean_frequency: f64,
    pub mean_monetary: f64,
}

/// Everything `rapport segments` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Segmentation {
    pub client: String,
    pub method: SegmentMethod,
    pub name: String,
    #[serde(
        serialize_with = "crate::as_text",
        deserialize_with = "crate::from_text"
    )]
    pub as_of: NaiveDate,
    pub customers: u64,
    /// k-means only: the k chosen and the mean silhouette of each k tried.
    pub k: Option<usize>,
    pub silhouettes: Vec<(usize, f64)>,
    pub segments: Vec<SegmentSummary>,
    #[serde(skip)]
    pub rows: Vec<CustomerSegment>,
}

/// A feature on which a k-means cluster's centre stands out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trait {
    /// `recency`, `frequency`, `monetary` or `tenure` ([`FEATURE_NAMES`]).
    pub feature: String,
    /// Above the mean (long since the last purchase, often, much, long
    /// standing) rather than below it.
    pub high: bool,
    /// The centre's distance from the mean, in standard deviations.
    pub z: f64,
}

/// The features of the k-means space, in the order of a centre's values.
pub const FEATURE_NAMES: [&str; 4] = ["recency", "frequency", "monetary", "tenure"];

/// The features on which a cluster centre (in standard deviations) stands
/// out, strongest first.
fn traits(centre: &[f64]) -> Vec<Trait> {
    let mut out: Vec<Trait> = centre
        .iter()
        .zip(FEATURE_NAMES)
        .filter(|(z, _)| z.abs() >= 0.5)
        .map(|(z, feature)| Trait {
            feature: feature.to_owned(),
            high: *z > 0.0,
            z: *z,
        })
        .collect();
    out.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
    out
}

/// Feature names of the k-means space, and the words for a cluster that
/// sits high or low on each.
const FEATURES: [(&str, &str, &str); 4] = [
    (
        "recency",
        "long since their last purchase",
        "bought recently",
    ),
    ("frequency", "buy often", "rarely buy"),
    ("monetary", "spend a lot", "spend little"),
    ("tenure", "long-standing customers", "new customers"),
];

/// The distinctive features of a cluster centre (in standard deviations),
/// strongest first, in words.
fn describe(traits: &[Trait]) -> String {
    if traits.is_empty() {
        return "close to the average customer".to_owned();
    }
    traits
        .iter()
        .filter_map(|t| {
            let (_, high, low) = FEATURES.iter().find(|f| f.0 == t.feature)?;
            Some(if t.high { *high } else { *low })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Segments the client's customers and saves one row per customer to
/// `segments/<client>/<name>.{parquet,csv}`.
///
/// # Errors
/// No completed orders, an invalid name, too few customers for k-means.
pub async fn segment_customers(
    ws: &Workspace,
    client: &str,
    o: &SegmentOptions,
) -> Result<Segmentation> {
    let name = o.name.clone().unwrap_or_else(|| match o.method {
        SegmentMethod::Rfm => "rfm".to_owned(),
        SegmentMethod::Kmeans => "kmeans".to_owned(),
    });
    if !valid_name(&name) {
        return Err(Error::Options(format!(
            "segment name `{name}`: use lowercase letters, digits, `-` and `_` (at most 64)"
        )));
    }
    let tz = time_zone(ws)?;
    let session = ClientSession::open(ws, client).await?;
    let data = completed_order_days(&session, tz).await?;
    let as_of = day_number(o.as_of);
    let mut rows: Vec<CustomerSegment> = data
        .customers
        .iter()
        .filter_map(|c| {
            let before = &c.days[..c.days.partition_point(|d| d.0 < as_of)];
            let (first, last) = (before.first()?.0, before.last()?.0);
            Some(CustomerSegment {
                customer_id: c.id.clone(),
                recency_days: i64::from(as_of - last),
                frequency: before.len() as i64,
                monetary: before.iter().map(|d| d.1).sum(),
                tenure_days: i64::from(as_of - first),
                r: 0,
                f: 0,
                m: 0,
                segment: String::new(),
            })
        })
        .collect();
    if rows.is_empty() {
        return Err(Error::Lacking(Lack::NoOrdersBefore {
            client: client.to_owned(),
            day: day_date(as_of).to_string(),
        }));
    }
    let column =
        |f: fn(&CustomerSegment) -> f64| quintile_scores(&rows.iter().map(f).collect::<Vec<_>>());
    let (r, f, m) = (
        column(|c| -(c.recency_days as f64)),
        column(|c| c.frequency as f64),
        column(|c| c.monetary),
    );
    for (i, row) in rows.iter_mut().enumerate() {
        (row.r, row.f, row.m) = (r[i], f[i], m[i]);
    }
    let (mut k, mut silhouettes, mut descriptions) = (None, Vec::new(), BTreeMap::new());
    match o.method {
        SegmentMethod::Rfm => {
            for row in &mut rows {
                let fm = (row.f + row.m).div_ceil(2);
                row.segment = rfm_segment(row.r, fm).to_owned();
            }
        }
        SegmentMethod::Kmeans => {
            let mut points: Vec<Vec<f64>> = rows
                .iter()
                .map(|c| {
                    vec![
                        (c.recency_days as f64).ln_1p(),
                        (c.frequency as f64).ln_1p(),
                        c.monetary.max(0.0).ln_1p(),
                        (c.tenure_days as f64).ln_1p(),
                    ]
                })
                .collect();
            standardise(&mut points);
            let fit = kmeans(&points, 2..=8, 10, o.seed)?;
            // Clusters are numbered by size, largest first.
            let mut sizes: Vec<(usize, usize)> = (0..fit.k)
                .map(|c| (c, fit.labels.iter().filter(|&&l| l == c).count()))
                .collect();
            sizes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut names = vec![String::new(); fit.k];
            for (rank, (c, _)) in sizes.iter().enumerate() {
                names[*c] = format!("cluster {}", rank + 1);
                descriptions.insert(names[*c].clone(), traits(&fit.centres[*c]));
            }
            for (row, &l) in rows.iter_mut().zip(&fit.labels) {
                row.segment = names[l].clone();
            }
            k = Some(fit.k);
            silhouettes = fit.silhouettes;
        }
    }
    let segments = summarise(&rows, &descriptions);
    Ok(Segmentation {
        client: client.to_owned(),
        method: o.method,
        name,
        as_of: day_date(as_of),
        customers: rows.len() as u64,
        k,
        silhouettes,
        segments,
        rows,
    })
}

fn summarise(
    rows: &[CustomerSegment],
    descriptions: &BTreeMap<String, Vec<Trait>>,
) -> Vec<SegmentSummary> {
    let revenue: f64 = rows.iter().map(|r| r.monetary).sum();
    let mut groups: BTreeMap<&str, Vec<&CustomerSegment>> = BTreeMap::new();
    for r in rows {
        groups.entry(&r.segment).or_default().push(r);
    }
    let n = rows.len() as f64;
    let mut out: Vec<SegmentSummary> = groups
        .into_iter()
        .map(|(segment, members)| {
            let count = members.len() as f64;
            let spend: f64 = members.iter().map(|m| m.monetary).sum();
            SegmentSummary {
                segment: segment.to_owned(),
                description: descriptions.get(segment).map(|t| describe(t)),
                traits: descriptions.get(segment).cloned().unwrap_or_default(),
                customers: members.len() as u64,
                share: count / n * 100.0,
                revenue_share: if revenue > 0.0 {
                    spend / revenue * 100.0
                } else {
                    0.0
                },
                mean_recency_days: members.iter().map(|m| m.recency_days as f64).sum::<f64>()
                    / count,
                mean_frequency: members.iter().map(|m| m.frequency as f64).sum::<f64>() / count,
                mean_monetary: spend / count,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then_with(|| a.segment.cmp(&b.segment))
    });
    out
}

impl crate::CustomerRows for Segmentation {
    fn stem(&self) -> String {
        self.name.clone()
    }

    fn workspace_dir(&self, ws: &Workspace) -> std::path::PathBuf {
        ws.segments_dir(&self.client)
    }

    fn customer_table(&self) -> Result<RecordBatch> {
        to_batch(&self.rows)
    }
}

fn to_batch(rows: &[CustomerSegment]) -> Result<RecordBatch> {
    let ints = |f: fn(&CustomerSegment) -> i64| -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
    };
    let schema = Schema::new(vec![
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("recency_days", DataType::Int64, false),
        Field::new("frequency", DataType::Int64, false),
        Field::new("monetary", DataType::Float64, false),
        Field::new("tenure_days", DataType::Int64, false),
        Field::new("r", DataType::Int64, false),
        Field::new("f", DataType::Int64, false),
        Field::new("m", DataType::Int64, false),
        Field::new("segment", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.customer_id.as_str()),
        )),
        ints(|r| r.recency_days),
        ints(|r| r.frequency),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|r| r.monetary),
        )),
        ints(|r| r.tenure_days),
        ints(|r| i64::from(r.r)),
        ints(|r| i64::from(r.f)),
        ints(|r| i64::from(r.m)),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.segment.as_str()),
        )),
    ];
    Ok(RecordBatch::try_new(Arc::new(schema), columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_described_by_their_strongest_features() {
        assert_eq!(
            describe(&traits(&[-1.2, 0.9, 0.2, 0.0])),
            "bought recently, buy often"
        );
        assert_eq!(
            describe(&traits(&[0.1, -0.2, 0.3, 0.0])),
            "close to the average customer"
        );
        assert_eq!(
            describe(&traits(&[0.0, 0.0, 2.0, -0.6])),
            "spend a lot, new customers"
        );
    }

    #[test]
    fn names_are_checked() {
        assert!(valid_name("vip-2026"));
        assert!(!valid_name("../x"));
        assert!(!valid_name(""));
    }
}
