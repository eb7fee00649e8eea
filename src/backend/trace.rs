//! Trace emission: events recorded as the run goes, a gather's outcome traced when it
//! completes (as the oracle does), `asyncio.run`'s outcome, and the finalisation part of the
//! trace (reports of the finalisers, coroutines never awaited).
//!
//! Apart because it is the contract with the model: the file to read against the trace
//! format, whichever runtime produced the events.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use aiospec_impl as imp;
use aiospec_model::lang::repr::repr_str;
use aiospec_model::{Event, Outcome, Trace};

use super::interp::Interp;
use super::value::{exc_repr, repr, to_exc, PyExc, R, V};

impl Interp {
    pub(super) fn event(&self, e: Event) {
        self.events.lock().unwrap().push(e);
    }
}

/// Trace a gather's outcome at the moment it completes, as the oracle does in
/// `_GatheringFuture.set_result` / `set_exception`.
pub(super) fn record_gather(
    interp: &Arc<Interp>,
    g: &imp::Gather<V, PyExc>,
    id: usize,
    shutdown: bool,
) {
    let interp = interp.clone();
    g.future().observe(move |f| {
        let outcome = match f.peek().expect("observed at completion") {
            Ok(results) => Outcome::Result(repr(&V::List(Arc::new(
                results
                    .into_iter()
                    .map(|x| x.unwrap_or_else(|e| V::Exc(Arc::new(to_exc(&e)))))
                    .collect(),
            )))),
            Err(e) => Outcome::Exception(exc_repr(&to_exc(&e))),
        };
        interp.event(Event::Gather {
            id,
            t: interp.now(),
            outcome,
            shutdown,
        });
    });
}

pub(super) fn outcome_of(r: &R<V>) -> Outcome {
    match r {
        Ok(v) => Outcome::Result(repr(v)),
        Err(e) => Outcome::Exception(exc_repr(&to_exc(e))),
    }
}

pub(super) const STOPPED: &str = "Event loop stopped before Future completed.";

pub(super) fn stopped() -> Outcome {
    Outcome::Exception(format!("RuntimeError({})", repr_str(STOPPED)))
}

/// The trace of a finished run: its events, then what the finalisers reported and the
/// coroutines never awaited, normalised.
pub(super) fn finish_trace(interp: &Interp, collector: &imp::report::Collector) -> Trace {
    let mut trace = Trace {
        events: std::mem::take(&mut *interp.events.lock().unwrap()),
        finalization: vec![],
    };
    for r in collector.take() {
        trace.finalization.push(Event::Report {
            message: r.message,
            future: r.future,
            exception: if r.exception.is_empty() {
                None
            } else {
                Some(r.exception)
            },
            text: None,
        });
    }
    for c in interp.coros.lock().unwrap().iter() {
        if !c.started.load(Ordering::SeqCst) {
            trace.finalization.push(Event::Warning {
                category: "RuntimeWarning".into(),
                message: format!("coroutine '{}' was never awaited", interp.defs[c.def].name),
            });
        }
    }
    trace.normalize();
    trace
}
