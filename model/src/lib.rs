//! # aiospec-model
//!
//! A pure, deterministic state machine of CPython's asyncio machinery: the event loop's ready
//! queue and timers, futures, tasks, cancellation, `gather`, `wait`, `wait_for`,
//! `asyncio.run` shutdown and exception-retrieval tracking, for Python 3.7 to 3.13.
//!
//! The model mirrors CPython's own code (`base_events._run_once`, `Task.__step`, gather's
//! `_done_callback`, `_wait`'s `_on_completion`, ...) rather than summarising it: names follow
//! CPython's so each file can be read next to `tasks.py` and `futures.py`. It has no async, no
//! threads, no clock and no randomness; where CPython's outcome depends on object addresses
//! (a set's iteration order), the model asks an explicit [`explore::Chooser`].
//!
//! ```
//! use aiospec_model::{load_str, run, PyVersion};
//! let s = load_str(r#"{"main": ["await asyncio.sleep(0.5)", "print('hi')"]}"#, "hi.json").unwrap();
//! let trace = run(&s, PyVersion(12)).unwrap();
//! assert_eq!(trace.to_text(false), "hi\n");
//! ```

pub mod ast;
pub mod builtins;
pub mod compile;
pub mod coro;
pub mod event_loop;
pub mod exceptions;
pub mod explore;
pub mod export;
pub mod futures;
pub mod gather;
pub mod interp;
pub mod natives;
pub mod parse;
pub mod rt;
pub mod runners;
pub mod scenario;
pub mod sleep;
pub mod tasks;
pub mod trace;
pub mod value;
pub mod version;
pub mod wait;
pub mod wait_for;

pub use explore::{Chooser, Exploration, FirstChoice, Hinted, Replay};
pub use rt::{Impl, ModelError};
pub use scenario::{load_file, load_str, Scenario, ScenarioError};
pub use trace::{Event, Level, Outcome, Trace};
pub use version::PyVersion;

/// Run a scenario on version `v`, taking `chooser`'s option at every nondeterministic point.
pub fn run_with(
    s: &Scenario,
    v: PyVersion,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    run_impl(s, v, Impl::C, chooser)
}

/// Run a scenario on version `v`, modelling CPython's Task/Future implementation `imp`.
pub fn run_impl(
    s: &Scenario,
    v: PyVersion,
    imp: Impl,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    run_configured(s, v, chooser, |rt| rt.imp = imp).map(|(t, _)| t)
}

/// Run a scenario on a runtime `setup` has configured: its normalised trace and how many
/// timeouts fired at a busy instant (`busy_timeouts`).
fn run_configured(
    s: &Scenario,
    v: PyVersion,
    chooser: &mut dyn Chooser,
    setup: impl FnOnce(&mut rt::Runtime),
) -> Result<(Trace, usize), ModelError> {
    let mut rt = rt::Runtime::new(&s.program, v, chooser);
    setup(&mut rt);
    rt.run_program(s.entry);
    if let Some(e) = rt.error.take() {
        return Err(e);
    }
    let mut t = Trace {
        events: std::mem::take(&mut rt.events),
        finalization: std::mem::take(&mut rt.final_events),
    };
    t.normalize();
    Ok((t, rt.busy_timeouts))
}

/// How a reordered run (`run_reordered`) departs from CPython's order of events at one
/// instant. Not a model of CPython: the orders a runtime with its own scheduling (tokio) may
/// take, for conformance at C2 and C3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reorder {
    /// Seed of the jitter and of the shuffle.
    pub seed: u64,
    /// Move every timer's deadline later by 1 to 1000 µs drawn from the seed
    /// (`event_loop::jitter`), timeouts earlier on odd seeds: timers that share a deadline
    /// fire in another order, in turns of their own.
    pub jitter: bool,
    /// Each turn runs any ready callback next instead of the oldest (`Runtime::shuffle`).
    pub shuffle: bool,
}

/// Run a scenario on version `v` with the events at one instant reordered as `r` says, then
/// every time in the trace rounded to 1/16 s. For scenarios whose delays are multiples of
/// 1/16 s these are traces a runtime with its own order at ties may produce (SPEC C2, C3).
pub fn run_reordered(
    s: &Scenario,
    v: PyVersion,
    r: Reorder,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    let (mut t, _) = run_configured(s, v, chooser, |rt| {
        rt.jitter = r.jitter.then_some(r.seed);
        rt.shuffle = r.shuffle.then_some(r.seed);
    })?;
    t.round_times(16.0);
    t.normalize();
    Ok(t)
}

/// How many times, in the run `chooser` picks, a wait or wait_for timeout fired while other
/// callbacks were ready at the same instant. Which runs first there is decided by asyncio's
/// turn order; a runtime with its own order (tokio) may decide it the other way (SPEC C2).
pub fn busy_timeouts(
    s: &Scenario,
    v: PyVersion,
    chooser: &mut dyn Chooser,
) -> Result<usize, ModelError> {
    run_configured(s, v, chooser, |_| {}).map(|(_, n)| n)
}

/// Run a scenario on version `v`, taking the first option at every nondeterministic point.
pub fn run(s: &Scenario, v: PyVersion) -> Result<Trace, ModelError> {
    run_with(s, v, &mut FirstChoice)
}

/// Enumerate every distinct observable outcome of a scenario on version `v` (up to
/// `max_runs` runs). `progress` is called after each run.
pub fn explore(
    s: &Scenario,
    v: PyVersion,
    max_runs: usize,
    progress: impl FnMut(usize),
) -> Result<Exploration, ModelError> {
    explore::explore(|ch| run_with(s, v, ch), max_runs, progress)
}
