//! The values the interpreter computes with: Python objects as far as scenario programs use
//! them (numbers, strings, lists, tuples, sets, exceptions and their classes), coroutine objects
//! not yet awaited, asyncio's own coroutines (`sleep`, `wait`, `wait_for`) before they are
//! awaited, and handles on aiospec-impl's tasks and gathers; with `repr`, `str`, truth, and the
//! mapping between Python exceptions and aiospec-impl's [`Raised`].
//!
//! Apart because every other file uses them and none of them needs the interpreter: this is
//! the one place that says how a Rust value prints as CPython prints it.

use std::fmt;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use aiospec_impl as imp;
use aiospec_model::lang::num::float::repr as repr_float;
use aiospec_model::lang::repr::repr_str;
use imp::Raised;

use super::exceptions::ExcClass;

#[derive(Clone)]
pub struct PyExc {
    pub(super) class: ExcClass,
    pub(super) args: Vec<V>,
}

pub(super) type Fut = imp::AioFuture<V, PyExc>;
pub(super) type R<T> = Result<T, Raised<PyExc>>;

#[derive(Clone)]
pub(super) enum FutRef {
    Task(imp::Task<V, PyExc>),
    Gather(imp::Gather<V, PyExc>),
    /// A plain future: `asyncio.shield`'s outer future.
    Future(Fut),
}

pub(super) enum NativeCall {
    Wait {
        fs: V,
        timeout: V,
        return_when: V,
    },
    WaitFor {
        aw: V,
        timeout: V,
    },
    /// What iterating `as_completed` yields before 3.13: `_wait_for_one()`, the next result.
    AsCompletedNext(AsCompletedRef),
}

/// `as_completed`'s iterator, taken out while one of its items is awaited.
pub(super) type AsCompletedRef = Arc<std::sync::Mutex<Option<imp::AsCompleted<V, PyExc>>>>;

/// asyncio objects other than futures: the running loop, context managers before and after
/// `async with` enters them, `as_completed`'s iterator.
#[derive(Clone)]
pub(super) enum Obj {
    /// `asyncio.get_running_loop()`.
    Loop,
    /// `asyncio.TaskGroup()`: the group once `async with` has entered it.
    NewTaskGroup(Arc<std::sync::OnceLock<imp::TaskGroup<PyExc>>>),
    /// `asyncio.timeout(d)` / `timeout_at(when)`: the deadline on the loop's clock, in
    /// seconds (None: no deadline), and whether `async with` has entered it.
    NewTimeout(Option<f64>, Arc<AtomicBool>),
    TaskGroup(imp::TaskGroup<PyExc>),
    Timeout(imp::Timeout),
    AsCompleted(AsCompletedRef),
}

pub(super) struct CoroObj {
    pub(super) def: usize,
    pub(super) args: Vec<V>,
    pub(super) started: AtomicBool,
    pub(super) label: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Builtin {
    Print,
    Len,
    Repr,
    Str,
    IsInstance,
    Range,
    List,
    Sleep,
    Gather,
    Wait,
    WaitFor,
    CreateTask,
    CurrentTask,
    TaskGroup,
    Timeout,
    TimeoutAt,
    Shield,
    AsCompleted,
    GetRunningLoop,
}

#[derive(Clone)]
pub(super) enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    List(Arc<Vec<V>>),
    Tuple(Arc<Vec<V>>),
    Set(Arc<Vec<V>>),
    Exc(Arc<PyExc>),
    Class(ExcClass),
    Coro(Arc<CoroObj>),
    /// `asyncio.sleep(delay)` not yet awaited.
    SleepCoro(f64),
    /// `asyncio.wait(...)` / `asyncio.wait_for(...)` not yet awaited.
    Native(Arc<NativeCall>),
    Fut(FutRef),
    Func(usize),
    Builtin(Builtin),
    Method(FutRef, &'static str),
    Obj(Obj),
    /// A method of an `Obj`, bound.
    ObjMethod(Obj, &'static str),
}

impl fmt::Debug for V {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repr(self))
    }
}

pub(super) fn repr(v: &V) -> String {
    match v {
        V::None => "None".into(),
        V::Bool(true) => "True".into(),
        V::Bool(false) => "False".into(),
        V::Int(i) => i.to_string(),
        V::Float(x) => repr_float(*x),
        V::Str(s) => repr_str(s),
        V::List(l) => format!("[{}]", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Tuple(l) if l.len() == 1 => format!("({},)", repr(&l[0])),
        V::Tuple(l) => format!("({})", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Set(l) if l.is_empty() => "set()".into(),
        V::Set(l) => format!("{{{}}}", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Exc(e) => exc_repr(e),
        V::Class(c) => format!("<class '{}'>", c.name()),
        V::Coro(c) => format!("<coroutine object {}>", c.label),
        V::SleepCoro(_) => "<coroutine object sleep>".into(),
        V::Native(_) => "<coroutine object>".into(),
        V::Fut(_) => "<future>".into(),
        V::Func(_) | V::Builtin(_) | V::Method(..) | V::ObjMethod(..) => "<function>".into(),
        V::Obj(Obj::TaskGroup(tg)) => format!("{tg:?}"),
        V::Obj(Obj::Timeout(t)) => format!("{t:?}"),
        V::Obj(_) => "<object>".into(),
    }
}

/// Is `v`, or something in it, an object whose repr the backend does not reproduce (a task,
/// future, coroutine, function or asyncio object: CPython's show addresses, source lines and
/// states)?
pub(super) fn opaque(v: &V) -> bool {
    match v {
        V::None | V::Bool(_) | V::Int(_) | V::Float(_) | V::Str(_) | V::Class(_) => false,
        V::List(l) | V::Tuple(l) | V::Set(l) => l.iter().any(opaque),
        V::Exc(e) => e.args.iter().any(opaque),
        V::Coro(_)
        | V::SleepCoro(_)
        | V::Native(_)
        | V::Fut(_)
        | V::Func(_)
        | V::Builtin(_)
        | V::Method(..)
        | V::Obj(_)
        | V::ObjMethod(..) => true,
    }
}

pub(super) fn exc_repr(e: &PyExc) -> String {
    format!(
        "{}({})",
        e.class.name(),
        e.args.iter().map(repr).collect::<Vec<_>>().join(", ")
    )
}

impl fmt::Debug for PyExc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exc_repr(self))
    }
}

impl fmt::Display for PyExc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exc_repr(self))
    }
}

pub(super) fn str_of(v: &V) -> String {
    match v {
        V::Str(s) => s.to_string(),
        V::Exc(e)
            if matches!(
                e.class,
                ExcClass::ExceptionGroup | ExcClass::BaseExceptionGroup
            ) =>
        {
            // BaseExceptionGroup.__str__: the message and the number of sub-exceptions.
            let n = match e.args.get(1) {
                Some(V::List(l)) => l.len(),
                _ => 0,
            };
            format!(
                "{} ({n} sub-exception{})",
                e.args.first().map(str_of).unwrap_or_default(),
                if n == 1 { "" } else { "s" }
            )
        }
        V::Exc(e) => match e.args.len() {
            0 => String::new(),
            1 if e.class == ExcClass::KeyError => repr(&e.args[0]),
            1 => str_of(&e.args[0]),
            _ => repr(&V::Tuple(Arc::new(e.args.clone()))),
        },
        other => repr(other),
    }
}

pub(super) fn truthy(v: &V) -> bool {
    match v {
        V::None => false,
        V::Bool(b) => *b,
        V::Int(i) => *i != 0,
        V::Float(f) => *f != 0.0,
        V::Str(s) => !s.is_empty(),
        V::List(l) | V::Tuple(l) | V::Set(l) => !l.is_empty(),
        _ => true,
    }
}

pub(super) fn exc(class: ExcClass, msg: &str) -> Raised<PyExc> {
    raise(PyExc {
        class,
        args: vec![V::Str(Arc::from(msg))],
    })
}

/// Raising a Python exception: a CancelledError is the task's cancellation.
pub(super) fn raise(e: PyExc) -> Raised<PyExc> {
    if e.class == ExcClass::CancelledError {
        let msg = e.args.first().map(str_of);
        return Raised::Cancelled(msg);
    }
    Raised::Error(e)
}

/// The exception object an `except` clause binds.
pub(super) fn to_exc(r: &Raised<PyExc>) -> PyExc {
    match r {
        Raised::Error(e) => e.clone(),
        Raised::Panic(m) => PyExc {
            class: ExcClass::RuntimeError,
            args: vec![V::Str(Arc::from(m.as_str()))],
        },
        Raised::Cancelled(None) => PyExc {
            class: ExcClass::CancelledError,
            args: vec![],
        },
        Raised::Cancelled(Some(m)) => PyExc {
            class: ExcClass::CancelledError,
            args: vec![V::Str(Arc::from(m.as_str()))],
        },
        Raised::Timeout => PyExc {
            class: ExcClass::TimeoutError,
            args: vec![],
        },
        Raised::InvalidState(m) => PyExc {
            class: ExcClass::InvalidStateError,
            args: vec![V::Str(Arc::from(*m))],
        },
    }
}

pub(super) fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(i) => Some(*i as f64),
        V::Float(f) => Some(*f),
        V::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}
