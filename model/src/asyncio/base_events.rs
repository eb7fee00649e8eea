//! `base_events.BaseEventLoop`: the ready queue, the timer heap, `_run_once` and virtual time.
//!
//! Virtual time is what the oracle's loop reports from `time()`: it starts at 0.0 and
//! `select(timeout)` advances it by `timeout`, computed with CPython's own float arithmetic
//! (`when - self.time()`), so the model meets every rounding and tie CPython meets.

use crate::asyncio::events::*;
use crate::asyncio::futures::*;
use crate::lang::exceptions::E;
use crate::lang::value::{Exc, FutId, Value};
use crate::runtime::*;
use crate::trace::Event;

/// A loop object the program made (`asyncio.new_event_loop()`, or `asyncio.run`'s).
#[derive(Clone, Debug, Default)]
pub struct LoopState {
    pub closed: bool,
    /// `loop._task_factory` (`set_task_factory`): None for the default, `tasks.Task`.
    pub task_factory: Option<Value>,
}

/// `base_events.MAXIMUM_SELECT_TIMEOUT`.
pub const MAXIMUM_SELECT_TIMEOUT: f64 = 24.0 * 3600.0;
/// `time.get_clock_info('monotonic').resolution` on Linux, which `_clock_resolution` holds.
pub const CLOCK_RESOLUTION: f64 = 1e-09;

impl Runtime<'_> {
    /// `loop.call_soon(callback, *args)` (SPEC L1).
    pub fn call_soon(&mut self, callback: Callback, arg: Option<FutId>) -> usize {
        self.handles.push(Handle {
            callback,
            arg,
            cancelled: false,
            when: None,
            program_at: false,
        });
        let h = self.handles.len() - 1;
        self.ready.push_back(h);
        h
    }

    /// `loop.call_later(delay, ...)`: `call_at(self.time() + delay, ...)` (SPEC L2).
    pub fn call_later(&mut self, delay: f64, callback: Callback) -> usize {
        let when = self.time + delay;
        self.call_at(when, callback)
    }

    /// `loop.call_at(when, ...)`: push a TimerHandle; equal deadlines keep scheduling order
    /// (SPEC L3).
    pub fn call_at(&mut self, when: f64, callback: Callback) -> usize {
        if when.is_nan() {
            // CPython's heap compares deadlines with `<`, which a NaN breaks: where the timer
            // lands depends on the heap's shape. Not modelled.
            self.refuse("a timer whose deadline is NaN");
        }
        let when = match self.jitter {
            // On odd seeds a timeout (wait's, wait_for's) fires just before what shares its
            // instant, on even seeds just after: the two ways a runtime with its own order
            // can decide a timeout that expires as a child completes (SPEC C2).
            Some(seed)
                if seed % 2 == 1
                    && matches!(
                        callback,
                        Callback::ReleaseWaiter { .. } | Callback::TimeoutOnTimeout { .. }
                    ) =>
            {
                when - jitter(seed, self.timer_seq + 1)
            }
            Some(seed) => when + jitter(seed, self.timer_seq + 1),
            None => when,
        };
        self.handles.push(Handle {
            callback,
            arg: None,
            cancelled: false,
            when: Some(when),
            program_at: false,
        });
        let h = self.handles.len() - 1;
        self.timer_seq += 1;
        self.scheduled.insert((TimeKey(when), self.timer_seq), h);
        h
    }

    /// Whether a pending timer that the program scheduled with `loop.call_at` has a deadline
    /// equal to `when` (SPEC L3). CPython's heap compares deadlines only, so among timers with
    /// one deadline `heapq`'s sift steps decide the order, and that is not the order they
    /// were scheduled in (eight `call_at(w, ...)` fire as 0 2 6 5 7 1 3 4 on CPython 3.12).
    /// On a real clock, deadlines the loop computes (`call_later`, `sleep`, timeouts) each
    /// read the clock afresh and so differ; deadlines the program passes to `call_at` are
    /// equal exactly when the program passes one value twice. The model does not reproduce
    /// `heapq`'s order among equals, so `call_at` refuses such a tie.
    pub fn program_timer_at(&self, when: f64) -> bool {
        let k = TimeKey(when);
        self.scheduled
            .range((k, 0)..=(k, u64::MAX))
            .any(|(_, &h)| self.handles[h].program_at && !self.handles[h].cancelled)
    }

    /// `Handle.cancel()`. A cancelled timer stays in the heap until it reaches the top, where
    /// `_run_once` discards it; it never fires and never moves the clock.
    pub fn cancel_handle(&mut self, h: usize) {
        self.handles[h].cancelled = true;
    }

    /// `loop.stop()`.
    pub fn stop(&mut self) {
        self.stopping = true;
    }

    /// `BaseEventLoop._run_once` (SPEC L1, L3, L4, L5).
    pub fn run_once(&mut self) {
        // Every turn counts against the step budget, so a loop that only ever waits (a timer
        // re-armed forever) ends with StepLimit instead of hanging.
        if !self.tick() {
            return;
        }
        self.tl_turn();
        // Remove delayed calls that were cancelled from the head of the queue.
        while let Some((&k, &h)) = self.scheduled.iter().next() {
            if !self.handles[h].cancelled {
                break;
            }
            self.scheduled.remove(&k);
        }
        let earliest = self.scheduled.keys().next().map(|(w, _)| w.0);
        let timeout = if !self.ready.is_empty() || self.stopping {
            Some(0.0)
        } else if let Some(when) = earliest {
            // `min(max(0, when - self.time()), MAXIMUM_SELECT_TIMEOUT)`, as Python's max/min
            // compare (a NaN difference gives 0).
            let t = when - self.time;
            let t = if t > 0.0 { t } else { 0.0 };
            Some(if MAXIMUM_SELECT_TIMEOUT < t {
                MAXIMUM_SELECT_TIMEOUT
            } else {
                t
            })
        } else {
            None
        };
        match (timeout, earliest) {
            // The selector would block forever: nothing can ever run again (SPEC L5). A
            // timer at +inf never fires either.
            (None, _) | (Some(_), Some(f64::INFINITY))
                if self.ready.is_empty() && !self.stopping =>
            {
                self.record(Event::Stuck { t: self.time });
                self.stop();
            }
            (Some(t), _) => self.virtual_select(t, earliest),
            _ => {}
        }
        // Handle 'later' callbacks that are ready: those within the clock resolution (L4).
        let end_time = self.time + self.due_margin(self.time);
        while let Some((&k, &h)) = self.scheduled.iter().next() {
            if k.0 .0 >= end_time {
                break;
            }
            self.scheduled.remove(&k);
            self.ready.push_back(h);
        }
        // Run the callbacks that are ready now; those they schedule wait for the next turn.
        let ntodo = self.ready.len();
        for _ in 0..ntodo {
            let h = match self.shuffle.as_mut() {
                // Any ready callback may run next (see `Runtime::shuffle`).
                Some(state) => {
                    let i = (next_random(state) % self.ready.len() as u64) as usize;
                    self.ready.remove(i).expect("index in range")
                }
                None => self
                    .ready
                    .pop_front()
                    .expect("ntodo counts the ready queue"),
            };
            if self.handles[h].cancelled {
                continue;
            }
            if !self.tick() {
                return;
            }
            let Handle { callback, arg, .. } = self.handles[h].clone();
            let hid = h;
            if matches!(
                callback,
                Callback::ReleaseWaiter { .. } | Callback::TimeoutOnTimeout { .. }
            ) && self.ready.iter().any(|&x| !self.handles[x].cancelled)
            {
                self.busy_timeouts += 1;
            }
            // `Handle._run` is a Python frame; on 3.7–3.11 a task's step also costs two C
            // levels against the recursion limit (`context.run` and the step wrapper).
            let task_cb = matches!(
                callback,
                Callback::TaskStep { .. } | Callback::TaskWakeup { .. }
            );
            let mut frames = if self.v.minor() <= 11 && task_cb {
                3
            } else {
                1
            };
            if task_cb && self.imp == crate::runtime::Impl::Py {
                // The pure-Python Task's `__step` (and 3.12+'s
                // `__step_run_and_handle_result`, 3.7's extra C level) are frames too, and a
                // wakeup runs `__wakeup` first (measured on each version).
                frames += match self.v.minor() {
                    8..=11 => 1,
                    _ => 2,
                };
                if matches!(callback, Callback::TaskWakeup { .. }) {
                    frames += 1;
                }
            }
            self.depth += frames;
            self.tl_callback_began(&callback, arg);
            self.run_callback(hid, callback, arg);
            self.tl_callback_ended();
            self.depth -= frames;
            if self.propagating.is_some() {
                // SystemExit or KeyboardInterrupt: out of `_run_once` and `run_forever`.
                return;
            }
        }
    }

    /// `BaseEventLoop.run_forever`.
    pub fn run_forever(&mut self) {
        self.running = true;
        // `run_forever` and `_run_once` are Python frames (the recursion limit counts them).
        self.depth += 2;
        loop {
            self.run_once();
            if self.stopping || self.error.is_some() || self.propagating.is_some() {
                break;
            }
        }
        self.depth -= 2;
        self.stopping = false;
        self.running = false;
    }

    /// The virtual selector: `select(timeout)` moves the clock by `timeout`. Where that
    /// leaves the earliest timer still not due (the 24 h cap on one select, or a clock so
    /// large that `time + clock_resolution == time`), the clock moves on to the first
    /// reading at which the timer is due: a real clock passes it, through select calls nothing observes (SPEC L7).
    /// The oracle's harness does the same.
    pub fn virtual_select(&mut self, timeout: f64, earliest: Option<f64>) {
        self.time += timeout;
        if timeout > 0.0 {
            if let Some(when) = earliest {
                if when >= self.time + self.due_margin(self.time) {
                    // The first reading at which the timer is due: past `when` itself where
                    // the resolution is lost in rounding (a clock near 1e20).
                    self.time = when;
                    while when >= self.time + self.due_margin(self.time) {
                        self.time = f64::from_bits(self.time.to_bits() + 1);
                    }
                }
            }
        }
    }

    /// How far past the clock `_run_once` takes a timer as due: the clock resolution, and from
    /// 3.15 at least one ulp of the clock (`end_time = now + max(resolution, ulp(now))`), so
    /// that a timer at `now` is due however large the clock is (SPEC L4).
    fn due_margin(&self, now: f64) -> f64 {
        if self.v.minor() >= 15 && now.is_finite() && now >= 0.0 {
            CLOCK_RESOLUTION.max(f64::from_bits(now.to_bits() + 1) - now)
        } else {
            CLOCK_RESOLUTION
        }
    }

    /// `time.sleep(dt)`: the clock moves on while the whole loop is blocked.
    pub fn advance_clock(&mut self, dt: f64) {
        self.time += dt;
    }

    /// Record an event: ordered while the program runs, in the finalisation multiset while
    /// objects are being destroyed at the end.
    pub fn record(&mut self, ev: Event) {
        self.tl_event(&ev);
        if self.finalizing {
            self.final_events.push(ev);
        } else {
            self.events.push(ev);
        }
    }

    /// `BaseEventLoop.run_until_complete(future)` for a future (`new_task` is the caller's
    /// business). Returns false if the loop stopped before the future was done.
    pub fn run_until_complete(&mut self, fut: FutId) -> bool {
        self.add_done_callback(fut, Callback::RunUntilCompleteCb);
        self.run_forever();
        self.remove_done_callback(fut, &Callback::RunUntilCompleteCb);
        self.futs[fut.0].state != FutState::Pending
    }

    fn run_callback(&mut self, h: usize, callback: Callback, arg: Option<FutId>) {
        match callback {
            Callback::TaskStep { task, exc } => self.task_step(task, exc),
            Callback::TaskWakeup { task } => self.task_wakeup(task, arg.expect("done callback")),
            Callback::GatherDone { gather } => {
                let fut = arg.expect("done callback");
                if self.gathers[gather].outer.is_none() && self.v.minor() <= 8 {
                    // bpo-46672: gather() failed on a later argument before it assigned
                    // `outer`; the callbacks it had added read the unassigned variable.
                    self.gather_callback_name_error(h, fut);
                } else {
                    self.gather_done_callback(gather, fut)
                }
            }
            Callback::WaitCompletion { wait } => {
                self.wait_on_completion(wait, arg.expect("done callback"))
            }
            Callback::ReleaseWaiter { waiter, .. } => {
                // tasks._release_waiter
                if self.futs[waiter.0].state == FutState::Pending {
                    self.future_set_result(waiter, Value::None);
                }
            }
            Callback::SetResultUnlessCancelled { fut, value } => {
                // futures._set_result_unless_cancelled
                if self.futs[fut.0].state != FutState::Cancelled {
                    self.future_set_result(fut, value);
                }
            }
            Callback::RunUntilCompleteCb => {
                // base_events._run_until_complete_cb: calls fut.exception() (SPEC R5). A
                // SystemExit or KeyboardInterrupt already ended run_forever: the callback is
                // left in the ready queue and, run by the next run_forever, does not stop it.
                let fut = arg.expect("done callback");
                if self.futs[fut.0].state != FutState::Cancelled {
                    if let Ok(Some(e)) = self.future_exception(fut) {
                        if self.ends_the_loop(&e) {
                            return;
                        }
                    }
                }
                self.stop();
            }
            Callback::LoopStop => self.stop(),
            Callback::TimeoutOnTimeout { timeout } => self.timeout_on_timeout(timeout),
            Callback::Program { func, args } => self.run_program_callback(h, func, args, arg),
        }
    }

    /// `Handle._run` for a program's callback (SPEC F7): an exception is logged as
    /// "Exception in callback ..." at once, except SystemExit and KeyboardInterrupt (from 3.8;
    /// on 3.7 every BaseException that is not an Exception), which end the loop.
    fn run_program_callback(
        &mut self,
        h: usize,
        func: Value,
        args: std::rc::Rc<Vec<Value>>,
        fut: Option<FutId>,
    ) {
        let mut a: Vec<Value> = fut.map(Value::Future).into_iter().collect();
        a.extend(args.iter().cloned());
        let Err(e) = self.call_value(&func, a) else {
            return;
        };
        if self.error.is_some() {
            return;
        }
        self.through_stdlib(&e, "events.Handle._run");
        if self.ends_the_loop(&e) {
            self.propagating = Some(e);
            return;
        }
        let mut cargs: Vec<Value> = fut.map(Value::Future).into_iter().collect();
        cargs.extend(args.iter().cloned());
        let cb = match self.format_callback_source(&func, &cargs) {
            Ok(cb) => cb,
            Err(_) => return,
        };
        let message = format!("Exception in callback {cb}");
        let handle = match self.handle_repr(h) {
            Ok(r) => r,
            Err(_) => return,
        };
        let exception = self.repr(&Value::Instance(e.clone())).ok();
        let tb = self.format_exception(&e);
        let text = format!("{message}\nhandle: {handle}\n{}", tb.trim_end_matches('\n'));
        self.record(Event::Report {
            message,
            future: "None".into(),
            exception,
            text: Some(text),
        });
    }

    /// 3.7/3.8's `_done_callback` of a gather() that raised before assigning `outer`: the
    /// NameError it raises is logged as "Exception in callback ..." (SPEC G9), and the child's
    /// exception is not retrieved.
    fn gather_callback_name_error(&mut self, h: usize, fut: FutId) {
        let e = self.stdlib_error(
            E::NameError,
            "free variable 'outer' referenced before assignment in enclosing scope",
            &["tasks.gather._done_callback.outer", "events.Handle._run"],
        );
        let Ok(cb) = self.format_stdlib_callback_source(
            "def:tasks.gather._done_callback",
            &[Value::Future(fut)],
        ) else {
            return;
        };
        let message = format!("Exception in callback {cb}");
        let handle = if self.handles[h].cancelled {
            return;
        } else {
            format!("<Handle {cb}>")
        };
        let exception = self.repr(&Value::Instance(e.clone())).ok();
        let tb = self.format_exception(&e);
        let text = format!("{message}\nhandle: {handle}\n{}", tb.trim_end_matches('\n'));
        self.record(Event::Report {
            message,
            future: "None".into(),
            exception,
            text: Some(text),
        });
    }

    /// Does an exception end the loop rather than be logged? (`Handle._run`, `Task.__step`:
    /// SystemExit and KeyboardInterrupt from 3.8; on 3.7 any BaseException that is not an
    /// Exception.)
    pub fn ends_the_loop(&self, e: &Exc) -> bool {
        if self.v.minor() <= 7 {
            !self.exc_is(e, E::Exception)
        } else {
            self.exc_is(e, E::SystemExit) || self.exc_is(e, E::KeyboardInterrupt)
        }
    }
}

/// A timer's deadline offset in a jittered run (`aiospec_model::run_reordered`): 1 to 1000
/// microseconds, from a hash of the seed and the timer's sequence number. It reorders timers
/// that share a deadline (and what they wake) and nothing else when the scenario's delays are
/// multiples of 1/16 s: it models a runtime with its own order for events at one instant
/// (tokio), which conforms at C2/C3 if its trace is one of these (SPEC C2).
pub fn jitter(seed: u64, seq: u64) -> f64 {
    let mut x = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(seq.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    ((x % 1000) + 1) as f64 * 1e-6
}

/// splitmix64: the shuffled runs' deterministic random numbers.
pub fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
