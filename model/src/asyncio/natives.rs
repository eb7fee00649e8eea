//! Coroutines that asyncio itself defines (`sleep`, `wait`, `wait_for`, `_cancel_and_wait`,
//! `__sleep0`, the shutdown coroutines of `asyncio.run`), written as explicit state machines.
//! Each state is a point where CPython's `async def` is suspended at an `await`.

use crate::asyncio::tasks::{sleep, wait, wait_for};
use crate::lang::gen::{Resume, Step};
use crate::lang::value::{CoroId, Value};
use crate::runtime::Runtime;

#[derive(Debug)]
pub enum Native {
    /// `tasks.__sleep0()`: a bare `yield`.
    Sleep0 {
        yielded: bool,
    },
    Sleep(sleep::SleepCoro),
    Wait(wait::WaitCoro),
    WaitFor(wait_for::WaitForCoro),
    CancelAndWait(wait_for::CancelAndWait),
    /// `loop.shutdown_asyncgens()` / `loop.shutdown_default_executor()` with nothing to shut
    /// down: they return at their first step, but still cost `asyncio.run` loop iterations.
    Trivial,
}

impl Runtime<'_> {
    pub fn native_resume(&mut self, c: CoroId, n: &mut Native, input: Resume) -> Step {
        match n {
            Native::Sleep0 { yielded } => match input {
                Resume::Throw(e) => {
                    if *yielded {
                        self.through_stdlib(&e, "tasks.__sleep0");
                    }
                    Step::Raise(e)
                }
                Resume::Send(_) if !*yielded => {
                    *yielded = true;
                    Step::Yield(Value::None)
                }
                Resume::Send(_) => Step::Return(Value::None),
            },
            Native::Sleep(s) => self.sleep_resume(c, s, input),
            Native::Wait(w) => self.wait_resume(c, w, input),
            Native::WaitFor(w) => self.wait_for_resume(c, w, input),
            Native::CancelAndWait(w) => self.cancel_and_wait_resume(c, w, input),
            Native::Trivial => match input {
                Resume::Throw(e) => Step::Raise(e),
                Resume::Send(_) => Step::Return(Value::None),
            },
        }
    }
}

impl Runtime<'_> {
    /// Where an asyncio coroutine is suspended (`wait() running at .../tasks.py:389`).
    pub fn native_location(&self, n: &Native) -> Option<(&'static str, u32)> {
        let key = match n {
            Native::Sleep(_) => "tasks.sleep",
            Native::Wait(_) => "tasks.wait",
            Native::WaitFor(_) => "tasks.wait_for.await",
            Native::CancelAndWait(_) => "tasks._cancel_and_wait",
            Native::Sleep0 { .. } | Native::Trivial => return None,
        };
        match self.stdlib_frame(key)? {
            crate::lang::traceback::TbEntry::Stdlib { file, line, .. } => Some((file, line)),
            _ => None,
        }
    }
}
