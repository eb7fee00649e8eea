//! A small multi-worker executor built only from the sync facade, so that loom can explore
//! it and shuttle can draw reproducible schedules of it: several threads take jobs (task
//! steps and `call_soon` callbacks) from one FIFO queue, as tokio's multi_thread workers do,
//! while time is virtual and moves only when every worker is idle (then the earliest timers
//! fire), as asyncio's loop moves when nothing is ready (SPEC L4).
//!
//! It is for testing the crate's synchronisation, not for production: one lock guards the
//! queue. A task is stepped by one worker at a time; a task woken during its step is queued
//! again and stepped after that step ends, by whichever worker takes it.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use crate::rt::{self, BoxFuture, Call, Sched, Schedule};
use crate::sync::{lock, thread, Arc, AtomicBool, Condvar, Mutex, Ordering, Weak};

type Timer = Box<dyn FnOnce() + Send>;

enum Job {
    Poll(Arc<Slot>),
    Call(Call),
}

struct Slot {
    fut: Mutex<Option<BoxFuture>>,
    queued: AtomicBool,
    shared: Weak<Shared>,
}

impl Wake for Slot {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            if let Some(sh) = self.shared.upgrade() {
                sh.push(Job::Poll(self.clone()));
            }
        }
    }
}

struct Queue {
    ready: VecDeque<Job>,
    timers: BTreeMap<(Duration, u64), Timer>,
    now: Duration,
    seq: u64,
    /// Workers running a job: time moves only when none is.
    busy: usize,
    /// `block_on` is over (its future is done, or nothing can run any more).
    stopped: bool,
    /// Live [`KeepAlive`]s: threads outside the executor that may still wake something.
    outside: usize,
    /// Every task, so that dropping the executor drops their futures (see `Executor`).
    slots: Vec<Weak<Slot>>,
}

struct Shared {
    q: Mutex<Queue>,
    cv: Condvar,
}

impl Shared {
    fn push(&self, job: Job) {
        lock(&self.q).ready.push_back(job);
        self.cv.notify_one();
    }
}

struct Handle(Arc<Shared>);

impl Schedule for Handle {
    fn call_soon(&self, f: Call) {
        self.0.push(Job::Call(f));
    }

    fn call_later(&self, delay: Duration, f: Timer) -> Timer {
        let key = {
            let mut q = lock(&self.0.q);
            let key = (q.now + delay, q.seq);
            q.seq += 1;
            q.timers.insert(key, f);
            key
        };
        let weak = Arc::downgrade(&self.0);
        Box::new(move || {
            if let Some(sh) = weak.upgrade() {
                let t = lock(&sh.q).timers.remove(&key);
                drop(t);
            }
        })
    }

    fn spawn(&self, fut: BoxFuture) {
        let slot = Arc::new(Slot {
            fut: Mutex::new(Some(fut)),
            queued: AtomicBool::new(true),
            shared: Arc::downgrade(&self.0),
        });
        {
            let mut q = lock(&self.0.q);
            q.slots.retain(|w| w.strong_count() > 0);
            q.slots.push(Arc::downgrade(&slot));
            q.ready.push_back(Job::Poll(slot));
        }
        self.0.cv.notify_one();
    }

    fn now(&self) -> Duration {
        lock(&self.0.q).now
    }
}

/// The multi-worker executor (see the module's documentation).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{gather, sleep_for, spawn, Raised, Workers};
/// let w = Workers::new();
/// let out = w.block_on(2, async {
///     let ts = (0..4u64)
///         .map(|i| spawn(async move {
///             sleep_for::<()>(Duration::from_secs(i)).await?;
///             Ok::<_, Raised<()>>(i)
///         }).unwrap().into())
///         .collect();
///     gather(ts, false).await
/// });
/// assert_eq!(out.unwrap().unwrap().len(), 4);
/// assert_eq!(w.now(), Duration::from_secs(3));
/// ```
pub struct Workers {
    shared: Arc<Shared>,
}

impl Default for Workers {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Workers {
    /// Pending tasks are dropped, as a closed loop drops them (SPEC R8).
    fn drop(&mut self) {
        let (slots, ready, timers) = {
            let mut q = lock(&self.shared.q);
            let slots: Vec<Arc<Slot>> = q.slots.drain(..).filter_map(|w| w.upgrade()).collect();
            (
                slots,
                std::mem::take(&mut q.ready),
                std::mem::take(&mut q.timers),
            )
        };
        drop(ready);
        drop(timers);
        for s in slots {
            let fut = lock(&s.fut).take();
            drop(fut);
        }
    }
}

impl Workers {
    /// An executor with nothing to run, at virtual time 0.
    pub fn new() -> Self {
        Workers {
            shared: Arc::new(Shared {
                q: Mutex::new(Queue {
                    ready: VecDeque::new(),
                    timers: BTreeMap::new(),
                    now: Duration::ZERO,
                    seq: 0,
                    busy: 0,
                    stopped: false,
                    outside: 0,
                    slots: Vec::new(),
                }),
                cv: Condvar::new(),
            }),
        }
    }

    fn sched(&self) -> Sched {
        Sched::Custom(std::sync::Arc::new(Handle(self.shared.clone())))
    }

    /// The virtual time.
    pub fn now(&self) -> Duration {
        lock(&self.shared.q).now
    }

    /// Run `f` with this executor as the current runtime of this thread (to spawn, or to
    /// complete futures whose callbacks it should schedule).
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        rt::enter(self.sched(), f)
    }

    /// Run `main` as a task on `workers` threads (this one and `workers - 1` more) until it is
    /// done. None if it cannot finish: nothing is ready, no timer is left, no
    /// [`KeepAlive`] lives, and it is pending.
    pub fn block_on<F>(&self, workers: usize, main: F) -> Option<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let out: Arc<Mutex<Option<F::Output>>> = Arc::new(Mutex::new(None));
        let o = out.clone();
        let sh = self.shared.clone();
        lock(&sh.q).stopped = false;
        Handle(self.shared.clone()).spawn(Box::pin(async move {
            let v = main.await;
            *lock(&o) = Some(v);
            let mut q = lock(&sh.q);
            q.stopped = true;
            drop(q);
            sh.cv.notify_all();
        }));
        let others: Vec<_> = (1..workers.max(1))
            .map(|_| {
                let sched = self.sched();
                let sh = self.shared.clone();
                thread::spawn(move || rt::enter(sched, || work(&sh)))
            })
            .collect();
        self.enter(|| work(&self.shared));
        for t in others {
            t.join().expect("a worker panicked");
        }
        let v = lock(&out).take();
        v
    }

    /// The queue's state, for a test that found the executor stuck.
    #[doc(hidden)]
    pub fn describe(&self) -> String {
        let q = lock(&self.shared.q);
        let live = q.slots.iter().filter(|w| w.strong_count() > 0).count();
        format!(
            "ready={} timers={} busy={} outside={} stopped={} live tasks={}",
            q.ready.len(),
            q.timers.len(),
            q.busy,
            q.outside,
            q.stopped,
            live
        )
    }

    /// A thread outside the executor will complete futures or cancel tasks: while the guard
    /// lives, idle workers with no timer left wait for it rather than stop.
    pub fn keep_alive(&self) -> KeepAlive {
        lock(&self.shared.q).outside += 1;
        KeepAlive(self.shared.clone())
    }

    /// Run one ready job on this thread, if there is one (for tests that drive the executor
    /// from threads of their own). Returns whether one ran.
    pub fn run_one(&self) -> bool {
        let job = {
            let mut q = lock(&self.shared.q);
            let job = q.ready.pop_front();
            if job.is_some() {
                q.busy += 1;
            }
            job
        };
        let Some(job) = job else { return false };
        self.enter(|| run(job));
        finish_job(&self.shared);
        true
    }

    /// Fire the earliest timer now, moving virtual time to its deadline, whatever else is
    /// ready (for tests that race a timeout against other threads). Returns whether one fired.
    pub fn fire_timer(&self) -> bool {
        let f = {
            let mut q = lock(&self.shared.q);
            let Some(entry) = q.timers.first_entry() else {
                return false;
            };
            let when = entry.key().0;
            let f = entry.remove();
            if when > q.now {
                q.now = when;
            }
            f
        };
        self.enter(f);
        true
    }
}

/// See [`Workers::keep_alive`].
pub struct KeepAlive(Arc<Shared>);

impl Drop for KeepAlive {
    fn drop(&mut self) {
        lock(&self.0.q).outside -= 1;
        self.0.cv.notify_all();
    }
}

impl std::fmt::Debug for KeepAlive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeepAlive")
    }
}

fn run(job: Job) {
    match job {
        Job::Call(f) => f.run(),
        Job::Poll(slot) => {
            // A swap, not a store: loom lets a plain store fall between the read and the
            // write of a concurrent `swap` in `wake_by_ref` (tokio-rs/loom#254, #389), which
            // the memory model's atomicity of read-modify-writes forbids, and then reports a
            // lost wake-up that cannot happen
            // (`taskgroup_child_fails_while_another_is_added_and_while_the_group_exits` at
            // LOOM_MAX_PREEMPTIONS=3). As a read-modify-write the clear is modelled exactly.
            slot.queued.swap(false, Ordering::AcqRel);
            let waker = Waker::from(slot.clone());
            let mut cx = Context::from_waker(&waker);
            let mut fut = lock(&slot.fut);
            if let Some(f) = fut.as_mut() {
                if Pin::new(f).poll(&mut cx).is_ready() {
                    *fut = None;
                }
            }
        }
    }
}

/// A job ended: if it was the last thing running and nothing is ready, idle workers may move
/// time on.
fn finish_job(sh: &Shared) {
    let mut q = lock(&sh.q);
    q.busy -= 1;
    let idle = q.busy == 0 && q.ready.is_empty();
    drop(q);
    if idle {
        sh.cv.notify_all();
    }
}

/// A worker: take jobs until `block_on` is over. With nothing ready and nobody running, move
/// time to the earliest timer and queue every timer due then (`_run_once`); with no timer
/// either, wait for the threads outside that said they may wake something, and once there
/// are none, nothing can ever run again: stop.
fn work(sh: &Shared) {
    let mut q = lock(&sh.q);
    loop {
        if q.stopped {
            return;
        }
        if let Some(job) = q.ready.pop_front() {
            q.busy += 1;
            drop(q);
            run(job);
            finish_job(sh);
            q = lock(&sh.q);
            continue;
        }
        if q.busy > 0 || (q.timers.is_empty() && q.outside > 0) {
            q = match sh.cv.wait(q) {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            continue;
        }
        let Some(((when, _), _)) = q.timers.first_key_value() else {
            q.stopped = true;
            drop(q);
            sh.cv.notify_all();
            return;
        };
        let when = *when;
        if when > q.now {
            q.now = when;
        }
        while let Some(entry) = q.timers.first_entry() {
            if entry.key().0 > when {
                break;
            }
            let f = entry.remove();
            q.ready.push_back(Job::Call(Call::Fn(f)));
        }
        sh.cv.notify_all();
    }
}
