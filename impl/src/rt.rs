//! Which runtime runs a task: aiospec's asyncio-order executor when inside one, else tokio's
//! current runtime (current_thread, paused or not, or multi_thread).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc as StdArc;
use std::time::Duration;

pub(crate) type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// A runtime that can schedule callbacks and timers and run spawned futures.
pub trait Schedule: Send + Sync {
    /// `loop.call_soon(f)`.
    fn call_soon(&self, f: Box<dyn FnOnce() + Send>);
    /// `loop.call_later(delay, f)`; the returned closure cancels the timer.
    fn call_later(&self, delay: Duration, f: Box<dyn FnOnce() + Send>) -> Box<dyn FnOnce() + Send>;
    /// Run `fut` as a new task of this runtime.
    fn spawn(&self, fut: BoxFuture);
}

thread_local! {
    static CURRENT: RefCell<Option<StdArc<dyn Schedule>>> = const { RefCell::new(None) };
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
pub(crate) fn current_scheduler() -> Option<StdArc<dyn Schedule>> {
    if let Some(s) = CURRENT.with(|c| c.borrow().clone()) {
        return Some(s);
    }
    tokio::runtime::Handle::try_current()
        .ok()
        .map(|h| StdArc::new(Tokio(h)) as StdArc<dyn Schedule>)
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
pub(crate) fn current() -> Result<StdArc<dyn Schedule>, NoRuntime> {
    current_scheduler().ok_or(NoRuntime)
}

/// tokio as a `Schedule`: a callback is a spawned task (tokio has no `call_soon`; like
/// asyncio, a done callback never runs inside the code that completed the future), timers are
/// `tokio::time::sleep` tasks (so paused time works).
struct Tokio(tokio::runtime::Handle);

impl Schedule for Tokio {
    fn call_soon(&self, f: Box<dyn FnOnce() + Send>) {
        drop(self.0.spawn(async move { f() }));
    }
    fn call_later(&self, delay: Duration, f: Box<dyn FnOnce() + Send>) -> Box<dyn FnOnce() + Send> {
        let h = self.0.spawn(async move {
            tokio::time::sleep(delay).await;
            f();
        });
        Box::new(move || h.abort())
    }
    fn spawn(&self, fut: BoxFuture) {
        drop(self.0.spawn(fut));
    }
}
