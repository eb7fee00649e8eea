//! aiospec-impl's contract, each test on three runtimes: aiospec's asyncio-order Executor,
//! tokio current_thread with paused time, and tokio multi_thread (real time, short delays).
//! Test names cite the SPEC rules they check.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use aiospec_impl::report::{self, Collector, Report};
use aiospec_impl::{
    gather, sleep_for, spawn, spawn_with, wait, wait_for, AioFuture, Executor, Raised, ReturnWhen,
    WaitError,
};

type R<T> = Result<T, Raised<&'static str>>;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Run `f` on `rt`, collecting reports; returns them after everything is dropped.
fn run_on<F: Future<Output = ()> + Send + 'static>(rt: &str, f: impl FnOnce() -> F) -> Vec<Report> {
    let c = Collector::new();
    report::with_exception_handler(c.handler(), || match rt {
        "executor" => {
            let ex = Executor::new();
            ex.block_on(f()).expect("the executor got stuck");
        }
        "current_thread" => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .expect("rt");
            rt.block_on(f());
        }
        _ => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_time()
                .build()
                .expect("rt");
            rt.block_on(f());
            rt.shutdown_timeout(Duration::from_secs(5));
        }
    });
    c.take()
}

macro_rules! contract {
    ($name:ident, |$reports:ident| $check:block, $body:expr) => {
        mod $name {
            use super::*;
            fn go(rt: &str) {
                let $reports = run_on(rt, $body);
                $check
            }
            #[test]
            fn executor() {
                go("executor")
            }
            #[test]
            fn tokio_current_thread_paused() {
                go("current_thread")
            }
            #[test]
            fn tokio_multi_thread() {
                go("multi_thread")
            }
        }
    };
}

async fn work(v: u32, d: u64) -> R<u32> {
    sleep_for(ms(d)).await?;
    Ok(v)
}

async fn fail(msg: &'static str, d: u64) -> R<u32> {
    sleep_for(ms(d)).await?;
    Err(Raised::Error(msg))
}

fn task(f: impl Future<Output = R<u32>> + Send + 'static) -> AioFuture<u32, &'static str> {
    spawn(f).expect("inside a runtime").into()
}

contract!(
    g1_results_in_argument_order,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let r = gather(vec![task(work(1, 30)), task(work(2, 10))], false)
            .await
            .unwrap();
        assert_eq!(r, vec![Ok(1), Ok(2)]);
    }
);

contract!(
    g2_g4_first_error_propagates_siblings_keep_running,
    |reports| { assert!(reports.is_empty(), "{reports:?}") },
    || async {
        let finished = Arc::new(AtomicUsize::new(0));
        let f2 = finished.clone();
        let sibling = task(async move {
            sleep_for(ms(40)).await?;
            f2.fetch_add(1, Ordering::SeqCst);
            Ok(7)
        });
        let late = task(fail("late", 60));
        let g = gather(
            vec![task(fail("first", 10)), sibling.clone(), late.clone()],
            false,
        );
        assert_eq!(g.clone().await, Err(Raised::Error("first")));
        assert!(
            !sibling.done(),
            "the sibling was not cancelled and is still running"
        );
        let _ = wait(
            vec![sibling.clone(), late.clone()],
            None,
            ReturnWhen::AllCompleted,
        )
        .await;
        assert_eq!(finished.load(Ordering::SeqCst), 1);
        // G4: "late" failed after the gather was done; gather's callback retrieved it.
    }
);

contract!(
    g3_return_exceptions,
    |reports| { assert!(reports.is_empty(), "{reports:?}") },
    || async {
        let r = gather(vec![task(fail("a", 20)), task(work(2, 10))], true)
            .await
            .unwrap();
        assert_eq!(r, vec![Err(Raised::Error("a")), Ok(2)]);
    }
);

contract!(
    g5_cancelled_child,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let t = spawn(work(1, 1000)).unwrap();
        let g = gather(vec![t.clone().into(), task(work(2, 10))], false);
        sleep_for::<&str>(ms(5)).await.unwrap();
        assert!(t.cancel(None));
        assert_eq!(g.await, Err(Raised::Cancelled(None)));
    }
);

contract!(
    g6_cancel_gather_cancels_children_even_with_return_exceptions,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let a = spawn(work(1, 1000)).unwrap();
        let b = spawn(work(2, 2000)).unwrap();
        let g = gather(vec![a.clone().into(), b.clone().into()], true);
        sleep_for::<&str>(ms(5)).await.unwrap();
        assert!(g.cancel(Some("stop")));
        assert!(g.clone().await.unwrap_err().is_cancelled());
        assert!(a.cancelled() && b.cancelled());
    }
);

contract!(
    g6_cancelling_the_awaiting_task_cancels_the_gather,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let a = spawn(work(1, 1000)).unwrap();
        let a2 = a.clone();
        let outer =
            spawn(async move { gather(vec![a2.into()], false).await.map(|_| 0u32) }).unwrap();
        sleep_for::<&str>(ms(5)).await.unwrap();
        assert!(outer.cancel(None));
        assert!(outer.clone().await.unwrap_err().is_cancelled());
        assert!(a.cancelled());
    }
);

contract!(
    g7_cancel_after_done_does_nothing,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let slow = spawn(work(5, 30)).unwrap();
        let g = gather(vec![task(fail("x", 5)), slow.clone().into()], false);
        assert!(g.clone().await.is_err());
        assert!(!g.cancel(None));
        assert_eq!(slow.clone().await, Ok(5));
    }
);

contract!(
    g8_g10_duplicates_and_empty,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let t = task(work(3, 5));
        assert_eq!(
            gather(vec![t.clone(), t], false).await.unwrap(),
            vec![Ok(3), Ok(3)]
        );
        let empty: Vec<AioFuture<u32, &str>> = vec![];
        let g = gather(empty, false);
        assert!(g.done());
        assert_eq!(g.await.unwrap(), vec![]);
    }
);

contract!(
    w1_w6_wait_never_raises_and_unretrieved_errors_report,
    |reports| {
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert_eq!(reports[0].message, "Task exception was never retrieved");
        assert_eq!(reports[0].exception, "\"boom\"");
    },
    || async {
        let w = wait(
            vec![task(work(1, 10)), task(fail("boom", 5))],
            None,
            ReturnWhen::AllCompleted,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((w.done.len(), w.pending.len()), (2, 0));
    }
);

contract!(
    w2_first_completed_leaves_others_running,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let slow = task(work(1, 40));
        let w = wait(
            vec![task(work(2, 5)), slow.clone()],
            None,
            ReturnWhen::FirstCompleted,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((w.done.len(), w.pending.len()), (1, 1));
        assert_eq!(slow.await, Ok(1));
    }
);

contract!(
    w3_w4_first_exception_retrieves_the_one_that_woke_it,
    |reports| { assert!(reports.is_empty(), "{reports:?}") },
    || async {
        let slow = task(work(1, 40));
        let w = wait(
            vec![task(fail("e", 5)), slow.clone()],
            None,
            ReturnWhen::FirstException,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((w.done.len(), w.pending.len()), (1, 1));
        let _ = slow.await;
    }
);

contract!(
    w4_last_failure_under_first_exception_is_not_retrieved,
    |reports| { assert_eq!(reports.len(), 1, "{reports:?}") },
    || async {
        let w = wait(
            vec![task(work(1, 5)), task(fail("last", 20))],
            None,
            ReturnWhen::FirstException,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((w.done.len(), w.pending.len()), (2, 0));
    }
);

contract!(
    w8_empty_wait_is_an_error,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let empty: Vec<AioFuture<u32, &str>> = vec![];
        assert_eq!(
            wait(empty, None, ReturnWhen::AllCompleted).await.err(),
            Some(WaitError::Empty)
        );
    }
);

contract!(
    w11_timeout_returns_and_cancels_nothing,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let slow = task(work(1, 200));
        let w = wait(
            vec![task(work(2, 5)), slow.clone()],
            Some(ms(50)),
            ReturnWhen::AllCompleted,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((w.done.len(), w.pending.len()), (1, 1));
        assert_eq!(slow.await, Ok(1));
    }
);

contract!(
    w12_cancelling_the_waiter_leaves_children_running,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let child = task(work(4, 50));
        let c2 = child.clone();
        let waiter = spawn(async move {
            match wait(vec![c2], None, ReturnWhen::AllCompleted).await {
                Ok(Err(e)) => Err(e),
                _ => Ok(0u32),
            }
        })
        .unwrap();
        sleep_for::<&str>(ms(5)).await.unwrap();
        waiter.cancel(None);
        assert!(waiter.clone().await.unwrap_err().is_cancelled());
        assert!(!child.cancelled());
        assert_eq!(child.await, Ok(4));
    }
);

contract!(
    wf1_wf2_wait_for,
    |reports| { assert!(reports.is_empty()) },
    || async {
        assert_eq!(wait_for(task(work(1, 5)), Some(ms(100))).await, Ok(1));
        let slow = task(work(2, 1000));
        assert_eq!(
            wait_for(slow.clone(), Some(ms(20))).await,
            Err(Raised::Timeout)
        );
        assert!(slow.cancelled());
        assert_eq!(wait_for(task(work(3, 5)), None).await, Ok(3));
    }
);

contract!(
    wf2_t7_child_handling_the_cancellation_returns_a_value,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let t = spawn_with(|_cx| async move {
            match sleep_for::<&'static str>(ms(1000)).await {
                Err(Raised::Cancelled(_)) => Ok::<u32, Raised<&'static str>>(99),
                _ => Ok(0),
            }
        })
        .unwrap();
        assert_eq!(wait_for(t.into(), Some(ms(10))).await, Ok(99));
    }
);

contract!(
    t7_spawn_with_sees_cancellation_between_awaits,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let t = spawn_with(|cx| async move {
            let msg = cx.cancelled().await;
            Ok::<_, Raised<&'static str>>(if msg.as_deref() == Some("please") {
                1u32
            } else {
                2
            })
        })
        .unwrap();
        sleep_for::<&str>(ms(5)).await.unwrap();
        assert!(t.cancel(Some("please")));
        assert_eq!(t.clone().await, Ok(1));
        assert!(!t.cancelled());
    }
);

contract!(
    t8_r4_cancel_on_a_done_task_silences_its_report,
    |reports| { assert!(reports.is_empty(), "{reports:?}") },
    || async {
        let t = spawn(fail("x", 1)).unwrap();
        sleep_for::<&str>(ms(20)).await.unwrap();
        assert!(t.done());
        assert!(!t.cancel(None));
    }
);

contract!(
    r1_r6_exactly_one_report_per_unretrieved_error,
    |reports| {
        assert_eq!(reports.len(), 2, "{reports:?}");
    },
    || async {
        let a = spawn(fail("a", 1)).unwrap();
        let b = spawn(fail("b", 1)).unwrap();
        let c = spawn(fail("c", 1)).unwrap();
        let d = spawn(work(1, 100)).unwrap();
        sleep_for::<&str>(ms(20)).await.unwrap();
        let _ = c.result(); // retrieved: no report
        d.cancel(None); // cancelled: no report
        let _ = d.clone().await;
        drop((a, b, c, d));
    }
);

contract!(
    panics_become_errors,
    |reports| { assert!(reports.is_empty()) },
    || async {
        let t = spawn(async {
            if true {
                panic!("child exploded");
            }
            Ok::<u32, Raised<&'static str>>(0)
        })
        .unwrap();
        assert_eq!(t.await, Err(Raised::Panic("child exploded".into())));
    }
);

#[test]
fn spawn_outside_a_runtime_is_an_error() {
    assert!(spawn(async { Ok::<u32, Raised<()>>(1) }).is_err());
}

#[test]
fn t1_l1_executor_runs_tasks_in_asyncio_order() {
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    let l = log.clone();
    Executor::new()
        .block_on(async move {
            let mut ts = Vec::new();
            for name in ["a", "b", "c"] {
                let l = l.clone();
                ts.push(task(async move {
                    l.lock().unwrap().push(format!("{name} start"));
                    sleep_for(Duration::ZERO).await?;
                    l.lock().unwrap().push(format!("{name} after yield"));
                    Ok(0)
                }));
            }
            l.lock().unwrap().push("created".to_string());
            let _ = gather(ts, false).await;
        })
        .unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        [
            "created",
            "a start",
            "b start",
            "c start",
            "a after yield",
            "b after yield",
            "c after yield"
        ]
    );
}

#[test]
fn l5_executor_reports_stuck() {
    let r = Executor::new().block_on(async {
        let never: AioFuture<u32, ()> = AioFuture::new();
        never.await
    });
    assert!(r.is_err());
}
