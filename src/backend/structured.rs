//! The structured API on aiospec-impl: `async with asyncio.TaskGroup() as tg` and
//! `tg.create_task` ([`imp::TaskGroup`]), `async with asyncio.timeout(d)` / `timeout_at(when)`
//! with `reschedule` and `expired` ([`imp::timeout_at`]), `asyncio.shield` ([`imp::shield`]),
//! `for f in asyncio.as_completed(fs, timeout=...)` ([`imp::as_completed`], each item awaited
//! as 3.11's `_wait_for_one()`), and the running loop's `time()`.
//!
//! Apart from `builtins.rs` because it is read against other files of asyncio:
//! `taskgroups.py`, `timeouts.py`, and `tasks.py`'s `shield` and `as_completed`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use aiospec_impl as imp;
use imp::{Raised, TaskGroupError};

use super::ast::{Expr, Stmt};
use super::exceptions::ExcClass;
use super::interp::{BoxFut, Flow, Interp, Locals, Me};
use super::value::{
    exc, num, to_exc, AsCompletedRef, Builtin, Fut, FutRef, NativeCall, Obj, PyExc, R, V,
};
use super::REFERENCE;

/// Why a program whose task's `cancelling()` count differs between 3.11 and 3.13 is skipped.
const LAG: &str = "a TaskGroup child failed after the group's body ended, and the task's cancelling() count is compared later: 3.11 keeps the group's cancel request counted, 3.13 (aiospec-impl) withdraws it";

/// `TimeoutError()`, as `timeouts.py` and `_wait_for_one` raise it (3.11: the builtin).
fn timeout_error() -> Raised<PyExc> {
    Raised::Error(PyExc {
        class: ExcClass::TimeoutError,
        args: vec![],
    })
}

/// `BaseExceptionGroup('unhandled errors in a TaskGroup', errors)`, which is an
/// `ExceptionGroup` when every error is an `Exception`.
fn group_error(errors: &[Raised<PyExc>]) -> Raised<PyExc> {
    let excs: Vec<PyExc> = errors.iter().map(to_exc).collect();
    let class = if excs
        .iter()
        .all(|e| e.class.is_subclass(ExcClass::Exception, REFERENCE))
    {
        ExcClass::ExceptionGroup
    } else {
        ExcClass::BaseExceptionGroup
    };
    Raised::Error(PyExc {
        class,
        args: vec![
            V::Str(Arc::from("unhandled errors in a TaskGroup")),
            V::List(Arc::new(
                excs.into_iter().map(|e| V::Exc(Arc::new(e))).collect(),
            )),
        ],
    })
}

impl Interp {
    /// A point on the loop's clock given as `loop.time()` seconds (a deadline already past
    /// is now: it fires at the next turn either way).
    fn loop_time_at(&self, when: f64) -> R<imp::LoopTime> {
        let now =
            imp::loop_time().map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?;
        let ahead = when - self.now();
        Ok(if ahead > 0.0 {
            now + self.duration(ahead)
        } else {
            now
        })
    }

    /// `async with ctx [as var]: body`.
    pub(super) fn exec_async_with<'a>(
        self: &'a Arc<Self>,
        ctx: &'a Expr,
        var: &'a Option<String>,
        body: &'a [Stmt],
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            match self.eval(ctx, locals, me).await? {
                V::Obj(Obj::NewTaskGroup(entered)) => {
                    if let Some(tg) = entered.get() {
                        return Err(exc(
                            ExcClass::RuntimeError,
                            &format!("TaskGroup {tg:?} has already been entered"),
                        ));
                    }
                    let before_exit = Arc::new(AtomicBool::new(false));
                    let b = before_exit.clone();
                    let ent = entered.clone();
                    let r = imp::TaskGroup::run(|tg| async move {
                        let _ = ent.set(tg.clone());
                        if let Some(n) = var {
                            locals.insert(n.clone(), V::Obj(Obj::TaskGroup(tg.clone())));
                        }
                        let r = self.exec_block(body, locals, me, handling).await;
                        b.store(tg.parent_cancel_requested(), Ordering::SeqCst);
                        r
                    })
                    .await;
                    // 3.11 withdraws the group's own cancel request (`uncancel()`) as `__aexit__`
                    // begins, 3.13 once the children are done: a request made while the exit
                    // waited (a child failed after the body ended) stays counted on 3.11. The
                    // counts then differ for the rest of the task, which matters only where
                    // they are compared: at a group's exit that withdraws its request (here),
                    // and at an expired timeout's exit (below).
                    let requested = entered.get().is_some_and(|g| g.parent_cancel_requested());
                    if requested {
                        if me.cancel_lag.load(Ordering::SeqCst) > 0 {
                            return Err(self.unsupported(LAG));
                        }
                        if !before_exit.load(Ordering::SeqCst) {
                            me.cancel_lag.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    match r {
                        Ok(flow) => {
                            self.check_delivered(me)?;
                            Ok(flow)
                        }
                        Err(TaskGroupError::Errors(es)) => {
                            if me.task.get().is_some_and(|t| t.cancelling() > 0) {
                                // 3.13, which aiospec-impl follows, re-cancels the task
                                // (uncancel(), cancel()); 3.11, the backend's reference,
                                // does not: the rest of the run differs.
                                return Err(self.unsupported(
                                    "a TaskGroup raising its errors while its task is being cancelled (3.13 re-cancels the task, 3.11 does not)",
                                ));
                            }
                            Err(group_error(&es))
                        }
                        Err(TaskGroupError::Cancelled(m)) => Err(Raised::Cancelled(m)),
                        Err(TaskGroupError::NoParentTask) => Err(exc(
                            ExcClass::RuntimeError,
                            "TaskGroup cannot determine the parent task",
                        )),
                    }
                }
                V::Obj(Obj::NewTimeout(when, entered)) => {
                    if entered.swap(true, Ordering::SeqCst) {
                        return Err(exc(
                            ExcClass::RuntimeError,
                            "Timeout has already been entered",
                        ));
                    }
                    let when = when.map(|w| self.loop_time_at(w)).transpose()?;
                    let lag = me.cancel_lag.load(Ordering::SeqCst);
                    let handle: Arc<OnceLock<imp::Timeout>> = Arc::default();
                    let h = handle.clone();
                    let r = imp::timeout_at(when, |t| async move {
                        let _ = h.set(t.clone());
                        if let Some(n) = var {
                            locals.insert(n.clone(), V::Obj(Obj::Timeout(t)));
                        }
                        self.exec_block(body, locals, me, handling).await
                    })
                    .await;
                    // `uncancel() <= self._cancelling`: a lag that grew inside the body makes
                    // 3.11's comparison differ from aiospec-impl's.
                    if handle.get().is_some_and(|t| t.expired())
                        && me.cancel_lag.load(Ordering::SeqCst) != lag
                    {
                        return Err(self.unsupported(LAG));
                    }
                    match r {
                        Err(Raised::Timeout) => Err(timeout_error()),
                        Err(Raised::InvalidState(m)) => Err(exc(ExcClass::RuntimeError, m)),
                        other => other,
                    }
                }
                _ => {
                    Err(self
                        .unsupported("async with of something other than a TaskGroup or a timeout"))
                }
            }
        })
    }

    /// Calls of `asyncio.TaskGroup`, `timeout`, `timeout_at`, `shield`, `as_completed` and
    /// `get_running_loop`.
    pub(super) fn call_structured(
        self: &Arc<Self>,
        b: Builtin,
        args: Vec<V>,
        kw: impl Fn(&str) -> Option<V>,
    ) -> R<V> {
        let arg = |i: usize, name: &str| args.get(i).cloned().or_else(|| kw(name));
        let seconds = |v: Option<V>, what: &str| -> R<Option<f64>> {
            match v {
                None | Some(V::None) => Ok(None),
                Some(x) => num(&x)
                    .map(Some)
                    .ok_or_else(|| exc(ExcClass::TypeError, &format!("{what} must be a number"))),
            }
        };
        match b {
            Builtin::GetRunningLoop => Ok(V::Obj(Obj::Loop)),
            Builtin::TaskGroup => Ok(V::Obj(Obj::NewTaskGroup(Arc::default()))),
            Builtin::Timeout => {
                let d = seconds(arg(0, "delay"), "delay")?;
                Ok(V::Obj(Obj::NewTimeout(
                    d.map(|d| self.now() + d),
                    Arc::default(),
                )))
            }
            Builtin::TimeoutAt => Ok(V::Obj(Obj::NewTimeout(
                seconds(arg(0, "when"), "when")?,
                Arc::default(),
            ))),
            Builtin::Shield => {
                let inner = self.ensure_future(&arg(0, "arg").unwrap_or(V::None))?;
                Ok(V::Fut(FutRef::Future(imp::shield(inner))))
            }
            Builtin::AsCompleted => {
                let fs = arg(0, "fs").unwrap_or(V::None);
                if let V::Fut(_) | V::Coro(_) = fs {
                    return Err(exc(
                        ExcClass::TypeError,
                        "expect an iterable of futures, not coroutine",
                    ));
                }
                let timeout = seconds(kw("timeout"), "timeout")?;
                // `{ensure_future(f) for f in set(fs)}`: a coroutine given twice is one task.
                let mut seen: Vec<(usize, Fut)> = Vec::new();
                let mut futs = Vec::new();
                for v in self.iterate(&fs)? {
                    let key = match &v {
                        V::Coro(c) => Some(Arc::as_ptr(c) as usize),
                        _ => None,
                    };
                    if let Some((_, f)) = key.and_then(|k| seen.iter().find(|(s, _)| *s == k)) {
                        futs.push(f.clone());
                        continue;
                    }
                    let f = self.ensure_future(&v)?;
                    if let Some(k) = key {
                        seen.push((k, f.clone()));
                    }
                    futs.push(f);
                }
                let it = imp::as_completed(futs, timeout.map(|t| self.duration(t.max(0.0))))
                    .map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?;
                Ok(V::Obj(Obj::AsCompleted(Arc::new(Mutex::new(Some(it))))))
            }
            _ => unreachable!("not a structured builtin"),
        }
    }

    /// `ensure_future(v)`: a coroutine becomes a task; a future is itself.
    fn ensure_future(self: &Arc<Self>, v: &V) -> R<Fut> {
        match v {
            V::Coro(c) => Ok(self.spawn_coro(c.clone())?.future().clone()),
            V::SleepCoro(_) => Ok(self.spawn_native(v.clone(), "sleep()")?.future().clone()),
            V::Native(n) if !matches!(&**n, NativeCall::AsCompletedNext(_)) => {
                let label = if matches!(&**n, NativeCall::Wait { .. }) {
                    "wait()"
                } else {
                    "wait_for()"
                };
                Ok(self.spawn_native(v.clone(), label)?.future().clone())
            }
            other => self.fut_of(other),
        }
    }

    /// An attribute of an asyncio object: a bound method.
    pub(super) fn obj_attr(&self, o: Obj, attr: &str) -> R<V> {
        let m: &'static str = match (&o, attr) {
            (Obj::Loop, "time") => "time",
            (Obj::TaskGroup(_), "create_task") => "create_task",
            (Obj::Timeout(_), "reschedule") => "reschedule",
            (Obj::Timeout(_), "expired") => "expired",
            _ => return Err(self.unsupported(&format!("attribute {attr}"))),
        };
        Ok(V::ObjMethod(o, m))
    }

    pub(super) fn call_obj_method(self: &Arc<Self>, o: Obj, m: &str, args: Vec<V>) -> R<V> {
        match (o, m) {
            (Obj::Loop, "time") => Ok(V::Float(self.now())),
            (Obj::TaskGroup(tg), "create_task") => {
                match args.first() {
                    Some(V::Coro(c)) if args.len() == 1 => Ok(V::Fut(FutRef::Task(
                        self.spawn_coro_in(c.clone(), Some(&tg))?,
                    ))),
                    _ => Err(self
                        .unsupported("TaskGroup.create_task of something other than a coroutine")),
                }
            }
            (Obj::Timeout(t), "expired") => Ok(V::Bool(t.expired())),
            (Obj::Timeout(t), "reschedule") => {
                let when =
                    match args.first() {
                        Some(V::None) => None,
                        Some(x) => Some(self.loop_time_at(num(x).ok_or_else(|| {
                            exc(ExcClass::TypeError, "when must be a number or None")
                        })?)?),
                        None => return Err(exc(
                            ExcClass::TypeError,
                            "Timeout.reschedule() missing 1 required positional argument: 'when'",
                        )),
                    };
                t.reschedule(when)
                    .map(|()| V::None)
                    .map_err(|e| exc(ExcClass::RuntimeError, &e.to_string()))
            }
            (_, m) => Err(self.unsupported(m)),
        }
    }

    /// How many items `for f in as_completed(...)` yields.
    pub(super) fn as_completed_len(&self, it: &AsCompletedRef) -> usize {
        it.lock()
            .unwrap()
            .as_ref()
            .map(|a| a.remaining())
            .unwrap_or(0)
    }

    /// `await f` of an item of `as_completed` (3.11's `_wait_for_one()`): the next result, or
    /// the error that future finished with, or TimeoutError once the timeout passed.
    pub(super) async fn as_completed_next(self: &Arc<Self>, it: &AsCompletedRef, me: &Me) -> R<V> {
        let Some(mut ac) = it.lock().unwrap().take() else {
            return Err(self.unsupported("as_completed items awaited at the same time"));
        };
        let r = ac.next_result().await;
        *it.lock().unwrap() = Some(ac);
        self.check_delivered(me)?;
        match r {
            Some(Ok(v)) => Ok(v),
            Some(Err(Raised::Timeout)) => Err(timeout_error()),
            Some(Err(e)) => Err(e),
            None => Err(self.unsupported("an as_completed item awaited twice")),
        }
    }
}
