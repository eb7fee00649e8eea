//! A bit-exact model of CPython's `random` module (`random.Random`), for
//! CPython 3.7 through 3.13.
//!
//! Given the same seed and the same sequence of calls, [`Random`] yields the
//! same numbers as `random.Random(seed)` does, including the per-version
//! argument checking, error messages and deprecation warnings.
//!
//! Sources of truth (read for facts, re-implemented here):
//! * `Modules/_randommodule.c`: the MT19937 core (`init_genrand`,
//!   `init_by_array`, `genrand_uint32`), `random_seed`, `random()` (the
//!   original `genrand_res53`) and `getrandbits()`;
//! * `Lib/random.py` of each version: `seed`, `_randbelow`, `randrange`,
//!   `randint`, `choice`, `shuffle`, `sample`, `choices`, and the real-valued
//!   distributions.
//!
//! Every version-dependent function takes `minor` (the `x` of `3.x`, 7..=13).
//! Values outside that range behave like the nearest supported version.
//!
//! Sequence functions work on lengths and return indices: the caller indexes
//! its own sequence. Where CPython itself would index out of range (and raise
//! the sequence type's own `IndexError`, e.g. "list index out of range"), the
//! returned index is `>= len`; see [`Random::choice`] and [`Random::choices`].
//!
//! Floating-point results use the platform libm (`ln`, `exp`, `sin`, `cos`,
//! `powf`), exactly as CPython does; on the same machine the bits agree.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};
use std::collections::HashSet;
use std::fmt;

const MT_N: usize = 624;
const MT_M: usize = 397;
const MT_MATRIX_A: u32 = 0x9908_b0df;
const MT_UPPER: u32 = 0x8000_0000;
const MT_LOWER: u32 = 0x7fff_ffff;

/// `random.NV_MAGICCONST` = `4 * exp(-0.5) / sqrt(2.0)`, as CPython computes it.
pub const NV_MAGICCONST: f64 = 1.7155277699214135;
/// `random.LOG4` = `log(4.0)`.
pub const LOG4: f64 = 1.3862943611198906;
/// `random.SG_MAGICCONST` = `1.0 + log(4.5)`.
pub const SG_MAGICCONST: f64 = 2.504077396776274;
/// `random.TWOPI` (`2.0 * pi` in 3.7/3.8, `math.tau` later: the same value).
pub const TWOPI: f64 = std::f64::consts::TAU;

/// Message of the `DeprecationWarning` that 3.9 and 3.10 emit from
/// `random.seed()` for a seed of a type other than None, int, float, str,
/// bytes and bytearray (the seed is then hashed).
pub const SEED_HASH_DEPRECATION: &str = "Seeding based on hashing is deprecated\n\
since Python 3.9 and will be removed in a subsequent version. The only \n\
supported seed types are: None, int, float, str, bytes, and bytearray.";

const RANDRANGE_NONINT_DEPRECATION: &str = "non-integer arguments to randrange() have been \
deprecated since Python 3.10 and will be removed in a subsequent version";
const RANDRANGE_FUTURE_TYPEERROR: &str = "randrange() will raise TypeError in the future";

/// A Python exception raised by the modelled call, with CPython's exact
/// message; `Unsupported` marks a call this model refuses (not reproducible,
/// or CPython never returns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RandomError {
    /// `ValueError(msg)`.
    Value(String),
    /// `TypeError(msg)`.
    Type(String),
    /// `IndexError(msg)`.
    Index(String),
    /// `OverflowError(msg)`.
    Overflow(String),
    /// `ZeroDivisionError(msg)`.
    ZeroDivision(String),
    /// Not modelled: the reason is in the message.
    Unsupported(String),
}

impl RandomError {
    /// The Python exception class name (`"ValueError"`, ...); `"Unsupported"`
    /// for the refusal variant.
    pub fn py_type(&self) -> &'static str {
        match self {
            RandomError::Value(_) => "ValueError",
            RandomError::Type(_) => "TypeError",
            RandomError::Index(_) => "IndexError",
            RandomError::Overflow(_) => "OverflowError",
            RandomError::ZeroDivision(_) => "ZeroDivisionError",
            RandomError::Unsupported(_) => "Unsupported",
        }
    }

    /// The exception message (`str(exc)`).
    pub fn message(&self) -> &str {
        match self {
            RandomError::Value(m)
            | RandomError::Type(m)
            | RandomError::Index(m)
            | RandomError::Overflow(m)
            | RandomError::ZeroDivision(m)
            | RandomError::Unsupported(m) => m,
        }
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.py_type(), self.message())
    }
}

impl std::error::Error for RandomError {}

/// A warning that CPython would have issued via `warnings.warn` during a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyWarning {
    /// Warning class name, e.g. `"DeprecationWarning"`.
    pub category: &'static str,
    /// `str(warning.message)`.
    pub message: String,
}

/// The argument `a` of `random.seed(a, version=2)` / `random.Random(a)`.
#[derive(Clone, Debug, PartialEq)]
pub enum SeedArg {
    /// An `int` of any size; negative values seed like their `abs()`.
    Int(BigInt),
    /// A `bool` (an `int` subclass: `True` seeds like `1`).
    Bool(bool),
    /// A `str`: its UTF-8 bytes followed by their SHA-512 digest, as a
    /// big-endian int.
    Str(String),
    /// A `bytes` or `bytearray`: as `Str`, without the encoding step.
    Bytes(Vec<u8>),
    /// A `float`: seeded by `hash(a)` cast to an unsigned 64-bit word.
    Float(f64),
    /// `None` (or no argument): seeds from `os.urandom`, refused here.
    NoneArg,
    /// Any other object, named by its type (e.g. `"tuple"`): hashed on 3.7
    /// and 3.8, hashed with a `DeprecationWarning` on 3.9 and 3.10 (both
    /// refused here as `Unsupported`), `TypeError` from 3.11.
    Other(String),
}

/// An argument of `randrange()`/`randint()`: a Python `int`, `bool` or
/// `float` (whose acceptance depends on the version).
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    /// A Python `int`.
    Int(BigInt),
    /// A Python `bool`.
    Bool(bool),
    /// A Python `float`.
    Float(f64),
}

impl From<i64> for Num {
    fn from(v: i64) -> Num {
        Num::Int(BigInt::from(v))
    }
}

impl From<BigInt> for Num {
    fn from(v: BigInt) -> Num {
        Num::Int(v)
    }
}

impl From<bool> for Num {
    fn from(v: bool) -> Num {
        Num::Bool(v)
    }
}

impl From<f64> for Num {
    fn from(v: f64) -> Num {
        Num::Float(v)
    }
}

impl fmt::Display for Num {
    /// `str(x)` / `f"{x}"` for ints and bools (the only kinds that reach a
    /// formatted message); floats print with Rust's shortest round-trip form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{}", i),
            Num::Bool(true) => write!(f, "True"),
            Num::Bool(false) => write!(f, "False"),
            Num::Float(x) => write!(f, "{:?}", x),
        }
    }
}

impl Num {
    /// `x is _ONE` in `randrange` (3.10+): only an int equal to 1 is the
    /// cached small-int object `1`.
    fn is_one_object(&self) -> bool {
        matches!(self, Num::Int(i) if i.is_one())
    }

    /// Python `x == 1`.
    fn equals_one(&self) -> bool {
        match self {
            Num::Int(i) => i.is_one(),
            Num::Bool(b) => *b,
            Num::Float(x) => *x == 1.0,
        }
    }

    /// Python `int(x)`.
    fn to_int(&self) -> Result<BigInt, RandomError> {
        match self {
            Num::Int(i) => Ok(i.clone()),
            Num::Bool(b) => Ok(BigInt::from(*b as u8)),
            Num::Float(x) => float_to_int(*x),
        }
    }

    /// Python `operator.index(x)`.
    fn to_index(&self) -> Result<BigInt, RandomError> {
        match self {
            Num::Float(_) => Err(RandomError::Type(
                "'float' object cannot be interpreted as an integer".to_string(),
            )),
            _ => self.to_int(),
        }
    }

    /// Python `i != x` for the int `i = int(x)`.
    fn int_differs(&self, i: &BigInt) -> bool {
        match self {
            Num::Float(x) => x.fract() != 0.0,
            _ => &self.to_int().unwrap_or_default() != i,
        }
    }

    /// Python `x + 1`.
    fn plus_one(&self) -> Num {
        match self {
            Num::Int(i) => Num::Int(i + 1),
            Num::Bool(b) => Num::Int(BigInt::from(*b as u8 + 1)),
            Num::Float(x) => Num::Float(x + 1.0),
        }
    }
}

/// Python `int(x)` for a float: truncation toward zero, exact.
fn float_to_int(x: f64) -> Result<BigInt, RandomError> {
    if x.is_nan() {
        return Err(RandomError::Value(
            "cannot convert float NaN to integer".to_string(),
        ));
    }
    if x.is_infinite() {
        return Err(RandomError::Overflow(
            "cannot convert float infinity to integer".to_string(),
        ));
    }
    let t = x.trunc();
    let bits = t.to_bits();
    let exp_field = ((bits >> 52) & 0x7ff) as i64;
    if exp_field == 0 {
        return Ok(BigInt::zero());
    }
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let e = exp_field - 1075;
    let mag = if e >= 0 {
        BigUint::from(mant) << (e as usize)
    } else {
        BigUint::from(mant >> ((-e) as u32))
    };
    let sign = if t < 0.0 { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, mag))
}

/// CPython's `hash(float)` (`_Py_HashDouble`): the value reduced modulo the
/// Mersenne prime 2**61 - 1, signed, with -1 mapped to -2. NaN hashes to 0
/// up to 3.9; from 3.10 it hashes by object identity (refused here).
fn py_hash_float(v: f64, minor: u8) -> Result<i64, RandomError> {
    if v.is_nan() {
        if minor <= 9 {
            return Ok(0);
        }
        return Err(RandomError::Unsupported(
            "hash(nan) depends on the object's identity from Python 3.10 on".to_string(),
        ));
    }
    if v.is_infinite() {
        return Ok(if v > 0.0 { 314_159 } else { -314_159 });
    }
    const MODULUS: u128 = (1u128 << 61) - 1;
    let bits = v.to_bits();
    let negative = (bits >> 63) == 1;
    let exp_field = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_field == 0 {
        (frac, -1074i64)
    } else {
        (frac | (1u64 << 52), exp_field - 1075)
    };
    // |v| = mant * 2**exp and 2**61 == 1 (mod 2**61 - 1).
    let shift = exp.rem_euclid(61) as u32;
    let reduced = ((mant as u128 % MODULUS) << shift) % MODULUS;
    let mut h = reduced as i64;
    if negative {
        h = -h;
    }
    if h == -1 {
        h = -2;
    }
    Ok(h)
}

/// Python's `bisect.bisect_right(a, x, lo, hi)` with float comparisons.
fn bisect_right(a: &[f64], x: f64, mut lo: usize, mut hi: usize) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The state of a `random.Random` instance: the MT19937 words and position
/// (`_random.Random`), plus the Python-level `gauss_next` slot.
#[derive(Clone, Debug, PartialEq)]
pub struct Random {
    mt: [u32; MT_N],
    index: usize,
    gauss_next: Option<f64>,
    warnings: Vec<PyWarning>,
}

impl Random {
    // ------------------------------------------------------------------
    // Construction and seeding
    // ------------------------------------------------------------------

    /// `random.Random(seed)` under CPython 3.`minor`: `Random.seed(seed,
    /// version=2)` then `gauss_next = None`.
    pub fn new_seeded(seed: &SeedArg, minor: u8) -> Result<Random, RandomError> {
        let mut r = Random {
            mt: [0; MT_N],
            index: MT_N,
            gauss_next: None,
            warnings: Vec::new(),
        };
        r.seed(seed, minor)?;
        Ok(r)
    }

    /// `Random.seed(a, version=2)` (Lib/random.py) followed by the C
    /// `random_seed`: ints use `abs(a)`, str/bytes use the bytes with their
    /// SHA-512 digest appended, floats use `hash(a)` as an unsigned word;
    /// the resulting non-negative int is split into 32-bit words (least
    /// significant first) and fed to `init_by_array`. Resets `gauss_next`.
    /// On error the state is left unchanged.
    pub fn seed(&mut self, seed: &SeedArg, minor: u8) -> Result<(), RandomError> {
        if !(7..=15).contains(&minor) {
            return Err(RandomError::Unsupported(format!(
                "Python 3.{} is not modelled (3.7 to 3.15 are)",
                minor
            )));
        }
        let value: BigUint = match seed {
            SeedArg::NoneArg => {
                return Err(RandomError::Unsupported(
                    "seed(None) reads the OS entropy source".to_string(),
                ));
            }
            SeedArg::Int(i) => i.magnitude().clone(),
            SeedArg::Bool(b) => BigUint::from(*b as u8),
            SeedArg::Str(s) => bytes_seed_value(s.as_bytes()),
            SeedArg::Bytes(b) => bytes_seed_value(b),
            SeedArg::Float(x) => BigUint::from(py_hash_float(*x, minor)? as u64),
            SeedArg::Other(type_name) => {
                return Err(match minor {
                    7 | 8 => RandomError::Unsupported(format!(
                        "seeding from a {} object uses its hash(), which is not modelled",
                        type_name
                    )),
                    9 | 10 => RandomError::Unsupported(format!(
                        "seeding from a {} object uses its hash() (after a DeprecationWarning), \
                         which is not modelled",
                        type_name
                    )),
                    11 | 12 => RandomError::Type(
                        "The only supported seed types are: None,\n\
                         int, float, str, bytes, and bytearray."
                            .to_string(),
                    ),
                    _ => RandomError::Type(
                        "The only supported seed types are:\n\
                         None, int, float, str, bytes, and bytearray."
                            .to_string(),
                    ),
                });
            }
        };
        let mut key = value.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
        self.gauss_next = None;
        Ok(())
    }

    /// The MT words, the position in them and `gauss_next`: what
    /// `Random.getstate()` returns as `(3, (*words, index), gauss_next)`.
    pub fn getstate(&self) -> ([u32; 624], usize, Option<f64>) {
        (self.mt, self.index, self.gauss_next)
    }

    /// `Random.setstate((3, (*words, index), gauss_next))`.
    /// CPython's checks: `ValueError("invalid state")` for `index > 624`.
    pub fn setstate(
        &mut self,
        words: &[u32; 624],
        index: usize,
        gauss_next: Option<f64>,
    ) -> Result<(), RandomError> {
        if index > MT_N {
            return Err(RandomError::Value("invalid state".to_string()));
        }
        self.mt = *words;
        self.index = index;
        self.gauss_next = gauss_next;
        Ok(())
    }

    /// Warnings (e.g. `DeprecationWarning`s from `randrange`) issued since the
    /// last call, in order; clears the list.
    pub fn take_warnings(&mut self) -> Vec<PyWarning> {
        std::mem::take(&mut self.warnings)
    }

    fn warn_deprecation(&mut self, message: &str) {
        self.warnings.push(PyWarning {
            category: "DeprecationWarning",
            message: message.to_string(),
        });
    }

    /// `init_genrand()`: fill the state from a single 32-bit word.
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..MT_N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = MT_N;
    }

    /// `init_by_array()`: the MT19937 seeding from an array of words.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let mut i = 1usize;
        let mut j = 0usize;
        for _ in 0..MT_N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..MT_N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= MT_N {
                mt[0] = mt[MT_N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    // ------------------------------------------------------------------
    // Core generator (C level)
    // ------------------------------------------------------------------

    /// `genrand_uint32()`: the next tempered 32-bit output, regenerating the
    /// block of 624 words when it is used up.
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= MT_N {
            for k in 0..MT_N {
                let y = (self.mt[k] & MT_UPPER) | (self.mt[(k + 1) % MT_N] & MT_LOWER);
                let mag = if y & 1 == 1 { MT_MATRIX_A } else { 0 };
                self.mt[k] = self.mt[(k + MT_M) % MT_N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()` (C `random_random`, the reference `genrand_res53`): a float
    /// in [0, 1) from 27 + 26 bits of two consecutive outputs.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// The C `getrandbits(k)` body for `k >= 0`, unchecked: 32-bit words from
    /// least to most significant, the last one shifted right to keep `k` bits.
    pub fn getrandbits_raw(&mut self, k: u64) -> BigUint {
        if k == 0 {
            return BigUint::zero();
        }
        if k <= 32 {
            return BigUint::from(self.genrand_u32() >> (32 - k));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut digits = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(digits)
    }

    /// `getrandbits(k)` for `1 <= k <= 64`, as a machine word (same draws as
    /// [`Random::getrandbits_raw`]).
    fn getrandbits_u64(&mut self, k: u32) -> u64 {
        debug_assert!((1..=64).contains(&k));
        if k <= 32 {
            return (self.genrand_u32() >> (32 - k)) as u64;
        }
        let lo = self.genrand_u32() as u64;
        let mut hi = self.genrand_u32();
        if k < 64 {
            hi >>= 64 - k;
        }
        lo | ((hi as u64) << 32)
    }

    /// `Random.getrandbits(k)` with CPython's argument handling: `k` must fit
    /// a C int (`OverflowError`, 3.7 wording differs); `k <= 0` is a
    /// `ValueError` on 3.7/3.8, while 3.9+ return 0 for `k == 0` and reject
    /// only negative `k`.
    pub fn getrandbits(&mut self, k: &BigInt, minor: u8) -> Result<BigInt, RandomError> {
        let kk: i32 = match k.to_i32() {
            Some(v) => v,
            None => {
                let msg = if minor <= 7 {
                    match k.to_i64() {
                        Some(v) if v > 0 => "signed integer is greater than maximum",
                        Some(_) => "signed integer is less than minimum",
                        None => "Python int too large to convert to C long",
                    }
                } else {
                    "Python int too large to convert to C int"
                };
                return Err(RandomError::Overflow(msg.to_string()));
            }
        };
        if minor <= 8 {
            if kk <= 0 {
                return Err(RandomError::Value(
                    "number of bits must be greater than zero".to_string(),
                ));
            }
        } else if kk < 0 {
            return Err(RandomError::Value(
                "number of bits must be non-negative".to_string(),
            ));
        }
        Ok(BigInt::from(self.getrandbits_raw(kk as u64)))
    }

    // ------------------------------------------------------------------
    // Integer methods (Lib/random.py)
    // ------------------------------------------------------------------

    /// `_randbelow(n)` (`_randbelow_with_getrandbits`): draw
    /// `getrandbits(n.bit_length())` until it is below `n`.
    /// `n == 0`: `ValueError` from `getrandbits(0)` on 3.7/3.8, `0` on
    /// 3.9/3.10, and an endless loop on 3.11+ (refused); `n < 0` loops
    /// forever on every version (refused).
    pub fn randbelow(&mut self, n: &BigInt, minor: u8) -> Result<BigInt, RandomError> {
        if n.is_zero() {
            return match minor {
                0..=8 => Err(RandomError::Value(
                    "number of bits must be greater than zero".to_string(),
                )),
                9 | 10 => Ok(BigInt::zero()),
                _ => Err(RandomError::Unsupported(
                    "_randbelow(0) never returns on Python 3.11+".to_string(),
                )),
            };
        }
        if n.is_negative() {
            return Err(RandomError::Unsupported(
                "_randbelow() of a negative number never returns".to_string(),
            ));
        }
        Ok(self.randbelow_pos(n))
    }

    /// `_randbelow(n)` for `n > 0`.
    fn randbelow_pos(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.randbelow_u64(small));
        }
        let k = n.bits();
        let limit = n.magnitude();
        loop {
            let r = self.getrandbits_raw(k);
            if &r < limit {
                return BigInt::from(r);
            }
        }
    }

    /// `_randbelow(n)` for `0 < n < 2**64`.
    fn randbelow_u64(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    fn randbelow_usize(&mut self, n: usize) -> usize {
        self.randbelow_u64(n as u64) as usize
    }

    /// Converts one `randrange` argument the way the version does:
    /// `int(x)` plus an equality check (3.7-3.9), `operator.index(x)` with a
    /// deprecated `int(x)` fallback (3.10/3.11), `operator.index(x)` (3.12+).
    fn randrange_arg(&mut self, x: &Num, what: &str, minor: u8) -> Result<BigInt, RandomError> {
        let non_integer = || RandomError::Value(format!("non-integer {} for randrange()", what));
        if minor <= 9 {
            let i = x.to_int()?;
            if x.int_differs(&i) {
                return Err(non_integer());
            }
            Ok(i)
        } else if minor <= 11 {
            match x.to_index() {
                Ok(i) => Ok(i),
                Err(_) => {
                    let i = x.to_int()?;
                    if x.int_differs(&i) {
                        self.warn_deprecation(RANDRANGE_FUTURE_TYPEERROR);
                        return Err(non_integer());
                    }
                    self.warn_deprecation(RANDRANGE_NONINT_DEPRECATION);
                    Ok(i)
                }
            }
        } else {
            x.to_index()
        }
    }

    /// `randrange(start, stop=None, step=1)`. `stop == None` means the
    /// one-argument form; pass `step = Num::Int(1)` for the default (an int 1
    /// is the `_ONE` object for the 3.10+ "Missing a non-None stop argument"
    /// check). Reproduces each version's conversions, warnings, order of
    /// checks and messages:
    /// * 3.7: `empty range for randrange() (%d,%d, %d)`; 3.8-3.11:
    ///   `(%d, %d, %d)` (istart, istop, width) for an empty unit-step range;
    /// * 3.12+: `empty range in randrange(start, stop)` and
    ///   `empty range in randrange(start, stop, step)` with the arguments as
    ///   given; older versions say `empty range for randrange()` there;
    /// * 3.7-3.9 ignore `step` without `stop`, and test `step == 1` before
    ///   converting it.
    pub fn randrange(
        &mut self,
        start: &Num,
        stop: Option<&Num>,
        step: &Num,
        minor: u8,
    ) -> Result<BigInt, RandomError> {
        let istart = self.randrange_arg(start, "arg 1", minor)?;
        let stop = match stop {
            None => {
                if minor >= 10 && !step.is_one_object() {
                    return Err(RandomError::Type(
                        "Missing a non-None stop argument".to_string(),
                    ));
                }
                if istart.is_positive() {
                    return Ok(self.randbelow_pos(&istart));
                }
                return Err(RandomError::Value(
                    "empty range for randrange()".to_string(),
                ));
            }
            Some(s) => s,
        };
        let istop = self.randrange_arg(stop, "stop", minor)?;
        let width = &istop - &istart;
        let unit_empty = |minor: u8| -> RandomError {
            RandomError::Value(match minor {
                0..=7 => format!(
                    "empty range for randrange() ({},{}, {})",
                    istart, istop, width
                ),
                8..=11 => format!(
                    "empty range for randrange() ({}, {}, {})",
                    istart, istop, width
                ),
                _ => format!("empty range in randrange({}, {})", start, stop),
            })
        };
        let istep = if minor <= 9 {
            if step.equals_one() {
                if width.is_positive() {
                    return Ok(&istart + self.randbelow_pos(&width));
                }
                return Err(unit_empty(minor));
            }
            self.randrange_arg(step, "step", minor)?
        } else {
            let istep = self.randrange_arg(step, "step", minor)?;
            if istep.is_one() {
                if width.is_positive() {
                    return Ok(&istart + self.randbelow_pos(&width));
                }
                return Err(unit_empty(minor));
            }
            istep
        };
        let n = if istep.is_positive() {
            Integer::div_floor(&(&width + &istep - 1u32), &istep)
        } else if istep.is_negative() {
            Integer::div_floor(&(&width + &istep + 1u32), &istep)
        } else {
            return Err(RandomError::Value("zero step for randrange()".to_string()));
        };
        if !n.is_positive() {
            return Err(RandomError::Value(if minor <= 11 {
                "empty range for randrange()".to_string()
            } else {
                format!("empty range in randrange({}, {}, {})", start, stop, step)
            }));
        }
        Ok(istart + istep * self.randbelow_pos(&n))
    }

    /// `randint(a, b)`: `randrange(a, b + 1)` (with Python's `b + 1`) up to 3.13; from 3.14
    /// `a + _randbelow(b - a + 1)` after `_index` on both (the same numbers, its own errors).
    pub fn randint(&mut self, a: &Num, b: &Num, minor: u8) -> Result<BigInt, RandomError> {
        if minor >= 14 {
            let index = |n: &Num| match n {
                Num::Int(i) => Ok(i.clone()),
                Num::Bool(b) => Ok(BigInt::from(*b as i64)),
                Num::Float(_) => Err(RandomError::Type(
                    "'float' object cannot be interpreted as an integer".to_string(),
                )),
            };
            let (a, b) = (index(a)?, index(b)?);
            if b < a {
                return Err(RandomError::Value(format!(
                    "empty range in randint({a}, {b})"
                )));
            }
            let width = &b - &a + BigInt::one();
            return Ok(&a + self.randbelow_pos(&width));
        }
        let stop = b.plus_one();
        self.randrange(a, Some(&stop), &Num::Int(BigInt::one()), minor)
    }

    // ------------------------------------------------------------------
    // Sequence methods
    // ------------------------------------------------------------------

    /// `choice(seq)` for `len(seq) == len`: the index CPython picks
    /// (`_randbelow(len)`). Empty: `IndexError('Cannot choose from an empty
    /// sequence')` on 3.7/3.8 and 3.11+; on 3.9/3.10 CPython evaluates
    /// `seq[0]`, so this returns `Ok(0)` (out of range) and the caller's own
    /// indexing raises its type's `IndexError` (e.g. "list index out of
    /// range"). No generator state is used for an empty sequence.
    pub fn choice(&mut self, len: usize, minor: u8) -> Result<usize, RandomError> {
        if len == 0 {
            return if minor == 9 || minor == 10 {
                Ok(0)
            } else {
                Err(RandomError::Index(
                    "Cannot choose from an empty sequence".to_string(),
                ))
            };
        }
        Ok(self.randbelow_usize(len))
    }

    /// `shuffle(x)` for `len(x) == n` (every version; the 3.7-3.10 `random`
    /// argument is not modelled): returns the resulting order, `perm[i]`
    /// being the original index of the item that ends up at position `i`.
    /// The swaps are `x[i] <-> x[_randbelow(i + 1)]` for `i = n-1 .. 1`.
    pub fn shuffle(&mut self, n: usize) -> Vec<usize> {
        let mut x: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.randbelow_usize(i + 1);
            x.swap(i, j);
        }
        x
    }

    /// `sample(population, k)` for `len(population) == n`: the indices
    /// selected, in selection order. Uses CPython's choice between the pool
    /// (list) method, when `n <= 21 + 4**ceil(log(3k, 4))` (the second term
    /// only for `k > 5`), and the set-of-selections method otherwise.
    /// `ValueError("Sample larger than population or is negative")` when not
    /// `0 <= k <= n` (pass any value above `n` for a larger Python int).
    pub fn sample(&mut self, n: usize, k: i64, _minor: u8) -> Result<Vec<usize>, RandomError> {
        if k < 0 || (k as u64) > (n as u64) {
            return Err(RandomError::Value(
                "Sample larger than population or is negative".to_string(),
            ));
        }
        let k = k as usize;
        let mut setsize: u128 = 21;
        if k > 5 {
            let x = (k as u128 * 3) as f64;
            let e = (x.ln() / 4.0f64.ln()).ceil();
            setsize += 4u128.pow(e as u32);
        }
        let mut result = Vec::with_capacity(k);
        if (n as u128) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_usize(n - i);
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected: HashSet<usize> = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_usize(n);
                while selected.contains(&j) {
                    j = self.randbelow_usize(n);
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `choices(population, weights=None, *, cum_weights=None, k=1)` for
    /// `len(population) == n`: the indices chosen (negative `k` gives none).
    /// Without weights each index is `floor(random() * n)`; with weights it
    /// is `bisect(cum_weights, random() * total, 0, n - 1)`, `cum_weights`
    /// being the running float sum of `weights`.
    /// Per version: 3.9+ reject `total <= 0` ("Total of weights must be
    /// greater than zero"), 3.10+ also a non-finite total ("Total of weights
    /// must be finite"); all reject both weight kinds (`TypeError`) and a
    /// length mismatch (`ValueError`); empty weights give
    /// `IndexError("list index out of range")` (from `cum_weights[-1]`).
    /// For an empty population and `k > 0` without weights CPython draws one
    /// `random()` and evaluates `population[0]`: the result then ends with
    /// that out-of-range index `0` and the caller's indexing raises.
    /// Weights are floats: integer weights are exact while their partial
    /// sums stay below 2**53.
    pub fn choices(
        &mut self,
        n: usize,
        weights: Option<&[f64]>,
        cum_weights: Option<&[f64]>,
        k: i64,
        minor: u8,
    ) -> Result<Vec<usize>, RandomError> {
        let count = k.max(0) as usize;
        let cum: Vec<f64> = match (weights, cum_weights) {
            (None, None) => {
                let nf = n as f64;
                let mut out = Vec::with_capacity(count.min(1 << 20));
                for _ in 0..count {
                    let idx = (self.random() * nf).floor() as usize;
                    out.push(idx);
                    if idx >= n {
                        break;
                    }
                }
                return Ok(out);
            }
            (Some(_), Some(_)) => {
                return Err(RandomError::Type(
                    "Cannot specify both weights and cumulative weights".to_string(),
                ));
            }
            (Some(w), None) => {
                let mut acc = Vec::with_capacity(w.len());
                let mut total = 0.0f64;
                for (i, &x) in w.iter().enumerate() {
                    total = if i == 0 { x } else { total + x };
                    acc.push(total);
                }
                acc
            }
            (None, Some(c)) => c.to_vec(),
        };
        if cum.len() != n {
            return Err(RandomError::Value(
                "The number of weights does not match the population".to_string(),
            ));
        }
        let total = match cum.last() {
            Some(&t) => t + 0.0,
            None => return Err(RandomError::Index("list index out of range".to_string())),
        };
        if minor >= 9 && total <= 0.0 {
            return Err(RandomError::Value(
                "Total of weights must be greater than zero".to_string(),
            ));
        }
        if minor >= 10 && !total.is_finite() {
            return Err(RandomError::Value(
                "Total of weights must be finite".to_string(),
            ));
        }
        let hi = n - 1;
        let mut out = Vec::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let x = self.random() * total;
            out.push(bisect_right(&cum, x, 0, hi));
        }
        Ok(out)
    }

    // ------------------------------------------------------------------
    // Real-valued distributions
    // ------------------------------------------------------------------

    /// `uniform(a, b)` = `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `triangular(low=0.0, high=1.0, mode=None)`; `high == low` with a mode
    /// returns `low` (CPython catches the `ZeroDivisionError`).
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                let d = high - low;
                if d == 0.0 {
                    return low;
                }
                (m - low) / d
            }
        };
        let (mut lo, mut hi) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut lo, &mut hi);
        }
        lo + (hi - lo) * (u * c).sqrt()
    }

    /// `normalvariate(mu, sigma)`: Kinderman-Monahan ratio of uniforms.
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = NV_MAGICCONST * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `gauss(mu, sigma)`: Box-Muller, caching the second value in
    /// `gauss_next` (cleared by `seed`).
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `lognormvariate(mu, sigma)` = `math.exp(normalvariate(mu, sigma))`;
    /// `OverflowError("math range error")` when that overflows.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> Result<f64, RandomError> {
        let z = self.normalvariate(mu, sigma);
        let r = z.exp();
        if r.is_infinite() && z.is_finite() {
            return Err(RandomError::Overflow("math range error".to_string()));
        }
        Ok(r)
    }

    /// `expovariate(lambd)` = `-log(1.0 - random()) / lambd`; `lambd == 0`
    /// raises `ZeroDivisionError("float division by zero")` after the draw.
    pub fn expovariate(&mut self, lambd: f64) -> Result<f64, RandomError> {
        let v = -(1.0 - self.random()).ln();
        if lambd == 0.0 {
            return Err(RandomError::ZeroDivision(
                "float division by zero".to_string(),
            ));
        }
        Ok(v / lambd)
    }

    /// `gammavariate(alpha, beta)`: Cheng's method for `alpha > 1`, the
    /// exponential case for `alpha == 1` (3.7 redraws `u <= 1e-7` and uses
    /// `-log(u)`; 3.8+ use `-log(1.0 - random())`), algorithm GS otherwise.
    /// A NaN `alpha` makes CPython loop forever (refused).
    pub fn gammavariate(&mut self, alpha: f64, beta: f64, minor: u8) -> Result<f64, RandomError> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(RandomError::Value(
                "gammavariate: alpha and beta must be > 0.0".to_string(),
            ));
        }
        if alpha.is_nan() {
            return Err(RandomError::Unsupported(
                "gammavariate() with a NaN alpha never returns".to_string(),
            ));
        }
        if alpha > 1.0 {
            let ainv = (2.0 * alpha - 1.0).sqrt();
            let bbb = alpha - LOG4;
            let ccc = alpha + ainv;
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = (u1 / (1.0 - u1)).ln() / ainv;
                let x = alpha * v.exp();
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= z.ln() {
                    return Ok(x * beta);
                }
            }
        } else if alpha == 1.0 {
            if minor <= 7 {
                let mut u = self.random();
                while u <= 1e-7 {
                    u = self.random();
                }
                Ok(-u.ln() * beta)
            } else {
                Ok(-(1.0 - self.random()).ln() * beta)
            }
        } else {
            let e = std::f64::consts::E;
            loop {
                let u = self.random();
                let b = (e + alpha) / e;
                let p = b * u;
                let x = if p <= 1.0 {
                    p.powf(1.0 / alpha)
                } else {
                    -((b - p) / alpha).ln()
                };
                let u1 = self.random();
                if p > 1.0 {
                    if u1 <= x.powf(alpha - 1.0) {
                        return Ok(x * beta);
                    }
                } else if u1 <= (-x).exp() {
                    return Ok(x * beta);
                }
            }
        }
    }

    /// `betavariate(alpha, beta)`: `y = gammavariate(alpha, 1.0)`, then
    /// `y / (y + gammavariate(beta, 1.0))`, or `0.0` when `y == 0`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64, minor: u8) -> Result<f64, RandomError> {
        let y = self.gammavariate(alpha, 1.0, minor)?;
        if y != 0.0 {
            let z = self.gammavariate(beta, 1.0, minor)?;
            return Ok(y / (y + z));
        }
        Ok(0.0)
    }
}

/// Version-2 seeding of str/bytes: `int.from_bytes(a + sha512(a).digest(),
/// 'big')`.
fn bytes_seed_value(bytes: &[u8]) -> BigUint {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&Sha512::digest(bytes));
    BigUint::from_bytes_be(&all)
}
