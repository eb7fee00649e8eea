//! The narrow interface through which the language (`crate::lang`) reaches asyncio.
//!
//! **Why a single door:** the language must not know what a Task is. CPython keeps the
//! same layering: `Objects/` and `Python/` know nothing of `Lib/asyncio/`, which reaches the
//! interpreter only through the object protocols. Here the language needs exactly seven things
//! from asyncio, each listed below; everything else in `crate::asyncio` is private to it.
//! The test `lang_reaches_asyncio_only_through_interface` (model/tests/layering.rs) fails if
//! a file under `lang/` names any other part of `crate::asyncio`.

use std::rc::Rc;

use crate::lang::object::{Args, Module};
use crate::lang::source::SourceFile;
use crate::lang::value::{FutId, PyResult};
use crate::runtime::Runtime;

use super::futures::FutKind;

/// A coroutine whose body is asyncio's native code (the C-implemented awaitables such as
/// `sleep(0)`'s bare yield): the language's coroutine objects carry it and resume it.
pub use super::natives::Native;

/// The `asyncio` module object, built on first import.
pub fn module(rt: &mut Runtime) -> Rc<Module> {
    super::module(rt)
}

/// Whether a source file is aiospec's own asyncio Python (`asyncio/py/*.py`): its frames
/// are shown as CPython's lines in tracebacks, and it may read asyncio objects' private
/// attributes (SPEC M1).
pub fn is_prelude(src: &SourceFile) -> bool {
    super::prelude::is_prelude(src)
}

/// `asyncio.Future(...)` called as a class.
pub fn construct_future(rt: &mut Runtime, args: Args) -> PyResult {
    super::future_api::construct_future(rt, args)
}

/// `asyncio.Task(...)` called as a class.
pub fn construct_task(rt: &mut Runtime, args: Args) -> PyResult {
    super::construct_task(rt, args)
}

/// Which of asyncio's future classes a future object is, as `type()` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutureClass {
    /// `asyncio.Future`.
    Future,
    /// `asyncio.Task`.
    Task,
    /// `asyncio.tasks._GatheringFuture`.
    GatheringFuture,
}

/// The class of future `f`.
pub fn future_class(rt: &Runtime, f: FutId) -> FutureClass {
    match rt.futs[f.0].kind {
        FutKind::Plain => FutureClass::Future,
        FutKind::Task(_) => FutureClass::Task,
        FutKind::Gathering(_) => FutureClass::GatheringFuture,
    }
}

/// How a chooser names future `f` in a set order CPython recorded (the harness names them
/// the same way): a task by its creation number (3,000,000 for one not numbered: made by
/// `Task(...)` itself, or in its eager step), a gathering future by 1,000,000 plus its
/// number, a plain future by 2,000,000 plus its index.
pub fn future_key(rt: &Runtime, f: FutId) -> u64 {
    match &rt.futs[f.0].kind {
        FutKind::Task(d) if d.seq == 0 => 3_000_000,
        FutKind::Task(d) => d.seq,
        FutKind::Gathering(g) => 1_000_000 + rt.gathers[*g].id as u64,
        FutKind::Plain => 2_000_000 + f.0 as u64,
    }
}
