//! `events.Handle` / `TimerHandle`, and the callbacks asyncio schedules with them.

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
            _ => false,
        }
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
}
