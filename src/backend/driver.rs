//! Running a program on a runtime: the checks that a program and runtime fit, the interpreter
//! built, `asyncio.run` on each runtime (main task, one more turn, the shutdown's
//! `_cancel_all_tasks`, `shutdown_asyncgens` and `shutdown_default_executor`: SPEC X2–X4),
//! `run_forever` on the executor, stuck detection, and the finalisation after the loop.
//!
//! Apart because it is the only code that differs by runtime in control flow, and the file to
//! read against asyncio's `runners.py`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aiospec_impl as imp;
use aiospec_model::{Event, Outcome, Program, Trace};
use imp::Raised;

use super::interp::Interp;
use super::lower::{self, Entry};
use super::runtime::PAUSED_LIMIT;
use super::trace::{finish_trace, outcome_of, record_gather, stopped};
use super::value::{exc_repr, to_exc, CoroObj, PyExc, V};
use super::{Runtime, Unsupported, REFERENCE, TURN_RULES, WORKERS};

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
        cleanups: Mutex::new(Vec::new()),
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
                        tokio_flow(&i, main_def, Duration::from_secs_f64(PAUSED_LIMIT)).await
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
    let closed_in_try = std::mem::take(&mut *interp.cleanups.lock().unwrap())
        .into_iter()
        .any(|(t, depth)| !t.done() && depth.load(Ordering::SeqCst) > 0);
    if closed_in_try {
        // CPython closes the coroutine of a task destroyed while pending: GeneratorExit at
        // its await runs its `finally` (and `except BaseException`), which may print.
        interp.unsupported.lock().unwrap().get_or_insert_with(|| {
            "a task destroyed while pending inside try/finally (or except BaseException): CPython's collector runs that code as it closes the coroutine".into()
        });
    }
    let tasks = std::mem::take(&mut *interp.tasks.lock().unwrap());
    drop(tasks);
    *interp.executor_now.lock().unwrap() = None;
    *interp.workers.lock().unwrap() = None;
    if let Some(u) = interp.unsupported.lock().unwrap().clone() {
        return Err(Unsupported(u));
    }
    let trace = finish_trace(&interp, &collector);
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
