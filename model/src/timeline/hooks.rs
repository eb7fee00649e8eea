//! Where the runtime tells the recorder what happened (issue 17).
//!
//! Each hook is a one-line call at the place CPython's machinery does the thing (a step, an
//! await, `set_exception`, `result()`, `cancel()`), and costs one branch when no picture is
//! asked for: `Runtime::timeline` is `None` and nothing is built or allocated. The work is in
//! a separate, never-inlined function, so the hot paths stay as small as they were.
//!
//! Hooks describe values without calling back into the program (no `repr` of the program's
//! objects, which could run its `__repr__`, print or spend the step budget): a recorded run
//! does exactly what an unrecorded one does.

use crate::asyncio::events::Callback;
use crate::asyncio::futures::FutState;
use crate::lang::exceptions::E;
use crate::lang::gen::Step;
use crate::lang::num::float::repr as repr_float;
use crate::lang::repr::repr_str;
use crate::lang::value::{Exc, FutId, Value};
use crate::runtime::Runtime;
use crate::timeline::record::{Ending, LaneKind, MarkKind, LOOP_LANE};
use crate::trace::{Event, Outcome};

/// The longest text a mark keeps of a value or a print.
const MAX_TEXT: usize = 500;
/// The longest text a report mark keeps (the logged report, traceback included).
const MAX_REPORT: usize = 4000;

fn clip(s: String) -> String {
    if s.len() > MAX_TEXT {
        clip_to(&s, MAX_TEXT)
    } else {
        s
    }
}

fn clip_str(s: &str) -> String {
    clip_to(s, MAX_TEXT)
}

/// The first `n` bytes of `s` (at a character boundary), marked as cut if they are not all
/// of it; copies no more than that.
fn clip_to(s: &str, n: usize) -> String {
    if s.len() <= n {
        return s.to_string();
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = s[..end].to_string();
    out.push('…');
    out
}

/// A value as the picture names it, without running any of the program's code.
pub fn describe(v: &Value) -> String {
    clip(describe_inner(v, 0))
}

fn describe_inner(v: &Value, depth: usize) -> String {
    let items = |xs: &[Value]| -> String {
        if depth > 2 {
            return "…".into();
        }
        let mut parts: Vec<String> = xs
            .iter()
            .take(8)
            .map(|x| describe_inner(x, depth + 1))
            .collect();
        if xs.len() > 8 {
            parts.push("…".into());
        }
        parts.join(", ")
    };
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        // Converting a huge int to decimal costs more than the run: its size is enough.
        Value::Long(b) if b.bits() > 600 => format!("<int of {} bits>", b.bits()),
        Value::Long(b) => b.to_string(),
        Value::Float(f) => repr_float(*f),
        Value::Str(s) if s.len() > 4 * MAX_TEXT => {
            let mut end = 4 * MAX_TEXT;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            repr_str(&s[..end])
        }
        Value::Str(s) => repr_str(s),
        Value::Tuple(t) if t.len() == 1 => format!("({},)", items(t)),
        Value::Tuple(t) => format!("({})", items(t)),
        Value::List(l) => match l.try_borrow() {
            Ok(l) => format!("[{}]", items(&l)),
            Err(_) => "[…]".into(),
        },
        Value::Instance(i) if i.exc.is_some() => describe_exc(i),
        Value::Instance(i) => format!("<{} object>", i.class.name),
        Value::Future(_) => "<Future>".into(),
        Value::Coro(_) => "<coroutine>".into(),
        Value::Set(_) | Value::FrozenSet(_) => "{…}".into(),
        Value::Dict(_) => "{…: …}".into(),
        _ => "<object>".into(),
    }
}

/// An exception as `ClassName(args)`, its arguments described as values are.
pub fn describe_exc(e: &Exc) -> String {
    let args = match e.exc.as_ref().map(|s| s.try_borrow()) {
        Some(Ok(s)) => s
            .args
            .iter()
            .take(4)
            .map(|a| describe_inner(a, 1))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    clip(format!("{}({args})", e.class.name))
}

impl Runtime<'_> {
    /// `_run_once` began an iteration.
    #[inline]
    pub fn tl_turn(&mut self) {
        if self.timeline.is_some() {
            self.tl_turn_slow();
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_turn_slow(&mut self) {
        if let Some(r) = self.timeline.as_deref_mut() {
            r.turn_began();
        }
    }

    /// The loop is about to run `callback` (with `arg`, a done callback's future).
    #[inline]
    pub fn tl_callback_began(&mut self, callback: &Callback, arg: Option<FutId>) {
        if self.timeline.is_some() {
            self.tl_callback_began_slow(callback, arg);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_callback_began_slow(&mut self, callback: &Callback, arg: Option<FutId>) {
        let label =
            |rt: &Self, f: Option<FutId>| f.map(|f| rt.futs[f.0].label.clone()).unwrap_or_default();
        let Some(r) = self.timeline.as_deref() else {
            return;
        };
        let (lane, what) = match callback {
            Callback::TaskStep { task, .. } => (r.lane_for(*task), "Task.__step()".to_string()),
            Callback::TaskWakeup { task } => (
                r.lane_for(*task),
                format!("Task.__wakeup({})", label(self, arg)),
            ),
            Callback::GatherDone { gather } => (
                r.gather_lane(*gather).unwrap_or(LOOP_LANE),
                format!("gather's _done_callback({})", label(self, arg)),
            ),
            Callback::WaitCompletion { wait } => (
                r.wait_lane(*wait).unwrap_or(LOOP_LANE),
                format!("wait's _on_completion({})", label(self, arg)),
            ),
            Callback::ReleaseWaiter { waiter, .. } => (
                r.lane_of(*waiter).unwrap_or(LOOP_LANE),
                "_release_waiter (timeout)".to_string(),
            ),
            Callback::SetResultUnlessCancelled { fut, .. } => (
                LOOP_LANE,
                format!(
                    "timer: _set_result_unless_cancelled({})",
                    label(self, Some(*fut))
                ),
            ),
            Callback::RunUntilCompleteCb => (
                LOOP_LANE,
                format!("_run_until_complete_cb({})", label(self, arg)),
            ),
            Callback::LoopStop => (LOOP_LANE, "loop.stop()".to_string()),
            Callback::TimeoutOnTimeout { .. } => (LOOP_LANE, "Timeout._on_timeout()".to_string()),
            Callback::Program { func, .. } => {
                let name = match func {
                    Value::Function(f) => f.qualname().to_string(),
                    _ => "a callable".to_string(),
                };
                (LOOP_LANE, format!("callback {name}()"))
            }
        };
        let t = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.callback_began(t, lane, what);
        }
    }

    /// The callback returned.
    #[inline]
    pub fn tl_callback_ended(&mut self) {
        if self.timeline.is_some() {
            self.tl_callback_ended_slow();
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_callback_ended_slow(&mut self) {
        if let Some(r) = self.timeline.as_deref_mut() {
            r.callback_ended();
        }
    }

    /// A task was made.
    #[inline]
    pub fn tl_task_created(&mut self, t: FutId) {
        if self.timeline.is_some() {
            self.tl_task_created_slow(t);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_task_created_slow(&mut self, t: FutId) {
        let name = self.task(t).name.clone();
        let coro = self.futs[t.0].label.clone();
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.task_created(now, t, name, coro);
        }
    }

    /// Task `t` got its label (`record_task`).
    #[inline]
    pub fn tl_task_labelled(&mut self, t: FutId) {
        if self.timeline.is_some() {
            let label = self.futs[t.0].label.clone();
            if let Some(r) = self.timeline.as_deref_mut() {
                r.task_labelled(t, label);
            }
        }
    }

    /// `gather()` call `g` began.
    #[inline]
    pub fn tl_gather_called(&mut self, g: usize) {
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.gather_called(now, g);
        }
    }

    /// Gather `g`'s outer future was made.
    #[inline]
    pub fn tl_gather_outer(&mut self, g: usize, outer: FutId) {
        if let Some(r) = self.timeline.as_deref_mut() {
            r.gather_outer(g, outer);
        }
    }

    /// `asyncio.wait()` call `id` began waiting: its lane.
    #[inline]
    pub fn tl_wait_called(&mut self, id: usize) -> Option<usize> {
        let now = self.time;
        self.timeline.as_deref_mut().map(|r| r.wait_called(now, id))
    }

    /// The waiter of the wait on `lane` (`Runtime::waits[index]`).
    #[inline]
    pub fn tl_wait_waiter(&mut self, lane: Option<usize>, index: usize, waiter: FutId) {
        if let (Some(r), Some(lane)) = (self.timeline.as_deref_mut(), lane) {
            r.wait_waiter(lane, index, waiter);
        }
    }

    /// Task `t` steps, with `exc` thrown into its coroutine if any.
    #[inline]
    pub fn tl_step(&mut self, t: FutId, exc: Option<&Exc>) {
        if self.timeline.is_some() {
            self.tl_step_slow(t, exc);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_step_slow(&mut self, t: FutId, exc: Option<&Exc>) {
        let cancel = exc.is_some_and(|e| self.exc_is(e, E::CancelledError));
        let throw = exc.map(describe_exc);
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            let lane = r.lane_for(t);
            r.mark(now, lane, MarkKind::Step { throw });
            if cancel {
                r.cancelled_error_thrown(now, lane);
            }
        }
    }

    /// Task `t`'s step ended as `step` says (an await is the only ending recorded here:
    /// the others finish the task, which `tl_done` records).
    #[inline]
    pub fn tl_step_ended(&mut self, t: FutId, step: &Step) {
        if self.timeline.is_some() {
            self.tl_step_ended_slow(t, step);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_step_ended_slow(&mut self, t: FutId, step: &Step) {
        {
            if let Step::Yield(Value::Future(f)) = step {
                let (f, label) = (*f, self.futs[f.0].label.clone());
                let now = self.time;
                if let Some(r) = self.timeline.as_deref_mut() {
                    let lane = r.lane_for(t);
                    r.mark(now, lane, MarkKind::Await { fut: f.0, label });
                }
            }
        }
    }

    /// Future `f` just finished (result, exception or cancelled).
    #[inline]
    pub fn tl_done(&mut self, f: FutId) {
        if self.timeline.is_some() {
            self.tl_done_slow(f);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_done_slow(&mut self, f: FutId) {
        let fut = &self.futs[f.0];
        let ending = match (fut.state, &fut.exception) {
            (FutState::Cancelled, _) => Ending::Cancelled,
            (_, Some(e)) => Ending::Exception(describe_exc(e)),
            (_, None) => Ending::Result(describe(&fut.result)),
        };
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            let lane = r.lane_for(f);
            r.mark(now, lane, MarkKind::Done { fut: f.0, ending });
        }
    }

    /// `result()` or `exception()` on `f`: records the retrieval of an exception nobody had
    /// retrieved yet (the call that clears `_log_traceback`, SPEC R2, R3).
    #[inline]
    pub fn tl_retrieving(&mut self, f: FutId) {
        if self.timeline.is_some() {
            self.tl_retrieving_slow(f);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_retrieving_slow(&mut self, f: FutId) {
        let fut = &self.futs[f.0];
        if fut.state != FutState::Finished || !fut.log_traceback {
            return;
        }
        let Some(e) = &fut.exception else {
            return;
        };
        let exception = describe_exc(e);
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            let lane = r.lane_for(f);
            r.mark(
                now,
                lane,
                MarkKind::Retrieved {
                    fut: f.0,
                    exception,
                },
            );
        }
    }

    /// `cancel()` called on `f` (pending) by the code running now.
    #[inline]
    pub fn tl_cancel_requested(&mut self, f: FutId) {
        if self.timeline.is_some() {
            self.tl_cancel_requested_slow(f);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_cancel_requested_slow(&mut self, f: FutId) {
        if !self.done(f) {
            let now = self.time;
            if let Some(r) = self.timeline.as_deref_mut() {
                if let Some(lane) = r.lane_of(f) {
                    let by = r.current_lane();
                    r.mark(now, lane, MarkKind::CancelRequested { by });
                }
            }
        }
    }

    /// `print()` wrote `text`.
    #[inline]
    pub fn tl_print(&mut self, text: &str) {
        if self.timeline.is_some() {
            self.tl_print_slow(text);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_print_slow(&mut self, text: &str) {
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.mark_here(
                now,
                MarkKind::Print {
                    text: clip_str(text),
                },
            );
        }
    }

    /// A trace event was recorded: what a gather or wait returned, `asyncio.run()`'s outcome,
    /// a report from the exception handler, the loop stuck.
    #[inline]
    pub fn tl_event(&mut self, ev: &Event) {
        if self.timeline.is_some() {
            self.tl_event_slow(ev);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_event_slow(&mut self, ev: &Event) {
        let now = self.time;
        let Some(r) = self.timeline.as_deref_mut() else {
            return;
        };
        let outcome = |o: &Outcome| match o {
            Outcome::Result(v) => format!("returned {v}"),
            Outcome::Exception(e) => format!("raised {e}"),
        };
        match ev {
            Event::Wait {
                id,
                done,
                pending,
                exception,
                ..
            } => {
                let lane = (0..r.lanes.len())
                    .find(|&l| r.lanes[l].kind == LaneKind::Wait { id: *id })
                    .unwrap_or(LOOP_LANE);
                let text = match exception {
                    Some(e) => format!("wait#{id} raised {e}"),
                    None => format!(
                        "wait#{id} returned done={{{}}} pending={{{}}}",
                        done.as_deref().unwrap_or_default().join(", "),
                        pending.as_deref().unwrap_or_default().join(", ")
                    ),
                };
                r.mark(now, lane, MarkKind::Returned { text });
            }
            Event::Gather { id, outcome: o, .. } => {
                let lane = r.gather_lane(id - 1).unwrap_or(LOOP_LANE);
                let text = format!("gather#{id} {}", outcome(o));
                r.mark(now, lane, MarkKind::Returned { text });
            }
            Event::Main { outcome: o } => {
                let text = format!("asyncio.run() {}", outcome(o));
                r.mark(now, LOOP_LANE, MarkKind::Main { text });
            }
            Event::Exit { status, .. } => {
                let text = format!("the program exited with status {status}");
                r.mark(now, LOOP_LANE, MarkKind::Main { text });
            }
            Event::Stuck { .. } => r.mark(now, LOOP_LANE, MarkKind::Stuck),
            Event::Report { message, text, .. } => {
                let text = clip_to(text.as_deref().unwrap_or(message), MAX_REPORT);
                let message = message.clone();
                r.mark_here(now, MarkKind::Report { message, text });
            }
            Event::Warning { category, message } => {
                let text = clip(format!("{category}: {message}"));
                r.mark_here(now, MarkKind::Warning { text });
            }
            Event::Print { .. } | Event::End { .. } => {}
        }
    }

    /// A finaliser's report about future `f` at exit (SPEC R6, R8, X3).
    #[inline]
    pub fn tl_report(&mut self, f: FutId, ev: &Event) {
        if self.timeline.is_some() {
            self.tl_report_slow(f, ev);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_report_slow(&mut self, f: FutId, ev: &Event) {
        {
            if let Event::Report { message, text, .. } = ev {
                let text = clip_to(text.as_deref().unwrap_or(message), MAX_REPORT);
                let message = message.clone();
                let now = self.time;
                if let Some(r) = self.timeline.as_deref_mut() {
                    let lane = r.lane_for(f);
                    r.mark(now, lane, MarkKind::Report { message, text });
                }
            }
        }
    }

    /// The process began finalising.
    #[inline]
    pub fn tl_finalization(&mut self) {
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.finalization_began(now);
        }
    }

    /// A nondeterministic choice took `order` (SPEC L6).
    #[inline]
    pub fn tl_choice(&mut self, why: &str, order: &[usize]) {
        if self.timeline.is_some() {
            self.tl_choice_slow(why, order);
        }
    }

    #[cold]
    #[inline(never)]
    fn tl_choice_slow(&mut self, why: &str, order: &[usize]) {
        let now = self.time;
        if let Some(r) = self.timeline.as_deref_mut() {
            r.mark_here(
                now,
                MarkKind::Choice {
                    why: why.to_string(),
                    order: order.to_vec(),
                },
            );
        }
    }
}
