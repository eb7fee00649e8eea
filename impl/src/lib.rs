//! # aiospec-impl
//!
//! Python asyncio's `Task`, `gather`, `wait`, `wait_for`, `TaskGroup`, `as_completed`,
//! `shield`, `timeout` and eager tasks for Rust futures, with asyncio's semantics as
//! [aiospec's SPEC.md](https://example.invalid/aiospec/SPEC.md) states them:
//!
//! - [`gather()`] finishes with the first error at once while the other children keep running,
//!   and retrieves their later errors silently (SPEC G2, G4); `futures::try_join_all` drops
//!   them instead.
//! - [`wait()`] never raises: it returns the done and the pending children (W1), and an error
//!   nobody looks at is reported when its last handle is dropped (R6), as CPython prints
//!   "Task exception was never retrieved".
//! - [`Task::cancel`] is a request the child may handle (T6, T7); [`wait_for()`] cancels and
//!   awaits its child on timeout (WF2).
//! - [`TaskGroup`] cancels the other children at the first failure and returns every error
//!   together (CPython 3.13's `taskgroups.py`); [`as_completed()`] yields futures in
//!   completion order in O(N) in all; [`shield()`] keeps a cancellation of the waiter from the
//!   inner future; [`timeout()`] and [`timeout_at()`] turn a deadline into `Raised::Timeout`,
//!   with [`Timeout::reschedule`]; [`spawn_eager`] runs a task's first step at once (3.12's
//!   eager tasks).
//!
//! Tasks run on tokio (current_thread, paused time included, or multi_thread) or on
//! [`Executor`], which schedules as asyncio's event loop does, on virtual time. A child that
//! panics becomes an error outcome ([`Raised::Panic`]).
//!
//! # The seed's programs
//!
//! gather: the first exception propagates; the siblings still run (here, until the runtime
//! stops). wait: every child runs; nothing is raised; unretrieved errors are reported.
//!
//! ```
//! use std::time::Duration;
//! use aiospec_impl::{gather, report, sleep_for, spawn, wait, Executor, Raised, ReturnWhen};
//!
//! async fn a_flaky_tsk(i: u64) -> Result<u64, Raised<&'static str>> {
//!     sleep_for(Duration::from_secs(i)).await?;
//!     if i % 2 == 0 { println!("{i} ok"); Ok(i) } else { println!("{i} crashed!"); Err(Raised::Error("ValueError")) }
//! }
//!
//! let reports = report::Collector::new();
//! report::with_exception_handler(reports.handler(), || {
//!     // gather: the first exception propagates to main at t=1.
//!     let out = Executor::new().block_on(async {
//!         let ts: Vec<_> = (0..10).map(|i| spawn(a_flaky_tsk(i)).unwrap().into()).collect();
//!         gather(ts, false).await
//!     });
//!     assert_eq!(out.unwrap().unwrap_err(), Raised::Error("ValueError"));
//!
//!     // wait: all ten run; nothing raises; five errors are never retrieved.
//!     let ex = Executor::new();
//!     let out = ex.block_on(async {
//!         let ts: Vec<_> = (0..10).map(|i| spawn(a_flaky_tsk(i)).unwrap().into()).collect();
//!         let w = wait(ts, None, ReturnWhen::AllCompleted).await.unwrap().unwrap();
//!         (w.done.len(), w.pending.len())
//!     });
//!     assert_eq!(out.unwrap(), (10, 0));
//!     drop(ex);
//! });
//! assert_eq!(reports.take().len(), 5);
//! ```

#![warn(missing_docs)]

mod callbacks;
mod sync;

pub mod as_completed;
pub mod eager;
pub mod executor;
#[doc(hidden)]
pub mod faults;
pub mod future;
pub mod gather;
mod identity;
pub mod loop_time;
pub mod raised;
pub mod report;
pub mod rt;
pub mod shield;
pub mod sleep;
pub mod task;
pub mod taskgroups;
pub mod timeouts;
pub mod wait;
pub mod wait_for;
pub mod workers;

pub use as_completed::{as_completed, AsCompleted};
pub use eager::spawn_eager;
pub use executor::{Executor, Stuck};
pub use future::{AioFuture, CallbackId};
pub use gather::{gather, gather_lazy, gather_named, Gather, Results};
pub use loop_time::{loop_time, LoopTime};
pub use raised::Raised;
pub use rt::NoRuntime;
pub use shield::shield;
pub use sleep::{sleep, sleep_for};
pub use task::{spawn, spawn_named, spawn_with, spawn_with_named, Task, TaskContext, YieldNow};
pub use taskgroups::{SpawnError, TaskGroup, TaskGroupError};
pub use timeouts::{timeout, timeout_at, RescheduleError, Timeout};
pub use wait::{wait, ReturnWhen, WaitError, Waited};
pub use wait_for::wait_for;
pub use workers::{KeepAlive, Workers};
