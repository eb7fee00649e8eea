//! Python values, and `str()` / `repr()` exactly as CPython writes them.
//!
//! Objects with identity (futures, tasks, coroutines, exceptions, sets) live in the runtime's
//! arenas and appear here as ids; everything else is an immutable value.

use std::rc::Rc;

use crate::exceptions::ExcClass;

/// Index of a future (plain future, task or gather) in the runtime's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FutId(pub usize);
/// Index of a coroutine object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CoroId(pub usize);
/// Index of an exception instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExcId(pub usize);
/// Index of a set object (a Python `set` of futures, as `wait` returns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SetId(pub usize);

/// Builtin functions reachable by name in a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Print,
    Len,
    Repr,
    Str,
    IsInstance,
    Range,
    List,
    // asyncio.*
    Sleep,
    Gather,
    Wait,
    WaitFor,
    CreateTask,
    EnsureFuture,
    CurrentTask,
}

/// Methods bound to a future or task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Result,
    Exception,
    Done,
    Cancelled,
    Cancel,
    GetName,
    Cancelling,
    Uncancel,
}

#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    List(Rc<Vec<Value>>),
    Tuple(Rc<Vec<Value>>),
    Set(SetId),
    Exc(ExcId),
    ExcClass(ExcClass),
    Coro(CoroId),
    Future(FutId),
    /// A coroutine function defined by the scenario (index into its definitions).
    CoroFn(usize),
    Builtin(Builtin),
    Method(FutId, Method),
    /// The `asyncio` module.
    Asyncio,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// Python's name for the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Set(_) => "set",
            Value::Exc(_) => "exception",
            Value::ExcClass(_) => "type",
            Value::Coro(_) => "coroutine",
            Value::Future(_) => "Future",
            Value::CoroFn(_) | Value::Builtin(_) => "function",
            Value::Method(..) => "method",
            Value::Asyncio => "module",
        }
    }
}

/// `repr()` of a Python `str`: single quotes unless the text holds a single quote and no double.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr()` of a Python `float`: the shortest string that round-trips, in fixed notation when
/// the decimal point falls within 16 digits and scientific otherwise (`1e-05`, `1e+16`), as
/// CPython's `float_repr_style = 'short'` does.
pub fn repr_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: d.ddde<exp>.
    let sci = format!("{:e}", x.abs());
    let (mant, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let decpt = exp + 1; // value = 0.d1d2... * 10^decpt
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
        } else if (decpt as usize) >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(decpt as usize - digits.len()))
        } else {
            let (a, b) = digits.split_at(decpt as usize);
            format!("{a}.{b}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let e = decpt - 1;
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        format!("{}e{}{:02}", mant, if e < 0 { '-' } else { '+' }, e.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings are CPython's own `repr()` output.
    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (0.5, "0.5"),
            (100.0, "100.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (123456789.125, "123456789.125"),
            (1.5e-7, "1.5e-07"),
            (1e22, "1e+22"),
        ];
        for (x, want) in cases {
            assert_eq!(repr_float(x), want, "repr({x:?})");
        }
    }

    #[test]
    fn str_repr_matches_cpython() {
        assert_eq!(repr_str("boom"), "'boom'");
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(repr_str("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(repr_str("x\ny"), "'x\\ny'");
        assert_eq!(repr_str(""), "''");
    }
}
