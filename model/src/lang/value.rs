//! Python values.
//!
//! Immutable values (numbers, strings, tuples) are held by value or behind an `Rc`; mutable
//! objects with identity (lists, dicts, sets, instances, exceptions) are `Rc<RefCell<..>>`,
//! so `is` is pointer identity and aliasing behaves as in CPython. asyncio's own objects
//! (futures, tasks, coroutines) live in the runtime's arenas and appear here as ids.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use super::dict::Dict;
use super::object::{Class, Function, Instance, Module, NativeFn, NativeObj};
use super::set::PySet;

/// Index of a future (plain future, task or gather) in the runtime's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FutId(pub usize);
/// Index of a coroutine, generator or async generator object in the runtime's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CoroId(pub usize);

/// An exception object: an instance of a class deriving from `BaseException`.
pub type Exc = Rc<Instance>;

/// What evaluating something gives: a value, or the exception it raised.
pub type PyResult<T = Value> = Result<T, Exc>;

/// A closure cell.
pub type Cell = Rc<RefCell<Option<Value>>>;

#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int that does not fit in i64 (never holds one that does).
    Long(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Tuple(Rc<Vec<Value>>),
    List(Rc<RefCell<Vec<Value>>>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<PySet>>),
    FrozenSet(Rc<PySet>),
    Range(Rc<RangeObj>),
    Slice(Rc<[Value; 3]>),
    Ellipsis,
    NotImplemented,
    /// A function defined by the program (`def`, `async def`, `lambda`).
    Function(Rc<Function>),
    /// A builtin function, or a builtin method bound to its object.
    Native(Rc<NativeFn>),
    /// A function bound to an object: `(function, self)`.
    Method(Rc<(Value, Value)>),
    Class(Rc<Class>),
    /// An instance of a class the program defined, or an exception.
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    /// A builtin iterator (list_iterator, enumerate, zip, map, ...).
    Iter(Rc<RefCell<super::iter::Iter>>),
    /// A coroutine, generator or async generator object.
    Coro(CoroId),
    /// A closure cell, only ever on a frame's stack while a closure is built.
    Cell(Cell),
    Future(FutId),
    /// Other builtin objects: property, staticmethod, dict views, the loop, handles, ...
    Obj(Rc<NativeObj>),
}

/// `range(start, stop, step)`. Bounds beyond i64 are refused by the constructor.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    /// `len(range)`, or None when it does not fit in `Py_ssize_t`.
    /// Is the range empty? (`len` is None only for lengths beyond 64 bits, never empty.)
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    pub fn len(&self) -> Option<u64> {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        if n > i64::MAX as i128 {
            None
        } else {
            Some(n as u64)
        }
    }

    pub fn get(&self, i: u64) -> i64 {
        (self.start as i128 + i as i128 * self.step as i128) as i64
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// An int from a BigInt, normalised to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Long(Rc::new(b)),
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The exception object, if this value is one.
    pub fn as_exc(&self) -> Option<&Exc> {
        match self {
            Value::Instance(i) if i.exc.is_some() => Some(i),
            _ => None,
        }
    }

    /// An int as a BigInt (bools count as ints), or None.
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Value::Bool(b) => Some(BigInt::from(*b as i64)),
            Value::Int(i) => Some(BigInt::from(*i)),
            Value::Long(b) => Some((**b).clone()),
            _ => None,
        }
    }

    /// Identity (`is`) where it is defined by the object: None if the answer depends on
    /// CPython's caching of immutable objects (ints outside -5..=256, strings, floats,
    /// tuples), which the model does not decide.
    pub fn is_same(&self, other: &Value) -> Option<bool> {
        use Value::*;
        Some(match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) if (-5..=256).contains(a) && (-5..=256).contains(b) => a == b,
            (
                Int(_) | Long(_) | Float(_) | Str(_) | Tuple(_),
                Int(_) | Long(_) | Float(_) | Str(_) | Tuple(_),
            )
            | (FrozenSet(_) | Range(_) | Slice(_), FrozenSet(_) | Range(_) | Slice(_)) => {
                if same_kind(self, other) {
                    return Option::None;
                }
                false
            }
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) => Rc::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Native(a), Native(b)) => Rc::ptr_eq(a, b),
            (Method(_), Method(_)) => return Option::None,
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Rc::ptr_eq(a, b),
            (Module(a), Module(b)) => Rc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Rc::ptr_eq(a, b),
            (Coro(a), Coro(b)) => a == b,
            (Cell(a), Cell(b)) => Rc::ptr_eq(a, b),
            (Future(a), Future(b)) => a == b,
            (Obj(a), Obj(b)) => match (&**a, &**b) {
                // The loop and its handles are one object each, however often a program
                // reaches them.
                (super::object::NativeObj::Loop(x), super::object::NativeObj::Loop(y)) => x == y,
                (super::object::NativeObj::Handle(x), super::object::NativeObj::Handle(y)) => {
                    x == y
                }
                _ => Rc::ptr_eq(a, b),
            },
            _ => false,
        })
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
        || matches!(
            (a, b),
            (
                Value::Int(_) | Value::Long(_),
                Value::Int(_) | Value::Long(_)
            )
        )
}
/// Freeing a value never recurses once per level of nesting: a list nested a million deep
/// (`l = [l]` in a loop), a linked list of a million instances, would overflow the Rust
/// stack (SPEC M3). As CPython's "trashcan" does, a container freed while another is being
/// freed hands its contents to a queue, which the outermost free empties in a loop.
impl Drop for Value {
    fn drop(&mut self) {
        let Some(kids) = self.take_contents_if_last() else {
            return;
        };
        if kids.is_empty() {
            return;
        }
        thread_local! {
            static TRASH: RefCell<Option<Vec<Value>>> = const { RefCell::new(None) };
        }
        // Inside a free already: queue the contents for it.
        let queued = TRASH
            .try_with(|t| match t.try_borrow_mut() {
                Ok(mut t) => match t.as_mut() {
                    Some(q) => {
                        q.extend(kids);
                        None
                    }
                    None => {
                        *t = Some(Vec::new());
                        Some(kids)
                    }
                },
                Err(_) => Some(kids),
            })
            .unwrap_or(None);
        // The outermost free: drop queued values one at a time (each queues its own).
        let Some(mut todo) = queued else { return };
        loop {
            while let Some(v) = todo.pop() {
                drop(v);
            }
            let more = TRASH
                .try_with(|t| t.borrow_mut().as_mut().map(std::mem::take))
                .ok()
                .flatten()
                .unwrap_or_default();
            if more.is_empty() {
                break;
            }
            todo = more;
        }
        let _ = TRASH.try_with(|t| *t.borrow_mut() = None);
    }
}

impl Value {
    /// The values this one holds, taken out of it when this is the last reference to a
    /// container (so that freeing it frees them).
    fn take_contents_if_last(&mut self) -> Option<Vec<Value>> {
        fn values<K>(m: indexmap::IndexMap<K, (Value, Value)>) -> Vec<Value> {
            m.into_values().flat_map(|(k, v)| [k, v]).collect()
        }
        match self {
            Value::List(l) if Rc::strong_count(l) == 1 => {
                Some(std::mem::take(&mut *l.try_borrow_mut().ok()?))
            }
            Value::Tuple(t) => Rc::get_mut(t).map(std::mem::take),
            Value::Dict(d) if Rc::strong_count(d) == 1 => {
                Some(values(std::mem::take(&mut d.try_borrow_mut().ok()?.map)))
            }
            Value::Set(s) if Rc::strong_count(s) == 1 => {
                let map = std::mem::take(&mut s.try_borrow_mut().ok()?.map);
                Some(map.into_values().map(|(_, m)| m).collect())
            }
            Value::FrozenSet(s) => {
                let map = std::mem::take(&mut Rc::get_mut(s)?.map);
                Some(map.into_values().map(|(_, m)| m).collect())
            }
            Value::Method(m) => {
                let m = Rc::get_mut(m)?;
                Some(vec![
                    std::mem::replace(&mut m.0, Value::None),
                    std::mem::replace(&mut m.1, Value::None),
                ])
            }
            Value::Instance(i) => {
                let i = Rc::get_mut(i)?;
                let mut out: Vec<Value> = std::mem::take(i.dict.get_mut()).into_values().collect();
                if let Some(e) = i.exc.as_mut() {
                    let e = std::mem::take(e.get_mut());
                    out.extend(e.args.iter().cloned());
                    out.extend(e.cause.map(Value::Instance));
                    out.extend(e.context.map(Value::Instance));
                    out.extend(e.notes);
                }
                Some(out)
            }
            Value::Iter(it) if Rc::strong_count(it) == 1 => {
                let mut it = it.try_borrow_mut().ok()?;
                let name = it.type_name();
                let old = std::mem::replace(&mut *it, super::iter::Iter::Exhausted { name });
                Some(old.into_values())
            }
            Value::Cell(c) if Rc::strong_count(c) == 1 => {
                Some(c.try_borrow_mut().ok()?.take().into_iter().collect())
            }
            _ => None,
        }
    }
}
