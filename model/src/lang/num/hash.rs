//! CPython's numeric hash (`Python/pyhash.c`, `Objects/longobject.c`): the value modulo the
//! Mersenne prime 2**61 - 1, so that equal numbers of different types hash equal.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

const BITS: u32 = 61;
const MODULUS: u64 = (1 << BITS) - 1;

/// `hash(n)` for an int.
pub fn hash_int(n: &BigInt) -> i64 {
    let m = (n.abs() % BigInt::from(MODULUS))
        .to_i64()
        .expect("below the modulus");
    let h = if n.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(x)` for a finite or infinite float (`_Py_HashDouble`); `None` for NaN, whose hash
/// is its address from 3.10 (0 before).
pub fn hash_float(v: f64) -> Option<i64> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { 314159 } else { -314159 });
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - e) % BITS as i32)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = x as i64 * sign;
    Some(if h == -1 { -2 } else { h })
}

/// C's `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (m = 0 for 0).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values printed by CPython 3.12: `hash(x)`.
    #[test]
    fn matches_cpython() {
        assert_eq!(hash_int(&BigInt::from(-1)), -2);
        assert_eq!(hash_int(&BigInt::from(2).pow(61)), 1);
        assert_eq!(hash_int(&(BigInt::from(2).pow(100))), 549755813888);
        assert_eq!(hash_int(&-(BigInt::from(2).pow(100))), -549755813888);
        assert_eq!(hash_float(0.5), Some(1152921504606846976));
        assert_eq!(hash_float(1.5), Some(1152921504606846977));
        assert_eq!(hash_float(0.1), Some(230584300921369408));
        assert_eq!(hash_float(-2.0), Some(-2));
        assert_eq!(hash_float(-1.0), Some(-2));
        assert_eq!(hash_float(1e300), Some(1224995262755759164));
        assert_eq!(hash_float(5e-324), Some(16777216));
        assert_eq!(hash_float(f64::INFINITY), Some(314159));
    }
}
