//! The synchronisation facade: std's types normally, loom's under `cfg(loom)`, so the same
//! code runs in production and under loom's exhaustive interleavings (as tokio's `loom`
//! module does). Every Arc, Mutex and atomic in this crate comes from here.

#[cfg(loom)]
pub(crate) use loom::sync::{
    atomic::{AtomicBool, AtomicU64, Ordering},
    Arc, Mutex, MutexGuard,
};

#[cfg(not(loom))]
pub(crate) use std::sync::{
    atomic::{AtomicBool, AtomicU64, Ordering},
    Arc, Mutex, MutexGuard,
};

/// Lock, ignoring poisoning: a panic inside a child is caught before it can poison our locks,
/// and callbacks run outside them.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
