//! What a timeline picture needs from a run, recorded while it runs (issue 17).
//!
//! The recorder is a plain log: lanes (one per task, per gather and wait call, and one for
//! the loop's own callbacks and the module's code), slots (one per callback the loop runs, in
//! the order `_run_once` runs them, each with its virtual time and turn), and marks (what
//! happened in a slot, on a lane, in the order it happened). It decides nothing and reads
//! nothing back: the run is the same with or without it, and a run that draws no picture
//! has no recorder at all (`Runtime::timeline` is `None`, one branch per hook).

use crate::lang::value::FutId;

/// The most slots a recorder keeps before the finalisers' (the picture draws no more): past
/// it, a run's callbacks are counted, not recorded, so that a long run costs bounded memory.
pub const MAX_SLOTS: usize = 3000;

/// Index of a lane in `Recorder::lanes`.
pub type LaneId = usize;

/// Lane 0: the loop's plain callbacks (timers, `_run_until_complete_cb`, the program's
/// `call_soon` callbacks) and the code that runs outside the loop (the module,
/// `asyncio.run`'s shutdown).
pub const LOOP_LANE: LaneId = 0;

#[derive(Clone, Debug, PartialEq)]
pub enum LaneKind {
    Loop,
    /// A Task: its name (`Task-3`) and its coroutine's label (`a_flaky_tsk(1)`).
    Task {
        name: String,
        coro: String,
    },
    /// The outer future of one `gather()` call (ids count gather calls from 1, as traces do).
    Gather {
        id: usize,
    },
    /// One `asyncio.wait()` call (its waiter future, and its `_on_completion` callbacks).
    Wait {
        id: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Lane {
    pub kind: LaneKind,
    /// The slot in which the lane's object was made.
    pub created: usize,
    /// The lane whose code made it (a gather's children: the gather's caller).
    pub parent: LaneId,
}

impl Lane {
    /// How the picture names the lane.
    pub fn label(&self) -> String {
        match &self.kind {
            LaneKind::Loop => "loop callbacks".into(),
            LaneKind::Task { name, coro } => format!("{name} {coro}"),
            LaneKind::Gather { id } => format!("gather#{id} (outer)"),
            LaneKind::Wait { id } => format!("wait#{id}"),
        }
    }
}

/// When something happened: in a callback the loop ran, or outside the loop.
#[derive(Clone, Debug, PartialEq)]
pub enum SlotKind {
    /// A callback of `_run_once`, on the lane it belongs to, and what it was.
    Callback { lane: LaneId, what: String },
    /// Code outside any callback: the module, `asyncio.run` before and after the loop.
    Outside,
    /// The end of the process: finalisers and the reports they log.
    Finalization,
}

#[derive(Clone, Debug)]
pub struct Slot {
    /// Virtual time.
    pub t: f64,
    /// The `_run_once` iteration (0 before the loop first runs).
    pub turn: u64,
    pub kind: SlotKind,
}

/// How a future ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    Result(String),
    Exception(String),
    Cancelled,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MarkKind {
    /// A lane's object was made (a task created, a gather or wait called).
    Created,
    /// A task's step (`Task.__step`, through `__wakeup` or not) began; `throw` names the
    /// exception thrown into the coroutine, if any.
    Step { throw: Option<String> },
    /// A CancelledError was thrown into the task's coroutine: the cancellation delivered.
    CancelDelivered,
    /// The step ended awaiting `fut` (yielded it to the task).
    Await { fut: usize, label: String },
    /// A future finished. Futures without a lane (sleep's, `loop.create_future()`'s) are
    /// recorded on the lane of the code that finished them, with their id.
    Done { fut: usize, ending: Ending },
    /// `result()` or `exception()` retrieved the exception of `fut` (its `_log_traceback`
    /// cleared, so no report will name it), from the current lane.
    Retrieved { fut: usize, exception: String },
    /// `cancel()` was called on the lane's future, from the lane `by`.
    CancelRequested { by: LaneId },
    /// `print()`.
    Print { text: String },
    /// What a gather or wait returned (the trace's event, as text).
    Returned { text: String },
    /// The loop's exception handler (a report), or a finaliser's report at exit.
    Report { message: String, text: String },
    /// What `asyncio.run()` returned or raised; the exit of the program.
    Main { text: String },
    /// A warning at exit (`coroutine ... was never awaited`).
    Warning { text: String },
    /// Nothing left to run and no timer: CPython would block forever.
    Stuck,
    /// A nondeterministic choice (a set's order): its reason and the order taken.
    Choice { why: String, order: Vec<usize> },
}

/// One thing that happened, in the order the run did it.
#[derive(Clone, Debug)]
pub struct Mark {
    pub slot: usize,
    pub lane: LaneId,
    pub kind: MarkKind,
}

/// The recorder the runtime carries when a picture is asked for; after the run, the
/// timeline itself.
#[derive(Clone, Debug)]
pub struct Recorder {
    pub lanes: Vec<Lane>,
    pub slots: Vec<Slot>,
    pub marks: Vec<Mark>,
    /// The lane of each future that has one, by future id.
    lane_of_fut: Vec<Option<LaneId>>,
    /// The lane of each wait call, by its index in `Runtime::waits` order of creation.
    wait_lanes: Vec<LaneId>,
    /// The lane of each gather call, by gather index.
    gather_lanes: Vec<Option<LaneId>>,
    turn: u64,
    /// The callback running now, if any.
    current: Option<LaneId>,
    /// Whether the last slot is still open for marks made outside callbacks.
    outside_open: bool,
    /// Lanes with a cancellation requested and not yet delivered.
    cancel_pending: Vec<LaneId>,
    /// Slots past `MAX_SLOTS` that were counted and not recorded.
    pub dropped_slots: usize,
    /// Whether the recording was cut at `MAX_SLOTS` (then resumed for the finalisers).
    pub truncated: bool,
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::new()
    }
}

impl Recorder {
    pub fn new() -> Recorder {
        Recorder {
            lanes: vec![Lane {
                kind: LaneKind::Loop,
                created: 0,
                parent: LOOP_LANE,
            }],
            slots: Vec::new(),
            marks: Vec::new(),
            lane_of_fut: Vec::new(),
            wait_lanes: Vec::new(),
            gather_lanes: Vec::new(),
            turn: 0,
            current: None,
            outside_open: false,
            cancel_pending: Vec::new(),
            dropped_slots: 0,
            truncated: false,
        }
    }

    /// Past `MAX_SLOTS` and not yet finalising: nothing more is recorded.
    fn full(&self) -> bool {
        self.dropped_slots > 0
    }

    /// The lane of the code running now.
    pub fn current_lane(&self) -> LaneId {
        self.current.unwrap_or(LOOP_LANE)
    }

    /// The lane of future `f`, if it has one (tasks, gathers' outer futures, waits' waiters).
    pub fn lane_of(&self, f: FutId) -> Option<LaneId> {
        self.lane_of_fut.get(f.0).copied().flatten()
    }

    /// The lane of gather call `g` (its index), if recorded.
    pub fn gather_lane(&self, g: usize) -> Option<LaneId> {
        self.gather_lanes.get(g).copied().flatten()
    }

    /// The lane of wait call `i` (its index in `Runtime::waits`).
    pub fn wait_lane(&self, i: usize) -> Option<LaneId> {
        self.wait_lanes.get(i).copied()
    }

    fn set_lane_of(&mut self, f: FutId, lane: LaneId) {
        if self.lane_of_fut.len() <= f.0 {
            self.lane_of_fut.resize(f.0 + 1, None);
        }
        self.lane_of_fut[f.0] = Some(lane);
    }

    /// The slot for a mark made now: the running callback's, else an open slot outside the
    /// loop (a new one after a callback ran).
    fn slot_now(&mut self, t: f64) -> usize {
        if self.current.is_some() || self.outside_open {
            if let Some(last) = self.slots.len().checked_sub(1) {
                return last;
            }
        }
        self.slots.push(Slot {
            t,
            turn: self.turn,
            kind: SlotKind::Outside,
        });
        self.outside_open = true;
        self.slots.len() - 1
    }

    /// Add a mark on `lane`, now.
    pub fn mark(&mut self, t: f64, lane: LaneId, kind: MarkKind) {
        if self.full() {
            return;
        }
        if matches!(kind, MarkKind::CancelRequested { .. }) && !self.cancel_pending.contains(&lane)
        {
            self.cancel_pending.push(lane);
        }
        let slot = self.slot_now(t);
        self.marks.push(Mark { slot, lane, kind });
    }

    /// A CancelledError was thrown into the task on `lane`: if a cancellation of it was
    /// requested, this step delivers it (a CancelledError from a task it awaited, cancelled
    /// by someone else, is not its own cancellation).
    pub fn cancelled_error_thrown(&mut self, t: f64, lane: LaneId) {
        if let Some(i) = self.cancel_pending.iter().position(|&l| l == lane) {
            self.cancel_pending.swap_remove(i);
            self.mark(t, lane, MarkKind::CancelDelivered);
        }
    }

    /// A mark on the lane of the code running now.
    pub fn mark_here(&mut self, t: f64, kind: MarkKind) {
        let lane = self.current_lane();
        self.mark(t, lane, kind);
    }

    /// `_run_once` began an iteration.
    pub fn turn_began(&mut self) {
        self.turn += 1;
    }

    /// The loop is about to run a callback on `lane`.
    pub fn callback_began(&mut self, t: f64, lane: LaneId, what: String) {
        if self.full() || self.slots.len() >= MAX_SLOTS {
            self.dropped_slots += 1;
            return;
        }
        self.slots.push(Slot {
            t,
            turn: self.turn,
            kind: SlotKind::Callback { lane, what },
        });
        self.current = Some(lane);
        self.outside_open = false;
    }

    /// The callback returned.
    pub fn callback_ended(&mut self) {
        self.current = None;
        self.outside_open = false;
    }

    /// The process is ending: the finalisers' slot.
    pub fn finalization_began(&mut self, t: f64) {
        // The reports at exit are drawn even after a cut.
        if self.full() {
            self.dropped_slots = 0;
            self.truncated = true;
        }
        self.current = None;
        self.slots.push(Slot {
            t,
            turn: self.turn,
            kind: SlotKind::Finalization,
        });
        self.outside_open = true;
    }

    /// A task was made: a lane of its own.
    pub fn task_created(&mut self, t: f64, f: FutId, name: String, coro: String) {
        self.new_lane(t, LaneKind::Task { name, coro }, Some(f));
    }

    /// Task `f` is labelled after its coroutine now (made by a task factory or eagerly, it was
    /// `Task` until `create_task` returned it).
    pub fn task_labelled(&mut self, f: FutId, label: String) {
        if let Some(lane) = self.lane_of(f) {
            if let LaneKind::Task { coro, .. } = &mut self.lanes[lane].kind {
                *coro = label;
            }
        }
    }

    /// `gather()` was called (gather index `g`, id `g + 1`): a lane for its outer future,
    /// made before its children so that it is drawn above them.
    pub fn gather_called(&mut self, t: f64, g: usize) {
        let lane = self.new_lane(t, LaneKind::Gather { id: g + 1 }, None);
        if self.gather_lanes.len() <= g {
            self.gather_lanes.resize(g + 1, None);
        }
        self.gather_lanes[g] = Some(lane);
    }

    /// The outer future of gather `g` exists now.
    pub fn gather_outer(&mut self, g: usize, outer: FutId) {
        if let Some(lane) = self.gather_lane(g) {
            self.set_lane_of(outer, lane);
        }
    }

    /// `asyncio.wait()` call number `id` started; its state will be `Runtime::waits[index]`
    /// once the waiter is made (`wait_waiter`).
    pub fn wait_called(&mut self, t: f64, id: usize) -> LaneId {
        self.new_lane(t, LaneKind::Wait { id }, None)
    }

    /// The waiter future of the wait on `lane`, at index `index` of `Runtime::waits`.
    pub fn wait_waiter(&mut self, lane: LaneId, index: usize, waiter: FutId) {
        self.set_lane_of(waiter, lane);
        if self.wait_lanes.len() <= index {
            self.wait_lanes.resize(index + 1, LOOP_LANE);
        }
        self.wait_lanes[index] = lane;
    }

    fn new_lane(&mut self, t: f64, kind: LaneKind, f: Option<FutId>) -> LaneId {
        if self.full() {
            return LOOP_LANE;
        }
        let parent = self.current_lane();
        let created = self.slot_now(t);
        self.lanes.push(Lane {
            kind,
            created,
            parent,
        });
        let lane = self.lanes.len() - 1;
        if let Some(f) = f {
            self.set_lane_of(f, lane);
        }
        self.marks.push(Mark {
            slot: created,
            lane,
            kind: MarkKind::Created,
        });
        lane
    }

    /// The lane a mark about future `f` goes on: its own, else the current one.
    pub fn lane_for(&self, f: FutId) -> LaneId {
        self.lane_of(f).unwrap_or_else(|| self.current_lane())
    }

    /// The lanes that are tasks.
    pub fn task_lanes(&self) -> impl Iterator<Item = LaneId> + '_ {
        (0..self.lanes.len()).filter(|&l| matches!(self.lanes[l].kind, LaneKind::Task { .. }))
    }
}
