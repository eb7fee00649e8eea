//! `repr()` of futures and tasks, as `base_futures._future_repr_info`,
//! `base_tasks._task_repr_info` and `coroutines._format_coroutine` write them per version,
//! and `reprlib.repr` for a finished future's result.

use crate::asyncio::events::Callback;
use crate::asyncio::futures::{FutKind, FutState};
use crate::lang::gen::{CoroBody, CoroStatus};
use crate::lang::repr::ADDRESS;
use crate::lang::value::{CoroId, FutId, PyResult, Value};
use crate::runtime::{Impl, Runtime};

impl Runtime<'_> {
    /// `repr(fut)`.
    ///
    /// Tasks that wait for each other (`a` awaits `b_task`, `b` awaits `a_task`) show each
    /// other as `wait_for=`, without end: 3.7-3.10 recurse until RecursionError (inside the
    /// loop's exception handler); from 3.11 `_future_repr` and `_task_repr` are
    /// `@reprlib.recursive_repr()`, which writes `...` for a future already being shown, but
    /// such tasks are reported when the garbage collector frees their cycle, with their
    /// coroutines still running, which the model's finalisation does not follow. The model
    /// refuses on every version (it overflowed the Rust stack: found by the fuzz campaign).
    pub fn future_repr(&mut self, f: FutId) -> PyResult<String> {
        let class = match self.futs[f.0].kind {
            FutKind::Plain => "Future",
            FutKind::Task(_) => "Task",
            FutKind::Gathering(_) => "_GatheringFuture",
        };
        // Keys of futures on the repr stack (which holds containers' addresses otherwise).
        let key = (1usize << (usize::BITS - 1)) | f.0;
        if self.repr_stack.contains(&key) {
            return Err(self.refuse(
                "the repr of a task that waits for itself through other tasks (CPython \
                 3.7-3.10 recurse until RecursionError; 3.11+ write '...' when the \
                 garbage collector frees the cycle)",
            ));
        }
        self.repr_stack.push(key);
        let info = self.future_repr_info(f);
        if let Some(p) = self.repr_stack.iter().rposition(|k| *k == key) {
            self.repr_stack.remove(p);
        }
        Ok(format!("<{class} {}>", info?.join(" ")))
    }

    fn future_repr_info(&mut self, f: FutId) -> PyResult<Vec<String>> {
        let state = self.futs[f.0].state;
        let mut info = vec![match state {
            FutState::Pending => "pending",
            FutState::Cancelled => "cancelled",
            FutState::Finished => "finished",
        }
        .to_string()];
        if state == FutState::Finished {
            match self.futs[f.0].exception.clone() {
                Some(e) => {
                    let r = self.repr(&Value::Instance(e))?;
                    info.push(format!("exception={r}"));
                }
                None => {
                    let v = self.futs[f.0].result.clone();
                    let r = self.reprlib(&v, 6)?;
                    info.push(format!("result={r}"));
                }
            }
        }
        let cbs = self.futs[f.0].callbacks.clone();
        if !cbs.is_empty() {
            let mut parts = Vec::new();
            let n = cbs.len();
            let fmt = |rt: &mut Runtime, cb: &Callback| rt.callback_repr(cb);
            if n == 1 {
                parts.push(fmt(self, &cbs[0])?);
            } else if n == 2 {
                parts.push(fmt(self, &cbs[0])?);
                parts.push(fmt(self, &cbs[1])?);
            } else {
                parts.push(fmt(self, &cbs[0])?);
                parts.push(format!("<{} more>", n - 2));
                parts.push(fmt(self, &cbs[n - 1])?);
            }
            info.push(format!("cb=[{}]", parts.join(", ")));
        }
        if let FutKind::Task(d) = self.futs[f.0].kind.clone() {
            let minor = self.v.minor();
            let cancelling = if minor >= 11 {
                d.num_cancels_requested > 0 && state == FutState::Pending
            } else {
                d.must_cancel
            };
            if cancelling {
                info[0] = "cancelling".into();
            }
            // `if task._coro:` (an eager task done in its first step has dropped it).
            let coro = if d.coro_cleared {
                None
            } else {
                match self.format_coroutine(d.coro) {
                    Some(c) => Some(format!("coro=<{c}>")),
                    None => return Err(self.refuse(
                        "the repr of a task running a coroutine of asyncio's own locks or queues \
                         at a point the model does not map",
                    )),
                }
            };
            let mut at = 1;
            if self.v.has_task_names() {
                info.insert(1, format!("name={}", crate::lang::repr::repr_str(&d.name)));
                at = 2;
            }
            if let Some(w) = d.fut_waiter {
                let r = self.future_repr(w)?;
                info.insert(at, format!("wait_for={r}"));
            }
            if let Some(coro) = coro {
                info.insert(at, coro);
            }
        }
        Ok(info)
    }

    /// `coroutines._format_coroutine(coro)`: `main() running at prog.py:12`,
    /// `work() done, defined at prog.py:5`.
    pub fn format_coroutine(&self, c: CoroId) -> Option<String> {
        let coro = &self.coros[c.0];
        let name = format!("{}()", coro.qualname);
        let Some(code) = &coro.code else {
            // asyncio's own coroutines (sleep, wait): their frame is in asyncio's files.
            return Some(match (&coro.body, coro.status) {
                (_, CoroStatus::Closed) => format!("{name} done"),
                (CoroBody::Native(n), _) => match self.native_location(n) {
                    Some((file, line)) => format!(
                        "{name} running at {}/asyncio/{file}:{line}",
                        self.config.stdlib_prefix
                    ),
                    None => name,
                },
                _ => name,
            });
        };
        if crate::asyncio::prelude::is_prelude(&code.source) {
            // aiospec's own asyncio/*.py: CPython's file and line.
            let line = match &coro.body {
                CoroBody::User(frame) => frame.line(),
                _ => code.firstlineno,
            };
            return match (coro.status, self.prelude_frame(code, line)) {
                (
                    CoroStatus::Suspended | CoroStatus::Running,
                    Some(crate::lang::traceback::TbEntry::Stdlib { file, line, .. }),
                ) => Some(format!(
                    "{name} running at {}/asyncio/{file}:{line}",
                    self.config.stdlib_prefix
                )),
                _ => None,
            };
        }
        let path = if self.v.minor() >= 9 {
            code.source.abs_path.clone()
        } else {
            code.source.path.clone()
        };
        Some(match (&coro.body, coro.status) {
            (CoroBody::User(frame), CoroStatus::Suspended | CoroStatus::Running) => {
                format!("{name} running at {path}:{}", frame.line())
            }
            (CoroBody::Taken, CoroStatus::Running) => {
                format!("{name} running at {path}:{}", code.firstlineno)
            }
            (CoroBody::User(_), CoroStatus::Created) => {
                // A coroutine not started yet has a frame at its first line.
                format!("{name} running at {path}:{}", code.firstlineno)
            }
            _ => format!("{name} done, defined at {path}:{}", code.firstlineno),
        })
    }

    /// `format_helpers._format_callback_source(cb, ())` for the callbacks asyncio adds.
    fn callback_repr(&mut self, cb: &Callback) -> PyResult<String> {
        let prefix = self.config.stdlib_prefix.clone();
        let at = |rt: &Runtime, key: &str| -> String {
            match rt.stdlib_frame(key) {
                Some(crate::lang::traceback::TbEntry::Stdlib {
                    file, line, func, ..
                }) => {
                    format!("{func}() at {prefix}/asyncio/{file}:{line}")
                }
                _ => format!("{key}()"),
            }
        };
        Ok(match cb {
            Callback::TaskWakeup { .. } => match (self.imp, self.v.minor()) {
                (Impl::C, m) if m >= 10 => "Task.task_wakeup()".into(),
                (Impl::C, _) => format!("<TaskWakeupMethWrapper object at {ADDRESS}>()"),
                (Impl::Py, _) => "Task.__wakeup()".into(),
            },
            Callback::GatherDone { .. } => at(self, "def:tasks.gather._done_callback"),
            Callback::WaitCompletion { .. } => at(self, "def:tasks._wait._on_completion"),
            Callback::RunUntilCompleteCb => at(self, "def:base_events._run_until_complete_cb"),
            Callback::ReleaseWaiter { waiter, .. } => {
                let w = self.future_repr(*waiter)?;
                format!("functools.partial(<function _release_waiter at {ADDRESS}>, {w})()")
            }
            Callback::Program { func, .. } => self.format_callback_source(func, &[])?,
            other => {
                return Err(self.refuse(format!("the repr of the callback {other:?}")));
            }
        })
    }

    /// `reprlib.repr(x)` (what a finished future's repr shows of its result).
    pub fn reprlib(&mut self, v: &Value, level: usize) -> PyResult<String> {
        const MAXLIST: usize = 6;
        const MAXSTRING: usize = 30;
        const MAXLONG: usize = 40;
        const MAXOTHER: usize = 30;
        let seq = |rt: &mut Runtime,
                   items: &[Value],
                   left: &str,
                   right: &str,
                   max: usize,
                   trail: bool|
         -> PyResult<String> {
            if items.is_empty() {
                return Ok(format!("{left}{right}"));
            }
            if level == 0 {
                return Ok(format!("{left}...{right}"));
            }
            let mut parts = Vec::new();
            for x in items.iter().take(max) {
                parts.push(rt.reprlib(x, level - 1)?);
            }
            if items.len() > max {
                parts.push("...".into());
            }
            let mut s = parts.join(", ");
            if trail && items.len() == 1 {
                s.push(',');
            }
            Ok(format!("{left}{s}{right}"))
        };
        match v {
            Value::List(l) => {
                let items = l.borrow().clone();
                seq(self, &items, "[", "]", MAXLIST, false)
            }
            Value::Tuple(t) => {
                let items = (**t).clone();
                seq(self, &items, "(", ")", MAXLIST, true)
            }
            Value::Str(_) => {
                let r = self.repr(v)?;
                Ok(truncate_middle(&r, MAXSTRING))
            }
            Value::Int(_) | Value::Long(_) => {
                let r = self.repr(v)?;
                Ok(truncate_middle(&r, MAXLONG))
            }
            Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_) => {
                Err(self.refuse("reprlib.repr() of a dict or set (a future's result)"))
            }
            _ => {
                let r = self.repr(v)?;
                Ok(truncate_middle(&r, MAXOTHER))
            }
        }
    }
}

/// `reprlib`'s middle truncation: keep the ends, `...` between.
fn truncate_middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let i = (max - 3) / 2;
    let j = max - 3 - i;
    let head: String = s.chars().take(i).collect();
    let tail: String = s.chars().skip(n - j).collect();
    format!("{head}...{tail}")
}
