//! What a failed await raises: the child's error, a panic, a cancellation, a timeout, or
//! misuse (asyncio's `InvalidStateError`).

use std::fmt;

/// The error side of awaiting a task, a gather or a wait_for, as Python would raise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raised<E> {
    /// The child's own error (a Python exception).
    Error(E),
    /// The child panicked; the panic message (SPEC-impl: a panic is an exception outcome).
    Panic(String),
    /// `CancelledError`, with the cancel message if any.
    Cancelled(Option<String>),
    /// `TimeoutError` from `wait_for`.
    Timeout,
    /// `InvalidStateError` (e.g. `result()` of a pending future).
    InvalidState(&'static str),
}

impl<E> Raised<E> {
    /// Is this a `CancelledError`?
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Raised::Cancelled(_))
    }
}

impl<E: fmt::Debug> fmt::Display for Raised<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raised::Error(e) => write!(f, "{e:?}"),
            Raised::Panic(m) => write!(f, "panic: {m}"),
            Raised::Cancelled(None) => write!(f, "CancelledError()"),
            Raised::Cancelled(Some(m)) => write!(f, "CancelledError({m:?})"),
            Raised::Timeout => write!(f, "TimeoutError()"),
            Raised::InvalidState(m) => write!(f, "InvalidStateError({m:?})"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Raised<E> {}
