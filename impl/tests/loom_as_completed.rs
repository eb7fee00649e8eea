//! loom: `as_completed`'s queue filled from two threads while the consumer waits
//! (`tasks.py` `_AsCompletedIterator`). Invariants: each future is yielded exactly once, in
//! an order its completions allow, and then iteration ends.
#![cfg(loom)]

use aiospec_impl::{as_completed, AioFuture, Workers};
use loom::thread;

type F = AioFuture<u32, ()>;

#[test]
fn as_completed_queue_takes_completions_from_two_threads() {
    loom::model(|| {
        let w = Workers::new();
        let (a, b): (F, F) = w.enter(|| (AioFuture::new(), AioFuture::new()));
        let (a2, b2) = (a.clone(), b.clone());
        let (ka, kb) = (w.keep_alive(), w.keep_alive());
        let ta = thread::spawn(move || {
            let _k = ka;
            a2.set_result(1)
        });
        let tb = thread::spawn(move || {
            let _k = kb;
            b2.set_result(2)
        });
        let (a3, b3) = (a.clone(), b.clone());
        let out = w.block_on(1, async move {
            let mut it = as_completed(vec![a3, b3], None).unwrap();
            let mut got = Vec::new();
            while let Some(r) = it.next_result().await {
                got.push(r.unwrap());
            }
            got
        });
        ta.join().unwrap();
        tb.join().unwrap();
        let mut got = out.expect("iteration ended");
        got.sort();
        assert_eq!(got, vec![1, 2]);
    });
}
