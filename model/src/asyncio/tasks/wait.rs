//! `asyncio.wait()` and `_wait()` (SPEC W1–W10).

use crate::asyncio::events::*;
use crate::asyncio::state::*;
use crate::asyncio::tasks::gather::object_key;
use crate::lang::exceptions::E;
use crate::lang::gen::{AwaitOutcome, CoroKind, Resume, Step};
use crate::lang::value::*;
use crate::runtime::*;
use crate::trace::Event;

#[derive(Debug)]
pub struct WaitCoro {
    pub fs: Value,
    pub timeout: Value,
    pub return_when: Value,
    /// `loop=` (3.7-3.9), when given and not None.
    pub loop_arg: Option<Value>,
    /// Index into `Runtime::waits` once `_wait` has started.
    pub wait: Option<usize>,
    pub id: usize,
}

impl Runtime<'_> {
    pub fn wait_resume(&mut self, c: CoroId, w: &mut WaitCoro, input: Resume) -> Step {
        match w.wait {
            None => {
                if let Resume::Throw(e) = input {
                    return Step::Raise(e);
                }
                self.wait_counter += 1;
                w.id = self.wait_counter;
                match self.wait_start(c, w) {
                    Ok(Some(step)) => step,
                    Ok(None) => unreachable!("wait_start always steps or fails"),
                    Err(e) => self.wait_raise(w.id, e),
                }
            }
            Some(i) => self.wait_finish(i, input),
        }
    }

    /// `wait(...)` whose arguments do not bind: the oracle's wrapper (an `async def` taking
    /// `*args, **kwargs`) records it as a wait that raised.
    pub fn wait_bind_failed(&mut self, e: Exc) -> Exc {
        self.wait_counter += 1;
        let id = self.wait_counter;
        match self.wait_raise(id, e) {
            Step::Raise(e) => e,
            _ => unreachable!("wait_raise raises"),
        }
    }

    fn wait_raise(&mut self, id: usize, e: Exc) -> Step {
        let exception = Some(self.repr(&Value::Instance(e.clone())).unwrap_or_default());
        self.record(Event::Wait {
            id,
            t: self.time,
            done: None,
            pending: None,
            exception,
        });
        Step::Raise(e)
    }

    /// The body of `wait()` up to `await waiter`.
    fn wait_start(&mut self, c: CoroId, w: &mut WaitCoro) -> Result<Option<Step>, Exc> {
        // W9: a single future or coroutine is not a collection.
        let is_coroutine = match w.fs {
            Value::Coro(c) => {
                self.coros[c.0].kind == CoroKind::Coroutine || self.v.generators_are_coroutines()
            }
            _ => false,
        };
        if matches!(w.fs, Value::Future(_)) || is_coroutine {
            let tn = self.type_name(&w.fs);
            return Err(
                self.new_exc_msg(E::TypeError, &format!("expect a list of futures, not {tn}"))
            );
        }
        let items = self.iterate(&w.fs)?;
        // W8: an empty wait raises ValueError.
        if items.is_empty() {
            let msg = if self.v.wait_rejects_coroutines() {
                "Set of Tasks/Futures is empty."
            } else {
                "Set of coroutines/Futures is empty."
            };
            return Err(self.new_exc_msg(E::ValueError, msg));
        }
        let return_when = match &w.return_when {
            Value::Str(s) => ReturnWhen::parse(s),
            _ => None,
        };
        let Some(return_when) = return_when else {
            let s = self.str_of(&w.return_when)?;
            return Err(self.new_exc_msg(E::ValueError, &format!("Invalid return_when value: {s}")));
        };
        // L8: `loop=` is read (and, on 3.8-3.9, warned about) once the arguments are valid.
        if let Some(lp) = w.loop_arg.take() {
            super::super::warn_loop_deprecated(self);
            super::super::loop_argument_is_current(self, &lp, "wait")?;
        }
        // fs = set(fs): duplicates collapse to one member.
        let mut uniq: Vec<Value> = Vec::new();
        let mut first_position: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (pos, it) in items.into_iter().enumerate() {
            if object_key(&it).is_none_or(|k| seen.insert(k)) {
                uniq.push(it);
                first_position.push(pos);
            }
        }
        let ncoros = uniq
            .iter()
            .filter(|v| match v {
                Value::Coro(c) => {
                    self.coros[c.0].kind == CoroKind::Coroutine
                        || self.v.generators_are_coroutines()
                }
                _ => false,
            })
            .count();
        if ncoros > 0 {
            if self.v.wait_rejects_coroutines() {
                // W10 (3.11+).
                return Err(self.new_exc_msg(
                    E::TypeError,
                    "Passing coroutines is forbidden, use tasks explicitly.",
                ));
            }
            if self.v.wait_warns_on_coroutines() {
                self.warn(
                    "DeprecationWarning",
                    "The explicit passing of coroutine objects to asyncio.wait() is deprecated since Python 3.8, and scheduled for removal in Python 3.11.",
                );
            }
        }
        // W7: `{ensure_future(f) for f in set(fs)}` creates the tasks in the set's iteration
        // order, which depends on object addresses: an explicit choice (SPEC L6).
        let coro_positions: Vec<usize> = (0..uniq.len())
            .filter(|&i| matches!(uniq[i], Value::Coro(_)))
            .collect();
        // The oracle names each coroutine by its position among wait's arguments.
        let keys: Vec<u64> = coro_positions
            .iter()
            .map(|&p| first_position[p] as u64)
            .collect();
        let perm = self.choose_permutation(
            &format!("wait-fs:{}", w.id),
            &keys,
            "wait(): order of set(fs)",
        );
        let lane = self.tl_wait_called(w.id);
        let mut fs: Vec<FutId> = vec![FutId(usize::MAX); uniq.len()];
        for (i, v) in uniq.iter().enumerate() {
            if let Value::Future(f) = v {
                fs[i] = *f;
            } else if !matches!(v, Value::Coro(_)) {
                return Err(self.new_exc_msg(
                    E::TypeError,
                    "An asyncio.Future, a coroutine or an awaitable is required",
                ));
            }
        }
        for &k in &perm {
            let pos = coro_positions[k];
            let (f, _) = self.ensure_future(&uniq[pos])?;
            fs[pos] = f;
        }
        // _wait(fs, timeout, return_when, loop)
        let waiter = self.create_future();
        // W11: the timeout only releases the waiter; it neither raises nor cancels.
        let timeout_handle = match &w.timeout {
            Value::None => None,
            t => {
                let d = self.as_number(t, "+")?;
                self.partial_counter += 1;
                let tag = self.partial_counter;
                Some(self.call_later(d, Callback::ReleaseWaiter { waiter, tag }))
            }
        };
        let idx = self.waits.len();
        self.tl_wait_waiter(lane, idx, waiter);
        self.waits.push(WaitState {
            id: w.id,
            fs: fs.clone(),
            waiter,
            timeout_handle,
            counter: fs.len() as i64,
            return_when,
        });
        // `for f in fs: f.add_done_callback(_on_completion)`: a future already done gets its
        // callback scheduled at once, so the set's order decides the order of those callbacks
        // (W13; SPEC L6). The order of the others' registrations is not observable.
        let already: Vec<FutId> = fs.iter().copied().filter(|f| self.done(*f)).collect();
        let keys: Vec<u64> = already
            .iter()
            .map(|f| self.object_key(&Value::Future(*f)))
            .collect();
        let order = self.choose_permutation(
            &format!("wait-cb:{}", w.id),
            &keys,
            "wait(): order of set(fs)",
        );
        for k in order {
            self.add_done_callback(already[k], Callback::WaitCompletion { wait: idx });
        }
        for f in &fs {
            if !self.done(*f) {
                self.add_done_callback(*f, Callback::WaitCompletion { wait: idx });
            }
        }
        w.wait = Some(idx);
        match self.await_value(c, Value::Future(waiter), true) {
            AwaitOutcome::Suspend(y) => Ok(Some(Step::Yield(y))),
            AwaitOutcome::Ready(r) => Ok(Some(self.wait_finish(idx, r))),
        }
    }

    /// After `await waiter`: the finally clause, then the done/pending split (W6).
    fn wait_finish(&mut self, i: usize, input: Resume) -> Step {
        let st = self.waits[i].clone();
        if let Some(h) = st.timeout_handle {
            self.cancel_handle(h);
        }
        // W5: wait's callbacks are removed when it returns.
        for f in &st.fs {
            self.remove_done_callback(*f, &Callback::WaitCompletion { wait: i });
        }
        if let Resume::Throw(e) = input {
            // W12: the waiting task was cancelled (or woken with an exception).
            return self.wait_raise(st.id, e);
        }
        let (done, pending): (Vec<FutId>, Vec<FutId>) = st.fs.iter().partition(|f| self.done(**f));
        let label = |rt: &Self, fs: &[FutId]| {
            let mut l: Vec<String> = fs.iter().map(|f| rt.futs[f.0].label.clone()).collect();
            l.sort();
            l
        };
        self.record(Event::Wait {
            id: st.id,
            t: self.time,
            done: Some(label(self, &done)),
            pending: Some(label(self, &pending)),
            exception: None,
        });
        let done = match self.new_keyed_set(
            done.into_iter().map(Value::Future).collect(),
            format!("wait-done:{}", st.id),
        ) {
            Ok(v) => v,
            Err(e) => return Step::Raise(e),
        };
        let pending = match self.new_keyed_set(
            pending.into_iter().map(Value::Future).collect(),
            format!("wait-pending:{}", st.id),
        ) {
            Ok(v) => v,
            Err(e) => return Step::Raise(e),
        };
        Step::Return(Value::tuple(vec![done, pending]))
    }

    /// `_wait`'s `_on_completion(f)` (SPEC W2–W4).
    pub fn wait_on_completion(&mut self, i: usize, f: FutId) {
        self.waits[i].counter -= 1;
        let st = &self.waits[i];
        let (counter, rw, waiter, th) = (st.counter, st.return_when, st.waiter, st.timeout_handle);
        // W2, W3: which completions wake the waiter. Python's `or` short-circuits: `f.exception()` (which retrieves it, W4) is called only
        // under FIRST_EXCEPTION, and only when this is not the last future.
        let wake = counter <= 0
            || rw == ReturnWhen::FirstCompleted
            || (rw == ReturnWhen::FirstException
                && !self.cancelled(f)
                && matches!(self.future_exception(f), Ok(Some(_))));
        if wake {
            if let Some(h) = th {
                self.cancel_handle(h);
            }
            if !self.done(waiter) {
                self.future_set_result(waiter, Value::None);
            }
        }
    }
}
