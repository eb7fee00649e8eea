//! Program entry and exit: `asyncio.run()` (3.7–3.10 `runners.run`, 3.11+ `Runner`), the
//! `loop.create_task(main()); loop.run_forever()` pattern, and finalisation, where CPython's
//! finalisers report what nobody retrieved (SPEC X1–X6, R6).

use crate::exceptions::ExcClass;
use crate::natives::Native;
use crate::rt::*;
use crate::trace::{Event, Outcome};
use crate::value::*;

/// How the scenario's main coroutine is started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    /// `asyncio.run(main())`.
    Run,
    /// `loop = asyncio.new_event_loop(); loop.create_task(main()); loop.run_forever()`, stopped
    /// by `loop.call_later(until, loop.stop)` if `until` is given, else when nothing is left
    /// to run (SPEC L5), and then closed.
    RunForever { until: Option<f64> },
}

impl Runtime<'_> {
    /// Run the whole program.
    pub fn run_program(&mut self, entry: Entry) {
        let main = self.new_user_coro(self.prog.main, vec![]);
        match entry {
            Entry::Run => self.asyncio_run(main),
            Entry::RunForever { until } => {
                self.create_task(main, None);
                if let Some(u) = until {
                    self.call_later(u, Callback::LoopStop);
                }
                self.run_forever();
                self.events.push(Event::End { t: self.time });
            }
        }
        self.finalize();
    }

    /// `run_until_complete(coro)` for a coroutine: wraps it in a task whose pending
    /// destruction is not logged. Returns the task, or None if the loop stopped before it
    /// finished.
    fn run_until_complete_coro(&mut self, coro: CoroId) -> (FutId, bool) {
        let t = self.create_task(coro, None);
        self.task_mut(t).log_destroy_pending = false;
        let done = self.run_until_complete(t);
        (t, done)
    }

    /// `asyncio.run(main())` (X1–X4).
    fn asyncio_run(&mut self, main: CoroId) {
        let (task, done) = if self.v.run_uses_runner() {
            // X5: Runner.run(): the task is created first, and keeps _log_destroy_pending.
            let t = self.create_task(main, None);
            let done = self.run_until_complete(t);
            (t, done)
        } else {
            self.run_until_complete_coro(main)
        };
        let outcome = if done {
            match self.future_result(task) {
                Ok(v) => Outcome::Result(self.repr(&v)),
                Err(e) => Outcome::Exception(self.repr(&Value::Exc(e))),
            }
        } else {
            let e = self.new_exc_msg(
                ExcClass::RuntimeError,
                "Event loop stopped before Future completed.",
            );
            Outcome::Exception(self.repr(&Value::Exc(e)))
        };
        // finally: _cancel_all_tasks(loop); shutdown_asyncgens(); shutdown_default_executor()
        let shutdown_error = self.cancel_all_tasks();
        let mut shutdown_error = shutdown_error;
        if shutdown_error.is_none() {
            shutdown_error = self.run_trivial("shutdown_asyncgens");
        }
        if shutdown_error.is_none() && self.v.run_shuts_down_default_executor() {
            shutdown_error = self.run_trivial("shutdown_default_executor");
        }
        self.events.push(Event::End { t: self.time });
        // An exception raised in the finally clause replaces the one from main.
        let outcome = shutdown_error.unwrap_or(outcome);
        self.events.push(Event::Main { outcome });
    }

    fn run_trivial(&mut self, name: &str) -> Option<Outcome> {
        let c = self.new_native(Native::Trivial, name);
        let (_, done) = self.run_until_complete_coro(c);
        if done {
            None
        } else {
            let e = self.new_exc_msg(
                ExcClass::RuntimeError,
                "Event loop stopped before Future completed.",
            );
            Some(Outcome::Exception(self.repr(&Value::Exc(e))))
        }
    }

    /// `runners._cancel_all_tasks(loop)` (X2, X3).
    fn cancel_all_tasks(&mut self) -> Option<Outcome> {
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
        let keys: Vec<u64> = pending
            .iter()
            .map(|t| self.object_key(&Value::Future(*t)))
            .collect();
        self.all_tasks_calls += 1;
        let key = format!("all_tasks:{}", self.all_tasks_calls);
        let order = self.choose_permutation(&key, &keys, "asyncio.run(): order of all_tasks()");
        let to_cancel: Vec<FutId> = order.into_iter().map(|i| pending[i]).collect();
        for &t in &to_cancel {
            self.cancel(t, None);
        }
        let args = to_cancel.iter().map(|t| Value::Future(*t)).collect();
        let g = self
            .gather(args, true)
            .expect("gathering tasks cannot fail");
        if let FutKind::Gathering(i) = self.futs[g.0].kind {
            self.gathers[i].shutdown = true;
        }
        if !self.run_until_complete(g) {
            let e = self.new_exc_msg(
                ExcClass::RuntimeError,
                "Event loop stopped before Future completed.",
            );
            return Some(Outcome::Exception(self.repr(&Value::Exc(e))));
        }
        let _ = self.future_result(g);
        for &t in &to_cancel {
            if self.cancelled(t) {
                continue;
            }
            if let Ok(Some(e)) = self.future_exception(t) {
                // X3
                let exception = Some(self.repr(&Value::Exc(e)));
                self.final_events.push(Event::Report {
                    message: "unhandled exception during asyncio.run() shutdown".into(),
                    future: self.futs[t.0].label.clone(),
                    exception,
                });
            }
        }
        None
    }

    /// The end of the process: every object is destroyed. Pending tasks report
    /// "Task was destroyed but it is pending!" and their coroutines are closed; futures whose
    /// exception nobody retrieved report "... exception was never retrieved" (R6); coroutines
    /// never started warn "coroutine '...' was never awaited".
    fn finalize(&mut self) {
        self.finalizing = true;
        // The loop is closed: its queues are cleared.
        self.ready.clear();
        self.scheduled.clear();
        let ntasks = self.futs.len();
        for i in 0..ntasks {
            let f = FutId(i);
            if let FutKind::Task(d) = &self.futs[i].kind {
                if self.futs[i].state == FutState::Pending {
                    let (coro, log) = (d.coro, d.log_destroy_pending);
                    if log {
                        // R8
                        self.final_events.push(Event::Report {
                            message: "Task was destroyed but it is pending!".into(),
                            future: self.futs[f.0].label.clone(),
                            exception: None,
                        });
                    }
                    self.coro_close(coro);
                }
            }
        }
        for i in 0..self.futs.len() {
            let fut = &self.futs[i];
            if fut.log_traceback {
                let class = match fut.kind {
                    FutKind::Plain => "Future",
                    FutKind::Task(_) => "Task",
                    FutKind::Gathering(_) => "_GatheringFuture",
                };
                let exception = fut.exception.map(|e| self.repr(&Value::Exc(e)));
                self.final_events.push(Event::Report {
                    message: format!("{class} exception was never retrieved"),
                    future: self.futs[i].label.clone(),
                    exception,
                });
            }
        }
        for i in 0..self.coros.len() {
            if self.coros[i].status == CoroStatus::Created
                && matches!(self.coros[i].body, CoroBody::User(_) | CoroBody::Native(_))
            {
                let name = self.coros[i].name.clone();
                if name == "__sleep0" {
                    continue;
                }
                // R9
                self.final_events.push(Event::Warning {
                    category: "RuntimeWarning".into(),
                    message: format!("coroutine '{name}' was never awaited"),
                });
            }
        }
        self.finalizing = false;
    }
}
