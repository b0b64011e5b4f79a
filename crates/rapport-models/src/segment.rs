//! Customer segments (MODELS.md, "Segments"): RFM scores with the usual
//! named segments, and k-means discovery on standardised features with k
//! chosen by silhouette.

use rand::{Rng, SeedableRng};

use crate::{Error, Result};

/// Quintile scores 1–5 of `values`, 5 for the largest; tied values share a
/// score (by their average rank), so a column of equal values scores 3.
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut scores = vec![0u8; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        // Average 0-based rank of the tie run, as a share of n.
        let share = (i + j) as f64 / 2.0 / n as f64;
        let score = 1 + ((share * 5.0).floor() as u8).min(4);
        for &k in &order[i..=j] {
            scores[k] = score;
        }
        i = j + 1;
    }
    scores
}

/// The named RFM segment of a recency score and a combined
/// frequency-monetary score (both 1–5, 5 best), after the usual RFM grid.
pub fn rfm_segment(r: u8, fm: u8) -> &'static str {
    match (r, fm) {
        (5, 4..=5) => "Champions",
        (3..=4, 4..=5) => "Loyal",
        (4..=5, 2..=3) => "Potential loyalists",
        (5, _) => "New customers",
        (4, _) => "Promising",
        (3, 3) => "Need attention",
        (3, _) => "About to sleep",
        (1..=2, 5) => "Can't lose them",
        (1..=2, 3..=4) => "At risk",
        (2, _) => "Hibernating",
        _ => "Lost",
    }
}

/// A k-means clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub k: usize,
    /// Cluster of each point.
    pub labels: Vec<usize>,
    /// Cluster centres, in the (standardised) feature space.
    pub centres: Vec<Vec<f64>>,
    /// Mean silhouette of this clustering (−1 … 1, higher is better separated).
    pub silhouette: f64,
    /// Mean silhouette of every k tried, for the record.
    pub silhouettes: Vec<(usize, f64)>,
}

/// Standardises each column to mean 0 and standard deviation 1 (a constant
/// column becomes 0).
pub fn standardise(points: &mut [Vec<f64>]) {
    let Some(dims) = points.first().map(Vec::len) else {
        return;
    };
    let n = points.len() as f64;
    for d in 0..dims {
        let mean = points.iter().map(|p| p[d]).sum::<f64>() / n;
        let sd = (points.iter().map(|p| (p[d] - mean).powi(2)).sum::<f64>() / n).sqrt();
        for p in points.iter_mut() {
            p[d] = if sd > 0.0 { (p[d] - mean) / sd } else { 0.0 };
        }
    }
}

fn distance2(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

fn nearest(p: &[f64], centres: &[Vec<f64>]) -> (usize, f64) {
    centres
        .iter()
        .enumerate()
        .map(|(i, c)| (i, distance2(p, c)))
        .fold(
            (0, f64::INFINITY),
            |best, c| if c.1 < best.1 { c } else { best },
        )
}

/// One k-means run: k-means++ seeding, then Lloyd's iterations until no
/// point changes cluster. Returns labels, centres and the within-cluster
/// sum of squares.
fn lloyd(points: &[Vec<f64>], k: usize, rng: &mut impl Rng) -> (Vec<usize>, Vec<Vec<f64>>, f64) {
    let n = points.len();
    let mut centres: Vec<Vec<f64>> = vec![points[rng.random_range(0..n)].clone()];
    let mut d2: Vec<f64> = points.iter().map(|p| distance2(p, &centres[0])).collect();
    while centres.len() < k {
        let total: f64 = d2.iter().sum();
        let next = if total > 0.0 {
            let mut target = rng.random::<f64>() * total;
            d2.iter()
                .position(|&d| {
                    target -= d;
                    target <= 0.0
                })
                .unwrap_or(n - 1)
        } else {
            rng.random_range(0..n)
        };
        centres.push(points[next].clone());
        for (i, p) in points.iter().enumerate() {
            d2[i] = d2[i].min(distance2(p, &centres[centres.len() - 1]));
        }
    }
    let mut labels = vec![usize::MAX; n];
    for _ in 0..300 {
        let mut changed = false;
        for (i, p) in points.iter().enumerate() {
            let (c, _) = nearest(p, &centres);
            if labels[i] != c {
                labels[i] = c;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        let dims = points[0].len();
        let mut sums = vec![vec![0.0; dims]; k];
        let mut counts = vec![0usize; k];
        for (p, &l) in points.iter().zip(&labels) {
            counts[l] += 1;
            for d in 0..dims {
                sums[l][d] += p[d];
            }
        }
        for c in 0..k {
            if counts[c] > 0 {
                centres[c] = sums[c].iter().map(|s| s / counts[c] as f64).collect();
            }
        }
    }
    let wss = points
        .iter()
        .zip(&labels)
        .map(|(p, &l)| distance2(p, &centres[l]))
        .sum();
    (labels, centres, wss)
}

/// Mean silhouette of `labels` over the points at `sample` (all points when
/// that is small enough): for each, (b − a) / max(a, b) with a the mean
/// distance to its own cluster and b to the nearest other one.
fn silhouette(points: &[Vec<f64>], labels: &[usize], k: usize, sample: &[usize]) -> f64 {
    let mut total = 0.0;
    for &i in sample {
        let mut sum = vec![0.0; k];
        let mut count = vec![0usize; k];
        for &j in sample {
            if i != j {
                sum[labels[j]] += distance2(&points[i], &points[j]).sqrt();
                count[labels[j]] += 1;
            }
        }
        let own = labels[i];
        if count[own] == 0 {
            continue; // a singleton's silhouette is 0 by convention
        }
        let a = sum[own] / count[own] as f64;
        let b = (0..k)
            .filter(|&c| c != own && count[c] > 0)
            .map(|c| sum[c] / count[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() {
            total += (b - a) / a.max(b);
        }
    }
    total / sample.len() as f64
}

/// Points the silhouette is computed on: it costs O(m²), so at most this many.
const SILHOUETTE_SAMPLE: usize = 2_000;

/// k-means for each k in `ks`, `restarts` seeded runs each (the best by
/// within-cluster sum of squares kept), and the k with the highest mean
/// silhouette chosen.
///
/// # Errors
/// [`Error::BadInput`] for fewer points than the largest k, ragged or
/// non-finite points, or an empty range of k.
pub fn kmeans(
    points: &[Vec<f64>],
    ks: std::ops::RangeInclusive<usize>,
    restarts: usize,
    seed: u64,
) -> Result<Clustering> {
    let bad = |detail: String| Error::BadInput {
        model: "kmeans",
        detail,
    };
    let dims = points.first().map_or(0, Vec::len);
    if dims == 0
        || points
            .iter()
            .any(|p| p.len() != dims || p.iter().any(|v| !v.is_finite()))
    {
        return Err(bad(
            "points must be non-empty rows of equal length with finite values".to_owned(),
        ));
    }
    if *ks.start() < 2 || ks.is_empty() || points.len() < *ks.end() * 2 {
        return Err(bad(format!(
            "{} points cannot be split into {}–{} clusters (k ≥ 2 and at least 2 points per cluster)",
            points.len(),
            ks.start(),
            ks.end()
        )));
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let sample: Vec<usize> = if points.len() <= SILHOUETTE_SAMPLE {
        (0..points.len()).collect()
    } else {
        rand::seq::index::sample(&mut rng, points.len(), SILHOUETTE_SAMPLE).into_vec()
    };
    let mut best: Option<Clustering> = None;
    let mut silhouettes = Vec::new();
    for k in ks {
        let (labels, centres, _) = (0..restarts.max(1))
            .map(|_| lloyd(points, k, &mut rng))
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .ok_or_else(|| bad("no run".to_owned()))?;
        let s = silhouette(points, &labels, k, &sample);
        silhouettes.push((k, s));
        if best.as_ref().is_none_or(|b| s > b.silhouette) {
            best = Some(Clustering {
                k,
                labels,
                centres,
                silhouette: s,
                silhouettes: Vec::new(),
            });
        }
    }
    let mut best = best.ok_or_else(|| bad("no k to try".to_owned()))?;
    best.silhouettes = silhouettes;
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_distr::{Distribution, Normal};

    #[test]
    fn quintiles_split_evenly_and_ties_share_a_score() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let s = quintile_scores(&values);
        for q in 1..=5u8 {
            assert_eq!(s.iter().filter(|&&v| v == q).count(), 20);
        }
        assert_eq!(s[0], 1);
        assert_eq!(s[99], 5);
        assert!(quintile_scores(&[7.0; 10]).iter().all(|&v| v == 3));
    }

    #[test]
    fn every_rfm_cell_has_a_name() {
        for r in 1..=5 {
            for fm in 1..=5 {
                assert!(!rfm_segment(r, fm).is_empty());
            }
        }
        assert_eq!(rfm_segment(5, 5), "Champions");
        assert_eq!(rfm_segment(1, 1), "Lost");
        assert_eq!(rfm_segment(1, 5), "Can't lose them");
    }

    #[test]
    fn kmeans_finds_three_separated_blobs_and_picks_k_by_silhouette() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let noise = Normal::new(0.0, 0.3).unwrap();
        let centres = [[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]];
        let mut points = Vec::new();
        let mut truth = Vec::new();
        for (c, centre) in centres.iter().enumerate() {
            for _ in 0..200 {
                points.push(vec![
                    centre[0] + noise.sample(&mut rng),
                    centre[1] + noise.sample(&mut rng),
                ]);
                truth.push(c);
            }
        }
        let fit = kmeans(&points, 2..=6, 5, 1).unwrap();
        assert_eq!(fit.k, 3, "{:?}", fit.silhouettes);
        assert!(fit.silhouette > 0.8);
        // Same partition as the truth, up to the names of the clusters.
        for i in 0..points.len() {
            for j in 0..points.len() {
                assert_eq!(truth[i] == truth[j], fit.labels[i] == fit.labels[j]);
            }
        }
        assert!(kmeans(&points[..3], 2..=4, 1, 1).is_err());
    }
}
