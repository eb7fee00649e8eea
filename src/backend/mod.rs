//! The implementation backend: scenario programs run on `aiospec-impl` as real futures, on a
//! chosen runtime, and emit the model's trace format (issue 5, SPEC C1–C3).
//!
//! An interpreter walks the scenario's statements as async Rust: a coroutine call is a lazy
//! coroutine object, `await` of one runs it inline, `create_task`, `gather`, `wait`,
//! `wait_for` and `sleep` are aiospec-impl's. The implementation follows the asyncio of
//! Python 3.11 (the reference version of the comparison: see `REFERENCE`).
//!
//! Scenarios using what the backend does not support return `Err(Unsupported)`, and the
//! suite counts them as skipped rather than passed.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use aiospec_impl as imp;
pub mod ast;
pub mod exceptions;
pub mod lower;

use aiospec_model::lang::num::float::repr as repr_float;
use aiospec_model::lang::repr::repr_str;
use aiospec_model::{Event, Outcome, Program, PyVersion, Trace};
use ast::{Arg, BinOp, CmpOp, Const, CoroDef, Expr, Stmt};
use exceptions::ExcClass;
use imp::{Raised, TaskContext};
use lower::Entry;

/// The Python version whose asyncio aiospec-impl follows.
pub const REFERENCE: PyVersion = PyVersion::new(11);

/// Where the futures run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// aiospec-impl's asyncio-order executor on virtual time: compared at C1.
    Executor,
    /// tokio current_thread with paused time: compared at C2.
    TokioPaused,
    /// tokio multi_thread, real time scaled by `TIME_SCALE`: compared at C3.
    TokioMulti,
    /// aiospec-impl's multi-worker executor ([`imp::Workers`], [`WORKERS`] threads) on
    /// virtual time: compared at C3. Built with `--cfg shuttle`, its threads are shuttle's and
    /// each schedule is drawn from a seed (`tests/shuttle.rs`, `scripts/shuttle.sh`).
    Workers,
}

/// Worker threads of [`Runtime::Workers`].
pub const WORKERS: usize = 3;

impl Runtime {
    pub const ALL: [Runtime; 3] = [Runtime::Executor, Runtime::TokioPaused, Runtime::TokioMulti];

    pub fn name(self) -> &'static str {
        match self {
            Runtime::Executor => "executor",
            Runtime::TokioPaused => "tokio-current-thread-paused",
            Runtime::TokioMulti => "tokio-multi-thread",
            Runtime::Workers => "workers",
        }
    }

    pub fn parse(s: &str) -> Option<Runtime> {
        Runtime::ALL
            .into_iter()
            .chain([Runtime::Workers])
            .find(|r| r.name() == s || (s == "tokio" && *r == Runtime::TokioPaused))
    }

    /// The conformance level this runtime is held to.
    pub fn level(self) -> aiospec_model::Level {
        match self {
            Runtime::Executor => aiospec_model::Level::TraceExact,
            Runtime::TokioPaused => aiospec_model::Level::DecisionExact,
            Runtime::TokioMulti | Runtime::Workers => aiospec_model::Level::OutcomeExact,
        }
    }
}

/// Rules about how many loop turns things take: only an asyncio-order executor has turns.
pub const TURN_RULES: [&str; 1] = ["X4"];

/// The longest sleep run in real time on the multi-thread runtime (scenario seconds).
pub const MULTI_THREAD_MAX_SLEEP: f64 = 100.0;

/// Real time on the multi-thread runtime: one scenario second is this long.
pub const TIME_SCALE: Duration = Duration::from_millis(20);

/// A scenario feature the backend does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not supported by the implementation backend: {}", self.0)
    }
}

// ---------------------------------------------------------------- values

#[derive(Clone)]
pub struct PyExc {
    class: ExcClass,
    args: Vec<V>,
}

type Fut = imp::AioFuture<V, PyExc>;
type R<T> = Result<T, Raised<PyExc>>;

#[derive(Clone)]
enum FutRef {
    Task(imp::Task<V, PyExc>),
    Gather(imp::Gather<V, PyExc>),
}

enum NativeCall {
    Wait { fs: V, timeout: V, return_when: V },
    WaitFor { aw: V, timeout: V },
}

struct CoroObj {
    def: usize,
    args: Vec<V>,
    started: AtomicBool,
    label: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Builtin {
    Print,
    Len,
    Repr,
    Str,
    IsInstance,
    Range,
    List,
    Sleep,
    Gather,
    Wait,
    WaitFor,
    CreateTask,
    CurrentTask,
}

#[derive(Clone)]
enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    List(Arc<Vec<V>>),
    Tuple(Arc<Vec<V>>),
    Set(Arc<Vec<V>>),
    Exc(Arc<PyExc>),
    Class(ExcClass),
    Coro(Arc<CoroObj>),
    /// `asyncio.sleep(delay)` not yet awaited.
    SleepCoro(f64),
    /// `asyncio.wait(...)` / `asyncio.wait_for(...)` not yet awaited.
    Native(Arc<NativeCall>),
    Fut(FutRef),
    Func(usize),
    Builtin(Builtin),
    Method(FutRef, &'static str),
}

impl fmt::Debug for V {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repr(self))
    }
}

fn repr(v: &V) -> String {
    match v {
        V::None => "None".into(),
        V::Bool(true) => "True".into(),
        V::Bool(false) => "False".into(),
        V::Int(i) => i.to_string(),
        V::Float(x) => repr_float(*x),
        V::Str(s) => repr_str(s),
        V::List(l) => format!("[{}]", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Tuple(l) if l.len() == 1 => format!("({},)", repr(&l[0])),
        V::Tuple(l) => format!("({})", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Set(l) if l.is_empty() => "set()".into(),
        V::Set(l) => format!("{{{}}}", l.iter().map(repr).collect::<Vec<_>>().join(", ")),
        V::Exc(e) => exc_repr(e),
        V::Class(c) => format!("<class '{}'>", c.name()),
        V::Coro(c) => format!("<coroutine object {}>", c.label),
        V::SleepCoro(_) => "<coroutine object sleep>".into(),
        V::Native(_) => "<coroutine object>".into(),
        V::Fut(_) => "<future>".into(),
        V::Func(_) | V::Builtin(_) | V::Method(..) => "<function>".into(),
    }
}

fn exc_repr(e: &PyExc) -> String {
    format!(
        "{}({})",
        e.class.name(),
        e.args.iter().map(repr).collect::<Vec<_>>().join(", ")
    )
}

impl fmt::Debug for PyExc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exc_repr(self))
    }
}

impl fmt::Display for PyExc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exc_repr(self))
    }
}

fn str_of(v: &V) -> String {
    match v {
        V::Str(s) => s.to_string(),
        V::Exc(e) => match e.args.len() {
            0 => String::new(),
            1 if e.class == ExcClass::KeyError => repr(&e.args[0]),
            1 => str_of(&e.args[0]),
            _ => repr(&V::Tuple(Arc::new(e.args.clone()))),
        },
        other => repr(other),
    }
}

fn truthy(v: &V) -> bool {
    match v {
        V::None => false,
        V::Bool(b) => *b,
        V::Int(i) => *i != 0,
        V::Float(f) => *f != 0.0,
        V::Str(s) => !s.is_empty(),
        V::List(l) | V::Tuple(l) | V::Set(l) => !l.is_empty(),
        _ => true,
    }
}

fn exc(class: ExcClass, msg: &str) -> Raised<PyExc> {
    raise(PyExc {
        class,
        args: vec![V::Str(Arc::from(msg))],
    })
}

/// Raising a Python exception: a CancelledError is the task's cancellation.
fn raise(e: PyExc) -> Raised<PyExc> {
    if e.class == ExcClass::CancelledError {
        let msg = e.args.first().map(str_of);
        return Raised::Cancelled(msg);
    }
    Raised::Error(e)
}

/// The exception object an `except` clause binds.
fn to_exc(r: &Raised<PyExc>) -> PyExc {
    match r {
        Raised::Error(e) => e.clone(),
        Raised::Panic(m) => PyExc {
            class: ExcClass::RuntimeError,
            args: vec![V::Str(Arc::from(m.as_str()))],
        },
        Raised::Cancelled(None) => PyExc {
            class: ExcClass::CancelledError,
            args: vec![],
        },
        Raised::Cancelled(Some(m)) => PyExc {
            class: ExcClass::CancelledError,
            args: vec![V::Str(Arc::from(m.as_str()))],
        },
        Raised::Timeout => PyExc {
            class: ExcClass::TimeoutError,
            args: vec![],
        },
        Raised::InvalidState(m) => PyExc {
            class: ExcClass::InvalidStateError,
            args: vec![V::Str(Arc::from(*m))],
        },
    }
}

fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(i) => Some(*i as f64),
        V::Float(f) => Some(*f),
        V::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

// ---------------------------------------------------------------- the interpreter

struct Interp {
    defs: Vec<CoroDef>,
    runtime: Runtime,
    events: Mutex<Vec<Event>>,
    executor_now: Mutex<Option<Arc<imp::Executor>>>,
    workers: Mutex<Option<Arc<imp::Workers>>>,
    started: std::time::Instant,
    tokio_start: Mutex<Option<tokio::time::Instant>>,
    gathers: AtomicUsize,
    waits: AtomicUsize,
    tasks: Mutex<Vec<imp::Task<V, PyExc>>>,
    coros: Mutex<Vec<Arc<CoroObj>>>,
    unsupported: Mutex<Option<String>>,
}

type Locals = HashMap<String, V>;

enum Flow {
    Normal,
    Return(V),
}

/// The current task: its context (for cancellation delivery) and its handle.
#[derive(Clone)]
struct Me {
    ctx: TaskContext,
    task: Arc<OnceLock<imp::Task<V, PyExc>>>,
}

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl Interp {
    fn now(&self) -> f64 {
        match self.runtime {
            Runtime::Executor => self
                .executor_now
                .lock()
                .unwrap()
                .as_ref()
                .map(|e| e.now().as_secs_f64())
                .unwrap_or(0.0),
            Runtime::TokioPaused => {
                let start = *self.tokio_start.lock().unwrap();
                start
                    .map(|s| (tokio::time::Instant::now() - s).as_secs_f64())
                    .unwrap_or(0.0)
            }
            Runtime::Workers => {
                // Out of the std lock before the executor's (a facade lock, where shuttle may
                // switch threads).
                let w = self.workers.lock().unwrap().clone();
                w.map(|w| w.now().as_secs_f64()).unwrap_or(0.0)
            }
            Runtime::TokioMulti => {
                let secs = self.started.elapsed().as_secs_f64() / TIME_SCALE.as_secs_f64();
                // Real time: round to the scenario's quarter seconds.
                (secs * 4.0).round() / 4.0
            }
        }
    }

    fn duration(&self, secs: f64) -> Duration {
        match self.runtime {
            Runtime::TokioMulti => TIME_SCALE.mul_f64(secs),
            _ => Duration::from_secs_f64(secs),
        }
    }

    fn event(&self, e: Event) {
        self.events.lock().unwrap().push(e);
    }

    fn unsupported(&self, what: &str) -> Raised<PyExc> {
        let mut u = self.unsupported.lock().unwrap();
        if u.is_none() {
            *u = Some(what.to_string());
        }
        exc(ExcClass::NotImplementedError, what)
    }

    /// `create_task(coro)` / ensure_future of a coroutine.
    fn spawn_coro(self: &Arc<Self>, c: Arc<CoroObj>) -> R<imp::Task<V, PyExc>> {
        if c.started.swap(true, Ordering::SeqCst) {
            return Err(exc(
                ExcClass::RuntimeError,
                "cannot reuse already awaited coroutine",
            ));
        }
        let me_task: Arc<OnceLock<imp::Task<V, PyExc>>> = Arc::new(OnceLock::new());
        let slot = me_task.clone();
        let interp = self.clone();
        let co = c.clone();
        let t = imp::spawn_with_named(Some(&c.label), move |ctx| {
            let me = Me { ctx, task: slot };
            async move {
                // A task cancelled before its first step never runs its coroutine (T6).
                interp.check_delivered(&me)?;
                interp.run_body(co.def, co.args.clone(), me).await
            }
        })
        .map_err(|_| exc(ExcClass::RuntimeError, "no running event loop"))?;
        let _ = me_task.set(t.clone());
        self.tasks.lock().unwrap().push(t.clone());
        Ok(t)
    }

    /// ensure_future of asyncio's own coroutines (`sleep`, `wait`, `wait_for`).
    fn spawn_native(self: &Arc<Self>, v: V, label: &str) -> R<imp::Task<V, PyExc>> {
        let me_task: Arc<OnceLock<imp::Task<V, PyExc>>> = Arc::new(OnceLock::new());
        let slot = me_task.clone();
        let interp = self.clone();
        let t = imp::spawn_with_named(Some(label), move |ctx| {
            let me = Me { ctx, task: slot };
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

    fn run_body(self: Arc<Self>, def: usize, args: Vec<V>, me: Me) -> BoxFut<'static, R<V>> {
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
    fn check_delivered(&self, me: &Me) -> R<()> {
        match me.ctx.take_delivered() {
            Some(msg) => Err(Raised::Cancelled(msg)),
            None => Ok(()),
        }
    }

    fn await_value<'a>(self: &'a Arc<Self>, v: V, me: &'a Me) -> BoxFut<'a, R<V>> {
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

    /// `await asyncio.wait(fs, timeout, return_when)` (3.11 semantics: coroutines rejected).
    async fn wait(self: &Arc<Self>, fs: &V, timeout: &V, return_when: &V, me: &Me) -> R<V> {
        let id = self.waits.fetch_add(1, Ordering::SeqCst) + 1;
        let r = self.wait_inner(fs, timeout, return_when, me, id).await;
        if let Err(e) = &r {
            self.event(Event::Wait {
                id,
                t: self.now(),
                done: None,
                pending: None,
                exception: Some(exc_repr(&to_exc(e))),
            });
        }
        r
    }

    async fn wait_inner(
        self: &Arc<Self>,
        fs: &V,
        timeout: &V,
        return_when: &V,
        me: &Me,
        id: usize,
    ) -> R<V> {
        if let V::Fut(_) | V::Coro(_) = fs {
            let tn = if matches!(fs, V::Coro(_)) {
                "coroutine"
            } else {
                "Task"
            };
            return Err(exc(
                ExcClass::TypeError,
                &format!("expect a list of futures, not {tn}"),
            ));
        }
        let items = self.iterate(fs)?;
        if items.is_empty() {
            return Err(exc(ExcClass::ValueError, "Set of Tasks/Futures is empty."));
        }
        let rw = match return_when {
            V::Str(s) if &**s == "FIRST_COMPLETED" => imp::ReturnWhen::FirstCompleted,
            V::Str(s) if &**s == "FIRST_EXCEPTION" => imp::ReturnWhen::FirstException,
            V::Str(s) if &**s == "ALL_COMPLETED" => imp::ReturnWhen::AllCompleted,
            other => {
                return Err(exc(
                    ExcClass::ValueError,
                    &format!("Invalid return_when value: {}", str_of(other)),
                ))
            }
        };
        if items.iter().any(|v| matches!(v, V::Coro(_))) {
            return Err(exc(
                ExcClass::TypeError,
                "Passing coroutines is forbidden, use tasks explicitly.",
            ));
        }
        let mut futs = Vec::new();
        let mut refs: Vec<(Fut, FutRef)> = Vec::new();
        for v in &items {
            let f = self.fut_of(v)?;
            if let V::Fut(r) = v {
                refs.push((f.clone(), r.clone()));
            }
            futs.push(f);
        }
        let timeout = match timeout {
            V::None => None,
            t => Some(self.duration(
                num(t).ok_or_else(|| exc(ExcClass::TypeError, "timeout must be a number"))?,
            )),
        };
        let w = match imp::wait(futs, timeout, rw).await {
            Ok(Ok(w)) => w,
            Ok(Err(e)) => {
                self.check_delivered(me)?;
                return Err(e);
            }
            Err(imp::WaitError::Empty) => {
                return Err(exc(ExcClass::ValueError, "Set of Tasks/Futures is empty."))
            }
            Err(imp::WaitError::NoRuntime) => {
                return Err(exc(ExcClass::RuntimeError, "no running event loop"))
            }
        };
        self.check_delivered(me)?;
        let label = |f: &Fut| f.name().to_string();
        let mut done: Vec<String> = w.done.iter().map(label).collect();
        let mut pending: Vec<String> = w.pending.iter().map(label).collect();
        done.sort();
        pending.sort();
        self.event(Event::Wait {
            id,
            t: self.now(),
            done: Some(done),
            pending: Some(pending),
            exception: None,
        });
        let back = |fs: &[Fut]| -> Vec<V> {
            fs.iter()
                .filter_map(|f| {
                    refs.iter()
                        .find(|(g, _)| g.same(f))
                        .map(|(_, r)| V::Fut(r.clone()))
                })
                .collect()
        };
        Ok(V::Tuple(Arc::new(vec![
            V::Set(Arc::new(back(&w.done))),
            V::Set(Arc::new(back(&w.pending))),
        ])))
    }

    /// `await asyncio.wait_for(aw, timeout)` (3.11: a coroutine is awaited directly when there
    /// is no timeout, else wrapped in a task).
    async fn wait_for(self: &Arc<Self>, aw: &V, timeout: &V, me: &Me) -> R<V> {
        let timeout = match timeout {
            V::None => None,
            t => Some(num(t).ok_or_else(|| exc(ExcClass::TypeError, "timeout must be a number"))?),
        };
        let Some(t) = timeout else {
            return self.await_value(aw.clone(), me).await;
        };
        let fut = match aw {
            V::Coro(c) => self.spawn_coro(c.clone())?.future().clone(),
            V::SleepCoro(_) => self.spawn_native(aw.clone(), "sleep()")?.future().clone(),
            V::Native(n) => {
                let label = if matches!(&**n, NativeCall::Wait { .. }) {
                    "wait()"
                } else {
                    "wait_for()"
                };
                self.spawn_native(aw.clone(), label)?.future().clone()
            }
            other => self.fut_of(other)?,
        };
        let d = if t <= 0.0 {
            Duration::ZERO
        } else {
            self.duration(t)
        };
        let r = imp::wait_for(fut, Some(d)).await;
        self.check_delivered(me)?;
        r.map_err(|e| match e {
            Raised::Timeout => Raised::Error(PyExc {
                class: ExcClass::TimeoutError,
                args: vec![],
            }),
            other => other,
        })
    }

    fn exec_block<'a>(
        self: &'a Arc<Self>,
        body: &'a [Stmt],
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            for s in body {
                if let Flow::Return(v) = self.exec_stmt(s, locals, me, handling).await? {
                    return Ok(Flow::Return(v));
                }
            }
            Ok(Flow::Normal)
        })
    }

    fn exec_stmt<'a>(
        self: &'a Arc<Self>,
        s: &'a Stmt,
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            match s {
                Stmt::Pass => Ok(Flow::Normal),
                Stmt::Expr(e) => {
                    self.eval(e, locals, me).await?;
                    Ok(Flow::Normal)
                }
                Stmt::Assign(names, e) => {
                    let v = self.eval(e, locals, me).await?;
                    if names.len() == 1 {
                        locals.insert(names[0].clone(), v);
                    } else {
                        let items = self.iterate(&v)?;
                        if items.len() != names.len() {
                            return Err(exc(
                                ExcClass::ValueError,
                                "wrong number of values to unpack",
                            ));
                        }
                        for (n, v) in names.iter().zip(items) {
                            locals.insert(n.clone(), v);
                        }
                    }
                    Ok(Flow::Normal)
                }
                Stmt::Return(e) => {
                    let v = match e {
                        Some(e) => self.eval(e, locals, me).await?,
                        None => V::None,
                    };
                    Ok(Flow::Return(v))
                }
                Stmt::Raise(None) => match handling.last() {
                    Some(r) => Err(r.clone()),
                    None => Err(exc(
                        ExcClass::RuntimeError,
                        "No active exception to reraise",
                    )),
                },
                Stmt::Raise(Some(e)) => {
                    let v = self.eval(e, locals, me).await?;
                    Err(match v {
                        V::Exc(x) => raise((*x).clone()),
                        V::Class(c) => raise(PyExc {
                            class: c,
                            args: vec![],
                        }),
                        _ => exc(
                            ExcClass::TypeError,
                            "exceptions must derive from BaseException",
                        ),
                    })
                }
                Stmt::If { cond, then, els } => {
                    let c = self.eval(cond, locals, me).await?;
                    let branch = if truthy(&c) { then } else { els };
                    self.exec_block(branch, locals, me, handling).await
                }
                Stmt::For { var, iter, body } => {
                    let it = self.eval(iter, locals, me).await?;
                    for item in self.iterate(&it)? {
                        locals.insert(var.clone(), item);
                        if let Flow::Return(v) = self.exec_block(body, locals, me, handling).await?
                        {
                            return Ok(Flow::Return(v));
                        }
                    }
                    Ok(Flow::Normal)
                }
                Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finally,
                } => {
                    let mut r = self.exec_block(body, locals, me, handling).await;
                    if let Err(raised) = &r {
                        let e = to_exc(raised);
                        let mut matched = None;
                        for h in handlers {
                            let ok = match &h.types {
                                None => true,
                                Some(t) => {
                                    let tv = self.eval(t, locals, me).await?;
                                    self.matches(&e, &tv)?
                                }
                            };
                            if ok {
                                matched = Some(h);
                                break;
                            }
                        }
                        if let Some(h) = matched {
                            if let Some(n) = &h.name {
                                locals.insert(n.clone(), V::Exc(Arc::new(e)));
                            }
                            handling.push(raised.clone());
                            r = self.exec_block(&h.body, locals, me, handling).await;
                            handling.pop();
                        }
                    } else if !orelse.is_empty() {
                        r = self.exec_block(orelse, locals, me, handling).await;
                    }
                    if !finally.is_empty() {
                        match self.exec_block(finally, locals, me, handling).await {
                            Ok(Flow::Normal) => {}
                            other => return other,
                        }
                    }
                    r
                }
            }
        })
    }

    fn matches(&self, e: &PyExc, types: &V) -> R<bool> {
        match types {
            V::Class(c) => Ok(e.class.is_subclass(*c, REFERENCE)),
            V::Tuple(items) => {
                for t in items.iter() {
                    if self.matches(e, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(exc(
                ExcClass::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    fn iterate(&self, v: &V) -> R<Vec<V>> {
        match v {
            V::List(l) | V::Tuple(l) | V::Set(l) => Ok(l.to_vec()),
            other => Err(exc(
                ExcClass::TypeError,
                &format!("'{}' object is not iterable", repr(other)),
            )),
        }
    }

    fn eval<'a>(
        self: &'a Arc<Self>,
        e: &'a Expr,
        locals: &'a mut Locals,
        me: &'a Me,
    ) -> BoxFut<'a, R<V>> {
        Box::pin(async move {
            match e {
                Expr::Const(c) => Ok(match c {
                    Const::None => V::None,
                    Const::Bool(b) => V::Bool(*b),
                    Const::Int(i) => V::Int(*i),
                    Const::Float(f) => V::Float(*f),
                    Const::Str(s) => V::Str(Arc::from(s.as_str())),
                }),
                Expr::Name(n) => self.name(n, locals),
                Expr::Attr(obj, attr) if matches!(&**obj, Expr::Name(n) if n == "asyncio" && !locals.contains_key("asyncio")) => {
                    Ok(match attr.as_str() {
                        "sleep" => V::Builtin(Builtin::Sleep),
                        "gather" => V::Builtin(Builtin::Gather),
                        "wait" => V::Builtin(Builtin::Wait),
                        "wait_for" => V::Builtin(Builtin::WaitFor),
                        "create_task" | "ensure_future" => V::Builtin(Builtin::CreateTask),
                        "current_task" => V::Builtin(Builtin::CurrentTask),
                        "CancelledError" => V::Class(ExcClass::CancelledError),
                        "TimeoutError" => V::Class(ExcClass::TimeoutError),
                        "InvalidStateError" => V::Class(ExcClass::InvalidStateError),
                        c @ ("FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED") => {
                            V::Str(Arc::from(c))
                        }
                        other => return Err(self.unsupported(&format!("asyncio.{other}"))),
                    })
                }
                Expr::Attr(obj, attr) => {
                    let o = self.eval(obj, locals, me).await?;
                    match o {
                        V::Fut(f) => {
                            let m: &'static str = match attr.as_str() {
                                "result" => "result",
                                "exception" => "exception",
                                "done" => "done",
                                "cancelled" => "cancelled",
                                "cancel" => "cancel",
                                _ => {
                                    return Err(
                                        self.unsupported(&format!("future attribute {attr}"))
                                    )
                                }
                            };
                            Ok(V::Method(f, m))
                        }
                        V::Exc(x) if attr == "args" => Ok(V::Tuple(Arc::new(x.args.clone()))),
                        _ => Err(exc(
                            ExcClass::AttributeError,
                            &format!("no attribute '{attr}'"),
                        )),
                    }
                }
                Expr::Subscript(a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    match (&a, &b) {
                        (V::List(l) | V::Tuple(l), V::Int(i)) => {
                            let n = l.len() as i64;
                            let j = if *i < 0 { i + n } else { *i };
                            l.get(j as usize)
                                .cloned()
                                .ok_or_else(|| exc(ExcClass::IndexError, "list index out of range"))
                        }
                        _ => Err(exc(ExcClass::TypeError, "object is not subscriptable")),
                    }
                }
                Expr::List(items) => Ok(V::List(Arc::new(self.args(items, locals, me).await?))),
                Expr::Tuple(items) => {
                    let mut out = Vec::new();
                    for i in items {
                        out.push(self.eval(i, locals, me).await?);
                    }
                    Ok(V::Tuple(Arc::new(out)))
                }
                Expr::ListComp {
                    elt,
                    var,
                    iter,
                    cond,
                } => {
                    let it = self.eval(iter, locals, me).await?;
                    let mut out = Vec::new();
                    for item in self.iterate(&it)? {
                        locals.insert(var.clone(), item);
                        if let Some(c) = cond {
                            if !truthy(&self.eval(c, locals, me).await?) {
                                continue;
                            }
                        }
                        out.push(self.eval(elt, locals, me).await?);
                    }
                    Ok(V::List(Arc::new(out)))
                }
                Expr::Call { func, args, kwargs } => {
                    let f = self.eval(func, locals, me).await?;
                    let a = self.args(args, locals, me).await?;
                    let mut kw = Vec::new();
                    for (k, v) in kwargs {
                        kw.push((k.clone(), self.eval(v, locals, me).await?));
                    }
                    self.call(f, a, kw, me)
                }
                Expr::Await(x) => {
                    let v = self.eval(x, locals, me).await?;
                    self.await_value(v, me).await
                }
                Expr::Neg(x) => match self.eval(x, locals, me).await? {
                    V::Int(i) => Ok(V::Int(-i)),
                    V::Float(f) => Ok(V::Float(-f)),
                    _ => Err(exc(ExcClass::TypeError, "bad operand type for unary -")),
                },
                Expr::Not(x) => Ok(V::Bool(!truthy(&self.eval(x, locals, me).await?))),
                Expr::And(a, b) => {
                    let l = self.eval(a, locals, me).await?;
                    if !truthy(&l) {
                        return Ok(l);
                    }
                    self.eval(b, locals, me).await
                }
                Expr::Or(a, b) => {
                    let l = self.eval(a, locals, me).await?;
                    if truthy(&l) {
                        return Ok(l);
                    }
                    self.eval(b, locals, me).await
                }
                Expr::IfElse { cond, then, els } => {
                    if truthy(&self.eval(cond, locals, me).await?) {
                        self.eval(then, locals, me).await
                    } else {
                        self.eval(els, locals, me).await
                    }
                }
                Expr::Binary(op, a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    self.binary(*op, &a, &b)
                }
                Expr::Compare(op, a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    self.compare(*op, &a, &b).map(V::Bool)
                }
            }
        })
    }

    fn name(&self, n: &str, locals: &Locals) -> R<V> {
        if let Some(v) = locals.get(n) {
            return Ok(v.clone());
        }
        if let Some(i) = self.defs.iter().position(|d| d.name == n) {
            return Ok(V::Func(i));
        }
        let b = match n {
            "print" => Builtin::Print,
            "len" => Builtin::Len,
            "repr" => Builtin::Repr,
            "str" => Builtin::Str,
            "isinstance" => Builtin::IsInstance,
            "range" => Builtin::Range,
            "list" => Builtin::List,
            _ => {
                if let Some(c) = ExcClass::from_name(n, REFERENCE) {
                    return Ok(V::Class(c));
                }
                // A builtin the backend does not implement is unsupported, not undefined.
                if aiospec_model::lang::names::is_cpython_builtin(n, REFERENCE) {
                    return Err(self.unsupported(&format!("the builtin '{n}'")));
                }
                return Err(exc(
                    ExcClass::NameError,
                    &format!("name '{n}' is not defined"),
                ));
            }
        };
        Ok(V::Builtin(b))
    }

    fn args<'a>(
        self: &'a Arc<Self>,
        items: &'a [Arg],
        locals: &'a mut Locals,
        me: &'a Me,
    ) -> BoxFut<'a, R<Vec<V>>> {
        Box::pin(async move {
            let mut out = Vec::new();
            for a in items {
                match a {
                    Arg::Pos(e) => out.push(self.eval(e, locals, me).await?),
                    Arg::Star(e) => {
                        let v = self.eval(e, locals, me).await?;
                        out.extend(self.iterate(&v)?);
                    }
                }
            }
            Ok(out)
        })
    }

    fn binary(&self, op: BinOp, a: &V, b: &V) -> R<V> {
        if let (V::Int(x), V::Int(y)) = (a, b) {
            return match op {
                BinOp::Add => Ok(V::Int(x + y)),
                BinOp::Sub => Ok(V::Int(x - y)),
                BinOp::Mul => Ok(V::Int(x * y)),
                BinOp::Mod if *y != 0 => Ok(V::Int(
                    x.rem_euclid(*y)
                        + if *y < 0 && x.rem_euclid(*y) != 0 {
                            *y
                        } else {
                            0
                        },
                )),
                BinOp::FloorDiv if *y != 0 => Ok(V::Int(x.div_euclid(*y))),
                BinOp::Div if *y != 0 => Ok(V::Float(*x as f64 / *y as f64)),
                _ => Err(exc(ExcClass::ZeroDivisionError, "division by zero")),
            };
        }
        if let (V::Str(x), V::Str(y), BinOp::Add) = (a, b, op) {
            return Ok(V::Str(Arc::from(format!("{x}{y}").as_str())));
        }
        match (num(a), num(b)) {
            (Some(x), Some(y)) => Ok(V::Float(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div => x / y,
                _ => return Err(self.unsupported("float // and %")),
            })),
            _ => Err(exc(ExcClass::TypeError, "unsupported operand types")),
        }
    }

    fn compare(&self, op: CmpOp, a: &V, b: &V) -> R<bool> {
        let eq = |a: &V, b: &V| match (a, b) {
            (V::Str(x), V::Str(y)) => x == y,
            (V::None, V::None) => true,
            (V::Bool(x), V::Bool(y)) => x == y,
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        };
        match op {
            CmpOp::Eq => Ok(eq(a, b)),
            CmpOp::Ne => Ok(!eq(a, b)),
            CmpOp::Is => {
                Ok(matches!((a, b), (V::None, V::None)) || eq(a, b) && matches!(a, V::Bool(_)))
            }
            CmpOp::IsNot => {
                Ok(!(matches!((a, b), (V::None, V::None)) || eq(a, b) && matches!(a, V::Bool(_))))
            }
            CmpOp::In | CmpOp::NotIn => Err(self.unsupported("in")),
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => Ok(match op {
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Gt => x > y,
                    _ => x >= y,
                }),
                _ => Err(exc(ExcClass::TypeError, "'<' not supported")),
            },
        }
    }

    fn fut_of(&self, v: &V) -> R<Fut> {
        match v {
            V::Fut(FutRef::Task(t)) => Ok(t.future().clone()),
            V::Fut(FutRef::Gather(_)) => {
                Err(self.unsupported("a gather inside gather, wait or wait_for"))
            }
            _ => Err(exc(
                ExcClass::TypeError,
                "An asyncio.Future, a coroutine or an awaitable is required",
            )),
        }
    }

    fn call(self: &Arc<Self>, f: V, args: Vec<V>, kwargs: Vec<(String, V)>, me: &Me) -> R<V> {
        let kw = |name: &str| {
            kwargs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        match f {
            V::Func(i) => {
                let d = &self.defs[i];
                if args.len() != d.params.len() || !kwargs.is_empty() {
                    return Err(exc(ExcClass::TypeError, "wrong number of arguments"));
                }
                let label = format!(
                    "{}({})",
                    d.name,
                    args.iter().map(repr).collect::<Vec<_>>().join(", ")
                );
                let c = Arc::new(CoroObj {
                    def: i,
                    args,
                    started: AtomicBool::new(false),
                    label,
                });
                self.coros.lock().unwrap().push(c.clone());
                Ok(V::Coro(c))
            }
            V::Class(c) => Ok(V::Exc(Arc::new(PyExc { class: c, args }))),
            V::Builtin(b) => self.call_builtin(b, args, kw, me),
            V::Method(fr, m) => self.call_method(fr, m, args),
            _ => Err(exc(ExcClass::TypeError, "object is not callable")),
        }
    }

    fn call_builtin(
        self: &Arc<Self>,
        b: Builtin,
        args: Vec<V>,
        kw: impl Fn(&str) -> Option<V>,
        me: &Me,
    ) -> R<V> {
        match b {
            Builtin::Print => {
                let text = args.iter().map(str_of).collect::<Vec<_>>().join(" ");
                self.event(Event::Print {
                    t: self.now(),
                    text,
                    end: None,
                });
                Ok(V::None)
            }
            Builtin::Len => match args.first() {
                Some(V::List(l) | V::Tuple(l) | V::Set(l)) => Ok(V::Int(l.len() as i64)),
                Some(V::Str(s)) => Ok(V::Int(s.chars().count() as i64)),
                _ => Err(exc(ExcClass::TypeError, "object has no len()")),
            },
            Builtin::Repr => Ok(V::Str(Arc::from(
                repr(args.first().unwrap_or(&V::None)).as_str(),
            ))),
            Builtin::Str => Ok(V::Str(Arc::from(
                str_of(args.first().unwrap_or(&V::None)).as_str(),
            ))),
            Builtin::IsInstance => match (args.first(), args.get(1)) {
                (Some(V::Exc(e)), Some(t)) => self.matches(e, t).map(V::Bool),
                (Some(_), Some(_)) => Ok(V::Bool(false)),
                _ => Err(exc(ExcClass::TypeError, "isinstance expected 2 arguments")),
            },
            Builtin::Range => {
                let (a, b) = match args.as_slice() {
                    [V::Int(n)] => (0, *n),
                    [V::Int(a), V::Int(b)] => (*a, *b),
                    _ => return Err(exc(ExcClass::TypeError, "range() takes integers")),
                };
                Ok(V::List(Arc::new((a..b.max(a)).map(V::Int).collect())))
            }
            Builtin::List => Ok(V::List(Arc::new(
                self.iterate(args.first().unwrap_or(&V::None))?,
            ))),
            Builtin::Sleep => {
                if kw("result").is_some() || args.len() > 1 {
                    return Err(self.unsupported("sleep(result=)"));
                }
                let d = args
                    .first()
                    .and_then(num)
                    .ok_or_else(|| exc(ExcClass::TypeError, "sleep() needs a number"))?;
                Ok(V::SleepCoro(d))
            }
            Builtin::CurrentTask => match me.task.get() {
                Some(t) => Ok(V::Fut(FutRef::Task(t.clone()))),
                None => Ok(V::None),
            },
            Builtin::CreateTask => match args.first() {
                Some(V::Coro(c)) => Ok(V::Fut(FutRef::Task(self.spawn_coro(c.clone())?))),
                Some(v @ V::SleepCoro(_)) => Ok(V::Fut(FutRef::Task(
                    self.spawn_native(v.clone(), "sleep()")?,
                ))),
                Some(V::Fut(f)) => Ok(V::Fut(f.clone())),
                _ => Err(self.unsupported("create_task of something other than a coroutine")),
            },
            Builtin::Gather => {
                let rex = kw("return_exceptions").is_some_and(|v| truthy(&v));
                for a in &args {
                    if !matches!(a, V::Coro(_)) {
                        self.fut_of(a)?;
                    }
                }
                // Children are made in argument order, each registered before the next
                // (ensure_future, then add_done_callback).
                let mut seen: Vec<(usize, Fut)> = Vec::new();
                let mut failure = None;
                let mut make = |i: usize| -> Fut {
                    match &args[i] {
                        V::Coro(c) => {
                            let key = Arc::as_ptr(c) as usize;
                            if let Some((_, f)) = seen.iter().find(|(k, _)| *k == key) {
                                return f.clone();
                            }
                            match self.spawn_coro(c.clone()) {
                                Ok(t) => {
                                    t.future().set_log_destroy_pending(false);
                                    seen.push((key, t.future().clone()));
                                    t.future().clone()
                                }
                                Err(e) => {
                                    failure.get_or_insert(e);
                                    let f: Fut = imp::AioFuture::new();
                                    f.cancel(None);
                                    f
                                }
                            }
                        }
                        other => self.fut_of(other).expect("validated above"),
                    }
                };
                let id = self.gathers.fetch_add(1, Ordering::SeqCst) + 1;
                let g = imp::gather_lazy(&format!("gather#{id}"), args.len(), &mut make, rex);
                if let Some(e) = failure {
                    return Err(e);
                }
                record_gather(self, &g, id, false);
                Ok(V::Fut(FutRef::Gather(g)))
            }
            Builtin::Wait => {
                let fs = args
                    .first()
                    .cloned()
                    .or_else(|| kw("fs"))
                    .unwrap_or(V::None);
                let timeout = args
                    .get(1)
                    .cloned()
                    .or_else(|| kw("timeout"))
                    .unwrap_or(V::None);
                let return_when = args
                    .get(2)
                    .cloned()
                    .or_else(|| kw("return_when"))
                    .unwrap_or(V::Str(Arc::from("ALL_COMPLETED")));
                Ok(V::Native(Arc::new(NativeCall::Wait {
                    fs,
                    timeout,
                    return_when,
                })))
            }
            Builtin::WaitFor => {
                let aw = args
                    .first()
                    .cloned()
                    .or_else(|| kw("fut"))
                    .unwrap_or(V::None);
                let timeout = args
                    .get(1)
                    .cloned()
                    .or_else(|| kw("timeout"))
                    .unwrap_or(V::None);
                Ok(V::Native(Arc::new(NativeCall::WaitFor { aw, timeout })))
            }
        }
    }

    fn call_method(&self, fr: FutRef, m: &str, args: Vec<V>) -> R<V> {
        let (done, cancelled) = match &fr {
            FutRef::Task(t) => (t.done(), t.cancelled()),
            FutRef::Gather(g) => (g.done(), g.future().cancelled()),
        };
        match m {
            "done" => Ok(V::Bool(done)),
            "cancelled" => Ok(V::Bool(cancelled)),
            "cancel" => {
                let msg = args.first().filter(|v| !matches!(v, V::None)).map(str_of);
                Ok(V::Bool(match &fr {
                    FutRef::Task(t) => t.cancel(msg.as_deref()),
                    FutRef::Gather(g) => g.cancel(msg.as_deref()),
                }))
            }
            "result" => match &fr {
                FutRef::Task(t) => t.result(),
                FutRef::Gather(_) => Err(self.unsupported("gather.result()")),
            },
            "exception" => match &fr {
                FutRef::Task(t) => t
                    .exception()
                    .map(|e| e.map(|e| V::Exc(Arc::new(to_exc(&e)))).unwrap_or(V::None)),
                FutRef::Gather(_) => Err(self.unsupported("gather.exception()")),
            },
            _ => Err(self.unsupported(m)),
        }
    }
}

// ---------------------------------------------------------------- running a scenario

/// Trace a gather's outcome at the moment it completes, as the oracle does in
/// `_GatheringFuture.set_result` / `set_exception`.
fn record_gather(interp: &Arc<Interp>, g: &imp::Gather<V, PyExc>, id: usize, shutdown: bool) {
    let interp = interp.clone();
    g.future().observe(move |f| {
        let outcome = match f.peek().expect("observed at completion") {
            Ok(results) => Outcome::Result(repr(&V::List(Arc::new(
                results
                    .into_iter()
                    .map(|x| x.unwrap_or_else(|e| V::Exc(Arc::new(to_exc(&e)))))
                    .collect(),
            )))),
            Err(e) => Outcome::Exception(exc_repr(&to_exc(&e))),
        };
        interp.event(Event::Gather {
            id,
            t: interp.now(),
            outcome,
            shutdown,
        });
    });
}

/// What a run shows besides its trace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunInfo {
    /// Tasks that a `cancel()` reached while they ran a step on another worker
    /// (`Task::cancel_raced_step`): a race only a multi-threaded runtime has (SPEC C3).
    pub cancels_raced_steps: usize,
}

/// Run `s` on aiospec-impl on runtime `rt`. The trace is in the model's format; compare it
/// with the model's on [`REFERENCE`] at the runtime's level ([`Runtime::level`]).
pub fn run(s: &Program, rt: Runtime) -> Result<Trace, Unsupported> {
    run_with_info(s, rt).map(|(t, _)| t)
}

/// [`run`], with what else the run showed.
pub fn run_with_info(p: &Program, rt: Runtime) -> Result<(Trace, RunInfo), Unsupported> {
    if !p.meta.python.contains(&REFERENCE) {
        return Err(Unsupported(format!(
            "the program does not target Python {REFERENCE}"
        )));
    }
    let (defs, entry) = lower::lower(p)?;
    if rt != Runtime::Executor {
        if let Some(r) = p
            .meta
            .rules
            .iter()
            .find(|r| TURN_RULES.contains(&r.as_str()))
        {
            return Err(Unsupported(format!(
                "it is about asyncio's loop turns (SPEC {r}), which tokio does not have"
            )));
        }
    }
    let until = match entry {
        Entry::Run => None,
        Entry::RunForever { until } => {
            if rt != Runtime::Executor {
                return Err(Unsupported("run_forever off the executor".into()));
            }
            Some(until)
        }
    };
    let interp = Arc::new(Interp {
        defs: defs.clone(),
        runtime: rt,
        events: Mutex::new(Vec::new()),
        executor_now: Mutex::new(None),
        workers: Mutex::new(None),
        started: std::time::Instant::now(),
        tokio_start: Mutex::new(None),
        gathers: AtomicUsize::new(0),
        waits: AtomicUsize::new(0),
        tasks: Mutex::new(Vec::new()),
        coros: Mutex::new(Vec::new()),
        unsupported: Mutex::new(None),
    });
    let main_def = defs.len() - 1;
    let collector = imp::report::Collector::new();
    imp::report::with_exception_handler(collector.handler(), || match (rt, until) {
        (Runtime::Executor, None) => run_on_executor(&interp, main_def),
        (Runtime::Executor, Some(until)) => run_forever_on_executor(&interp, main_def, until),
        (Runtime::TokioPaused, _) => {
            let tokio_rt = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build();
            match tokio_rt {
                Ok(r) => {
                    let i = interp.clone();
                    r.block_on(async move {
                        *i.tokio_start.lock().unwrap() = Some(tokio::time::Instant::now());
                        tokio_flow(&i, main_def, Duration::from_secs(1_000_000)).await
                    });
                }
                Err(e) => *interp.unsupported.lock().unwrap() = Some(format!("tokio runtime: {e}")),
            }
        }
        (Runtime::Workers, _) => run_on_workers(&interp, main_def),
        (Runtime::TokioMulti, _) => {
            let tokio_rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_time()
                .build();
            match tokio_rt {
                Ok(r) => {
                    let i = interp.clone();
                    r.block_on(
                        async move { tokio_flow(&i, main_def, Duration::from_secs(60)).await },
                    );
                    r.shutdown_timeout(Duration::from_secs(5));
                }
                Err(e) => *interp.unsupported.lock().unwrap() = Some(format!("tokio runtime: {e}")),
            }
        }
    });
    // Finalisation: drop every handle, then collect what the finalisers reported.
    let info = RunInfo {
        cancels_raced_steps: interp
            .tasks
            .lock()
            .unwrap()
            .iter()
            .filter(|t| t.cancel_raced_step())
            .count(),
    };
    let tasks = std::mem::take(&mut *interp.tasks.lock().unwrap());
    drop(tasks);
    *interp.executor_now.lock().unwrap() = None;
    *interp.workers.lock().unwrap() = None;
    if let Some(u) = interp.unsupported.lock().unwrap().clone() {
        return Err(Unsupported(u));
    }
    let mut trace = Trace {
        events: std::mem::take(&mut *interp.events.lock().unwrap()),
        finalization: vec![],
    };
    for r in collector.take() {
        trace.finalization.push(Event::Report {
            message: r.message,
            future: r.future,
            exception: if r.exception.is_empty() {
                None
            } else {
                Some(r.exception)
            },
            text: None,
        });
    }
    for c in interp.coros.lock().unwrap().iter() {
        if !c.started.load(Ordering::SeqCst) {
            trace.finalization.push(Event::Warning {
                category: "RuntimeWarning".into(),
                message: format!("coroutine '{}' was never awaited", interp.defs[c.def].name),
            });
        }
    }
    trace.normalize();
    Ok((trace, info))
}

fn main_coro(interp: &Arc<Interp>, main_def: usize) -> Arc<CoroObj> {
    let c = Arc::new(CoroObj {
        def: main_def,
        args: vec![],
        started: AtomicBool::new(false),
        label: "main()".into(),
    });
    interp.coros.lock().unwrap().push(c.clone());
    c
}

fn outcome_of(r: &R<V>) -> Outcome {
    match r {
        Ok(v) => Outcome::Result(repr(v)),
        Err(e) => Outcome::Exception(exc_repr(&to_exc(e))),
    }
}

const STOPPED: &str = "Event loop stopped before Future completed.";

fn stopped() -> Outcome {
    Outcome::Exception(format!("RuntimeError({})", repr_str(STOPPED)))
}

/// `asyncio.run`'s `_cancel_all_tasks`, first half (SPEC X2): runs outside the loop, between
/// two `run_until_complete` calls, so it is synchronous: cancel what is pending, gather it.
/// The shutdown's gather and the tasks it cancelled.
type Shutdown = (imp::Gather<V, PyExc>, Vec<imp::Task<V, PyExc>>);

fn begin_shutdown(interp: &Arc<Interp>) -> Option<Shutdown> {
    // Out of the std lock before asking each task (a facade lock, where shuttle may switch
    // threads to one that spawns).
    let tasks = interp.tasks.lock().unwrap().clone();
    let pending: Vec<imp::Task<V, PyExc>> = tasks.into_iter().filter(|t| !t.done()).collect();
    if pending.is_empty() {
        return None;
    }
    for t in &pending {
        t.cancel(None);
    }
    let id = interp.gathers.fetch_add(1, Ordering::SeqCst) + 1;
    let g = imp::gather_named(
        &format!("gather#{id}"),
        pending.iter().map(|t| t.future().clone()).collect(),
        true,
    );
    record_gather(interp, &g, id, true);
    Some((g, pending))
}

/// X3: a cancelled task that ended with another exception.
fn report_shutdown_errors(pending: &[imp::Task<V, PyExc>]) {
    for t in pending {
        if t.cancelled() {
            continue;
        }
        if let Ok(Some(e)) = t.exception() {
            imp::report::current_handler()(imp::report::Report {
                message: "unhandled exception during asyncio.run() shutdown".into(),
                future: t.name().to_string(),
                exception: format!("{e}"),
            });
        }
    }
}

/// The rest of the shutdown: run the gather to completion, report errors (X3), then run
/// `shutdown_asyncgens()` and `shutdown_default_executor()` (X4).
async fn finish_shutdown(started: Option<Shutdown>) {
    if let Some((g, pending)) = started {
        let _ = g.await;
        report_shutdown_errors(&pending);
    }
    for _ in 0..2 {
        if let Ok(t) = imp::spawn(async { Ok::<V, Raised<PyExc>>(V::None) }) {
            t.future().set_log_destroy_pending(false);
            let _ = t.await;
        }
    }
}

fn run_on_executor(interp: &Arc<Interp>, main_def: usize) {
    let ex = Arc::new(imp::Executor::new());
    *interp.executor_now.lock().unwrap() = Some(ex.clone());
    let stuck = |ex: &imp::Executor| {
        interp.event(Event::Stuck {
            t: ex.now().as_secs_f64(),
        });
        stopped()
    };
    // asyncio.run: run_until_complete(main task).
    let i = interp.clone();
    let mut outcome = match ex.enter(|| i.spawn_coro(main_coro(&i, main_def))) {
        Err(e) => Outcome::Exception(exc_repr(&to_exc(&e))),
        Ok(task) => match ex.run_until_complete(task.future()) {
            Ok(()) => outcome_of(&task.result()),
            Err(_) => stuck(&ex),
        },
    };
    // _cancel_all_tasks, between two run_until_complete calls.
    if let Some((g, pending)) = ex.enter(|| begin_shutdown(interp)) {
        match ex.run_until_complete(g.future()) {
            Ok(()) => report_shutdown_errors(&pending),
            Err(_) => outcome = stuck(&ex),
        }
    }
    // shutdown_asyncgens(), shutdown_default_executor(): a task each (X4).
    for _ in 0..2 {
        if let Ok(t) = ex.enter(|| imp::spawn(async { Ok::<V, Raised<PyExc>>(V::None) })) {
            t.future().set_log_destroy_pending(false);
            if ex.run_until_complete(t.future()).is_err() {
                outcome = stuck(&ex);
            }
        }
    }
    interp.event(Event::End {
        t: ex.now().as_secs_f64(),
    });
    interp.event(Event::Main { outcome });
}

/// asyncio.run on [`imp::Workers`]: main, one more turn, then the shutdown (SPEC X2, X4), all
/// in one `block_on` on [`WORKERS`] threads. Stuck when nothing can run and main is pending.
fn run_on_workers(interp: &Arc<Interp>, main_def: usize) {
    let w = Arc::new(imp::Workers::new());
    *interp.workers.lock().unwrap() = Some(w.clone());
    let i = interp.clone();
    // The futures made on the workers' threads report where this run collects reports.
    let handler = imp::report::current_handler();
    let out = w.block_on(
        WORKERS,
        WithHandler(
            handler,
            Box::pin(async move {
                let outcome = match i.spawn_coro(main_coro(&i, main_def)) {
                    Err(e) => Outcome::Exception(exc_repr(&to_exc(&e))),
                    Ok(task) => {
                        let r = task.await;
                        // run_until_complete stops the loop one turn after main completes.
                        YieldOnce(false).await;
                        outcome_of(&r)
                    }
                };
                finish_shutdown(begin_shutdown(&i)).await;
                outcome
            }),
        ),
    );
    let outcome = out.unwrap_or_else(|| {
        interp.event(Event::Stuck { t: interp.now() });
        stopped()
    });
    interp.event(Event::End { t: interp.now() });
    interp.event(Event::Main { outcome });
}

/// A future polled with a report handler in scope, on whichever thread polls it.
struct WithHandler<F>(imp::report::Handler, Pin<Box<F>>);

impl<F: Future> Future for WithHandler<F> {
    type Output = F::Output;
    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let WithHandler(h, fut) = &mut *self;
        imp::report::with_exception_handler(h.clone(), || fut.as_mut().poll(cx))
    }
}

/// Give up one turn of the runtime polling this future.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

fn run_forever_on_executor(interp: &Arc<Interp>, main_def: usize, until: Option<f64>) {
    let ex = Arc::new(imp::Executor::new());
    *interp.executor_now.lock().unwrap() = Some(ex.clone());
    let i = interp.clone();
    let main = ex.enter(|| i.spawn_coro(main_coro(&i, main_def)));
    if main.is_ok() {
        let stopped_by_timer = ex.run_forever(until.map(Duration::from_secs_f64));
        if !stopped_by_timer {
            interp.event(Event::Stuck {
                t: ex.now().as_secs_f64(),
            });
        }
    }
    interp.event(Event::End {
        t: ex.now().as_secs_f64(),
    });
}

async fn tokio_flow(interp: &Arc<Interp>, main_def: usize, limit: Duration) {
    let i = interp.clone();
    let outcome = match i.spawn_coro(main_coro(&i, main_def)) {
        Err(e) => Outcome::Exception(exc_repr(&to_exc(&e))),
        Ok(task) => match tokio::time::timeout(limit, task).await {
            Ok(r) => {
                // run_until_complete stops the loop one turn after main completes (its done
                // callback is a call_soon): let what is ready run once more.
                tokio::task::yield_now().await;
                outcome_of(&r)
            }
            Err(_) => {
                interp.event(Event::Stuck { t: interp.now() });
                stopped()
            }
        },
    };
    let started = begin_shutdown(interp);
    let outcome = match tokio::time::timeout(limit, finish_shutdown(started)).await {
        Ok(()) => outcome,
        Err(_) => {
            interp.event(Event::Stuck { t: interp.now() });
            stopped()
        }
    };
    interp.event(Event::End { t: interp.now() });
    interp.event(Event::Main { outcome });
}
