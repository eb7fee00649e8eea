//! CPython `int` semantics (Objects/longobject.c): floor division and modulo
//! with Python's sign rules, `pow` (2- and 3-argument), shifts and bitwise
//! operators on two's-complement infinite-precision ints, `int(str, base)`,
//! and `str(int)` with the integer-string-conversion length limit
//! (CVE-2020-10735, `sys.set_int_max_str_digits`, default 4300 digits).
//!
//! The 4300-digit limit is present in every interpreter measured here
//! (3.7.16, 3.8.18, 3.9.18, 3.10.13 got it as a security backport; 3.11+
//! natively); only the wording changed ("(4300)" before 3.11, "(4300
//! digits)" from 3.11) and, for `int(str)`, whether an invalid literal is
//! reported before the limit (3.12+) or after it (<= 3.11).

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::NumError;

/// Default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// Refusal cap: an int result that would need more than this many bits
/// (2**26 bits = 8 MiB) is not computed; the operation returns
/// [`NumError::Memory`] instead (CPython itself raises `MemoryError` for
/// truly huge shifts such as `1 << 2**64`, and would otherwise grind
/// through gigabytes).
pub const MAX_BITS: u64 = 1 << 26;

/// `ZeroDivisionError` text of `//` (and `divmod`) on ints: unchanged in
/// 3.7–3.13.
pub const DIV_BY_ZERO: &str = "integer division or modulo by zero";

/// `ZeroDivisionError` text of `%` on ints: "integer division or modulo by
/// zero" up to 3.10, "integer modulo by zero" from 3.11.
pub fn mod_zero_message(minor: u8) -> &'static str {
    if minor <= 10 {
        DIV_BY_ZERO
    } else {
        "integer modulo by zero"
    }
}

/// ValueError text of `str(i)` (and `'%d'`, `format(i, 'd')`, …) when `i`
/// has more than 4300 decimal digits.
pub fn to_str_limit_message(minor: u8) -> String {
    if minor <= 10 {
        format!(
            "Exceeds the limit ({}) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            MAX_STR_DIGITS
        )
    } else {
        format!(
            "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            MAX_STR_DIGITS
        )
    }
}

/// ValueError text of `int(s)` when `s` has `n > 4300` digits.
pub fn parse_limit_message(n: usize, minor: u8) -> String {
    if minor <= 10 {
        format!(
            "Exceeds the limit ({}) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            MAX_STR_DIGITS, n
        )
    } else {
        format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            MAX_STR_DIGITS, n
        )
    }
}

/// `str(i)` / `repr(i)` (`long_to_decimal_string`), refusing more than
/// 4300 digits (the sign is not counted) with CPython's ValueError.
pub fn to_str(i: &BigInt, minor: u8) -> Result<String, NumError> {
    // A value with >= 14287 bits is >= 2**14286 > 10**4300: too long for sure.
    if i.bits() >= 14287 {
        return Err(NumError::Value(to_str_limit_message(minor)));
    }
    let s = i.to_str_radix(10);
    let nd = s.len() - usize::from(i.is_negative());
    if nd > MAX_STR_DIGITS {
        return Err(NumError::Value(to_str_limit_message(minor)));
    }
    Ok(s)
}

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

/// `a // b` (floor division; `l_divmod`).
pub fn floordiv(a: &BigInt, b: &BigInt) -> Result<BigInt, NumError> {
    if b.is_zero() {
        return Err(NumError::ZeroDivision(DIV_BY_ZERO.into()));
    }
    Ok(a.div_floor(b))
}

/// `a % b` (result has the sign of `b`).
pub fn modulo(a: &BigInt, b: &BigInt, minor: u8) -> Result<BigInt, NumError> {
    if b.is_zero() {
        return Err(NumError::ZeroDivision(mod_zero_message(minor).into()));
    }
    Ok(a.mod_floor(b))
}

/// `divmod(a, b)`.
pub fn divmod(a: &BigInt, b: &BigInt) -> Result<(BigInt, BigInt), NumError> {
    if b.is_zero() {
        return Err(NumError::ZeroDivision(DIV_BY_ZERO.into()));
    }
    Ok(a.div_mod_floor(b))
}

/// `a / b` for ints: see [`super::float::int_true_div`].
pub fn true_div(a: &BigInt, b: &BigInt) -> Result<f64, NumError> {
    super::float::int_true_div(a, b)
}

/// Result of `int ** int`.
#[derive(Clone, Debug, PartialEq)]
pub enum PowResult {
    /// Non-negative exponent: exact int.
    Int(BigInt),
    /// Negative exponent: CPython hands both operands to `float_pow`.
    Float(f64),
}

/// `a ** b` (`long_pow` without modulus). For `b < 0` CPython converts both
/// operands with `PyLong_AsDouble` (OverflowError "int too large to convert
/// to float") and calls `float_pow` (so `0 ** -1` raises ZeroDivisionError
/// "0.0 cannot be raised to a negative power"). Results above [`MAX_BITS`]
/// bits give [`NumError::Memory`].
pub fn pow(a: &BigInt, b: &BigInt) -> Result<PowResult, NumError> {
    if b.is_negative() {
        let x = super::float::from_bigint(a)?;
        let y = super::float::from_bigint(b)?;
        return super::float::pow(x, y).map(PowResult::Float);
    }
    if b.is_zero() {
        return Ok(PowResult::Int(BigInt::one()));
    }
    let mag = a.magnitude();
    if mag.is_zero() || mag.is_one() {
        let neg = a.is_negative() && b.is_odd();
        let v = if mag.is_zero() {
            BigInt::zero()
        } else if neg {
            -BigInt::one()
        } else {
            BigInt::one()
        };
        return Ok(PowResult::Int(v));
    }
    let e = match b.to_u64() {
        Some(e) => e,
        None => return Err(NumError::Memory),
    };
    let low_bits = (mag.bits() - 1) as u128 * e as u128;
    if low_bits > MAX_BITS as u128 {
        return Err(NumError::Memory);
    }
    Ok(PowResult::Int(num_traits::pow(a.clone(), e as usize)))
}

/// Modular inverse of `a` modulo `m > 1` (`long_invmod`).
fn invmod(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let ext = a.mod_floor(m).extended_gcd(m);
    if !ext.gcd.is_one() {
        return None;
    }
    Some(ext.x.mod_floor(m))
}

/// `pow(a, b, m)` (`long_pow` with modulus). Errors, in CPython's order:
/// 3.7 rejects any negative exponent first ("pow() 2nd argument cannot be
/// negative when 3rd argument specified"); then `m == 0` → "pow() 3rd
/// argument cannot be 0"; `|m| == 1` → 0; from 3.8 a negative exponent
/// uses the modular inverse ("base is not invertible for the given
/// modulus"). A negative modulus gives a result in `(m, 0]`.
pub fn pow_mod(a: &BigInt, b: &BigInt, m: &BigInt, minor: u8) -> Result<BigInt, NumError> {
    if minor <= 7 && b.is_negative() {
        return Err(NumError::Value(
            "pow() 2nd argument cannot be negative when 3rd argument specified".into(),
        ));
    }
    if m.is_zero() {
        return Err(NumError::Value("pow() 3rd argument cannot be 0".into()));
    }
    let negative_output = m.is_negative();
    let c = m.abs();
    if c.is_one() {
        return Ok(BigInt::zero());
    }
    let mut base = a.clone();
    let mut exp = b.clone();
    if exp.is_negative() {
        exp = -exp;
        base = match invmod(&base, &c) {
            Some(inv) => inv,
            None => {
                return Err(NumError::Value(
                    "base is not invertible for the given modulus".into(),
                ))
            }
        };
    }
    let base = base.mod_floor(&c);
    let mut z = base.modpow(&exp, &c);
    if negative_output && !z.is_zero() {
        z -= &c;
    }
    Ok(z)
}

/// `a << n`. `ValueError("negative shift count")`; `0 << n` is 0 for any n;
/// results above [`MAX_BITS`] bits give [`NumError::Memory`] (CPython:
/// MemoryError for counts that do not fit, e.g. `1 << 2**64`).
pub fn lshift(a: &BigInt, n: &BigInt) -> Result<BigInt, NumError> {
    if n.is_negative() {
        return Err(NumError::Value("negative shift count".into()));
    }
    if a.is_zero() {
        return Ok(BigInt::zero());
    }
    let k = match n.to_u64() {
        Some(k) if k.saturating_add(a.bits()) <= MAX_BITS => k,
        _ => return Err(NumError::Memory),
    };
    Ok(a << (k as usize))
}

/// `a >> n`: arithmetic shift (floor division by `2**n`);
/// `ValueError("negative shift count")`; huge counts give 0 or -1.
pub fn rshift(a: &BigInt, n: &BigInt) -> Result<BigInt, NumError> {
    if n.is_negative() {
        return Err(NumError::Value("negative shift count".into()));
    }
    let big = match n.to_u64() {
        Some(k) if k < a.bits() => Some(k as usize),
        _ => None,
    };
    Ok(match big {
        None => {
            if a.is_negative() {
                -BigInt::one()
            } else {
                BigInt::zero()
            }
        }
        Some(k) => {
            if a.is_negative() {
                // floor(a / 2**k) = -((-a - 1) >> k) - 1
                let t: BigInt = (-a) - 1;
                -(t >> k) - 1
            } else {
                a >> k
            }
        }
    })
}

/// Two's-complement view of `a` on `nbits` bits (nbits > bit length).
fn to_twos(a: &BigInt, nbits: u64) -> BigUint {
    if a.is_negative() {
        (BigUint::one() << (nbits as usize)) - a.magnitude()
    } else {
        a.magnitude().clone()
    }
}

fn from_twos(v: BigUint, nbits: u64) -> BigInt {
    let top = BigUint::one() << ((nbits - 1) as usize);
    if v >= top {
        BigInt::from_biguint(Sign::Minus, (BigUint::one() << (nbits as usize)) - v)
    } else {
        BigInt::from_biguint(Sign::Plus, v)
    }
}

fn bitop(a: &BigInt, b: &BigInt, f: impl Fn(&BigUint, &BigUint) -> BigUint) -> BigInt {
    let nbits = a.bits().max(b.bits()) + 2;
    let mask = (BigUint::one() << (nbits as usize)) - 1u32;
    let r = f(&to_twos(a, nbits), &to_twos(b, nbits)) & mask;
    from_twos(r, nbits)
}

/// `a & b` on infinite two's-complement ints.
pub fn bitand(a: &BigInt, b: &BigInt) -> BigInt {
    bitop(a, b, |x, y| x & y)
}

/// `a | b` on infinite two's-complement ints.
pub fn bitor(a: &BigInt, b: &BigInt) -> BigInt {
    bitop(a, b, |x, y| x | y)
}

/// `a ^ b` on infinite two's-complement ints.
pub fn bitxor(a: &BigInt, b: &BigInt) -> BigInt {
    bitop(a, b, |x, y| x ^ y)
}

/// `~a == -(a + 1)`.
pub fn invert(a: &BigInt) -> BigInt {
    -(a + BigInt::one())
}

// ---------------------------------------------------------------------------
// int(str, base)
// ---------------------------------------------------------------------------

/// Code points of the digit zero of every Unicode decimal-digit block
/// (category Nd; each block is ten contiguous code points), with the first
/// Python minor version whose Unicode database has it. Generated from
/// `unicodedata.decimal` of each installed interpreter.
const DECIMAL_ZEROS: &[(u32, u8)] = &[
    (0x30, 7),
    (0x660, 7),
    (0x6F0, 7),
    (0x7C0, 7),
    (0x966, 7),
    (0x9E6, 7),
    (0xA66, 7),
    (0xAE6, 7),
    (0xB66, 7),
    (0xBE6, 7),
    (0xC66, 7),
    (0xCE6, 7),
    (0xD66, 7),
    (0xDE6, 7),
    (0xE50, 7),
    (0xED0, 7),
    (0xF20, 7),
    (0x1040, 7),
    (0x1090, 7),
    (0x17E0, 7),
    (0x1810, 7),
    (0x1946, 7),
    (0x19D0, 7),
    (0x1A80, 7),
    (0x1A90, 7),
    (0x1B50, 7),
    (0x1BB0, 7),
    (0x1C40, 7),
    (0x1C50, 7),
    (0xA620, 7),
    (0xA8D0, 7),
    (0xA900, 7),
    (0xA9D0, 7),
    (0xA9F0, 7),
    (0xAA50, 7),
    (0xABF0, 7),
    (0xFF10, 7),
    (0x104A0, 7),
    (0x10D30, 7),
    (0x11066, 7),
    (0x110F0, 7),
    (0x11136, 7),
    (0x111D0, 7),
    (0x112F0, 7),
    (0x11450, 7),
    (0x114D0, 7),
    (0x11650, 7),
    (0x116C0, 7),
    (0x11730, 7),
    (0x118E0, 7),
    (0x11950, 9),
    (0x11C50, 7),
    (0x11D50, 7),
    (0x11DA0, 7),
    (0x11F50, 12),
    (0x16A60, 7),
    (0x16AC0, 11),
    (0x16B50, 7),
    (0x1D7CE, 7),
    (0x1D7D8, 7),
    (0x1D7E2, 7),
    (0x1D7EC, 7),
    (0x1D7F6, 7),
    (0x1E140, 8),
    (0x1E2F0, 8),
    (0x1E4F0, 12),
    (0x1E950, 7),
    (0x1FBF0, 9),
];

/// `Py_UNICODE_TODECIMAL(c)` for Python 3.`minor`: the decimal digit value
/// of a Unicode Nd character.
pub fn decimal_value(c: char, minor: u8) -> Option<u32> {
    let cp = c as u32;
    let idx = DECIMAL_ZEROS.partition_point(|&(z, _)| z <= cp);
    if idx == 0 {
        return None;
    }
    let (z, since) = DECIMAL_ZEROS[idx - 1];
    if cp - z < 10 && minor >= since {
        Some(cp - z)
    } else {
        None
    }
}

/// `Py_UNICODE_ISSPACE(c)` (`str.isspace` on one char): ASCII \t\n\v\f\r,
/// \x1c-\x1f, space, and the Unicode White_Space characters.
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ') || (c as u32 >= 0x80 && c.is_whitespace())
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: an all-ASCII string is kept
/// as is; otherwise chars < 127 are kept, Unicode whitespace becomes ' ',
/// decimal digits become ASCII digits, and any other char makes the
/// conversion fail (`None`: CPython truncates at a '?', which no number
/// syntax accepts).
pub(crate) fn transform_decimal_and_space(s: &str, minor: u8) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 127 {
            out.push(c);
        } else if is_py_space(c) {
            out.push(' ');
        } else if let Some(d) = decimal_value(c, minor) {
            out.push((b'0' + d as u8) as char);
        } else {
            return None;
        }
    }
    Some(out)
}

/// `_PyLong_DigitValue`: value of an ASCII digit/letter, 37 otherwise.
fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 37,
    }
}

/// `int(s, base)` without the digit-count limit (see [`parse_checked`]).
/// `base` is 0 or 2..=36 (anything else gives `None`). `None` means
/// ValueError "invalid literal for int() with base %d: %R" (caller builds
/// it).
pub fn parse(s: &str, base: u32) -> Option<BigInt> {
    if base == 1 || base > 36 {
        return None;
    }
    parse_impl(s, base, 13, false).unwrap_or_default()
}

/// `int(s, base)` as Python 3.`minor` does it (`PyLong_FromUnicodeObject` →
/// `PyLong_FromString`): whitespace around, one sign, optional `0x`/`0o`/
/// `0b` prefix matching the base (base 0 infers it; base 0 without prefix
/// rejects leading zeros of a non-zero number), single underscores between
/// digits and after the prefix, Unicode decimal digits. `Ok(None)` =
/// invalid literal. `Err(ValueError)` for a bad base
/// (`"int() base must be >= 2 and <= 36, or 0"`) or for more than 4300
/// digits in a base that is not a power of two. Up to 3.11 the limit is checked as soon as the digit run
/// is scanned (before trailing junk); 3.12+ validates the whole string
/// first.
pub fn parse_checked(s: &str, base: u32, minor: u8) -> Result<Option<BigInt>, NumError> {
    if base == 1 || base > 36 {
        return Err(NumError::Value(
            "int() base must be >= 2 and <= 36, or 0".into(),
        ));
    }
    parse_impl(s, base, minor, true)
}

fn parse_impl(s: &str, base: u32, minor: u8, limit: bool) -> Result<Option<BigInt>, NumError> {
    let t = match transform_decimal_and_space(s, minor) {
        Some(t) => t,
        None => return Ok(None),
    };
    let b = t.as_bytes();
    let n = b.len();
    let at = |i: usize| -> u8 {
        if i < n {
            b[i]
        } else {
            0
        }
    };
    let mut i = 0;
    while i < n && super::float::is_c_space(b[i]) {
        i += 1;
    }
    let mut neg = false;
    if at(i) == b'+' || at(i) == b'-' {
        neg = at(i) == b'-';
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1);
        if (base == 16 && (p == b'x' || p == b'X'))
            || (base == 8 && (p == b'o' || p == b'O'))
            || (base == 2 && (p == b'b' || p == b'B'))
        {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return Ok(None);
    }
    let start = i;
    let mut digits = 0usize;
    let mut prev = 0u8;
    while i < n && (digit_value(b[i]) < base || b[i] == b'_') {
        if b[i] == b'_' {
            if prev == b'_' {
                return Ok(None);
            }
        } else {
            digits += 1;
        }
        prev = b[i];
        i += 1;
    }
    if prev == b'_' {
        return Ok(None);
    }
    let end = i;
    let binary = base & (base - 1) == 0;
    let over = limit && !binary && digits > MAX_STR_DIGITS;
    if over && minor <= 11 {
        return Err(NumError::Value(parse_limit_message(digits, minor)));
    }
    if digits == 0 {
        return Ok(None);
    }
    while i < n && super::float::is_c_space(b[i]) {
        i += 1;
    }
    if i != n {
        return Ok(None);
    }
    if over {
        return Err(NumError::Value(parse_limit_message(digits, minor)));
    }
    let clean: Vec<u8> = b[start..end]
        .iter()
        .copied()
        .filter(|&c| c != b'_')
        .collect();
    let mag = BigUint::parse_bytes(&clean, base).expect("validated digits");
    if error_if_nonzero && !mag.is_zero() {
        return Ok(None);
    }
    let sign = if neg { Sign::Minus } else { Sign::Plus };
    Ok(Some(BigInt::from_biguint(sign, mag)))
}
