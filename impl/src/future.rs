//! `AioFuture`: asyncio's `Future`: a result slot with done callbacks, cancellation and
//! retrieval tracking, shared by every handle (tasks and gathers are built on it).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::callbacks::Callbacks;
use crate::raised::Raised;
use crate::report::{self, Handler, Report};
use crate::rt::Sched;
use crate::sync::{lock, Arc, Mutex};

type Callback<T, E> = Box<dyn FnOnce(&AioFuture<T, E>) + Send>;

/// A done callback shared by many futures: gather's and wait's, one object for all their
/// children, so registering it on a child allocates nothing.
pub(crate) trait DoneCallback<T, E>: Send + Sync {
    fn call(&self, fut: &AioFuture<T, E>);
}

/// Overrides `cancel()` (a Task's and a gather's differ from a plain future's). It gets the
/// future as an argument, so that it need not own a handle to it (no reference cycle: a
/// future nobody holds is dropped, and reports, SPEC R6).
pub(crate) enum CancelHook<T, E> {
    /// `Task.cancel` (SPEC T6, T8).
    Task(Arc<crate::task::TaskCtl>),
    /// Anything else (`_GatheringFuture.cancel`, SPEC G6).
    Fn(CancelFn<T, E>),
}

/// A custom `cancel()`.
pub(crate) type CancelFn<T, E> =
    std::sync::Arc<dyn Fn(&AioFuture<T, E>, Option<String>) -> bool + Send + Sync>;

/// Something a task can be waiting on, whose cancellation the task's `cancel()` forwards to
/// (asyncio's `_fut_waiter`).
pub(crate) trait Waitable: Send + Sync {
    fn cancel_waitable(&self, msg: Option<String>) -> bool;
}

/// A done callback, or a task waiting in `await` (asyncio's `Task.__wakeup`, which is a done
/// callback too): one list, so they run in the order they were added (SPEC F2).
enum Cb<T, E> {
    Call(Callback<T, E>),
    Shared(std::sync::Arc<dyn DoneCallback<T, E>>),
    Wake(Waker),
}

struct State<T, E> {
    outcome: Option<Result<T, Raised<E>>>,
    callbacks: Callbacks<Cb<T, E>>,
    /// Called synchronously at completion, before the done callbacks (for tracing).
    observers: Vec<Callback<T, E>>,
    /// Cancelled (asyncio's `_state == CANCELLED`), as opposed to finished with a
    /// `CancelledError` exception (what a cancelled gather is, SPEC G6).
    cancelled: bool,
    /// `_log_traceback`: set when finished with an exception, cleared by `result()`,
    /// `exception()`, `await` and `cancel()` (SPEC R1–R4).
    log_traceback: bool,
    next_id: u64,
}

/// A future's name, formatted only when asked for: a task is numbered when it is made, as in
/// asyncio (`Task-3`), but making one formats nothing.
pub(crate) enum Name {
    Static(&'static str),
    Task(u64),
    Given(Box<str>),
}

pub(crate) struct Inner<T, E> {
    state: Mutex<State<T, E>>,
    /// A task still pending when dropped reports "Task was destroyed but it is pending!"
    /// (SPEC R8), unless this is cleared.
    log_destroy_pending: std::sync::atomic::AtomicBool,
    class: &'static str,
    name: Name,
    formatted_name: std::sync::OnceLock<Box<str>>,
    /// The scoped handler when it was made; None: the process-wide one (`report::resolve`).
    handler: Option<Handler>,
    hook: std::sync::OnceLock<CancelHook<T, E>>,
    scheduler: Option<Sched>,
    describe: fn(&Raised<E>) -> String,
}

impl<T, E> Inner<T, E> {
    fn name(&self) -> &str {
        match &self.name {
            Name::Static(s) => s,
            Name::Given(s) => s,
            Name::Task(n) => self
                .formatted_name
                .get_or_init(|| format!("Task-{n}").into_boxed_str()),
        }
    }
}

impl<T, E> Drop for Inner<T, E> {
    fn drop(&mut self) {
        let st = match self.state.get_mut() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        let destroyed_pending = st.outcome.is_none()
            && self.class == "Task"
            && self
                .log_destroy_pending
                .load(std::sync::atomic::Ordering::Relaxed);
        // R6: destroyed with its exception unretrieved: exactly one report.
        let unretrieved = match &st.outcome {
            Some(Err(e)) if st.log_traceback => Some((self.describe)(e)),
            _ => None,
        };
        if destroyed_pending {
            report::resolve(&self.handler)(Report {
                message: "Task was destroyed but it is pending!".into(),
                future: self.name().to_string(),
                exception: String::new(),
            });
        }
        if let Some(exception) = unretrieved {
            report::resolve(&self.handler)(Report {
                message: format!("{} exception was never retrieved", self.class),
                future: self.name().to_string(),
                exception,
            });
        }
    }
}

/// An asyncio `Future`: cloning gives another handle to the same future.
///
/// Awaiting it returns its result, or the error it finished with (which counts as retrieving
/// it); a `Raised::Cancelled` if it was cancelled.
pub struct AioFuture<T, E> {
    pub(crate) inner: Arc<Inner<T, E>>,
}

impl<T, E> Clone for AioFuture<T, E> {
    fn clone(&self) -> Self {
        AioFuture {
            inner: self.inner.clone(),
        }
    }
}

impl<T, E> fmt::Debug for AioFuture<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let done = lock(&self.inner.state).outcome.is_some();
        write!(
            f,
            "<{} {} {}>",
            self.inner.class,
            self.inner.name(),
            if done { "done" } else { "pending" }
        )
    }
}

/// Identifies a done callback for `remove_done_callback`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackId(u64);

impl<T, E> AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// A new pending future (`loop.create_future()`).
    pub fn new() -> Self {
        Self::with_class("Future", Name::Static("Future"), None)
    }

    /// A future of `class`; a `hook` given here costs no synchronisation (a task's), one set
    /// later goes through `set_hook` (a gather's, which must exist before its hook can).
    pub(crate) fn with_class(
        class: &'static str,
        name: Name,
        hook: Option<CancelHook<T, E>>,
    ) -> Self {
        AioFuture {
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    outcome: None,
                    cancelled: false,
                    callbacks: Callbacks::default(),
                    observers: Vec::new(),
                    log_traceback: false,
                    next_id: 0,
                }),
                log_destroy_pending: std::sync::atomic::AtomicBool::new(true),
                class,
                name,
                formatted_name: std::sync::OnceLock::new(),
                handler: report::current(),
                hook: match hook {
                    Some(h) => std::sync::OnceLock::from(h),
                    None => std::sync::OnceLock::new(),
                },
                scheduler: crate::rt::current_scheduler(),
                describe: |e| format!("{e}"),
            }),
        }
    }

    /// The scoped exception handler this future reports to (None: the process-wide one).
    pub(crate) fn handler(&self) -> Option<Handler> {
        self.inner.handler.clone()
    }

    /// Are these two handles to the same future?
    pub fn same(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// The future's identity (its address), for sets of futures.
    pub(crate) fn key(&self) -> usize {
        &*self.inner as *const Inner<T, E> as usize
    }

    /// Set once, when a task or gather is made, before anyone else holds the future.
    pub(crate) fn set_hook(&self, hook: CancelHook<T, E>) {
        let _ = self.inner.hook.set(hook);
    }

    /// The name reports use (`Task-3`).
    pub fn name(&self) -> &str {
        self.inner.name()
    }

    /// `done()`: finished, failed or cancelled.
    pub fn done(&self) -> bool {
        lock(&self.inner.state).outcome.is_some()
    }

    /// `cancelled()`: cancelled, as opposed to finished with a `CancelledError` (SPEC G6).
    pub fn cancelled(&self) -> bool {
        lock(&self.inner.state).cancelled
    }

    /// The outcome, without retrieving it (for tracing; asyncio has no such method).
    pub fn peek(&self) -> Option<Result<T, Raised<E>>> {
        lock(&self.inner.state).outcome.clone()
    }

    /// `result()`: the value, or the error it finished with; retrieves it (SPEC R2, F1).
    pub fn result(&self) -> Result<T, Raised<E>> {
        let mut st = lock(&self.inner.state);
        match &st.outcome {
            None => Err(Raised::InvalidState("Result is not set.")),
            Some(o) => {
                let o = o.clone();
                if !st.cancelled {
                    st.log_traceback = false;
                }
                o
            }
        }
    }

    /// `result()` and `cancelled()` in one lock (gather's final results loop).
    pub(crate) fn result_and_cancelled(&self) -> (Result<T, Raised<E>>, bool) {
        let mut st = lock(&self.inner.state);
        let cancelled = st.cancelled;
        match &st.outcome {
            None => (Err(Raised::InvalidState("Result is not set.")), false),
            Some(o) => {
                let o = o.clone();
                if !cancelled {
                    st.log_traceback = false;
                }
                (o, cancelled)
            }
        }
    }

    /// `exception()`: the error, None on success; retrieves it (SPEC R3, F4).
    pub fn exception(&self) -> Result<Option<Raised<E>>, Raised<E>> {
        let mut st = lock(&self.inner.state);
        match &st.outcome {
            None => Err(Raised::InvalidState("Exception is not set.")),
            Some(Err(Raised::Cancelled(m))) if st.cancelled => Err(Raised::Cancelled(m.clone())),
            Some(o) => {
                let e = o.as_ref().err().cloned();
                st.log_traceback = false;
                Ok(e)
            }
        }
    }

    /// A done future's outcome, read and retrieved in one lock (None while pending): its
    /// error (a cancelled future's is `Raised::Cancelled` with the message), marked retrieved
    /// as `exception()` does (SPEC R3; a cancelled future has nothing to retrieve). gather's
    /// callback reads a child through this, since `cancelled()` then `exception()` would take
    /// the lock twice per child.
    pub(crate) fn settled(&self) -> Option<Result<(), Raised<E>>> {
        let mut st = lock(&self.inner.state);
        let out = match st.outcome.as_ref()? {
            Err(e) => Err(e.clone()),
            Ok(_) => Ok(()),
        };
        st.log_traceback = false;
        Some(out)
    }

    /// Finish with a value. Returns false if already done.
    pub fn set_result(&self, v: T) -> bool {
        self.complete(Ok(v))
    }

    /// Finish with an error (marks it not retrieved, SPEC R1). Returns false if already done.
    pub fn set_exception(&self, e: Raised<E>) -> bool {
        self.complete(Err(e))
    }

    /// Complete unless already done; runs (or schedules) the done callbacks in the order they
    /// were added (SPEC F2) and wakes every awaiter.
    pub(crate) fn complete(&self, o: Result<T, Raised<E>>) -> bool {
        self.finish(o, false)
    }

    /// Cancel: the future's state becomes cancelled (not "finished with CancelledError").
    pub(crate) fn complete_cancelled(&self, msg: Option<String>) -> bool {
        self.finish(Err(Raised::Cancelled(msg)), true)
    }

    fn finish(&self, o: Result<T, Raised<E>>, cancelled: bool) -> bool {
        let callbacks = {
            let mut st = lock(&self.inner.state);
            if st.outcome.is_some() {
                return false;
            }
            // R1: any exception set is unretrieved, a CancelledError included; a cancellation
            // is not.
            st.log_traceback = o.is_err() && !cancelled;
            st.cancelled = cancelled;
            st.outcome = Some(o);
            (st.callbacks.take(), std::mem::take(&mut st.observers))
        };
        let (callbacks, observers) = callbacks;
        for f in observers {
            f(self);
        }
        let tokio = matches!(self.inner.scheduler, Some(Sched::Tokio(_)));
        for cb in callbacks {
            match cb {
                Cb::Wake(w) => {
                    // Waking queues the task on its runtime, as call_soon(__wakeup) does;
                    // callbacks queued after it run after it.
                    if tokio {
                        crate::rt::seal_batch();
                    }
                    w.wake()
                }
                cb => self.run_callback(cb),
            }
        }
        true
    }

    /// Schedule a done callback with `call_soon` (SPEC F2), or run it now without a runtime.
    fn run_callback(&self, cb: Cb<T, E>) {
        match (&self.inner.scheduler, cb) {
            (_, Cb::Wake(w)) => w.wake(),
            (Some(s), Cb::Call(f)) => {
                let me = self.clone();
                s.call_soon(Box::new(move || f(&me)));
            }
            (Some(s), Cb::Shared(f)) => {
                let me = self.clone();
                s.call_soon(Box::new(move || f.call(&me)));
            }
            (None, Cb::Call(f)) => f(self),
            (None, Cb::Shared(f)) => f.call(self),
        }
    }

    /// `cancel(msg)`: dispatched to a task's or gather's own cancel, else a plain future's.
    pub fn cancel(&self, msg: Option<String>) -> bool {
        match self.inner.hook.get() {
            Some(CancelHook::Task(ctl)) => crate::task::task_cancel(self, ctl, msg),
            Some(CancelHook::Fn(h)) => h(self, msg),
            None => self.cancel_plain(msg),
        }
    }

    /// `Future.cancel`: clears the retrieval flag even when it returns false (SPEC R4).
    pub(crate) fn cancel_plain(&self, msg: Option<String>) -> bool {
        {
            let mut st = lock(&self.inner.state);
            st.log_traceback = false;
            if st.outcome.is_some() {
                return false;
            }
        }
        self.complete_cancelled(msg)
    }

    pub(crate) fn clear_log_traceback(&self) {
        lock(&self.inner.state).log_traceback = false;
    }

    /// Call `f` synchronously when the future completes, before its done callbacks (at once
    /// if it is done). For tracing: asyncio has no such hook, its callbacks are scheduled.
    pub fn observe(&self, f: impl FnOnce(&AioFuture<T, E>) + Send + 'static) {
        let mut st = lock(&self.inner.state);
        if st.outcome.is_some() {
            drop(st);
            f(self);
        } else {
            st.observers.push(Box::new(f));
        }
    }

    /// Don't report this task if it is dropped while pending (tasks `gather` makes for
    /// coroutines, in asyncio).
    pub fn set_log_destroy_pending(&self, on: bool) {
        self.inner
            .log_destroy_pending
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// `add_done_callback`: on a done future the callback runs (or is scheduled) at once.
    pub fn add_done_callback(
        &self,
        f: impl FnOnce(&AioFuture<T, E>) + Send + 'static,
    ) -> CallbackId {
        self.add_cb(Cb::Call(Box::new(f)))
    }

    /// `add_done_callback` of a callback shared by many futures (gather's, wait's).
    pub(crate) fn add_shared_callback(
        &self,
        f: std::sync::Arc<dyn DoneCallback<T, E>>,
    ) -> CallbackId {
        self.add_cb(Cb::Shared(f))
    }

    fn add_cb(&self, cb: Cb<T, E>) -> CallbackId {
        let mut st = lock(&self.inner.state);
        let id = st.next_id;
        st.next_id += 1;
        if st.outcome.is_some() {
            drop(st);
            self.run_callback(cb);
        } else {
            st.callbacks.push(id, cb);
        }
        CallbackId(id)
    }

    /// `remove_done_callback`: returns how many were removed (0 or 1).
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        let mut st = lock(&self.inner.state);
        st.callbacks
            .remove_where(|i, cb| i == id.0 && !matches!(cb, Cb::Wake(_)))
    }

    /// Erase the value type: what a task records as the future it awaits.
    pub(crate) fn as_waitable(&self) -> std::sync::Arc<dyn Waitable> {
        std::sync::Arc::new(self.clone())
    }

    /// Awaiting tasks registered (their wakers).
    #[cfg(test)]
    pub(crate) fn wakers_len(&self) -> usize {
        lock(&self.inner.state)
            .callbacks
            .iter()
            .filter(|c| matches!(c, Cb::Wake(_)))
            .count()
    }

    /// Done callbacks registered (awaiting tasks not counted).
    #[cfg(test)]
    pub(crate) fn callbacks_len(&self) -> usize {
        lock(&self.inner.state)
            .callbacks
            .iter()
            .filter(|c| !matches!(c, Cb::Wake(_)))
            .count()
    }
}

impl<T, E> Default for AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<T, E> Waitable for AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn cancel_waitable(&self, msg: Option<String>) -> bool {
        self.cancel(msg)
    }
}

impl<T, E> std::future::Future for AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    type Output = Result<T, Raised<E>>;

    /// Awaiting: the result once done (retrieving it); while pending, the awaiting task
    /// records this future as what it waits on, so cancelling the task cancels it (SPEC T6).
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        {
            let mut st = lock(&self.inner.state);
            if st.outcome.is_none() {
                let known = st
                    .callbacks
                    .any(|c| matches!(c, Cb::Wake(w) if w.will_wake(cx.waker())));
                if !known {
                    let id = st.next_id;
                    st.next_id += 1;
                    st.callbacks.push(id, Cb::Wake(cx.waker().clone()));
                }
                drop(st);
                crate::task::set_fut_waiter(self.as_waitable());
                return Poll::Pending;
            }
        }
        Poll::Ready(self.result())
    }
}

#[cfg(test)]
mod tests {
    use super::AioFuture;
    use std::future::Future;
    use std::task::{Context, Poll, Wake, Waker};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: std::sync::Arc<Self>) {}
    }

    #[test]
    fn f2_a_task_polling_twice_is_one_awaiter() {
        // An awaiting task is one entry in the callback list however often it polls, as
        // `Task.__wakeup` is added once per await: completion wakes it once.
        let f: AioFuture<u32, ()> = AioFuture::new();
        let waker = Waker::from(std::sync::Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let mut g = f.clone();
        for _ in 0..3 {
            assert!(matches!(
                std::pin::Pin::new(&mut g).poll(&mut cx),
                Poll::Pending
            ));
        }
        assert_eq!(f.wakers_len(), 1);
        let other = Waker::from(std::sync::Arc::new(Noop));
        let mut cx2 = Context::from_waker(&other);
        assert!(matches!(
            std::pin::Pin::new(&mut g).poll(&mut cx2),
            Poll::Pending
        ));
        assert_eq!(f.wakers_len(), 2);
    }
}
