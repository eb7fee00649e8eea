//! `shield` against CPython's own behaviour. Each test mirrors a program run on CPython
//! 3.11.7, 3.12.1 and 3.13.0, which print the same (quoted in each test), with a recording
//! exception handler. On the asyncio-order executor, so times are exact.
//!
//! SPEC.md has no shield rules yet: tests cite CPython's `tasks.py` `shield` instead.

use std::future::Future;
use std::time::Duration;

use aiospec_impl::report::{self, Collector, Report};
use aiospec_impl::{loop_time, shield, sleep_for, spawn, AioFuture, Executor, LoopTime, Raised};

type R<T> = Result<T, Raised<&'static str>>;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn since(t0: LoopTime) -> f64 {
    loop_time()
        .unwrap()
        .checked_duration_since(t0)
        .unwrap()
        .as_secs_f64()
}

async fn work(d: u64, v: u32) -> R<u32> {
    sleep_for(secs(d)).await?;
    Ok(v)
}

async fn fail(d: u64, m: &'static str) -> R<u32> {
    sleep_for(secs(d)).await?;
    Err(Raised::Error(m))
}

/// Run on a fresh executor; the reports made, once everything is dropped.
fn run<T: Send + 'static>(f: impl Future<Output = T> + Send + 'static) -> (T, Vec<Report>) {
    let reports = Collector::new();
    let out = report::with_exception_handler(reports.handler(), || {
        Executor::new().block_on(f).expect("the executor got stuck")
    });
    (out, reports.take())
}

#[test]
fn shield_cancelling_the_waiter_leaves_the_inner_task_running() {
    // [('waiter cancelled', 1.0, False), ('inner', 42, 2.0)] []
    let (out, reports) = run(async {
        let t0 = loop_time().unwrap();
        let inner = spawn(work(2, 42)).unwrap();
        let outer = shield(inner.future().clone());
        let waiter = spawn(outer).unwrap();
        sleep_for::<&'static str>(secs(1)).await.unwrap();
        waiter.cancel(None);
        let w = waiter.clone().await;
        let first = (w, since(t0), inner.cancelled());
        let i = inner.clone().await;
        (first, (i, since(t0)))
    });
    assert_eq!(
        out,
        ((Err(Raised::Cancelled(None)), 1.0, false), (Ok(42), 2.0))
    );
    assert_eq!(reports, vec![]);
}

#[test]
fn shield_an_inner_cancellation_cancels_the_outer_future() {
    // ['outer cancelled', True, 1.0] []
    let (out, reports) = run(async {
        let t0 = loop_time().unwrap();
        let inner = spawn(work(2, 42)).unwrap();
        let outer = shield(inner.future().clone());
        sleep_for::<&'static str>(secs(1)).await.unwrap();
        inner.cancel(None);
        let r = outer.clone().await;
        (r, outer.cancelled(), since(t0))
    });
    assert_eq!(out, (Err(Raised::Cancelled(None)), true, 1.0));
    assert_eq!(reports, vec![]);
}

#[test]
fn shield_an_inner_error_passes_through() {
    // ['caught', 'x', 1.0] []
    let (out, reports) = run(async {
        let t0 = loop_time().unwrap();
        let inner = spawn(fail(1, "x")).unwrap();
        let r = shield(inner.future().clone()).await;
        (r, since(t0))
    });
    assert_eq!(out, (Err(Raised::Error("x")), 1.0));
    assert_eq!(reports, vec![]);
}

#[test]
fn shield_once_the_outer_is_cancelled_a_later_inner_error_is_the_tasks_to_report() {
    // [True, True] [('Task exception was never retrieved', "ValueError('x')")]
    let (out, reports) = run(async {
        let inner = spawn(fail(2, "x")).unwrap();
        let outer = shield(inner.future().clone());
        sleep_for::<&'static str>(secs(1)).await.unwrap();
        outer.cancel(None);
        sleep_for::<&'static str>(secs(2)).await.unwrap();
        (inner.done(), outer.cancelled())
    });
    assert_eq!(out, (true, true));
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].message, "Task exception was never retrieved");
}

#[test]
fn shield_an_error_moved_to_an_outer_future_nobody_awaits_is_the_futures_to_report() {
    // [True] [('Future exception was never retrieved', "ValueError('x')")]
    let (out, reports) = run(async {
        let inner = spawn(fail(1, "x")).unwrap();
        let outer = shield(inner.future().clone());
        sleep_for::<&'static str>(secs(2)).await.unwrap();
        outer.done()
    });
    assert!(out);
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].message, "Future exception was never retrieved");
    assert_eq!(reports[0].exception, r#""x""#);
}

#[test]
fn shield_of_a_done_future_is_that_future() {
    // [True]: "Shortcut".
    let (out, _) = run(async {
        let inner: AioFuture<u32, ()> = spawn(async { Ok(1) }).unwrap().into();
        sleep_for::<()>(Duration::from_millis(500)).await.unwrap();
        shield(inner.clone()).same(&inner)
    });
    assert!(out);
}
