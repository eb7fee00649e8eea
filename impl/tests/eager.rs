//! Eager start against CPython 3.12.1 and 3.13.0 under `eager_task_factory` (`tasks.py`
//! `Task.__eager_start`), which print the same (quoted below). On the asyncio-order executor.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aiospec_impl::{gather, sleep_for, spawn, spawn_eager, Executor, Raised};

type Log = Arc<Mutex<Vec<String>>>;

fn say(log: &Log, s: &str) {
    log.lock().unwrap().push(s.to_string());
}

async fn child(log: Log, name: &'static str, d: u64) -> Result<&'static str, Raised<()>> {
    say(&log, &format!("{name} starts"));
    sleep_for(Duration::from_secs(d)).await?;
    say(&log, &format!("{name} ends"));
    Ok(name)
}

#[test]
fn eager_tasks_run_their_first_step_inside_create_task() {
    // e starts / creator after create_task, e done: False / f starts / creator next /
    // f ends / creator after yield / e ends / ['e', 'f'] / instant done: True 5
    let log: Log = Arc::default();
    let l = log.clone();
    Executor::new()
        .block_on(async move {
            let e = spawn_eager(child(l.clone(), "e", 1)).unwrap();
            say(
                &l,
                &format!("creator after create_task, e done: {}", e.done()),
            );
            let f = spawn_eager(child(l.clone(), "f", 0)).unwrap();
            say(&l, "creator next");
            sleep_for::<()>(Duration::ZERO).await.unwrap();
            say(&l, "creator after yield");
            let r = gather(vec![e.into(), f.into()], false).await.unwrap();
            say(&l, &format!("{:?}", r));
            let v = spawn_eager(async { Ok::<u32, Raised<()>>(5) }).unwrap();
            say(&l, &format!("instant done: {} {:?}", v.done(), v.result()));
        })
        .unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        vec![
            "e starts",
            "creator after create_task, e done: false",
            "f starts",
            "creator next",
            "f ends",
            "creator after yield",
            "e ends",
            r#"[Ok("e"), Ok("f")]"#,
            "instant done: true Ok(5)",
        ]
    );
}

#[test]
fn eager_the_current_task_in_the_first_step_is_the_new_task() {
    // CPython: `asyncio.current_task()` inside the eager step is the new task, not the
    // creator (`_swap_current_task`), so a timeout entered there times out the new task and
    // leaves the creator alone. CPython 3.12.1 and 3.13.0, the same program with
    // `async with asyncio.timeout(1)` in the eager child: ('TimeoutError', 0) (the child's
    // result, and the creator's `cancelling()`).
    let out = Executor::new()
        .block_on(async {
            let slot: Arc<std::sync::OnceLock<aiospec_impl::Task<u32, ()>>> = Arc::default();
            let creator = spawn(async move {
                let t = spawn_eager(async {
                    // A timeout uses the current task: it must cancel this one.
                    aiospec_impl::timeout(Some(Duration::from_secs(1)), |_| async {
                        sleep_for::<()>(Duration::from_secs(5)).await?;
                        Ok(1u32)
                    })
                    .await
                })
                .unwrap();
                let _ = slot.set(t.clone());
                sleep_for::<()>(Duration::from_secs(2)).await?;
                Ok::<_, Raised<()>>(t.result())
            })
            .unwrap();
            creator.await
        })
        .unwrap();
    assert_eq!(out, Ok(Err(Raised::Timeout)));
}

#[test]
fn eager_works_on_tokio() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let out = rt.block_on(async {
        let done_at_once = spawn_eager(async { Ok::<u32, Raised<()>>(1) }).unwrap();
        let later = spawn_eager(async {
            sleep_for::<()>(Duration::from_millis(10)).await?;
            Ok::<u32, Raised<()>>(2)
        })
        .unwrap();
        (done_at_once.done(), later.done(), later.await)
    });
    assert_eq!(out, (true, false, Ok(2)));
}
