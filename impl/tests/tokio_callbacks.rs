//! Done callbacks on tokio: queued and run by a spawned task (SPEC F2), in asyncio's FIFO
//! order relative to the tasks a completion wakes, and never lost to a runtime that shut
//! down before running them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use aiospec_impl::{spawn, AioFuture, Raised};

type F = AioFuture<u32, ()>;

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

#[test]
fn f2_callbacks_and_awaiting_tasks_run_in_the_order_they_were_added() {
    let log: Arc<Mutex<Vec<&'static str>>> = Arc::default();
    let l = log.clone();
    current_thread().block_on(async move {
        let f: F = AioFuture::new();
        let l1 = l.clone();
        f.add_done_callback(move |_| l1.lock().unwrap().push("cb1"));
        let (g, lt) = (f.clone(), l.clone());
        let t = spawn(async move {
            let _ = g.await;
            lt.lock().unwrap().push("task");
            Ok::<u32, Raised<()>>(0)
        })
        .unwrap();
        // Let the task run up to its await: it is now the second entry.
        tokio::task::yield_now().await;
        let l2 = l.clone();
        f.add_done_callback(move |_| l2.lock().unwrap().push("cb2"));
        f.set_result(1);
        let _ = t.await;
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
    });
    assert_eq!(*log.lock().unwrap(), vec!["cb1", "task", "cb2"]);
}

#[test]
fn f2_callbacks_queued_on_a_runtime_that_shut_down_do_not_swallow_later_ones() {
    // The first runtime queues a callback and is dropped before running it.
    current_thread().block_on(async {
        let f: F = AioFuture::new();
        f.add_done_callback(|_| {});
        f.set_result(1);
    });
    // A later runtime on the same thread still runs its callbacks.
    let ran = Arc::new(AtomicBool::new(false));
    let r = ran.clone();
    current_thread().block_on(async move {
        let f: F = AioFuture::new();
        f.add_done_callback(move |_| r.store(true, Ordering::SeqCst));
        f.set_result(2);
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
    });
    assert!(ran.load(Ordering::SeqCst));
}
