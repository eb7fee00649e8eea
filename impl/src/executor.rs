//! An executor with asyncio's scheduling order: a FIFO ready queue run one turn at a time and
//! virtual-time timers fired in (deadline, scheduling order), like `BaseEventLoop._run_once`
//! (SPEC L1, L3, L4), so traces can be compared with the model event by event.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use crate::rt::{self, BoxFuture, Schedule};

type Call = Box<dyn FnOnce() + Send>;

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
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            if let Some(sh) = self.shared.upgrade() {
                lock(&sh.ready).push_back(Job::Poll(self.clone()));
            }
        }
    }
}

struct Shared {
    /// Every task slot, so that dropping the executor drops their futures: a pending task and
    /// what it awaits reference each other (through wakers), as in CPython, where the garbage
    /// collector breaks such cycles.
    slots: Mutex<Vec<Weak<Slot>>>,
    ready: Mutex<VecDeque<Job>>,
    timers: Mutex<BTreeMap<(Duration, u64), Call>>,
    now: Mutex<Duration>,
    seq: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

struct Handle(Arc<Shared>);

impl Schedule for Handle {
    fn call_soon(&self, f: Call) {
        lock(&self.0.ready).push_back(Job::Call(f));
    }
    fn call_later(&self, delay: Duration, f: Call) -> Box<dyn FnOnce() + Send> {
        let when = *lock(&self.0.now) + delay;
        let key = (when, self.0.seq.fetch_add(1, Ordering::SeqCst));
        lock(&self.0.timers).insert(key, f);
        let weak = Arc::downgrade(&self.0);
        Box::new(move || {
            if let Some(sh) = weak.upgrade() {
                lock(&sh.timers).remove(&key);
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
            // Prune finished slots when the list has doubled: amortised O(1) per spawn.
            let mut slots = lock(&self.0.slots);
            if slots.len() >= 64 && slots.len().is_power_of_two() {
                slots.retain(|w| w.strong_count() > 0);
            }
            slots.push(Arc::downgrade(&slot));
        }
        lock(&self.0.ready).push_back(Job::Poll(slot));
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
        let slots: Vec<Arc<Slot>> = lock(&self.shared.slots)
            .drain(..)
            .filter_map(|w| w.upgrade())
            .collect();
        lock(&self.shared.ready).clear();
        let timers = std::mem::take(&mut *lock(&self.shared.timers));
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
                slots: Mutex::new(Vec::new()),
                ready: Mutex::new(VecDeque::new()),
                timers: Mutex::new(BTreeMap::new()),
                now: Mutex::new(Duration::ZERO),
                seq: AtomicU64::new(0),
            }),
        }
    }

    /// The virtual time.
    pub fn now(&self) -> Duration {
        *lock(&self.shared.now)
    }

    /// Run `main` as a task and the loop until it is done (`loop.run_until_complete`).
    pub fn block_on<F>(&self, main: F) -> Result<F::Output, Stuck>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let out: Arc<Mutex<Option<F::Output>>> = Arc::new(Mutex::new(None));
        let o = out.clone();
        let handle: Arc<dyn Schedule> = Arc::new(Handle(self.shared.clone()));
        handle.spawn(Box::pin(async move {
            let v = main.await;
            *lock(&o) = Some(v);
        }));
        rt::enter(handle, || loop {
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
        let handle: Arc<dyn Schedule> = Arc::new(Handle(self.shared.clone()));
        rt::enter(handle, || {
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
        let handle: Arc<dyn Schedule> = Arc::new(Handle(self.shared.clone()));
        if let Some(d) = stop_at {
            let s = stop.clone();
            let _cancel = handle.call_later(d, Box::new(move || s.store(true, Ordering::SeqCst)));
        }
        rt::enter(handle, || loop {
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
        rt::enter(Arc::new(Handle(self.shared.clone())), f)
    }

    /// One turn of the loop (`_run_once`). Returns false when nothing is ready and no timer
    /// is left.
    fn run_once(&self) -> bool {
        let sh = &self.shared;
        if lock(&sh.ready).is_empty() {
            let next = lock(&sh.timers).keys().next().copied();
            match next {
                None => return false,
                Some((when, _)) => {
                    let mut now = lock(&sh.now);
                    if when > *now {
                        *now = when;
                    }
                }
            }
        }
        // Move the timers that are due to the ready queue, in (deadline, sequence) order.
        let now = *lock(&sh.now);
        loop {
            let due = {
                let mut timers = lock(&sh.timers);
                match timers.keys().next().copied() {
                    Some(k) if k.0 <= now => timers.remove(&k),
                    _ => None,
                }
            };
            match due {
                Some(f) => lock(&sh.ready).push_back(Job::Call(f)),
                None => break,
            }
        }
        let ntodo = lock(&sh.ready).len();
        for _ in 0..ntodo {
            let job = lock(&sh.ready).pop_front();
            match job {
                Some(Job::Call(f)) => f(),
                Some(Job::Poll(slot)) => {
                    slot.queued.store(false, Ordering::SeqCst);
                    let fut = lock(&slot.fut).take();
                    if let Some(mut fut) = fut {
                        let waker = Waker::from(slot.clone());
                        let mut cx = Context::from_waker(&waker);
                        if Pin::new(&mut fut).poll(&mut cx).is_pending() {
                            *lock(&slot.fut) = Some(fut);
                        }
                    }
                }
                None => break,
            }
        }
        true
    }
}
