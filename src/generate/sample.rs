//! Seeded sampling helpers. Every record has its own random stream, derived
//! from the batch seed and the record's index, so a record is the same
//! whichever thread builds it and whatever the batch size.

use crate::case::Range;
use crate::knowledge::Weights;
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub type Rng = ChaCha8Rng;

/// The stream for one purpose (`lane`) of one record of a batch.
pub fn stream(seed: u64, index: u64, lane: u64) -> Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ lane.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.set_stream(index);
    rng
}

/// A seed for one outline of a batch: the batch seed mixed with a stable hash
/// (FNV-1a) of the outline id, so record 0 of one disease and record 0 of
/// another are different people even when built in separate runs.
pub fn keyed(seed: u64, key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    seed ^ h
}

pub fn chance(rng: &mut Rng, p: f64) -> bool {
    p > 0.0 && rng.random::<f64>() < p
}

/// Index drawn in proportion to `weights`; None when all are zero.
pub fn weighted_index(
    rng: &mut Rng,
    weights: impl IntoIterator<Item = f64> + Clone,
) -> Option<usize> {
    let total: f64 = weights.clone().into_iter().filter(|w| *w > 0.0).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.random::<f64>() * total;
    let mut last = None;
    for (i, w) in weights.into_iter().enumerate() {
        if w <= 0.0 {
            continue;
        }
        last = Some(i);
        if x < w {
            return Some(i);
        }
        x -= w;
    }
    last
}

pub fn weighted<K: Clone>(rng: &mut Rng, w: &Weights<K>) -> Option<K> {
    let i = weighted_index(rng, w.values().copied())?;
    w.keys().nth(i).cloned()
}

pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        Some(&items[rng.random_range(0..items.len())])
    }
}

/// Up to `k` distinct items, in their original order.
pub fn pick_some<'a, T>(rng: &mut Rng, items: &'a [T], k: usize) -> Vec<&'a T> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    for i in 0..idx.len().min(k) {
        let j = rng.random_range(i..idx.len());
        idx.swap(i, j);
    }
    idx.truncate(k.min(items.len()));
    idx.sort_unstable();
    idx.into_iter().map(|i| &items[i]).collect()
}

pub fn uniform(rng: &mut Rng, r: &Range) -> f64 {
    if r.high <= r.low {
        r.low
    } else {
        rng.random_range(r.low..=r.high)
    }
}

pub fn int_between(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..=hi)
    }
}

/// Uniform on a log scale: "6 hours to 3 days" is as likely to be hours as days.
pub fn log_uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    if hi <= lo || lo <= 0.0 {
        return lo.max(hi);
    }
    (lo.ln() + rng.random::<f64>() * (hi.ln() - lo.ln())).exp()
}

/// A normal draw (Box-Muller), for heights.
pub fn normal(rng: &mut Rng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_index_and_repeat_by_seed() {
        let a: Vec<u32> = (0..4).map(|_| stream(1, 0, 0).random()).collect();
        let b: u32 = stream(1, 1, 0).random();
        let c: u32 = stream(2, 0, 0).random();
        assert!(a.iter().all(|x| *x == a[0]));
        assert_ne!(a[0], b);
        assert_ne!(a[0], c);
    }

    #[test]
    fn weighted_index_follows_weights_and_skips_zero() {
        let mut rng = stream(9, 0, 0);
        let mut counts = [0usize; 3];
        for _ in 0..30_000 {
            counts[weighted_index(&mut rng, [0.2, 0.0, 0.8]).unwrap()] += 1;
        }
        assert_eq!(counts[1], 0);
        let share = counts[0] as f64 / 30_000.0;
        assert!((share - 0.2).abs() < 0.015, "{share}");
        assert_eq!(weighted_index(&mut rng, [0.0, 0.0]), None);
    }

    #[test]
    fn pick_some_is_distinct_and_bounded() {
        let mut rng = stream(3, 0, 0);
        let items = [1, 2, 3, 4, 5];
        for k in 0..7 {
            let got = pick_some(&mut rng, &items, k);
            assert_eq!(got.len(), k.min(5));
            let mut d = got.clone();
            d.dedup();
            assert_eq!(d.len(), got.len());
        }
    }
}
