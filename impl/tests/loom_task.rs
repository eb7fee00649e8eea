//! loom: `Task::cancel` racing the task's step on another thread (SPEC T5, T6, C3), on the
//! multi-worker executor driven one job at a time. Invariants: the task finishes exactly
//! once; `cancel()` returns true exactly when the task was not done, and then the task ends
//! cancelled (its step returns a value: SPEC T5 for a cancel during the step).
#![cfg(loom)]

mod loom_support;

use aiospec_impl::{spawn, Raised, Task, Workers};
use loom::thread;
use loom_support::{Count, Seen};

static CANCEL_TOOK: Seen = Seen::new();

#[test]
fn task_cancel_races_a_step_on_another_thread() {
    loom::model(|| {
        let w = Workers::new();
        let finished = Count::default();
        let task: Task<u32, ()> = w.enter(|| spawn(async { Ok(7) }).unwrap());
        let n = finished.clone();
        task.add_done_callback(move |_| n.bump());
        let t2 = task.clone();
        let canceller = thread::spawn(move || t2.cancel(None));
        while w.run_one() {}
        let took = canceller.join().unwrap();
        while w.run_one() {}
        assert!(task.done());
        assert_eq!(finished.get(), 1, "done callbacks ran exactly once");
        if took {
            assert_eq!(task.result(), Err(Raised::Cancelled(None)));
            assert!(task.cancelled());
        } else {
            assert_eq!(task.result(), Ok(7));
            assert!(!task.cancel_raced_step());
        }
        CANCEL_TOOK.note(took);
    });
    assert!(CANCEL_TOOK.both());
}

#[test]
fn task_cancel_races_a_step_that_awaits_a_future_completed_elsewhere() {
    // The task awaits a future a third thread completes, while a second cancels the task:
    // the cancel travels to the awaited future (T6) or arrives between steps; either way
    // the task ends once, cancelled if the cancel was taken before it finished.
    loom::model(|| {
        let w = Workers::new();
        let gate = w.enter(aiospec_impl::AioFuture::<(), ()>::new);
        let g = gate.clone();
        let task: Task<u32, ()> = w.enter(|| {
            spawn(async move {
                g.await?;
                Ok(7)
            })
            .unwrap()
        });
        let g2 = gate.clone();
        let opener = thread::spawn(move || g2.set_result(()));
        let t2 = task.clone();
        let canceller = thread::spawn(move || t2.cancel(None));
        opener.join().unwrap();
        let took = canceller.join().unwrap();
        while w.run_one() {}
        assert!(task.done());
        match task.result() {
            Ok(v) => assert!(v == 7 && !took),
            Err(Raised::Cancelled(_)) => assert!(took),
            other => panic!("unexpected {other:?}"),
        }
    });
}
