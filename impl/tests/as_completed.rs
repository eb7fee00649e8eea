//! `as_completed` against CPython's own behaviour. Each test mirrors a program run on CPython
//! 3.11.7, 3.12.1 and 3.13.0 (the output, the same on all three unless said, is quoted in the
//! test). On the asyncio-order executor, so times are exact.
//!
//! SPEC.md has no as_completed rules yet: tests cite CPython's `tasks.py` instead.

use std::future::Future;
use std::time::Duration;

use aiospec_impl::report::{self, Collector};
use aiospec_impl::{
    as_completed, loop_time, sleep_for, spawn, AioFuture, Executor, LoopTime, Raised,
};

type R<T> = Result<T, Raised<&'static str>>;
type F = AioFuture<&'static str, &'static str>;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn since(t0: LoopTime) -> f64 {
    loop_time()
        .unwrap()
        .checked_duration_since(t0)
        .unwrap()
        .as_secs_f64()
}

async fn work(d: u64, v: &'static str) -> R<&'static str> {
    sleep_for(ms(d)).await?;
    Ok(v)
}

async fn fail(d: u64, m: &'static str) -> R<&'static str> {
    sleep_for(ms(d)).await?;
    Err(Raised::Error(m))
}

fn task(f: impl Future<Output = R<&'static str>> + Send + 'static) -> F {
    spawn(f).unwrap().into()
}

fn run<T: Send + 'static>(f: impl Future<Output = T> + Send + 'static) -> T {
    Executor::new().block_on(f).expect("the executor got stuck")
}

#[test]
fn as_completed_yields_in_completion_order() {
    // [('a', 1.0), ('b', 2.0), ('c', 3.0)]
    let out = run(async {
        let t0 = loop_time().unwrap();
        let ts = vec![
            task(work(3000, "c")),
            task(work(1000, "a")),
            task(work(2000, "b")),
        ];
        let mut it = as_completed(ts, None).unwrap();
        let mut out = Vec::new();
        while let Some(r) = it.next_result().await {
            out.push((r.unwrap(), since(t0)));
        }
        out
    });
    assert_eq!(out, vec![("a", 1.0), ("b", 2.0), ("c", 3.0)]);
}

#[test]
fn as_completed_timeout_raises_for_the_rest_and_cancels_nothing() {
    // [('a', 1.0), ('timeout', 2.0), ('timeout', 2.0),
    //  ('pending after', [True, False, False], [False, False, False]), ('later', ['a', 'b', 'c'])]
    let out = run(async {
        let t0 = loop_time().unwrap();
        let ts = vec![
            task(work(1000, "a")),
            task(work(5000, "b")),
            task(work(6000, "c")),
        ];
        let mut it = as_completed(ts.clone(), Some(ms(2000))).unwrap();
        let mut out = Vec::new();
        while let Some(r) = it.next_result().await {
            out.push(format!("{r:?} {}", since(t0)));
        }
        let done: Vec<bool> = ts.iter().map(AioFuture::done).collect();
        let cancelled: Vec<bool> = ts.iter().map(AioFuture::cancelled).collect();
        out.push(format!("pending after {done:?} {cancelled:?}"));
        sleep_for::<()>(ms(5000)).await.unwrap();
        let later: Vec<_> = ts.iter().map(|t| t.result().unwrap()).collect();
        out.push(format!("later {later:?}"));
        out
    });
    assert_eq!(
        out,
        vec![
            r#"Ok("a") 1"#,
            "Err(Timeout) 2",
            "Err(Timeout) 2",
            "pending after [true, false, false] [false, false, false]",
            r#"later ["a", "b", "c"]"#,
        ]
    );
}

#[test]
fn as_completed_counts_a_repeated_future_once_and_queues_done_ones_first() {
    // ['a', 'b']: `set(fs)`; a done future's callback is scheduled at once (SPEC F2).
    let out = run(async {
        let a = task(work(0, "a"));
        sleep_for::<()>(ms(500)).await.unwrap();
        let b = task(work(1000, "b"));
        let mut it = as_completed(vec![b.clone(), a, b], None).unwrap();
        assert_eq!(it.remaining(), 2);
        let mut out = Vec::new();
        while let Some(r) = it.next_result().await {
            out.push(r.unwrap());
        }
        out
    });
    assert_eq!(out, vec!["a", "b"]);
}

#[test]
fn as_completed_plain_iteration_raises_each_error_and_retrieves_it() {
    // ['caught x', 'y'], and no report.
    let reports = Collector::new();
    let out = report::with_exception_handler(reports.handler(), || {
        run(async {
            let ts = vec![task(fail(1000, "x")), task(work(2000, "y"))];
            let mut it = as_completed(ts, None).unwrap();
            let mut out = Vec::new();
            while let Some(r) = it.next_result().await {
                out.push(format!("{r:?}"));
            }
            out
        })
    });
    assert_eq!(out, vec![r#"Err(Error("x"))"#, r#"Ok("y")"#]);
    assert_eq!(reports.take(), vec![]);
}

#[test]
fn as_completed_async_iteration_yields_the_originals_unretrieved() {
    // CPython 3.13 (`async for`): [True, True], and
    // [('Task exception was never retrieved', "ValueError('x')")].
    let reports = Collector::new();
    let out = report::with_exception_handler(reports.handler(), || {
        run(async {
            let ts = vec![task(fail(1000, "x")), task(work(2000, "y"))];
            let mut it = as_completed(ts.clone(), None).unwrap();
            let mut out = Vec::new();
            while let Some(f) = it.next().await {
                let f = f.unwrap();
                out.push(f.same(&ts[0]) || f.same(&ts[1]));
            }
            out
        })
    });
    assert_eq!(out, vec![true, true]);
    let reports = reports.take();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].message, "Task exception was never retrieved");
    assert_eq!(reports[0].exception, r#""x""#);
}

#[test]
fn as_completed_a_cancelled_waiter_leaves_the_iterator_usable() {
    // Queue.get re-raises the waiter's CancelledError and leaves the queue as it was; the turn
    // counts (`_todo_left` is decremented first): the next call yields the next future.
    // CPython 3.11-3.13 (plain iteration): ['cancelled', 'a', 'StopIteration']
    let out = run(async {
        let ts = vec![task(work(1000, "a")), task(work(2000, "b"))];
        let it = std::sync::Arc::new(tokio::sync::Mutex::new(as_completed(ts, None).unwrap()));
        let i = it.clone();
        let waiter = spawn(async move { i.lock().await.next_result().await.unwrap() }).unwrap();
        sleep_for::<&'static str>(ms(500)).await.unwrap();
        waiter.cancel(None);
        let first = waiter.clone().await;
        let mut it = it.lock().await;
        let second = it.next_result().await;
        (first, second, it.next_result().await)
    });
    assert_eq!(out, (Err(Raised::Cancelled(None)), Some(Ok("a")), None));
}
