//! Retrieval tracking's output: the exception handler that receives "... exception was never
//! retrieved" reports (asyncio's `loop.call_exception_handler`).

use std::cell::RefCell;
use std::sync::{Arc as StdArc, Mutex as StdMutex, OnceLock};

/// One report, as asyncio's exception handler context has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// `Task exception was never retrieved`, `_GatheringFuture exception was never retrieved`.
    pub message: String,
    /// The future's name (`Task-3`, or the name given at spawn).
    pub future: String,
    /// `Debug` of the exception.
    pub exception: String,
}

/// Receives reports. The default writes them to stderr as Python's default handler does.
pub type Handler = StdArc<dyn Fn(Report) + Send + Sync>;

fn default_handler() -> Handler {
    StdArc::new(|r: Report| {
        eprintln!(
            "{}\nfuture: <{}> exception={}",
            r.message, r.future, r.exception
        );
    })
}

static GLOBAL: OnceLock<StdMutex<Handler>> = OnceLock::new();

thread_local! {
    static SCOPED: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

/// Replace the process-wide handler: futures made outside [`with_exception_handler`] report to
/// the one installed when they report (as asyncio calls the loop's current handler).
pub fn set_exception_handler(h: Handler) {
    let g = GLOBAL.get_or_init(|| StdMutex::new(default_handler()));
    *g.lock().unwrap_or_else(|p| p.into_inner()) = h;
}

/// Run `f` with `h` as the handler of every future created inside it on this thread (futures
/// keep the handler they were created with, whichever thread later drops them).
pub fn with_exception_handler<R>(h: Handler, f: impl FnOnce() -> R) -> R {
    scoped(Some(h), f)
}

/// Run `f` with `h` as this thread's scoped handler (None: the process-wide one).
pub(crate) fn scoped<R>(h: Option<Handler>, f: impl FnOnce() -> R) -> R {
    let prev = SCOPED.with(|s| std::mem::replace(&mut *s.borrow_mut(), h));
    let r = f();
    SCOPED.with(|s| *s.borrow_mut() = prev);
    r
}

/// The handler a future created now would report to (for code that reports on its own, as
/// `asyncio.run`'s shutdown does).
pub fn current_handler() -> Handler {
    resolve(&current())
}

/// The scoped handler a future created now keeps; None means the process-wide handler, looked
/// up when it reports (as asyncio looks up the loop's handler when it calls it), so that
/// making a future takes no global lock.
pub(crate) fn current() -> Option<Handler> {
    SCOPED.with(|s| s.borrow().clone())
}

/// Where a future that kept `h` reports.
pub(crate) fn resolve(h: &Option<Handler>) -> Handler {
    match h {
        Some(h) => h.clone(),
        None => GLOBAL
            .get_or_init(|| StdMutex::new(default_handler()))
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone(),
    }
}

/// A handler that collects reports, for tests.
#[derive(Clone, Default)]
pub struct Collector {
    reports: StdArc<StdMutex<Vec<Report>>>,
}

impl Collector {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }
    /// A handler that appends to this collector.
    pub fn handler(&self) -> Handler {
        let r = self.reports.clone();
        StdArc::new(move |rep| r.lock().unwrap_or_else(|p| p.into_inner()).push(rep))
    }
    /// The reports so far (emptying the collector).
    pub fn take(&self) -> Vec<Report> {
        std::mem::take(&mut *self.reports.lock().unwrap_or_else(|p| p.into_inner()))
    }
}
