//! loom: a done callback removed while the future completes and its callback fires on
//! another thread (SPEC F2; `futures.py` `remove_done_callback`). Invariant: the callback runs
//! exactly once if `remove_done_callback` did not remove it, and never if it did.
#![cfg(loom)]

mod loom_support;

use aiospec_impl::{AioFuture, Workers};
use loom::thread;
use loom_support::{Count, Seen};

static REMOVED: Seen = Seen::new();

#[test]
fn done_callback_removed_while_it_fires() {
    loom::model(|| {
        let w = std::sync::Arc::new(Workers::new());
        let f: AioFuture<u32, ()> = w.enter(AioFuture::new);
        let ran = Count::default();
        let r = ran.clone();
        let id = f.add_done_callback(move |_| r.bump());
        let (f2, w2) = (f.clone(), w.clone());
        let completer = thread::spawn(move || {
            f2.set_result(1);
            while w2.run_one() {}
        });
        let removed = f.remove_done_callback(id);
        completer.join().unwrap();
        while w.run_one() {}
        assert_eq!(
            ran.get() + removed,
            1,
            "removed ({removed}) or ran, exactly one"
        );
        REMOVED.note(removed == 1);
    });
    assert!(REMOVED.both());
}
