//! CPython `float` semantics (Objects/floatobject.c, Python/pystrtod.c,
//! Python/dtoa.c, Objects/longobject.c for int<->float conversions).
//!
//! * `repr`/`double_to_string` reproduce `PyOS_double_to_string` /
//!   `format_float_short`: digit strings are those of David Gay's `_Py_dg_dtoa`
//!   (mode 0 = shortest round-trip, mode 2 = n significant digits, mode 3 = n
//!   digits after the point), all correctly rounded with ties-to-even on the
//!   exact binary value. Modes 2/3 are computed here with exact big-integer
//!   arithmetic; mode 0 uses Rust's shortest round-trip formatting (same
//!   digits as Gay's mode 0: shortest string that reads back to `x`, nearest
//!   to `x` among those).
//! * `floordiv`/`modulo`/`divmod` follow `float_divmod`/`float_rem`
//!   step by step (fmod, sign fix-up, snap to integer), so signed zeros,
//!   `7.0 // 0.1 == 69.0`, inf/nan behave as in CPython.
//! * `pow` follows `float_pow`'s special cases, then libm `pow`.
//! * `round` follows `float___round___impl` / `double_round`.
//! * int <-> float conversions are correctly rounded (ties-to-even) like
//!   `PyLong_AsDouble` and `long_true_divide`.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::NumError;

// ---------------------------------------------------------------------------
// ZeroDivisionError messages
// ---------------------------------------------------------------------------

/// A float operation that can divide by zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivOp {
    /// `a / b`
    TrueDiv,
    /// `a // b`
    FloorDiv,
    /// `a % b`
    Mod,
    /// `divmod(a, b)`
    DivMod,
}

/// Exact `ZeroDivisionError` text for a float operation with a zero divisor.
///
/// Measured on 3.7.16 … 3.13.0: `//` said "float divmod()" up to 3.8 (it was
/// implemented through `float_divmod`) and "float floor division by zero"
/// from 3.9; `%` said "float modulo" up to 3.12 and "float modulo by zero" in
/// 3.13; `/` and `divmod()` never changed.
pub fn zero_div_message(op: DivOp, minor: u8) -> &'static str {
    match op {
        DivOp::TrueDiv => "float division by zero",
        DivOp::FloorDiv => {
            if minor <= 8 {
                "float divmod()"
            } else {
                "float floor division by zero"
            }
        }
        DivOp::Mod => {
            if minor <= 12 {
                "float modulo"
            } else {
                "float modulo by zero"
            }
        }
        DivOp::DivMod => "float divmod()",
    }
}

/// Message of OverflowError raised by float `**` (CPython sets it from
/// `errno == ERANGE`, so it is the errno tuple's str()).
pub const POW_OVERFLOW: &str = "(34, 'Numerical result out of range')";
/// Message of ZeroDivisionError for `0.0 ** negative` (all versions).
pub const POW_ZERO_NEG: &str = "0.0 cannot be raised to a negative power";
/// `int(inf)`, `round(inf)`.
pub const INF_TO_INT: &str = "cannot convert float infinity to integer";
/// `int(nan)`, `round(nan)`.
pub const NAN_TO_INT: &str = "cannot convert float NaN to integer";
/// `float(huge_int)` (`PyLong_AsDouble`).
pub const INT_TOO_LARGE: &str = "int too large to convert to float";
/// `huge_int / small_int` (`long_true_divide`).
pub const INT_DIV_TOO_LARGE: &str = "integer division result too large for a float";

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

/// `a / b` for floats (`float_div`).
pub fn truediv(a: f64, b: f64) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::ZeroDivision(
            zero_div_message(DivOp::TrueDiv, 13).into(),
        ));
    }
    Ok(a / b)
}

/// CPython's `_float_div_mod` (the body of `float_divmod`): fmod, then move
/// the remainder to the divisor's sign, then snap the quotient to the
/// nearest integer. Divisor must be non-zero.
fn div_mod_core(vx: f64, wx: f64) -> (f64, f64) {
    // Rust's `%` on f64 is C fmod (exact).
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        // (NaN counts as "true" in C, and NaN != 0.0 is true here as well.)
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats (`float_floor_div`).
pub fn floordiv(a: f64, b: f64, minor: u8) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::ZeroDivision(
            zero_div_message(DivOp::FloorDiv, minor).into(),
        ));
    }
    Ok(div_mod_core(a, b).0)
}

/// `a % b` for floats (`float_rem`).
pub fn modulo(a: f64, b: f64, minor: u8) -> Result<f64, NumError> {
    if b == 0.0 {
        return Err(NumError::ZeroDivision(
            zero_div_message(DivOp::Mod, minor).into(),
        ));
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// `divmod(a, b)` for floats (`float_divmod`).
pub fn divmod(a: f64, b: f64) -> Result<(f64, f64), NumError> {
    if b == 0.0 {
        return Err(NumError::ZeroDivision(
            zero_div_message(DivOp::DivMod, 13).into(),
        ));
    }
    Ok(div_mod_core(a, b))
}

/// `DOUBLE_IS_ODD_INTEGER` from floatobject.c.
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `x ** y` for floats (`float_pow`): IEEE 754 special cases (as the C library's pow gives them) for 0, ±1, inf
/// and nan exactly as CPython orders them, `ZeroDivisionError` for
/// `0.0 ** negative`, [`NumError::Complex`] for `negative ** non-integer`
/// (Python 3 returns a complex there), `OverflowError` when libm `pow`
/// overflows. Underflow to 0 is silent, as in CPython.
pub fn pow(x: f64, y: f64) -> Result<f64, NumError> {
    let (iv, iw) = (x, y);
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        if a == 1.0 {
            return Ok(1.0);
        }
        if (iw > 0.0) == (a > 1.0) {
            return Ok(iw.abs());
        }
        return Ok(0.0);
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        if iw > 0.0 {
            return Ok(if odd { iv } else { iv.abs() });
        }
        return Ok(if odd { 0.0f64.copysign(iv) } else { 0.0 });
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(NumError::ZeroDivision(POW_ZERO_NEG.into()));
        }
        return Ok(if odd { iv } else { 0.0 });
    }
    let mut v = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return Err(NumError::Complex);
        }
        v = -iv;
        negate = is_odd_integer(iw);
    }
    if v == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = v.powf(iw);
    // _Py_ADJUST_ERANGE1: an infinite result from finite operands is ERANGE;
    // an ERANGE underflow to zero is forgiven.
    if r.is_infinite() {
        return Err(NumError::Overflow(POW_OVERFLOW.into()));
    }
    if r.is_nan() {
        return Err(NumError::Value(
            "(33, 'Numerical argument out of domain')".into(),
        ));
    }
    Ok(if negate { -r } else { r })
}

// ---------------------------------------------------------------------------
// round()
// ---------------------------------------------------------------------------

/// Result of Python's `round()` on a float.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundResult {
    /// `round(x)` / `round(x, None)` returns an int.
    Int(BigInt),
    /// `round(x, n)` returns a float.
    Float(f64),
}

/// `NDIGITS_MAX` in floatobject.c: `(int)((DBL_MANT_DIG-DBL_MIN_EXP) * 0.30103)`.
const NDIGITS_MAX: i64 = 323;
/// `NDIGITS_MIN`: `-(int)((DBL_MAX_EXP + 1) * 0.30103)`.
const NDIGITS_MIN: i64 = -308;

/// Python `round(x)` / `round(x, ndigits)` for a float (`float___round___impl`).
///
/// `ndigits` is the already-clamped C `Py_ssize_t` value (CPython clamps a
/// huge int through `PyNumber_AsSsize_t(o, NULL)`).
/// * `None`: C `round()` (half away from zero), corrected to half-even, then
///   converted to int (`OverflowError`/`ValueError` for inf/nan).
/// * `Some(n)`: inf/nan returned unchanged; `n > 323` returns `x`;
///   `n < -308` returns `0.0 * x`; otherwise `double_round`: correctly
///   rounded decimal string (dtoa mode 3, ties-to-even on the exact value),
///   read back with strtod, `OverflowError("rounded value too large to
///   represent")` if that overflows.
pub fn round(x: f64, ndigits: Option<i64>) -> Result<RoundResult, NumError> {
    match ndigits {
        None => {
            let mut rounded = x.round();
            if (x - rounded).abs() == 0.5 {
                rounded = 2.0 * (x / 2.0).round();
            }
            to_bigint(rounded).map(RoundResult::Int)
        }
        Some(n) => {
            if !x.is_finite() {
                return Ok(RoundResult::Float(x));
            }
            if n > NDIGITS_MAX {
                return Ok(RoundResult::Float(x));
            }
            if n < NDIGITS_MIN {
                return Ok(RoundResult::Float(0.0 * x));
            }
            let (digits, decpt) = if x == 0.0 {
                ("0".to_string(), 1)
            } else {
                digits_fixed(x.abs(), n)
            };
            let exp = decpt - digits.len() as i64;
            let s = format!("0{}e{}", digits, exp);
            let mut r: f64 = s.parse().expect("valid decimal");
            if r.is_infinite() {
                return Err(NumError::Overflow(
                    "rounded value too large to represent".into(),
                ));
            }
            if x.is_sign_negative() {
                r = -r;
            }
            Ok(RoundResult::Float(r))
        }
    }
}

// ---------------------------------------------------------------------------
// int <-> float
// ---------------------------------------------------------------------------

/// Split a finite, non-negative double into `(mantissa, exponent)` with
/// `x == mantissa * 2**exponent` exactly.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64;
    let f = bits & ((1u64 << 52) - 1);
    if e == 0 {
        (f, -1074)
    } else {
        (f | (1u64 << 52), e - 1075)
    }
}

/// `int(x)` for a float (`PyLong_FromDouble`): truncation toward zero, exact.
pub fn to_bigint(x: f64) -> Result<BigInt, NumError> {
    if x.is_nan() {
        return Err(NumError::Value(NAN_TO_INT.into()));
    }
    if x.is_infinite() {
        return Err(NumError::Overflow(INF_TO_INT.into()));
    }
    let t = x.trunc();
    let (m, e) = decompose(t.abs());
    let mag = if e >= 0 {
        BigUint::from(m) << (e as usize)
    } else {
        BigUint::from(m >> ((-e).min(63) as u32))
    };
    let sign = if t < 0.0 { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, mag))
}

/// Build `mant * 2**e` exactly (caller guarantees the result needs no
/// rounding: `mant <= 2**53`, and below 2**-1022 every bit is `>= 2**-1074`).
/// `None` if the value is `>= 2**1024`.
fn ldexp_exact(mant: u64, e: i64) -> Option<f64> {
    if mant == 0 {
        return Some(0.0);
    }
    let b = 64 - mant.leading_zeros() as i64;
    let top = b - 1 + e;
    if top > 1023 {
        return None;
    }
    if top >= -1022 {
        let m53 = if b <= 53 {
            mant << (53 - b)
        } else {
            mant >> (b - 53)
        };
        let biased = (top + 1023) as u64;
        Some(f64::from_bits((biased << 52) | (m53 & ((1u64 << 52) - 1))))
    } else {
        let sh = e + 1074;
        debug_assert!(sh >= 0);
        Some(f64::from_bits(mant << sh))
    }
}

/// Correctly rounded (ties-to-even) value of `num / den`, both positive.
/// `None` if the rounded value overflows a double.
fn ratio_to_f64(num: &BigUint, den: &BigUint) -> Option<f64> {
    let la = num.bits() as i64;
    let lb = den.bits() as i64;
    // Quotient with 55 or 56 significant bits, plus a sticky flag.
    let s = 55 - (la - lb);
    let (q, r) = if s >= 0 {
        (num << (s as usize)).div_rem(den)
    } else {
        num.div_rem(&(den << ((-s) as usize)))
    };
    let sticky = !r.is_zero();
    let q = q.to_u64().expect("quotient fits in 56 bits");
    let qbits = 64 - q.leading_zeros() as i64;
    let e_top = qbits - 1 - s;
    if e_top > 1023 {
        return None;
    }
    let lsb = (e_top - 52).max(-1074);
    let drop = lsb + s;
    if drop > qbits {
        return Some(0.0);
    }
    let drop = drop as u32;
    let mut mant = if drop >= 64 { 0 } else { q >> drop };
    let rem = q & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rem > half || (rem == half && (sticky || mant & 1 == 1)) {
        mant += 1;
    }
    ldexp_exact(mant, lsb)
}

/// `float(i)` (`PyLong_AsDouble`): correctly rounded, ties-to-even;
/// `OverflowError("int too large to convert to float")`.
pub fn from_bigint(i: &BigInt) -> Result<f64, NumError> {
    if i.is_zero() {
        return Ok(0.0);
    }
    match ratio_to_f64(i.magnitude(), &BigUint::one()) {
        Some(v) => Ok(if i.is_negative() { -v } else { v }),
        None => Err(NumError::Overflow(INT_TOO_LARGE.into())),
    }
}

/// `a / b` for ints (`long_true_divide`): the correctly rounded quotient;
/// `ZeroDivisionError("division by zero")`, `OverflowError("integer division
/// result too large for a float")`. `0 / negative` is `-0.0`.
pub fn int_true_div(a: &BigInt, b: &BigInt) -> Result<f64, NumError> {
    if b.is_zero() {
        return Err(NumError::ZeroDivision("division by zero".into()));
    }
    let negate = a.is_negative() != b.is_negative();
    if a.is_zero() {
        return Ok(if negate { -0.0 } else { 0.0 });
    }
    match ratio_to_f64(a.magnitude(), b.magnitude()) {
        Some(v) => Ok(if negate { -v } else { v }),
        None => Err(NumError::Overflow(INT_DIV_TOO_LARGE.into())),
    }
}

/// Exact comparison of a float with an int, as `float_richcompare` does it
/// (never rounds the int through a double): `9007199254740993 ==
/// 9007199254740992.0` is False. `None` for NaN (every comparison False
/// except `!=`). The ordering is `x` relative to `i`.
pub fn cmp_float_int(x: f64, i: &BigInt) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let fl = x.floor();
    let fi = to_bigint(fl).expect("finite");
    if fl == x {
        Some(fi.cmp(i))
    } else if fi < *i {
        // fi < x < fi + 1 <= i
        Some(Ordering::Less)
    } else {
        // i <= fi < x
        Some(Ordering::Greater)
    }
}

// ---------------------------------------------------------------------------
// float(str)
// ---------------------------------------------------------------------------

/// `float(s)` for a `str` argument (`PyFloat_FromString`), latest Unicode
/// digit table; see [`parse_for`].
pub fn parse(s: &str) -> Option<f64> {
    parse_for(s, 13)
}

/// `float(s)` as Python 3.`minor` parses it; `None` means ValueError
/// ("could not convert string to float: %r", built by the caller).
///
/// Steps as in CPython: non-ASCII strings have Unicode whitespace mapped to
/// ' ' and Unicode decimal digits to ASCII (anything else non-ASCII fails;
/// the digit table depends on the version's Unicode database); leading and
/// trailing ASCII whitespace is stripped (so `'\x1c'`, a Python
/// whitespace char, is *not* stripped from an all-ASCII string); PEP 515
/// underscores are allowed only between two ASCII digits; then strict
/// `strtod` syntax: sign, digits with optional point and exponent, or
/// `inf`/`infinity`/`nan` in any case. No hex.
pub fn parse_for(s: &str, minor: u8) -> Option<f64> {
    let t = super::int::transform_decimal_and_space(s, minor)?;
    let b = t.as_bytes();
    let mut lo = 0;
    let mut hi = b.len();
    while lo < hi && is_c_space(b[lo]) {
        lo += 1;
    }
    while hi > lo && is_c_space(b[hi - 1]) {
        hi -= 1;
    }
    let b = &b[lo..hi];
    let cleaned: Vec<u8> = if b.contains(&b'_') {
        let mut out = Vec::with_capacity(b.len());
        let mut prev = 0u8;
        for &c in b {
            if c == b'_' {
                if !prev.is_ascii_digit() {
                    return None;
                }
            } else {
                if prev == b'_' && !c.is_ascii_digit() {
                    return None;
                }
                out.push(c);
            }
            prev = c;
        }
        if prev == b'_' {
            return None;
        }
        out
    } else {
        b.to_vec()
    };
    parse_strict(&cleaned)
}

/// `Py_ISSPACE` on an ASCII byte.
pub(crate) fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `_PyOS_ascii_strtod` on a whole string (must consume everything).
fn parse_strict(b: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut neg = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        i += 1;
    }
    let rest = &b[i..];
    let lower: Vec<u8> = rest.iter().map(|c| c.to_ascii_lowercase()).collect();
    if lower == b"inf" || lower == b"infinity" {
        return Some(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == b"nan" {
        return Some(if neg { -f64::NAN } else { f64::NAN });
    }
    // digits [. digits] | . digits, then optional exponent
    let mut j = 0;
    let mut nd = 0;
    while j < rest.len() && rest[j].is_ascii_digit() {
        j += 1;
        nd += 1;
    }
    if j < rest.len() && rest[j] == b'.' {
        j += 1;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
            nd += 1;
        }
    }
    if nd == 0 {
        return None;
    }
    if j < rest.len() && (rest[j] == b'e' || rest[j] == b'E') {
        j += 1;
        if j < rest.len() && (rest[j] == b'+' || rest[j] == b'-') {
            j += 1;
        }
        let st = j;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
        }
        if j == st {
            return None;
        }
    }
    if j != rest.len() {
        return None;
    }
    let s = std::str::from_utf8(b).ok()?;
    s.parse::<f64>().ok()
}

// ---------------------------------------------------------------------------
// Decimal digit generation (_Py_dg_dtoa modes 0, 2, 3)
// ---------------------------------------------------------------------------

/// 10**n as a BigUint.
fn pow10(n: u64) -> BigUint {
    num_traits::pow(BigUint::from(10u32), n as usize)
}

/// dtoa mode 3: `x` (finite, > 0) rounded to `nd` digits after the decimal
/// point (nd may be negative), ties-to-even on the exact binary value.
/// Returns Gay-style `(digits, decpt)`: trailing zeros stripped; empty
/// digits with `decpt = -nd` when the result is zero.
fn digits_fixed(x: f64, nd: i64) -> (String, i64) {
    let (m, e) = decompose(x);
    let mut num = BigUint::from(m);
    let mut den = BigUint::one();
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if nd >= 0 {
        num *= pow10(nd as u64);
    } else {
        den *= pow10((-nd) as u64);
    }
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1usize;
    match twice.cmp(&den) {
        Ordering::Greater => q += 1u32,
        Ordering::Equal => {
            if q.is_odd() {
                q += 1u32
            }
        }
        Ordering::Less => {}
    }
    if q.is_zero() {
        return (String::new(), -nd);
    }
    let s = q.to_str_radix(10);
    let decpt = s.len() as i64 - nd;
    let trimmed = s.trim_end_matches('0').to_string();
    (trimmed, decpt)
}

/// floor(log10(x)) for finite x > 0, exact.
fn floor_log10(x: f64) -> i64 {
    let (m, e) = decompose(x);
    let mut k = x.log10().floor() as i64;
    // Is 10**k <= x ?  Compare m*2^e with 10^k as integers.
    let le = |k: i64| -> bool {
        let mut lhs = BigUint::from(m);
        let mut rhs = BigUint::one();
        if e >= 0 {
            lhs <<= e as usize;
        } else {
            rhs <<= (-e) as usize;
        }
        if k >= 0 {
            rhs *= pow10(k as u64);
        } else {
            lhs *= pow10((-k) as u64);
        }
        rhs <= lhs
    };
    while !le(k) {
        k -= 1;
    }
    while le(k + 1) {
        k += 1;
    }
    k
}

/// dtoa mode 2: `x` (finite, > 0) rounded to `n >= 1` significant digits.
fn digits_sig(x: f64, n: i64) -> (String, i64) {
    let k = floor_log10(x);
    digits_fixed(x, n - 1 - k)
}

/// dtoa mode 0: shortest digit string that round-trips (finite, > 0).
fn digits_shortest(x: f64) -> (String, i64) {
    let s = format!("{:e}", x);
    let (mant, exp) = s.split_once('e').expect("exponent");
    let exp: i64 = exp.parse().expect("int exponent");
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let digits = digits.trim_end_matches('0').to_string();
    (digits, exp + 1)
}

/// Flags of `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values get ".0" (repr/str/format '').
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: '#' alternate form (keep trailing point/zeros).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0` (3.11+ 'z'): drop the sign of a zero result.
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(x, code, precision, flags)` (pystrtod.c,
/// `format_float_short`). `code` is one of `e E f F g G r`; `r` is repr
/// mode (shortest digits, exponent when `decpt <= -4 or decpt > 16`) and
/// ignores `precision`. Upper-case codes use `E`, `INF`, `NAN`.
pub fn double_to_string(x: f64, code: char, precision: i64, flags: DtoaFlags) -> String {
    let upper = matches!(code, 'E' | 'F' | 'G');
    let lc = code.to_ascii_lowercase();
    let mut out = String::new();
    if x.is_nan() || x.is_infinite() {
        // Sign of a NaN is ignored.
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        let word = if x.is_nan() { "nan" } else { "inf" };
        if upper {
            out.push_str(&word.to_ascii_uppercase());
        } else {
            out.push_str(word);
        }
        return out;
    }
    let mut precision = precision;
    let mode = match lc {
        'e' => {
            precision += 1;
            2
        }
        'f' => 3,
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            2
        }
        'r' => {
            precision = 0;
            0
        }
        _ => panic!("double_to_string: bad format code {code:?}"),
    };
    let mut sign = x.is_sign_negative();
    let a = x.abs();
    let (digits, mut decpt) = if a == 0.0 {
        ("0".to_string(), 1i64)
    } else {
        match mode {
            0 => digits_shortest(a),
            2 => digits_sig(a, precision),
            _ => digits_fixed(a, precision),
        }
    };
    if flags.no_neg_0 && sign && (digits.is_empty() || digits == "0") {
        sign = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match lc {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let lim = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > lim {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    if sign {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        if exp < 0 {
            out.push('-');
        } else {
            out.push('+');
        }
        let ea = exp.abs();
        if ea < 10 {
            out.push('0');
        }
        out.push_str(&ea.to_string());
    }
    out
}

/// `repr(x)` (and `str(x)`) for a float: shortest round-trip digits, plain
/// notation for `1e-4 <= |x| < 1e16` with at least one fractional digit,
/// exponent form otherwise (`1e+16`, `1e-05`), `inf`, `-inf`, `nan`, `-0.0`.
pub fn repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}
