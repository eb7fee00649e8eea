//! Coroutine objects: `send`, `throw`, `close`, and the `await` protocol
//! (`yield from` delegation to a coroutine; `Future.__await__` for a future).

use crate::exceptions::ExcClass;
use crate::interp::Frame;
use crate::rt::*;
use crate::value::*;

/// What resumes a coroutine: `send(value)` or `throw(exc)`.
#[derive(Clone, Debug)]
pub enum Resume {
    Send(Value),
    Throw(ExcId),
}

/// What a coroutine did when resumed.
#[derive(Clone, Debug)]
pub enum Step {
    /// It yielded: a future (`Future.__await__` with `_asyncio_future_blocking`) or a bare
    /// `yield` (None), as `__sleep0` does.
    Yield(Option<FutId>),
    Return(Value),
    Raise(ExcId),
}

/// The result of starting an `await`.
pub enum AwaitOutcome {
    /// The await completed without suspending.
    Ready(Resume),
    /// The coroutine must suspend, yielding this to its task.
    Suspend(Option<FutId>),
}

impl Runtime<'_> {
    /// Create a coroutine object by calling a scenario's `async def` with `args`.
    pub fn new_user_coro(&mut self, code: usize, args: Vec<Value>) -> CoroId {
        let c = &self.prog.codes[code];
        let mut label = format!("{}(", c.name);
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                label.push_str(", ");
            }
            label.push_str(&self.repr(a));
        }
        label.push(')');
        let name = c.name.clone();
        let frame = Frame::new(code, c.nlocals, args);
        self.push_coro(CoroBody::User(frame), name, label)
    }

    pub fn push_coro(&mut self, body: CoroBody, name: String, label: String) -> CoroId {
        self.coros.push(Coro {
            status: CoroStatus::Created,
            delegate: None,
            awaiting: None,
            body,
            name,
            label,
        });
        CoroId(self.coros.len() - 1)
    }

    /// `coro.send(v)` / `coro.throw(e)`.
    pub fn coro_send(&mut self, c: CoroId, input: Resume) -> Step {
        match self.coros[c.0].status {
            CoroStatus::Closed => {
                return match input {
                    Resume::Throw(e) => Step::Raise(e),
                    Resume::Send(_) => Step::Raise(self.new_exc_msg(
                        ExcClass::RuntimeError,
                        "cannot reuse already awaited coroutine",
                    )),
                };
            }
            CoroStatus::Running => {
                return Step::Raise(
                    self.new_exc_msg(ExcClass::ValueError, "coroutine already executing"),
                );
            }
            CoroStatus::Created => {
                if let Resume::Throw(e) = input {
                    // Throwing into an unstarted coroutine raises at once and closes it.
                    self.coros[c.0].status = CoroStatus::Closed;
                    return Step::Raise(e);
                }
            }
            CoroStatus::Suspended => {}
        }
        self.coros[c.0].status = CoroStatus::Running;
        let mut input = input;
        if let Some(sub) = self.coros[c.0].delegate {
            match self.coro_send(sub, input) {
                Step::Yield(y) => {
                    self.coros[c.0].status = CoroStatus::Suspended;
                    return Step::Yield(y);
                }
                Step::Return(v) => {
                    self.coros[c.0].delegate = None;
                    input = Resume::Send(v);
                }
                Step::Raise(e) => {
                    self.coros[c.0].delegate = None;
                    input = Resume::Throw(e);
                }
            }
        } else if let Some(f) = self.coros[c.0].awaiting.take() {
            // Future.__await__ after its `yield self`: `return self.result()`.
            input =
                match input {
                    Resume::Send(_) => {
                        if !self.done(f) {
                            Resume::Throw(self.new_exc_msg(
                                ExcClass::RuntimeError,
                                "await wasn't used with future",
                            ))
                        } else {
                            match self.future_result(f) {
                                Ok(v) => Resume::Send(v),
                                Err(e) => Resume::Throw(e),
                            }
                        }
                    }
                    t => t,
                };
        }
        let body = std::mem::replace(&mut self.coros[c.0].body, CoroBody::Taken);
        let (body, step) = match body {
            CoroBody::User(mut frame) => {
                let step = self.frame_resume(c, &mut frame, input);
                (CoroBody::User(frame), step)
            }
            CoroBody::Native(mut n) => {
                let step = self.native_resume(c, &mut n, input);
                (CoroBody::Native(n), step)
            }
            CoroBody::Taken => unreachable!("coroutine body taken while not running"),
        };
        self.coros[c.0].body = body;
        self.coros[c.0].status = match step {
            Step::Yield(_) => CoroStatus::Suspended,
            _ => CoroStatus::Closed,
        };
        step
    }

    /// Begin `await v` inside coroutine `c`.
    pub fn await_value(&mut self, c: CoroId, v: Value) -> AwaitOutcome {
        match v {
            Value::Coro(sub) => {
                if self.coros[sub.0].status != CoroStatus::Created {
                    return AwaitOutcome::Ready(Resume::Throw(self.new_exc_msg(
                        ExcClass::RuntimeError,
                        "cannot reuse already awaited coroutine",
                    )));
                }
                self.coros[c.0].delegate = Some(sub);
                match self.coro_send(sub, Resume::Send(Value::None)) {
                    Step::Yield(y) => AwaitOutcome::Suspend(y),
                    Step::Return(v) => {
                        self.coros[c.0].delegate = None;
                        AwaitOutcome::Ready(Resume::Send(v))
                    }
                    Step::Raise(e) => {
                        self.coros[c.0].delegate = None;
                        AwaitOutcome::Ready(Resume::Throw(e))
                    }
                }
            }
            Value::Future(f) => {
                // F3: a done future's result is returned without yielding.
                if self.done(f) {
                    AwaitOutcome::Ready(match self.future_result(f) {
                        Ok(v) => Resume::Send(v),
                        Err(e) => Resume::Throw(e),
                    })
                } else {
                    self.coros[c.0].awaiting = Some(f);
                    AwaitOutcome::Suspend(Some(f))
                }
            }
            other => {
                let msg = format!(
                    "object {} can't be used in 'await' expression",
                    other.type_name()
                );
                AwaitOutcome::Ready(Resume::Throw(self.new_exc_msg(ExcClass::TypeError, &msg)))
            }
        }
    }

    /// `coro.close()`: throw GeneratorExit in; finally blocks run (their output is part of
    /// the finalisation trace).
    pub fn coro_close(&mut self, c: CoroId) {
        match self.coros[c.0].status {
            CoroStatus::Suspended => {
                let ge = self.new_exc(ExcClass::GeneratorExit, vec![]);
                match self.coro_send(c, Resume::Throw(ge)) {
                    Step::Yield(_) => {
                        // "coroutine ignored GeneratorExit": CPython reports it as unraisable.
                        self.coros[c.0].status = CoroStatus::Closed;
                    }
                    Step::Return(_) | Step::Raise(_) => {}
                }
            }
            CoroStatus::Created => self.coros[c.0].status = CoroStatus::Closed,
            _ => {}
        }
    }
}
