//! `asyncio.timeout(delay)` and `asyncio.timeout_at(when)` (`timeouts.py` `Timeout`, 3.11+;
//! followed here as CPython 3.13 has it): a deadline on a block of code in the current task.
//!
//! When the deadline passes, the timeout cancels the task (`Timeout._on_timeout`); the body
//! sees the cancellation at the await it is in, and when it ends with that cancellation the
//! timeout turns it into `Raised::Timeout` (`TimeoutError`). A cancellation that did not come
//! from this timeout (the task's `cancelling()` count is higher than when it was entered)
//! goes on as a cancellation: an outer timeout, or whoever cancelled the task, handles it.
//!
//! # Cancellation
//!
//! The body runs in the current task, not in a new one; cancelling the task cancels the body
//! as it would without the timeout. A body that handles the timeout's cancellation and returns
//! normally returns its value (`expired()` is then true). As with [`TaskGroup`](crate::TaskGroup),
//! the cancellation reaches the body through an [`AioFuture`](crate::AioFuture) it awaits.
//!
//! Differences from CPython: an exception other than `CancelledError` leaving an expired body
//! propagates as it is; CPython also chains a `TimeoutError` into its `__context__`, which
//! Rust errors do not have.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use crate::loop_time::LoopTime;
use crate::raised::Raised;
use crate::rt::{self, Sched};
use crate::sync::{lock, Arc, Mutex};
use crate::task::{current_task, TaskRef};

/// `_State` (a timeout is entered as it is made: `CREATED` is never seen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Entered,
    Expiring,
    Expired,
    Exited,
}

impl State {
    /// The state's value in CPython's messages.
    fn value(self) -> &'static str {
        match self {
            State::Entered => "active",
            State::Expiring => "expiring",
            State::Expired => "expired",
            State::Exited => "finished",
        }
    }
}

/// Why [`Timeout::reschedule`] refused (CPython raises `RuntimeError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RescheduleError(&'static str);

impl fmt::Display for RescheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cannot change state of {} Timeout", self.0)
    }
}

impl std::error::Error for RescheduleError {}

struct Inner {
    state: State,
    when: Option<LoopTime>,
    /// Cancels the scheduled `_on_timeout` (`_timeout_handler`).
    handler: Option<Box<dyn FnOnce() + Send>>,
    /// Bumped by each reschedule: a handler that fires after being replaced does nothing.
    generation: u64,
}

struct Shared {
    st: Mutex<Inner>,
    task: Arc<dyn TaskRef>,
    sched: Sched,
}

/// The timeout in effect around a body: read or move its deadline from inside the body.
/// Cloning gives another handle to the same timeout.
#[derive(Clone)]
pub struct Timeout {
    shared: std::sync::Arc<Shared>,
}

impl fmt::Debug for Timeout {
    /// As CPython's `repr`: `<Timeout [active] when=...>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = lock(&self.shared.st);
        write!(f, "<Timeout [{}]", st.state.value())?;
        if st.state == State::Entered {
            match st.when {
                Some(w) => write!(f, " when={w:?}")?,
                None => write!(f, " when=None")?,
            }
        }
        write!(f, ">")
    }
}

impl Timeout {
    /// `when()`: the current deadline; None means none.
    pub fn when(&self) -> Option<LoopTime> {
        lock(&self.shared.st).when
    }

    /// `expired()`: did the deadline pass while the body ran?
    pub fn expired(&self) -> bool {
        matches!(
            lock(&self.shared.st).state,
            State::Expiring | State::Expired
        )
    }

    /// `reschedule(when)`: move the deadline (None: no deadline). A deadline already past
    /// fires at the loop's next turn.
    ///
    /// # Errors
    ///
    /// Once the deadline has passed or the body has ended (CPython: `RuntimeError('Cannot
    /// change state of expiring Timeout')` and the like).
    pub fn reschedule(&self, when: Option<LoopTime>) -> Result<(), RescheduleError> {
        let old = {
            let mut st = lock(&self.shared.st);
            if st.state != State::Entered {
                return Err(RescheduleError(st.state.value()));
            }
            st.when = when;
            st.generation += 1;
            st.handler.take()
        };
        if let Some(cancel) = old {
            cancel();
        }
        let Some(when) = when else { return Ok(()) };
        let (weak, generation) = (
            std::sync::Arc::downgrade(&self.shared),
            lock(&self.shared.st).generation,
        );
        let handler = self.shared.sched.call_at(
            when,
            Box::new(move || {
                if let Some(s) = weak.upgrade() {
                    on_timeout(&s, generation);
                }
            }),
        );
        let mut st = lock(&self.shared.st);
        if st.generation == generation && st.state == State::Entered {
            st.handler = Some(handler);
        } else {
            drop(st);
            handler();
        }
        Ok(())
    }
}

/// `_on_timeout()`: cancel the task; the body's cancellation becomes the timeout's.
///
/// The cancel is requested under the lock that saw the timeout entered and made it
/// expiring, the lock `__aexit__` takes: a body ending on another worker either sees it
/// entered (and this handler then does nothing) or expiring with the cancel already counted,
/// so its `uncancel()` withdraws it. Requested after the lock, an exit in between withdrew
/// nothing and the cancel reached the task's next await (found by shuttle, seed 2029
/// program 289: `findings/shuttle_timeout_reschedule_now.json`).
fn on_timeout(s: &Shared, generation: u64) {
    let mut st = lock(&s.st);
    if st.generation != generation || st.state != State::Entered {
        return;
    }
    st.state = State::Expiring;
    st.handler = None;
    s.task.clone().cancel_task(None);
    drop(st);
}

/// `async with asyncio.timeout(delay): body`: run `body` in the current task with a deadline
/// `delay` from now (None: no deadline, until rescheduled).
///
/// # Errors
///
/// `Raised::Timeout` when the deadline passed and the body ended with the cancellation it
/// caused; the body's own error otherwise; `Raised::InvalidState` outside a task (CPython:
/// `RuntimeError('Timeout should be used inside a task')`).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, spawn, timeout, Executor, Raised};
/// let out = Executor::new().block_on(async {
///     spawn(timeout(Some(Duration::from_secs(1)), |_t| async {
///         sleep_for::<()>(Duration::from_secs(10)).await?;
///         Ok::<_, Raised<()>>("finished")
///     })).unwrap().await
/// }).unwrap();
/// assert_eq!(out, Err(Raised::Timeout));
/// ```
pub async fn timeout<R, E, F, Fut>(delay: Option<Duration>, body: F) -> Result<R, Raised<E>>
where
    F: FnOnce(Timeout) -> Fut,
    Fut: Future<Output = Result<R, Raised<E>>>,
{
    let when = match (delay, rt::current()) {
        (Some(d), Ok(s)) => Some(s.now() + d),
        _ => None,
    };
    timeout_at(when, body).await
}

/// `async with asyncio.timeout_at(when): body`: as [`timeout`], with the deadline on the
/// loop's clock ([`loop_time`](crate::loop_time())).
///
/// # Errors
///
/// As [`timeout`].
///
/// # Examples
///
/// Moving the deadline from inside the body:
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{loop_time, sleep_for, spawn, timeout_at, Executor, Raised};
/// let ex = Executor::new();
/// let out = ex.block_on(async {
///     spawn(timeout_at(Some(loop_time().unwrap() + Duration::from_secs(1)), |t| async move {
///         t.reschedule(t.when().map(|w| w + Duration::from_secs(5))).unwrap();
///         sleep_for::<()>(Duration::from_secs(3)).await?;
///         Ok::<_, Raised<()>>(t.expired())
///     })).unwrap().await
/// }).unwrap();
/// assert_eq!(out, Ok(false));
/// assert_eq!(ex.now(), Duration::from_secs(3));
/// ```
pub async fn timeout_at<R, E, F, Fut>(when: Option<LoopTime>, body: F) -> Result<R, Raised<E>>
where
    F: FnOnce(Timeout) -> Fut,
    Fut: Future<Output = Result<R, Raised<E>>>,
{
    // `__aenter__`.
    let (Some(task), Ok(sched)) = (current_task(), rt::current()) else {
        return Err(Raised::InvalidState("Timeout should be used inside a task"));
    };
    let cancelling = task.ctl().cancelling();
    let t = Timeout {
        shared: std::sync::Arc::new(Shared {
            st: Mutex::new(Inner {
                state: State::Entered,
                when: None,
                handler: None,
                generation: 0,
            }),
            task,
            sched,
        }),
    };
    t.reschedule(when).expect("a timeout just entered");
    let r = body(t.clone()).await;
    // `__aexit__`.
    let (handler, expiring) = {
        let mut st = lock(&t.shared.st);
        let expiring = st.state == State::Expiring;
        st.state = if expiring {
            State::Expired
        } else {
            State::Exited
        };
        st.generation += 1;
        (st.handler.take(), expiring)
    };
    if let Some(cancel) = handler {
        cancel();
    }
    if expiring && t.shared.task.clone().uncancel_task() <= cancelling {
        // "Since there are no new cancel requests, we're handling this."
        if let Err(Raised::Cancelled(_)) = r {
            if !crate::faults::active(crate::faults::Fault::TimeoutLetsCancelOut) {
                return Err(Raised::Timeout);
            }
        }
    }
    r
}
