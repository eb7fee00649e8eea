//! loom: `wait`'s waiter racing its timeout and completions on other threads, on the
//! multi-worker executor (`Workers`) built from the sync facade. Each test is named after
//! its race and asserts the model's invariants: `wait` returns exactly once, with a split
//! that holds, its callbacks gone from the pending children (SPEC W5), and every error
//! reported once unless retrieved (SPEC W6, R6).
#![cfg(loom)]

mod loom_support;

use std::time::Duration;

use aiospec_impl::{wait, AioFuture, Raised, ReturnWhen, Workers};
use loom::thread;
use loom_support::{Reports, Seen};

type F = AioFuture<u32, &'static str>;

static TIMEOUT_OR_COMPLETION: Seen = Seen::new();

#[test]
fn wait_waiter_races_its_timeout_and_a_completion_on_another_thread() {
    // W2, W11: whichever comes first wakes the wait; the other changes nothing.
    loom::model(|| {
        let reports = Reports::default();
        reports.scope(|| {
            let w = Workers::new();
            let (a, b): (F, F) = w.enter(|| (AioFuture::new(), AioFuture::new()));
            let (a2, k) = (a.clone(), w.keep_alive());
            let t = thread::spawn(move || {
                a2.set_exception(Raised::Error("a"));
                drop(k);
            });
            let (a3, b3) = (a.clone(), b.clone());
            let split = w.block_on(1, async move {
                let r = wait(
                    vec![a3, b3],
                    Some(Duration::from_secs(1)),
                    ReturnWhen::FirstCompleted,
                )
                .await
                .expect("non-empty")
                .expect("not cancelled");
                let all_done = r.done.iter().all(AioFuture::done);
                let removed = r.pending.iter().all(|f| f.callbacks_registered() == 0);
                (r.done.len(), r.pending.len(), all_done, removed)
            });
            t.join().unwrap();
            let (done, pending, all_done, removed) = split.expect("wait returned");
            assert_eq!(done + pending, 2);
            assert!(all_done && removed);
            assert!(pending >= 1, "b never completes");
            TIMEOUT_OR_COMPLETION.note(done == 0);
            assert!(a.done() && !b.done());
            drop((a, b, w));
            // a's error: nobody retrieved it, wherever it ended up (W6, R6).
            let r = reports.take();
            assert_eq!(r.len(), 1, "{r:?}");
        });
    });
    assert!(
        TIMEOUT_OR_COMPLETION.both(),
        "both the timeout and the completion won somewhere"
    );
}

#[test]
fn wait_first_exception_wakes_once_for_completions_on_two_threads() {
    // W3, W4: one wake-up; the error that woke it is retrieved, unless it was the last
    // completion; callbacks removed from whatever is still pending (W5).
    loom::model(|| {
        let reports = Reports::default();
        reports.scope(|| {
            let w = Workers::new();
            let (a, b): (F, F) = w.enter(|| (AioFuture::new(), AioFuture::new()));
            let (a2, b2) = (a.clone(), b.clone());
            let (ka, kb) = (w.keep_alive(), w.keep_alive());
            let ta = thread::spawn(move || {
                a2.set_exception(Raised::Error("a"));
                drop(ka);
            });
            let tb = thread::spawn(move || {
                b2.set_result(2);
                drop(kb);
            });
            let (a3, b3) = (a.clone(), b.clone());
            let split = w.block_on(1, async move {
                let r = wait(vec![a3, b3], None, ReturnWhen::FirstException)
                    .await
                    .expect("non-empty")
                    .expect("not cancelled");
                let removed = r.pending.iter().all(|f| f.callbacks_registered() == 0);
                (r.done.len(), removed)
            });
            ta.join().unwrap();
            tb.join().unwrap();
            let (done, removed) = split.expect("wait returned");
            assert!(done >= 1 && removed);
            drop((a, b, w));
            // a's error is reported at most once (retrieved when it woke the wait).
            assert!(reports.take().len() <= 1);
        });
    });
}
