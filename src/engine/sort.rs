//! Stable sorts through one shared instance of std's sort.
//!
//! Each `Vec::sort_by` call site with its own closure type compiles its own copy of std's
//! driftsort (quicksort, merges, small sorts: about 4 KB of WebAssembly each); a dozen sites
//! came to about 48 KB of the bundle. These helpers sort the positions `0..n` with one
//! comparator type (`&dyn Fn`), so std's sort is compiled once, then move the items into
//! that order. They keep `sort_by`'s results: stable, O(n log n).

use std::cmp::Ordering;

/// The positions `0..n` in the order `cmp` gives them (equal ones keep their order).
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&i, &j| cmp(i, j));
    idx
}

/// Moves `v`'s items into `order` (a permutation of its positions).
fn permute<T>(v: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// As `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let o = order(v.len(), &|i, j| cmp(&v[i], &v[j]));
    permute(v, &o);
}

/// As `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// As `v.sort_by_cached_key(key)`: each item's key is computed once.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let o = order(keys.len(), &|i, j| keys[i].cmp(&keys[j]));
    permute(v, &o);
}

/// As `v.sort()`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_and_keeps_equal_items_in_order() {
        // A small deterministic generator: no test depends on a random seed.
        let mut x: u64 = 7;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 33
        };
        for n in [0usize, 1, 2, 3, 10, 33, 200] {
            let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % 7, i)).collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "n = {n}");
            let mut cached = v.clone();
            sort_by_cached_key(&mut cached, |p| std::cmp::Reverse(p.0));
            let mut std = v.clone();
            std.sort_by_cached_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(cached, std, "n = {n}");
            let mut plain = v.clone();
            sort(&mut plain);
            let mut std = v;
            std.sort();
            assert_eq!(plain, std, "n = {n}");
        }
        let mut words = vec!["b".to_string(), "a".into(), "c".into()];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "a"]);
    }
}
