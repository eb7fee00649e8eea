//! A small deterministic generator (splitmix64): every input of a campaign is a function of
//! the campaign's seed and the input's index, so a supervisor can rebuild the input a worker
//! died on, and a shard split is a split of indices.

#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The generator for input `index` of a campaign seeded with `seed`.
    pub fn for_input(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        // Decorrelate neighbouring indices.
        r.next_u64();
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `num`/`den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next_u64() % den < num
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An index chosen with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut x = self.next_u64() % total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        weights.len() - 1
    }

    /// A size for a stress input: mostly small, sometimes at the model's limits, sometimes
    /// far past them.
    pub fn size(&mut self) -> usize {
        const SIZES: &[usize] = &[
            0,
            1,
            2,
            3,
            10,
            79,
            80,
            81,
            99,
            100,
            101,
            255,
            256,
            499,
            500,
            501,
            999,
            1000,
            1001,
            4300,
            4301,
            10_000,
            65_536,
            100_000,
            1 << 20,
            1 << 26,
            1 << 27,
        ];
        *self.pick(SIZES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_a_function_of_seed_and_index() {
        let a: Vec<u64> = (0..4).map(|i| Rng::for_input(7, i).next_u64()).collect();
        let b: Vec<u64> = (0..4).map(|i| Rng::for_input(7, i).next_u64()).collect();
        assert_eq!(a, b);
        let mut c = a.clone();
        c.dedup();
        assert_eq!(c.len(), 4, "neighbouring indices give different streams");
        assert_ne!(Rng::for_input(8, 0).next_u64(), a[0]);
    }

    #[test]
    fn weighted_choice_respects_zero_weights() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            assert_ne!(r.weighted(&[3, 0, 5]), 1);
        }
    }
}
