//! `AioFuture`: asyncio's `Future`: a result slot with done callbacks, cancellation and
//! retrieval tracking, shared by every handle (tasks and gathers are built on it).
//!
//! A task is a future too, with its step's state ([`crate::task::TaskState`]) under the same
//! lock and its counters beside it: spawning a task allocates this one object and the
//! runtime's task cell, nothing else.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::callbacks::Callbacks;
use crate::raised::Raised;
use crate::report::{self, Handler, Report};
use crate::rt::{Call, Fire, Sched};
use crate::sync::{lock, Arc, Mutex, MutexGuard};
use crate::task::{TaskCtl, TaskRef, TaskState};

type Callback<T, E> = Box<dyn FnOnce(&AioFuture<T, E>) + Send>;

/// A done callback shared by many futures: gather's and wait's, one object for all their
/// children, so registering it on a child allocates nothing.
///
/// `fire` reads the future's outcome in the lock it takes to pop the callback, and passes it
/// as `settled` (see [`AioFuture::settled`]) when [`DoneCallback::retrieves`] says the callback
/// would read and retrieve it anyway (gather's does): one lock per child instead of two.
pub(crate) trait DoneCallback<T, E>: Send + Sync {
    fn call(&self, fut: &AioFuture<T, E>, settled: Option<Result<(), Raised<E>>>);
    /// Does the callback retrieve the exception of every future it is called for? Called
    /// under the future's lock: must not lock anything.
    fn retrieves(&self) -> bool {
        false
    }
}

/// A combinator's own `cancel()` (`_GatheringFuture.cancel`, SPEC G6). The future holds it
/// weakly: the combinator's children keep it alive while it has work; a future nobody else
/// holds is dropped, and reports (SPEC R6).
pub(crate) trait CancelOuter: Send + Sync {
    fn cancel_outer(&self, msg: Option<String>) -> bool;
}

/// Which `cancel()` a future has.
pub(crate) enum Hook {
    /// `Future.cancel`.
    Plain,
    /// `Task.cancel` (SPEC T6, T8); the future's `Inner::task` is set.
    Task,
    /// A combinator's.
    Outer(std::sync::Weak<dyn CancelOuter>),
}

/// Something a task can be waiting on, whose cancellation the task's `cancel()` forwards to
/// (asyncio's `_fut_waiter`): a future of any type.
pub(crate) trait Waitable: Send + Sync {
    fn cancel_waitable(self: Arc<Self>, msg: Option<String>) -> bool;
}

/// A done callback, or a task waiting in `await` (asyncio's `Task.__wakeup`, which is a done
/// callback too): one list, so they run in the order they were added (SPEC F2).
enum Cb<T, E> {
    Call(Callback<T, E>),
    Shared(std::sync::Arc<dyn DoneCallback<T, E>>),
    Wake(Waker),
}

pub(crate) struct State<T, E> {
    outcome: Option<Result<T, Raised<E>>>,
    /// While pending: done callbacks and awaiting tasks, in the order added. Once done: the
    /// callbacks scheduled and not yet run, in order; each is run by one [`Call`] the
    /// runtime holds (asyncio's ready queue holds the callbacks themselves).
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
    /// A task's step state (`_must_cancel`, `_fut_waiter`, ...); unused by other futures.
    pub(crate) task: TaskState,
}

/// A future's name, formatted only when asked for: a task is numbered when it is made, as in
/// asyncio (`Task-3`), but making one formats nothing.
pub(crate) enum Name {
    Static(&'static str),
    Task(u64),
    Given(Box<str>),
}

/// What a future is made with besides its name: its class and its `cancel()`.
pub(crate) struct Kind {
    pub(crate) class: &'static str,
    pub(crate) hook: Hook,
    /// A task's counters (`cancelling()`, the step flags).
    pub(crate) task: Option<TaskCtl>,
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
    hook: Hook,
    pub(crate) task: Option<TaskCtl>,
    scheduler: Option<Sched>,
    describe: fn(&Raised<E>) -> String,
    #[cfg(loom)]
    loom_drops: crate::sync::AtomicUsize,
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
        // Under loom, lock (a point loom can order against the other threads' accesses: the
        // reference count is std's `Arc`, which loom does not see); else no lock is needed.
        #[cfg(loom)]
        let mut guard = lock(&self.state);
        #[cfg(loom)]
        let st = &mut *guard;
        #[cfg(not(loom))]
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

/// Under loom, dropping a handle is a point loom orders against other threads: which handle
/// is the last (and so reports, SPEC R6) is then explored, though the count is std's `Arc`.
#[cfg(loom)]
impl<T, E> Drop for AioFuture<T, E> {
    fn drop(&mut self) {
        self.inner
            .loom_drops
            .fetch_add(1, crate::sync::Ordering::SeqCst);
    }
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

/// What `finish` does after releasing the lock, entry by entry in the callback list's order.
enum Step {
    Wake(Waker),
    Schedule,
}

impl<T, E> AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// A new pending future (`loop.create_future()`).
    pub fn new() -> Self {
        Self::make(
            Kind {
                class: "Future",
                hook: Hook::Plain,
                task: None,
            },
            Name::Static("Future"),
        )
    }

    /// A plain future on `scheduler` (`loop.create_future()` of a given loop).
    pub(crate) fn new_on(scheduler: Option<Sched>) -> Self {
        Self::make_on(
            Kind {
                class: "Future",
                hook: Hook::Plain,
                task: None,
            },
            Name::Static("Future"),
            scheduler,
        )
    }

    /// A future of `kind`, bound to the current runtime and exception handler.
    pub(crate) fn make(kind: Kind, name: Name) -> Self {
        Self::make_on(kind, name, crate::rt::current_scheduler())
    }

    /// A future of `kind` on `scheduler`.
    pub(crate) fn make_on(kind: Kind, name: Name, scheduler: Option<Sched>) -> Self {
        AioFuture {
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    outcome: None,
                    cancelled: false,
                    callbacks: Callbacks::default(),
                    observers: Vec::new(),
                    log_traceback: false,
                    next_id: 0,
                    task: TaskState::default(),
                }),
                log_destroy_pending: std::sync::atomic::AtomicBool::new(true),
                class: kind.class,
                name,
                formatted_name: std::sync::OnceLock::new(),
                handler: report::current(),
                hook: kind.hook,
                task: kind.task,
                scheduler,
                describe: |e| format!("{e}"),
                #[cfg(loom)]
                loom_drops: crate::sync::AtomicUsize::new(0),
            }),
        }
    }

    /// The scoped exception handler this future reports to (None: the process-wide one).
    pub(crate) fn handler(&self) -> Option<Handler> {
        self.inner.handler.clone()
    }

    /// The runtime this future schedules its callbacks on.
    pub(crate) fn scheduler(&self) -> Option<&Sched> {
        self.inner.scheduler.as_ref()
    }

    /// Are these two handles to the same future?
    pub fn same(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// The future's identity (its address), for sets of futures.
    pub(crate) fn key(&self) -> usize {
        Arc::as_ptr(&self.inner) as *const u8 as usize
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
        Self::result_locked(&mut lock(&self.inner.state))
    }

    fn result_locked(st: &mut State<T, E>) -> Result<T, Raised<E>> {
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
            Some(_) => (Self::result_locked(&mut st), cancelled),
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
        lock(&self.inner.state).settle()
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
        self.finish(|st| (!st.is_done()).then_some((o, false)))
    }

    /// Cancel: the future's state becomes cancelled (not "finished with CancelledError").
    pub(crate) fn complete_cancelled(&self, msg: Option<String>) -> bool {
        self.finish(|st| (!st.is_done()).then_some((Err(Raised::Cancelled(msg)), true)))
    }

    /// A task's step ended with `o` (SPEC T4, T5): a cancellation escaping the child cancels
    /// the task; a value returned while a cancellation is pending (requested during the step,
    /// on another worker or by the task itself) cancels it too (3.8+), checked in the same
    /// critical section as the completion, so that a `cancel()` that returned true is never
    /// followed by the value (found by loom: `task_cancel_races_a_step_on_another_thread`);
    /// an exception stands.
    pub(crate) fn complete_step(&self, o: Result<T, Raised<E>>) -> bool {
        let ctl = self.inner.task.as_ref();
        self.finish(|st| {
            if st.is_done() {
                return None;
            }
            Some(match o {
                Err(Raised::Cancelled(msg)) => (Err(Raised::Cancelled(msg)), true),
                Ok(v) => match st.task.take_must_cancel(ctl) {
                    Some(msg) => (Err(Raised::Cancelled(msg)), true),
                    None => (Ok(v), false),
                },
                Err(e) => (Err(e), false),
            })
        })
    }

    /// Complete with the outcome `decide` picks under the lock (with whether it is a
    /// cancellation), or return false if it picks none.
    fn finish(
        &self,
        decide: impl FnOnce(&mut State<T, E>) -> Option<(Result<T, Raised<E>>, bool)>,
    ) -> bool {
        let (steps, observers, task_waker) = {
            let mut st = lock(&self.inner.state);
            let Some((o, cancelled)) = decide(&mut st) else {
                return false;
            };
            // R1: any exception set is unretrieved, a CancelledError included; a cancellation
            // is not.
            st.log_traceback = o.is_err() && !cancelled;
            st.cancelled = cancelled;
            st.outcome = Some(o);
            // Awaiting tasks are woken now; the other callbacks stay in the list, scheduled,
            // each run by one `Call`. Waking and scheduling keep the list's order.
            let mut steps = crate::callbacks::Queue::default();
            let mut scheduled = Callbacks::default();
            for (id, cb) in st.callbacks.take_all() {
                match cb {
                    Cb::Wake(w) => steps.push(Step::Wake(w)),
                    cb => {
                        scheduled.push((id, cb));
                        steps.push(Step::Schedule);
                    }
                }
            }
            st.callbacks = scheduled;
            // A finished task's runtime waker is no longer needed: dropping it here frees the
            // runtime's task cell now rather than when the last handle goes.
            let task_waker = st.task.waker.take();
            (steps, std::mem::take(&mut st.observers), task_waker)
        };
        drop(task_waker);
        for f in observers {
            f(self);
        }
        let tokio = self.inner.scheduler.as_ref().is_some_and(Sched::is_tokio);
        for s in steps {
            match s {
                Step::Wake(w) => {
                    // Waking queues the task on its runtime, as call_soon(__wakeup) does;
                    // callbacks queued after it run after it.
                    if tokio {
                        crate::rt::seal_batch();
                    }
                    w.wake()
                }
                Step::Schedule => self.schedule_one(),
            }
        }
        true
    }

    /// Schedule the next of the callbacks left in the (done) future's list with `call_soon`
    /// (SPEC F2), or run it now without a runtime.
    fn schedule_one(&self) {
        match &self.inner.scheduler {
            Some(s) => s.call_soon(Call::fire(self.inner.clone())),
            None => self.inner.clone().fire(),
        }
    }

    /// `cancel(msg)`: dispatched to a task's or gather's own cancel, else a plain future's.
    pub fn cancel(&self, msg: Option<String>) -> bool {
        match &self.inner.hook {
            Hook::Task => crate::task::task_cancel(self, msg),
            Hook::Outer(h) => match h.upgrade() {
                Some(h) => h.cancel_outer(msg),
                None => false,
            },
            Hook::Plain => self.cancel_plain(msg),
        }
    }

    /// `Future.cancel`: clears the retrieval flag even when it returns false (SPEC R4).
    ///
    /// One critical section: a completion on another thread between the check and the
    /// cancellation would leave an exception marked unretrieved after a `cancel()` that
    /// returned false (found by loom: `shield_outer_cancelled_while_the_inner_completes`).
    pub(crate) fn cancel_plain(&self, msg: Option<String>) -> bool {
        self.finish(|st| {
            st.log_traceback = false;
            (!st.is_done()).then_some((Err(Raised::Cancelled(msg)), true))
        })
    }

    /// The state, locked (the task's step reads and writes its fields).
    pub(crate) fn lock_state(&self) -> MutexGuard<'_, State<T, E>> {
        lock(&self.inner.state)
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

    /// `add_done_callback`: on a done future the callback is scheduled at once (SPEC F2).
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
        let done = st.outcome.is_some();
        st.callbacks.push((id, cb));
        drop(st);
        if done {
            self.schedule_one();
        }
        CallbackId(id)
    }

    /// `remove_done_callback`: returns how many were removed (0 or 1). A done future has no
    /// callbacks left to remove: the ones it had are scheduled (asyncio clears `_callbacks`
    /// when it schedules them).
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        self.remove_done_callback_and_done(id).0
    }

    /// `remove_done_callback(id)` and `done()` in one lock (wait's `finally` and its split).
    pub(crate) fn remove_done_callback_and_done(&self, id: CallbackId) -> (usize, bool) {
        let mut st = lock(&self.inner.state);
        if st.outcome.is_some() {
            return (0, true);
        }
        let n = st
            .callbacks
            .remove_where(|(i, cb)| *i == id.0 && !matches!(cb, Cb::Wake(_)));
        (n, false)
    }

    /// Done callbacks registered and not yet run (awaiting tasks not counted): a check for
    /// tests that a combinator removed its callbacks (SPEC W5).
    #[doc(hidden)]
    pub fn callbacks_registered(&self) -> usize {
        lock(&self.inner.state)
            .callbacks
            .iter()
            .filter(|(_, c)| !matches!(c, Cb::Wake(_)))
            .count()
    }

    /// Awaiting tasks registered (their wakers).
    #[cfg(test)]
    pub(crate) fn wakers_len(&self) -> usize {
        lock(&self.inner.state)
            .callbacks
            .iter()
            .filter(|(_, c)| matches!(c, Cb::Wake(_)))
            .count()
    }

    /// Done callbacks registered (awaiting tasks not counted).
    #[cfg(test)]
    pub(crate) fn callbacks_len(&self) -> usize {
        lock(&self.inner.state)
            .callbacks
            .iter()
            .filter(|(_, c)| !matches!(c, Cb::Wake(_)))
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

impl<T, E> Fire for Inner<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn fire(self: Arc<Self>) {
        let (cb, settled) = {
            let mut st = lock(&self.state);
            let cb = st.callbacks.pop();
            let settled = match &cb {
                Some((_, Cb::Shared(f))) if f.retrieves() => st.settle(),
                _ => None,
            };
            (cb, settled)
        };
        let fut = AioFuture { inner: self };
        match cb {
            Some((_, Cb::Call(f))) => f(&fut),
            Some((_, Cb::Shared(f))) => f.call(&fut, settled),
            Some((_, Cb::Wake(w))) => w.wake(),
            None => {}
        }
    }

    fn discard(self: Arc<Self>) {
        let cb = lock(&self.state).callbacks.pop();
        drop(cb);
    }
}

impl<T, E> Waitable for Inner<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn cancel_waitable(self: Arc<Self>, msg: Option<String>) -> bool {
        AioFuture { inner: self }.cancel(msg)
    }
}

impl<T, E> TaskRef for Inner<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn ctl(&self) -> &TaskCtl {
        self.task.as_ref().expect("a task's future")
    }

    fn with_task_state(&self, f: &mut dyn FnMut(&mut TaskState)) {
        f(&mut lock(&self.state).task)
    }

    fn cancel_task(self: Arc<Self>, msg: Option<String>) -> bool {
        AioFuture { inner: self }.cancel(msg)
    }

    fn uncancel_task(self: Arc<Self>) -> u64 {
        crate::task::task_uncancel(&AioFuture { inner: self })
    }

    fn task_done(&self) -> bool {
        lock(&self.state).outcome.is_some()
    }
}

impl<T, E> State<T, E> {
    /// Done?
    pub(crate) fn is_done(&self) -> bool {
        self.outcome.is_some()
    }

    /// `_log_traceback = False` (SPEC R4).
    pub(crate) fn clear_log_traceback(&mut self) {
        self.log_traceback = false;
    }

    /// [`AioFuture::settled`], under the lock.
    fn settle(&mut self) -> Option<Result<(), Raised<E>>>
    where
        E: Clone,
    {
        let out = match self.outcome.as_ref()? {
            Err(e) => Err(e.clone()),
            Ok(_) => Ok(()),
        };
        self.log_traceback = false;
        Some(out)
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
    /// A cancellation the task could not pass on (this future was done already, or refused
    /// it) is raised here when the task resumes, as `__step` throws it into the coroutine.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(msg) = crate::task::take_throw(self.key()) {
            // The task resumes here with its cancellation (SPEC T6).
            return Poll::Ready(Err(Raised::Cancelled(msg)));
        }
        let mut st = lock(&self.inner.state);
        if st.outcome.is_none() {
            let known = st
                .callbacks
                .iter()
                .any(|(_, c)| matches!(c, Cb::Wake(w) if w.will_wake(cx.waker())));
            if !known {
                let id = st.next_id;
                st.next_id += 1;
                st.callbacks.push((id, Cb::Wake(cx.waker().clone())));
            }
            drop(st);
            crate::task::set_fut_waiter(&self.inner);
            return Poll::Pending;
        }
        Poll::Ready(Self::result_locked(&mut st))
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

    #[test]
    fn f2_a_done_future_keeps_no_callback_once_they_ran() {
        // Outside a runtime a scheduled callback runs at once: nothing stays in the list.
        let f: AioFuture<u32, ()> = AioFuture::new();
        let id = f.add_done_callback(|_| {});
        f.set_result(1);
        assert_eq!(f.callbacks_len(), 0);
        assert_eq!(f.remove_done_callback(id), 0);
        f.add_done_callback(|_| {});
        assert_eq!(f.callbacks_len(), 0);
    }
}
