//! loom: `wait_for`'s timeout racing the child's completion and an outer cancel, on the
//! multi-worker executor. Invariants: the task running `wait_for` finishes exactly once, and
//! its outcome is one asyncio allows for that order (SPEC WF2, WF4): the value only if the
//! child got it, a timeout only with the child cancelled, a cancellation only if it was
//! taken.
#![cfg(loom)]

mod loom_support;

use std::time::Duration;

use aiospec_impl::{spawn, wait_for, AioFuture, Raised, Workers};
use loom::thread;
use loom_support::Count;

type F = AioFuture<u32, &'static str>;

#[test]
fn wait_for_timeout_races_the_childs_completion() {
    loom::model(|| {
        let w = Workers::new();
        let fut: F = w.enter(AioFuture::new);
        let (f2, k) = (fut.clone(), w.keep_alive());
        let t = thread::spawn(move || {
            let _k = k;
            f2.set_result(1)
        });
        let f3 = fut.clone();
        let r = w.block_on(1, async move {
            wait_for(f3, Some(Duration::from_secs(1))).await
        });
        let set = t.join().unwrap();
        match r.expect("wait_for returned") {
            Ok(v) => assert!(set && v == 1),
            // WF2: timed out: the child was cancelled (so the completion lost).
            Err(Raised::Timeout) => assert!(fut.cancelled() && !set),
            other => panic!("unexpected {other:?}"),
        }
    });
}

#[test]
fn wait_for_outer_cancel_races_the_childs_completion() {
    loom::model(|| {
        let w = Workers::new();
        let finished = Count::default();
        let fut: F = w.enter(AioFuture::new);
        let f2 = fut.clone();
        let task = w.enter(|| {
            spawn(async move { wait_for(f2, Some(Duration::from_secs(10))).await }).unwrap()
        });
        let n = finished.clone();
        task.add_done_callback(move |_| n.bump());
        let (f3, ks) = (fut.clone(), w.keep_alive());
        let setter = thread::spawn(move || {
            let _k = ks;
            f3.set_result(1)
        });
        let (t2, kc) = (task.clone(), w.keep_alive());
        let canceller = thread::spawn(move || {
            let _k = kc;
            t2.cancel(None)
        });
        let t3 = task.clone();
        let r = w.block_on(1, async move { t3.await });
        let set = setter.join().unwrap();
        let took = canceller.join().unwrap();
        while w.run_one() {}
        assert_eq!(finished.get(), 1, "the task finished exactly once");
        assert!(fut.done());
        match r.expect("the task finished") {
            Ok(v) => assert!(set && v == 1),
            Err(Raised::Timeout) => assert!(fut.cancelled()),
            // WF4: cancelled while waiting: the child was cancelled, or had just finished.
            Err(Raised::Cancelled(_)) => assert!(took && (fut.cancelled() || set)),
            other => panic!("unexpected {other:?}"),
        }
    });
}
