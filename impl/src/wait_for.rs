//! `asyncio.wait_for(aw, timeout)` (SPEC WF1, WF2, WF4).
//!
//! # Cancellation
//!
//! On timeout the child is cancelled and awaited, then `Raised::Timeout` is returned; if the
//! child handles the cancellation and returns a value, that value is returned (3.9+
//! behaviour). If the task awaiting `wait_for` is cancelled, the child is cancelled too.

use std::fmt;
use std::time::Duration;

use crate::future::AioFuture;
use crate::raised::Raised;
use crate::rt;

/// `asyncio.wait_for(fut, timeout)`. `timeout = None` just awaits (WF1); `Some(0)` with a
/// pending child cancels it and waits for it, then times out (WF3).
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, spawn, wait_for, Executor, Raised};
/// let out = Executor::new().block_on(async {
///     let slow = spawn(async { sleep_for::<()>(Duration::from_secs(10)).await.map(|_| 1u32) }).unwrap();
///     let r = wait_for(slow.clone().into(), Some(Duration::from_secs(1))).await;
///     (r, slow.cancelled())
/// });
/// assert_eq!(out.unwrap(), (Err(Raised::Timeout), true));
/// ```
pub async fn wait_for<T, E>(fut: AioFuture<T, E>, timeout: Option<Duration>) -> Result<T, Raised<E>>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let Some(d) = timeout else { return fut.await };
    if d.is_zero() {
        if fut.done() {
            return fut.result();
        }
        // WF3: no waiting: cancel, wait for the child to finish, then time out (or return
        // the value it returned instead).
        cancel_and_wait(&fut).await;
        return match fut.result() {
            Err(Raised::Cancelled(_)) => Err(Raised::Timeout),
            other => other,
        };
    }
    let runtime = rt::current().map_err(|_| Raised::InvalidState("no running event loop"))?;
    let waiter: AioFuture<(), E> = AioFuture::new();
    let w = waiter.clone();
    let cancel_timer = runtime.call_later(
        d,
        Box::new(move || {
            w.set_result(());
        }),
    );
    let w = waiter.clone();
    let cb = fut.add_done_callback(move |_f: &AioFuture<T, E>| {
        w.set_result(());
    });
    let r = waiter.clone().await;
    cancel_timer();
    match r {
        Err(e) => {
            // WF4: the wait itself was cancelled: cancel the child and wait for it.
            if fut.done() {
                return fut.result();
            }
            fut.remove_done_callback(cb);
            cancel_and_wait(&fut).await;
            Err(e)
        }
        Ok(()) if fut.done() => fut.result(),
        Ok(()) => {
            // WF2: timed out.
            fut.remove_done_callback(cb);
            cancel_and_wait(&fut).await;
            match fut.result() {
                Err(Raised::Cancelled(_)) => Err(Raised::Timeout),
                other => other,
            }
        }
    }
}

/// `_cancel_and_wait(fut)`: cancel, then wait until it is done (without retrieving it).
async fn cancel_and_wait<T, E>(fut: &AioFuture<T, E>)
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let waiter: AioFuture<(), E> = AioFuture::new();
    let w = waiter.clone();
    let cb = fut.add_done_callback(move |_f: &AioFuture<T, E>| {
        w.set_result(());
    });
    fut.cancel(None);
    let _ = waiter.await;
    fut.remove_done_callback(cb);
}
