//! # aiospec-model
//!
//! A pure, deterministic model of CPython's asyncio and of the Python it runs, per version
//! (3.7 to 3.13): the language (`lang/`: parser front end on ruff's parser, compiler,
//! interpreter, values, builtins) and asyncio's machinery (`asyncio/`: the event loop,
//! futures, tasks, `gather`, `wait`, `wait_for`, `asyncio.run`, retrieval reports), laid out
//! as CPython's `Lib/asyncio/` is.
//!
//! It has no async, no threads, no clock and no randomness; where CPython's outcome depends
//! on object addresses (a set's iteration order), the model asks an explicit
//! [`explore::Chooser`].
//!
//! ```
//! use aiospec_model::{load_str, run, PyVersion};
//! let p = load_str(
//!     "import asyncio\nasync def main():\n    await asyncio.sleep(0.5)\n    print('hi')\nasyncio.run(main())\n",
//!     "hi.py",
//! )
//! .unwrap();
//! let trace = run(&p, PyVersion::new(12)).unwrap();
//! assert_eq!(trace.stdout(false), "hi\n");
//! ```

pub mod asyncio;
pub mod explore;
pub mod lang;
pub mod program;
pub mod runtime;
pub mod scenario;
pub mod timeline;
pub mod trace;
pub mod version;

pub use explore::{Chooser, Exploration, FirstChoice, Hinted, Replay};
pub use lang::front::{LoadError, LoadErrorKind};
pub use program::{load_file, load_str, Meta, Program};
pub use runtime::{Config, Impl, ModelError};
pub use trace::{Event, Level, Outcome, Trace};
pub use version::PyVersion;

/// Run a program on version `v`, taking `chooser`'s option at every nondeterministic point.
pub fn run_with(p: &Program, v: PyVersion, chooser: &mut dyn Chooser) -> Result<Trace, ModelError> {
    run_impl(p, v, Impl::C, chooser)
}

/// Run a program on version `v`, modelling CPython's Task/Future implementation `imp`.
pub fn run_impl(
    p: &Program,
    v: PyVersion,
    imp: Impl,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    run_configured(p, v, chooser, &Config::default(), |rt| rt.imp = imp).map(|(t, _)| t)
}

/// Run a program with explicit budgets and settings.
pub fn run_with_config(
    p: &Program,
    v: PyVersion,
    imp: Impl,
    config: &Config,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    run_configured(p, v, chooser, config, |rt| rt.imp = imp).map(|(t, _)| t)
}

/// Run a program on a runtime `setup` has configured: its normalised trace and how many
/// timeouts fired at a busy instant (`busy_timeouts`).
fn run_configured(
    p: &Program,
    v: PyVersion,
    chooser: &mut dyn Chooser,
    config: &Config,
    setup: impl FnOnce(&mut runtime::Runtime),
) -> Result<(Trace, usize), ModelError> {
    run_configured_with(p, v, chooser, config, setup, |_| {})
}

/// `run_configured`, with `finish` given the runtime after the run (what it recorded).
fn run_configured_with(
    p: &Program,
    v: PyVersion,
    chooser: &mut dyn Chooser,
    config: &Config,
    setup: impl FnOnce(&mut runtime::Runtime),
    finish: impl FnOnce(&mut runtime::Runtime),
) -> Result<(Trace, usize), ModelError> {
    let code = p.compile(v).map_err(ModelError::Load)?;
    let mut rt = runtime::Runtime::new(v, chooser, config.clone());
    setup(&mut rt);
    rt.run_main(code);
    finish(&mut rt);
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

/// Run a program as `run_with_config` does, recording its timeline (issue 17): the trace,
/// and the recorder with every lane, slot and mark, for `timeline::layout` to draw. The run
/// is the same as without the recorder (the hooks read, never decide).
pub fn run_recorded(
    p: &Program,
    v: PyVersion,
    imp: Impl,
    config: &Config,
    chooser: &mut dyn Chooser,
) -> Result<(Trace, timeline::Recorder), ModelError> {
    let mut recorder = None;
    let (t, _) = run_configured_with(
        p,
        v,
        chooser,
        config,
        |rt| {
            rt.imp = imp;
            rt.timeline = Some(Box::default());
        },
        |rt| recorder = rt.timeline.take(),
    )?;
    Ok((t, recorder.map(|r| *r).unwrap_or_default()))
}

/// How a reordered run (`run_reordered`) departs from CPython's order of events at one
/// instant. Not a model of CPython: the orders a runtime with its own scheduling (tokio) may
/// take, for conformance at C2 and C3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reorder {
    /// Seed of the jitter and of the shuffle.
    pub seed: u64,
    /// Move every timer's deadline later by 1 to 1000 µs drawn from the seed
    /// (`asyncio::base_events::jitter`), timeouts earlier on odd seeds: timers that share a
    /// deadline fire in another order, in turns of their own.
    pub jitter: bool,
    /// Each turn runs any ready callback next instead of the oldest (`Runtime::shuffle`).
    pub shuffle: bool,
}

/// Run a program on version `v` with the events at one instant reordered as `r` says, then
/// every time in the trace rounded to 1/16 s. For programs whose delays are multiples of
/// 1/16 s these are traces a runtime with its own order at ties may produce (SPEC C2, C3).
pub fn run_reordered(
    p: &Program,
    v: PyVersion,
    r: Reorder,
    chooser: &mut dyn Chooser,
) -> Result<Trace, ModelError> {
    let (mut t, _) = run_configured(p, v, chooser, &Config::default(), |rt| {
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
    p: &Program,
    v: PyVersion,
    chooser: &mut dyn Chooser,
) -> Result<usize, ModelError> {
    run_configured(p, v, chooser, &Config::default(), |_| {}).map(|(_, n)| n)
}

/// Run a program on version `v`, taking the first option at every nondeterministic point.
pub fn run(p: &Program, v: PyVersion) -> Result<Trace, ModelError> {
    run_with(p, v, &mut FirstChoice)
}

/// Enumerate every distinct observable outcome of a program on version `v` (up to
/// `max_runs` runs). `progress` is called after each run.
pub fn explore(
    p: &Program,
    v: PyVersion,
    max_runs: usize,
    progress: impl FnMut(usize),
) -> Result<Exploration, ModelError> {
    explore::explore(|ch| run_with(p, v, ch), max_runs, progress)
}
