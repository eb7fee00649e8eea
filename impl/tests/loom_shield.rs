//! loom: `shield`'s outer future cancelled while the inner one completes with an error
//! (`tasks.py` `shield`, `_inner_done_callback`, `_outer_done_callback`). Invariants: the
//! outer future completes exactly once; the error is reported at most once, and only as the
//! inner future's when the outer one was cancelled; an outer future that took the error and
//! was then "cancelled" (too late, SPEC R4) is not reported.
#![cfg(loom)]

mod loom_support;

use aiospec_impl::{shield, AioFuture, Raised, Workers};
use loom::thread;
use loom_support::{Count, Reports};

type F = AioFuture<u32, &'static str>;

#[test]
fn shield_outer_cancelled_while_the_inner_completes() {
    loom::model(|| {
        let reports = Reports::default();
        reports.scope(|| {
            let w = std::sync::Arc::new(Workers::new());
            let inner: F = w.enter(AioFuture::new);
            let outer = w.enter(|| shield(inner.clone()));
            let completions = Count::default();
            let n = completions.clone();
            outer.add_done_callback(move |_| n.bump());
            // The completing thread also runs the callbacks it schedules, racing the cancel.
            let (i2, w2) = (inner.clone(), w.clone());
            let completer = thread::spawn(move || {
                i2.set_exception(Raised::Error("x"));
                while w2.run_one() {}
            });
            let o2 = outer.clone();
            let canceller = thread::spawn(move || o2.cancel(None));
            completer.join().unwrap();
            let took = canceller.join().unwrap();
            while w.run_one() {}
            assert_eq!(completions.get(), 1, "the outer future completed once");
            assert_eq!(outer.cancelled(), took);
            if !took {
                assert_eq!(outer.peek(), Some(Err(Raised::Error("x"))));
            }
            let outer_cancelled = outer.cancelled();
            drop((inner, outer, w));
            let r = reports.take();
            assert!(r.len() <= 1, "{r:?}");
            if let Some(rep) = r.first() {
                assert!(
                    outer_cancelled,
                    "only a shield that let go leaves an error: {rep:?}"
                );
                assert_eq!(rep.message, "Future exception was never retrieved");
            }
        });
    });
}
