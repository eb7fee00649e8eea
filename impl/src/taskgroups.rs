//! `TaskGroup`: structured concurrency as asyncio has it since 3.11 (`taskgroups.py`,
//! followed here as CPython 3.13 has it).
//!
//! The group's body runs in the task that runs the group (the parent). The first child that
//! fails cancels the other children and the parent (so the body, if still running, sees a
//! cancellation at its next await); when the body is done the group waits for every child,
//! then returns every error together, as an `ExceptionGroup` carries them.
//!
//! # Cancellation
//!
//! Cancelling the parent task cancels the children (`TaskGroup._abort`) and, once they are
//! done, the cancellation propagates out of [`TaskGroup::run`], unless a child failed: errors
//! take priority over a cancellation. The group cancels the parent itself at most once
//! (`_parent_cancel_requested`) and withdraws that request with `uncancel()` when it exits,
//! so a cancellation that came only from the group does not escape it.
//!
//! A cancellation reaches the body through what the body awaits when that is an
//! [`AioFuture`] (a task, a gather, [`sleep`](crate::sleep())); a body awaiting something
//! else sees it at the task's next step, as a [`spawn`](crate::spawn)ed child does.

use std::fmt;
use std::future::Future;

use crate::future::{AioFuture, DoneCallback};
use crate::identity::IdentityMap;
use crate::raised::Raised;
use crate::report::{self, Report};
use crate::sync::{lock, Arc, Mutex};
use crate::task::{current_task, Task, TaskContext, TaskRef};

/// Why [`TaskGroup::run`] did not return the body's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskGroupError<E> {
    /// `BaseExceptionGroup('unhandled errors in a TaskGroup', errors)`: the children's errors
    /// in the order they finished, then the body's own error if it failed.
    Errors(Vec<Raised<E>>),
    /// A cancellation that propagates out of the group: the parent task was cancelled from
    /// outside and no child failed.
    Cancelled(Option<String>),
    /// `RuntimeError('TaskGroup ... cannot determine the parent task')`: the group was run
    /// outside a task.
    NoParentTask,
}

impl<E: fmt::Debug> fmt::Display for TaskGroupError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskGroupError::Errors(es) => {
                write!(
                    f,
                    "unhandled errors in a TaskGroup ({} sub-exception",
                    es.len()
                )?;
                write!(f, "{})", if es.len() == 1 { "" } else { "s" })
            }
            TaskGroupError::Cancelled(m) => write!(f, "{}", Raised::<E>::Cancelled(m.clone())),
            TaskGroupError::NoParentTask => write!(f, "TaskGroup cannot determine the parent task"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for TaskGroupError<E> {}

/// Why [`TaskGroup::spawn`] refused a child (CPython raises `RuntimeError` and closes the
/// coroutine; here the child future is dropped unpolled).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// `TaskGroup ... is finished`: the group has exited.
    Finished,
    /// `TaskGroup ... is shutting down`: a child failed or the parent was cancelled, and the
    /// group is cancelling its children.
    ShuttingDown,
}

impl fmt::Display for SpawnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpawnError::Finished => write!(f, "TaskGroup is finished"),
            SpawnError::ShuttingDown => write!(f, "TaskGroup is shutting down"),
        }
    }
}

impl std::error::Error for SpawnError {}

/// A child, whatever its result type: what `_abort` needs of it.
trait Member: Send + Sync {
    fn cancel_member(&self) -> bool;
}

impl<T, E> Member for AioFuture<T, E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn cancel_member(&self) -> bool {
        !self.done() && self.cancel(None)
    }
}

struct GroupState<E> {
    exiting: bool,
    aborting: bool,
    parent_cancel_requested: bool,
    /// `_tasks`: the children not yet done, in the order they were added.
    tasks: IdentityMap<std::sync::Arc<dyn Member>>,
    /// Children being added by `spawn` right now (on another thread, or an eager child's
    /// first step): the group does not finish while any is.
    adding: usize,
    errors: Vec<Raised<E>>,
    on_completed: Option<AioFuture<(), E>>,
}

impl<E> GroupState<E> {
    /// Nothing left to wait for.
    fn idle(&self) -> bool {
        self.tasks.len() == 0 && self.adding == 0
    }

    /// The exit's waiter, when the last child is done (`_on_completed_fut`).
    fn completed_waiter(&self) -> Option<AioFuture<(), E>> {
        match &self.on_completed {
            Some(f) if self.idle() => Some(f.clone()),
            _ => None,
        }
    }
}

struct Group<E> {
    parent: Arc<dyn TaskRef>,
    st: Mutex<GroupState<E>>,
}

/// A task group: a handle to spawn children into (cloning gives another handle).
///
/// # Examples
///
/// The first failure cancels the sibling, and the errors come back together:
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{sleep_for, spawn, Executor, Raised, TaskGroup, TaskGroupError};
/// let out = Executor::new().block_on(async {
///     // The group runs in a task (its parent).
///     let parent = spawn(async {
///         let r = TaskGroup::run(|tg| async move {
///             let slow = tg.spawn(async {
///                 sleep_for(Duration::from_secs(10)).await?;
///                 Ok::<u32, Raised<&str>>(1)
///             }).unwrap();
///             tg.spawn(async { Err::<u32, _>(Raised::Error("boom")) }).unwrap();
///             Ok(slow)
///         }).await;
///         Ok::<_, Raised<&str>>(r.map(|slow| slow.cancelled()))
///     }).unwrap();
///     parent.await
/// }).unwrap();
/// assert_eq!(out, Ok(Err(TaskGroupError::Errors(vec![Raised::Error("boom")]))));
/// ```
pub struct TaskGroup<E> {
    group: std::sync::Arc<Group<E>>,
}

impl<E> Clone for TaskGroup<E> {
    fn clone(&self) -> Self {
        TaskGroup {
            group: self.group.clone(),
        }
    }
}

impl<E> fmt::Debug for TaskGroup<E> {
    /// As CPython's `repr`: `<TaskGroup tasks=2 errors=1 cancelling>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = lock(&self.group.st);
        write!(f, "<TaskGroup")?;
        if st.tasks.len() > 0 {
            write!(f, " tasks={}", st.tasks.len())?;
        }
        if !st.errors.is_empty() {
            write!(f, " errors={}", st.errors.len())?;
        }
        // `_entered` stays true once the group is entered (and a handle exists only then),
        // after it exited too.
        if st.aborting {
            write!(f, " cancelling")?;
        } else {
            write!(f, " entered")?;
        }
        write!(f, ">")
    }
}

impl<T, E> DoneCallback<T, E> for Group<E>
where
    T: Clone + Send + 'static,
    E: Clone + fmt::Debug + Send + 'static,
{
    fn call(&self, task: &AioFuture<T, E>, _settled: Option<Result<(), Raised<E>>>) {
        self.on_task_done(task)
    }
}

impl<E> Group<E>
where
    E: Clone + fmt::Debug + Send + 'static,
{
    /// `_on_task_done(task)`: a child is done; its error (retrieved here, so never reported)
    /// joins the group's, and the first one aborts the group and cancels the parent.
    fn on_task_done<T>(&self, task: &AioFuture<T, E>)
    where
        T: Clone + Send + 'static,
    {
        let (wake, abort) = {
            let mut st = lock(&self.st);
            st.tasks.remove(task.key());
            let wake = st.completed_waiter();
            let exc = if task.cancelled() {
                None
            } else {
                task.exception().ok().flatten()
            };
            let mut abort = None;
            if let Some(exc) = exc {
                st.errors.push(exc.clone());
                if self.parent.task_done() {
                    // "Not sure if this case is possible, but we want to handle it anyways."
                    abort = Some(Err(exc));
                } else if !st.aborting && !st.parent_cancel_requested {
                    // `_abort()`, then `_parent_task.cancel()`, in the same critical section
                    // as the flag: the exit, which reads the flag to withdraw this request
                    // with `uncancel()`, must not read it before the request is made (with
                    // workers on several threads it could, and the request would then cancel
                    // the parent's last step, SPEC T5; loom:
                    // `taskgroup_child_fails_while_another_is_added_and_while_the_group_exits`).
                    // Nothing a cancel runs synchronously takes this lock: callbacks are
                    // scheduled.
                    st.parent_cancel_requested = true;
                    let members = self.abort_locked(&mut st);
                    if !crate::faults::active(crate::faults::Fault::TaskGroupKeepsSiblings) {
                        cancel_all(members);
                    }
                    self.parent.clone().cancel_task(None);
                    abort = Some(Ok(()));
                }
            }
            (wake, abort)
        };
        match abort {
            Some(Ok(())) => {}
            Some(Err(exc)) => report::resolve(&task.handler())(Report {
                message: format!(
                    "Task {task:?} has errored out but its parent task is already completed"
                ),
                future: task.name().to_string(),
                exception: format!("{exc}"),
            }),
            None => {}
        }
        if let Some(f) = wake {
            f.set_result(());
        }
    }

    /// `_abort()`: mark the group aborting; the children to cancel (cancelled outside the
    /// lock: a cancel may run callbacks that come back here).
    fn abort_locked(&self, st: &mut GroupState<E>) -> Vec<std::sync::Arc<dyn Member>> {
        st.aborting = true;
        st.tasks.values().cloned().collect()
    }

    fn abort(&self) {
        let members = self.abort_locked(&mut lock(&self.st));
        cancel_all(members);
    }
}

fn cancel_all(members: Vec<std::sync::Arc<dyn Member>>) {
    for m in members {
        m.cancel_member();
    }
}

impl<E> TaskGroup<E>
where
    E: Clone + fmt::Debug + Send + 'static,
{
    /// `async with asyncio.TaskGroup() as tg: body`. Runs `body` with the group in the current
    /// task, then waits for every child (`TaskGroup.__aexit__`).
    ///
    /// Returns the body's value when neither the body nor any child failed.
    ///
    /// # Errors
    ///
    /// - [`TaskGroupError::Errors`]: the children's errors in completion order, then the
    ///   body's (a body's cancellation is not an error);
    /// - [`TaskGroupError::Cancelled`]: the parent task was cancelled (by someone other than
    ///   the group) and no child failed;
    /// - [`TaskGroupError::NoParentTask`]: not run inside a task.
    pub async fn run<R, F, Fut>(body: F) -> Result<R, TaskGroupError<E>>
    where
        F: FnOnce(TaskGroup<E>) -> Fut,
        Fut: Future<Output = Result<R, Raised<E>>>,
    {
        let Some(parent) = current_task() else {
            return Err(TaskGroupError::NoParentTask);
        };
        let tg = TaskGroup {
            group: std::sync::Arc::new(Group {
                parent,
                st: Mutex::new(GroupState {
                    exiting: false,
                    aborting: false,
                    parent_cancel_requested: false,
                    tasks: IdentityMap::default(),
                    adding: 0,
                    errors: Vec::new(),
                    on_completed: None,
                }),
            }),
        };
        // Dropped before it exits (its task dropped, say), the group cancels its children.
        let mut guard = AbortOnDrop(Some(tg.clone()));
        let r = body(tg.clone()).await;
        let out = tg.exit(r).await;
        guard.0 = None;
        out
    }

    /// `TaskGroup.__aexit__(et, exc, tb)`.
    async fn exit<R>(&self, body: Result<R, Raised<E>>) -> Result<R, TaskGroupError<E>> {
        let g = &self.group;
        let mut propagate: Option<Option<String>> = match &body {
            Err(Raised::Cancelled(m)) => Some(m.clone()),
            _ => None,
        };
        let abort = {
            let mut st = lock(&g.st);
            st.exiting = true;
            body.is_err() && !st.aborting
        };
        if abort {
            g.abort();
        }
        // "We use while-loop here because self._on_completed_fut can be cancelled multiple
        // times if our parent task is being cancelled repeatedly."
        loop {
            let waiter = {
                let mut st = lock(&g.st);
                if st.idle() {
                    break;
                }
                let f = AioFuture::new();
                st.on_completed = Some(f.clone());
                f
            };
            if let Err(Raised::Cancelled(m)) = waiter.await {
                let aborting = lock(&g.st).aborting;
                if !aborting {
                    propagate = Some(m);
                    g.abort();
                }
            }
            lock(&g.st).on_completed = None;
        }
        let (parent_cancel_requested, mut errors) = {
            let mut st = lock(&g.st);
            (st.parent_cancel_requested, std::mem::take(&mut st.errors))
        };
        if parent_cancel_requested && g.parent.clone().uncancel_task() == 0 {
            // No cancellation left but the group's own: it does not propagate.
            propagate = None;
        }
        if let Some(m) = propagate {
            if errors.is_empty() {
                return Err(TaskGroupError::Cancelled(m));
            }
        }
        let value = match body {
            Ok(v) => Ok(v),
            Err(Raised::Cancelled(m)) => Err(m),
            Err(e) => {
                errors.push(e);
                Err(None)
            }
        };
        if !errors.is_empty() {
            // 3.13: a parent being cancelled from outside is un-cancelled and re-cancelled,
            // which keeps its count stable and re-arms the cancellation.
            if g.parent.ctl().cancelling() > 0 {
                g.parent.clone().uncancel_task();
                g.parent.clone().cancel_task(None);
            }
            return Err(TaskGroupError::Errors(errors));
        }
        // `__aexit__` returns None: the body's own cancellation, if any, goes on.
        value.map_err(TaskGroupError::Cancelled)
    }

    /// `tg.create_task(coro)`: spawn `child` as a task of the group.
    ///
    /// # Errors
    ///
    /// [`SpawnError::ShuttingDown`] once the group is cancelling its children,
    /// [`SpawnError::Finished`] after it exited; `child` is dropped unpolled.
    ///
    /// # Panics
    ///
    /// Outside a runtime (the group runs in a task, so this is a spawn from another thread).
    pub fn spawn<T, F>(&self, child: F) -> Result<Task<T, E>, SpawnError>
    where
        T: Clone + Send + 'static,
        F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
    {
        self.add(|| crate::task::spawn(child))
    }

    /// [`spawn`](Self::spawn) with a name, as `create_task(coro, name=...)`.
    pub fn spawn_named<T, F>(&self, name: &str, child: F) -> Result<Task<T, E>, SpawnError>
    where
        T: Clone + Send + 'static,
        F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
    {
        self.add(|| crate::task::spawn_named(name, child))
    }

    /// Has the group cancelled its parent task (`_parent_cancel_requested`: a child failed
    /// and nothing had aborted the group yet)? `run` withdraws that request as it exits.
    pub fn parent_cancel_requested(&self) -> bool {
        lock(&self.group.st).parent_cancel_requested
    }

    /// [`spawn`](Self::spawn) of a child that handles its own cancellation, with an optional
    /// name, as [`spawn_with_named`](crate::spawn_with_named) (an interpreter's coroutine,
    /// which sees a delivered cancellation through its [`TaskContext`]).
    pub fn spawn_with_named<T, F>(
        &self,
        name: Option<&str>,
        make: impl FnOnce(TaskContext) -> F,
    ) -> Result<Task<T, E>, SpawnError>
    where
        T: Clone + Send + 'static,
        F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
    {
        self.add(|| crate::task::spawn_with_named(name, make))
    }

    /// [`spawn`](Self::spawn) with eager start ([`spawn_eager`](crate::spawn_eager)): the
    /// child's first step runs now; a child done after it is accounted for at once (3.12+
    /// `create_task`'s "optimization: immediately call the done callback").
    pub fn spawn_eager<T, F>(&self, child: F) -> Result<Task<T, E>, SpawnError>
    where
        T: Clone + Send + 'static,
        F: Future<Output = Result<T, Raised<E>>> + Send + 'static,
    {
        self.add(|| crate::eager::spawn_eager(child))
    }

    fn add<T>(
        &self,
        make: impl FnOnce() -> Result<Task<T, E>, crate::NoRuntime>,
    ) -> Result<Task<T, E>, SpawnError>
    where
        T: Clone + Send + 'static,
    {
        let g = &self.group;
        {
            let mut st = lock(&g.st);
            if st.exiting && st.idle() {
                return Err(SpawnError::Finished);
            }
            if st.aborting {
                return Err(SpawnError::ShuttingDown);
            }
            st.adding += 1;
        }
        // Not under the lock: an eager child's first step runs inside `make`.
        let task = make().expect("a task group runs inside a runtime");
        let fut = task.future().clone();
        if fut.done() {
            g.on_task_done(&fut);
        } else {
            lock(&g.st)
                .tasks
                .insert(fut.key(), std::sync::Arc::new(fut.clone()));
            let cb: std::sync::Arc<dyn DoneCallback<T, E>> = g.clone();
            fut.add_shared_callback(cb);
        }
        let (aborting, wake) = {
            let mut st = lock(&g.st);
            st.adding -= 1;
            (st.aborting, st.completed_waiter())
        };
        // A group that started aborting while this child was being added did not cancel it:
        // cancel it now, as `_abort` would have (only another thread can get here).
        if aborting && !fut.done() {
            fut.cancel(None);
        }
        if let Some(f) = wake {
            f.set_result(());
        }
        Ok(task)
    }
}

/// Cancels the group's children if [`TaskGroup::run`] is dropped before it exits.
struct AbortOnDrop<E: Clone + fmt::Debug + Send + 'static>(Option<TaskGroup<E>>);

impl<E: Clone + fmt::Debug + Send + 'static> Drop for AbortOnDrop<E> {
    fn drop(&mut self) {
        if let Some(tg) = self.0.take() {
            tg.group.abort();
        }
    }
}
