//! gather's and wait's less travelled paths (written to kill the mutants cargo-mutants left
//! alive): the accessors, a cancelled child versus a child that failed with CancelledError,
//! the cancel message of a cancelled gather, completions during construction or cancellation.
//! Outside a runtime, done callbacks run inline, which makes these orders deterministic.

use aiospec_impl::{gather, gather_lazy, spawn, AioFuture, Executor, Raised, WaitError};

type F = AioFuture<u32, &'static str>;

#[test]
fn g1_gather_accessors_report_the_outer_future() {
    let a: F = AioFuture::new();
    let g = gather(vec![a.clone()], false);
    assert!(!g.done());
    assert!(format!("{g:?}").starts_with("Gather("));
    assert_eq!(g.result(), Err(Raised::InvalidState("Result is not set.")));
    a.set_result(5);
    assert!(g.done() && g.future().done());
    assert_eq!(g.result(), Ok(vec![Ok(5)]));
    assert_eq!(g.exception(), Ok(None));
    let b: F = AioFuture::new();
    let g2 = gather(vec![b.clone()], false);
    b.set_exception(Raised::Error("x"));
    assert_eq!(g2.exception(), Ok(Some(Raised::Error("x"))));
}

#[test]
fn g5_a_cancelled_child_and_a_child_failed_with_cancelled_error_differ() {
    // return_exceptions: a cancelled child is CancelledError('') (3.9+); a child *finished*
    // with a CancelledError keeps it as it is.
    let cancelled: F = AioFuture::new();
    let failed: F = AioFuture::new();
    let g = gather(vec![cancelled.clone(), failed.clone()], true);
    assert!(cancelled.cancel(None));
    failed.set_exception(Raised::Cancelled(None));
    assert_eq!(
        g.result(),
        Ok(vec![
            Err(Raised::Cancelled(Some(String::new()))),
            Err(Raised::Cancelled(None))
        ])
    );
}

#[test]
fn g6_a_cancelled_gather_raises_the_cancel_message() {
    let a: F = AioFuture::new();
    let b: F = AioFuture::new();
    let g = gather(vec![a, b], true);
    assert!(g.cancel(Some("stop")));
    assert!(g.done(), "children cancelled inline: the gather is done");
    assert_eq!(g.result(), Err(Raised::Cancelled(Some("stop".into()))));
    assert!(
        !g.future().cancelled(),
        "finished with CancelledError, not cancelled (SPEC G6)"
    );
}

#[test]
fn g7_cancel_of_a_gather_with_only_done_children_returns_false() {
    let a: F = AioFuture::new();
    a.set_result(1);
    let b: F = AioFuture::new();
    let g = gather(vec![a, b.clone()], false);
    b.set_result(2);
    assert!(!g.cancel(None));
    assert_eq!(g.result(), Ok(vec![Ok(1), Ok(2)]));
}

#[test]
fn g1_children_completing_while_the_gather_is_built() {
    // The third argument completes the first two (and repeats the first): every child is
    // done before gather knows how many it has; it must still finish.
    let c0: F = AioFuture::new();
    let c1: F = AioFuture::new();
    let (a, b) = (c0.clone(), c1.clone());
    let g = gather_lazy(
        "g",
        3,
        |i| match i {
            0 => a.clone(),
            1 => b.clone(),
            _ => {
                a.set_result(10);
                b.set_result(11);
                a.clone()
            }
        },
        false,
    );
    assert_eq!(g.result(), Ok(vec![Ok(10), Ok(11), Ok(10)]));
}

#[test]
fn w8_wait_error_messages() {
    assert_eq!(
        WaitError::Empty.to_string(),
        "Set of Tasks/Futures is empty."
    );
    assert_eq!(WaitError::NoRuntime.to_string(), "no running event loop");
}

#[test]
fn t4_a_task_that_raises_cancelled_error_is_cancelled() {
    let out = Executor::new()
        .block_on(async {
            let t = spawn(async { Err::<u32, _>(Raised::<()>::Cancelled(Some("self".into()))) })
                .unwrap();
            let r = t.clone().await;
            (r, t.cancelled())
        })
        .unwrap();
    assert_eq!(out, (Err(Raised::Cancelled(Some("self".into()))), true));
}

#[test]
fn g5_a_cancelled_child_fails_the_gather_with_its_cancel_message() {
    // Without return_exceptions the gather raises the child's CancelledError, message kept
    // (`fut._make_cancelled_error()`, 3.9+).
    let a: F = AioFuture::new();
    let b: F = AioFuture::new();
    let g = gather(vec![a.clone(), b.clone()], false);
    assert!(a.cancel(Some("stop".into())));
    assert_eq!(g.result(), Err(Raised::Cancelled(Some("stop".into()))));
    assert!(!b.done(), "the sibling keeps running (G2)");
}
