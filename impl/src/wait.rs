//! `asyncio.wait()`: (done, pending) with FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED
//! and an optional timeout that returns rather than raises (SPEC W1–W6, W8, W11, W12).
//!
//! # Cancellation
//!
//! `wait` cancels nothing: on return (or when the awaiting task is cancelled, W12) it removes
//! its callbacks and leaves pending children running.

use std::fmt;
use std::time::Duration;

use crate::faults::{self, Fault};
use crate::future::{AioFuture, CallbackId, DoneCallback};
use crate::raised::Raised;
use crate::rt;
use crate::sync::{lock, AtomicUsize, Mutex, Ordering};

/// When `wait` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// Return when any child completes (SPEC W2).
    FirstCompleted,
    /// Return when a child fails, or all are done (W3).
    FirstException,
    /// Return when all are done.
    AllCompleted,
}

/// Bad arguments to `wait`, as CPython raises them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitError {
    /// `ValueError('Set of Tasks/Futures is empty.')` (W8).
    Empty,
    /// No runtime is running.
    NoRuntime,
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Empty => write!(f, "Set of Tasks/Futures is empty."),
            WaitError::NoRuntime => write!(f, "no running event loop"),
        }
    }
}

impl std::error::Error for WaitError {}

/// What `wait` returns: the done and the pending futures (each listed once).
pub struct Waited<T, E> {
    /// The children that are done (their errors not retrieved, SPEC W6).
    pub done: Vec<AioFuture<T, E>>,
    /// The children still pending (not cancelled, W5).
    pub pending: Vec<AioFuture<T, E>>,
}

/// `_wait`'s `_on_completion` closure: one object shared by every child (W2–W4).
struct OnCompletion<E> {
    counter: AtomicUsize,
    return_when: ReturnWhen,
    waiter: AioFuture<(), E>,
    timer: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl<T, E> DoneCallback<T, E> for OnCompletion<E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn call(&self, f: &AioFuture<T, E>, _settled: Option<Result<(), Raised<E>>>) {
        // _wait's _on_completion (W2-W4): Python's `or` short-circuits, so exception()
        // (which retrieves) runs under FIRST_EXCEPTION for all but the last completion.
        let counter = self.counter.fetch_sub(1, Ordering::AcqRel) - 1;
        let wake = counter == 0
            || self.return_when == ReturnWhen::FirstCompleted
            || (self.return_when == ReturnWhen::FirstException
                && !f.cancelled()
                && matches!(f.exception(), Ok(Some(_))));
        if wake {
            if let Some(cancel) = lock(&self.timer).take() {
                cancel();
            }
            self.waiter.set_result(());
        }
    }
}

/// `asyncio.wait(fs, timeout=..., return_when=...)`.
///
/// Never raises the children's errors (W1): a failed child is simply done, and stays
/// unretrieved (it is reported when dropped) unless someone looks at it, except under
/// FIRST_EXCEPTION, whose callback retrieves the errors of every completion but the last (W4).
///
/// # Errors
///
/// [`WaitError::Empty`] for an empty `fs` (W8); [`WaitError::NoRuntime`] outside a runtime.
/// Cancellation of the awaiting task is `Err(Raised::Cancelled)` from the outer `Result`.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, spawn, wait, Executor, Raised, ReturnWhen};
/// let (done, pending) = Executor::new().block_on(async {
///     let fast = spawn(async { Err::<u32, _>(Raised::Error("boom")) }).unwrap();
///     let slow = spawn(async { sleep_for::<&str>(Duration::from_secs(5)).await.map(|_| 2) }).unwrap();
///     let w = wait(vec![fast.clone().into(), slow.into()], None, ReturnWhen::FirstException).await;
///     let w = w.unwrap().unwrap(); // wait itself never raises the children's errors (W1)
///     (w.done.len(), w.pending.len())
/// }).unwrap();
/// assert_eq!((done, pending), (1, 1));
/// ```
pub async fn wait<T, E>(
    fs: Vec<AioFuture<T, E>>,
    timeout: Option<Duration>,
    return_when: ReturnWhen,
) -> Result<Result<Waited<T, E>, Raised<E>>, WaitError>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    // `set(fs)`: distinct by identity, in a hash set so that wait stays linear.
    let mut seen = crate::identity::Distinct::with_capacity(fs.len());
    let mut set: Vec<AioFuture<T, E>> = Vec::with_capacity(fs.len());
    for f in fs {
        if seen.insert(f.key()) {
            set.push(f);
        }
    }
    if set.is_empty() {
        return Err(WaitError::Empty);
    }
    let runtime = rt::current().map_err(|_| WaitError::NoRuntime)?;
    let waiter: AioFuture<(), E> = AioFuture::new();
    let timer = timeout.map(|d| {
        let w = waiter.clone();
        runtime.call_later(
            d,
            Box::new(move || {
                w.set_result(());
            }),
        )
    });
    let on_completion = std::sync::Arc::new(OnCompletion {
        counter: AtomicUsize::new(set.len()),
        return_when,
        waiter: waiter.clone(),
        timer: Mutex::new(timer),
    });
    let callback: std::sync::Arc<dyn DoneCallback<T, E>> = on_completion.clone();
    let ids: Vec<CallbackId> = set
        .iter()
        .map(|f| f.add_shared_callback(callback.clone()))
        .collect();
    drop(callback);
    let r = waiter.clone().await;
    // finally: cancel the timeout, remove the callbacks (W5).
    if let Some(cancel) = lock(&on_completion.timer).take() {
        cancel();
    }
    // One lock per child for both: the callback removed, and done() read for the split.
    let keep = faults::active(Fault::WaitKeepsCallbacks);
    let mut done = Vec::new();
    let mut pending = Vec::new();
    for (f, id) in set.into_iter().zip(ids) {
        let is_done = if keep {
            f.done()
        } else {
            f.remove_done_callback_and_done(id).1
        };
        if is_done {
            done.push(f);
        } else {
            pending.push(f);
        }
    }
    if let Err(e) = r {
        return Ok(Err(e));
    }
    if faults::active(Fault::WaitRetrievesAll) {
        for f in &done {
            let _ = f.exception();
        }
    }
    Ok(Ok(Waited { done, pending }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sleep_for, spawn, Executor};

    #[test]
    fn w5_callbacks_removed_when_wait_returns() {
        Executor::new()
            .block_on(async {
                let fast: AioFuture<u32, ()> = spawn(async { Ok(1) }).unwrap().into();
                let slow: AioFuture<u32, ()> = spawn(async {
                    sleep_for::<()>(Duration::from_secs(1)).await?;
                    Ok(2)
                })
                .unwrap()
                .into();
                let w = wait(vec![fast, slow.clone()], None, ReturnWhen::FirstCompleted)
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(w.pending.len(), 1);
                // Only the task runner's wake-up remains: wait's _on_completion is gone.
                assert_eq!(slow.callbacks_len(), 0);
                assert!(!slow.cancelled());
            })
            .unwrap();
    }
}
