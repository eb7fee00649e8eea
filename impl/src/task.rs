//! `Task`: a spawned future with asyncio's Task contract (SPEC T1–T9 as they apply to Rust).
//!
//! # Cancellation
//!
//! `cancel(msg)` cancels what the task is awaiting when that is an [`AioFuture`] (a task, a
//! gather, [`sleep()`](crate::sleep())); the await then returns `Err(Raised::Cancelled(msg))`, which
//! the child may handle like a coroutine catching `CancelledError`. Otherwise the request is
//! delivered at the task's next poll: a child spawned with [`spawn`] is dropped there, one
//! spawned with [`spawn_with`] sees [`TaskContext::cancelled`] resolve and decides.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::future::{AioFuture, Hook, Kind, Name, Waitable};
use crate::raised::Raised;
use crate::rt::NoRuntime;
use crate::sync::{facade_thread_local, Arc, AtomicBool, AtomicU64, Ordering};

static TASK_COUNTER: AtomicU64Static = AtomicU64Static::new(0);

/// A process-wide counter that is not under loom (task names need no model checking).
struct AtomicU64Static(std::sync::atomic::AtomicU64);
impl AtomicU64Static {
    const fn new(v: u64) -> Self {
        AtomicU64Static(std::sync::atomic::AtomicU64::new(v))
    }
    fn next(&self) -> u64 {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
    }
}

/// A task's counters and step flags, kept in its future beside the state.
pub(crate) struct TaskCtl {
    /// Cancellation requests not withdrawn by `uncancel()` (asyncio's
    /// `_num_cancels_requested`, which `cancelling()` returns).
    cancels: AtomicU64,
    /// `must_cancel.is_some()`, written under the lock: the runner reads it without the lock
    /// after each step, when almost always no cancel is pending.
    cancel_pending: AtomicBool,
    /// The runner is inside the child's poll (a step).
    stepping: AtomicBool,
    /// A `cancel()` from outside the task arrived during a step (possible only when another
    /// worker runs the step): see [`Task::cancel_raced_step`].
    raced_step: AtomicBool,
    /// [`STEP_CLOCK`] when the task's latest step began (0: never stepped).
    step_began: std::sync::atomic::AtomicU64,
}

/// Numbers the steps of every task in the order they begin, so that a `cancel()` can tell a
/// target that stepped while the canceller's own step ran (only on several workers). It only
/// classifies runs for conformance checks, so it is std's, not the facade's: loom and shuttle
/// need not explore it.
static STEP_CLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl TaskCtl {
    fn new() -> Self {
        TaskCtl {
            cancels: AtomicU64::new(0),
            cancel_pending: AtomicBool::new(false),
            stepping: AtomicBool::new(false),
            raced_step: AtomicBool::new(false),
            step_began: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl TaskState {
    /// Take `_must_cancel` (and clear the lock-free hint).
    pub(crate) fn take_must_cancel(&mut self, ctl: Option<&TaskCtl>) -> Option<Option<String>> {
        if let Some(ctl) = ctl {
            ctl.cancel_pending.store(false, Ordering::SeqCst);
        }
        self.must_cancel.take()
    }
}

/// A task's step state, under its future's lock.
#[derive(Default)]
pub(crate) struct TaskState {
    /// `_must_cancel`, with the message.
    must_cancel: Option<Option<String>>,
    /// `_fut_waiter`: what the task awaits right now.
    fut_waiter: Option<Arc<dyn Waitable>>,
    /// The runtime's waker for the task's runner.
    pub(crate) waker: Option<Waker>,
    /// For `spawn_with` children: the delivered cancellation, and who waits for it.
    delivered: Option<Option<String>>,
    signal_waker: Option<Waker>,
}

/// A task, type-erased: what the current-task slot and a [`TaskContext`] hold (the task's
/// own future, coerced: no allocation).
pub(crate) trait TaskRef: Send + Sync {
    fn ctl(&self) -> &TaskCtl;
    fn with_task_state(&self, f: &mut dyn FnMut(&mut TaskState));
    /// `task.cancel(msg)`.
    fn cancel_task(self: Arc<Self>, msg: Option<String>) -> bool;
    /// `task.uncancel()`.
    fn uncancel_task(self: Arc<Self>) -> u64;
    /// `task.done()`.
    fn task_done(&self) -> bool;
}

impl TaskCtl {
    /// `cancelling()`.
    pub(crate) fn cancelling(&self) -> u64 {
        self.cancels.load(Ordering::SeqCst)
    }
}

facade_thread_local! {
    static CURRENT_TASK: RefCell<Option<Arc<dyn TaskRef>>> = RefCell::new(None);
    /// During a step: the future (by address) the task was waiting on, and the cancellation
    /// its await is to raise instead of its result.
    static THROW: RefCell<Option<(usize, Option<String>)>> = RefCell::new(None);
}

fn waitable_key(w: &Arc<dyn Waitable>) -> usize {
    Arc::as_ptr(w) as *const u8 as usize
}

/// Called by `AioFuture::poll`: the cancellation to raise at this await, if the running step
/// is delivering one here.
pub(crate) fn take_throw(key: usize) -> Option<Option<String>> {
    THROW.with(|t| {
        let mut t = t.borrow_mut();
        match &*t {
            Some((k, _)) if *k == key => t.take().map(|(_, m)| m),
            _ => None,
        }
    })
}

/// Did `ctl`'s task begin a step after the current task's step began? In asyncio no other
/// task runs during a step; on several workers one may, and a cancel then reaches a task
/// that has moved on (found by shuttle: a task cancelled right after `create_task` had
/// already run its first step on another worker).
fn stepped_since_mine(ctl: &TaskCtl) -> bool {
    use std::sync::atomic::Ordering::Relaxed;
    CURRENT_TASK.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|cur| ctl.step_began.load(Relaxed) > cur.ctl().step_began.load(Relaxed))
    })
}

/// Is `ctl` the task running on this thread (a task cancelling itself)?
fn is_current(ctl: &TaskCtl) -> bool {
    CURRENT_TASK.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|cur| std::ptr::eq(cur.ctl(), ctl))
    })
}

/// The task running on this thread, if any (asyncio's `current_task()`), type-erased.
pub(crate) fn current_task() -> Option<Arc<dyn TaskRef>> {
    CURRENT_TASK.with(|c| c.borrow().clone())
}

/// Record what the current task awaits (called by `AioFuture::poll` when pending).
pub(crate) fn set_fut_waiter<W: Waitable + 'static>(w: &Arc<W>) {
    CURRENT_TASK.with(|c| {
        if let Some(task) = c.borrow().as_ref() {
            let mut w: Option<Arc<dyn Waitable>> = Some(w.clone());
            task.with_task_state(&mut |st| st.fut_waiter = w.take());
        }
    });
}

/// A running task. Cloning gives another handle; awaiting it gives the child's result.
pub struct Task<T, E> {
    fut: AioFuture<T, E>,
}

impl<T, E> Clone for Task<T, E> {
    fn clone(&self) -> Self {
        Task {
            fut: self.fut.clone(),
        }
    }
}

impl<T, E> fmt::Debug for Task<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Task({:?})", self.fut)
    }
}

/// Given to children spawned with [`spawn_with`]: lets them see a cancellation request.
#[derive(Clone)]
pub struct TaskContext {
    task: Arc<dyn TaskRef>,
}

impl TaskContext {
    /// Resolves with the cancel message when a cancellation is delivered to this task.
    pub fn cancelled(&self) -> Cancellation {
        Cancellation {
            task: self.task.clone(),
        }
    }

    /// Take a cancellation delivered at the start of this step, if any: asyncio throws
    /// `CancelledError` into the coroutine where it resumes (SPEC T6).
    pub fn take_delivered(&self) -> Option<Option<String>> {
        let mut out = None;
        self.task
            .with_task_state(&mut |st| out = st.delivered.take());
        out
    }

    /// `await asyncio.sleep(0)`: give up one turn (SPEC S1); a cancellation delivered when
    /// the task resumes is returned as `Err(Raised::Cancelled)`.
    pub fn yield_now<E>(&self) -> YieldNow<E> {
        YieldNow {
            task: self.task.clone(),
            yielded: false,
            _e: std::marker::PhantomData,
        }
    }
}

/// The future [`TaskContext::yield_now`] returns.
#[must_use = "futures do nothing unless polled"]
pub struct YieldNow<E> {
    task: Arc<dyn TaskRef>,
    yielded: bool,
    _e: std::marker::PhantomData<fn() -> E>,
}

impl<E> Future for YieldNow<E> {
    type Output = Result<(), Raised<E>>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if !self.yielded {
            self.yielded = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let mut delivered = None;
        self.task
            .with_task_state(&mut |st| delivered = st.delivered.take());
        match delivered {
            Some(msg) => Poll::Ready(Err(Raised::Cancelled(msg))),
            None => Poll::Ready(Ok(())),
        }
    }
}

/// The future [`TaskContext::cancelled`] returns.
#[must_use = "futures do nothing unless polled"]
pub struct Cancellation {
    task: Arc<dyn TaskRef>,
}

impl Future for Cancellation {
    type Output = Option<String>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<String>> {
        let mut out = None;
        self.task
            .with_task_state(&mut |st| match st.delivered.take() {
                Some(m) => out = Some(m),
                None => st.signal_waker = Some(cx.waker().clone()),
            });
        match out {
            Some(m) => Poll::Ready(m),
            None => Poll::Pending,
        }
    }
}

fn ctl_of<T, E>(fut: &AioFuture<T, E>) -> &TaskCtl {
    fut.inner
        .task
        .as_ref()
        .expect("a task's future has its TaskCtl")
}

/// `Task.cancel(msg)` (SPEC T6, T8).
///
/// With nothing awaited, the request is recorded (`_must_cancel`) in the same critical
/// section that saw the task not done, so that a step finishing on another worker either
/// sees it or made the task done first (then `cancel()` returns false). loom:
/// `task_cancel_races_a_step_on_another_thread`.
pub(crate) fn task_cancel<T, E>(fut: &AioFuture<T, E>, msg: Option<String>) -> bool
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let ctl = ctl_of(fut);
    let waiter = {
        let mut st = fut.lock_state();
        st.clear_log_traceback();
        if st.is_done() {
            return false;
        }
        ctl.cancels.fetch_add(1, Ordering::SeqCst);
        if !is_current(ctl) && (ctl.stepping.load(Ordering::Acquire) || stepped_since_mine(ctl)) {
            ctl.raced_step.store(true, Ordering::SeqCst);
        }
        match st.task.fut_waiter.clone() {
            Some(w) => w,
            None => {
                // Not awaiting one of ours: between steps, or awaiting something else (a
                // tokio timer, say), or in a step: the next step delivers it.
                st.task.must_cancel = Some(msg);
                ctl.cancel_pending.store(true, Ordering::SeqCst);
                // A task cancelled from its own step (by itself, or by a TaskGroup's or a
                // timeout's code running in it) is not woken: as `Task.cancel()` schedules
                // nothing, its next step comes when what it awaits next says so, after the
                // callbacks the rest of this step schedules (the end of the step forwards the
                // request to that await). Waking it here ran its next step before them.
                let waker = if is_current(ctl) {
                    None
                } else {
                    st.task.waker.take()
                };
                drop(st);
                if let Some(w) = waker {
                    w.wake();
                }
                return true;
            }
        }
    };
    if waiter.cancel_waitable(msg.clone()) {
        return true;
    }
    // "It must be the case that self.__step is already scheduled": the future refused the
    // cancellation because it is done, and its completion wakes the task.
    let mut st = fut.lock_state();
    if st.is_done() {
        // The task finished meanwhile (on another worker): the request came too late. It
        // stays counted in `cancelling()` (an `uncancel()` may already have withdrawn it).
        return false;
    }
    st.task.must_cancel = Some(msg);
    ctl.cancel_pending.store(true, Ordering::SeqCst);
    true
}

/// `Task.uncancel()` as CPython 3.13 has it: one request fewer, and at zero the pending
/// `_must_cancel` is withdrawn too.
pub(crate) fn task_uncancel<T, E>(fut: &AioFuture<T, E>) -> u64
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let ctl = ctl_of(fut);
    let mut st = fut.lock_state();
    let n = ctl.cancels.load(Ordering::SeqCst);
    if n == 0 {
        return 0;
    }
    ctl.cancels.store(n - 1, Ordering::SeqCst);
    if n == 1 {
        st.task.must_cancel = None;
        ctl.cancel_pending.store(false, Ordering::SeqCst);
    }
    n - 1
}

pin_project_lite::pin_project! {
    /// The future the runtime polls: asyncio's `Task.__step`. Generic over the child, so a
    /// task is one allocation on tokio (the child lives in tokio's task cell, unboxed).
    pub(crate) struct Runner<T, E, F> {
        #[pin]
        child: Option<F>,
        fut: AioFuture<T, E>,
        handles_cancel: bool,
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

impl<T, E, F> Future for Runner<T, E, F>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send,
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut this = self.project();
        if this.child.is_none() {
            return Poll::Ready(());
        }
        let ctl = ctl_of(this.fut);
        let (must_cancel, signal, waiter) = {
            let mut st = this.fut.lock_state();
            let st = &mut st.task;
            if !st.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                st.waker = Some(cx.waker().clone());
            }
            let waiter = st.fut_waiter.take();
            let m = st.must_cancel.take();
            ctl.cancel_pending.store(false, Ordering::SeqCst);
            // The step starts in the critical section that took `_must_cancel`: a cancel from
            // another thread after it is one that raced the step (found by shuttle: a cancel
            // between this section and the child's poll was not flagged).
            ctl.stepping.store(true, Ordering::Release);
            let now = STEP_CLOCK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            ctl.step_began
                .store(now, std::sync::atomic::Ordering::Relaxed);
            let mut signal = None;
            if let (Some(msg), true) = (&m, *this.handles_cancel) {
                st.delivered = Some(msg.clone());
                signal = st.signal_waker.take();
            }
            (m, signal, waiter)
        };
        // A cancellation to deliver at the await the child resumes at (`__step` throws
        // CancelledError into the coroutine): the future it was waiting on returns it.
        let mut throw = None;
        if let (Some(msg), false) = (must_cancel, *this.handles_cancel) {
            match &waiter {
                Some(w) => throw = Some((waitable_key(w), msg)),
                None => {
                    // Nothing of ours to deliver it through (the task had not started, or
                    // waits on a foreign future): the child is dropped, as a coroutine
                    // closed by the exception it never catches.
                    this.child.set(None);
                    this.fut.complete_cancelled(msg);
                    ctl.stepping.store(false, Ordering::Release);
                    return Poll::Ready(());
                }
            }
        }
        drop(waiter);
        if let Some(s) = signal {
            s.wake();
        }
        let me: Arc<dyn TaskRef> = this.fut.inner.clone();
        let prev = CURRENT_TASK.with(|c| c.borrow_mut().replace(me));
        let prev_throw = THROW.with(|t| std::mem::replace(&mut *t.borrow_mut(), throw));
        let child = this.child.as_mut().as_pin_mut().expect("checked above");
        // Futures the child creates report where the task reports.
        let r = crate::report::scoped(this.fut.handler(), || {
            catch_unwind(AssertUnwindSafe(|| child.poll(cx)))
        });
        let unthrown = THROW.with(|t| std::mem::replace(&mut *t.borrow_mut(), prev_throw));
        CURRENT_TASK.with(|c| *c.borrow_mut() = prev);
        if let Some((_, msg)) = unthrown {
            // The child did not come back to that await: the cancellation stays pending, as
            // one requested during this step.
            let mut st = this.fut.lock_state();
            if st.task.must_cancel.is_none() {
                st.task.must_cancel = Some(msg);
            }
            ctl.cancel_pending.store(true, Ordering::SeqCst);
        }
        let done = match r {
            Err(p) => Some(Err(Raised::Panic(panic_message(p)))),
            Ok(Poll::Ready(o)) => Some(o),
            Ok(Poll::Pending) => None,
        };
        // The step ends once its outcome is decided (a cancel until then raced it).
        let r = match done {
            Some(o) => {
                this.child.set(None);
                // T4, T5: a cancellation escaping the child, or requested before it
                // returned, cancels the task.
                this.fut.complete_step(o);
                Poll::Ready(())
            }
            None if !ctl.cancel_pending.load(Ordering::SeqCst) => Poll::Pending,
            None => {
                // A cancel requested during this step: forward it to what the child awaits now.
                let (pending, waiter) = {
                    let st = this.fut.lock_state();
                    (st.task.must_cancel.clone(), st.task.fut_waiter.clone())
                };
                if let Some(msg) = pending {
                    if waiter.is_some_and(|w| w.cancel_waitable(msg)) {
                        let mut st = this.fut.lock_state();
                        st.task.must_cancel = None;
                        ctl.cancel_pending.store(false, Ordering::SeqCst);
                    } else {
                        cx.waker().wake_by_ref();
                    }
                }
                Poll::Pending
            }
        };
        ctl.stepping.store(false, Ordering::Release);
        r
    }
}

/// A new task's future, named `Task-N` unless given a name.
pub(crate) fn new_task<T, E>(name: Option<String>) -> AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let name = match name {
        Some(n) => Name::Given(n.into_boxed_str()),
        None => Name::Task(TASK_COUNTER.next()),
    };
    AioFuture::make(
        Kind {
            class: "Task",
            hook: Hook::Task,
            task: Some(TaskCtl::new()),
        },
        name,
    )
}

impl<T, E, F> Runner<T, E, F> {
    /// The runner of `fut`'s task, running `child`.
    pub(crate) fn new(child: F, handles_cancel: bool, fut: AioFuture<T, E>) -> Self {
        Runner {
            child: Some(child),
            fut,
            handles_cancel,
        }
    }
}

impl<T, E> Task<T, E> {
    /// The task whose future is `fut`.
    pub(crate) fn from_future(fut: AioFuture<T, E>) -> Self {
        Task { fut }
    }
}

fn start<T, E, F>(
    child: F,
    handles_cancel: bool,
    fut: AioFuture<T, E>,
) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    // The runtime the future was made on is the current one.
    let rt = fut.scheduler().cloned().ok_or(NoRuntime)?;
    rt.spawn(Runner::new(child, handles_cancel, fut.clone()));
    Ok(Task { fut })
}

/// `asyncio.create_task(coro)`: run `child` as a task of the current runtime. The child runs
/// from the runtime's next turn, not inside this call (SPEC T1).
///
/// # Errors
///
/// [`NoRuntime`] outside aiospec's [`Executor`](crate::Executor) and a tokio runtime.
///
/// # Examples
///
/// ```
/// use aiospec_impl::{spawn, Executor, Raised};
/// let out = Executor::new().block_on(async {
///     let t = spawn(async { Err::<u32, _>(Raised::Error("boom")) }).unwrap();
///     t.await // awaiting retrieves the error: it will not be reported
/// });
/// assert_eq!(out.unwrap(), Err(Raised::Error("boom")));
/// ```
pub fn spawn<T, E, F>(child: F) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    start(child, false, new_task(None))
}

/// Like [`spawn`], with a name used in reports.
pub fn spawn_named<T, E, F>(name: &str, child: F) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    start(child, false, new_task(Some(name.to_string())))
}

/// Spawn a child that handles its own cancellation: `make` receives a [`TaskContext`] whose
/// `cancelled()` resolves when a cancellation is delivered; the child decides what to return
/// (as a coroutine catching `CancelledError` does, SPEC T7).
pub fn spawn_with<T, E, F>(make: impl FnOnce(TaskContext) -> F) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    spawn_with_named(None, make)
}

/// [`spawn_with`], with a name used in reports.
pub fn spawn_with_named<T, E, F>(
    name: Option<&str>,
    make: impl FnOnce(TaskContext) -> F,
) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    let fut = new_task::<T, E>(name.map(str::to_string));
    let child = make(TaskContext {
        task: fut.inner.clone(),
    });
    start(child, true, fut)
}

impl<T, E> Task<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// The task's future (for `gather`, `wait`, callbacks).
    pub fn future(&self) -> &AioFuture<T, E> {
        &self.fut
    }
    /// The task's name (`Task-3`, or the name given at spawn).
    pub fn name(&self) -> &str {
        self.fut.name()
    }
    /// `done()`.
    pub fn done(&self) -> bool {
        self.fut.done()
    }
    /// `cancelled()`: the task was cancelled (SPEC T4).
    pub fn cancelled(&self) -> bool {
        self.fut.cancelled()
    }
    /// `result()`: retrieves the exception (SPEC R2).
    pub fn result(&self) -> Result<T, Raised<E>> {
        self.fut.result()
    }
    /// `exception()`: retrieves it (SPEC R3).
    pub fn exception(&self) -> Result<Option<Raised<E>>, Raised<E>> {
        self.fut.exception()
    }
    /// `cancel(msg)`: returns whether the request was taken; false only when done (SPEC T6, T8).
    ///
    /// ```
    /// use std::time::Duration;
    /// use aiospec_impl::{sleep_for, spawn, Executor, Raised};
    /// let out = Executor::new().block_on(async {
    ///     let t = spawn(async { sleep_for::<()>(Duration::from_secs(60)).await.map(|_| 1u32) }).unwrap();
    ///     sleep_for::<()>(Duration::from_secs(1)).await.unwrap();
    ///     assert!(t.cancel(Some("enough")));
    ///     t.await
    /// });
    /// assert_eq!(out.unwrap(), Err(Raised::Cancelled(Some("enough".into()))));
    /// ```
    pub fn cancel(&self, msg: Option<&str>) -> bool {
        self.fut.cancel(msg.map(str::to_string))
    }
    /// Whether a `cancel()` from outside this task arrived while it was running a step, or
    /// came from another task's step during which this one began a step: both only a
    /// multi-threaded runtime allows; asyncio has no such moment. In the first case the
    /// request is taken as a task cancelling itself during its step is (SPEC T5): `cancel()`
    /// returned True, and if that step returned, the task is cancelled, if it raised, its
    /// exception stands; in the second the task may have started, or moved past an await,
    /// before the canceller's step ended. Conformance checks use this to tell those races
    /// from a bug (SPEC C3).
    pub fn cancel_raced_step(&self) -> bool {
        ctl_of(&self.fut).raced_step.load(Ordering::SeqCst)
    }
    /// `cancelling()`: how many cancellation requests were taken and not withdrawn by
    /// [`uncancel`](Task::uncancel) (asyncio 3.11+'s `_num_cancels_requested`).
    pub fn cancelling(&self) -> u64 {
        ctl_of(&self.fut).cancels.load(Ordering::SeqCst)
    }
    /// `uncancel()`: withdraw one cancellation request; returns how many are left. As in
    /// CPython 3.13 (`tasks.py` `Task.uncancel`), withdrawing the last one also withdraws a
    /// cancellation not yet delivered (`_must_cancel`), so a task that `TaskGroup` or
    /// `timeout` cancelled and then uncancelled does not see it at its next step.
    pub fn uncancel(&self) -> u64 {
        task_uncancel(&self.fut)
    }
    /// `add_done_callback(f)`: `f` runs (scheduled on the task's runtime) when the task is
    /// done (SPEC F2).
    pub fn add_done_callback(
        &self,
        f: impl FnOnce(&AioFuture<T, E>) + Send + 'static,
    ) -> crate::future::CallbackId {
        self.fut.add_done_callback(f)
    }
    /// `remove_done_callback`: returns how many were removed.
    pub fn remove_done_callback(&self, id: crate::future::CallbackId) -> usize {
        self.fut.remove_done_callback(id)
    }
}

impl<T, E> Future for Task<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    type Output = Result<T, Raised<E>>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.fut).poll(cx)
    }
}

impl<T, E> From<Task<T, E>> for AioFuture<T, E> {
    fn from(t: Task<T, E>) -> Self {
        t.fut
    }
}

impl<T, E> From<&Task<T, E>> for AioFuture<T, E> {
    fn from(t: &Task<T, E>) -> Self {
        t.fut.clone()
    }
}
