//! The asyncio-order executor's own contract: run_until_complete, run_forever, closing.

use std::time::Duration;

use aiospec_impl::report::{self, Collector};
use aiospec_impl::{sleep_for, spawn, AioFuture, Executor, Raised};

#[test]
fn l1_run_until_complete_stops_one_turn_after_completion() {
    let ex = Executor::new();
    let t = ex.enter(|| {
        spawn(async {
            sleep_for::<()>(Duration::from_millis(250))
                .await
                .map(|_| 7u32)
        })
        .unwrap()
    });
    assert_eq!(ex.run_until_complete(t.future()), Ok(()));
    assert_eq!(t.result(), Ok(7));
    assert_eq!(ex.now(), Duration::from_millis(250));
}

#[test]
fn l5_run_until_complete_on_a_future_nobody_completes_is_stuck() {
    let ex = Executor::new();
    let f: AioFuture<u32, ()> = AioFuture::new();
    let r = ex.run_until_complete(&f);
    let stuck = r.expect_err("nothing can complete it");
    assert_eq!(stuck.at, Duration::ZERO);
    assert!(stuck.to_string().contains("nothing left to run"), "{stuck}");
}

#[test]
fn x6_run_forever_stops_at_the_stop_time_or_when_idle() {
    let ex = Executor::new();
    let _t = ex.enter(|| {
        spawn(async { sleep_for::<()>(Duration::from_secs(10)).await.map(|_| 0u32) }).unwrap()
    });
    assert!(
        ex.run_forever(Some(Duration::from_secs(2))),
        "stopped by its timer"
    );
    assert_eq!(ex.now(), Duration::from_secs(2));
    assert!(!ex.run_forever(None), "idle once the sleeper is done");
    assert_eq!(ex.now(), Duration::from_secs(10));
}

#[test]
fn r8_dropping_the_executor_destroys_pending_tasks_and_reports_them() {
    let c = Collector::new();
    report::with_exception_handler(c.handler(), || {
        let ex = Executor::new();
        ex.enter(|| {
            for _ in 0..3 {
                drop(
                    spawn(async {
                        sleep_for::<()>(Duration::from_secs(5)).await?;
                        Ok::<u32, Raised<()>>(1)
                    })
                    .unwrap(),
                );
            }
        });
        assert!(ex.run_forever(Some(Duration::from_secs(1))));
        drop(ex);
    });
    let r = c.take();
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r
        .iter()
        .all(|r| r.message == "Task was destroyed but it is pending!"));
}

#[test]
fn r8_every_pending_task_is_destroyed_after_the_slot_registry_is_pruned() {
    // The executor prunes finished tasks from its registry as it grows (at 64, 128, ...
    // entries); live ones must survive every pruning, or closing the loop would miss them.
    let c = Collector::new();
    report::with_exception_handler(c.handler(), || {
        let ex = Executor::new();
        ex.enter(|| {
            for i in 0..300u32 {
                let t = if i % 3 == 0 {
                    spawn(async {
                        sleep_for::<()>(Duration::from_secs(5)).await?;
                        Ok::<u32, Raised<()>>(1)
                    })
                } else {
                    spawn(async { Ok::<u32, Raised<()>>(2) })
                };
                drop(t.unwrap());
            }
        });
        assert!(ex.run_forever(Some(Duration::from_secs(1))));
        drop(ex);
    });
    let r = c.take();
    assert_eq!(r.len(), 100, "{r:?}");
    assert!(r
        .iter()
        .all(|r| r.message == "Task was destroyed but it is pending!"));
}
