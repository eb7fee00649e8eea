//! Iteration order of CPython's `set` and `frozenset`, and the `hash()` values
//! that decide it, for CPython 3.7 … 3.15 (64-bit builds).
//!
//! Every behaviour here reproduces a named function of CPython's C sources
//! (`Objects/setobject.c`, `Objects/longobject.c`, `Python/pyhash.c`,
//! `Objects/tupleobject.c`, `Objects/object.c`, `Python/compile.c`,
//! `Python/codegen.c` / `Python/flowgraph.c`); versions are passed as the
//! minor number `minor` (7 for 3.7, …, 15 for 3.15).
//!
//! The model never looks at values: callers give each member a 64-bit hash and
//! an object id.  Ids stand for object identity (CPython compares identity
//! before `__eq__`); whenever a probe meets a stored member with the same hash
//! and a different id, the caller's `eq` callback decides equality.
//!
//! Version differences that change an iteration order (read in the sources,
//! and for 3.7 … 3.13 confirmed against the real interpreters):
//!
//! * 3.7: the old `tuplehash` (tuple members land elsewhere).
//! * 3.9 only: `set_add_entry` never reuses dummy slots.
//! * 3.9 … 3.13: a set display of more than two constants is built from a
//!   compile-time frozenset (rebuilt once by `merge_consts_recursive`) via
//!   `set_merge`; 3.7/3.8 add left to right; 3.14+ fold only 3 … 30
//!   constants and do not rebuild (see [`SetTable::from_display`]).
//! * Hashes: NaN hashes by identity from 3.10, `None` is constant from 3.12.
//!
//! Everything else — probing (`LINEAR_PROBES`, perturbation), the 3/5 load
//! factor, growth ×4 (×2 above 50000), `set_merge`'s fast paths, `pop()`'s
//! finger, the dummy purge after `difference_update` — is the same in
//! 3.7 … 3.15.  Displays with starred items (`{*a, b}`) are `BUILD_SET`
//! of the plain items before the first star, then `SET_UPDATE`/`SET_ADD` in
//! source order: compose them from [`SetTable::from_iter`],
//! [`SetTable::update`] and [`SetTable::insert`].
//!
//! Self-contained: uses only `num-bigint`, `num-traits` and the standard
//! library, no crate-level items, so this file can be copied into another
//! crate as a module.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

// ======================================================================
// Hashes
// ======================================================================

/// `_PyHASH_BITS` (Include/pyhash.h) on 64-bit builds.
pub const HASH_BITS: u32 = 61;
/// `_PyHASH_MODULUS`, the Mersenne prime 2**61 - 1 used by numeric hashes.
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
/// `_PyHASH_INF`: `hash(float('inf'))`; `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;
/// `hash(None)` from 3.12 on (`none_hash()` in Objects/object.c returns the
/// constant `0xFCA86420`); before 3.12 None used `_Py_HashPointer`.
pub const HASH_NONE_312: i64 = 0xFCA8_6420;
/// Oldest and newest minor versions this module knows.
pub const MIN_MINOR: u8 = 7;
/// See [`MIN_MINOR`].
pub const MAX_MINOR: u8 = 15;

fn check_minor(minor: u8) {
    assert!(
        (MIN_MINOR..=MAX_MINOR).contains(&minor),
        "CPython 3.{minor} is not modelled (3.{MIN_MINOR}..=3.{MAX_MINOR})"
    );
}

/// -1 is the C-level error return of every `tp_hash`, so CPython maps a
/// computed -1 to -2 (`long_hash`, `_Py_HashDouble`, `tuplehash`, …).
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(int)`: `long_hash()` in Objects/longobject.c.  The absolute value
/// reduced modulo 2**61-1, with the sign of the int; -1 becomes -2.
/// Same in every version 3.7 … 3.15.
pub fn hash_int(i: &BigInt) -> i64 {
    let m = (i.magnitude() % num_bigint::BigUint::from(HASH_MODULUS))
        .to_u64()
        .expect("reduced modulo 2**61-1");
    let signed = if i.sign() == num_bigint::Sign::Minus {
        -(m as i64)
    } else {
        m as i64
    };
    fix_minus_one(signed)
}

/// [`hash_int`] for a machine integer.
pub fn hash_i64(v: i64) -> i64 {
    let m = v.unsigned_abs() % HASH_MODULUS;
    fix_minus_one(if v < 0 { -(m as i64) } else { m as i64 })
}

/// `hash(bool)`: bool inherits `long_hash`, so `False` → 0, `True` → 1.
pub fn hash_bool(b: bool) -> i64 {
    b as i64
}

/// `hash(float)`: `_Py_HashDouble()` in Python/pyhash.c.
///
/// Finite values hash to their exact rational value modulo 2**61-1 (so
/// `hash(2.0) == hash(2)` and `hash(-0.0) == 0`), `±inf` to `±314159`.
/// NaN: 3.7–3.9 return 0 (`_PyHASH_NAN`); from 3.10 `_Py_HashDouble` takes the
/// object and NaN hashes by identity (`_Py_HashPointer(obj)`), so this
/// returns `None` — use [`hash_pointer`] with the object's address if needed.
pub fn hash_float(x: f64, minor: u8) -> Option<i64> {
    check_minor(minor);
    if x.is_nan() {
        return if minor <= 9 { Some(0) } else { None };
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    if x == 0.0 {
        return Some(0);
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // |x| = m * 2**e exactly
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    // 2**61 ≡ 1 (mod 2**61-1), so 2**e ≡ 2**(e mod 61) also for negative e.
    let r = e.rem_euclid(HASH_BITS as i32) as u32;
    let v = (((m as u128) % (HASH_MODULUS as u128)) << r) % (HASH_MODULUS as u128);
    let v = v as i64;
    Some(fix_minus_one(if x < 0.0 { -v } else { v }))
}

/// `hash(tuple)`: `tuplehash()` in Objects/tupleobject.c, from the items'
/// hashes.
///
/// * 3.7: the old multiplier scheme (`x = 0x345678`, `x = (x ^ y) * mult`,
///   `mult += 82520 + len + len`, `x += 97531`).
/// * 3.8+: the xxHash-based scheme (bpo-34751), primes `XXPRIME_1/2/5`,
///   rotate left 31, `acc += len ^ (XXPRIME_5 ^ 3527539)`, -1 → 1546275796.
///   (3.14 caches the result in the tuple; the value is unchanged.)
pub fn hash_tuple(item_hashes: &[i64], minor: u8) -> i64 {
    check_minor(minor);
    if minor == 7 {
        let mut x: u64 = 0x345678;
        let mut mult: u64 = 1_000_003; // _PyHASH_MULTIPLIER
        let mut len = item_hashes.len() as i64;
        for &y in item_hashes {
            len -= 1;
            x = (x ^ (y as u64)).wrapping_mul(mult);
            mult = mult.wrapping_add((82520i64 + len + len) as u64);
        }
        x = x.wrapping_add(97531);
        return fix_minus_one(x as i64);
    }
    const XXPRIME_1: u64 = 11400714785074694791;
    const XXPRIME_2: u64 = 14029467366897019727;
    const XXPRIME_5: u64 = 2870177450012600261;
    let mut acc: u64 = XXPRIME_5;
    for &lane in item_hashes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((item_hashes.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// `hash(None)`: `Some(0xFCA86420)` from 3.12 (`none_hash`); `None` before,
/// where `PyNone_Type` had no `tp_hash` and the address was hashed.
pub fn hash_none(minor: u8) -> Option<i64> {
    check_minor(minor);
    if minor >= 12 {
        Some(HASH_NONE_312)
    } else {
        None
    }
}

/// `_Py_HashPointer()` (Python/pyhash.c, Objects/object.c from 3.13): the
/// address rotated right by 4 bits, -1 → -2.  The default `object.__hash__`
/// (and NaN from 3.10, None before 3.12) hash this way.
pub fn hash_pointer(addr: u64) -> i64 {
    fix_minus_one(addr.rotate_right(4) as i64)
}

/// `_shuffle_bits()` of Objects/setobject.c.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `hash(frozenset)`: `frozenset_hash()` in Objects/setobject.c from the
/// members' hashes (order does not matter).  The table walk in C also xors in
/// empty and dummy slots and then cancels them, so only members count.
/// Same in 3.7 … 3.15.
pub fn hash_frozenset(member_hashes: &[i64]) -> i64 {
    let mut hash: u64 = 0;
    for &h in member_hashes {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (member_hashes.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

// ======================================================================
// The hash table
// ======================================================================

/// `PySet_MINSIZE`: size of the inline `smalltable`.
pub const SET_MINSIZE: usize = 8;
/// `LINEAR_PROBES`: consecutive slots inspected before a perturbed jump.
pub const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
pub const PERTURB_SHIFT: u32 = 5;

/// One slot of a `setentry` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `key == NULL` (hash 0): never used since the last rebuild.
    Empty,
    /// `key == dummy` (hash -1): a deleted member.
    Dummy,
    /// A member: its hash and the caller's object id.
    Active {
        /// The stored hash (never -1).
        hash: i64,
        /// The caller's object id.
        id: u64,
    },
}

/// A member as `(hash, id)`.
pub type Member = (i64, u64);

/// Equality callback for bulk operations: `eq(stored_id, probe_id)` is asked
/// only for two different ids with the same hash (identity is checked first,
/// as `set_add_entry`/`set_lookkey` do).
pub type EqFn<'a> = dyn FnMut(u64, u64) -> bool + 'a;

/// The other argument of a set operation, as CPython classifies it.
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a> {
    /// Another `set`/`frozenset` object (`PyAnySet_Check`), not the receiver.
    Set(&'a SetTable),
    /// The receiver itself (`s.update(s)`, `s & s`, `s ^= s`, …): CPython
    /// tests pointer identity first in several places.
    This,
    /// An exact `dict` (`PyDict_CheckExact`): its keys in dict order, each
    /// with its stored hash, no duplicates.  Some operations use the stored
    /// hashes and the size up front.
    Dict(&'a [Member]),
    /// Any other iterable (list, tuple, generator, …): the items in
    /// iteration order with their hashes; duplicates allowed.
    Iter(&'a [Member]),
}

/// A simulated `PySetObject`: the slot table with `fill`, `used`, `mask`
/// (= `slots().len() - 1`) and the `finger` used by `pop()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetTable {
    minor: u8,
    table: Vec<Slot>,
    fill: usize,
    used: usize,
    finger: usize,
}

fn same_id_or_eq(stored: u64, probe: u64, eq: &mut EqFn<'_>) -> bool {
    stored == probe || eq(stored, probe)
}

impl SetTable {
    /// `make_new_set(type, NULL)`: an empty set with the 8-slot small table,
    /// `fill = used = 0`, `finger = 0`.  `set()`, `frozenset()` and the
    /// `BUILD_SET 0` of comprehensions start here.
    pub fn new(minor: u8) -> SetTable {
        check_minor(minor);
        SetTable {
            minor,
            table: vec![Slot::Empty; SET_MINSIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    /// The CPython minor version this table follows.
    pub fn minor(&self) -> u8 {
        self.minor
    }
    /// `len(s)` (`so->used`).
    pub fn len(&self) -> usize {
        self.used
    }
    /// `len(s) == 0`.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    /// `so->fill`: active plus dummy slots.
    pub fn fill(&self) -> usize {
        self.fill
    }
    /// `so->mask`: table size - 1.
    pub fn mask(&self) -> usize {
        self.table.len() - 1
    }
    /// `so->finger`: where the next `pop()` starts looking.
    pub fn finger(&self) -> usize {
        self.finger
    }
    /// The raw slots.
    pub fn slots(&self) -> &[Slot] {
        &self.table
    }

    /// Member ids in iteration order (`setiter_iternext` / `set_next` walk
    /// the table from slot 0 upwards, skipping empty and dummy slots).
    pub fn order(&self) -> Vec<u64> {
        self.members().into_iter().map(|(_, id)| id).collect()
    }

    /// `(hash, id)` of the members in iteration order.
    pub fn members(&self) -> Vec<Member> {
        self.table
            .iter()
            .filter_map(|s| match *s {
                Slot::Active { hash, id } => Some((hash, id)),
                _ => None,
            })
            .collect()
    }

    /// `hash(frozenset(s))`, see [`hash_frozenset`].
    pub fn frozenset_hash(&self) -> i64 {
        let hs: Vec<i64> = self.members().into_iter().map(|(h, _)| h).collect();
        hash_frozenset(&hs)
    }

    // ------------------------------------------------------------------
    // probing primitives
    // ------------------------------------------------------------------

    /// `set_lookkey()`: slot index of the member equal to the probe, if any.
    /// The probe sequence: slot `i = hash & mask`, then (when
    /// `i + LINEAR_PROBES <= mask`) the next 9 slots, then
    /// `perturb >>= 5; i = (i*5 + 1 + perturb) & mask`, until an empty slot.
    fn lookkey(&self, hash: i64, probe: &mut dyn FnMut(u64) -> bool) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let mut j = i;
            let mut probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            loop {
                match self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active { hash: h, id } if h == hash && probe(id) => return Some(j),
                    _ => {}
                }
                if probes == 0 {
                    break;
                }
                probes -= 1;
                j += 1;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_add_entry()`.  Walks the probe sequence to the first empty slot;
    /// an equal member stops it ("found_active").  If a dummy was passed on
    /// the way, the *last* dummy seen is reused (`freeslot = entry` without a
    /// NULL test) and `fill` does not grow — except in 3.9, whose
    /// `set_add_entry` has no `freeslot` at all (dummies are skipped like
    /// members; 3.10 restored the reuse).  Otherwise the empty slot is taken,
    /// `fill` grows and, when `fill*5 >= mask*3` (load 3/5), the table is
    /// resized for `used*4` (`used*2` above 50000 members).
    fn add_entry(&mut self, hash: i64, id: u64, eq: &mut dyn FnMut(u64) -> bool) -> bool {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        let reuse_dummies = self.minor != 9;
        let empty_at;
        'outer: loop {
            let mut j = i;
            let mut probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            loop {
                match self.table[j] {
                    Slot::Empty => {
                        empty_at = j;
                        break 'outer;
                    }
                    // "found_active": the existing member stays
                    Slot::Active { hash: h, id: other }
                        if h == hash && (other == id || eq(other)) =>
                    {
                        return false;
                    }
                    Slot::Dummy if reuse_dummies => freeslot = Some(j),
                    _ => {}
                }
                if probes == 0 {
                    break;
                }
                probes -= 1;
                j += 1;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        if let Some(f) = freeslot {
            self.table[f] = Slot::Active { hash, id };
            self.used += 1;
            return true;
        }
        self.table[empty_at] = Slot::Active { hash, id };
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth_target());
        }
        true
    }

    /// The `minused` argument CPython passes after an insertion fills the
    /// table and in `set_difference_update_internal`:
    /// `so->used>50000 ? so->used*2 : so->used*4`.
    fn growth_target(&self) -> usize {
        if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// `set_insert_clean()`: place a member known to be absent into a table
    /// without dummies (first empty slot of the probe sequence).
    fn insert_clean(table: &mut [Slot], hash: i64, id: u64) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if table[i] == Slot::Empty {
                table[i] = Slot::Active { hash, id };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for slot in &mut table[i + 1..=i + LINEAR_PROBES] {
                    if *slot == Slot::Empty {
                        *slot = Slot::Active { hash, id };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize(so, minused)`: the new size is the smallest power of
    /// two (at least 8) greater than `minused`; members are re-inserted with
    /// `set_insert_clean` in old slot order and dummies vanish.  A small
    /// (8-slot) table staying at 8 slots without dummies is left untouched.
    fn resize(&mut self, minused: usize) {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == SET_MINSIZE && self.table.len() == SET_MINSIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; newsize]);
        for s in old {
            if let Slot::Active { hash, id } = s {
                Self::insert_clean(&mut self.table, hash, id);
            }
        }
        self.fill = self.used;
    }

    // ------------------------------------------------------------------
    // single-element operations
    // ------------------------------------------------------------------

    /// `s.add(x)` (`set_add_key` → `set_add_entry`).  `eq(existing_id)` says
    /// whether a stored member with the same hash (and another id) equals the
    /// new key.  Returns whether the key was added; an equal member already
    /// present is kept (the new object is dropped).
    pub fn insert(&mut self, hash: i64, id: u64, eq: &mut dyn FnMut(u64) -> bool) -> bool {
        self.add_entry(hash, id, eq)
    }

    /// Whether an equal member is present (`set_contains_key`); returns its id.
    pub fn contains(&self, hash: i64, eq: &mut dyn FnMut(u64) -> bool) -> Option<u64> {
        self.lookkey(hash, eq).map(|j| match self.table[j] {
            Slot::Active { id, .. } => id,
            _ => unreachable!(),
        })
    }

    /// `s.discard(x)` / `s.remove(x)` (`set_discard_entry`): the slot becomes
    /// a dummy, `used` drops, `fill` stays; never resizes.  `eq(existing_id)`
    /// as in [`SetTable::insert`]; for a probe that is itself a stored
    /// object, `eq` may simply compare ids.  Returns the removed member's id.
    pub fn remove(&mut self, hash: i64, eq: &mut dyn FnMut(u64) -> bool) -> Option<u64> {
        let j = self.lookkey(hash, eq)?;
        let id = match self.table[j] {
            Slot::Active { id, .. } => id,
            _ => unreachable!(),
        };
        self.table[j] = Slot::Dummy;
        self.used -= 1;
        Some(id)
    }

    /// `s.pop()` (`set_pop`): scan from `finger & mask` upwards (wrapping)
    /// to the first member, make it a dummy and set `finger` to the next
    /// slot.  `None` for an empty set (KeyError).
    pub fn pop(&mut self) -> Option<u64> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut j = self.finger & mask;
        loop {
            if let Slot::Active { id, .. } = self.table[j] {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
                self.finger = j + 1;
                return Some(id);
            }
            j = if j == mask { 0 } else { j + 1 };
        }
    }

    /// `s.clear()` (`set_clear_internal` → `set_empty_to_minsize`): back to an
    /// empty 8-slot table.  `finger` is *not* reset.
    pub fn clear(&mut self) {
        self.table = vec![Slot::Empty; SET_MINSIZE];
        self.fill = 0;
        self.used = 0;
    }

    // ------------------------------------------------------------------
    // bulk insertion (set_update_internal and friends)
    // ------------------------------------------------------------------

    /// `set_merge(so, other)`: adding all members of another set.
    ///
    /// * nothing to do when `other` is empty (or is `so`, see [`Operand::This`]);
    /// * one resize up front when `(fill + other.used)*5 >= mask*3`, to
    ///   `(used + other.used)*2`;
    /// * if `so` is then empty with the same mask as `other` and `other` has
    ///   no dummies, the slots are copied as they are (same layout);
    /// * else if `so` is empty, `set_insert_clean` each member in `other`'s
    ///   slot order;
    /// * else `set_add_entry` each member in `other`'s slot order.
    fn merge(&mut self, other: &SetTable, eq: &mut EqFn<'_>) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table.copy_from_slice(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            for s in &other.table {
                if let Slot::Active { hash, id } = *s {
                    Self::insert_clean(&mut self.table, hash, id);
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for (hash, id) in other.members() {
            self.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
        }
    }

    /// The dict branch of `set_update_internal`: one resize up front when
    /// `(fill + len(d))*5 >= mask*3`, to `(used + len(d))*2`, then
    /// `set_add_entry` for each key in dict order with its stored hash.
    fn update_dict(&mut self, items: &[Member], eq: &mut EqFn<'_>) {
        let n = items.len();
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
        for &(hash, id) in items {
            self.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
        }
    }

    /// The generic branch of `set_update_internal`: `set_add_key` for each
    /// item in iteration order.
    fn update_iter(&mut self, items: &[Member], eq: &mut EqFn<'_>) {
        for &(hash, id) in items {
            self.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
        }
    }

    /// `set_update_internal(so, other)` for one argument.
    fn update_one(&mut self, other: Operand<'_>, eq: &mut EqFn<'_>) {
        match other {
            Operand::This => {}
            Operand::Set(t) => self.merge(t, eq),
            Operand::Dict(items) => self.update_dict(items, eq),
            Operand::Iter(items) => self.update_iter(items, eq),
        }
    }

    /// `set(iterable)` / `frozenset(iterable)` / `{x for x in it}`:
    /// `make_new_set` + `set_update_internal`.  A set comprehension is
    /// `BUILD_SET 0` + one `SET_ADD` per item, i.e. the same as
    /// `Operand::Iter`.  (`frozenset(f)` of an exact frozenset returns `f`
    /// itself, so keep the same table in that case.)
    pub fn from_operand(minor: u8, other: Operand<'_>, eq: &mut EqFn<'_>) -> SetTable {
        let mut t = SetTable::new(minor);
        if let Operand::This = other {
            panic!("from_operand: This has no meaning for a new set");
        }
        t.update_one(other, eq);
        t
    }

    /// `set(iterable)` or a set comprehension over `items` (sequential
    /// `set_add_key`).
    pub fn from_iter(minor: u8, items: &[Member], eq: &mut EqFn<'_>) -> SetTable {
        SetTable::from_operand(minor, Operand::Iter(items), eq)
    }

    /// `s.copy()`, `set(s)`, `frozenset(s)` of a set (`set_copy` →
    /// `make_new_set_basetype(type, so)` → `set_merge` into an empty set).
    /// The copy keeps `s`'s layout when `s` has no dummies and its size is
    /// what `set_merge` picks for an empty target; otherwise members are
    /// re-inserted in slot order.  The copy's `finger` is 0.
    /// (`fs.copy()` of an exact frozenset returns `fs` itself.)
    pub fn copy(&self) -> SetTable {
        let mut t = SetTable::new(self.minor);
        t.merge(self, &mut |_, _| false);
        t
    }

    /// A set display `{a, b, c}` evaluated in CPython 3.`minor`, from the
    /// members' `(hash, id)` in source order.  `all_const` says whether every
    /// element is a compile-time constant after constant folding (literals,
    /// negated literals, tuples of constants, `None`, `True`, …).
    ///
    /// * 3.7, 3.8 and any display with a non-constant element: `BUILD_SET n`
    ///   (or, 3.10+, `BUILD_SET 0` + `SET_ADD` when n > 30): `PySet_Add`
    ///   left to right — like [`SetTable::from_iter`].
    /// * 3.9 … 3.13, all constant and n > 2 (`starunpack_helper` in
    ///   Python/compile.c): the compiler builds `frozenset(tuple)`
    ///   (sequential adds), `merge_consts_recursive` rebuilds that frozenset
    ///   from its own iteration order, and the code runs `BUILD_SET 0;
    ///   LOAD_CONST fs; SET_UPDATE 1`, i.e. `set_merge` into an empty set.
    /// * 3.14+: folding moved to `optimize_lists_and_sets` in
    ///   Python/flowgraph.c: only for 3 <= n <= 30 (`_PY_STACK_USE_GUIDELINE`);
    ///   the constant is merged with `_PyCompile_ConstCacheMergeOne`, which
    ///   does not rebuild it.  Longer displays are `BUILD_SET 0` + `SET_ADD`.
    ///
    /// Not modelled: the compiler's constant cache reuses an *equal*
    /// frozenset built earlier in the same compilation unit, and a `.pyc`
    /// round trip (marshal) rebuilds the constant again.
    pub fn from_display(
        minor: u8,
        items: &[Member],
        all_const: bool,
        eq: &mut EqFn<'_>,
    ) -> SetTable {
        check_minor(minor);
        let n = items.len();
        let folded = all_const
            && n > 2
            && match minor {
                7 | 8 => false,
                9..=13 => true,
                _ => n <= 30,
            };
        if !folded {
            return SetTable::from_iter(minor, items, eq);
        }
        let mut fs = SetTable::from_iter(minor, items, eq);
        if minor <= 13 {
            // merge_consts_recursive: PyFrozenSet_New(tuple(fs))
            let again = fs.members();
            fs = SetTable::from_iter(minor, &again, eq);
        }
        let mut s = SetTable::new(minor);
        s.merge(&fs, eq);
        s
    }

    /// A set display whose elements are all constants
    /// (`from_display(.., true, ..)`).
    pub fn from_literal(minor: u8, items: &[Member], eq: &mut EqFn<'_>) -> SetTable {
        SetTable::from_display(minor, items, true, eq)
    }

    // ------------------------------------------------------------------
    // set algebra
    // ------------------------------------------------------------------

    /// `s.update(*others)` (`set_update`) and `s |= other` (`set_ior`):
    /// `set_update_internal` for each argument in turn; `s.update(s)` is a
    /// no-op.
    pub fn update(&mut self, others: &[Operand<'_>], eq: &mut EqFn<'_>) {
        for &o in others {
            self.update_one(o, eq);
        }
    }

    /// `s.union(*others)` (`set_union`) and `s | t` (`set_or`): a
    /// [`SetTable::copy`] of `s`, then `set_update_internal` with each
    /// argument, skipping `s` itself.
    pub fn union(&self, others: &[Operand<'_>], eq: &mut EqFn<'_>) -> SetTable {
        let mut r = self.copy();
        for &o in others {
            r.update_one(o, eq);
        }
        r
    }

    fn contains_member(&self, hash: i64, id: u64, eq: &mut EqFn<'_>) -> bool {
        self.lookkey(hash, &mut |stored| same_id_or_eq(stored, id, eq))
            .is_some()
    }

    /// `set_intersection(so, other)` for one argument; `this` is `so`.
    ///
    /// * `other` is `so`: a copy.
    /// * `other` a set: iterate the *smaller* of the two (the argument when
    ///   sizes tie) in slot order, adding (`set_add_entry`) each member found
    ///   in the other one; result members are the iterated side's objects.
    /// * otherwise iterate the argument, adding items found in `so` (the
    ///   argument's objects).  Newer sources stop once the result has
    ///   len(so) members; later items could only be duplicates, so the
    ///   result is the same.
    fn intersection_one(this: &SetTable, other: Operand<'_>, eq: &mut EqFn<'_>) -> SetTable {
        let mut r = SetTable::new(this.minor);
        match other {
            Operand::This => return this.copy(),
            Operand::Set(o) => {
                let (big, small) = if o.used > this.used {
                    (o, this)
                } else {
                    (this, o)
                };
                for (hash, id) in small.members() {
                    if big.contains_member(hash, id, eq) {
                        r.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
                    }
                }
            }
            Operand::Dict(items) | Operand::Iter(items) => {
                for &(hash, id) in items {
                    if this.contains_member(hash, id, eq) {
                        r.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
                    }
                }
            }
        }
        r
    }

    /// `s.intersection(*others)` (`set_intersection_multi`) and `s & t`
    /// (`set_and` → `set_intersection`): no arguments → a copy; else the
    /// running result is intersected with each argument in turn (the first
    /// step with `s` itself as the left side).
    pub fn intersection(&self, others: &[Operand<'_>], eq: &mut EqFn<'_>) -> SetTable {
        if others.is_empty() {
            return self.copy();
        }
        let mut result: Option<SetTable> = None;
        for &o in others {
            let next = match &result {
                None => Self::intersection_one(self, o, eq),
                Some(cur) => {
                    let o = if let Operand::This = o {
                        Operand::Set(self)
                    } else {
                        o
                    };
                    Self::intersection_one(cur, o, eq)
                }
            };
            result = Some(next);
        }
        result.unwrap()
    }

    /// `s.intersection_update(*others)` and `s &= t`: compute
    /// [`SetTable::intersection`], then `set_swap_bodies` — `s` takes the
    /// result's table, `fill` and `used`, but keeps its own `finger`.
    pub fn intersection_update(&mut self, others: &[Operand<'_>], eq: &mut EqFn<'_>) {
        let r = self.intersection(others, eq);
        self.table = r.table;
        self.fill = r.fill;
        self.used = r.used;
    }

    /// `set_difference_update_internal(so, other)`.
    ///
    /// * `other` is `so`: `clear()` (finger kept).
    /// * `other` a set: discard each of its members (slot order).  Newer
    ///   sources first replace `other` by `set_intersection(so, other)` when
    ///   `len(other)/8 > len(so)`; the same members get discarded, so the
    ///   resulting table is identical and the shortcut is not modelled
    ///   separately.
    /// * otherwise discard each item of the iterable.
    /// * then, if dummies exceed `mask/4`, resize for `used*4` (`used*2`).
    fn difference_update_one(&mut self, other: Operand<'_>, eq: &mut EqFn<'_>) {
        match other {
            Operand::This => {
                self.clear();
                return;
            }
            Operand::Set(o) => {
                let via;
                let iterated: &SetTable = if (o.used >> 3) > self.used {
                    via = Self::intersection_one(self, Operand::Set(o), eq);
                    &via
                } else {
                    o
                };
                for (hash, id) in iterated.members() {
                    self.remove(hash, &mut |stored| same_id_or_eq(stored, id, eq));
                }
            }
            Operand::Dict(items) | Operand::Iter(items) => {
                for &(hash, id) in items {
                    self.remove(hash, &mut |stored| same_id_or_eq(stored, id, eq));
                }
            }
        }
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// `s.difference_update(*others)` (each argument in turn) and `s -= t`.
    pub fn difference_update(&mut self, others: &[Operand<'_>], eq: &mut EqFn<'_>) {
        for &o in others {
            self.difference_update_one(o, eq);
        }
    }

    /// `set_difference(so, other)` for one argument.
    ///
    /// * `other` neither set nor dict, or `len(so)/4 > len(other)`:
    ///   `set_copy_and_difference` — copy `so`, then
    ///   `set_difference_update_internal` on the copy;
    /// * else iterate `so` in slot order, adding members not in `other` to a
    ///   new set (`set_add_entry`).
    fn difference_one(this: &SetTable, other: Operand<'_>, eq: &mut EqFn<'_>) -> SetTable {
        let other_size = match other {
            Operand::This => Some(this.used),
            Operand::Set(o) => Some(o.used),
            Operand::Dict(items) => Some(items.len()),
            Operand::Iter(_) => None,
        };
        let copy_path = match other_size {
            None => true,
            Some(n) => (this.used >> 2) > n,
        };
        if copy_path {
            let mut r = this.copy();
            let o = if let Operand::This = other {
                Operand::Set(this)
            } else {
                other
            };
            r.difference_update_one(o, eq);
            return r;
        }
        let mut r = SetTable::new(this.minor);
        for (hash, id) in this.members() {
            let found = match other {
                Operand::This => true,
                Operand::Set(o) => o.contains_member(hash, id, eq),
                Operand::Dict(items) => items
                    .iter()
                    .any(|&(h, k)| h == hash && (k == id || eq(k, id))),
                Operand::Iter(_) => unreachable!(),
            };
            if !found {
                r.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
            }
        }
        r
    }

    /// `s.difference(*others)` (`set_difference_multi`) and `s - t`
    /// (`set_sub` → `set_difference`): no arguments → a copy; else
    /// `set_difference` with the first argument, then
    /// `set_difference_update_internal` of the result with the others.
    pub fn difference(&self, others: &[Operand<'_>], eq: &mut EqFn<'_>) -> SetTable {
        if others.is_empty() {
            return self.copy();
        }
        let mut r = Self::difference_one(self, others[0], eq);
        for &o in &others[1..] {
            let o = if let Operand::This = o {
                Operand::Set(self)
            } else {
                o
            };
            r.difference_update_one(o, eq);
        }
        r
    }

    /// `s.symmetric_difference_update(other)` and `s ^= t`
    /// (`set_symmetric_difference_update`).
    ///
    /// * `other` is `s`: `clear()`;
    /// * a dict: for each key in dict order, discard it or, if absent, add it;
    /// * a set: the same over its members in slot order;
    /// * another iterable: first `make_new_set_basetype(type(s), other)`
    ///   (sequential adds), then as for a set.
    pub fn symmetric_difference_update(&mut self, other: Operand<'_>, eq: &mut EqFn<'_>) {
        let tmp;
        let members: Vec<Member> = match other {
            Operand::This => {
                self.clear();
                return;
            }
            Operand::Dict(items) => items.to_vec(),
            Operand::Set(o) => o.members(),
            Operand::Iter(items) => {
                tmp = SetTable::from_iter(self.minor, items, eq);
                tmp.members()
            }
        };
        for (hash, id) in members {
            if self
                .remove(hash, &mut |stored| same_id_or_eq(stored, id, eq))
                .is_none()
            {
                self.add_entry(hash, id, &mut |stored| same_id_or_eq(stored, id, eq));
            }
        }
    }

    /// `s.symmetric_difference(other)` and `s ^ t`
    /// (`set_symmetric_difference`): a new set built from `other`
    /// (`make_new_set_basetype(type(s), other)`: [`SetTable::copy`] of a set,
    /// dict/iterable insertion otherwise), then
    /// `set_symmetric_difference_update(new, s)` — i.e. `s`'s members are
    /// discarded from / added to it in `s`'s slot order.
    pub fn symmetric_difference(&self, other: Operand<'_>, eq: &mut EqFn<'_>) -> SetTable {
        let mut r = match other {
            Operand::This => self.copy(),
            o => SetTable::from_operand(self.minor, o, eq),
        };
        r.symmetric_difference_update(Operand::Set(self), eq);
        r
    }

    /// `s.issubset(other)` / `s <= t` (`set_issubset`).  Read-only in every
    /// version: for a non-set argument CPython builds a temporary set (older
    /// sources) or a temporary intersection (newer ones), never touching `s`.
    pub fn is_subset(&self, other: Operand<'_>, eq: &mut EqFn<'_>) -> bool {
        match other {
            Operand::This => true,
            Operand::Set(o) => self
                .members()
                .into_iter()
                .all(|(h, id)| o.contains_member(h, id, eq)),
            Operand::Dict(items) | Operand::Iter(items) => {
                let o = SetTable::from_iter(self.minor, items, eq);
                self.is_subset(Operand::Set(&o), eq)
            }
        }
    }

    /// `s.issuperset(other)` / `s >= t`.  Read-only.
    pub fn is_superset(&self, other: Operand<'_>, eq: &mut EqFn<'_>) -> bool {
        match other {
            Operand::This => true,
            Operand::Set(o) => o
                .members()
                .into_iter()
                .all(|(h, id)| self.contains_member(h, id, eq)),
            Operand::Dict(items) | Operand::Iter(items) => {
                items.iter().all(|&(h, id)| self.contains_member(h, id, eq))
            }
        }
    }

    /// `s.isdisjoint(other)`.  Read-only.
    pub fn is_disjoint(&self, other: Operand<'_>, eq: &mut EqFn<'_>) -> bool {
        match other {
            Operand::This => self.used == 0,
            Operand::Set(o) => !o
                .members()
                .into_iter()
                .any(|(h, id)| self.contains_member(h, id, eq)),
            Operand::Dict(items) | Operand::Iter(items) => {
                !items.iter().any(|&(h, id)| self.contains_member(h, id, eq))
            }
        }
    }
}
