//! AioFuture's API: identity, names, callbacks, observers, peek, and when it reports.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aiospec_impl::report::{self, Collector};
use aiospec_impl::{sleep_for, spawn, spawn_named, AioFuture, Executor, Raised};

type F = AioFuture<u32, &'static str>;

#[test]
fn f1_identity_names_and_debug() {
    let a: F = AioFuture::new();
    let b: F = AioFuture::new();
    assert!(a.same(&a.clone()));
    assert!(!a.same(&b));
    assert_eq!(a.name(), "Future");
    assert_eq!(format!("{a:?}"), "<Future Future pending>");
    a.set_result(1);
    assert_eq!(format!("{a:?}"), "<Future Future done>");
    let ex = Executor::new();
    let t = ex.enter(|| spawn_named("worker", async { Ok::<u32, Raised<()>>(1) }).unwrap());
    assert_eq!(t.name(), "worker");
}

#[test]
fn f4_exception_of_cancelled_and_of_cancelled_error() {
    let c: F = AioFuture::new();
    c.cancel(Some("m".into()));
    assert_eq!(c.exception(), Err(Raised::Cancelled(Some("m".into()))));
    let e: F = AioFuture::new();
    e.set_exception(Raised::Cancelled(None));
    assert_eq!(e.exception(), Ok(Some(Raised::Cancelled(None))));
    assert!(!e.cancelled());
}

#[test]
fn f2_remove_done_callback_removes_exactly_that_one() {
    let f: F = AioFuture::new();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (l1, l2) = (log.clone(), log.clone());
    let first = f.add_done_callback(move |_| l1.lock().unwrap().push(1));
    let _second = f.add_done_callback(move |_| l2.lock().unwrap().push(2));
    assert_eq!(f.remove_done_callback(first), 1);
    assert_eq!(f.remove_done_callback(first), 0);
    f.set_result(0);
    assert_eq!(*log.lock().unwrap(), vec![2]);
}

#[test]
fn observers_run_at_completion_before_callbacks_and_peek_does_not_retrieve() {
    let c = Collector::new();
    report::with_exception_handler(c.handler(), || {
        let f: F = AioFuture::new();
        let order = Arc::new(Mutex::new(Vec::new()));
        let (o1, o2) = (order.clone(), order.clone());
        f.add_done_callback(move |_| o1.lock().unwrap().push("callback"));
        f.observe(move |g| {
            assert_eq!(g.peek(), Some(Err(Raised::Error("x"))));
            o2.lock().unwrap().push("observer");
        });
        assert_eq!(f.peek(), None);
        f.set_exception(Raised::Error("x"));
        assert_eq!(*order.lock().unwrap(), vec!["observer", "callback"]);
        assert_eq!(f.peek(), Some(Err(Raised::Error("x"))));
    });
    // peek() did not retrieve: the failure is reported when dropped (SPEC R6).
    assert_eq!(c.take().len(), 1);
}

#[test]
fn r8_only_tasks_report_destroyed_pending_and_it_can_be_switched_off() {
    let c = Collector::new();
    let observed = Arc::new(AtomicUsize::new(0));
    report::with_exception_handler(c.handler(), || {
        let pending: F = AioFuture::new();
        drop(pending); // a plain future: no report
        let ex = Executor::new();
        ex.enter(|| {
            let quiet =
                spawn(async { sleep_for::<()>(Duration::from_secs(9)).await.map(|_| 0u32) })
                    .unwrap();
            quiet.future().set_log_destroy_pending(false);
            let loud = spawn_named("loud", async {
                sleep_for::<()>(Duration::from_secs(9)).await.map(|_| 0u32)
            })
            .unwrap();
            let o = observed.clone();
            loud.add_done_callback(move |_| {
                o.fetch_add(1, Ordering::SeqCst);
            });
        });
        ex.run_forever(Some(Duration::from_secs(1)));
        drop(ex);
    });
    let r = c.take();
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].message, "Task was destroyed but it is pending!");
    assert_eq!(r[0].future, "loud");
    assert_eq!(observed.load(Ordering::SeqCst), 0);
}

#[test]
fn r6_tasks_made_inside_a_task_report_where_that_task_reports() {
    // A task's step runs under the handler the task was made with, so futures made during
    // it (here a child task that fails, never awaited) report there too, whichever thread
    // runs the step.
    let c = aiospec_impl::report::Collector::new();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    let outer = aiospec_impl::report::with_exception_handler(c.handler(), || {
        rt.block_on(async {
            aiospec_impl::spawn(async {
                let child = aiospec_impl::spawn_named("inner", async {
                    Err::<u32, _>(aiospec_impl::Raised::Error("lost"))
                })
                .unwrap();
                let f: aiospec_impl::AioFuture<u32, &'static str> = child.future().clone();
                drop(child);
                // Let the child run and fail, then drop the last handle.
                while !f.done() {
                    tokio::task::yield_now().await;
                }
                drop(f);
                Ok::<u32, aiospec_impl::Raised<&'static str>>(0)
            })
            .unwrap()
            .await
        })
    });
    assert_eq!(outer, Ok(0));
    drop(rt);
    let r = c.take();
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].message, "Task exception was never retrieved");
    assert_eq!(r[0].future, "inner");
}
