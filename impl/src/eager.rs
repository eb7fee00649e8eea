//! Eager start: a task whose first step runs inside the call that creates it, as CPython
//! 3.12's `eager_task_factory` makes them (`tasks.py` `Task.__eager_start`).
//!
//! A child that finishes in its first step is done when [`spawn_eager`] returns, with no
//! loop turn spent; otherwise it is a task like any other from its first `await` on. Inside
//! that first step the current task is the new one (CPython's `_swap_current_task`), so a
//! cancellation or a task group it starts belongs to it.
//!
//! Differences from CPython: this crate's `gather` follows 3.11's G11 and schedules the
//! callbacks of children already done, where 3.12+ accounts for them inside `gather()`
//! (SPEC G11); eager start is per task here, not a loop-wide task factory.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Wake, Waker};

use crate::raised::Raised;
use crate::rt::NoRuntime;
use crate::sync::{lock, Arc, Mutex};
use crate::task::{new_task, Runner, Task};

/// `asyncio.create_task(coro)` under `eager_task_factory`: run `child`'s first step now.
///
/// # Errors
///
/// [`NoRuntime`] outside aiospec's executors and a tokio runtime (CPython starts a task
/// eagerly only when its loop is running).
///
/// # Examples
///
/// ```
/// use aiospec_impl::{spawn_eager, Executor, Raised};
/// let done_at_once = Executor::new().block_on(async {
///     let t = spawn_eager(async { Ok::<u32, Raised<()>>(7) }).unwrap();
///     t.done() // no turn of the loop has run
/// });
/// assert_eq!(done_at_once, Ok(true));
/// ```
pub fn spawn_eager<T, E, F>(child: F) -> Result<Task<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
    F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
{
    let fut = new_task::<T, E>(None);
    let rt = fut.scheduler().cloned().ok_or(NoRuntime)?;
    let mut runner = Box::pin(Runner::new(child, false, fut.clone()));
    let forward = Arc::new(Forward {
        st: Mutex::new((None, false)),
    });
    let waker = Waker::from(forward.clone());
    if runner
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_pending()
    {
        rt.spawn(Eager {
            runner,
            forward: Some(forward),
        });
    }
    Ok(Task::from_future(fut))
}

/// The waker of the eager step: whatever it was given to wakes the runtime's task once
/// there is one, or marks the task woken until then.
struct Forward {
    /// The runtime's waker, and whether a wake-up came before it was known.
    st: Mutex<(Option<Waker>, bool)>,
}

impl Wake for Forward {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        let target = {
            let mut st = lock(&self.st);
            if st.0.is_none() {
                st.1 = true;
            }
            st.0.clone()
        };
        if let Some(w) = target {
            w.wake();
        }
    }
}

/// The task after its eager step: its first poll by the runtime only records the runtime's
/// waker (the step it would run has run), unless a wake-up came in between.
struct Eager<R> {
    runner: Pin<Box<R>>,
    forward: Option<Arc<Forward>>,
}

impl<R: Future<Output = ()>> Future for Eager<R> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(f) = self.forward.take() {
            let woken = {
                let mut st = lock(&f.st);
                st.0 = Some(cx.waker().clone());
                std::mem::take(&mut st.1)
            };
            if !woken {
                return Poll::Pending;
            }
        }
        self.runner.as_mut().poll(cx)
    }
}
