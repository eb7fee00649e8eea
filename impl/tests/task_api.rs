//! Task's API and the paths of a task's step that the rest of the suite reaches only through
//! the conformance suite: accessors, `spawn_with`'s delivered cancellation and `yield_now`,
//! a task cancelling itself (SPEC T5, T6), the order of gather's callbacks (G9, F2).
//! On the asyncio-order executor, so every order is deterministic.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use aiospec_impl::{
    gather_lazy, sleep_for, spawn, spawn_with, AioFuture, Executor, Gather, Raised, Task,
};

type R<T> = Result<T, Raised<&'static str>>;

#[test]
fn t6_accessors_of_a_task_and_its_cancel_count() {
    let ex = Executor::new();
    let out = ex.block_on(async {
        let t = spawn(async {
            sleep_for::<&'static str>(Duration::from_secs(1)).await?;
            Err::<u32, _>(Raised::Error("boom"))
        })
        .unwrap();
        assert!(!t.done());
        assert_eq!(t.cancelling(), 0);
        let shown = format!("{t:?}");
        assert!(
            shown.starts_with("Task(<Task Task-") && shown.ends_with("pending>)"),
            "{shown}"
        );
        let id = t.add_done_callback(|_| {});
        assert_eq!(t.remove_done_callback(id), 1);
        assert_eq!(t.remove_done_callback(id), 0);
        let _ = t.clone().await;
        assert!(t.done());
        assert_eq!(t.exception(), Ok(Some(Raised::Error("boom"))));
        // cancel() twice on a pending task: both taken and counted (3.11's cancelling()).
        let s = spawn(async {
            sleep_for::<&'static str>(Duration::from_secs(5)).await?;
            Ok::<u32, _>(1)
        })
        .unwrap();
        sleep_for::<&'static str>(Duration::from_secs(1)).await?;
        assert!(s.cancel(None));
        assert!(s.cancel(None));
        assert_eq!(s.cancelling(), 2);
        assert!(s.clone().await.is_err());
        assert!(s.cancelled());
        Ok::<(), Raised<&'static str>>(())
    });
    assert_eq!(out, Ok(Ok(())));
}

#[test]
fn t7_a_cancel_before_the_first_step_is_delivered_to_a_spawn_with_child() {
    let ex = Executor::new();
    let out = ex.block_on(async {
        let seen: Arc<Mutex<Option<Option<Option<String>>>>> = Arc::default();
        let s = seen.clone();
        let t: Task<u32, &'static str> = spawn_with(move |ctx| async move {
            *s.lock().unwrap() = Some(ctx.take_delivered());
            Ok(7)
        })
        .unwrap();
        assert!(t.cancel(Some("early")));
        // The child decided to return a value: the task finishes with it (T7).
        let r = t.clone().await;
        let s = seen.lock().unwrap().clone();
        (r, s)
    });
    assert_eq!(out.unwrap(), (Ok(7), Some(Some(Some("early".to_string())))));
}

#[test]
fn s1_yield_now_gives_up_one_turn() {
    let ex = Executor::new();
    let log: Arc<Mutex<Vec<&'static str>>> = Arc::default();
    let l = log.clone();
    ex.block_on(async move {
        let (la, lb) = (l.clone(), l.clone());
        let a: Task<u32, &'static str> = spawn_with(move |ctx| async move {
            la.lock().unwrap().push("a1");
            ctx.yield_now::<&'static str>().await?;
            la.lock().unwrap().push("a2");
            Ok(1)
        })
        .unwrap();
        let b: Task<u32, &'static str> = spawn(async move {
            lb.lock().unwrap().push("b1");
            Ok(2)
        })
        .unwrap();
        let _ = a.await;
        let _ = b.await;
    })
    .unwrap();
    assert_eq!(*log.lock().unwrap(), vec!["a1", "b1", "a2"]);
}

#[test]
fn t5_t6_a_task_that_cancels_itself_then_awaits_cancels_what_it_awaits() {
    // asyncio's __step: `_must_cancel` set during the step makes it cancel `_fut_waiter`, the
    // task the step ended awaiting: that task is cancelled too, at once, not after 5 s.
    let ex = Executor::new();
    let (me_cancelled, child_cancelled) = ex
        .block_on(async {
            let slot: Arc<OnceLock<Task<u32, &'static str>>> = Arc::default();
            let s = slot.clone();
            let child = spawn(async {
                sleep_for::<&'static str>(Duration::from_secs(5)).await?;
                Ok::<u32, _>(1)
            })
            .unwrap();
            let c = child.clone();
            let me = spawn(async move {
                s.get().expect("set before the first step").cancel(None);
                c.await
            })
            .unwrap();
            let _ = slot.set(me.clone());
            let r: R<u32> = me.clone().await;
            assert!(r.is_err());
            let _ = child.clone().await;
            (me.cancelled(), child.cancelled())
        })
        .unwrap();
    assert!(me_cancelled);
    assert!(child_cancelled);
    assert!(ex.now() < Duration::from_secs(1), "{:?}", ex.now());
}

#[test]
fn g9_a_done_child_s_callback_runs_before_the_next_argument_s_task() {
    // gather registers its callback on each argument as it makes it: on a child already done
    // the callback is scheduled at once, ahead of the first step of the task made for the
    // next argument, which therefore sees the gather already failed.
    let ex = Executor::new();
    let seen = ex
        .block_on(async {
            let failed: AioFuture<u32, &'static str> = AioFuture::new();
            failed.set_exception(Raised::Error("x"));
            let slot: Arc<OnceLock<Gather<u32, &'static str>>> = Arc::default();
            let seen: Arc<Mutex<Option<bool>>> = Arc::default();
            let (s, sn) = (slot.clone(), seen.clone());
            let mut later = Some(move || {
                spawn(async move {
                    *sn.lock().unwrap() = Some(s.get().expect("set").done());
                    Ok::<u32, Raised<&'static str>>(1)
                })
                .unwrap()
                .into()
            });
            let g = gather_lazy(
                "g",
                2,
                |i| {
                    if i == 0 {
                        failed.clone()
                    } else {
                        (later.take().expect("once"))()
                    }
                },
                false,
            );
            let _ = slot.set(g.clone());
            assert_eq!(g.await, Err(Raised::Error("x")));
            let v = *seen.lock().unwrap();
            v
        })
        .unwrap();
    assert_eq!(seen, Some(true));
}

#[test]
fn no_runtime_error_says_so() {
    let e = spawn(async { Ok::<u32, Raised<()>>(1) }).unwrap_err();
    assert!(e.to_string().contains("no running event loop"), "{e}");
}
