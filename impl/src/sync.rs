//! The synchronisation facade: std's types normally, loom's under `cfg(loom)` and shuttle's
//! under `cfg(shuttle)`, so the same code runs in production, under loom's exhaustive
//! interleavings and under shuttle's randomized schedules (as tokio's `loom` module does).
//! Every Mutex, Condvar, atomic, thread and thread-local that synchronises comes from here.
//!
//! `Arc` is std's in every mode: a future's shared state is held in an `Arc` that is coerced
//! to trait objects (`Arc<dyn Fire>`, `Arc<dyn TaskRef>`) so that scheduling a callback or
//! recording what a task awaits allocates nothing, and loom's `Arc` cannot be coerced. The
//! reference count itself is std's, which needs no model checking; what it protects (each
//! future's `Mutex`, a task's atomics) is the facade's, and that is what loom explores.

#[cfg(loom)]
pub(crate) use loom::sync::{
    atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

#[cfg(all(shuttle, not(loom)))]
pub(crate) use shuttle::sync::{
    atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

#[cfg(not(any(loom, shuttle)))]
pub(crate) use std::sync::{
    atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

pub(crate) use std::sync::{Arc, Weak};

/// Threads: the workers of [`crate::workers`].
#[cfg(loom)]
pub(crate) use loom::thread;
#[cfg(all(shuttle, not(loom)))]
pub(crate) use shuttle::thread;
#[cfg(not(any(loom, shuttle)))]
pub(crate) use std::thread;

/// `thread_local!` from the facade: loom and shuttle run their threads on one OS thread, so a
/// std thread-local would be shared by every modelled thread (the current task, the current
/// runtime).
#[cfg(not(any(loom, shuttle)))]
macro_rules! facade_thread_local {
    ($($(#[$m:meta])* static $name:ident: $t:ty = $init:expr;)+) => {
        std::thread_local! { $($(#[$m])* static $name: $t = const { $init };)+ }
    };
}
#[cfg(loom)]
macro_rules! facade_thread_local {
    ($($(#[$m:meta])* static $name:ident: $t:ty = $init:expr;)+) => {
        loom::thread_local! { $($(#[$m])* static $name: $t = $init;)+ }
    };
}
#[cfg(all(shuttle, not(loom)))]
macro_rules! facade_thread_local {
    ($($(#[$m:meta])* static $name:ident: $t:ty = $init:expr;)+) => {
        shuttle::thread_local! { $($(#[$m])* static $name: $t = $init;)+ }
    };
}
pub(crate) use facade_thread_local;

/// Lock, ignoring poisoning: a panic inside a child is caught before it can poison our locks,
/// and callbacks run outside them.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
