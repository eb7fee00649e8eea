//! The closure state of asyncio's combinators: what CPython keeps in the closures of
//! `gather()`, `_wait()` and in `timeouts.Timeout`.

use crate::lang::value::FutId;

/// `asyncio.gather()`'s closure state: `children`, `nfuts`, `nfinished`, `return_exceptions`,
/// and the outer `_GatheringFuture` (`_cancel_requested` lives here too).
#[derive(Clone, Debug)]
pub struct GatherState {
    /// The number the oracle gives the gather (`gather#N`): 1 for the first outer future
    /// made, counted when it is made (after the children: an eager child's own gathers come
    /// first). 0 until then.
    pub id: usize,
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
