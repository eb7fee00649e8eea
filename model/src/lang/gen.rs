//! Coroutine and generator objects: `send`, `throw`, `close`, and the `await` / `yield from`
//! delegation protocol (CPython's `genobject.c` and `Future.__await__`).

use std::rc::Rc;

use super::code::Code;
use super::exceptions::E;
use super::interp::Frame;
use super::value::{CoroId, Exc, FutId, Value};
use crate::asyncio::interface::Native;
use crate::runtime::Runtime;

/// What resumes a coroutine: `send(value)` or `throw(exc)`.
#[derive(Clone, Debug)]
pub enum Resume {
    Send(Value),
    Throw(Exc),
}

/// What a coroutine did when resumed.
#[derive(Clone, Debug)]
pub enum Step {
    /// It yielded: for a coroutine run by a Task, a future (`Future.__await__`) or None (a
    /// bare `yield`, as `__sleep0` does); for a generator, the value.
    Yield(Value),
    Return(Value),
    Raise(Exc),
}

/// The result of starting an `await` / `yield from`.
pub enum AwaitOutcome {
    /// It completed without suspending.
    Ready(Resume),
    /// The frame must suspend, yielding this.
    Suspend(Value),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroStatus {
    Created,
    Running,
    Suspended,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroKind {
    Coroutine,
    Generator,
}

#[derive(Debug)]
pub enum CoroBody {
    User(Box<Frame>),
    Native(Box<Native>),
    /// Moved out while its code runs.
    Taken,
}

/// A coroutine object (or generator, or one of asyncio's own coroutines).
#[derive(Debug)]
pub struct Coro {
    pub kind: CoroKind,
    pub status: CoroStatus,
    /// The coroutine or generator this one delegates to (`await` / `yield from`).
    pub delegate: Option<CoroId>,
    /// The future this one yielded in `Future.__await__`.
    pub awaiting: Option<FutId>,
    pub body: CoroBody,
    /// `__qualname__`, for "coroutine '...' was never awaited" and reprs.
    pub qualname: Rc<str>,
    /// The code object, for `defined at file:line` in reprs (None for asyncio's natives).
    pub code: Option<Rc<Code>>,
    /// A generator of a `types.coroutine` function: it may be awaited.
    pub iterable: bool,
}

impl Runtime<'_> {
    pub fn push_coro(
        &mut self,
        kind: CoroKind,
        body: CoroBody,
        qualname: Rc<str>,
        code: Option<Rc<Code>>,
    ) -> CoroId {
        self.coros.push(Coro {
            kind,
            status: CoroStatus::Created,
            delegate: None,
            awaiting: None,
            body,
            qualname,
            code,
            iterable: false,
        });
        CoroId(self.coros.len() - 1)
    }

    pub fn new_native(&mut self, n: Native, name: &str) -> CoroId {
        self.push_coro(
            CoroKind::Coroutine,
            CoroBody::Native(Box::new(n)),
            Rc::from(name),
            None,
        )
    }

    fn what(&self, c: CoroId) -> &'static str {
        match self.coros[c.0].kind {
            CoroKind::Coroutine => "coroutine",
            CoroKind::Generator => "generator",
        }
    }

    /// `coro.send(v)` / `coro.throw(e)` (and `next(gen)`).
    pub fn coro_send(&mut self, c: CoroId, input: Resume) -> Step {
        match self.coros[c.0].status {
            CoroStatus::Closed => {
                return match input {
                    Resume::Throw(e) => Step::Raise(e),
                    Resume::Send(_) if self.coros[c.0].kind == CoroKind::Coroutine => Step::Raise(
                        self.new_exc_msg(E::RuntimeError, "cannot reuse already awaited coroutine"),
                    ),
                    Resume::Send(_) => Step::Raise(self.new_exc(E::StopIteration, vec![])),
                };
            }
            CoroStatus::Running => {
                let msg = format!("{} already executing", self.what(c));
                return Step::Raise(self.new_exc_msg(E::ValueError, &msg));
            }
            CoroStatus::Created => match &input {
                Resume::Throw(e) => {
                    // Throwing into an unstarted coroutine raises at once and closes it.
                    self.coros[c.0].status = CoroStatus::Closed;
                    return Step::Raise(e.clone());
                }
                Resume::Send(v) if !v.is_none() => {
                    let msg = format!(
                        "can't send non-None value to a just-started {}",
                        self.what(c)
                    );
                    return Step::Raise(self.new_exc_msg(E::TypeError, &msg));
                }
                Resume::Send(_) => {}
            },
            CoroStatus::Suspended => {}
        }
        self.coros[c.0].status = CoroStatus::Running;
        let mut input = input;
        // While a delegate runs (or the awaited future's result is read), this coroutine's
        // frame is active in CPython: it counts against the recursion limit and its handled
        // exception is the `__context__` of what is raised below it.
        let user = matches!(self.coros[c.0].body, CoroBody::User(_));
        let delegating = self.coros[c.0].delegate.is_some() || self.coros[c.0].awaiting.is_some();
        if user && delegating {
            if let Err(e) = self.enter_frame() {
                self.coros[c.0].status = CoroStatus::Suspended;
                return Step::Raise(e);
            }
            let handled = match &self.coros[c.0].body {
                CoroBody::User(f) => f.handling.last().cloned(),
                _ => None,
            };
            self.exc_chain.push(handled);
        }
        if let Some(sub) = self.coros[c.0].delegate {
            match self.coro_send(sub, input) {
                Step::Yield(y) => {
                    if user {
                        self.exc_chain.pop();
                        self.leave_frame();
                    }
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
            input = match input {
                Resume::Send(_) => {
                    if !self.done(f) {
                        Resume::Throw(
                            self.new_exc_msg(E::RuntimeError, "await wasn't used with future"),
                        )
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
        if user && delegating {
            self.exc_chain.pop();
            self.leave_frame();
        }
        let body = std::mem::replace(&mut self.coros[c.0].body, CoroBody::Taken);
        let (body, step) = match body {
            CoroBody::User(mut frame) => {
                let step = self.resume_frame(c, &mut frame, input);
                (CoroBody::User(frame), step)
            }
            CoroBody::Native(mut n) => {
                let step = self.native_resume(c, &mut n, input);
                (CoroBody::Native(n), step)
            }
            CoroBody::Taken => unreachable!("coroutine body taken while not running"),
        };
        self.coros[c.0].body = body;
        let step = match step {
            // PEP 479: StopIteration escaping a generator or coroutine body.
            Step::Raise(e) if self.exc_is(&e, E::StopIteration) => {
                let msg = format!("{} raised StopIteration", self.what(c));
                let r = self.new_exc_msg(E::RuntimeError, &msg);
                {
                    let mut st = r.exc_mut();
                    st.cause = Some(e.clone());
                    st.context = Some(e);
                    st.suppress_context = true;
                }
                Step::Raise(r)
            }
            s => s,
        };
        self.coros[c.0].status = match step {
            Step::Yield(_) => CoroStatus::Suspended,
            _ => CoroStatus::Closed,
        };
        step
    }

    /// Begin `await v` (or `yield from v` for a generator frame) inside coroutine `c`.
    pub fn await_value(&mut self, c: CoroId, v: Value, is_await: bool) -> AwaitOutcome {
        let sub = match self.get_awaitable(&v, is_await) {
            Ok(x) => x,
            Err(e) => return AwaitOutcome::Ready(Resume::Throw(e)),
        };
        match sub {
            Awaitable::Coro(sub) => {
                if self.coros[sub.0].status != CoroStatus::Created
                    && self.coros[sub.0].kind == CoroKind::Coroutine
                    && is_await
                {
                    return AwaitOutcome::Ready(Resume::Throw(
                        self.new_exc_msg(E::RuntimeError, "cannot reuse already awaited coroutine"),
                    ));
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
            Awaitable::Future(f) => {
                // F3: a done future's result is returned without yielding.
                if self.done(f) {
                    AwaitOutcome::Ready(match self.future_result(f) {
                        Ok(v) => Resume::Send(v),
                        Err(e) => Resume::Throw(e),
                    })
                } else if self.futs[f.0].loop_id != self.current_loop {
                    AwaitOutcome::Ready(Resume::Throw(self.refuse(
                        "awaiting a future of an event loop other than the model's current one",
                    )))
                } else if let Err(e) = self.future_await_blocking(f) {
                    AwaitOutcome::Ready(Resume::Throw(e))
                } else {
                    self.coros[c.0].awaiting = Some(f);
                    AwaitOutcome::Suspend(Value::Future(f))
                }
            }
        }
    }

    /// `GET_AWAITABLE` (for `await`) or `GET_YIELD_FROM_ITER` (for `yield from`).
    fn get_awaitable(&mut self, v: &Value, is_await: bool) -> Result<Awaitable, Exc> {
        match v {
            Value::Coro(sub) => {
                if is_await
                    && self.coros[sub.0].kind == CoroKind::Generator
                    && !self.coros[sub.0].iterable
                {
                    return Err(self.not_awaitable(v));
                }
                Ok(Awaitable::Coro(*sub))
            }
            Value::Future(f) => Ok(Awaitable::Future(*f)),
            Value::Instance(_) if is_await => {
                let Some(m) = self.lookup_special(v, "__await__") else {
                    return Err(self.not_awaitable(v));
                };
                let it = self.call_value(&m, vec![])?;
                match &it {
                    Value::Coro(c) if self.coros[c.0].kind == CoroKind::Coroutine => {
                        Err(self.new_exc_msg(E::TypeError, "__await__() returned a coroutine"))
                    }
                    Value::Coro(c) => Ok(Awaitable::Coro(*c)),
                    Value::Future(f) => Ok(Awaitable::Future(*f)),
                    other => {
                        let tn = self.type_name(other);
                        Err(self
                            .refuse(format!("__await__() returning an iterator of type '{tn}'")))
                    }
                }
            }
            Value::Instance(_) if !is_await && self.lookup_special(v, "__iter__").is_some() => {
                // `yield from obj`: `iter(obj)`, delegated to when it is a generator (3.7-3.8's
                // `with (yield from lock)`); other iterators are refused.
                let m = self.lookup_special(v, "__iter__").expect("checked");
                let it = self.call_value(&m, vec![])?;
                match &it {
                    Value::Coro(c) if self.coros[c.0].kind == CoroKind::Generator => {
                        Ok(Awaitable::Coro(*c))
                    }
                    other => {
                        let tn = self.type_name(other);
                        Err(self.refuse(format!("'yield from' an iterator of type '{tn}'")))
                    }
                }
            }
            other if !is_await => {
                let tn = self.type_name(other);
                Err(self.refuse(format!("'yield from' an object of type '{tn}'")))
            }
            other => Err(self.not_awaitable(other)),
        }
    }

    fn not_awaitable(&mut self, v: &Value) -> Exc {
        let tn = self.type_name(v);
        let msg = if self.v.cant_be_awaited_wording() {
            format!("'{tn}' object can't be awaited")
        } else {
            format!("object {tn} can't be used in 'await' expression")
        };
        self.new_exc_msg(E::TypeError, &msg)
    }

    /// `coro.close()`: throw GeneratorExit in; finally blocks run (their output is part of
    /// the finalisation trace).
    pub fn coro_close(&mut self, c: CoroId) -> Result<(), Exc> {
        match self.coros[c.0].status {
            CoroStatus::Suspended => {
                let ge = self.new_exc(E::GeneratorExit, vec![]);
                match self.coro_send(c, Resume::Throw(ge)) {
                    Step::Yield(_) => {
                        self.coros[c.0].status = CoroStatus::Closed;
                        let msg = format!("{} ignored GeneratorExit", self.what(c));
                        Err(self.new_exc_msg(E::RuntimeError, &msg))
                    }
                    Step::Return(_) => Ok(()),
                    Step::Raise(e)
                        if self.exc_is(&e, E::GeneratorExit)
                            || self.exc_is(&e, E::StopIteration) =>
                    {
                        Ok(())
                    }
                    Step::Raise(e) => Err(e),
                }
            }
            CoroStatus::Created => {
                self.coros[c.0].status = CoroStatus::Closed;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `next(generator)`: the next value, None when exhausted.
    pub fn gen_next(&mut self, c: CoroId) -> Result<Option<Value>, Exc> {
        match self.coro_send(c, Resume::Send(Value::None)) {
            Step::Yield(v) => Ok(Some(v)),
            Step::Return(_) => Ok(None),
            Step::Raise(e) => Err(e),
        }
    }
}

enum Awaitable {
    Coro(CoroId),
    Future(FutId),
}
