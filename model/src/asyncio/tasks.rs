//! `tasks.Task`: `__init__`, `__step`, `__wakeup` and `cancel`, per version. The rest of
//! CPython's `tasks.py` (gather, wait, wait_for, sleep) is in `tasks/`.

pub mod gather;
pub mod sleep;
pub mod wait;
pub mod wait_for;

use crate::asyncio::events::Callback;
use crate::asyncio::futures::{FutKind, TaskData};
use crate::asyncio::prelude::is_prelude;
use crate::lang::exceptions::E;
use crate::lang::gen::{CoroBody, CoroStatus, Resume, Step};
use crate::lang::value::{CoroId, Exc, FutId, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// How traces name a task: its coroutine's name and its arguments (`work(1, 'a')`), as
    /// the oracle's task factory labels a task when it is made (`coro_label` in
    /// `oracle/harness.py`). An argument is shown by its repr only when it is an int, bool,
    /// float, str or None, whose repr runs no program code and costs no more than its own
    /// size; any other argument is shown by its type (`<list>`, `<Client>`, `<Future>`). A
    /// label must not run a program's `__repr__` (which can print or raise where CPython
    /// runs nothing) nor repr a large container once per task (a quadratic run). asyncio's
    /// own coroutines show their name alone, as the oracle shows code from another file.
    pub(crate) fn task_label(&mut self, coro: CoroId) -> String {
        let c = &self.coros[coro.0];
        let (code, frame) = match (&c.code, &c.body) {
            (Some(code), CoroBody::User(frame)) if !is_prelude(&code.source) => (code, frame),
            (Some(code), _) if !is_prelude(&code.source) => {
                // Running (its frame is in use) or closed (CPython's `cr_frame` is None).
                return format!("{}(...)", code.name);
            }
            (Some(code), _) => return format!("{}()", code.name),
            (None, _) => return format!("{}()", c.qualname),
        };
        if c.status == CoroStatus::Closed {
            return format!("{}(...)", code.name);
        }
        let args: Vec<Option<Value>> = (0..code.argcount as usize)
            .map(
                |i| match code.cell_params.iter().find(|(_, p)| *p as usize == i) {
                    Some((ci, _)) => frame.cells[*ci as usize].borrow().clone(),
                    None => frame.fast[i].clone(),
                },
            )
            .collect();
        let name = code.name.clone();
        let reprs: Vec<String> = args
            .iter()
            .map(|v| match v {
                // A repr that raises (an int past the digit limit of 3.11+) is `?` in both.
                Some(
                    v @ (Value::None
                    | Value::Bool(_)
                    | Value::Int(_)
                    | Value::Long(_)
                    | Value::Float(_)
                    | Value::Str(_)),
                ) => self.repr(v).unwrap_or_else(|_| "?".into()),
                Some(v) => format!("<{}>", self.type_name(v)),
                None => "?".into(),
            })
            .collect();
        format!("{name}({})", reprs.join(", "))
    }

    /// The exception being handled where `coro`'s await chain is suspended: the innermost
    /// frame's, as `_PyErr_GetTopmostException` finds it when `coro.throw(exc)` chains `exc`
    /// to it (`_PyErr_ChainStackItem`, 3.9+).
    fn innermost_handled(&self, coro: CoroId) -> Option<Exc> {
        let mut found = None;
        let mut c = Some(coro);
        while let Some(id) = c {
            if let CoroBody::User(frame) = &self.coros[id.0].body {
                if let Some(h) = frame.handling.last() {
                    found = Some(h.clone());
                }
            }
            c = self.coros[id.0].delegate;
        }
        found
    }

    /// `loop.create_task(coro)` with no task factory: a Task whose first `__step` is
    /// scheduled with `call_soon` (SPEC T1), numbered and labelled as the oracle records it.
    pub fn create_task(&mut self, coro: CoroId, name: Option<String>) -> FutId {
        let label = self.task_label(coro);
        let t = self.new_task(coro, name, label);
        self.task_start(t, false);
        self.task_seq += 1;
        self.task_mut(t).seq = self.task_seq;
        t
    }

    /// `loop.create_task(coro)` as asyncio's own code calls it (`ensure_future`,
    /// `run_until_complete`): through the loop's task factory when it has one.
    pub fn loop_create_task(&mut self, coro: CoroId) -> crate::lang::value::PyResult<FutId> {
        let has_factory = self
            .current_loop
            .is_some_and(|l| self.loops[l].task_factory.is_some());
        if !has_factory {
            return Ok(self.create_task(coro, None));
        }
        match crate::asyncio::create_task_of(self, &Value::Coro(coro), vec![])? {
            Value::Future(t) => Ok(t),
            _ => unreachable!("create_task_of returns a task"),
        }
    }

    /// `Task.__init__` up to its last statement: the name (a task given one does not take a
    /// number: `Task-N` counts unnamed tasks only, in the C and the Python Task alike) and
    /// the state. Not numbered yet (`record_task`); `label` is how traces name it until then
    /// (the oracle names a task it did not record by its class, `Task`).
    pub fn new_task(&mut self, coro: CoroId, name: Option<String>, label: String) -> FutId {
        let name = match name {
            Some(n) if self.v.has_task_names() => n,
            _ => {
                self.task_counter += 1;
                format!("Task-{}", self.task_counter)
            }
        };
        let t = self.new_future(
            FutKind::Task(TaskData {
                coro,
                seq: 0,
                must_cancel: false,
                fut_waiter: None,
                num_cancels_requested: 0,
                name,
                log_destroy_pending: true,
                coro_cleared: false,
            }),
            label,
        );
        self.tl_task_created(t);
        t
    }

    /// The last statement of `Task.__init__`: `if eager_start and self._loop.is_running():
    /// self.__eager_start()`, else `call_soon(self.__step)` and `_register_task(self)`
    /// (SPEC T1, ET1).
    pub fn task_start(&mut self, t: FutId, eager: bool) {
        self.all_tasks.push(t);
        if eager && self.running {
            self.task_eager_start(t);
        } else {
            self.call_soon(Callback::TaskStep { task: t, exc: None }, None);
        }
    }

    /// What the oracle does with the task `loop.create_task(coro)` returns, once it returns
    /// it (after an eager first step): number it, and label it after `coro`.
    pub fn record_task(&mut self, t: FutId, coro: CoroId) {
        self.task_seq += 1;
        self.task_mut(t).seq = self.task_seq;
        let label = self.task_label(coro);
        self.futs[t.0].label = label;
        self.tl_task_labelled(t);
    }

    /// `Task.__eager_start()` (3.12+, SPEC ET1): the first step runs now, inside the call that
    /// made the task, with the task as the current task (`_swap_current_task`) and in
    /// `all_tasks()` (`_register_eager_task`); then the previous current task is back. A task
    /// done after that step drops its coroutine and was never scheduled; one that awaits
    /// goes on as any task (its wakeup is a done callback of what it awaits).
    fn task_eager_start(&mut self, t: FutId) {
        let prev = self.current_task.replace(t);
        // The pure-Python Task's `__init__`, `__eager_start` and
        // `__step_run_and_handle_result` are frames below the coroutine's (the C Task's
        // `task_eager_start` is not).
        let frames = if self.imp == crate::runtime::Impl::Py {
            3
        } else {
            0
        };
        self.depth += frames;
        self.eager_steps += 1;
        self.task_step_run_and_handle_result(t, None);
        self.eager_steps -= 1;
        self.depth -= frames;
        self.current_task = prev;
        if self.propagating.is_some() {
            self.propagating = None;
            self.refuse(
                "SystemExit or KeyboardInterrupt raised in an eager task's first step (it propagates out of the Task constructor)",
            );
            return;
        }
        if self.done(t) {
            self.task_mut(t).coro_cleared = true;
        }
    }

    pub fn task(&self, t: FutId) -> &TaskData {
        match &self.futs[t.0].kind {
            FutKind::Task(d) => d,
            _ => unreachable!("not a task"),
        }
    }

    pub fn task_mut(&mut self, t: FutId) -> &mut TaskData {
        match &mut self.futs[t.0].kind {
            FutKind::Task(d) => d,
            _ => unreachable!("not a task"),
        }
    }

    pub fn is_task(&self, f: FutId) -> bool {
        matches!(self.futs[f.0].kind, FutKind::Task(_))
    }

    /// `Task.__step(exc)` (SPEC T2–T5).
    pub fn task_step(&mut self, t: FutId, exc: Option<Exc>) {
        if self.done(t) {
            // CPython raises InvalidStateError from the callback; the loop logs it. Scenarios
            // cannot reach this state.
            return;
        }
        let mut exc = exc;
        if self.task(t).must_cancel {
            let is_cancel = exc
                .as_ref()
                .is_some_and(|e| self.exc_is(e, E::CancelledError));
            if !is_cancel {
                exc = Some(self.make_cancelled_error(t));
            }
            self.task_mut(t).must_cancel = false;
        }
        self.task_mut(t).fut_waiter = None;
        let prev = self.current_task.replace(t);
        self.task_step_run_and_handle_result(t, exc);
        self.current_task = prev;
    }

    /// `Task.__step_run_and_handle_result(exc)` (3.12's name for the body of `__step`, which
    /// `__eager_start` runs too): send or throw into the coroutine, then act on what it did.
    fn task_step_run_and_handle_result(&mut self, t: FutId, exc: Option<Exc>) {
        self.tl_step(t, exc.as_ref());
        let coro = self.task(t).coro;
        let input = match exc {
            None => Resume::Send(Value::None),
            Some(e) => {
                if self.v.throw_chains_handled_exception() {
                    if let Some(h) = self.innermost_handled(coro) {
                        Runtime::chain_context(&e, h);
                    }
                }
                Resume::Throw(e)
            }
        };
        self.bare_yielded_future = None;
        let step = match self.coro_send(coro, input) {
            // T12: `except StopIteration as exc: ... set_result(exc.value)`: what a finished
            // generator (a coroutine to 3.7-3.11) raises when a Task sends to it again.
            Step::Raise(e) if self.exc_is(&e, E::StopIteration) => {
                Step::Return(e.args().first().cloned().unwrap_or(Value::None))
            }
            s => s,
        };
        self.tl_step_ended(t, &step);
        match step {
            Step::Return(v) => {
                if self.task(t).must_cancel {
                    // Task is cancelled right before coro stops (T5).
                    self.task_mut(t).must_cancel = false;
                    if self.v.step_cancels_on_late_return() {
                        let msg = self.futs[t.0].cancel_message.clone();
                        self.future_cancel(t, msg);
                    } else {
                        let e = self.new_exc(E::CancelledError, vec![]);
                        self.future_set_exception(t, e);
                    }
                } else {
                    self.future_set_result(t, v);
                }
            }
            Step::Raise(e) if self.exc_is(&e, E::CancelledError) => {
                // T4: a CancelledError escaping the coroutine cancels the task. One the
                // coroutine caught and did not re-raise never gets here (T7).
                if self.v.has_cancel_message() {
                    self.futs[t.0].cancelled_exc = Some(e);
                }
                self.future_cancel(t, None);
            }
            Step::Raise(e) => {
                let fatal = self.ends_the_loop(&e);
                self.future_set_exception(t, e.clone());
                if fatal {
                    // `super().set_exception(exc); raise` (SystemExit, KeyboardInterrupt).
                    self.through_stdlib(&e, "events.Handle._run");
                    self.propagating = Some(e);
                }
            }
            Step::Yield(Value::Future(f)) if self.bare_yielded_future == Some(f) => {
                // `yield fut` in a generator-based coroutine: CPython's Task raises
                // "yield was used instead of yield from" into it.
                let _ = self.refuse("a bare `yield` of a Future in a task's generator");
            }
            Step::Yield(Value::Future(f)) => {
                if f == t {
                    let r = self.repr(&Value::Future(t)).unwrap_or_default();
                    let e = self.new_exc_msg(
                        E::RuntimeError,
                        &format!("Task cannot await on itself: {r}"),
                    );
                    self.call_soon(
                        Callback::TaskStep {
                            task: t,
                            exc: Some(e),
                        },
                        None,
                    );
                } else {
                    self.futs[f.0].blocking = false;
                    self.add_done_callback(f, Callback::TaskWakeup { task: t });
                    self.task_mut(t).fut_waiter = Some(f);
                    if self.task(t).must_cancel {
                        let msg = self.futs[t.0].cancel_message.clone();
                        if self.cancel(f, msg) {
                            self.task_mut(t).must_cancel = false;
                        }
                    }
                }
            }
            // A bare yield relinquishes control for one event loop iteration (S1, T3).
            Step::Yield(Value::None) => {
                self.call_soon(Callback::TaskStep { task: t, exc: None }, None);
            }
            Step::Yield(other) => {
                let r = self.repr(&other).unwrap_or_default();
                let e = self.new_exc_msg(E::RuntimeError, &format!("Task got bad yield: {r}"));
                self.call_soon(
                    Callback::TaskStep {
                        task: t,
                        exc: Some(e),
                    },
                    None,
                );
            }
        }
    }

    /// `Task.__wakeup(future)`: calls `future.result()` (retrieving its exception, SPEC R2) and
    /// steps the task with the value or the exception.
    /// The pure-Python `__wakeup` steps the task inside `except BaseException as exc:`, so
    /// while the step runs `exc` is the exception being handled: one raised in the coroutine
    /// where it handles none of its own takes it as `__context__` (the C `task_wakeup`
    /// handles nothing).
    pub fn task_wakeup(&mut self, t: FutId, f: FutId) {
        match self.future_result(f) {
            Ok(_) => self.task_step(t, None),
            Err(e) if self.imp == crate::runtime::Impl::Py => {
                self.exc_chain.push(Some(e.clone()));
                self.task_step(t, Some(e));
                self.exc_chain.pop();
            }
            Err(e) => self.task_step(t, Some(e)),
        }
    }

    /// `Task.cancel(msg)` (SPEC T6–T8).
    pub fn task_cancel(&mut self, t: FutId, msg: Option<Value>) -> bool {
        self.tl_cancel_requested(t);
        self.futs[t.0].log_traceback = false;
        if self.done(t) {
            return false;
        }
        if self.v.counts_cancels() {
            self.task_mut(t).num_cancels_requested += 1;
        }
        if let Some(w) = self.task(t).fut_waiter {
            if self.cancel(w, msg.clone()) {
                // Leave _fut_waiter; it may be a Task that catches and ignores the
                // cancellation so we may have to cancel it again later.
                return true;
            }
        }
        // It must be the case that self.__step is already scheduled.
        self.task_mut(t).must_cancel = true;
        if self.v.has_cancel_message() {
            // T9: the message travels with the request (3.9+).
            self.futs[t.0].cancel_message = msg;
        }
        true
    }

    /// `Task.uncancel()` (3.11+).
    pub fn task_uncancel(&mut self, t: FutId) -> u32 {
        let v = self.v;
        let d = self.task_mut(t);
        if d.num_cancels_requested > 0 {
            d.num_cancels_requested -= 1;
            if v.uncancel_clears_must_cancel() && d.num_cancels_requested == 0 {
                d.must_cancel = false;
            }
        }
        d.num_cancels_requested
    }
}
