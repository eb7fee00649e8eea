//! `asyncio.shield(aw)` (`tasks.py` `shield`): wait for a future without letting a
//! cancellation of the waiter reach it.
//!
//! # Cancellation
//!
//! Cancelling the future `shield` returns (which is what cancelling a task awaiting it does,
//! SPEC T6) cancels only that outer future: the inner one keeps running, and the shield lets
//! go of it (`_outer_done_callback` removes the inner's callback). Cancelling the inner
//! future by other means cancels the outer one too.

use std::fmt;

use crate::future::AioFuture;

/// `asyncio.shield(inner)`: a future that completes as `inner` does, and whose cancellation
/// does not cancel `inner`. A done `inner` is returned as it is ("Shortcut").
///
/// Retrieval (SPEC R3, R6): `inner`'s error is retrieved when it is copied to the outer
/// future, which then reports it as `Future exception was never retrieved` if nobody looks
/// at it. Once the outer future is cancelled the shield has let go of `inner`: an error it
/// finishes with later is `inner`'s to report. Only when `inner` completed first and the
/// outer future was cancelled before the shield's callback ran (a race of one turn) does
/// the shield retrieve `inner`'s error and drop it ("Mark inner's result as retrieved").
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{shield, sleep_for, spawn, Executor, Raised};
/// let (outer, inner) = Executor::new().block_on(async {
///     let inner = spawn(async {
///         sleep_for::<()>(Duration::from_secs(2)).await?;
///         Ok::<u32, Raised<()>>(42)
///     }).unwrap();
///     let waiter = spawn({
///         let outer = shield(inner.future().clone());
///         async move { outer.await }
///     }).unwrap();
///     sleep_for::<()>(Duration::from_secs(1)).await.unwrap();
///     waiter.cancel(None); // cancels the shield's outer future, not `inner`
///     (waiter.clone().await, inner.clone().await)
/// }).unwrap();
/// assert_eq!(outer, Err(Raised::Cancelled(None)));
/// assert_eq!(inner, Ok(42));
/// ```
pub fn shield<T, E>(inner: AioFuture<T, E>) -> AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    if inner.done() {
        return inner;
    }
    // The outer future lives on the inner one's loop (`futures._get_loop(inner)`).
    let outer = AioFuture::new_on(inner.scheduler().cloned());
    let out = outer.clone();
    let inner_cb = inner.add_done_callback(move |inner: &AioFuture<T, E>| {
        // `_inner_done_callback`.
        if out.cancelled() {
            if !inner.cancelled() {
                // Mark inner's result as retrieved.
                let _ = inner.exception();
            }
            return;
        }
        if inner.cancelled() {
            out.cancel(None);
        } else {
            match inner.exception() {
                Ok(Some(e)) => {
                    out.set_exception(e);
                }
                _ => {
                    if let Ok(v) = inner.result() {
                        out.set_result(v);
                    }
                }
            }
        }
    });
    let inner2 = inner.clone();
    outer.add_done_callback(move |outer: &AioFuture<T, E>| {
        // `_outer_done_callback`.
        if !inner2.done() {
            if outer.cancelled()
                && crate::faults::active(crate::faults::Fault::ShieldForwardsCancel)
            {
                inner2.cancel(None);
                return;
            }
            inner2.remove_done_callback(inner_cb);
        }
    });
    outer
}
