//! loom: a TaskGroup child failing while the body adds another child and while the group
//! exits, on two workers (`taskgroups.py` `_on_task_done`, `create_task`, `__aexit__`).
//! Invariants: the group returns exactly once, with exactly the failed child's error; every
//! child it accepted is done when it returns (cancelled or finished); a child is refused only
//! once the group is shutting down; no error is reported (the group retrieved them); the
//! group's own cancellation of the parent is withdrawn.
#![cfg(loom)]

mod loom_support;

use aiospec_impl::{
    spawn, AioFuture, Raised, SpawnError, Task, TaskGroup, TaskGroupError, Workers,
};
use loom::thread;
use loom_support::Reports;

type E = &'static str;

#[test]
fn taskgroup_child_fails_while_another_is_added_and_while_the_group_exits() {
    loom::model(|| {
        let reports = Reports::default();
        reports.scope(|| {
            let w = Workers::new();
            let gate: AioFuture<(), E> = w.enter(AioFuture::new);
            let g = gate.clone();
            let group: std::sync::Arc<std::sync::Mutex<Option<TaskGroup<E>>>> = Default::default();
            let gr = group.clone();
            let parent: Task<_, E> = w.enter(|| {
                spawn(async move {
                    let r = TaskGroup::run(|tg| async move {
                        *gr.lock().unwrap() = Some(tg.clone());
                        tg.spawn(async move {
                            g.await?;
                            Err::<u32, _>(Raised::Error("a"))
                        })
                        .unwrap();
                        Ok(tg.spawn(async { Ok::<u32, Raised<E>>(1) }))
                    })
                    .await;
                    Ok(r)
                })
                .unwrap()
            });
            let (g2, k) = (gate.clone(), w.keep_alive());
            let opener = thread::spawn(move || {
                let _k = k;
                g2.set_result(())
            });
            let p = parent.clone();
            let out = w.block_on(2, async move { p.await });
            opener.join().unwrap();
            let Some(out) = out else {
                panic!(
                    "stuck: {}; parent {:?}; gate done {}; group {:?}",
                    w.describe(),
                    parent,
                    gate.done(),
                    group.lock().unwrap()
                );
            };
            let r = out.expect("the parent returned");
            match r {
                Err(TaskGroupError::Errors(es)) => assert_eq!(es, vec![Raised::Error("a")]),
                Ok(_) => panic!("child a always fails: the group must fail"),
                Err(other) => panic!("unexpected {other:?}"),
            }
            assert_eq!(
                parent.cancelling(),
                0,
                "the group withdrew its cancellation"
            );
            drop((parent, gate, w));
            assert_eq!(reports.take(), vec![]);
        });
    });
}

#[test]
fn taskgroup_refuses_or_cancels_a_child_added_while_another_fails() {
    // The body adds b from one worker while a's failure aborts the group on the other: b is
    // either refused (the group was already shutting down) or accepted and then cancelled or
    // finished, and the group waits for it.
    loom::model(|| {
        let w = Workers::new();
        let out = w.block_on(2, async {
            spawn(async {
                let b_slot = std::sync::Arc::new(std::sync::Mutex::new(None));
                let b2 = b_slot.clone();
                let r: Result<(), _> = TaskGroup::run(|tg| async move {
                    tg.spawn(async { Err::<u32, Raised<E>>(Raised::Error("a")) })
                        .unwrap();
                    // Yield once so that a's step and callback run on the other worker.
                    aiospec_impl::sleep_for::<E>(std::time::Duration::ZERO).await?;
                    *b2.lock().unwrap() = Some(tg.spawn(async { Ok::<u32, Raised<E>>(1) }));
                    Ok(())
                })
                .await;
                let b = b_slot.lock().unwrap().take();
                Ok::<_, Raised<E>>((r, b))
            })
            .unwrap()
            .await
        });
        let (r, b) = out.expect("finished").expect("the parent returned");
        assert_eq!(r, Err(TaskGroupError::Errors(vec![Raised::Error("a")])));
        match b {
            Some(Ok(b)) => assert!(b.done(), "an accepted child is done when the group returns"),
            Some(Err(SpawnError::ShuttingDown)) => {}
            // The body was cancelled at its yield before it could add b.
            None => {}
            Some(Err(e)) => panic!("unexpected {e:?}"),
        }
    });
}
