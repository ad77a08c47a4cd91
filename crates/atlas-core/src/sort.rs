//! One stable sort for the whole app, compiled once.
//!
//! Every call of the standard library's `sort_by` with its own closure and element type gets
//! its own copy of the sorting algorithm. In the release wasm that came to 94 KB of code (an
//! eighth of the whole module) for some forty call sites sorting a few thousand items at most.
//! Here the algorithm (a merge sort on positions) takes its comparison as a `&dyn Fn`, so it
//! exists once; what stays generic per call site is a small closure and the final moves.
//!
//! The search index keeps the standard library's unstable sort where it sorts the most items:
//! its word lists (tens of thousands of entries, at every load) and its per-keystroke hits.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order(v.len(), &|i, j| cmp(&v[i], &v[j]));
    permute(v, &order);
}

/// Sorts `v` stably by a key, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by a key computed once per item, like `slice::sort_by_cached_key`.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = order(v.len(), &|i, j| keys[i].cmp(&keys[j]));
    permute(v, &order);
}

/// Sorts `v` stably in its natural order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them, equal ones keeping their order.
/// A bottom-up merge sort: n·log₂n comparisons at most, no recursion.
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut dst[start..end] {
                // Taking from the left on ties is what keeps the sort stable.
                if j >= end || (i < mid && cmp(src[i], src[j]) != Ordering::Greater) {
                    *slot = src[i];
                    i += 1;
                } else {
                    *slot = src[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    src
}

/// Rearranges `v` so that position `k` holds what was at `order[k]`, by following each cycle
/// of the permutation with swaps.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the tests need no dependency.
    fn numbers(n: usize, seed: u64) -> Vec<u32> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 50) as u32
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_library_and_is_stable() {
        for n in [0, 1, 2, 3, 7, 8, 9, 100, 1000, 1025] {
            for seed in 1..4 {
                // Pairs of (key, original position): stability shows in the second half.
                let items: Vec<(u32, usize)> = numbers(n, seed).into_iter().zip(0..).collect();
                let mut ours = items.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut theirs = items.clone();
                theirs.sort_by_key(|a| a.0);
                assert_eq!(ours, theirs, "n = {n}, seed = {seed}");

                let mut ours = items.clone();
                sort_by_cached_key(&mut ours, |a| std::cmp::Reverse(a.0));
                let mut theirs = items.clone();
                theirs.sort_by_cached_key(|a| std::cmp::Reverse(a.0));
                assert_eq!(ours, theirs);

                let mut ours = items.clone();
                sort_by_key(&mut ours, |a| a.0 % 7);
                let mut theirs = items;
                theirs.sort_by_key(|a| a.0 % 7);
                assert_eq!(ours, theirs);
            }
        }
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "kiwi", "pear"]);
    }
}
