//! Arithmetic: `+ - * / // % ** << >> & | ^ @`, unary operators and augmented assignment,
//! on ints of any size, floats (CPython's own `//`, `%`, `**`, via `num/`), strings,
//! sequences, sets, dicts, and classes defining the special methods.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::code::{BinOp, UnaryOp};
use super::exceptions::E;
use super::num::{self, NumError};
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// Raise what a numeric helper reported, in CPython's words.
    pub fn num_error(&mut self, e: NumError) -> super::value::Exc {
        match e {
            NumError::ZeroDivision(m) => self.err(E::ZeroDivisionError, &m),
            NumError::Overflow(m) => self.err(E::OverflowError, &m),
            NumError::Value(m) => self.err(E::ValueError, &m),
            NumError::Memory => self.refuse("a number or string too large for the model (CPython would need gigabytes or raise MemoryError)"),
            NumError::Complex => self.refuse("complex numbers"),
        }
    }

    /// Refuse values larger than the model's size budget (SPEC M4).
    /// `check_size` for an object built in one go (a concatenation, a repetition, an
    /// f-string, a format, a repr), which also costs a step per KiB (SPEC M4): a loop that
    /// builds megabyte strings ends at the step budget before it exhausts memory.
    pub fn check_built(&mut self, n: usize) -> PyResult<()> {
        self.check_size(n)?;
        if n >= 1024 && !self.tick_n(n as u64 / 1024) {
            return Err(self.refusal_exc());
        }
        Ok(())
    }

    pub fn check_size(&mut self, n: usize) -> PyResult<()> {
        if n > self.config.max_size {
            return Err(self.refuse(format!(
                "an object of {n} items or bytes (the model's limit is {})",
                self.config.max_size
            )));
        }
        Ok(())
    }

    /// Is `v` a number arithmetic takes (bool, int, float)?
    fn is_num(v: &Value) -> bool {
        matches!(
            v,
            Value::Bool(_) | Value::Int(_) | Value::Long(_) | Value::Float(_)
        )
    }

    /// A number for arithmetic with the loop clock; other types raise the TypeError CPython's
    /// comparison (`delay <= 0`) or addition (`loop.time() + timeout`) would.
    pub fn as_number(&mut self, v: &Value, op: &str) -> PyResult<f64> {
        match self.to_f64(v)? {
            Some(f) => Ok(f),
            None => {
                let tn = self.type_name(v);
                let msg = if op == "+" {
                    format!("unsupported operand type(s) for +: 'float' and '{tn}'")
                } else {
                    format!("'{op}' not supported between instances of '{tn}' and 'int'")
                };
                Err(self.err(E::TypeError, &msg))
            }
        }
    }

    /// An int or float as f64 for mixed arithmetic (OverflowError for huge ints).
    pub fn to_f64(&mut self, v: &Value) -> PyResult<Option<f64>> {
        Ok(match v {
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Int(i) if i.unsigned_abs() < (1u64 << 53) => Some(*i as f64),
            Value::Int(i) => {
                Some(num::float::from_bigint(&BigInt::from(*i)).map_err(|e| self.num_error(e))?)
            }
            Value::Long(b) => Some(num::float::from_bigint(b).map_err(|e| self.num_error(e))?),
            Value::Float(f) => Some(*f),
            _ => None,
        })
    }

    fn int_result(&mut self, b: BigInt) -> PyResult {
        if b.bits() > (self.config.max_size as u64) * 4 {
            return Err(self.num_error(NumError::Memory));
        }
        if !self.charge_bits(b.bits()) {
            return Err(self.refusal_exc());
        }
        Ok(Value::from_bigint(b))
    }

    /// One step per 256 bits of big-int data touched (ints of up to 256 bits are free).
    fn charge_bits(&mut self, bits: u64) -> bool {
        bits < 256 || self.tick_n(bits / 256)
    }

    /// `a op b` for two ints (bools included).
    fn int_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let small = |v: &Value| match v {
            Value::Bool(b) => Some(*b as i64),
            Value::Int(i) => Some(*i),
            _ => None,
        };
        if let (Some(x), Some(y)) = (small(a), small(b)) {
            let fast = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                BinOp::And => Some(x & y),
                BinOp::Or => Some(x | y),
                BinOp::Xor => Some(x ^ y),
                BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
                    let q = x / y;
                    Some(if (x % y != 0) && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    })
                }
                BinOp::Mod if y != 0 && !(x == i64::MIN && y == -1) => {
                    let r = x % y;
                    Some(if r != 0 && ((r < 0) != (y < 0)) {
                        r + y
                    } else {
                        r
                    })
                }
                BinOp::Div
                    if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) =>
                {
                    return Ok(Some(Value::Float(x as f64 / y as f64)));
                }
                _ => None,
            };
            if let Some(r) = fast {
                return Ok(Some(Value::Int(r)));
            }
        }
        let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) else {
            return Ok(None);
        };
        // Big-int work costs steps in proportion to the operands' size (SPEC M4), so the
        // step budget bounds the time of a program that computes `10 ** 1048576` at every
        // level of a deep recursion (a fuzz input that ran for hours within 200,000 steps).
        if !self.charge_bits(x.bits() + y.bits()) {
            return Err(self.refusal_exc());
        }
        let minor = self.v.minor();
        let r = match op {
            BinOp::Add => Ok(x + y),
            BinOp::Sub => Ok(x - y),
            BinOp::Mul => {
                let bits = x.bits() + y.bits();
                if bits > (self.config.max_size as u64) * 4 {
                    return Err(self.num_error(NumError::Memory));
                }
                Ok(x * y)
            }
            BinOp::Div => {
                return num::float::int_true_div(&x, &y)
                    .map(|f| Some(Value::Float(f)))
                    .map_err(|e| self.num_error(e))
            }
            BinOp::FloorDiv => num::int::floordiv(&x, &y),
            BinOp::Mod => num::int::modulo(&x, &y, minor),
            BinOp::Pow => {
                // The result's size is known before the work: charge it first, so that a
                // power the budget cannot afford is never computed.
                let e = y.to_u64().unwrap_or(0);
                if !self.charge_bits(x.bits().saturating_sub(1).saturating_mul(e)) {
                    return Err(self.refusal_exc());
                }
                return match num::int::pow(&x, &y) {
                    Ok(num::int::PowResult::Int(i)) => self.int_result(i).map(Some),
                    Ok(num::int::PowResult::Float(f)) => Ok(Some(Value::Float(f))),
                    Err(e) => Err(self.num_error(e)),
                };
            }
            BinOp::LShift => num::int::lshift(&x, &y),
            BinOp::RShift => num::int::rshift(&x, &y),
            BinOp::And => Ok(num::int::bitand(&x, &y)),
            BinOp::Or => Ok(num::int::bitor(&x, &y)),
            BinOp::Xor => Ok(num::int::bitxor(&x, &y)),
            BinOp::MatMul => return Ok(None),
        };
        match r {
            Ok(i) => self.int_result(i).map(Some),
            Err(e) => Err(self.num_error(e)),
        }
    }

    /// `a op b` when one side is a float.
    fn float_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let (true, true) = (Self::is_num(a), Self::is_num(b)) else {
            return Ok(None);
        };
        if !matches!(a, Value::Float(_)) && !matches!(b, Value::Float(_)) {
            return Ok(None);
        }
        let x = self.to_f64(a)?.expect("a number");
        let y = self.to_f64(b)?.expect("a number");
        let minor = self.v.minor();
        let r = match op {
            BinOp::Add => Ok(x + y),
            BinOp::Sub => Ok(x - y),
            BinOp::Mul => Ok(x * y),
            BinOp::Div => num::float::truediv(x, y),
            BinOp::FloorDiv => num::float::floordiv(x, y, minor),
            BinOp::Mod => num::float::modulo(x, y, minor),
            BinOp::Pow => num::float::pow(x, y),
            _ => return Ok(None),
        };
        r.map(|f| Some(Value::Float(f)))
            .map_err(|e| self.num_error(e))
    }

    /// `a op b`.
    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        if let Some(v) = self.builtin_binary(op, a, b)? {
            return Ok(v);
        }
        // User classes: a.__op__(b), then b.__rop__(a).
        let (fwd, rev, _) = op.dunder();
        if let Some(v) = self.try_dunder(a, fwd, b)? {
            return Ok(v);
        }
        if let Some(v) = self.try_dunder(b, rev, a)? {
            return Ok(v);
        }
        Err(self.binary_type_error(op, a, b))
    }

    /// Augmented assignment: `__iop__` first (lists extend in place), then `a op b`.
    pub fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        match (op, a) {
            (BinOp::Add, Value::List(l)) => {
                let items = self.iterate(b).map_err(|e| {
                    let _ = e;
                    let tn = self.type_name(b);
                    self.err(E::TypeError, &format!("'{tn}' object is not iterable"))
                })?;
                let n = l.borrow().len().saturating_add(items.len());
                self.check_size(n)?;
                l.borrow_mut().extend(items);
                return Ok(a.clone());
            }
            (BinOp::Mul, Value::List(l)) => {
                let Some(n) = self.repeat_count(b)? else {
                    return Err(self.binary_type_error(op, a, b));
                };
                let items = l.borrow().clone();
                self.check_built(items.len().saturating_mul(n))?;
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                *l.borrow_mut() = out;
                return Ok(a.clone());
            }
            (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Value::Set(_))
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) =>
            {
                let r = self.binary(op, a, b)?;
                self.set_replace_contents(a, &r)?;
                return Ok(a.clone());
            }
            (BinOp::Or, Value::Dict(_)) if self.v.minor() >= 9 => {
                self.dict_update_from(a, b, None)?;
                return Ok(a.clone());
            }
            _ => {}
        }
        let (_, _, iop) = op.dunder();
        if let Value::Instance(_) = a {
            if let Some(v) = self.try_dunder(a, iop, b)? {
                return Ok(v);
            }
        }
        self.binary(op, a, b)
    }

    /// Call `obj.name(arg)` if the class defines it; None for NotImplemented or absence.
    fn try_dunder(&mut self, obj: &Value, name: &str, arg: &Value) -> PyResult<Option<Value>> {
        if !matches!(obj, Value::Instance(i) if i.class.tag.is_none()) {
            return Ok(None);
        }
        let Some(m) = self.lookup_special(obj, name) else {
            return Ok(None);
        };
        let r = self.call_value(&m, vec![arg.clone()])?;
        Ok(if matches!(r, Value::NotImplemented) {
            None
        } else {
            Some(r)
        })
    }

    fn repeat_count(&mut self, v: &Value) -> PyResult<Option<usize>> {
        Ok(match v {
            Value::Bool(b) => Some(*b as usize),
            Value::Int(i) => Some((*i).max(0) as usize),
            Value::Long(b) => {
                if b.is_negative() {
                    Some(0)
                } else {
                    return Err(self.err(
                        E::OverflowError,
                        "cannot fit 'int' into an index-sized integer",
                    ));
                }
            }
            _ => None,
        })
    }

    fn builtin_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Some(v) = self.int_binary(op, a, b)? {
            return Ok(Some(v));
        }
        if let Some(v) = self.float_binary(op, a, b)? {
            return Ok(Some(v));
        }
        Ok(match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                self.check_built(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Some(Value::str(&s))
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                self.check_built(x.borrow().len() + y.borrow().len())?;
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Some(Value::list(v))
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                self.check_built(x.len() + y.len())?;
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                Some(Value::tuple(v))
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => {
                match self.repeat_count(b)? {
                    Some(n) => Some(self.repeat(a, n)?),
                    None => None,
                }
            }
            (BinOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                match self.repeat_count(a)? {
                    Some(n) => Some(self.repeat(b, n)?),
                    None => None,
                }
            }
            (BinOp::Mod, Value::Str(fmt), _) => Some(Value::str(&self.percent_format(fmt, b)?)),
            (
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
                Value::Set(_) | Value::FrozenSet(_),
                Value::Set(_) | Value::FrozenSet(_),
            ) => Some(self.set_binary(op, a, b)?),
            (BinOp::Or, Value::Dict(x), Value::Dict(_)) if self.v.minor() >= 9 => {
                let d = Value::Dict(Rc::new(std::cell::RefCell::new(x.borrow().clone())));
                self.dict_update_from(&d, b, None)?;
                Some(d)
            }
            _ => None,
        })
    }

    fn repeat(&mut self, seq: &Value, n: usize) -> PyResult {
        match seq {
            Value::Str(s) => {
                self.check_built(s.len().saturating_mul(n))?;
                Ok(Value::str(&s.repeat(n)))
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                self.check_built(items.len().saturating_mul(n))?;
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                Ok(Value::list(out))
            }
            Value::Tuple(t) => {
                self.check_built(t.len().saturating_mul(n))?;
                let mut out = Vec::with_capacity(t.len() * n);
                for _ in 0..n {
                    out.extend(t.iter().cloned());
                }
                Ok(Value::tuple(out))
            }
            _ => unreachable!("repeat of a sequence"),
        }
    }

    fn binary_type_error(&mut self, op: BinOp, a: &Value, b: &Value) -> super::value::Exc {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        let msg = match (op, a) {
            (BinOp::Add, Value::Str(_)) => {
                format!("can only concatenate str (not \"{tb}\") to str")
            }
            (BinOp::Add, Value::List(_)) => {
                format!("can only concatenate list (not \"{tb}\") to list")
            }
            (BinOp::Add, Value::Tuple(_)) => {
                format!("can only concatenate tuple (not \"{tb}\") to tuple")
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                format!("can't multiply sequence by non-int of type '{tb}'")
            }
            (BinOp::Mul, _) if matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                format!("can't multiply sequence by non-int of type '{ta}'")
            }
            (BinOp::Pow, _) => {
                format!("unsupported operand type(s) for ** or pow(): '{ta}' and '{tb}'")
            }
            _ => format!(
                "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
                op.symbol()
            ),
        };
        self.err(E::TypeError, &msg)
    }

    /// `-x`, `+x`, `not x`, `~x`.
    pub fn unary(&mut self, op: UnaryOp, v: &Value) -> PyResult {
        match (op, v) {
            (UnaryOp::Not, _) => return Ok(Value::Bool(!self.truthy(v)?)),
            (UnaryOp::Neg, Value::Bool(b)) => return Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Int(i)) => {
                return Ok(match i.checked_neg() {
                    Some(n) => Value::Int(n),
                    None => Value::from_bigint(-BigInt::from(*i)),
                })
            }
            (UnaryOp::Neg, Value::Long(b)) => return Ok(Value::from_bigint(-(**b).clone())),
            (UnaryOp::Neg, Value::Float(f)) => return Ok(Value::Float(-f)),
            (UnaryOp::Pos, Value::Bool(b)) => return Ok(Value::Int(*b as i64)),
            (UnaryOp::Pos, Value::Int(_) | Value::Long(_) | Value::Float(_)) => {
                return Ok(v.clone())
            }
            (UnaryOp::Invert, Value::Bool(_)) if self.v.minor() >= 12 => {
                // 3.12+ warn (DeprecationWarning), at compile time when the operand is a
                // constant (once, however often the line runs) and at each evaluation
                // otherwise: the model does not follow that, so it refuses.
                return Err(self.refuse("'~' on a bool (3.12+ warn that it is deprecated)"));
            }
            (UnaryOp::Invert, Value::Bool(_) | Value::Int(_) | Value::Long(_)) => {
                let b = v.as_bigint().expect("an int");
                return Ok(Value::from_bigint(num::int::invert(&b)));
            }
            _ => {}
        }
        let name = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Not => unreachable!("handled above"),
        };
        if let Value::Instance(_) = v {
            if let Some(m) = self.lookup_special(v, name) {
                return self.call_value(&m, vec![]);
            }
        }
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            _ => "~",
        };
        let tn = self.type_name(v);
        Err(self.err(
            E::TypeError,
            &format!("bad operand type for unary {sym}: '{tn}'"),
        ))
    }

    /// `operator.index(v)`: an int (bools included) as i64, or the TypeError CPython raises
    /// where an integer is required (`None` when it does not fit: the caller decides).
    pub fn index_i64(&mut self, v: &Value) -> PyResult<Option<i64>> {
        match v {
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::Int(i) => Ok(Some(*i)),
            Value::Long(_) => Ok(None),
            other => {
                let tn = self.type_name(other);
                Err(self.err(
                    E::TypeError,
                    &format!("'{tn}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    /// The sign of an int value (for Long indices out of range).
    pub fn int_is_negative(v: &Value) -> bool {
        match v {
            Value::Int(i) => *i < 0,
            Value::Long(b) => b.is_negative(),
            _ => false,
        }
    }

    /// Is the value a zero int?
    pub fn is_zero_int(v: &Value) -> bool {
        match v {
            Value::Int(i) => *i == 0,
            Value::Long(b) => b.is_zero(),
            Value::Bool(b) => !*b,
            _ => false,
        }
    }

    /// An int as usize if it fits (for sizes).
    pub fn as_usize(v: &Value) -> Option<usize> {
        match v {
            Value::Int(i) => (*i).to_usize(),
            Value::Bool(b) => Some(*b as usize),
            _ => None,
        }
    }
}
