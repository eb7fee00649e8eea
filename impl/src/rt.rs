//! Which runtime runs a task: aiospec's asyncio-order executor when inside one, else tokio's
//! current runtime (current_thread, paused or not, or multi_thread).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc as StdArc, Mutex as StdMutex};
use std::time::Duration;

pub(crate) type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// A callback queued with `call_soon`.
pub(crate) type Call = Box<dyn FnOnce() + Send>;

/// A runtime that can schedule callbacks and timers and run spawned futures.
pub trait Schedule: Send + Sync {
    /// `loop.call_soon(f)`.
    fn call_soon(&self, f: Box<dyn FnOnce() + Send>);
    /// `loop.call_later(delay, f)`; the returned closure cancels the timer.
    fn call_later(&self, delay: Duration, f: Box<dyn FnOnce() + Send>) -> Box<dyn FnOnce() + Send>;
    /// Run `fut` as a new task of this runtime.
    fn spawn(&self, fut: BoxFuture);
}

/// The runtime a future belongs to (asyncio's `future._loop`): held by value in every future,
/// so that making one allocates nothing for it (a tokio `Handle` is a reference count).
#[derive(Clone)]
pub(crate) enum Sched {
    /// aiospec's executor (or another `Schedule`).
    Custom(StdArc<dyn Schedule>),
    /// A tokio runtime.
    Tokio(tokio::runtime::Handle),
}

impl Sched {
    /// `loop.call_soon(f)`: never inline (SPEC F2).
    pub(crate) fn call_soon(&self, f: Call) {
        match self {
            Sched::Custom(s) => s.call_soon(f),
            Sched::Tokio(h) => tokio_call_soon(h, f),
        }
    }

    /// `loop.call_later(delay, f)`; the returned closure cancels the timer. On tokio a timer
    /// is a `tokio::time::sleep` task, so paused time works.
    pub(crate) fn call_later(&self, delay: Duration, f: Call) -> Call {
        match self {
            Sched::Custom(s) => s.call_later(delay, f),
            Sched::Tokio(h) => {
                let t = h.spawn(async move {
                    tokio::time::sleep(delay).await;
                    f();
                });
                Box::new(move || t.abort())
            }
        }
    }

    /// Run `fut` as a new task: tokio takes it unboxed (one allocation, its own).
    pub(crate) fn spawn<F: Future<Output = ()> + Send + 'static>(&self, fut: F) {
        match self {
            Sched::Custom(s) => s.spawn(Box::pin(fut)),
            Sched::Tokio(h) => {
                seal_batch();
                drop(h.spawn(fut))
            }
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<StdArc<dyn Schedule>>> = const { RefCell::new(None) };
    /// This thread's open batch of tokio callbacks (see [`tokio_call_soon`]).
    static BATCH: RefCell<Option<StdArc<Batch>>> = const { RefCell::new(None) };
}

/// Make `s` the current runtime of this thread while `f` runs.
pub(crate) fn enter<R>(s: StdArc<dyn Schedule>, f: impl FnOnce() -> R) -> R {
    let prev = CURRENT.with(|c| c.borrow_mut().replace(s));
    let r = f();
    CURRENT.with(|c| *c.borrow_mut() = prev);
    r
}

/// The scheduler done callbacks go through: aiospec's executor, or tokio's runtime; None
/// (callbacks run inline) outside both, as under loom.
pub(crate) fn current_scheduler() -> Option<Sched> {
    if let Some(s) = CURRENT.with(|c| c.borrow().clone()) {
        return Some(Sched::Custom(s));
    }
    tokio::runtime::Handle::try_current().ok().map(Sched::Tokio)
}

/// The error when no runtime is running (asyncio's "no running event loop").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoRuntime;

impl std::fmt::Display for NoRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no running event loop: call from inside aiospec's Executor or a tokio runtime"
        )
    }
}

impl std::error::Error for NoRuntime {}

/// The runtime to use from this thread.
pub(crate) fn current() -> Result<Sched, NoRuntime> {
    current_scheduler().ok_or(NoRuntime)
}

/// Callbacks queued on tokio, run in order by one spawned task. `None` once that task has
/// taken them (or was dropped unrun, when its runtime shut down).
struct Batch {
    calls: StdMutex<Option<Vec<Call>>>,
}

/// Closes its batch even if the task that runs it is dropped unpolled (a runtime shut down),
/// so that a later runtime on this thread does not queue into a batch nobody will run.
struct Drain(StdArc<Batch>);

impl Drain {
    fn take(&self) -> Vec<Call> {
        self.0
            .calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .unwrap_or_default()
    }
}

impl Drop for Drain {
    fn drop(&mut self) {
        drop(self.take());
    }
}

/// tokio has no `call_soon`. Like asyncio, a done callback never runs inside the code that
/// completed the future (SPEC F2): it is queued, and the queue is run by a spawned task.
/// Callbacks queued on one thread before that task runs share it (one spawn per batch, not
/// per callback: gather over N tasks spawns one, not N), and run in the order queued.
///
/// A batch stays open only while nothing else is scheduled from this thread: [`seal_batch`]
/// closes it when a task is spawned or woken, so a callback queued after that runs after it,
/// as in asyncio's FIFO ready queue.
fn tokio_call_soon(h: &tokio::runtime::Handle, f: Call) {
    let f = BATCH.with(|b| {
        let b = b.borrow();
        match b.as_ref() {
            Some(batch) => {
                let mut calls = batch.calls.lock().unwrap_or_else(|p| p.into_inner());
                match calls.as_mut() {
                    Some(v) => {
                        v.push(f);
                        None
                    }
                    None => Some(f),
                }
            }
            None => Some(f),
        }
    });
    let Some(f) = f else { return };
    let batch = StdArc::new(Batch {
        calls: StdMutex::new(Some(vec![f])),
    });
    BATCH.with(|b| *b.borrow_mut() = Some(batch.clone()));
    let drain = Drain(batch);
    drop(h.spawn(async move {
        for f in drain.take() {
            f();
        }
    }));
}

/// Callbacks queued from now on go to a new batch, run after whatever was just scheduled.
pub(crate) fn seal_batch() {
    BATCH.with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            b.take();
        }
    });
}
