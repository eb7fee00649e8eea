//! CPython (3.7–3.13) numeric semantics (SPEC M7): `float` and `int` arithmetic corner
//! cases, string <-> number conversions, and the two formatting languages
//! (`format()` mini-language and printf-style `%`), reproduced exactly,
//! including the exception messages each interpreter version prints.
//!
//! Functions whose error text changed between versions take `minor: u8`
//! (the `x` of Python `3.x`, 7..=13).

pub mod float;
pub mod format;
pub mod hash;
pub mod int;

/// An exception CPython would raise. The `String` is CPython's exact message
/// (what `str(exc)` prints); the caller turns it into the Python exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumError {
    /// `ZeroDivisionError(msg)`.
    ZeroDivision(String),
    /// `OverflowError(msg)`.
    Overflow(String),
    /// `ValueError(msg)`.
    Value(String),
    /// `MemoryError()`: also used as a refusal surrogate for results that are
    /// too large to model (see `int::MAX_BITS`).
    Memory,
    /// The Python result would be a `complex` (negative float to a fractional
    /// power); the caller decides whether to model or refuse it.
    Complex,
}

impl NumError {
    /// Python exception class name, e.g. `"ZeroDivisionError"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            NumError::ZeroDivision(_) => "ZeroDivisionError",
            NumError::Overflow(_) => "OverflowError",
            NumError::Value(_) => "ValueError",
            NumError::Memory => "MemoryError",
            NumError::Complex => "complex",
        }
    }

    /// The message (`str(exc)`); empty for `MemoryError` and `Complex`.
    pub fn message(&self) -> &str {
        match self {
            NumError::ZeroDivision(m) | NumError::Overflow(m) | NumError::Value(m) => m,
            NumError::Memory | NumError::Complex => "",
        }
    }
}
