//! Coroutines that asyncio itself defines (`sleep`, `wait`, `wait_for`, `_cancel_and_wait`,
//! `__sleep0`, the shutdown coroutines of `asyncio.run`), written as explicit state machines.
//! Each state is a point where CPython's `async def` is suspended at an `await`.

use crate::coro::{Resume, Step};
use crate::rt::*;
use crate::value::*;

#[derive(Debug)]
pub enum Native {
    /// `tasks.__sleep0()`: a bare `yield`.
    Sleep0 {
        yielded: bool,
    },
    Sleep(crate::sleep::SleepCoro),
    Wait(crate::wait::WaitCoro),
    WaitFor(crate::wait_for::WaitForCoro),
    CancelAndWait(crate::wait_for::CancelAndWait),
    /// `loop.shutdown_asyncgens()` / `loop.shutdown_default_executor()` with nothing to shut
    /// down: they return at their first step, but still cost `asyncio.run` loop iterations.
    Trivial,
}

impl Runtime<'_> {
    pub fn native_resume(&mut self, c: CoroId, n: &mut Native, input: Resume) -> Step {
        match n {
            Native::Sleep0 { yielded } => match input {
                Resume::Throw(e) => Step::Raise(e),
                Resume::Send(_) if !*yielded => {
                    *yielded = true;
                    Step::Yield(None)
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

    pub fn new_native(&mut self, n: Native, name: &str) -> CoroId {
        self.push_coro(CoroBody::Native(n), name.to_string(), format!("{name}()"))
    }
}
