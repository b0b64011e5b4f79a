//! Sums over customers split across the machine's cores: a likelihood over
//! a million customers is a sum of independent terms, so each core adds up
//! one contiguous range and the partial sums are added at the end.

use std::ops::Range;

/// Cores used at most (beyond that the sums are memory-bound).
const MAX_THREADS: usize = 8;

/// `part(0..n)`, or for `n ≥ parallel_from` the sum (by `add`) of `part`
/// over one contiguous range per core, each on its own scoped thread.
/// Should a worker fail (it only does arithmetic), its share is `failed`,
/// which should be NaN so that the optimiser treats the point as invalid.
pub(crate) fn sum_over_ranges<T: Send>(
    n: usize,
    parallel_from: usize,
    part: impl Fn(Range<usize>) -> T + Sync,
    add: impl Fn(T, T) -> T,
    failed: impl Fn() -> T,
) -> T {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS);
    if n < parallel_from || threads < 2 {
        return part(0..n);
    }
    let chunk = n.div_ceil(threads);
    let part = &part;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let range = (i * chunk).min(n)..((i + 1) * chunk).min(n);
                scope.spawn(move || part(range))
            })
            .collect();
        let mut parts = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| failed()));
        let first = parts.next().unwrap_or_else(&failed);
        parts.fold(first, &add)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_summed_once_whatever_the_split() {
        for n in [0, 1, 7, 1000, 100_003] {
            let total = sum_over_ranges(
                n,
                10,
                |r| r.map(|i| i as u64).sum::<u64>(),
                |a, b| a + b,
                || u64::MAX,
            );
            assert_eq!(
                total,
                (n as u64) * (n as u64).saturating_sub(1) / 2,
                "n = {n}"
            );
        }
    }
}
