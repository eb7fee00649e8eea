//! The interpreter's state, and the coroutine and task layer it stands on: a coroutine object
//! run as an aiospec-impl task (`create_task`), a body run inline, and what `await` does with
//! each kind of awaitable, including where a delivered cancellation is raised (SPEC T6).
//!
//! Apart from the evaluator (`eval.rs`) because this is where the scenario meets aiospec-impl's
//! task machinery; the evaluator only walks statements and expressions and calls in here.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use aiospec_impl as imp;
use aiospec_model::Event;
use imp::{Raised, TaskContext};

use super::ast::CoroDef;
use super::exceptions::ExcClass;
use super::runtime::PAUSED_LIMIT;
use super::value::{exc, repr, to_exc, CoroObj, FutRef, NativeCall, PyExc, R, V};
use super::{Runtime, MULTI_THREAD_MAX_SLEEP};

pub(super) struct Interp {
    pub(super) defs: Vec<CoroDef>,
    pub(super) runtime: Runtime,
    pub(super) events: Mutex<Vec<Event>>,
    pub(super) executor_now: Mutex<Option<Arc<imp::Executor>>>,
    pub(super) workers: Mutex<Option<Arc<imp::Workers>>>,
    pub(super) started: std::time::Instant,
    pub(super) tokio_start: Mutex<Option<tokio::time::Instant>>,
    pub(super) gathers: AtomicUsize,
    pub(super) waits: AtomicUsize,
    pub(super) tasks: Mutex<Vec<imp::Task<V, PyExc>>>,
    pub(super) coros: Mutex<Vec<Arc<CoroObj>>>,
    pub(super) unsupported: Mutex<Option<String>>,
    /// Each coroutine task with its `Me::cleanups`: a task still pending when the run ends
    /// inside such a `try` would run Python code as CPython's collector closes it, which a
    /// dropped Rust future does not (the program is then unsupported).
    pub(super) cleanups: Mutex<Vec<TaskCleanups>>,
}

/// A coroutine task and its `Me::cleanups`.
pub(super) type TaskCleanups = (imp::Task<V, PyExc>, Arc<AtomicUsize>);

pub(super) type Locals = HashMap<String, V>;

pub(super) enum Flow {
    Normal,
    Return(V),
}

/// The current task: its context (for cancellation delivery) and its handle.
#[derive(Clone)]
pub(super) struct Me {
    pub(super) ctx: TaskContext,
    pub(super) task: Arc<OnceLock<imp::Task<V, PyExc>>>,
    /// How many `try` statements the task is in whose `finally` (or `except BaseException`,
    /// `except GeneratorExit`, bare `except`) would run if the task were destroyed pending
    /// and its coroutine closed (GeneratorExit): see `Interp::cleanups`.
    pub(super) cleanups: Arc<AtomicUsize>,
    /// How many more cancellation requests 3.11 counts in this task's `cancelling()` than
    /// aiospec-impl (whose TaskGroup is 3.13's): see `Interp::exec_async_with`.
    pub(super) cancel_lag: Arc<AtomicUsize>,
}

pub(super) type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl Interp {
    pub(super) fn unsupported(&self, what: &str) -> Raised<PyExc> {
        let mut u = self.unsupported.lock().unwrap();
        if u.is_none() {
            *u = Some(what.to_string());
        }
        exc(ExcClass::NotImplementedError, what)
    }

    /// `create_task(coro)` / ensure_future of a coroutine.
    pub(super) fn spawn_coro(self: &Arc<Self>, c: Arc<CoroObj>) -> R<imp::Task<V, PyExc>> {
        self.spawn_coro_in(c, None)
    }

    /// `create_task(coro)`, or `tg.create_task(coro)` when `group` is given.
    pub(super) fn spawn_coro_in(
        self: &Arc<Self>,
        c: Arc<CoroObj>,
        group: Option<&imp::TaskGroup<PyExc>>,
    ) -> R<imp::Task<V, PyExc>> {
        // A group may refuse the coroutine, which then stays unstarted (never awaited).
        let reused = match group {
            None => c.started.swap(true, Ordering::SeqCst),
            Some(_) => c.started.load(Ordering::SeqCst),
        };
        if reused {
            return Err(exc(
                ExcClass::RuntimeError,
                "cannot reuse already awaited coroutine",
            ));
        }
        let me_task: Arc<OnceLock<imp::Task<V, PyExc>>> = Arc::new(OnceLock::new());
        let slot = me_task.clone();
        let interp = self.clone();
        let co = c.clone();
        let cleanups = Arc::new(AtomicUsize::new(0));
        let depth = cleanups.clone();
        let make = move |ctx| {
            let me = Me {
                ctx,
                task: slot,
                cleanups: depth,
                cancel_lag: Arc::new(AtomicUsize::new(0)),
            };
            async move {
                // A task cancelled before its first step never runs its coroutine (T6).
                interp.check_delivered(&me)?;
                interp.run_body(co.def, co.args.clone(), me).await
            }
        };
        let t = match group {
            None => imp::spawn_with_named(Some(&c.label), make)
                .map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?,
            // Refused, the coroutine is left as it was: never awaited (3.11; 3.13 closes it).
            Some(g) => g.spawn_with_named(Some(&c.label), make).map_err(|e| {
                let state = match e {
                    imp::SpawnError::Finished => "is finished",
                    imp::SpawnError::ShuttingDown => "is shutting down",
                };
                exc(ExcClass::RuntimeError, &format!("TaskGroup {g:?} {state}"))
            })?,
        };
        c.started.store(true, Ordering::SeqCst);
        let _ = me_task.set(t.clone());
        self.cleanups.lock().unwrap().push((t.clone(), cleanups));
        self.tasks.lock().unwrap().push(t.clone());
        Ok(t)
    }

    /// ensure_future of asyncio's own coroutines (`sleep`, `wait`, `wait_for`).
    pub(super) fn spawn_native(self: &Arc<Self>, v: V, label: &str) -> R<imp::Task<V, PyExc>> {
        let me_task: Arc<OnceLock<imp::Task<V, PyExc>>> = Arc::new(OnceLock::new());
        let slot = me_task.clone();
        let interp = self.clone();
        let t = imp::spawn_with_named(Some(label), move |ctx| {
            let me = Me {
                ctx,
                task: slot,
                cleanups: Arc::new(AtomicUsize::new(0)),
                cancel_lag: Arc::new(AtomicUsize::new(0)),
            };
            async move {
                interp.check_delivered(&me)?;
                interp.await_value(v, &me).await
            }
        })
        .map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?;
        let _ = me_task.set(t.clone());
        self.tasks.lock().unwrap().push(t.clone());
        Ok(t)
    }

    pub(super) fn run_body(
        self: Arc<Self>,
        def: usize,
        args: Vec<V>,
        me: Me,
    ) -> BoxFut<'static, R<V>> {
        Box::pin(async move {
            let d = &self.defs[def];
            let mut locals: Locals = d.params.iter().cloned().zip(args).collect();
            let body = d.body.clone();
            match self
                .exec_block(&body, &mut locals, &me, &mut Vec::new())
                .await?
            {
                Flow::Return(v) => Ok(v),
                Flow::Normal => Ok(V::None),
            }
        })
    }

    /// After a resumption: a cancellation delivered at this step is raised here (SPEC T6).
    pub(super) fn check_delivered(&self, me: &Me) -> R<()> {
        match me.ctx.take_delivered() {
            Some(msg) => Err(Raised::Cancelled(msg)),
            None => Ok(()),
        }
    }

    pub(super) fn await_value<'a>(self: &'a Arc<Self>, v: V, me: &'a Me) -> BoxFut<'a, R<V>> {
        Box::pin(async move {
            match v {
                V::Coro(c) => {
                    if c.started.swap(true, Ordering::SeqCst) {
                        return Err(exc(
                            ExcClass::RuntimeError,
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    self.clone()
                        .run_body(c.def, c.args.clone(), me.clone())
                        .await
                }
                V::SleepCoro(d) => {
                    if self.runtime == Runtime::TokioMulti && d > MULTI_THREAD_MAX_SLEEP {
                        return Err(self.unsupported("a sleep too long for real time"));
                    }
                    if self.runtime == Runtime::TokioPaused && d >= PAUSED_LIMIT {
                        return Err(self.unsupported("a sleep beyond the paused tokio run's limit"));
                    }
                    if d <= 0.0 {
                        me.ctx.yield_now::<PyExc>().await?;
                        self.check_delivered(me)?;
                        Ok(V::None)
                    } else {
                        let f = imp::sleep::<PyExc>(self.duration(d))
                            .map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?;
                        let r = f.await;
                        self.check_delivered(me)?;
                        r.map(|_| V::None)
                    }
                }
                V::Fut(FutRef::Task(t)) => {
                    let r = t.future().clone().await;
                    self.check_delivered(me)?;
                    r
                }
                V::Fut(FutRef::Future(f)) => {
                    let r = f.clone().await;
                    self.check_delivered(me)?;
                    r
                }
                V::Fut(FutRef::Gather(g)) => {
                    let r = g.clone().await;
                    self.check_delivered(me)?;
                    let results = r?;
                    Ok(V::List(Arc::new(
                        results
                            .into_iter()
                            .map(|x| x.unwrap_or_else(|e| V::Exc(Arc::new(to_exc(&e)))))
                            .collect(),
                    )))
                }
                V::Native(n) => match &*n {
                    NativeCall::Wait {
                        fs,
                        timeout,
                        return_when,
                    } => self.wait(fs, timeout, return_when, me).await,
                    NativeCall::WaitFor { aw, timeout } => self.wait_for(aw, timeout, me).await,
                    NativeCall::AsCompletedNext(it) => self.as_completed_next(it, me).await,
                },
                other => Err(exc(
                    ExcClass::TypeError,
                    &format!(
                        "object {} can't be used in 'await' expression",
                        repr(&other)
                    ),
                )),
            }
        })
    }
}
