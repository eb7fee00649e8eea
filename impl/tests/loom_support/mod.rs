//! What the loom tests share: a handler that counts reports, per model run.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aiospec_impl::report::{self, Report};

/// Reports made under [`Reports::scope`], kept per test (futures keep the handler they were
/// made under, so tests running in parallel do not see each other's).
#[derive(Clone, Default)]
pub struct Reports(Arc<Mutex<Vec<Report>>>);

#[allow(dead_code)]
impl Reports {
    pub fn scope<R>(&self, f: impl FnOnce() -> R) -> R {
        let r = self.0.clone();
        report::with_exception_handler(Arc::new(move |rep| r.lock().unwrap().push(rep)), f)
    }

    pub fn take(&self) -> Vec<Report> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// Counts how often something ran (a callback, a completion).
#[derive(Clone, Default)]
pub struct Count(Arc<AtomicUsize>);

#[allow(dead_code)]
impl Count {
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Both outcomes of a race were seen (over every run of a model).
#[allow(dead_code)]
pub struct Seen(pub AtomicUsize, pub AtomicUsize);

#[allow(dead_code)]
impl Seen {
    pub const fn new() -> Self {
        Seen(AtomicUsize::new(0), AtomicUsize::new(0))
    }

    pub fn note(&self, first: bool) {
        if first { &self.0 } else { &self.1 }.fetch_add(1, Ordering::SeqCst);
    }

    pub fn both(&self) -> bool {
        self.0.load(Ordering::SeqCst) > 0 && self.1.load(Ordering::SeqCst) > 0
    }
}
