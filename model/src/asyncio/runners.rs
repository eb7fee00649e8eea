//! Program entry and exit: the module runs top to bottom; `asyncio.run()` (3.7–3.10
//! `runners.run`, 3.11+ `Runner`), `loop.run_until_complete()` and `loop.run_forever()` run
//! the loop from it; at the end, CPython's finalisers report what nobody retrieved
//! (SPEC X1–X6, R6–R9).

use std::rc::Rc;

use crate::asyncio::events::Callback;
use crate::asyncio::futures::{FutKind, FutState};
use crate::asyncio::natives::Native;
use crate::lang::code::Code;
use crate::lang::exceptions::E;
use crate::lang::gen::{CoroBody, CoroKind, CoroStatus};
use crate::lang::interp::Frame;
use crate::lang::object::Module;
use crate::lang::value::{CoroId, Exc, FutId, PyResult, Value};
use crate::runtime::Runtime;
use crate::trace::{Event, Outcome};

impl Runtime<'_> {
    /// Run a program: its module code, then the end of the process.
    pub fn run_main(&mut self, code: Rc<Code>) {
        let main = Module::new("__main__", Some(&code.source.path));
        main.set("__name__", Value::str("__main__"));
        let file = if self.v.minor() >= 9 {
            code.source.abs_path.clone()
        } else {
            code.source.path.clone()
        };
        main.set("__file__", Value::str(&file));
        main.set("__builtins__", Value::Module(self.builtins.clone()));
        self.modules.insert(Rc::from("__main__"), main.clone());
        self.main_source = Some(code.source.clone());
        let frame = Frame::new(code, main);
        let r = self.run_frame(frame);
        if self.error.is_some() {
            return;
        }
        let (traceback, status) = match r {
            Ok(_) => (None, 0),
            Err(e) => match self.exit_of(&e) {
                Some(exit) => exit,
                None => return,
            },
        };
        // The interpreter closes a loop the program left open while finalising.
        self.close_loop();
        self.record(Event::Exit { traceback, status });
        self.finalize();
    }

    /// What the interpreter prints and the status it exits with when `e` escapes the main
    /// module (`Py_RunMain`, `handle_system_exit`); `None` when the model refused.
    fn exit_of(&mut self, e: &Exc) -> Option<(Option<String>, i64)> {
        if self.exc_is(e, E::SystemExit) {
            let code = self.getattr(&Value::Instance(e.clone()), "code").ok()?;
            return match code {
                Value::None => Some((None, 0)),
                Value::Bool(b) => Some((None, b as i64)),
                Value::Int(i) if i32::try_from(i).is_ok() => Some((None, i)),
                Value::Int(_) | Value::Long(_) => {
                    self.refuse("sys.exit() with a code beyond a C int");
                    None
                }
                other => {
                    // Any other code is printed (its str()) and the status is 1.
                    let text = self.str_of(&other).ok()?;
                    Some((Some(format!("{text}\n")), 1))
                }
            };
        }
        self.tb_display = true;
        let tb = self.format_exception(e);
        self.tb_display = false;
        // From 3.8 an uncaught KeyboardInterrupt ends the process through SIGINT, which a
        // shell sees as status 130.
        let status = if self.exc_is(e, E::KeyboardInterrupt) && self.v.minor() >= 8 {
            130
        } else {
            1
        };
        Some((Some(tb), status))
    }

    /// The exception a callback or a step let out of the loop (SPEC X7), with the frames it passed
    /// through on its way out of `run_until_complete`.
    fn take_propagating(&mut self) -> Option<Exc> {
        let e = self.take_propagating_run_forever()?;
        self.through_stdlib(&e, "base_events.run_until_complete.run_forever");
        Some(e)
    }

    /// The same, out of `run_forever` only.
    fn take_propagating_run_forever(&mut self) -> Option<Exc> {
        let e = self.propagating.take()?;
        self.through_stdlib(&e, "base_events._run_once");
        self.through_stdlib(&e, "base_events.run_forever");
        Some(e)
    }

    /// Did `e` leave the loop from inside (`take_propagating` gave it its frames)?
    fn propagated_frames(&self, e: &Exc) -> bool {
        matches!(
            e.exc().traceback.last(),
            Some(crate::lang::traceback::TbEntry::Stdlib { func: "run_until_complete", text, .. })
                if text.contains("run_forever")
        )
    }

    /// Close the current loop (once): the end of the loop's trace.
    pub fn close_loop(&mut self) {
        if let Some(l) = self.current_loop {
            if !self.loops[l].closed {
                self.loops[l].closed = true;
                self.ready.clear();
                self.scheduled.clear();
                self.record(Event::End { t: self.time });
            }
        }
    }

    /// A new loop (`asyncio.new_event_loop()`), refused while another one still has
    /// callbacks or timers (one loop's queues are modelled at a time).
    pub fn new_loop(&mut self) -> PyResult<usize> {
        if let Some(l) = self.current_loop {
            if !self.loops[l].closed && (!self.ready.is_empty() || !self.scheduled.is_empty()) {
                return Err(
                    self.refuse("a second event loop while another still has callbacks scheduled")
                );
            }
        }
        self.loops.push(Default::default());
        let l = self.loops.len() - 1;
        self.current_loop = Some(l);
        self.ready.clear();
        self.scheduled.clear();
        self.stopping = false;
        Ok(l)
    }

    /// `loop.run_until_complete(aw)` (3.7–3.13): returns the result or raises, with
    /// `base_events.run_until_complete`'s frame in the traceback.
    pub fn loop_run_until_complete(&mut self, aw: &Value) -> PyResult {
        if self.current_loop.is_some_and(|l| self.loops[l].closed) {
            return Err(self.loop_closed_error("run_until_complete"));
        }
        if self.running {
            return Err(self.loop_running_error("run_until_complete"));
        }
        let (fut, new_task) = self.ensure_future(aw)?;
        if new_task {
            self.task_mut(fut).log_destroy_pending = false;
        }
        self.depth += 1;
        let done = self.run_until_complete(fut);
        self.depth -= 1;
        if self.error.is_some() {
            return Err(self.refusal_exc());
        }
        if let Some(e) = self.take_propagating() {
            // `except: if new_task and future.done() and not future.cancelled():
            // future.exception(); raise`
            if new_task && self.done(fut) && !self.cancelled(fut) {
                let _ = self.future_exception(fut);
            }
            return Err(e);
        }
        if !done {
            let e = self.err(
                E::RuntimeError,
                "Event loop stopped before Future completed.",
            );
            self.through_stdlib(&e, "base_events.run_until_complete");
            return Err(e);
        }
        match self.future_result(fut) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.through_stdlib(&e, "base_events.run_until_complete");
                Err(e)
            }
        }
    }

    /// `asyncio.run(main)` (X1–X5).
    pub fn asyncio_run(&mut self, main: &Value) -> PyResult {
        if self.running {
            let e = self.err(
                E::RuntimeError,
                "asyncio.run() cannot be called from a running event loop",
            );
            let outcome = Outcome::Exception(self.repr(&Value::Instance(e.clone()))?);
            self.record(Event::Main { outcome });
            return Err(e);
        }
        let is_coro = matches!(main, Value::Coro(c) if self.coros[c.0].kind == CoroKind::Coroutine);
        let runner = self.v.run_uses_runner();
        if !is_coro
            && runner
            && self.v.minor() >= 14
            && self.lookup_special(main, "__await__").is_some()
        {
            return Err(self.refuse(
                "asyncio.run() of an awaitable that is not a coroutine (3.14's Runner.run wraps it in _wrap_awaitable)",
            ));
        }
        // 3.7-3.10: runners.run rejects a non-coroutine before it makes a loop. 3.11+: the
        // Runner's __enter__ has made the loop, and its close() runs the shutdown tasks (they
        // take Task-N numbers) after Runner.run rejects it.
        let not_coroutine = if is_coro {
            None
        } else {
            let e = if self.v.minor() >= 14 {
                self.err(
                    E::TypeError,
                    "An asyncio.Future, a coroutine or an awaitable is required",
                )
            } else {
                let r = self.repr(main)?;
                self.err(E::ValueError, &format!("a coroutine was expected, got {r}"))
            };
            if !runner {
                self.through_stdlib(&e, "runners.run.not_coroutine");
                let outcome = Outcome::Exception(self.repr(&Value::Instance(e.clone()))?);
                self.record(Event::Main { outcome });
                return Err(e);
            }
            self.through_stdlib(&e, "runners.Runner.run.not_coroutine");
            Some(e)
        };
        let l = self.new_loop()?;
        // asyncio.run sets its loop as the current one, and sets None when it ends.
        self.policy_loop = crate::asyncio::events::CurrentLoop::Loop(l);
        // `runners.run` (and, from 3.11, `Runner.run`) are Python frames.
        let frames = if runner { 2 } else { 1 };
        self.depth += frames;
        let rejected = not_coroutine.is_some();
        let (task, done) = match (main, &not_coroutine) {
            (_, Some(_)) => (None, false),
            (Value::Coro(main), None) if runner => {
                // X5: Runner.run(): the task is created first, and keeps _log_destroy_pending.
                let t = self.create_task(*main, None);
                self.depth += 1;
                let done = self.run_until_complete(t);
                self.depth -= 1;
                (Some(t), done)
            }
            (Value::Coro(main), None) => {
                // A fresh loop: no task factory can be set on it yet.
                let (t, done) = self.run_until_complete_coro(*main)?;
                (Some(t), done)
            }
            _ => (None, false),
        };
        let propagated = self.take_propagating();
        let result: PyResult = if let Some(e) = not_coroutine {
            Err(e)
        } else if let Some(e) = propagated {
            if let Some(task) = task.filter(|t| !runner && self.done(*t) && !self.cancelled(*t)) {
                // runners.run's `run_until_complete(main)` made the task: it retrieves it.
                let _ = self.future_exception(task);
            }
            Err(e)
        } else if let (Some(task), true) = (task, done) {
            self.future_result(task)
        } else {
            Err(self.new_exc_msg(
                E::RuntimeError,
                "Event loop stopped before Future completed.",
            ))
        };
        // finally: _cancel_all_tasks(loop); shutdown_asyncgens(); shutdown_default_executor()
        let mut shutdown_error = self.cancel_all_tasks();
        if shutdown_error.is_none() {
            shutdown_error = self.run_trivial("shutdown_asyncgens");
        }
        if shutdown_error.is_none() && self.v.run_shuts_down_default_executor() {
            shutdown_error = self.run_trivial("shutdown_default_executor");
        }
        self.close_loop();
        self.policy_loop = crate::asyncio::events::CurrentLoop::Cleared;
        self.depth -= frames;
        // An exception raised in the finally clause replaces the one from main.
        let result = match shutdown_error {
            Some(e) => Err(e),
            None => result,
        };
        let outcome = match &result {
            Ok(v) => Outcome::Result(self.repr(v)?),
            Err(e) => Outcome::Exception(self.repr(&Value::Instance(e.clone()))?),
        };
        self.record(Event::Main { outcome });
        match result {
            Ok(v) => Ok(v),
            Err(e) if rejected => {
                self.through_stdlib(&e, "runners.run");
                Err(e)
            }
            Err(e) if self.propagated_frames(&e) => {
                if self.v.run_uses_runner() {
                    self.through_stdlib(&e, "runners.Runner.run");
                }
                self.through_stdlib(&e, "runners.run");
                Err(e)
            }
            Err(e) => {
                self.through_stdlib(&e, "base_events.run_until_complete");
                if self.v.run_uses_runner() {
                    self.through_stdlib(&e, "runners.Runner.run");
                }
                self.through_stdlib(&e, "runners.run");
                Err(e)
            }
        }
    }

    /// `run_until_complete(coro)` for a coroutine: wraps it in a task whose pending
    /// destruction is not logged. Returns the task and whether it finished.
    fn run_until_complete_coro(&mut self, coro: CoroId) -> PyResult<(FutId, bool)> {
        let t = self.loop_create_task(coro)?;
        self.task_mut(t).log_destroy_pending = false;
        self.depth += 1;
        let done = self.run_until_complete(t);
        self.depth -= 1;
        Ok((t, done))
    }

    fn run_trivial(&mut self, name: &str) -> Option<Exc> {
        let c = self.new_native(Native::Trivial, name);
        // A task factory the program set on asyncio.run's loop makes this task too.
        let done = match self.run_until_complete_coro(c) {
            Ok((_, done)) => done,
            Err(e) => return Some(e),
        };
        if done {
            None
        } else {
            Some(self.new_exc_msg(
                E::RuntimeError,
                "Event loop stopped before Future completed.",
            ))
        }
    }

    /// `runners._cancel_all_tasks(loop)` (X2, X3).
    fn cancel_all_tasks(&mut self) -> Option<Exc> {
        let pending: Vec<FutId> = self
            .all_tasks
            .iter()
            .copied()
            .filter(|t| !self.done(*t))
            .collect();
        if pending.is_empty() {
            return None;
        }
        // `all_tasks()` is a set: its order is an explicit choice (SPEC L6).
        let keys: Vec<u64> = pending.iter().map(|t| self.future_key(*t)).collect();
        self.all_tasks_calls += 1;
        let key = format!("all_tasks:{}", self.all_tasks_calls);
        let order = self.choose_permutation(&key, &keys, "asyncio.run(): order of all_tasks()");
        let to_cancel: Vec<FutId> = order.into_iter().map(|i| pending[i]).collect();
        for &t in &to_cancel {
            self.cancel(t, None);
        }
        let args = to_cancel.iter().map(|t| Value::Future(*t)).collect();
        let g = match self.gather(args, true) {
            Ok(g) => g,
            Err(e) => return Some(e),
        };
        if let FutKind::Gathering(i) = self.futs[g.0].kind {
            self.gathers[i].shutdown = true;
        }
        self.depth += 1;
        let done = self.run_until_complete(g);
        self.depth -= 1;
        if !done {
            return Some(self.new_exc_msg(
                E::RuntimeError,
                "Event loop stopped before Future completed.",
            ));
        }
        let _ = self.future_result(g);
        for &t in &to_cancel {
            if self.cancelled(t) {
                continue;
            }
            if let Ok(Some(e)) = self.future_exception(t) {
                // X3
                let exception = Some(self.repr(&Value::Instance(e.clone())).unwrap_or_default());
                let text = self.report_text(
                    "unhandled exception during asyncio.run() shutdown",
                    "task",
                    t,
                    Some(&e),
                );
                let ev = Event::Report {
                    message: "unhandled exception during asyncio.run() shutdown".into(),
                    future: self.futs[t.0].label.clone(),
                    exception,
                    text,
                };
                self.tl_report(t, &ev);
                self.final_events.push(ev);
            }
        }
        None
    }

    /// What the default exception handler logs: the message, the context's `future:` or
    /// `task:` line, then the exception's traceback.
    pub fn report_text(
        &mut self,
        message: &str,
        key: &str,
        f: FutId,
        e: Option<&Exc>,
    ) -> Option<String> {
        let r = self.future_repr(f).ok()?;
        let mut text = format!("{message}\n{key}: {r}");
        if let Some(e) = e {
            let tb = self.format_exception(e);
            text.push('\n');
            text.push_str(tb.trim_end_matches('\n'));
        }
        Some(text)
    }

    /// The end of the process: every object is destroyed. Pending tasks report
    /// "Task was destroyed but it is pending!" and their coroutines are closed; futures whose
    /// exception nobody retrieved report "... exception was never retrieved" (R6);
    /// coroutines never started warn "coroutine '...' was never awaited" (R9).
    pub fn finalize(&mut self) {
        self.finalizing = true;
        self.tl_finalization();
        self.ready.clear();
        self.scheduled.clear();
        let nfuts = self.futs.len();
        for i in 0..nfuts {
            let f = FutId(i);
            if let FutKind::Task(d) = &self.futs[i].kind {
                if self.futs[i].state == FutState::Pending {
                    let (coro, log) = (d.coro, d.log_destroy_pending);
                    // A task waiting on a future is in a reference cycle with it (the future's
                    // callbacks hold the task): the cycle collector finalises the coroutine
                    // (made first) before the task, so the report shows it "done". A task
                    // whose step was scheduled is freed by reference counting when the loop's
                    // queue is cleared: its report shows the coroutine "running at" its line.
                    let in_cycle = d.fut_waiter.is_some();
                    if in_cycle {
                        let _ = self.coro_close(coro);
                    }
                    if log {
                        // R8
                        let text = self.report_text(
                            "Task was destroyed but it is pending!",
                            "task",
                            f,
                            None,
                        );
                        let ev = Event::Report {
                            message: "Task was destroyed but it is pending!".into(),
                            future: self.futs[f.0].label.clone(),
                            exception: None,
                            text,
                        };
                        self.tl_report(f, &ev);
                        self.final_events.push(ev);
                    }
                    let _ = self.coro_close(coro);
                }
            }
        }
        for i in 0..self.futs.len() {
            if self.futs[i].log_traceback {
                let class = match self.futs[i].kind {
                    FutKind::Plain => "Future",
                    FutKind::Task(_) => "Task",
                    FutKind::Gathering(_) => "_GatheringFuture",
                };
                let exc = self.futs[i].exception.clone();
                let exception = exc
                    .as_ref()
                    .map(|e| self.repr(&Value::Instance(e.clone())).unwrap_or_default());
                let message = format!("{class} exception was never retrieved");
                let text = self.report_text(&message, "future", FutId(i), exc.as_ref());
                let ev = Event::Report {
                    message,
                    future: self.futs[i].label.clone(),
                    exception,
                    text,
                };
                self.tl_report(FutId(i), &ev);
                self.final_events.push(ev);
            }
        }
        for i in 0..self.coros.len() {
            let c = &self.coros[i];
            if c.status == CoroStatus::Created
                && c.kind == CoroKind::Coroutine
                && matches!(c.body, CoroBody::User(_) | CoroBody::Native(_))
            {
                let name = c.qualname.to_string();
                if name == "__sleep0" {
                    continue;
                }
                // R9
                let ev = Event::Warning {
                    category: "RuntimeWarning".into(),
                    message: format!("coroutine '{name}' was never awaited"),
                };
                self.tl_event(&ev);
                self.final_events.push(ev);
            }
        }
        self.finalizing = false;
    }

    /// `loop.run_forever()` from a program.
    pub fn loop_run_forever(&mut self) -> PyResult {
        if self.running && self.v.minor() == 13 {
            // 3.13's run_forever runs `_run_forever_cleanup()` also when
            // `_run_forever_setup()` fails, which marks the loop that is running as stopped
            // (fixed in 3.14): what follows is not modelled.
            return Err(self.refuse("loop.run_forever() while a loop runs, on 3.13 (its failed setup's cleanup stops the running loop)"));
        }
        if self.current_loop.is_some_and(|l| self.loops[l].closed) {
            return Err(self.loop_closed_error("run_forever"));
        }
        if self.running {
            return Err(self.loop_running_error("run_forever"));
        }
        self.run_forever();
        if self.error.is_some() {
            return Err(self.refusal_exc());
        }
        if let Some(e) = self.take_propagating_run_forever() {
            return Err(e);
        }
        Ok(Value::None)
    }

    /// `loop.stop()` scheduled after `delay` (`loop.call_later(delay, loop.stop)`).
    pub fn schedule_stop(&mut self, delay: f64) {
        self.call_later(delay, Callback::LoopStop);
    }
}
