//! A `cancel()` that arrives while the task runs a step on another worker (only possible on a
//! multi-threaded runtime): taken as a task cancelling itself during its step (SPEC T5), and
//! reported by `Task::cancel_raced_step` so that conformance checks can tell this race from a
//! bug (SPEC C3).

use std::sync::{Arc, Barrier};
use std::time::Duration;

use aiospec_impl::{sleep_for, spawn, Raised};

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap()
}

#[test]
fn t5_c3_a_cancel_during_a_step_that_raises_leaves_the_exception() {
    multi_thread().block_on(async {
        let in_step = Arc::new(Barrier::new(2));
        let asked = Arc::new(Barrier::new(2));
        let (a, b) = (in_step.clone(), asked.clone());
        let t = spawn(async move {
            a.wait(); // the step is running
            b.wait(); // and cancel() has returned
            Err::<u32, _>(Raised::Error("boom"))
        })
        .unwrap();
        let t2 = t.clone();
        let took = tokio::task::spawn_blocking(move || {
            in_step.wait();
            let took = t2.cancel(None);
            asked.wait();
            took
        })
        .await
        .unwrap();
        assert!(took);
        assert_eq!(t.clone().await, Err(Raised::Error("boom")));
        assert!(!t.cancelled());
        assert!(t.cancel_raced_step());
    });
}

#[test]
fn t5_c3_a_cancel_during_a_step_that_returns_cancels_the_task() {
    multi_thread().block_on(async {
        let in_step = Arc::new(Barrier::new(2));
        let asked = Arc::new(Barrier::new(2));
        let (a, b) = (in_step.clone(), asked.clone());
        let t = spawn(async move {
            a.wait();
            b.wait();
            Ok::<u32, Raised<()>>(7)
        })
        .unwrap();
        let t2 = t.clone();
        let took = tokio::task::spawn_blocking(move || {
            in_step.wait();
            let took = t2.cancel(Some("late"));
            asked.wait();
            took
        })
        .await
        .unwrap();
        assert!(took);
        assert_eq!(t.clone().await, Err(Raised::Cancelled(Some("late".into()))));
        assert!(t.cancelled());
        assert!(t.cancel_raced_step());
    });
}

#[test]
fn c3_cancels_between_steps_and_self_cancels_are_not_races() {
    multi_thread().block_on(async {
        // Cancelled while awaiting: an ordinary cancellation.
        let sleeper = spawn(async {
            sleep_for::<()>(Duration::from_secs(60)).await?;
            Ok::<u32, Raised<()>>(1)
        })
        .unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(sleeper.cancel(None));
        assert!(sleeper.clone().await.is_err());
        assert!(!sleeper.cancel_raced_step());
        // A task cancelling itself during its step (T5) is not a race either.
        let slot: Arc<std::sync::OnceLock<aiospec_impl::Task<u32, ()>>> = Arc::default();
        let s = slot.clone();
        let gate = Arc::new(tokio::sync::Notify::new());
        let g = gate.clone();
        let me = spawn(async move {
            g.notified().await;
            s.get().expect("set").cancel(None);
            Ok::<u32, Raised<()>>(2)
        })
        .unwrap();
        let _ = slot.set(me.clone());
        gate.notify_one();
        assert!(me.clone().await.is_err());
        assert!(me.cancelled());
        assert!(!me.cancel_raced_step());
    });
}
