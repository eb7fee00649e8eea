//! `asyncio.wait_for()` (two implementations: 3.7–3.11, and 3.12+ on `asyncio.timeout()`),
//! `_cancel_and_wait()` and `timeouts.Timeout` (SPEC WF1–WF5).

use crate::asyncio::events::*;
use crate::asyncio::natives::Native;
use crate::asyncio::state::*;
use crate::asyncio::tasks::sleep::finish;
use crate::lang::exceptions::E;
use crate::lang::gen::{AwaitOutcome, Resume, Step};
use crate::lang::value::*;
use crate::runtime::*;

#[derive(Debug)]
pub struct WaitForCoro {
    pub fut: Value,
    pub timeout: Value,
    /// `loop=` (3.7-3.9), when given and not None.
    pub loop_arg: Option<Value>,
    pub state: WaitForState,
}

#[derive(Debug, Clone)]
pub enum WaitForState {
    Start,
    /// `return await fut` with no timeout (before 3.12).
    Direct,
    /// timeout <= 0: awaiting `_cancel_and_wait(fut)`.
    ZeroCancelWait {
        fut: FutId,
    },
    /// awaiting `waiter` (before 3.12).
    Waiting {
        fut: FutId,
        waiter: FutId,
        th: usize,
        tag: usize,
    },
    /// The wait was cancelled: awaiting `_cancel_and_wait(fut)` before re-raising.
    CancelledCancelWait {
        exc: Exc,
        th: usize,
    },
    /// The timeout expired: awaiting `_cancel_and_wait(fut)` before raising TimeoutError.
    TimeoutCancelWait {
        fut: FutId,
        th: usize,
    },
    /// 3.12+: inside `async with timeouts.timeout(timeout): return await fut`.
    InTimeout {
        timeout: usize,
    },
}

#[derive(Debug)]
pub struct CancelAndWait {
    pub fut: FutId,
    pub state: Option<(FutId, usize)>,
}

impl Runtime<'_> {
    pub fn timeout_error_class(&self) -> E {
        if self.v.timeout_error_is_builtin() {
            E::TimeoutError
        } else {
            E::AsyncioTimeoutError
        }
    }

    fn new_timeout_error(&mut self) -> Exc {
        let c = self.timeout_error_class();
        self.new_exc(c, vec![])
    }

    /// Await `_cancel_and_wait(fut)` from coroutine `c`.
    fn await_cancel_and_wait(&mut self, c: CoroId, fut: FutId) -> AwaitOutcome {
        let sub = self.new_native(
            Native::CancelAndWait(CancelAndWait { fut, state: None }),
            "_cancel_and_wait",
        );
        self.await_value(c, Value::Coro(sub), true)
    }

    /// After `_cancel_and_wait` in the timeout paths: `fut.result()`, with a CancelledError
    /// turned into TimeoutError (WF2). `branch` names the statements of `wait_for` the
    /// exceptions leave it from (`zero` or `main`), for their tracebacks.
    fn result_or_timeout(&mut self, fut: FutId, branch: &str) -> Step {
        let minor = self.v.minor();
        match self.future_result(fut) {
            Ok(v) => {
                if minor == 8 {
                    // 3.8: `fut.result()` is evaluated, then TimeoutError raised regardless.
                    Step::Raise(self.timeout_error_at(&format!("{branch}.raise_plain"), None))
                } else {
                    Step::Return(v)
                }
            }
            Err(e) => {
                self.through_stdlib(&e, &format!("tasks.wait_for.{branch}.result"));
                if self.exc_is(&e, E::CancelledError) {
                    // `raise TimeoutError() from exc`
                    Step::Raise(self.timeout_error_at(&format!("{branch}.raise"), Some(e)))
                } else {
                    Step::Raise(e)
                }
            }
        }
    }

    /// A TimeoutError raised at wait_for's statement `role`, from `cause` if given.
    fn timeout_error_at(&mut self, role: &str, cause: Option<Exc>) -> Exc {
        let t = self.new_timeout_error();
        if let Some(c) = cause {
            let mut st = t.exc_mut();
            st.cause = Some(c.clone());
            st.context = Some(c);
            st.suppress_context = true;
        }
        self.through_stdlib(&t, &format!("tasks.wait_for.{role}"));
        t
    }

    /// `return fut.result()` of a future already done, at wait_for's statement `role`.
    fn done_result(&mut self, fut: FutId, role: &str) -> Step {
        match self.future_result(fut) {
            Ok(v) => Step::Return(v),
            Err(e) => {
                self.through_stdlib(&e, &format!("tasks.wait_for.{role}"));
                Step::Raise(e)
            }
        }
    }

    /// `return await fut`: what the awaited object raised leaves through that line.
    fn await_fut_outcome(&mut self, r: Resume) -> Step {
        if let Resume::Throw(e) = &r {
            self.through_stdlib(e, "tasks.wait_for.await");
        }
        finish(r)
    }

    pub fn wait_for_resume(&mut self, c: CoroId, w: &mut WaitForCoro, input: Resume) -> Step {
        match w.state.clone() {
            WaitForState::Start => {
                if let Resume::Throw(e) = input {
                    return Step::Raise(e);
                }
                // L8: `loop=` is read (and, on 3.8-3.9, warned about) first.
                if let Some(lp) = w.loop_arg.take() {
                    super::super::warn_loop_deprecated(self);
                    if let Err(e) = super::super::loop_argument_is_current(self, &lp, "wait_for") {
                        return Step::Raise(e);
                    }
                }
                let timeout = match &w.timeout {
                    Value::None => None,
                    t => match self.as_number(t, "<=") {
                        Ok(d) => Some(d),
                        Err(e) => return Step::Raise(e),
                    },
                };
                if timeout.is_none() && !self.v.wait_for_uses_timeouts() {
                    // WF1: no timeout: `return await fut`.
                    return match self.await_value(c, w.fut.clone(), true) {
                        AwaitOutcome::Suspend(y) => {
                            w.state = WaitForState::Direct;
                            Step::Yield(y)
                        }
                        AwaitOutcome::Ready(r) => self.await_fut_outcome(r),
                    };
                }
                if let Some(t) = timeout.filter(|t| *t <= 0.0) {
                    let _ = t;
                    // WF3: timeout <= 0.
                    let fut = match self.ensure_future(&w.fut) {
                        Ok((f, _)) => f,
                        Err(e) => return Step::Raise(e),
                    };
                    if self.done(fut) {
                        return self.done_result(fut, "zero.done");
                    }
                    if !self.v.wait_for_zero_awaits_cancel() {
                        self.cancel(fut, None);
                        return Step::Raise(self.timeout_error_at("zero.raise_plain", None));
                    }
                    return match self.await_cancel_and_wait(c, fut) {
                        AwaitOutcome::Suspend(y) => {
                            w.state = WaitForState::ZeroCancelWait { fut };
                            Step::Yield(y)
                        }
                        AwaitOutcome::Ready(Resume::Send(_)) => self.result_or_timeout(fut, "zero"),
                        AwaitOutcome::Ready(Resume::Throw(e)) => Step::Raise(e),
                    };
                }
                if self.v.wait_for_uses_timeouts() {
                    return self.wait_for_timeouts_start(c, w, timeout);
                }
                let delay = timeout.expect("None handled above");
                let waiter = self.create_future();
                self.partial_counter += 1;
                let th = self.call_later(delay, Callback::ReleaseWaiter { waiter, tag: 0 });
                self.partial_counter += 1;
                let tag = self.partial_counter;
                let fut = match self.ensure_future(&w.fut) {
                    Ok((f, _)) => f,
                    Err(e) => return Step::Raise(e),
                };
                self.add_done_callback(fut, Callback::ReleaseWaiter { waiter, tag });
                match self.await_value(c, Value::Future(waiter), true) {
                    AwaitOutcome::Suspend(y) => {
                        w.state = WaitForState::Waiting {
                            fut,
                            waiter,
                            th,
                            tag,
                        };
                        Step::Yield(y)
                    }
                    AwaitOutcome::Ready(_) => unreachable!("a fresh waiter is pending"),
                }
            }
            WaitForState::Direct => self.await_fut_outcome(input),
            WaitForState::ZeroCancelWait { fut } => match input {
                Resume::Send(_) => self.result_or_timeout(fut, "zero"),
                Resume::Throw(e) => Step::Raise(e),
            },
            WaitForState::Waiting {
                fut,
                waiter,
                th,
                tag,
            } => {
                let _ = waiter;
                let cb = Callback::ReleaseWaiter { waiter, tag };
                match input {
                    Resume::Throw(e) if self.exc_is(&e, E::CancelledError) => {
                        // WF4: the waiting task was cancelled.
                        if self.v.minor() == 7 {
                            self.remove_done_callback(fut, &cb);
                            self.cancel(fut, None);
                            self.cancel_handle(th);
                            return Step::Raise(e);
                        }
                        if self.done(fut) {
                            self.cancel_handle(th);
                            return self.done_result(fut, "cancelled.done");
                        }
                        self.remove_done_callback(fut, &cb);
                        match self.await_cancel_and_wait(c, fut) {
                            AwaitOutcome::Suspend(y) => {
                                w.state = WaitForState::CancelledCancelWait { exc: e, th };
                                Step::Yield(y)
                            }
                            AwaitOutcome::Ready(Resume::Send(_)) => {
                                self.cancel_handle(th);
                                Step::Raise(e)
                            }
                            AwaitOutcome::Ready(Resume::Throw(e2)) => {
                                self.cancel_handle(th);
                                Step::Raise(e2)
                            }
                        }
                    }
                    Resume::Throw(e) => {
                        self.cancel_handle(th);
                        Step::Raise(e)
                    }
                    Resume::Send(_) => {
                        if self.done(fut) {
                            self.cancel_handle(th);
                            return self.done_result(fut, "main.done");
                        }
                        // WF2: timed out: cancel the child and wait for it to finish.
                        self.remove_done_callback(fut, &cb);
                        match self.await_cancel_and_wait(c, fut) {
                            AwaitOutcome::Suspend(y) => {
                                w.state = WaitForState::TimeoutCancelWait { fut, th };
                                Step::Yield(y)
                            }
                            AwaitOutcome::Ready(r) => {
                                w.state = WaitForState::TimeoutCancelWait { fut, th };
                                self.wait_for_after_timeout_cancel(fut, th, r)
                            }
                        }
                    }
                }
            }
            WaitForState::CancelledCancelWait { exc, th } => {
                self.cancel_handle(th);
                match input {
                    Resume::Send(_) => Step::Raise(exc),
                    Resume::Throw(e2) => Step::Raise(e2),
                }
            }
            WaitForState::TimeoutCancelWait { fut, th } => {
                self.wait_for_after_timeout_cancel(fut, th, input)
            }
            WaitForState::InTimeout { timeout } => {
                if let Resume::Throw(e) = &input {
                    self.through_stdlib(e, "tasks.wait_for.await");
                }
                self.timeout_aexit(timeout, input)
            }
        }
    }

    fn wait_for_after_timeout_cancel(&mut self, fut: FutId, th: usize, input: Resume) -> Step {
        self.cancel_handle(th);
        match input {
            Resume::Throw(e) => Step::Raise(e),
            Resume::Send(_) => {
                if self.v.minor() <= 8 {
                    Step::Raise(self.timeout_error_at("main.raise_plain", None))
                } else {
                    self.result_or_timeout(fut, "main")
                }
            }
        }
    }

    /// 3.12+: `async with timeouts.timeout(timeout): return await fut`.
    fn wait_for_timeouts_start(
        &mut self,
        c: CoroId,
        w: &mut WaitForCoro,
        timeout: Option<f64>,
    ) -> Step {
        // timeouts.timeout(delay): Timeout(loop.time() + delay)
        let when = timeout.map(|d| self.time + d);
        let tid = self.timeouts.len();
        self.timeouts.push(TimeoutState {
            state: TimeoutPhase::Created,
            handler: None,
            task: None,
            when,
            cancelling: 0,
        });
        // Timeout.__aenter__
        let Some(task) = self.current_task else {
            return Step::Raise(
                self.new_exc_msg(E::RuntimeError, "Timeout should be used inside a task"),
            );
        };
        let cancelling = self.task(task).num_cancels_requested;
        {
            let t = &mut self.timeouts[tid];
            t.state = TimeoutPhase::Entered;
            t.task = Some(task);
            t.cancelling = cancelling;
        }
        // reschedule(when)
        if let Some(when) = when {
            let h = if when <= self.time {
                self.call_soon(Callback::TimeoutOnTimeout { timeout: tid }, None)
            } else {
                self.call_at(when, Callback::TimeoutOnTimeout { timeout: tid })
            };
            self.timeouts[tid].handler = Some(h);
        }
        match self.await_value(c, w.fut.clone(), true) {
            AwaitOutcome::Suspend(y) => {
                w.state = WaitForState::InTimeout { timeout: tid };
                Step::Yield(y)
            }
            AwaitOutcome::Ready(r) => {
                if let Resume::Throw(e) = &r {
                    self.through_stdlib(e, "tasks.wait_for.await");
                }
                self.timeout_aexit(tid, r)
            }
        }
    }

    /// `Timeout.__aexit__` (WF5: only the timeout's own cancellation becomes TimeoutError).
    fn timeout_aexit(&mut self, tid: usize, body: Resume) -> Step {
        if let Some(h) = self.timeouts[tid].handler.take() {
            self.cancel_handle(h);
        }
        match self.timeouts[tid].state {
            TimeoutPhase::Expiring => {
                self.timeouts[tid].state = TimeoutPhase::Expired;
                let task = self.timeouts[tid]
                    .task
                    .expect("entered timeouts have a task");
                let remaining = self.task_uncancel(task);
                if remaining <= self.timeouts[tid].cancelling {
                    if let Resume::Throw(e) = &body {
                        if std::rc::Rc::ptr_eq(&e.class, &self.exc_class(E::CancelledError)) {
                            // `raise TimeoutError from exc_val`, in `__aexit__` called from
                            // wait_for's `async with` line.
                            let t = self.new_timeout_error();
                            {
                                let mut st = t.exc_mut();
                                st.cause = Some(e.clone());
                                st.context = Some(e.clone());
                                st.suppress_context = true;
                            }
                            self.through_stdlib(&t, "timeouts.__aexit__");
                            self.through_stdlib(&t, "tasks.wait_for.async_with");
                            return Step::Raise(t);
                        }
                    }
                }
            }
            TimeoutPhase::Entered => self.timeouts[tid].state = TimeoutPhase::Exited,
            _ => {}
        }
        finish(body)
    }

    /// `Timeout._on_timeout`.
    pub fn timeout_on_timeout(&mut self, tid: usize) {
        let task = self.timeouts[tid]
            .task
            .expect("entered timeouts have a task");
        self.task_cancel(task, None);
        self.timeouts[tid].state = TimeoutPhase::Expiring;
        self.timeouts[tid].handler = None;
    }

    pub fn cancel_and_wait_resume(
        &mut self,
        c: CoroId,
        w: &mut CancelAndWait,
        input: Resume,
    ) -> Step {
        match w.state {
            None => {
                if let Resume::Throw(e) = input {
                    return Step::Raise(e);
                }
                let waiter = self.create_future();
                self.partial_counter += 1;
                let tag = self.partial_counter;
                self.add_done_callback(w.fut, Callback::ReleaseWaiter { waiter, tag });
                w.state = Some((waiter, tag));
                self.cancel(w.fut, None);
                match self.await_value(c, Value::Future(waiter), true) {
                    AwaitOutcome::Suspend(y) => Step::Yield(y),
                    AwaitOutcome::Ready(r) => {
                        self.remove_done_callback(w.fut, &Callback::ReleaseWaiter { waiter, tag });
                        finish(r)
                    }
                }
            }
            Some((waiter, tag)) => {
                self.remove_done_callback(w.fut, &Callback::ReleaseWaiter { waiter, tag });
                finish(input)
            }
        }
    }
}
