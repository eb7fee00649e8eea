//! loom: aiospec-impl's synchronisation under every interleaving loom explores
//! (`RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=2 cargo test -p aiospec-impl --release --test loom_gather`).
//! Each test is named after the race it explores and asserts the model's invariants: the
//! outer future completes exactly once with the right outcome, each report happens once.
#![cfg(loom)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc as StdArc;

use aiospec_impl::report;
use aiospec_impl::{gather, AioFuture, Raised};
use loom::thread;

type F = AioFuture<u32, &'static str>;

/// A handler that counts reports. Futures keep the scoped handler they were made under, so
/// each test counts its own reports while loom tests run in parallel.
fn counting_reports() -> (StdArc<AtomicUsize>, report::Handler) {
    let reports = StdArc::new(AtomicUsize::new(0));
    let r = reports.clone();
    let h: report::Handler = std::sync::Arc::new(move |_| {
        r.fetch_add(1, Ordering::SeqCst);
    });
    (reports, h)
}

static SEEN_ACCEPTED: AtomicUsize = AtomicUsize::new(0);
static SEEN_REFUSED: AtomicUsize = AtomicUsize::new(0);
static SEEN_CANCEL_WON: AtomicUsize = AtomicUsize::new(0);
static SEEN_RESULT_WON: AtomicUsize = AtomicUsize::new(0);

#[test]
fn child_completes_while_outer_cancelled() {
    // G6: the cancel returns true iff a child accepted; then the gather raises CancelledError,
    // else it finishes with the results. Either way exactly once.
    loom::model(|| {
        let c1: F = AioFuture::new();
        let c2: F = AioFuture::new();
        let g = gather(vec![c1.clone(), c2.clone()], true);
        let completions = StdArc::new(AtomicUsize::new(0));
        let n = completions.clone();
        g.future().add_done_callback(move |_| {
            n.fetch_add(1, Ordering::SeqCst);
        });
        let t = thread::spawn(move || {
            c1.set_result(1);
            c2.set_result(2);
        });
        let g2 = g.clone();
        let canceller = thread::spawn(move || g2.cancel(None));
        t.join().unwrap();
        let accepted = canceller.join().unwrap();
        assert!(g.done());
        assert_eq!(completions.load(Ordering::SeqCst), 1);
        match g.result() {
            Err(Raised::Cancelled(_)) => assert!(accepted),
            Ok(_) => assert!(!accepted),
            other => panic!("unexpected {other:?}"),
        }
        if accepted {
            SEEN_ACCEPTED.fetch_add(1, Ordering::SeqCst);
        } else {
            SEEN_REFUSED.fetch_add(1, Ordering::SeqCst);
        }
    });
    // Both orders were explored.
    assert!(SEEN_ACCEPTED.load(Ordering::SeqCst) > 0 && SEEN_REFUSED.load(Ordering::SeqCst) > 0);
}

#[test]
fn first_error_races_a_sibling_on_another_thread() {
    // G2, G4: whichever error completes first fails the gather; the other is retrieved by the
    // gather's callback: no report either way.
    loom::model(|| {
        let (reports, handler) = counting_reports();
        report::with_exception_handler(handler, || {
            let c1: F = AioFuture::new();
            let c2: F = AioFuture::new();
            let g = gather(vec![c1.clone(), c2.clone()], false);
            let a = thread::spawn(move || {
                c1.set_exception(Raised::Error("a"));
            });
            let b = thread::spawn(move || {
                c2.set_exception(Raised::Error("b"));
            });
            a.join().unwrap();
            b.join().unwrap();
            let e = g.result().unwrap_err();
            assert!(e == Raised::Error("a") || e == Raised::Error("b"));
            drop(g);
            assert_eq!(reports.load(Ordering::SeqCst), 0);
        })
    });
}

#[test]
fn handles_dropped_on_two_threads_report_once() {
    // R6: the last handle of an unretrieved failure reports exactly once.
    loom::model(|| {
        let (reports, handler) = counting_reports();
        report::with_exception_handler(handler, || {
            let f: F = AioFuture::new();
            f.set_exception(Raised::Error("x"));
            let f2 = f.clone();
            let t = thread::spawn(move || drop(f2));
            drop(f);
            t.join().unwrap();
            assert_eq!(reports.load(Ordering::SeqCst), 1);
        })
    });
}

#[test]
fn retrieval_races_the_last_drop() {
    // R2: a result() on one thread and a drop on another: retrieved, so never reported.
    loom::model(|| {
        let (reports, handler) = counting_reports();
        report::with_exception_handler(handler, || {
            let f: F = AioFuture::new();
            f.set_exception(Raised::Error("x"));
            let f2 = f.clone();
            let t = thread::spawn(move || {
                let _ = f2.result();
            });
            drop(f);
            t.join().unwrap();
            assert_eq!(reports.load(Ordering::SeqCst), 0);
        })
    });
}

#[test]
fn cancel_races_completion() {
    // F1, R4: exactly one of set_result and cancel wins; the callback runs once.
    loom::model(|| {
        let f: F = AioFuture::new();
        let runs = StdArc::new(AtomicUsize::new(0));
        let n = runs.clone();
        f.add_done_callback(move |_| {
            n.fetch_add(1, Ordering::SeqCst);
        });
        let f2 = f.clone();
        let t = thread::spawn(move || f2.set_result(1));
        let cancelled = f.cancel(None);
        let set = t.join().unwrap();
        assert!(cancelled ^ set);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(f.cancelled(), cancelled);
        if cancelled {
            SEEN_CANCEL_WON.fetch_add(1, Ordering::SeqCst);
        } else {
            SEEN_RESULT_WON.fetch_add(1, Ordering::SeqCst);
        }
    });
    assert!(
        SEEN_CANCEL_WON.load(Ordering::SeqCst) > 0 && SEEN_RESULT_WON.load(Ordering::SeqCst) > 0
    );
}

#[test]
fn callback_added_while_completing() {
    // F2: a callback added concurrently with completion runs exactly once, either from the
    // completion or at once from add_done_callback.
    loom::model(|| {
        let f: F = AioFuture::new();
        let runs = StdArc::new(AtomicUsize::new(0));
        let f2 = f.clone();
        let t = thread::spawn(move || f2.set_result(3));
        let n = runs.clone();
        f.add_done_callback(move |_| {
            n.fetch_add(1, Ordering::SeqCst);
        });
        t.join().unwrap();
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn children_complete_while_gather_is_being_built() {
    // G1: a child may complete on another thread while gather() is still registering its
    // callbacks; the gather must still finish, exactly once, with the results.
    loom::model(|| {
        let c1: F = AioFuture::new();
        let c2: F = AioFuture::new();
        let (d1, d2) = (c1.clone(), c2.clone());
        let t = thread::spawn(move || {
            d1.set_result(1);
            d2.set_result(2);
        });
        let g = gather(vec![c1, c2], false);
        t.join().unwrap();
        assert!(g.done(), "the gather never finished");
        assert_eq!(g.result(), Ok(vec![Ok(1), Ok(2)]));
    });
}
