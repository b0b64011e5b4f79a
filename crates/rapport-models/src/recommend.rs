//! Product recommendations from purchase histories: item-to-item
//! co-occurrence ("customers who bought this also bought") with cosine
//! similarity, falling back on popularity where co-occurrence says nothing,
//! and the hit rate at k used to evaluate both on a time split.
//!
//! Items and customers are dense integer ids; the caller maps names.

use std::collections::HashMap;

/// Items per customer beyond which only the first are paired: a customer
/// with n items contributes n² pairs, so very large baskets are capped.
pub const MAX_ITEMS_PER_CUSTOMER: usize = 100;
/// Neighbours kept per item.
const NEIGHBOURS: usize = 50;

/// One recommended item.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub item: u32,
    /// Sum of cosine similarities to the customer's items (0 for a
    /// popularity fill).
    pub score: f64,
    /// The owned item that contributed most, when co-occurrence chose it.
    pub because_of: Option<u32>,
}

/// An item-to-item co-occurrence model.
#[derive(Debug, Clone)]
pub struct CoOccurrence {
    /// Customers who bought each item.
    pub popularity: Vec<u32>,
    /// Items by popularity, most popular first.
    ranked: Vec<u32>,
    /// Each item's most similar items, best first, with cosine similarity.
    neighbours: Vec<Vec<(u32, f64)>>,
}

impl CoOccurrence {
    /// Counts, over customers, the items bought together; `baskets[c]` is
    /// customer c's distinct items (ids below `n_items`; others are ignored).
    pub fn fit(baskets: &[Vec<u32>], n_items: usize) -> CoOccurrence {
        let mut popularity = vec![0u32; n_items];
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        for basket in baskets {
            let mut items: Vec<u32> = basket
                .iter()
                .copied()
                .filter(|&i| (i as usize) < n_items)
                .collect();
            items.sort_unstable();
            items.dedup();
            items.truncate(MAX_ITEMS_PER_CUSTOMER);
            for (a, &i) in items.iter().enumerate() {
                popularity[i as usize] += 1;
                for &j in &items[a + 1..] {
                    *pairs.entry((i, j)).or_default() += 1;
                }
            }
        }
        let mut neighbours: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n_items];
        for ((i, j), n) in pairs {
            let sim = f64::from(n)
                / (f64::from(popularity[i as usize]) * f64::from(popularity[j as usize])).sqrt();
            neighbours[i as usize].push((j, sim));
            neighbours[j as usize].push((i, sim));
        }
        for list in &mut neighbours {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(NEIGHBOURS);
        }
        let mut ranked: Vec<u32> = (0..n_items as u32).collect();
        ranked.sort_by(|&a, &b| {
            popularity[b as usize]
                .cmp(&popularity[a as usize])
                .then(a.cmp(&b))
        });
        CoOccurrence {
            popularity,
            ranked,
            neighbours,
        }
    }

    /// The `k` most popular items the customer does not own.
    pub fn popular(&self, owned: &[u32], k: usize) -> Vec<u32> {
        self.ranked
            .iter()
            .copied()
            .filter(|i| !owned.contains(i) && self.popularity[*i as usize] > 0)
            .take(k)
            .collect()
    }

    /// Up to `k` items for a customer who owns `owned`: by summed similarity
    /// to what they own, then by popularity when similarity runs out.
    pub fn recommend(&self, owned: &[u32], k: usize) -> Vec<Recommendation> {
        let mut scores: HashMap<u32, (f64, u32, f64)> = HashMap::new();
        for &i in owned {
            for &(j, sim) in self
                .neighbours
                .get(i as usize)
                .map_or(&[][..], Vec::as_slice)
            {
                if owned.contains(&j) {
                    continue;
                }
                let e = scores.entry(j).or_insert((0.0, i, 0.0));
                e.0 += sim;
                if sim > e.2 {
                    (e.1, e.2) = (i, sim);
                }
            }
        }
        let mut out: Vec<Recommendation> = scores
            .into_iter()
            .map(|(item, (score, because, _))| Recommendation {
                item,
                score,
                because_of: Some(because),
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.item.cmp(&b.item)));
        out.truncate(k);
        if out.len() < k {
            let chosen: Vec<u32> = owned
                .iter()
                .chain(out.iter().map(|r| &r.item))
                .copied()
                .collect();
            out.extend(
                self.popular(&chosen, k - out.len())
                    .into_iter()
                    .map(|item| Recommendation {
                        item,
                        score: 0.0,
                        because_of: None,
                    }),
            );
        }
        out
    }
}

/// Hit rate at k: the share of customers with at least one recommended item
/// among the items they bought afterwards. Customers with nothing bought
/// afterwards are left out (they cannot be hit).
pub fn hit_rate(recommended: &[Vec<u32>], bought_after: &[Vec<u32>]) -> Option<f64> {
    let (mut hits, mut n) = (0u64, 0u64);
    for (r, after) in recommended.iter().zip(bought_after) {
        if after.is_empty() {
            continue;
        }
        n += 1;
        if r.iter().any(|i| after.contains(i)) {
            hits += 1;
        }
    }
    (n > 0).then(|| hits as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_bought_together_are_recommended_together() {
        // 0 and 1 go together; 2 is popular on its own; 3 is rare.
        let baskets = vec![
            vec![0, 1],
            vec![0, 1, 2],
            vec![0, 1],
            vec![2],
            vec![2],
            vec![2, 3],
        ];
        let m = CoOccurrence::fit(&baskets, 4);
        assert_eq!(m.popularity, vec![3, 3, 4, 1]);
        let r = m.recommend(&[0], 2);
        assert_eq!(r[0].item, 1);
        assert_eq!(r[0].because_of, Some(0));
        // cos(0, 1) = 3 / sqrt(3·3) = 1.
        assert!((r[0].score - 1.0).abs() < 1e-12);
        // Second place: 2 (co-bought once with 0), not the rarer 3.
        assert_eq!(r[1].item, 2);
        // A customer with nothing similar gets the popular items, never their own.
        let fill = m.recommend(&[3], 3);
        assert_eq!(fill[0].item, 2, "3 was bought with 2");
        assert!(fill.iter().all(|x| x.item != 3));
        assert_eq!(m.popular(&[2], 2), vec![0, 1]);
    }

    #[test]
    fn hit_rate_counts_customers_with_a_later_purchase() {
        let recs = vec![vec![1, 2], vec![3], vec![4]];
        let after = vec![vec![2], vec![5], vec![]];
        assert_eq!(hit_rate(&recs, &after), Some(0.5));
        assert_eq!(hit_rate(&recs, &[vec![], vec![], vec![]]), None);
    }
}
