//! `gather()`: asyncio's `_GatheringFuture` and its `_done_callback` (SPEC G1–G8, G10).
//!
//! # Cancellation
//!
//! [`Gather::cancel`] cancels every unfinished child and, if any accepted, makes the gather
//! finish with `Raised::Cancelled` once the children are done, even with
//! `return_exceptions` (G6). Cancelling a gather that is done does nothing (G7). A child's
//! cancellation is an exception outcome of that child (G5): without `return_exceptions` it
//! finishes the gather with `Raised::Cancelled`; the gather itself is not cancelled.
//! Dropping a `Gather` cancels nothing: its children keep running, as in asyncio.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::faults::{self, Fault};
use crate::future::{AioFuture, CancelOuter, DoneCallback, Hook, Kind, Name};
use crate::raised::Raised;
use crate::sync::{lock, Mutex};

/// The results of a gather: each child's result or error, in argument order.
pub type Results<T, E> = Vec<Result<T, Raised<E>>>;

struct GatherState {
    nfinished: usize,
    /// The outer future's outcome has been decided (it may be being set on another thread).
    decided: bool,
    cancel_requested: bool,
    /// `cancel()` is cancelling the children right now: the last child leaves the final
    /// decision to it.
    cancelling: bool,
    deferred_final: bool,
    /// How many distinct children (duplicates are one child, G8); None while the gather is
    /// being built. Published under this lock after `children` is set, so a callback that
    /// sees it (on another worker, say) also sees every child.
    nfuts: Option<usize>,
}

struct Shared<T, E> {
    children: std::sync::OnceLock<Vec<AioFuture<T, E>>>,
    return_exceptions: bool,
    outer: AioFuture<Results<T, E>, E>,
    st: Mutex<GatherState>,
}

/// The future [`gather`] returns (asyncio's `_GatheringFuture`).
#[must_use = "a gather does nothing useful unless awaited or its result read"]
pub struct Gather<T, E> {
    outer: AioFuture<Results<T, E>, E>,
    shared: Option<std::sync::Arc<Shared<T, E>>>,
}

impl<T, E> Clone for Gather<T, E> {
    fn clone(&self) -> Self {
        Gather {
            outer: self.outer.clone(),
            shared: self.shared.clone(),
        }
    }
}

impl<T, E> fmt::Debug for Gather<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Gather({:?})", self.outer)
    }
}

impl<T, E> DoneCallback<T, E> for Shared<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn call(&self, fut: &AioFuture<T, E>, settled: Option<Result<(), Raised<E>>>) {
        self.done_callback(fut, settled)
    }

    /// Without return_exceptions, every child's exception is retrieved by this callback
    /// (G2, G4): the runtime may read it when it pops the callback.
    fn retrieves(&self) -> bool {
        !self.return_exceptions && !faults::active(Fault::GatherReportsLate)
    }
}

impl<T, E> Shared<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// gather's `_done_callback(fut)` (SPEC G2–G5). `pre` is the child's outcome when the
    /// runtime already read and retrieved it (see `retrieves`).
    fn done_callback(&self, fut: &AioFuture<T, E>, pre: Option<Result<(), Raised<E>>>) {
        enum Act<E> {
            Nothing,
            Retrieve,
            Fail(Raised<E>),
            Finish,
        }
        let act = {
            let mut st = lock(&self.st);
            st.nfinished += 1;
            if st.decided {
                Act::Retrieve
            } else {
                // One lock on the child: cancelled() and exception() as asyncio reads them;
                // without return_exceptions an exception is retrieved here (G2).
                let settled = if self.return_exceptions {
                    None
                } else if pre.is_some() {
                    pre
                } else {
                    fut.settled()
                };
                match settled {
                    // A cancelled child's CancelledError, with its message (G5).
                    Some(Err(e)) => {
                        st.decided = true;
                        Act::Fail(e)
                    }
                    _ if Some(st.nfinished) == st.nfuts => {
                        if st.cancelling {
                            st.deferred_final = true;
                            Act::Nothing
                        } else {
                            st.decided = true;
                            Act::Finish
                        }
                    }
                    _ => Act::Nothing,
                }
            }
        };
        match act {
            // G4: a child finishing after the gather is done has its exception retrieved.
            Act::Retrieve => {
                if !faults::active(Fault::GatherReportsLate) && self.return_exceptions {
                    let _ = fut.settled();
                }
            }
            // G2, G5: the first exception (or cancellation) fails the gather at once.
            Act::Fail(e) => {
                self.outer.set_exception(e);
                if faults::active(Fault::GatherDropsSiblings) {
                    for c in self.children.get().map(Vec::as_slice).unwrap_or_default() {
                        c.cancel(None);
                    }
                }
            }
            Act::Finish => self.finish(),
            Act::Nothing => {}
        }
    }

    /// All children done: the results in argument order (G1, G3), or CancelledError if the
    /// gather was cancelled (G6).
    fn finish(&self) {
        // A cancelled child's entry is CancelledError with its message, or '' (3.9+ wording).
        let children = self.children.get().map(Vec::as_slice).unwrap_or_default();
        let results: Results<T, E> = children
            .iter()
            .map(|c| match c.result_and_cancelled() {
                (Err(Raised::Cancelled(m)), true) => {
                    Err(Raised::Cancelled(Some(m.unwrap_or_default())))
                }
                (other, _) => other,
            })
            .collect();
        let cancel = lock(&self.st).cancel_requested;
        if cancel {
            let last = children.last().and_then(|c| c.result().err());
            let msg = match last {
                Some(Raised::Cancelled(m)) => m,
                _ => None,
            };
            self.outer.set_exception(Raised::Cancelled(msg));
        } else {
            self.outer.set_result(results);
        }
    }
}

impl<T, E> CancelOuter for Shared<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn cancel_outer(&self, msg: Option<String>) -> bool {
        gather_cancel(self, msg)
    }
}

/// `_GatheringFuture.cancel(msg)` (SPEC G6, G7).
fn gather_cancel<T, E>(s: &Shared<T, E>, msg: Option<String>) -> bool
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    {
        let mut st = lock(&s.st);
        if st.decided {
            return false;
        }
        st.cancelling = true;
    }
    let mut ret = false;
    for c in s.children.get().map(Vec::as_slice).unwrap_or_default() {
        if c.cancel(msg.clone()) {
            ret = true;
        }
    }
    let finish = {
        let mut st = lock(&s.st);
        st.cancelling = false;
        if ret {
            st.cancel_requested = true;
        }
        if st.deferred_final && !st.decided {
            st.decided = true;
            true
        } else {
            false
        }
    };
    if finish {
        s.finish();
    }
    ret
}

/// `asyncio.gather(*children, return_exceptions=...)`.
///
/// Each child is a task or future (anything convertible to [`AioFuture`]). The gather finishes
/// with every child's result in argument order; without `return_exceptions`, with the first
/// error as soon as it happens, while the other children keep running (SPEC G2, G4).
/// An empty gather is already done with an empty list (G10).
///
/// # Examples
///
/// ```
/// use aiospec_impl::{gather, spawn, Executor, Raised};
/// let out = Executor::new().block_on(async {
///     let a = spawn(async { Ok::<_, Raised<()>>(1) }).unwrap();
///     let b = spawn(async { Ok(2) }).unwrap();
///     gather(vec![a.into(), b.into()], false).await
/// });
/// assert_eq!(out.unwrap().unwrap().into_iter().map(Result::unwrap).collect::<Vec<_>>(), vec![1, 2]);
/// ```
pub fn gather<T, E>(children: Vec<AioFuture<T, E>>, return_exceptions: bool) -> Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let mut it = children.into_iter();
    let n = it.len();
    build(
        Name::Static("gather"),
        n,
        |_| it.next().expect("n children"),
        return_exceptions,
    )
}

/// [`gather`], with a name for the outer future in reports.
pub fn gather_named<T, E>(
    name: &str,
    children: Vec<AioFuture<T, E>>,
    return_exceptions: bool,
) -> Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let mut it = children.into_iter();
    let n = it.len();
    gather_lazy(
        name,
        n,
        |_| it.next().expect("n children"),
        return_exceptions,
    )
}

/// [`gather_named`] whose children are made one at a time, in argument order, each registered
/// with the gather before the next is made: asyncio's gather calls `ensure_future(arg)` then
/// `add_done_callback` per argument, so a callback for a child already done is scheduled
/// before the task made for the next argument (SPEC F2, G9).
pub fn gather_lazy<T, E>(
    name: &str,
    n: usize,
    make: impl FnMut(usize) -> AioFuture<T, E>,
    return_exceptions: bool,
) -> Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    build(Name::Given(name.into()), n, make, return_exceptions)
}

fn build<T, E>(
    name: Name,
    n: usize,
    mut make: impl FnMut(usize) -> AioFuture<T, E>,
    return_exceptions: bool,
) -> Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    let kind = |hook| Kind {
        class: "_GatheringFuture",
        hook,
        task: None,
    };
    if n == 0 {
        let outer = AioFuture::make(kind(Hook::Plain), name);
        outer.set_result(Vec::new());
        return Gather {
            outer,
            shared: None,
        };
    }
    // The outer future's cancel() holds the gather weakly: the children's callbacks keep it
    // alive while any child is pending; after that a cancel has nothing to do.
    let shared = std::sync::Arc::new_cyclic(|weak: &std::sync::Weak<Shared<T, E>>| {
        let hook: std::sync::Weak<dyn CancelOuter> = weak.clone();
        Shared {
            children: std::sync::OnceLock::new(),
            return_exceptions,
            outer: AioFuture::make(kind(Hook::Outer(hook)), name),
            st: Mutex::new(GatherState {
                nfinished: 0,
                decided: false,
                cancel_requested: false,
                cancelling: false,
                deferred_final: false,
                nfuts: None,
            }),
        }
    });
    let outer = shared.outer.clone();
    let inline = outer.scheduler().is_none();
    let mut children = Vec::with_capacity(n);
    // Distinct children by identity (asyncio's `arg_to_fut` dict): a hash set keeps gather
    // linear in its arguments.
    let mut seen = crate::identity::Distinct::with_capacity(n);
    let mut done_later = Vec::new();
    // One callback object for every child (asyncio's `_done_callback` closure).
    let callback: std::sync::Arc<dyn DoneCallback<T, E>> = shared.clone();
    for i in 0..n {
        let c = make(i);
        if seen.insert(c.key()) {
            if inline && c.done() {
                // Without a scheduler the callback would run now, before the gather knows
                // all its children: account for it once they are all known.
                done_later.push(c.clone());
            } else {
                c.add_shared_callback(callback.clone());
            }
        }
        children.push(c);
    }
    let ndistinct = seen.len();
    // The children first, then their number, under the lock: a callback deciding that the
    // last child is done must find every child's result (found on tokio multi_thread by the
    // generated campaign: results were read before the list was set, and came out empty).
    let _ = shared.children.set(children);
    // On a multi-threaded runtime a child may have completed, and its callback run, before
    // the gather knew how many children it has: if they are all done now, finish here
    // (loom: children_complete_while_gather_is_being_built).
    let finish_now = {
        let mut st = lock(&shared.st);
        st.nfuts = Some(ndistinct);
        if !st.decided && st.nfinished == ndistinct && !st.cancelling {
            st.decided = true;
            true
        } else {
            false
        }
    };
    if finish_now {
        shared.finish();
    }
    for c in done_later {
        c.add_shared_callback(callback.clone());
    }
    Gather {
        outer,
        shared: Some(shared),
    }
}

impl<T, E> Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    /// The outer future.
    pub fn future(&self) -> &AioFuture<Results<T, E>, E> {
        &self.outer
    }
    /// Whether the gather has finished (with results or an error).
    pub fn done(&self) -> bool {
        self.outer.done()
    }
    /// `_GatheringFuture.cancel(msg)`: cancels the unfinished children (SPEC G6); false if
    /// the gather is done (G7) or no child accepted.
    pub fn cancel(&self, msg: Option<&str>) -> bool {
        self.outer.cancel(msg.map(str::to_string))
    }
    /// `result()`: the results, or the error the gather finished with (retrieves it).
    pub fn result(&self) -> Result<Results<T, E>, Raised<E>> {
        self.outer.result()
    }
    /// `exception()`: the error the gather finished with, if any (retrieves it).
    pub fn exception(&self) -> Result<Option<Raised<E>>, Raised<E>> {
        self.outer.exception()
    }
}

impl<T, E> Future for Gather<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    type Output = Result<Results<T, E>, Raised<E>>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.outer).poll(cx)
    }
}
