//! `asyncio.sleep(delay, result)` (SPEC S1–S3).

use crate::asyncio::events::*;
use crate::asyncio::natives::Native;
use crate::lang::gen::{AwaitOutcome, Resume, Step};
use crate::lang::value::*;
use crate::runtime::*;

#[derive(Debug)]
pub struct SleepCoro {
    pub delay: Value,
    pub result: Value,
    /// `loop=` (3.7-3.9), when given and not None.
    pub loop_arg: Option<Value>,
    pub state: SleepState,
}

#[derive(Debug)]
pub enum SleepState {
    Start,
    /// Suspended in `await __sleep0()`.
    Sleep0,
    /// Suspended in `await future`, with the timer handle that will complete it.
    Future(usize),
}

impl Runtime<'_> {
    pub fn sleep_resume(&mut self, c: CoroId, s: &mut SleepCoro, input: Resume) -> Step {
        match s.state {
            SleepState::Start => {
                if let Resume::Throw(e) = input {
                    return Step::Raise(e);
                }
                // L8: 3.9 reads `loop=` (and warns) first; 3.7-3.8 only when the delay is
                // positive, after `delay <= 0` has been evaluated.
                if self.v.minor() == 9 {
                    if let Err(e) = self.sleep_loop_argument(s) {
                        return Step::Raise(e);
                    }
                }
                let delay = match self.as_number(&s.delay, "<=") {
                    Ok(d) => d,
                    Err(e) => return Step::Raise(e),
                };
                if delay > 0.0 {
                    if let Err(e) = self.sleep_loop_argument(s) {
                        return Step::Raise(e);
                    }
                }
                // S1: `if delay <= 0: await __sleep0(); return result`.
                if delay <= 0.0 {
                    let sub = self.new_native(Native::Sleep0 { yielded: false }, "__sleep0");
                    return match self.await_value(c, Value::Coro(sub), true) {
                        AwaitOutcome::Suspend(y) => {
                            s.state = SleepState::Sleep0;
                            Step::Yield(y)
                        }
                        AwaitOutcome::Ready(Resume::Send(_)) => Step::Return(s.result.clone()),
                        AwaitOutcome::Ready(Resume::Throw(e)) => Step::Raise(e),
                    };
                }
                // S2: a future completed by a timer `delay` seconds from now.
                let fut = self.create_future();
                let h = self.call_later(
                    delay,
                    Callback::SetResultUnlessCancelled {
                        fut,
                        value: s.result.clone(),
                    },
                );
                match self.await_value(c, Value::Future(fut), true) {
                    AwaitOutcome::Suspend(y) => {
                        s.state = SleepState::Future(h);
                        Step::Yield(y)
                    }
                    AwaitOutcome::Ready(r) => {
                        self.cancel_handle(h);
                        finish(r)
                    }
                }
            }
            SleepState::Sleep0 => match input {
                Resume::Send(_) => Step::Return(s.result.clone()),
                Resume::Throw(e) => {
                    self.through_stdlib(&e, "tasks.sleep.sleep0");
                    Step::Raise(e)
                }
            },
            SleepState::Future(h) => {
                // finally: h.cancel()  (S3: a cancelled sleep leaves no timer behind)
                self.cancel_handle(h);
                if let Resume::Throw(e) = &input {
                    self.through_stdlib(e, "tasks.sleep");
                }
                finish(input)
            }
        }
    }

    /// `sleep(..., loop=loop)` reads its loop (SPEC L8): warned about on 3.8-3.9, and the
    /// model's loop or refused. Read once.
    fn sleep_loop_argument(&mut self, s: &mut SleepCoro) -> crate::lang::value::PyResult<()> {
        if let Some(lp) = s.loop_arg.take() {
            super::super::warn_loop_deprecated(self);
            super::super::loop_argument_is_current(self, &lp, "sleep")?;
        }
        Ok(())
    }
}

pub fn finish(r: Resume) -> Step {
    match r {
        Resume::Send(v) => Step::Return(v),
        Resume::Throw(e) => Step::Raise(e),
    }
}
