//! Sets of futures by identity (asyncio's `set(fs)` and gather's `arg_to_fut` dict, which hash
//! by `id()`): a hash set of addresses with a multiplicative hash, since the keys are
//! addresses that need no protection against collision attacks, so that gather and wait stay
//! linear in their arguments at a few nanoseconds per child.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// Fibonacci hashing of one address.
#[derive(Default)]
pub(crate) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        // Addresses are aligned: the low bits carry nothing, the multiply spreads the rest
        // into the high bits that hashbrown uses.
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Distinct futures by address.
pub(crate) type IdentitySet = HashSet<usize, BuildHasherDefault<AddressHasher>>;

/// An empty set with room for `n` futures.
pub(crate) fn with_capacity(n: usize) -> IdentitySet {
    IdentitySet::with_capacity_and_hasher(n, Default::default())
}

/// How many futures a [`Distinct`] keeps inline, searched linearly.
const INLINE: usize = 16;

/// Distinct futures by address, for one gather or wait: up to [`INLINE`] arguments kept
/// inline and searched linearly (no allocation: most gathers are small), more in an
/// [`IdentitySet`].
pub(crate) enum Distinct {
    Inline { keys: [usize; INLINE], len: usize },
    Set(IdentitySet),
}

impl Distinct {
    /// Room for `n` futures.
    pub(crate) fn with_capacity(n: usize) -> Self {
        if n <= INLINE {
            Distinct::Inline {
                keys: [0; INLINE],
                len: 0,
            }
        } else {
            Distinct::Set(with_capacity(n))
        }
    }

    /// Add `key`; false if it was already there.
    pub(crate) fn insert(&mut self, key: usize) -> bool {
        match self {
            Distinct::Inline { keys, len } => {
                if keys[..*len].contains(&key) {
                    return false;
                }
                if *len == INLINE {
                    let mut set = with_capacity(2 * INLINE);
                    set.extend(keys.iter().copied());
                    set.insert(key);
                    *self = Distinct::Set(set);
                    return true;
                }
                keys[*len] = key;
                *len += 1;
                true
            }
            Distinct::Set(s) => s.insert(key),
        }
    }

    /// How many distinct futures.
    pub(crate) fn len(&self) -> usize {
        match self {
            Distinct::Inline { len, .. } => *len,
            Distinct::Set(s) => s.len(),
        }
    }
}

/// A map from futures (by address) to `V` that iterates in insertion order, with O(1)
/// insert and remove (a set of tasks as `TaskGroup._tasks` has it, with a stable order).
pub(crate) struct IdentityMap<V> {
    slots: Vec<Option<(usize, V)>>,
    index: std::collections::HashMap<usize, usize, BuildHasherDefault<AddressHasher>>,
}

impl<V> Default for IdentityMap<V> {
    fn default() -> Self {
        IdentityMap {
            slots: Vec::new(),
            index: Default::default(),
        }
    }
}

impl<V> IdentityMap<V> {
    /// Insert (or replace) the entry for `key`.
    pub(crate) fn insert(&mut self, key: usize, v: V) {
        if let Some(&i) = self.index.get(&key) {
            self.slots[i] = Some((key, v));
            return;
        }
        self.index.insert(key, self.slots.len());
        self.slots.push(Some((key, v)));
    }

    /// Remove the entry for `key`, if any.
    pub(crate) fn remove(&mut self, key: usize) -> Option<V> {
        let i = self.index.remove(&key)?;
        let v = self.slots[i].take().map(|(_, v)| v);
        // Compact once most slots are empty: amortised O(1) per removal.
        if self.slots.len() >= 32 && self.index.len() * 4 < self.slots.len() {
            self.slots.retain(Option::is_some);
            for (j, (k, _)) in self.slots.iter().flatten().enumerate() {
                self.index.insert(*k, j);
            }
        }
        v
    }

    /// How many entries.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The values, in insertion order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.slots.iter().flatten().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn identity_map_keeps_insertion_order_across_removals() {
        let mut m = super::IdentityMap::default();
        for k in 1..=100usize {
            m.insert(k * 8, k);
        }
        for k in (1..=100usize).filter(|k| k % 3 != 0) {
            assert_eq!(m.remove(k * 8), Some(k));
        }
        assert_eq!(m.remove(8), None);
        m.insert(1000 * 8, 1000);
        let left: Vec<usize> = m.values().copied().collect();
        let mut want: Vec<usize> = (1..=100).filter(|k| k % 3 == 0).collect();
        want.push(1000);
        assert_eq!(left, want);
        assert_eq!(m.len(), want.len());
    }

    #[test]
    fn distinct_addresses_are_kept_and_repeats_dropped() {
        let mut s = super::with_capacity(4);
        let xs: Vec<Box<u64>> = (0..1000).map(Box::new).collect();
        for x in &xs {
            assert!(s.insert(&**x as *const u64 as usize));
        }
        for x in &xs {
            assert!(!s.insert(&**x as *const u64 as usize));
        }
        assert_eq!(s.len(), 1000);
    }

    #[test]
    fn distinct_keeps_counting_past_its_inline_room() {
        // Argument lists shorter and longer than the inline room, with repeats at both ends.
        for n in [1usize, 15, 16, 17, 40] {
            let xs: Vec<Box<u64>> = (0..n as u64).map(Box::new).collect();
            let mut d = super::Distinct::with_capacity(if n > 1 { n / 2 } else { 1 });
            for x in &xs {
                assert!(d.insert(&**x as *const u64 as usize));
            }
            for x in xs.iter().rev() {
                assert!(!d.insert(&**x as *const u64 as usize));
            }
            assert_eq!(d.len(), n);
        }
    }

    #[test]
    fn addresses_and_byte_strings_hash_apart() {
        // The set stays linear only if distinct addresses get distinct hashes.
        use std::hash::BuildHasher;
        let b = std::hash::BuildHasherDefault::<super::AddressHasher>::default();
        let xs: Vec<Box<u64>> = (0..1000).map(Box::new).collect();
        let hashes: std::collections::HashSet<u64> = xs
            .iter()
            .map(|x| b.hash_one(&**x as *const u64 as usize))
            .collect();
        assert_eq!(hashes.len(), 1000);
        // Anything else hashed (never an address) is hashed byte by byte.
        assert_ne!(b.hash_one([1u8, 2, 3]), b.hash_one([3u8, 2, 1]));
        assert_ne!(b.hash_one([1u8, 2, 3]), 0);
    }
}
