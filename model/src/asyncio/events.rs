//! `events.Handle` / `TimerHandle`, and the callbacks asyncio schedules with them.

use std::rc::Rc;

use crate::lang::value::{Exc, FutId, Value};

/// A callable the loop can schedule: the callbacks CPython passes to `call_soon`,
/// `call_later` and `add_done_callback` on the paths the model covers. Done callbacks receive
/// the future as their argument (`Handle::arg`).
#[derive(Clone, Debug)]
pub enum Callback {
    /// `Task.__step(exc)`.
    TaskStep { task: FutId, exc: Option<Exc> },
    /// `Task.__wakeup(future)`.
    TaskWakeup { task: FutId },
    /// The `_done_callback` closure of one `gather()` call.
    GatherDone { gather: usize },
    /// The `_on_completion` closure of one `_wait()` call.
    WaitCompletion { wait: usize },
    /// `functools.partial(_release_waiter, waiter)` (or `_release_waiter` with `waiter` bound
    /// by `call_later`). `tag` tells apart partials made by different calls, since CPython
    /// compares them by identity in `remove_done_callback`.
    ReleaseWaiter { waiter: FutId, tag: usize },
    /// `futures._set_result_unless_cancelled(fut, result)`, sleep's timer.
    SetResultUnlessCancelled { fut: FutId, value: Value },
    /// `base_events._run_until_complete_cb`.
    RunUntilCompleteCb,
    /// `loop.stop`.
    LoopStop,
    /// `Timeout._on_timeout` of one `asyncio.timeout()` (wait_for on 3.12+).
    TimeoutOnTimeout { timeout: usize },
    /// A callable of the program (`call_soon(f, *args)`, `add_done_callback(f)`), with its
    /// positional arguments (a done callback also gets the future first).
    Program { func: Value, args: Rc<Vec<Value>> },
}

impl Callback {
    /// Equality as `remove_done_callback` sees it (`==` on the callable).
    pub fn same(&self, other: &Callback) -> bool {
        use Callback::*;
        match (self, other) {
            (TaskWakeup { task: a }, TaskWakeup { task: b }) => a == b,
            (GatherDone { gather: a }, GatherDone { gather: b }) => a == b,
            (WaitCompletion { wait: a }, WaitCompletion { wait: b }) => a == b,
            (ReleaseWaiter { tag: a, .. }, ReleaseWaiter { tag: b, .. }) => a == b,
            (RunUntilCompleteCb, RunUntilCompleteCb) => true,
            (Program { func: a, .. }, Program { func: b, .. }) => same_callable(a, b),
            _ => false,
        }
    }
}

/// `f != fn` as `remove_done_callback` evaluates it for the callables programs pass: a
/// function is equal only to itself; a bound method to one of the same function bound to the
/// same object.
pub fn same_callable(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
        (Value::Native(x), Value::Native(y)) => {
            Rc::ptr_eq(x, y)
                || (x.name == y.name
                    && x.owner == y.owner
                    && match (&x.this, &y.this) {
                        (Some(p), Some(q)) => p.is_same(q).unwrap_or(false),
                        (None, None) => true,
                        _ => false,
                    })
        }
        (Value::Method(x), Value::Method(y)) => {
            same_callable(&x.0, &y.0) && x.1.is_same(&y.1).unwrap_or(false)
        }
        _ => false,
    }
}

/// `events.Handle` / `events.TimerHandle`.
#[derive(Clone, Debug)]
pub struct Handle {
    pub callback: Callback,
    pub arg: Option<FutId>,
    pub cancelled: bool,
    /// The deadline of a TimerHandle.
    pub when: Option<f64>,
    /// Scheduled by the program's own `loop.call_at` (its deadline is a value the program
    /// computed, not a fresh clock reading: see `BaseEventLoop::program_timer_at`).
    pub program_at: bool,
}

/// The event loop policy's current loop (`events.py` `BaseDefaultEventLoopPolicy`), which
/// `get_event_loop()` and, outside a running loop, `gather()` read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CurrentLoop {
    /// `set_event_loop` was never called: `get_event_loop()` makes a loop (with a
    /// DeprecationWarning from 3.10), or raises from 3.14.
    #[default]
    Unset,
    /// `set_event_loop(None)`, also what `asyncio.run` leaves: `get_event_loop()` raises.
    Cleared,
    /// `set_event_loop(loop)`, also `asyncio.run`'s loop while it runs.
    Loop(usize),
}
