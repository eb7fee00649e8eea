//! The runtime: one CPython process running one program.
//!
//! It holds the language's state (builtin types, modules, the frames' handled exceptions,
//! budgets) and asyncio's (the event loop, futures, tasks, the combinators' closure state),
//! and the trace of what the program did. `lang/` adds `impl Runtime` blocks for the
//! language, `asyncio/` for asyncio's machinery, one CPython concept per file.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use indexmap::IndexMap;

use crate::asyncio::events::Handle;
use crate::asyncio::futures::Fut;
use crate::asyncio::state::{GatherState, TimeoutState, WaitState};
use crate::explore::Chooser;
use crate::lang::gen::Coro;
use crate::lang::object::Module;
use crate::lang::source::SourceFile;
use crate::lang::types::Types;
use crate::lang::value::{Exc, FutId};
use crate::trace::Event;
use crate::trace::Outcome;
use crate::version::PyVersion;

/// CPython's two implementations of Task and Future. They agree on every behaviour the model
/// covers except the messages noted in SPEC.md (F5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Impl {
    /// `_asyncio.Task` / `_asyncio.Future`, CPython's default.
    #[default]
    C,
    /// `tasks._PyTask` / `futures._PyFuture`.
    Py,
}

impl Impl {
    pub fn as_str(self) -> &'static str {
        match self {
            Impl::C => "c",
            Impl::Py => "py",
        }
    }
}

/// Why a run could not finish: limits of the model, never Python behaviour.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    /// The run took more than the step budget (SPEC M4).
    StepLimit(u64),
    /// The program did something the model does not implement, at a place
    /// (`file:line:col`) when one is known.
    Unsupported { what: String, place: Option<String> },
    /// The program does not compile for this version, or uses what the model refuses.
    Load(crate::lang::front::LoadError),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::StepLimit(n) => write!(
                f,
                "the program ran more than {n} steps (the model's step budget; raise it with --max-steps)"
            ),
            ModelError::Unsupported { what, place: Some(p) } => {
                write!(f, "{p}: not supported by the model: {what}")
            }
            ModelError::Unsupported { what, place: None } => {
                write!(f, "not supported by the model: {what}")
            }
            ModelError::Load(e) => write!(f, "{e}"),
        }
    }
}

/// Budgets and settings of a run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The step budget: instructions plus loop callbacks (SPEC M4).
    pub max_steps: u64,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: u32,
    /// How tracebacks name asyncio's own files (`<prefix>/asyncio/tasks.py`).
    pub stdlib_prefix: String,
    /// The largest string, list or int (in items, digits) a program may build before the
    /// model refuses (CPython would raise MemoryError at a size that depends on the machine).
    pub max_size: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_steps: 20_000_000,
            recursion_limit: 1000,
            stdlib_prefix: "<stdlib>".into(),
            max_size: 1 << 26,
        }
    }
}

pub struct Runtime<'c> {
    pub v: PyVersion,
    /// Which of CPython's Task/Future implementations is modelled where they differ.
    pub imp: Impl,
    pub chooser: &'c mut dyn Chooser,
    pub config: Config,

    // ---- the language ----
    pub types: Types,
    pub builtins: Rc<Module>,
    /// `sys.modules`: modules imported so far.
    pub modules: IndexMap<Rc<str>, Rc<Module>>,
    pub main_source: Option<Rc<SourceFile>>,
    /// One entry per frame executing (innermost last): the exception it is handling, if any
    /// (CPython's `exc_info` chain, which gives a raised exception its `__context__`).
    pub exc_chain: Vec<Option<Exc>>,
    /// Python frames active, asyncio's own included (the recursion limit counts them).
    pub depth: u32,
    /// Eager first steps running (nested inside the calls that made their tasks): a
    /// RecursionError among them is refused, as the oracle's `create_task` adds a frame.
    pub eager_steps: u32,
    /// Where the innermost running instruction is (for refusals raised from natives).
    pub place: Option<(Rc<SourceFile>, u32)>,
    /// Where the program's own innermost instruction is: the place of a refusal raised in
    /// aiospec's own asyncio modules.
    pub program_place: Option<(Rc<SourceFile>, u32)>,
    /// The Future a generator gave with a bare `yield` (not `yield from`), if that was the
    /// last yield: a Task that receives it is refused.
    pub bare_yielded_future: Option<crate::lang::value::FutId>,
    /// Calls so far per hint prefix (`ac-fs`, `tg-abort`): the N of the oracle's `prefix:N`.
    pub hint_counters: std::collections::HashMap<String, usize>,
    pub steps: u64,
    pub error: Option<ModelError>,
    /// SystemExit or KeyboardInterrupt raised by a callback or a task's step: it ends
    /// `run_forever` and propagates out of the loop's caller (`Handle._run`, `Task.__step`).
    pub propagating: Option<crate::lang::value::Exc>,
    /// Formatting the interpreter's own display of an uncaught exception (which, on 3.10
    /// and 3.11, is where "Did you mean" suggestions appear).
    pub tb_display: bool,

    // ---- the event loop (base_events.BaseEventLoop) ----
    pub time: f64,
    pub ready: VecDeque<usize>,
    /// `_scheduled`: timer handles ordered by (deadline, scheduling sequence) (SPEC L3).
    pub scheduled: BTreeMap<(TimeKey, u64), usize>,
    pub handles: Vec<Handle>,
    pub timer_seq: u64,
    /// Tie-breaking jitter (see `asyncio::base_events::jitter`): None models CPython exactly.
    pub jitter: Option<u64>,
    /// Shuffled runs (`aiospec_model::run_reordered` with `shuffle`): the random state with
    /// which each turn picks any ready callback instead of the oldest. None models CPython.
    pub shuffle: Option<u64>,
    /// Timeouts (wait's, wait_for's) that fired while other callbacks were ready at the same
    /// instant: what only asyncio's turn order decides (SPEC C2).
    pub busy_timeouts: usize,
    pub stopping: bool,
    pub running: bool,
    /// The loop objects the program made (`new_event_loop()`), and the current one.
    pub loops: Vec<crate::asyncio::base_events::LoopState>,
    pub current_loop: Option<usize>,
    /// The policy's current loop (what `set_event_loop` set).
    pub policy_loop: crate::asyncio::events::CurrentLoop,

    // ---- asyncio's objects ----
    pub futs: Vec<Fut>,
    pub coros: Vec<Coro>,
    pub gathers: Vec<GatherState>,
    /// How many gathers' outer futures have been made (`GatherState::id`).
    pub gathers_numbered: usize,
    pub waits: Vec<WaitState>,
    pub timeouts: Vec<TimeoutState>,
    /// `tasks._all_tasks`, in registration order.
    pub all_tasks: Vec<FutId>,
    pub current_task: Option<FutId>,
    pub task_counter: u64,
    /// Tasks made so far (their creation order).
    pub task_seq: u64,
    pub gather_counter: usize,
    pub wait_counter: usize,
    pub partial_counter: usize,
    pub all_tasks_calls: usize,
    pub set_counter: usize,
    /// Ids of set members (unique in the run).
    pub member_counter: u64,
    /// The `random` module's generator, once the program seeds it.
    pub random_state: Option<crate::lang::modules::random_core::Random>,
    /// Containers whose repr is being built (cycles print as `[...]`).
    pub repr_stack: Vec<usize>,

    // ---- the trace ----
    pub events: Vec<Event>,
    pub final_events: Vec<Event>,
    /// True while finalising (objects being destroyed at the end of the program).
    pub finalizing: bool,
    /// The timeline recorder, when a picture of the run is asked for (issue 17); `None`
    /// otherwise, and then each hook costs one branch.
    pub timeline: Option<Box<crate::timeline::Recorder>>,
}

/// An `f64` deadline ordered as Python's `<` orders floats, so timers sort as CPython's heap
/// pops them. NaN never gets here (`call_at` refuses it). `total_cmp` alone would put `-0.0`
/// before `0.0`, which Python's `<` holds equal: adding `0.0` turns `-0.0` into `0.0` first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeKey(pub f64);
impl Eq for TimeKey {}
impl PartialOrd for TimeKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimeKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0 + 0.0).total_cmp(&(other.0 + 0.0))
    }
}

impl<'c> Runtime<'c> {
    pub fn new(v: PyVersion, chooser: &'c mut dyn Chooser, config: Config) -> Self {
        let types = Types::new(v);
        let builtins = crate::lang::builtins::module(&types, v);
        let mut rt = Runtime {
            v,
            imp: Impl::C,
            chooser,
            config,
            types,
            builtins,
            modules: IndexMap::new(),
            main_source: None,
            exc_chain: Vec::new(),
            depth: 0,
            eager_steps: 0,
            tb_display: false,
            propagating: None,
            place: None,
            hint_counters: Default::default(),
            bare_yielded_future: None,
            program_place: None,
            steps: 0,
            error: None,
            time: 0.0,
            ready: VecDeque::new(),
            scheduled: BTreeMap::new(),
            handles: Vec::new(),
            timer_seq: 0,
            jitter: None,
            shuffle: None,
            busy_timeouts: 0,
            stopping: false,
            running: false,
            loops: Vec::new(),
            current_loop: None,
            policy_loop: Default::default(),
            futs: Vec::new(),
            coros: Vec::new(),
            gathers: Vec::new(),
            gathers_numbered: 0,
            waits: Vec::new(),
            timeouts: Vec::new(),
            all_tasks: Vec::new(),
            current_task: None,
            task_counter: 0,
            task_seq: 0,
            gather_counter: 0,
            wait_counter: 0,
            partial_counter: 0,
            all_tasks_calls: 0,
            set_counter: 0,
            member_counter: 0,
            random_state: None,
            repr_stack: Vec::new(),
            events: Vec::new(),
            final_events: Vec::new(),
            finalizing: false,
            timeline: None,
        };
        rt.init_modules();
        rt
    }

    /// Count `n` steps of work at once (work proportional to a size); past the budget the
    /// run stops with an error.
    pub fn tick_n(&mut self, n: u64) -> bool {
        self.steps = self.steps.saturating_add(n.saturating_sub(1));
        self.tick()
    }

    /// Count a step of work; past the budget the run stops with an error.
    pub fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.config.max_steps && self.error.is_none() {
            self.error = Some(ModelError::StepLimit(self.config.max_steps));
        }
        self.error.is_none()
    }

    /// Stop the run: the program did something the model does not implement. The place is
    /// the instruction running now. Returns an exception to unwind with (never observable:
    /// the run's result is the refusal).
    pub fn refuse(&mut self, what: impl Into<String>) -> Exc {
        if self.error.is_none() {
            let here = match &self.place {
                Some((src, _)) if src.is_model_own => self.program_place.as_ref(),
                p => p.as_ref(),
            };
            let place = here.map(|(src, off)| src.place(*off));
            self.error = Some(ModelError::Unsupported {
                what: what.into(),
                place,
            });
        }
        self.new_exc_msg(
            crate::lang::exceptions::E::SystemError,
            "refused by the model",
        )
    }

    /// `print(...)`: one event with the text and its ending.
    pub fn emit_print(&mut self, text: String, end: String) {
        self.tl_print(&text);
        let ev = Event::Print {
            t: self.time,
            text,
            end: if end == "\n" { None } else { Some(end) },
        };
        self.record(ev);
    }

    /// `warnings.warn(message, category)`: recorded with the finalisation events (SPEC R7).
    pub fn warn(&mut self, category: &str, message: &str) {
        let ev = Event::Warning {
            category: category.into(),
            message: message.into(),
        };
        self.tl_event(&ev);
        self.final_events.push(ev);
    }

    /// What a done future holds, for traces.
    pub fn outcome_of(&mut self, f: crate::lang::value::FutId) -> Outcome {
        use crate::asyncio::futures::FutState;
        let state = self.futs[f.0].state;
        let exc = self.futs[f.0].exception.clone();
        match (state, exc) {
            (FutState::Cancelled, _) => Outcome::Exception("CancelledError()".into()),
            (_, Some(e)) => Outcome::Exception(
                self.repr(&crate::lang::value::Value::Instance(e))
                    .unwrap_or_default(),
            ),
            (_, None) => {
                let v = self.futs[f.0].result.clone();
                Outcome::Result(self.repr(&v).unwrap_or_default())
            }
        }
    }

    /// Choose a permutation of items (identity is the first choice). `key` names the choice
    /// point and `items` the objects, so that a chooser can replay an order CPython recorded;
    /// otherwise the permutation is chosen one element at a time.
    pub fn choose_permutation(&mut self, key: &str, items: &[u64], why: &str) -> Vec<usize> {
        let n = items.len();
        if n > 1 {
            if let Some(p) = self.chooser.permutation(key, items) {
                return p;
            }
        }
        let mut remaining: Vec<usize> = (0..n).collect();
        let mut out = Vec::with_capacity(n);
        while remaining.len() > 1 {
            let k = self.chooser.choose(remaining.len(), why);
            out.push(remaining.remove(k));
        }
        out.extend(remaining);
        self.tl_choice(why, &out);
        out
    }
}
