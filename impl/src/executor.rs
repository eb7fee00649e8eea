//! An executor with asyncio's scheduling order: a FIFO ready queue run one turn at a time and
//! virtual-time timers fired in (deadline, scheduling order), like `BaseEventLoop._run_once`
//! (SPEC L1, L3, L4), so traces can be compared with the model event by event.
//!
//! One thread drives it; wakers may be called from any thread, so its state is behind one
//! lock, taken once per turn to take the turn's jobs and once per job scheduled.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use crate::rt::{self, BoxFuture, Call, Sched};

type Timer = Box<dyn FnOnce() + Send>;

enum Job {
    Poll(Arc<Slot>),
    Call(Call),
}

/// A spawned task: its future, and whether it is in the ready queue.
struct Slot {
    fut: Mutex<Option<BoxFuture>>,
    queued: AtomicBool,
    shared: Weak<Shared>,
}

impl Wake for Slot {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            if let Some(sh) = self.shared.upgrade() {
                lock(&sh.q).ready.push_back(Job::Poll(self.clone()));
            }
        }
    }
}

struct Queue {
    ready: VecDeque<Job>,
    timers: BTreeMap<(Duration, u64), Timer>,
    now: Duration,
    seq: u64,
    /// Every task slot, so that dropping the executor drops their futures: a pending task and
    /// what it awaits reference each other (through wakers), as in CPython, where the garbage
    /// collector breaks such cycles.
    slots: Vec<Weak<Slot>>,
}

struct Shared {
    q: Mutex<Queue>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The executor as a runtime futures are bound to (`future._loop`).
#[derive(Clone)]
pub(crate) struct Handle(Arc<Shared>);

impl Handle {
    pub(crate) fn now(&self) -> Duration {
        lock(&self.0.q).now
    }

    pub(crate) fn call_soon(&self, f: Call) {
        lock(&self.0.q).ready.push_back(Job::Call(f));
    }

    pub(crate) fn call_later(&self, delay: Duration, f: Timer) -> Timer {
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

    pub(crate) fn spawn<F: Future<Output = ()> + Send + 'static>(&self, fut: F) {
        let slot = Arc::new(Slot {
            fut: Mutex::new(Some(Box::pin(fut))),
            queued: AtomicBool::new(true),
            shared: Arc::downgrade(&self.0),
        });
        let mut q = lock(&self.0.q);
        // Prune finished slots when the list has doubled: amortised O(1) per spawn.
        if q.slots.len() >= 64 && q.slots.len().is_power_of_two() {
            q.slots.retain(|w| w.strong_count() > 0);
        }
        q.slots.push(Arc::downgrade(&slot));
        q.ready.push_back(Job::Poll(slot));
    }
}

/// The executor stopped with nothing ready and no timer while the main future was pending:
/// a real event loop would block forever (SPEC L5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stuck {
    /// The virtual time it stopped at.
    pub at: Duration,
}

impl std::fmt::Display for Stuck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "nothing left to run at {:?} and the main future is not done",
            self.at
        )
    }
}

impl std::error::Error for Stuck {}

/// asyncio's event loop for Rust futures, on virtual time.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, spawn, Executor, Raised};
/// let ex = Executor::new();
/// let out = ex.block_on(async {
///     let t = spawn(async {
///         sleep_for::<()>(Duration::from_secs(3600)).await?;
///         Ok::<_, Raised<()>>("an hour later")
///     }).unwrap();
///     t.await
/// });
/// assert_eq!(out.unwrap(), Ok("an hour later"));
/// assert_eq!(ex.now(), Duration::from_secs(3600)); // virtual time: no real waiting
/// ```
pub struct Executor {
    shared: Arc<Shared>,
    /// The jobs of the turn being run (kept to reuse its allocation).
    turn: Mutex<VecDeque<Job>>,
}

impl Default for Executor {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Executor {
    /// Closing the loop: pending tasks are dropped (each reports "Task was destroyed but it is
    /// pending!", SPEC R8), timers and queued callbacks discarded.
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

impl Executor {
    /// A new executor at virtual time 0, with nothing to run.
    pub fn new() -> Self {
        Executor {
            shared: Arc::new(Shared {
                q: Mutex::new(Queue {
                    ready: VecDeque::new(),
                    timers: BTreeMap::new(),
                    now: Duration::ZERO,
                    seq: 0,
                    slots: Vec::new(),
                }),
            }),
            turn: Mutex::new(VecDeque::new()),
        }
    }

    fn sched(&self) -> Sched {
        Sched::Executor(Handle(self.shared.clone()))
    }

    /// The virtual time.
    pub fn now(&self) -> Duration {
        lock(&self.shared.q).now
    }

    /// Run `main` as a task and the loop until it is done (`loop.run_until_complete`).
    pub fn block_on<F>(&self, main: F) -> Result<F::Output, Stuck>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let out: Arc<Mutex<Option<F::Output>>> = Arc::new(Mutex::new(None));
        let o = out.clone();
        Handle(self.shared.clone()).spawn(async move {
            let v = main.await;
            *lock(&o) = Some(v);
        });
        rt::enter(self.sched(), || loop {
            if let Some(v) = lock(&out).take() {
                return Ok(v);
            }
            if !self.run_once() {
                return Err(Stuck { at: self.now() });
            }
        })
    }

    /// `loop.run_until_complete(fut)`: run turns until `fut` is done and its done callback (a
    /// `call_soon`, SPEC F2) has run, as asyncio's `_run_until_complete_cb` stops the loop.
    pub fn run_until_complete<T, E>(&self, fut: &crate::AioFuture<T, E>) -> Result<(), Stuck>
    where
        T: Clone + Send + 'static,
        E: Clone + std::fmt::Debug + Send + 'static,
    {
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        rt::enter(self.sched(), || {
            let id = fut.add_done_callback(move |_| s.store(true, Ordering::SeqCst));
            let r = loop {
                if !self.run_once() {
                    break Err(Stuck { at: self.now() });
                }
                if stop.load(Ordering::SeqCst) {
                    break Ok(());
                }
            };
            fut.remove_done_callback(id);
            r
        })
    }

    /// `loop.run_forever()`: run turns until `stop_at` (the turn in which the stop timer fires
    /// completes, SPEC X6) or until nothing is left to run. Returns false if it stopped
    /// because nothing was left (SPEC L5).
    pub fn run_forever(&self, stop_at: Option<Duration>) -> bool {
        let stop = Arc::new(AtomicBool::new(false));
        if let Some(d) = stop_at {
            let s = stop.clone();
            let _cancel = Handle(self.shared.clone())
                .call_later(d, Box::new(move || s.store(true, Ordering::SeqCst)));
        }
        rt::enter(self.sched(), || loop {
            if !self.run_once() {
                return false;
            }
            if stop.load(Ordering::SeqCst) {
                return true;
            }
        })
    }

    /// Run `f` with this executor as the current runtime (to spawn before running).
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        rt::enter(self.sched(), f)
    }

    /// One turn of the loop (`_run_once`). Returns false when nothing is ready and no timer
    /// is left.
    fn run_once(&self) -> bool {
        let mut turn = std::mem::take(&mut *lock(&self.turn));
        {
            let mut q = lock(&self.shared.q);
            if q.ready.is_empty() {
                match q.timers.keys().next().copied() {
                    None => return false,
                    Some((when, _)) => {
                        if when > q.now {
                            q.now = when;
                        }
                    }
                }
            }
            // Move the timers that are due to the ready queue, in (deadline, sequence) order.
            let now = q.now;
            while let Some(entry) = q.timers.first_entry() {
                if entry.key().0 > now {
                    break;
                }
                let f = entry.remove();
                q.ready.push_back(Job::Call(Call::Fn(f)));
            }
            // This turn runs what is ready now; what it schedules runs in the next turn.
            std::mem::swap(&mut q.ready, &mut turn);
        }
        while let Some(job) = turn.pop_front() {
            match job {
                Job::Call(f) => f.run(),
                Job::Poll(slot) => {
                    slot.queued.store(false, Ordering::Release);
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
        *lock(&self.turn) = turn;
        true
    }
}
