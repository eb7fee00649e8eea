//! Which runtime runs a task: aiospec's asyncio-order executor when inside one, the
//! multi-worker executor used by model checkers ([`crate::workers`]), else tokio's current
//! runtime (current_thread, paused or not, or multi_thread).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex as StdMutex;
use std::time::Duration;

use crate::sync::{facade_thread_local, Arc};

pub(crate) type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// A done callback, scheduled: run by [`Call::run`], or dropped unrun when its runtime shuts
/// down (which drops the callback too, so that nothing it holds leaks).
pub(crate) trait Fire: Send + Sync {
    /// Run the future's next scheduled callback.
    fn fire(self: Arc<Self>);
    /// Drop the future's next scheduled callback unrun.
    fn discard(self: Arc<Self>);
}

/// A scheduled future's callbacks: the future itself, type-erased (no allocation).
pub(crate) struct FireCall(Option<Arc<dyn Fire>>);

impl Drop for FireCall {
    fn drop(&mut self) {
        if let Some(f) = self.0.take() {
            f.discard();
        }
    }
}

/// What `call_soon` queues: a closure, or the next done callback of a future (the common
/// case, which allocates nothing).
pub(crate) enum Call {
    Fn(Box<dyn FnOnce() + Send>),
    Fire(FireCall),
}

impl Call {
    pub(crate) fn fire(f: Arc<dyn Fire>) -> Call {
        Call::Fire(FireCall(Some(f)))
    }

    pub(crate) fn run(self) {
        match self {
            Call::Fn(f) => f(),
            Call::Fire(mut f) => {
                if let Some(f) = f.0.take() {
                    f.fire()
                }
            }
        }
    }
}

/// A runtime that can schedule callbacks and timers and run spawned futures, other than the
/// two `Sched` knows by name.
pub(crate) trait Schedule: Send + Sync {
    /// `loop.call_soon(f)`.
    fn call_soon(&self, f: Call);
    /// `loop.call_later(delay, f)`; the returned closure cancels the timer.
    fn call_later(&self, delay: Duration, f: Box<dyn FnOnce() + Send>) -> Box<dyn FnOnce() + Send>;
    /// Run `fut` as a new task of this runtime.
    fn spawn(&self, fut: BoxFuture);
    /// `loop.time()`, virtual.
    fn now(&self) -> Duration;
}

/// The runtime a future belongs to (asyncio's `future._loop`): held by value in every future,
/// so that making one allocates nothing for it (a tokio `Handle` is a reference count).
#[derive(Clone)]
pub(crate) enum Sched {
    /// aiospec's asyncio-order executor.
    Executor(crate::executor::Handle),
    /// Another `Schedule` (the model checkers' multi-worker executor).
    Custom(Arc<dyn Schedule>),
    /// A tokio runtime.
    Tokio(tokio::runtime::Handle),
}

impl Sched {
    /// `loop.call_soon(f)`: never inline (SPEC F2).
    pub(crate) fn call_soon(&self, f: Call) {
        match self {
            Sched::Executor(h) => h.call_soon(f),
            Sched::Custom(s) => s.call_soon(f),
            Sched::Tokio(h) => tokio_call_soon(h, f),
        }
    }

    /// `loop.call_later(delay, f)`; the returned closure cancels the timer. On tokio a timer
    /// is a `tokio::time::sleep` task, so paused time works.
    pub(crate) fn call_later(
        &self,
        delay: Duration,
        f: Box<dyn FnOnce() + Send>,
    ) -> Box<dyn FnOnce() + Send> {
        match self {
            Sched::Executor(h) => h.call_later(delay, f),
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

    /// Run `fut` as a new task: tokio and the executor take it unboxed (one allocation).
    pub(crate) fn spawn<F: Future<Output = ()> + Send + 'static>(&self, fut: F) {
        match self {
            Sched::Executor(h) => h.spawn(fut),
            Sched::Custom(s) => s.spawn(Box::pin(fut)),
            Sched::Tokio(h) => {
                seal_batch();
                drop(h.spawn(fut))
            }
        }
    }

    /// `loop.time()`.
    pub(crate) fn now(&self) -> crate::loop_time::LoopTime {
        use crate::loop_time::LoopTime;
        match self {
            Sched::Executor(h) => LoopTime::virtual_time(h.now()),
            Sched::Custom(s) => LoopTime::virtual_time(s.now()),
            Sched::Tokio(_) => LoopTime::tokio(tokio::time::Instant::now()),
        }
    }

    /// `loop.call_at(when, f)` (`call_soon` when `when` has passed, as `Timeout.reschedule`
    /// does it); the returned closure cancels it.
    pub(crate) fn call_at(
        &self,
        when: crate::loop_time::LoopTime,
        f: Box<dyn FnOnce() + Send>,
    ) -> Box<dyn FnOnce() + Send> {
        match when.checked_duration_since(self.now()) {
            Some(d) if !d.is_zero() => self.call_later(d, f),
            _ => {
                let cancelled = Arc::new(crate::sync::AtomicBool::new(false));
                let c = cancelled.clone();
                self.call_soon(Call::Fn(Box::new(move || {
                    if !c.load(crate::sync::Ordering::Acquire) {
                        f()
                    }
                })));
                Box::new(move || cancelled.store(true, crate::sync::Ordering::Release))
            }
        }
    }

    /// Is this tokio (whose wake-ups close the open batch of callbacks)?
    pub(crate) fn is_tokio(&self) -> bool {
        matches!(self, Sched::Tokio(_))
    }
}

facade_thread_local! {
    static CURRENT: RefCell<Option<Sched>> = RefCell::new(None);
}

std::thread_local! {
    /// This thread's open batch of tokio callbacks (see [`tokio_call_soon`]); tokio never
    /// runs under loom or shuttle, so a std thread-local.
    static BATCH: RefCell<Option<Arc<Batch>>> = const { RefCell::new(None) };
}

/// Make `s` the current runtime of this thread while `f` runs.
pub(crate) fn enter<R>(s: Sched, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Sched>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            let _ = CURRENT.try_with(|c| *c.borrow_mut() = prev);
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(s)));
    f()
}

/// The scheduler done callbacks go through: aiospec's executors, or tokio's runtime; None
/// (callbacks run inline) outside all of them.
pub(crate) fn current_scheduler() -> Option<Sched> {
    if let Some(s) = CURRENT.with(|c| c.borrow().clone()) {
        return Some(s);
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
    calls: StdMutex<Option<crate::callbacks::Queue<Call>>>,
}

/// Closes its batch even if the task that runs it is dropped unpolled (a runtime shut down),
/// so that a later runtime on this thread does not queue into a batch nobody will run.
struct Drain(Arc<Batch>);

impl Drain {
    fn take(&self) -> crate::callbacks::Queue<Call> {
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
                    Some(q) => {
                        q.push(f);
                        None
                    }
                    None => Some(f),
                }
            }
            None => Some(f),
        }
    });
    let Some(f) = f else { return };
    let batch = Arc::new(Batch {
        calls: StdMutex::new(Some(crate::callbacks::Queue::one(f))),
    });
    BATCH.with(|b| *b.borrow_mut() = Some(batch.clone()));
    let drain = Drain(batch);
    drop(h.spawn(async move {
        let mut calls = drain.take();
        while let Some(f) = calls.pop() {
            f.run();
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
