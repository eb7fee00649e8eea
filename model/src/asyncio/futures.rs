//! `futures.Future`: states, done callbacks, result retrieval and the `_log_traceback` flag.

use crate::asyncio::events::Callback;
use crate::lang::exceptions::E;
use crate::lang::value::{CoroId, Exc, FutId, PyResult, Value};
use crate::runtime::{Impl, Runtime};
use crate::trace::Event;

/// `Future._state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    Pending,
    Cancelled,
    Finished,
}

/// What kind of future an arena slot holds: CPython's class of the object.
#[derive(Clone, Debug)]
pub enum FutKind {
    /// `asyncio.Future` (sleep's future, wait's waiter, ...).
    Plain,
    /// `asyncio.Task`.
    Task(TaskData),
    /// `tasks._GatheringFuture`, with the index of its gather state.
    Gathering(usize),
}

/// The Task-specific attributes (`tasks.Task.__init__`).
#[derive(Clone, Debug)]
pub struct TaskData {
    pub coro: CoroId,
    /// Creation number (1 for the first task of the program), as the oracle counts tasks:
    /// it numbers the task `loop.create_task` returns, when it returns it (after an eager
    /// first step). 0 for a task not (yet) numbered: made by `Task(...)` itself, or during
    /// its eager step (the oracle's set-order key for it is 3,000,000).
    pub seq: u64,
    pub must_cancel: bool,
    pub fut_waiter: Option<FutId>,
    pub num_cancels_requested: u32,
    pub name: String,
    pub log_destroy_pending: bool,
    /// `_coro = None` (`Py_CLEAR(task_coro)`): an eager task done after its first step drops
    /// its coroutine (`get_coro()` is None).
    pub coro_cleared: bool,
}

/// `futures.Future`'s attributes.
#[derive(Clone, Debug)]
pub struct Fut {
    pub state: FutState,
    pub result: Value,
    pub exception: Option<Exc>,
    pub callbacks: Vec<Callback>,
    /// `__log_traceback`: set by `set_exception`, cleared by `result()`, `exception()`,
    /// `cancel()` (SPEC R1–R4).
    pub log_traceback: bool,
    pub cancel_message: Option<Value>,
    pub cancelled_exc: Option<Exc>,
    pub kind: FutKind,
    /// How traces name this future: a task's coroutine (`work(1)`), or `gather#2`.
    pub label: String,
    /// `_loop`: the loop it belongs to. The model runs only its current loop; a future of
    /// another one is refused where it would schedule or be awaited (SPEC L8).
    pub loop_id: Option<usize>,
    /// `_asyncio_future_blocking`: set by `await fut` as it yields the future, cleared by the
    /// task that takes it up (`Task.__step`); left set when a task yields itself.
    pub blocking: bool,
}

impl Runtime<'_> {
    pub fn new_future(&mut self, kind: FutKind, label: String) -> FutId {
        self.futs.push(Fut {
            state: FutState::Pending,
            result: Value::None,
            exception: None,
            callbacks: Vec::new(),
            log_traceback: false,
            cancel_message: None,
            cancelled_exc: None,
            kind,
            label,
            loop_id: self.current_loop,
            blocking: false,
        });
        FutId(self.futs.len() - 1)
    }

    /// `await fut` on a pending future, as it yields it: `_asyncio_future_blocking = True`.
    /// The C Future's iterator raises instead when the flag is already set (a task that
    /// awaited itself leaves it set); the Python `Future.__await__` sets it again.
    pub fn future_await_blocking(&mut self, f: FutId) -> Result<(), Exc> {
        if self.futs[f.0].blocking && self.imp == crate::runtime::Impl::C {
            return Err(self.new_exc_msg(E::RuntimeError, "await wasn't used with future"));
        }
        self.futs[f.0].blocking = true;
        Ok(())
    }

    /// `loop.create_future()`.
    pub fn create_future(&mut self) -> FutId {
        self.new_future(FutKind::Plain, "Future".into())
    }

    /// Refused unless `f` belongs to the model's current loop: what it would schedule, or
    /// the task awaiting it, would be on another loop (SPEC L8).
    pub fn future_on_current_loop(&mut self, f: FutId, what: &str) -> Result<(), Exc> {
        if self.futs[f.0].loop_id != self.current_loop {
            return Err(self.refuse(format!(
                "{what} of a future of an event loop other than the model's current one"
            )));
        }
        Ok(())
    }

    pub fn done(&self, f: FutId) -> bool {
        self.futs[f.0].state != FutState::Pending
    }

    pub fn cancelled(&self, f: FutId) -> bool {
        self.futs[f.0].state == FutState::Cancelled
    }

    /// `Future.__schedule_callbacks`: every done callback goes to `call_soon`, in the order
    /// they were added (SPEC F2).
    fn schedule_callbacks(&mut self, f: FutId) {
        let callbacks = std::mem::take(&mut self.futs[f.0].callbacks);
        for cb in callbacks {
            self.call_soon(cb, Some(f));
        }
    }

    /// `Future.add_done_callback`: on a done future the callback is scheduled at once (F2).
    pub fn add_done_callback(&mut self, f: FutId, cb: Callback) {
        if self.done(f) {
            self.call_soon(cb, Some(f));
        } else {
            self.futs[f.0].callbacks.push(cb);
        }
    }

    /// `Future.remove_done_callback`: removes every equal callback. (CPython returns how many;
    /// asyncio's own callers, the only ones the model has, ignore it.)
    pub fn remove_done_callback(&mut self, f: FutId, cb: &Callback) {
        self.futs[f.0].callbacks.retain(|c| !c.same(cb));
    }

    /// `Future.set_result`.
    pub fn future_set_result(&mut self, f: FutId, v: Value) {
        debug_assert_eq!(self.futs[f.0].state, FutState::Pending);
        self.futs[f.0].result = v;
        self.futs[f.0].state = FutState::Finished;
        self.tl_done(f);
        self.record_gather_outcome(f);
        self.schedule_callbacks(f);
    }

    /// `Future.set_exception`: sets `_log_traceback` (SPEC R1).
    pub fn future_set_exception(&mut self, f: FutId, e: Exc) {
        debug_assert_eq!(self.futs[f.0].state, FutState::Pending);
        self.futs[f.0].exception = Some(e);
        self.futs[f.0].state = FutState::Finished;
        self.futs[f.0].log_traceback = true;
        self.tl_done(f);
        self.record_gather_outcome(f);
        self.schedule_callbacks(f);
    }

    /// `Future.cancel(msg)` on a plain future (or `super().cancel()` from a Task): clears
    /// `_log_traceback` even when it returns False (SPEC R4).
    pub fn future_cancel(&mut self, f: FutId, msg: Option<Value>) -> bool {
        self.futs[f.0].log_traceback = false;
        if self.futs[f.0].state != FutState::Pending {
            return false;
        }
        self.futs[f.0].state = FutState::Cancelled;
        if self.v.has_cancel_message() {
            self.futs[f.0].cancel_message = msg;
        }
        self.tl_done(f);
        self.schedule_callbacks(f);
        true
    }

    /// `fut.cancel(msg)`, dispatched on the future's class (Future, Task, _GatheringFuture).
    ///
    /// A task's cancel calls what it awaits (`_fut_waiter.cancel()`), a gather's calls its
    /// children's: tasks that await each other, directly or through gathers, recurse without
    /// end, and CPython raises RecursionError where its Python and C recursion checks decide
    /// (tasks' and futures' reprs recurse as well). Not modelled: a chain of cancels as deep
    /// as the recursion limit is refused (SPEC M2).
    pub fn cancel(&mut self, f: FutId, msg: Option<Value>) -> bool {
        if self.error.is_some() {
            return false;
        }
        if self.depth >= self.config.recursion_limit {
            self.refuse("cancel() recursing through the futures tasks await as deep as the recursion limit (tasks that await each other: CPython raises RecursionError, at a depth not modelled)");
            return false;
        }
        self.depth += 1;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || match self.futs[f.0].kind {
            FutKind::Plain => self.future_cancel(f, msg),
            FutKind::Task(_) => self.task_cancel(f, msg),
            FutKind::Gathering(g) => self.gathering_future_cancel(g, f, msg),
        });
        self.depth -= 1;
        r
    }

    /// `Future._make_cancelled_error()` (3.9+); a bare `CancelledError()` before.
    pub fn make_cancelled_error(&mut self, f: FutId) -> Exc {
        if self.v.reuses_cancelled_exc() {
            if let Some(e) = self.futs[f.0].cancelled_exc.take() {
                return e;
            }
        }
        let args = match (&self.futs[f.0].cancel_message, self.v.has_cancel_message()) {
            (Some(m), true) => vec![m.clone()],
            _ => vec![],
        };
        // 3.9–3.10: a new CancelledError whose __context__ is the one the coroutine raised.
        let saved = self.futs[f.0].cancelled_exc.take();
        let e = self.new_exc(E::CancelledError, args);
        if let Some(s) = saved {
            e.exc_mut().context = Some(s);
        }
        e
    }

    /// `Future.result()` (SPEC F1): clears `_log_traceback` (SPEC R2). The exception is
    /// raised anew (it gets its `__context__`, as `PyErr_SetObject` gives it).
    pub fn future_result(&mut self, f: FutId) -> PyResult {
        match self.futs[f.0].state {
            FutState::Cancelled => {
                let e = self.make_cancelled_error(f);
                self.set_context(&e);
                Err(e)
            }
            FutState::Pending => {
                // F5: the C and Python implementations word this differently.
                let msg = match self.imp {
                    Impl::C => "Result is not set.",
                    Impl::Py => "Result is not ready.",
                };
                Err(self.err(E::InvalidStateError, msg))
            }
            FutState::Finished => {
                self.tl_retrieving(f);
                self.futs[f.0].log_traceback = false;
                match self.futs[f.0].exception.clone() {
                    Some(e) => {
                        self.set_context(&e);
                        Err(e)
                    }
                    None => Ok(self.futs[f.0].result.clone()),
                }
            }
        }
    }

    /// `Future.exception()` (SPEC F4): clears `_log_traceback` (SPEC R3).
    pub fn future_exception(&mut self, f: FutId) -> PyResult<Option<Exc>> {
        match self.futs[f.0].state {
            FutState::Cancelled => {
                let e = self.make_cancelled_error(f);
                self.set_context(&e);
                Err(e)
            }
            FutState::Pending => Err(self.err(E::InvalidStateError, "Exception is not set.")),
            FutState::Finished => {
                self.tl_retrieving(f);
                self.futs[f.0].log_traceback = false;
                Ok(self.futs[f.0].exception.clone())
            }
        }
    }

    /// A gather's outer future just completed: the trace records what gather returned.
    fn record_gather_outcome(&mut self, f: FutId) {
        if let FutKind::Gathering(g) = self.futs[f.0].kind {
            let outcome = self.outcome_of(f);
            let ev = Event::Gather {
                id: self.gathers[g].id,
                t: self.time,
                outcome,
                shutdown: self.gathers[g].shutdown,
            };
            self.record(ev);
        }
    }
}
