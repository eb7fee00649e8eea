//! Known-wrong variants of the combinators: the conformance suite proves it can fail by
//! rejecting each of them (issue 5's negative controls). They exist only with the `faults`
//! feature, and only on the thread that switched one on.

/// A deliberate bug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// gather as `try_join_all` does it: the first error cancels the other children
    /// (violates SPEC G4).
    GatherDropsSiblings,
    /// gather does not retrieve the errors of children that fail after it is done, so they
    /// are reported (violates G4).
    GatherReportsLate,
    /// wait retrieves every done child's error, so none is reported (violates W6).
    WaitRetrievesAll,
    /// wait leaves its callbacks on the children when it returns (violates W5).
    WaitKeepsCallbacks,
    /// A TaskGroup's first failing child does not cancel the other children (taskgroups.py's
    /// `_abort`).
    TaskGroupKeepsSiblings,
    /// Cancelling shield's outer future cancels the inner one too.
    ShieldForwardsCancel,
    /// An expired timeout lets the CancelledError out instead of raising TimeoutError.
    TimeoutLetsCancelOut,
    /// as_completed never times out.
    AsCompletedIgnoresTimeout,
}

impl Fault {
    pub const ALL: [Fault; 8] = [
        Fault::GatherDropsSiblings,
        Fault::GatherReportsLate,
        Fault::WaitRetrievesAll,
        Fault::WaitKeepsCallbacks,
        Fault::TaskGroupKeepsSiblings,
        Fault::ShieldForwardsCancel,
        Fault::TimeoutLetsCancelOut,
        Fault::AsCompletedIgnoresTimeout,
    ];
}

#[cfg(feature = "faults")]
thread_local! {
    static ACTIVE: std::cell::Cell<Option<Fault>> = const { std::cell::Cell::new(None) };
}

/// Run `body` with `fault` switched on for this thread.
#[cfg(feature = "faults")]
pub fn with_fault<R>(fault: Fault, body: impl FnOnce() -> R) -> R {
    let prev = ACTIVE.with(|a| a.replace(Some(fault)));
    let r = body();
    ACTIVE.with(|a| a.set(prev));
    r
}

#[cfg(feature = "faults")]
pub(crate) fn active(f: Fault) -> bool {
    ACTIVE.with(|a| a.get() == Some(f))
}

#[cfg(not(feature = "faults"))]
#[inline(always)]
pub(crate) fn active(_f: Fault) -> bool {
    false
}
