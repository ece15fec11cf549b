//! A tiny deterministic random number generator (SplitMix64).
//!
//! Self-written so the example data cannot change with a dependency update,
//! and using only additions and multiplications on floats so that every
//! platform produces the same numbers.

/// Seed of all example data; changing it changes every generated file.
const SEED: u64 = 0x0051_4446_4832_3032;

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, good enough for
/// synthetic survey answers.
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    /// A stream for one purpose, e.g. "befragung/auenfeld/2026". Separate
    /// streams keep one municipality's data stable when another changes.
    pub fn for_key(key: &str) -> Rng {
        // FNV-1a of the key, mixed with the global seed.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Rng { state: hash ^ SEED }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform integer in `lo..=hi`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }

    /// Approximately normal with mean 0 and standard deviation `sd`
    /// (Irwin–Hall: the sum of twelve uniforms minus six), avoiding the
    /// transcendental functions whose last bits differ between platforms.
    pub fn normal(&mut self, sd: f64) -> f64 {
        let sum: f64 = (0..12).map(|_| self.unit()).sum();
        (sum - 6.0) * sd
    }

    /// An index chosen with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut ticket = self.between(0, total.saturating_sub(1));
        for (index, weight) in weights.iter().enumerate() {
            if ticket < *weight {
                return index;
            }
            ticket -= weight;
        }
        weights.len() - 1
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next_u64() as usize % items.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..3)
            .map({
                let mut r = Rng::for_key("a");
                move |_| r.next_u64()
            })
            .collect();
        let mut again = Rng::for_key("a");
        assert_eq!(a, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_ne!(a[0], Rng::for_key("b").next_u64());
    }

    #[test]
    fn helpers_stay_in_range() {
        let mut r = Rng::for_key("range");
        for _ in 0..1000 {
            assert!((0.0..1.0).contains(&r.unit()));
            assert!((3..=5).contains(&r.between(3, 5)));
            assert!(r.normal(1.0).abs() <= 6.0);
            assert!(r.weighted(&[0, 2, 0]) == 1);
        }
    }
}
