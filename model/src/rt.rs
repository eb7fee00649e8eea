//! The runtime: every object of a running program, in arenas indexed by id.
//!
//! One `Runtime` is one CPython process running one scenario: the event loop (`event_loop.rs`),
//! its futures and tasks (`futures.rs`, `tasks.rs`), coroutine objects (`coro.rs`,
//! `interp.rs`), and the trace of what the program did (`trace.rs`). Each of those files adds
//! an `impl Runtime` block for one CPython concept; this file holds the data they share.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use crate::compile::Program;
use crate::exceptions::ExcClass;
use crate::explore::Chooser;
use crate::natives::Native;
use crate::trace::Event;
use crate::value::*;
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

/// `Future._state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    Pending,
    Cancelled,
    Finished,
}

/// What kind of future an arena slot holds: CPython's class of the object.
#[derive(Clone, Debug)]
pub enum FutKind {
    /// `asyncio.Future` (sleep's future, wait's waiter, ...).
    Plain,
    /// `asyncio.Task`.
    Task(TaskData),
    /// `tasks._GatheringFuture`, with the index of its gather state.
    Gathering(usize),
}

/// The Task-specific attributes (`tasks.Task.__init__`).
#[derive(Clone, Debug)]
pub struct TaskData {
    pub coro: CoroId,
    /// Creation number (1 for the first task of the program), as the oracle counts tasks.
    pub seq: u64,
    pub must_cancel: bool,
    pub fut_waiter: Option<FutId>,
    pub num_cancels_requested: u32,
    pub name: String,
    pub log_destroy_pending: bool,
}

/// `futures.Future`'s attributes.
#[derive(Clone, Debug)]
pub struct Fut {
    pub state: FutState,
    pub result: Value,
    pub exception: Option<ExcId>,
    pub callbacks: Vec<Callback>,
    /// `__log_traceback`: set by `set_exception`, cleared by `result()`, `exception()`,
    /// `cancel()` (SPEC R1–R4).
    pub log_traceback: bool,
    pub cancel_message: Option<Value>,
    pub cancelled_exc: Option<ExcId>,
    pub kind: FutKind,
    /// How traces name this future: a task's coroutine (`work(1)`), or `gather#2`.
    pub label: String,
}

/// A callable the loop can schedule: the callbacks CPython passes to `call_soon`,
/// `call_later` and `add_done_callback` on the paths the model covers. Done callbacks receive
/// the future as their argument (`Handle::arg`).
#[derive(Clone, Debug)]
pub enum Callback {
    /// `Task.__step(exc)`.
    TaskStep { task: FutId, exc: Option<ExcId> },
    /// `Task.__wakeup(future)`.
    TaskWakeup { task: FutId },
    /// The `_done_callback` closure of one `gather()` call.
    GatherDone { gather: usize },
    /// The `_on_completion` closure of one `_wait()` call.
    WaitCompletion { wait: usize },
    /// `functools.partial(_release_waiter, waiter)` (or `_release_waiter` with `waiter` bound
    /// by `call_later`). `tag` tells apart partials made by different calls, since CPython
    /// compares them by identity in `remove_done_callback`.
    ReleaseWaiter { waiter: FutId, tag: usize },
    /// `futures._set_result_unless_cancelled(fut, result)`, sleep's timer.
    SetResultUnlessCancelled { fut: FutId, value: Value },
    /// `base_events._run_until_complete_cb`.
    RunUntilCompleteCb,
    /// `loop.stop` (scheduled by run_forever scenarios with `until`).
    LoopStop,
    /// `Timeout._on_timeout` of one `asyncio.timeout()` (wait_for on 3.12+).
    TimeoutOnTimeout { timeout: usize },
}

impl Callback {
    /// Equality as `remove_done_callback` sees it (`==` on the callable).
    pub fn same(&self, other: &Callback) -> bool {
        use Callback::*;
        match (self, other) {
            (TaskWakeup { task: a }, TaskWakeup { task: b }) => a == b,
            (GatherDone { gather: a }, GatherDone { gather: b }) => a == b,
            (WaitCompletion { wait: a }, WaitCompletion { wait: b }) => a == b,
            (ReleaseWaiter { tag: a, .. }, ReleaseWaiter { tag: b, .. }) => a == b,
            (RunUntilCompleteCb, RunUntilCompleteCb) => true,
            _ => false,
        }
    }
}

/// `events.Handle` / `events.TimerHandle`.
#[derive(Clone, Debug)]
pub struct Handle {
    pub callback: Callback,
    pub arg: Option<FutId>,
    pub cancelled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroStatus {
    Created,
    Running,
    Suspended,
    Closed,
}

#[derive(Debug)]
pub enum CoroBody {
    User(crate::interp::Frame),
    Native(Native),
    /// Temporarily moved out while its code runs.
    Taken,
}

/// A coroutine object (or a generator-based coroutine such as `__sleep0`).
#[derive(Debug)]
pub struct Coro {
    pub status: CoroStatus,
    /// The coroutine this one is awaiting (`yield from` delegation).
    pub delegate: Option<CoroId>,
    /// The future this one yielded in `Future.__await__`.
    pub awaiting: Option<FutId>,
    pub body: CoroBody,
    /// `__qualname__`, for "coroutine '...' was never awaited".
    pub name: String,
    /// `name(args)`, how traces name a task running this coroutine.
    pub label: String,
}

/// An exception instance.
#[derive(Clone, Debug)]
pub struct Exc {
    pub class: ExcClass,
    pub args: Vec<Value>,
}

/// A Python set object. Its iteration order is an explicit choice (SPEC L6), made the first
/// time it is iterated and kept from then on, as a CPython set's order is stable while the set
/// is unchanged.
#[derive(Clone, Debug)]
pub struct PySet {
    pub items: Vec<Value>,
    pub order: Option<Vec<usize>>,
    /// Names this set for a `Chooser` that replays CPython's recorded orders
    /// (`wait-done:1` is the done set of the first wait).
    pub key: String,
}

/// `asyncio.gather()`'s closure state: `children`, `nfuts`, `nfinished`, `return_exceptions`,
/// and the outer `_GatheringFuture` (`_cancel_requested` lives here too).
#[derive(Clone, Debug)]
pub struct GatherState {
    pub outer: Option<FutId>,
    pub children: Vec<FutId>,
    pub nfuts: usize,
    pub nfinished: usize,
    pub return_exceptions: bool,
    pub cancel_requested: bool,
    /// Made by `asyncio.run`'s shutdown (`_cancel_all_tasks`).
    pub shutdown: bool,
}

/// `_wait()`'s closure state.
#[derive(Clone, Debug)]
pub struct WaitState {
    pub id: usize,
    pub fs: Vec<FutId>,
    pub waiter: FutId,
    pub timeout_handle: Option<usize>,
    pub counter: i64,
    pub return_when: ReturnWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    FirstCompleted,
    FirstException,
    AllCompleted,
}

impl ReturnWhen {
    pub fn parse(s: &str) -> Option<ReturnWhen> {
        match s {
            "FIRST_COMPLETED" => Some(ReturnWhen::FirstCompleted),
            "FIRST_EXCEPTION" => Some(ReturnWhen::FirstException),
            "ALL_COMPLETED" => Some(ReturnWhen::AllCompleted),
            _ => None,
        }
    }
}

/// `timeouts.Timeout` (3.11+), as `wait_for` uses it from 3.12.
#[derive(Clone, Debug)]
pub struct TimeoutState {
    pub state: TimeoutPhase,
    pub handler: Option<usize>,
    pub task: Option<FutId>,
    pub when: Option<f64>,
    pub cancelling: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutPhase {
    Created,
    Entered,
    Expiring,
    Expired,
    Exited,
}

/// Why a run could not finish (these are limits of the model, not Python behaviour).
#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    StepLimit(u64),
    Unsupported(String),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::StepLimit(n) => write!(f, "the program ran more than {n} steps"),
            ModelError::Unsupported(s) => write!(f, "not supported by the model: {s}"),
        }
    }
}

pub struct Runtime<'p> {
    pub v: PyVersion,
    /// Which of CPython's Task/Future implementations is modelled where they differ.
    pub imp: Impl,
    pub prog: &'p Program,
    pub chooser: &'p mut dyn Chooser,

    // The event loop (base_events.BaseEventLoop).
    pub time: f64,
    pub ready: VecDeque<usize>,
    /// `_scheduled`: timer handles ordered by (deadline, scheduling sequence) (SPEC L3).
    pub scheduled: BTreeMap<(TimeKey, u64), usize>,
    pub handles: Vec<Handle>,
    pub timer_seq: u64,
    /// Tie-breaking jitter (see `event_loop::jitter`): None models CPython exactly.
    pub jitter: Option<u64>,
    /// Shuffled runs (`aiospec_model::run_reordered` with `shuffle`): the random state with
    /// which each turn picks any ready callback instead of the oldest. Every such order is
    /// causally possible (a callback is ready only after what scheduled it ran), so these are
    /// the orders a runtime without asyncio's FIFO queue (tokio) may run work at one instant
    /// in. None models CPython exactly.
    pub shuffle: Option<u64>,
    /// Timeouts (wait's, wait_for's) that fired while other callbacks were ready at the same
    /// instant: what only asyncio's turn order decides (SPEC C2).
    pub busy_timeouts: usize,
    pub stopping: bool,
    pub running: bool,

    // Objects.
    pub futs: Vec<Fut>,
    pub coros: Vec<Coro>,
    pub excs: Vec<Exc>,
    pub sets: Vec<PySet>,
    pub gathers: Vec<GatherState>,
    pub waits: Vec<WaitState>,
    pub timeouts: Vec<TimeoutState>,
    /// `tasks._all_tasks`, in registration order.
    pub all_tasks: Vec<FutId>,
    pub current_task: Option<FutId>,
    pub task_counter: u64,
    pub gather_counter: usize,
    pub wait_counter: usize,
    pub partial_counter: usize,
    pub all_tasks_calls: usize,

    pub events: Vec<Event>,
    pub final_events: Vec<Event>,
    pub iters: Vec<crate::interp::IterState>,
    pub steps: u64,
    pub step_limit: u64,
    pub error: Option<ModelError>,
    /// True while finalising (objects being destroyed at the end of the program).
    pub finalizing: bool,
}

/// An `f64` deadline ordered with `total_cmp`, so timers sort as CPython's heap pops them.
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
        self.0.total_cmp(&other.0)
    }
}

impl<'p> Runtime<'p> {
    pub fn new(prog: &'p Program, v: PyVersion, chooser: &'p mut dyn Chooser) -> Self {
        Runtime {
            v,
            imp: Impl::C,
            prog,
            chooser,
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
            futs: Vec::new(),
            coros: Vec::new(),
            excs: Vec::new(),
            sets: Vec::new(),
            gathers: Vec::new(),
            waits: Vec::new(),
            timeouts: Vec::new(),
            all_tasks: Vec::new(),
            current_task: None,
            task_counter: 0,
            gather_counter: 0,
            wait_counter: 0,
            partial_counter: 0,
            all_tasks_calls: 0,
            events: Vec::new(),
            final_events: Vec::new(),
            iters: Vec::new(),
            steps: 0,
            step_limit: 2_000_000,
            error: None,
            finalizing: false,
        }
    }

    // ---- exceptions ----

    pub fn new_exc(&mut self, class: ExcClass, args: Vec<Value>) -> ExcId {
        self.excs.push(Exc { class, args });
        ExcId(self.excs.len() - 1)
    }

    pub fn new_exc_msg(&mut self, class: ExcClass, msg: &str) -> ExcId {
        self.new_exc(class, vec![Value::str(msg)])
    }

    pub fn exc_is(&self, e: ExcId, class: ExcClass) -> bool {
        self.excs[e.0].class.is_subclass(class, self.v)
    }

    // ---- sets ----

    pub fn new_set(&mut self, items: Vec<Value>, key: String) -> SetId {
        self.sets.push(PySet {
            items,
            order: None,
            key,
        });
        SetId(self.sets.len() - 1)
    }

    /// Iterate a set: the first iteration fixes its order by an explicit choice.
    pub fn set_items(&mut self, s: SetId) -> Vec<Value> {
        if self.sets[s.0].order.is_none() {
            let keys: Vec<u64> = self.sets[s.0]
                .items
                .iter()
                .map(|v| self.object_key(v))
                .collect();
            let key = self.sets[s.0].key.clone();
            let order = self.choose_permutation(&key, &keys, "iteration order of a set");
            self.sets[s.0].order = Some(order);
        }
        let set = &self.sets[s.0];
        let order = set.order.as_ref().expect("order was just fixed");
        order.iter().map(|&i| set.items[i].clone()).collect()
    }

    /// How the oracle names an object in its recorded set orders: a task by its creation
    /// number, a gather by 1,000,000 plus its id.
    pub fn object_key(&self, v: &Value) -> u64 {
        match v {
            Value::Future(f) => match &self.futs[f.0].kind {
                FutKind::Task(d) => d.seq,
                FutKind::Gathering(g) => 1_000_000 + *g as u64 + 1,
                FutKind::Plain => 2_000_000 + f.0 as u64,
            },
            _ => 3_000_000,
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
        out
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(items))
    }

    /// Count a step of work; past the limit the run stops with an error.
    pub fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.step_limit && self.error.is_none() {
            self.error = Some(ModelError::StepLimit(self.step_limit));
        }
        self.error.is_none()
    }
}
