//! `asyncio.as_completed(fs, timeout=...)` (`tasks.py` `_AsCompletedIterator`, 3.13): the
//! futures in the order they complete.
//!
//! Each completion's done callback puts the future on a queue and wakes the consumer; each
//! [`AsCompleted::next`] takes one off. Both are O(1), so draining N futures is O(N) in total,
//! where the `while pending: wait(pending, return_when=FIRST_COMPLETED)` idiom (and a loop of
//! `select_all`) re-registers every pending future per completion, O(N²).
//!
//! # Cancellation
//!
//! `as_completed` cancels nothing. When its timeout passes it removes its callbacks and every
//! call to `next` that is left returns `Raised::Timeout`; the futures not yet yielded keep
//! running. A task cancelled while waiting in `next` gets `Raised::Cancelled`, and the
//! iterator stays usable.

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use crate::future::{AioFuture, CallbackId, DoneCallback};
use crate::raised::Raised;
use crate::rt::{self, NoRuntime};
use crate::sync::{lock, Arc, Mutex};

struct State<T, E> {
    /// `_done`: completed futures in completion order; `None` is `_handle_timeout`'s sentinel.
    done: VecDeque<Option<AioFuture<T, E>>>,
    /// The consumer waiting in `next` (`Queue._getters`).
    getter: Option<AioFuture<(), E>>,
    /// `len(_todo)`: futures whose completion has not been handled; 0 once timed out.
    todo: usize,
    /// With a timeout: each future's callback, for `_handle_timeout` to remove.
    registered: Vec<(AioFuture<T, E>, CallbackId)>,
    /// Cancels the timeout (`_timeout_handle`).
    timer: Option<Box<dyn FnOnce() + Send>>,
}

struct Shared<T, E> {
    st: Mutex<State<T, E>>,
}

impl<T, E> DoneCallback<T, E> for Shared<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// `_handle_completion(f)`.
    fn call(&self, f: &AioFuture<T, E>, _settled: Option<Result<(), Raised<E>>>) {
        let (getter, timer) = {
            let mut st = lock(&self.st);
            if st.todo == 0 {
                return; // _handle_timeout() was here first.
            }
            st.todo -= 1;
            st.done.push_back(Some(f.clone()));
            let timer = if st.todo == 0 { st.timer.take() } else { None };
            (st.getter.take(), timer)
        };
        if let Some(cancel) = timer {
            cancel();
        }
        if let Some(g) = getter {
            g.set_result(());
        }
    }
}

impl<T, E> Shared<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// `_handle_timeout()`: remove the callbacks, one sentinel per future not yet handled.
    fn handle_timeout(&self) {
        let (registered, getter) = {
            let mut st = lock(&self.st);
            for _ in 0..st.todo {
                st.done.push_back(None);
            }
            st.todo = 0;
            st.timer = None;
            (std::mem::take(&mut st.registered), st.getter.take())
        };
        for (f, id) in registered {
            f.remove_done_callback(id);
        }
        if let Some(g) = getter {
            g.set_result(());
        }
    }
}

/// The iterator [`as_completed`] returns.
#[must_use = "as_completed yields nothing unless iterated"]
pub struct AsCompleted<T, E> {
    shared: std::sync::Arc<Shared<T, E>>,
    /// `_todo_left`: how many more times `next` yields.
    todo_left: usize,
}

impl<T, E> fmt::Debug for AsCompleted<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AsCompleted({} left)", self.todo_left)
    }
}

/// `asyncio.as_completed(fs, timeout=timeout)`.
///
/// Repeated futures count once (CPython takes `set(fs)`). Futures already done are queued in
/// argument order (CPython: in set order, SPEC L6), each by its done callback, which is
/// scheduled (SPEC F2).
///
/// Retrieval (SPEC R2, R6): [`next`](AsCompleted::next) yields the future itself, as 3.13's
/// `async for` does, without retrieving its error, which is reported if nobody looks at it;
/// [`next_result`](AsCompleted::next_result) returns its result, as `await` of what plain
/// iteration yields does, which retrieves it. A future never yielded (the timeout came
/// first) is not retrieved either.
///
/// # Errors
///
/// [`NoRuntime`] outside a runtime.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{as_completed, sleep_for, spawn, Executor, Raised};
/// let order = Executor::new().block_on(async {
///     let slow = spawn(async { sleep_for(Duration::from_secs(2)).await.map(|_| "slow") }).unwrap();
///     let fast = spawn(async { sleep_for::<()>(Duration::from_secs(1)).await.map(|_| "fast") }).unwrap();
///     let mut it = as_completed(vec![slow.into(), fast.into()], None).unwrap();
///     let mut order = Vec::new();
///     while let Some(r) = it.next_result().await {
///         order.push(r.unwrap());
///     }
///     order
/// }).unwrap();
/// assert_eq!(order, vec!["fast", "slow"]);
/// ```
pub fn as_completed<T, E>(
    fs: Vec<AioFuture<T, E>>,
    timeout: Option<Duration>,
) -> Result<AsCompleted<T, E>, NoRuntime>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let runtime = rt::current()?;
    let mut seen = crate::identity::Distinct::with_capacity(fs.len());
    let todo: Vec<AioFuture<T, E>> = fs.into_iter().filter(|f| seen.insert(f.key())).collect();
    let n = todo.len();
    let shared = Arc::new(Shared {
        st: Mutex::new(State {
            done: VecDeque::with_capacity(n),
            getter: None,
            todo: n,
            registered: Vec::new(),
            timer: None,
        }),
    });
    let callback: std::sync::Arc<dyn DoneCallback<T, E>> = shared.clone();
    let mut registered = Vec::with_capacity(if timeout.is_some() { n } else { 0 });
    for f in todo {
        let id = f.add_shared_callback(callback.clone());
        if timeout.is_some() {
            registered.push((f, id));
        }
    }
    let timeout =
        timeout.filter(|_| !crate::faults::active(crate::faults::Fault::AsCompletedIgnoresTimeout));
    if let (Some(d), true) = (timeout, n > 0) {
        let s = shared.clone();
        let timer = runtime.call_later(d, Box::new(move || s.handle_timeout()));
        let mut st = lock(&shared.st);
        if st.todo > 0 {
            st.registered = registered;
            st.timer = Some(timer);
        } else {
            drop(st);
            timer();
        }
    }
    Ok(AsCompleted {
        shared,
        todo_left: n,
    })
}

impl<T, E> AsCompleted<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// `await anext(it)`: the next future to complete, itself (3.13); None once every future
    /// was yielded.
    ///
    /// `Some(Err(Raised::Timeout))` once the timeout passed (the future it stands for is not
    /// yielded); `Some(Err(Raised::Cancelled(_)))` if the task awaiting it was cancelled.
    /// Either way that turn counts as one of the N.
    pub async fn next(&mut self) -> Option<Result<AioFuture<T, E>, Raised<E>>> {
        if self.todo_left == 0 {
            return None;
        }
        self.todo_left -= 1;
        Some(self.wait_for_one().await)
    }

    /// `await next(it)` of plain iteration: the next result to come, or the error that
    /// future finished with (retrieving it, SPEC R2); None once every future was yielded.
    pub async fn next_result(&mut self) -> Option<Result<T, Raised<E>>> {
        Some(match self.next().await? {
            Ok(f) => f.result(),
            Err(e) => Err(e),
        })
    }

    /// How many more times `next` yields.
    pub fn remaining(&self) -> usize {
        self.todo_left
    }

    /// `_wait_for_one()`: `await self._done.get()`, as `asyncio.Queue.get` waits.
    async fn wait_for_one(&self) -> Result<AioFuture<T, E>, Raised<E>> {
        loop {
            let getter = {
                let mut st = lock(&self.shared.st);
                match st.done.pop_front() {
                    Some(Some(f)) => return Ok(f),
                    Some(None) => return Err(Raised::Timeout),
                    None => {}
                }
                let g = AioFuture::new();
                st.getter = Some(g.clone());
                g
            };
            if let Err(e) = getter.clone().await {
                // `getter.cancel()`, and no longer a getter.
                getter.cancel(None);
                let mut st = lock(&self.shared.st);
                if st.getter.as_ref().is_some_and(|g| g.same(&getter)) {
                    st.getter = None;
                }
                return Err(e);
            }
        }
    }
}
