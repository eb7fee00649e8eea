//! `timeout` / `timeout_at` against CPython's own behaviour. Each test mirrors a program run
//! on CPython 3.11.7, 3.12.1 and 3.13.0, which print the same for all of them (quoted in each
//! test; CPython's times carry a few milliseconds of real time). On the asyncio-order
//! executor, in a task, so times are exact.
//!
//! SPEC.md has no timeout rules yet: tests cite CPython's `timeouts.py` instead.

use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use aiospec_impl::{
    loop_time, sleep_for, spawn, timeout, timeout_at, Executor, LoopTime, Raised, Task,
};

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

/// Run `body` as a task on a fresh executor (a timeout needs a current task).
fn in_task<T, F>(body: F) -> R<T>
where
    T: Clone + Send + 'static,
    F: Future<Output = R<T>> + Send + 'static,
{
    Executor::new()
        .block_on(async { spawn(body).unwrap().await })
        .expect("the executor got stuck")
}

/// A task's own handle, set once it is spawned (for `cancelling()`).
type SelfHandle<T> = Arc<OnceLock<Task<T, &'static str>>>;

#[test]
fn timeout_expires_into_timeout_error_and_withdraws_its_cancellation() {
    // ['timeout', 1.0, True, 0]
    let me: SelfHandle<(f64, bool, u64)> = Arc::default();
    let m = me.clone();
    let out = Executor::new()
        .block_on(async move {
            let t = spawn(async move {
                let t0 = loop_time().unwrap();
                let seen: Arc<Mutex<Option<aiospec_impl::Timeout>>> = Arc::default();
                let s = seen.clone();
                let r = timeout(Some(secs(1)), |cm| async move {
                    *s.lock().unwrap() = Some(cm);
                    sleep_for::<&'static str>(secs(10)).await
                })
                .await;
                assert_eq!(r, Err(Raised::Timeout));
                let expired = seen.lock().unwrap().as_ref().unwrap().expired();
                Ok((since(t0), expired, m.get().unwrap().cancelling()))
            })
            .unwrap();
            let _ = me.set(t.clone());
            t.await
        })
        .unwrap();
    assert_eq!(out, Ok((1.0, true, 0)));
}

#[test]
fn timeout_not_reached_returns_the_body_value() {
    // ['ok', 1.0, False]
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let expired = timeout(Some(secs(5)), |cm| async move {
            sleep_for(secs(1)).await?;
            Ok(cm)
        })
        .await?
        .expired();
        Ok((since(t0), expired))
    });
    assert_eq!(out, Ok((1.0, false)));
}

#[test]
fn timeout_reschedule_later_none_and_past() {
    // ['timeout', 3.0] / ['ok', 2.0, None] / ['timeout', 1.0]
    let later = in_task(async {
        let t0 = loop_time().unwrap();
        let r = timeout(Some(secs(1)), |cm| async move {
            cm.reschedule(cm.when().map(|w| w + secs(2))).unwrap();
            sleep_for::<&'static str>(secs(10)).await
        })
        .await;
        Ok((r, since(t0)))
    });
    assert_eq!(later, Ok((Err(Raised::Timeout), 3.0)));
    let none = in_task(async {
        let t0 = loop_time().unwrap();
        let when = timeout(Some(secs(1)), |cm| async move {
            cm.reschedule(None).unwrap();
            sleep_for(secs(2)).await?;
            Ok(cm.when())
        })
        .await?;
        Ok((since(t0), when.is_none()))
    });
    assert_eq!(none, Ok((2.0, true)));
    let past = in_task(async {
        let t0 = loop_time().unwrap();
        let r = timeout(Some(secs(10)), |cm| async move {
            sleep_for(secs(1)).await?;
            // A deadline 5 s ago: `call_soon(self._on_timeout)`.
            cm.reschedule(Some(t0)).unwrap();
            sleep_for::<&'static str>(secs(10)).await
        })
        .await;
        Ok((r, since(t0)))
    });
    assert_eq!(past, Ok((Err(Raised::Timeout), 1.0)));
}

#[test]
fn timeout_a_body_that_swallows_the_cancellation_returns_normally() {
    // ['swallowed', 1.0, True]
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let cm = timeout(Some(secs(1)), |cm| async move {
            let _ = sleep_for::<&'static str>(secs(10)).await;
            Ok(cm)
        })
        .await?;
        Ok((since(t0), cm.expired()))
    });
    assert_eq!(out, Ok((1.0, true)));
}

#[test]
fn timeout_nested_the_inner_one_expires_alone() {
    // [('inner timeout', 1.0), ('outer body done', 2.0)]
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let l = log.clone();
        let r = timeout(Some(secs(5)), |_| async move {
            let inner = timeout(Some(secs(1)), |_| sleep_for::<&'static str>(secs(10))).await;
            if inner == Err(Raised::Timeout) {
                l.lock()
                    .unwrap()
                    .push(format!("inner timeout {}", since(t0)));
            }
            sleep_for::<&'static str>(secs(1)).await?;
            l.lock()
                .unwrap()
                .push(format!("outer body done {}", since(t0)));
            Ok(())
        })
        .await;
        if r == Err(Raised::Timeout) {
            log.lock().unwrap().push("outer timeout".into());
        }
        let v = log.lock().unwrap().clone();
        Ok(v)
    });
    assert_eq!(
        out,
        Ok(vec!["inner timeout 1".into(), "outer body done 2".into()])
    );
}

#[test]
fn timeout_nested_the_outer_one_expiring_cancels_through_the_inner_one() {
    // [('inner cancelled', 1.0), ('outer timeout', 1.0)]: the inner timeout sees a
    // cancellation it did not cause (the task's `cancelling()` is above its own count) and
    // lets it through.
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let l = log.clone();
        let r = timeout(Some(secs(1)), |_| async move {
            let inner = timeout(Some(secs(5)), |_| sleep_for::<&'static str>(secs(10))).await;
            match inner {
                Err(Raised::Timeout) => l.lock().unwrap().push("inner timeout".into()),
                Err(Raised::Cancelled(m)) => {
                    l.lock()
                        .unwrap()
                        .push(format!("inner cancelled {}", since(t0)));
                    return Err(Raised::Cancelled(m));
                }
                _ => {}
            }
            Ok::<(), Raised<&'static str>>(())
        })
        .await;
        if r == Err(Raised::Timeout) {
            log.lock()
                .unwrap()
                .push(format!("outer timeout {}", since(t0)));
        }
        let v = log.lock().unwrap().clone();
        Ok(v)
    });
    assert_eq!(
        out,
        Ok(vec!["inner cancelled 1".into(), "outer timeout 1".into()])
    );
}

#[test]
fn timeout_a_cancellation_from_outside_stays_a_cancellation() {
    // [('cancelled', "CancelledError('x')", 1.0), ('t', True)]
    let out = Executor::new()
        .block_on(async {
            let t0 = loop_time().unwrap();
            let t = spawn(async move {
                let r = timeout(Some(secs(5)), |_| sleep_for::<&'static str>(secs(10))).await;
                assert_eq!(r, Err(Raised::Cancelled(Some("x".into()))));
                assert_eq!(since(t0), 1.0);
                r
            })
            .unwrap();
            sleep_for::<&'static str>(secs(1)).await.unwrap();
            t.cancel(Some("x"));
            let r = t.clone().await;
            (r, t.cancelled())
        })
        .unwrap();
    assert_eq!(out, (Err(Raised::Cancelled(Some("x".into()))), true));
}

#[test]
fn timeout_reschedule_after_expiry_is_refused() {
    // ['Cannot change state of expiring Timeout', 'Cannot change state of expired Timeout']
    let out = in_task(async {
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let l = log.clone();
        let kept: Arc<Mutex<Option<aiospec_impl::Timeout>>> = Arc::default();
        let k = kept.clone();
        let _ = timeout(Some(secs(1)), |cm| async move {
            *k.lock().unwrap() = Some(cm.clone());
            let r = sleep_for::<&'static str>(secs(10)).await;
            if let Err(e) = cm.reschedule(None) {
                l.lock().unwrap().push(e.to_string());
            }
            r
        })
        .await;
        let cm = kept.lock().unwrap().take().unwrap();
        if let Err(e) = cm.reschedule(None) {
            log.lock().unwrap().push(e.to_string());
        }
        let v = log.lock().unwrap().clone();
        Ok(v)
    });
    assert_eq!(
        out,
        Ok(vec![
            "Cannot change state of expiring Timeout".into(),
            "Cannot change state of expired Timeout".into()
        ])
    );
}

#[test]
fn timeout_another_error_from_an_expired_body_propagates() {
    // ['ValueError', 'cleanup', 1.0]
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let r: R<()> = timeout(Some(secs(1)), |_| async {
            match sleep_for::<&'static str>(secs(10)).await {
                Err(Raised::Cancelled(_)) => Err(Raised::Error("cleanup")),
                other => other,
            }
        })
        .await;
        Ok((r, since(t0)))
    });
    assert_eq!(out, Ok((Err(Raised::Error("cleanup")), 1.0)));
}

#[test]
fn timeout_zero_fires_at_the_next_turn() {
    // ['timeout', 0.0]: `reschedule` with a deadline not after now uses `call_soon`.
    let out = in_task(async {
        let r = timeout(Some(Duration::ZERO), |_| async {
            sleep_for::<&'static str>(Duration::ZERO).await?;
            Ok("no timeout")
        })
        .await;
        Ok(r)
    });
    assert_eq!(out, Ok(Err(Raised::Timeout)));
}

#[test]
fn timeout_at_takes_a_deadline_on_the_loop_clock() {
    // ['timeout', 2.0]
    let out = in_task(async {
        let t0 = loop_time().unwrap();
        let r = timeout_at(Some(t0 + secs(2)), |_| sleep_for::<&'static str>(secs(10))).await;
        Ok((r, since(t0)))
    });
    assert_eq!(out, Ok((Err(Raised::Timeout), 2.0)));
}

#[test]
fn timeout_outside_a_task_is_refused() {
    // CPython: RuntimeError('Timeout should be used inside a task'); tokio's block_on
    // future is not a task.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let r = rt.block_on(timeout(Some(secs(1)), |_| async { Ok::<_, Raised<()>>(1) }));
    assert_eq!(
        r,
        Err(Raised::InvalidState("Timeout should be used inside a task"))
    );
}

#[test]
fn timeout_works_on_tokio_paused_time() {
    // As `timeout_expires_into_timeout_error_and_withdraws_its_cancellation`, on tokio.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let out = rt.block_on(async {
        spawn(async {
            let t0 = loop_time().unwrap();
            let r = timeout(Some(secs(1)), |_| sleep_for::<&'static str>(secs(10))).await;
            Ok::<_, Raised<&'static str>>((r, since(t0)))
        })
        .unwrap()
        .await
    });
    assert_eq!(out, Ok((Err(Raised::Timeout), 1.0)));
}
