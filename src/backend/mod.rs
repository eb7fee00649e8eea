//! The implementation backend: scenario programs run on `aiospec-impl` as real futures, on a
//! chosen runtime, and emit the model's trace format (issue 5, SPEC C1–C3).
//!
//! An interpreter walks the scenario's statements as async Rust: a coroutine call is a lazy
//! coroutine object, `await` of one runs it inline, `create_task`, `gather`, `wait`,
//! `wait_for`, `sleep`, `TaskGroup`, `timeout`, `shield` and `as_completed` are
//! aiospec-impl's. The implementation follows the asyncio of
//! Python 3.11 (the reference version of the comparison: see `REFERENCE`).
//!
//! Scenarios using what the backend does not support return `Err(Unsupported)`, and the
//! suite counts them as skipped rather than passed.
//!
//! The files are split by concern, each one read against a different source of truth:
//!
//! - `lower.rs` (with `ast.rs`): a program lowered to the subset the interpreter runs;
//!   `exceptions.rs`: the exception classes and their hierarchy per Python version.
//! - `driver.rs`: running a program on a runtime: `asyncio.run` and its shutdown
//!   (SPEC X2–X4), against asyncio's `runners.py`.
//! - `runtime.rs`: the runtimes, their conformance levels and their clocks.
//! - `interp.rs`: the interpreter's state, coroutines run as tasks, and `await`.
//! - `eval.rs`: statements and expressions: Python's semantics, not asyncio's.
//! - `builtins.rs`: Python's builtins and asyncio's API (`create_task`, `gather`, `wait`,
//!   `wait_for`, `sleep`) and future methods, against asyncio's `tasks.py`.
//! - `structured.rs`: `async with asyncio.TaskGroup()`, `asyncio.timeout`/`timeout_at`,
//!   `shield` and `as_completed`, against `taskgroups.py`, `timeouts.py` and `tasks.py`.
//! - `value.rs`: values and coroutine objects, and how they print as CPython prints them.
//! - `trace.rs`: trace emission, against the model's trace format.
//!
//! All of them but the public API below are private to the backend; the interpreter (`Interp`)
//! is one type whose methods are spread over `interp.rs`, `eval.rs`, `builtins.rs`,
//! `runtime.rs` and `trace.rs`.

use std::fmt;

use aiospec_model::PyVersion;

pub mod ast;
pub mod exceptions;
pub mod lower;

mod builtins;
mod driver;
mod eval;
mod interp;
mod runtime;
mod structured;
mod trace;
mod value;

pub use driver::{run, run_with_info, RunInfo};
pub use runtime::{Runtime, MULTI_THREAD_MAX_SLEEP, TIME_SCALE, TURN_RULES, WORKERS};
pub use value::PyExc;

/// The Python version whose asyncio aiospec-impl follows.
pub const REFERENCE: PyVersion = PyVersion::new(11);

/// A scenario feature the backend does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not supported by the implementation backend: {}", self.0)
    }
}
