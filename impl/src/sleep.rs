//! `asyncio.sleep(delay)`: a future completed by a timer, so a task awaiting it is cancelled
//! by cancelling it (SPEC S2, S3, T6).

use std::fmt;
use std::time::Duration;

use crate::future::AioFuture;
use crate::raised::Raised;
use crate::rt::{self, NoRuntime};

/// `asyncio.sleep(delay)`. A zero delay completes at the runtime's next turn (a bare yield,
/// S1). Cancelling the returned future cancels the timer (S3).
pub fn sleep<E>(delay: Duration) -> Result<AioFuture<(), E>, NoRuntime>
where
    E: Clone + fmt::Debug + Send + 'static,
{
    let rt = rt::current()?;
    let fut: AioFuture<(), E> = AioFuture::new();
    let f = fut.clone();
    let cancel_timer = rt.call_later(
        delay,
        Box::new(move || {
            // futures._set_result_unless_cancelled
            f.set_result(());
        }),
    );
    let cancel_timer = std::sync::Mutex::new(Some(cancel_timer));
    fut.add_done_callback(move |f: &AioFuture<(), E>| {
        if f.cancelled() {
            if let Some(c) = cancel_timer
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
            {
                c();
            }
        }
    });
    Ok(fut)
}

/// `await asyncio.sleep(delay)` for a child: a cancellation of the task surfaces as
/// `Err(Raised::Cancelled)`.
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, Executor};
/// let ex = Executor::new();
/// ex.block_on(async { sleep_for::<()>(Duration::from_millis(1500)).await }).unwrap().unwrap();
/// assert_eq!(ex.now(), Duration::from_millis(1500));
/// ```
pub async fn sleep_for<E>(delay: Duration) -> Result<(), Raised<E>>
where
    E: Clone + fmt::Debug + Send + 'static,
{
    match sleep::<E>(delay) {
        Ok(f) => f.await,
        Err(NoRuntime) => Err(Raised::InvalidState("no running event loop")),
    }
}
