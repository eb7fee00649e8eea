//! The structured API: `asyncio.TaskGroup` and `asyncio.timeout`/`timeout_at` (3.11+, with
//! `reschedule`; a program using them targets 3.11 on, see `mod.rs`), `asyncio.shield` and
//! `asyncio.as_completed` (every version), as operations of main. Each is written so that
//! the implementation backend runs it too (no lambdas, no attributes beyond `result()`,
//! `cancel()`, `expired()`, `reschedule()` and the loop's `time()`).

use proptest::prelude::*;
use serde_json::{json, Value as J};

use super::tasks::{catch, delay, member};

/// `catch` for statements given as text.
fn catch_s(body: Vec<String>, what: &str) -> J {
    catch(body.into_iter().map(J::from).collect(), what)
}

/// `async with asyncio.TaskGroup() as tg:` creating 1–3 children, then maybe a sleep, an
/// await of a task, or an error in the body; the children's results, or the group's error.
fn taskgroup(ntasks: usize, ncoros: usize, exact: bool) -> BoxedStrategy<Vec<J>> {
    let mut tail: Vec<(u32, BoxedStrategy<Option<J>>)> = vec![
        (3, Just(None).boxed()),
        (
            3,
            delay(exact)
                .prop_map(|d| Some(json!(format!("await asyncio.sleep({d})"))))
                .boxed(),
        ),
        (1, Just(Some(json!("raise RuntimeError('body')"))).boxed()),
    ];
    if ntasks > 0 {
        tail.push((
            1,
            (0..ntasks)
                .prop_map(|i| Some(json!(format!("print('taskgroup body ->', await t{i})"))))
                .boxed(),
        ));
    }
    (
        proptest::collection::vec(0..ncoros, 1..4),
        proptest::strategy::Union::new_weighted(tail),
    )
        .prop_map(|(ks, tail)| {
            let mut body: Vec<J> = ks
                .iter()
                .enumerate()
                .map(|(j, k)| json!(format!("x{j} = tg.create_task(c{k}())")))
                .collect();
            body.extend(tail);
            let names: Vec<String> = (0..ks.len()).map(|j| format!("x{j}")).collect();
            vec![catch(
                vec![
                    json!({"async with": "asyncio.TaskGroup() as tg", "body": body}),
                    json!(format!(
                        "print('taskgroup ->', [x.result() for x in ({},)])",
                        names.join(", ")
                    )),
                ],
                "taskgroup",
            )]
        })
        .boxed()
}

/// `async with asyncio.timeout(d)` / `timeout(None)` / `timeout_at(now + d) as cm:` around
/// sleeps, awaits of coroutines and tasks and reschedules; TimeoutError caught apart.
fn timeout(ntasks: usize, ncoros: usize, exact: bool) -> BoxedStrategy<Vec<J>> {
    let head = prop_oneof![
        3 => delay(exact).prop_map(|d| format!("asyncio.timeout({d}) as cm")),
        1 => Just("asyncio.timeout(None) as cm".to_string()),
        2 => delay(exact).prop_map(|d| format!("asyncio.timeout_at(asyncio.get_running_loop().time() + {d}) as cm")),
    ];
    let step = prop_oneof![
        3 => delay(exact).prop_map(|d| format!("await asyncio.sleep({d})")),
        3 => member(ntasks, ncoros).prop_map(|m| format!("print('in timeout ->', await {m})")),
        2 => delay(exact).prop_map(|d| format!("cm.reschedule(asyncio.get_running_loop().time() + {d})")),
        1 => Just("cm.reschedule(None)".to_string()),
        1 => Just("print('expired', cm.expired())".to_string()),
    ];
    (head, proptest::collection::vec(step, 1..4))
        .prop_map(|(head, steps)| {
            let body: Vec<J> = steps.into_iter().map(J::from).collect();
            vec![json!({
                "try": [
                    {"async with": head, "body": body},
                    "print('timeout done', cm.expired())",
                ],
                "except": [
                    {"type": "TimeoutError", "as": "e", "body": ["print('timed out', repr(e), cm.expired())"]},
                    {"type": "BaseException", "as": "e", "body": ["print('timeout raised', repr(e))"]},
                ],
            })]
        })
        .boxed()
}

/// `asyncio.shield(m)` awaited, awaited under `wait_for`, or cancelled from main.
fn shield(ntasks: usize, ncoros: usize, exact: bool) -> BoxedStrategy<Vec<J>> {
    (member(ntasks, ncoros), 0..3usize, delay(exact))
        .prop_map(|(m, how, d)| match how {
            0 => vec![catch_s(
                vec![
                    format!("r = await asyncio.shield({m})"),
                    "print('shield ->', r)".into(),
                ],
                "shield",
            )],
            1 => vec![catch_s(
                vec![
                    format!("r = await asyncio.wait_for(asyncio.shield({m}), {d})"),
                    "print('shielded wait_for ->', r)".into(),
                ],
                "shielded wait_for",
            )],
            _ => vec![
                json!(format!("s = asyncio.shield({m})")),
                json!(format!("await asyncio.sleep({d})")),
                json!("print('cancel shield ->', s.cancel())"),
                catch_s(
                    vec!["r = await s".into(), "print('shield ->', r)".into()],
                    "shield",
                ),
            ],
        })
        .boxed()
}

/// `for f in asyncio.as_completed([...], timeout=...)`, each awaited and caught.
fn as_completed(ntasks: usize, ncoros: usize, exact: bool) -> BoxedStrategy<Vec<J>> {
    (
        proptest::collection::vec(member(ntasks, ncoros), 1..4),
        proptest::option::of(delay(exact)),
    )
        .prop_map(|(ms, timeout)| {
            let t = timeout
                .map(|d| format!(", timeout={d}"))
                .unwrap_or_default();
            vec![json!({
                "for": "f",
                "in": format!("asyncio.as_completed([{}]{t})", ms.join(", ")),
                "body": [catch_s(vec!["print('as_completed ->', await f)".into()], "as_completed item")],
            })]
        })
        .boxed()
}

/// The structured operations of main, with their weights.
pub(super) fn ops(ntasks: usize, ncoros: usize, exact: bool) -> Vec<(u32, BoxedStrategy<Vec<J>>)> {
    vec![
        (2, taskgroup(ntasks, ncoros, exact)),
        (2, timeout(ntasks, ncoros, exact)),
        (1, shield(ntasks, ncoros, exact)),
        (1, as_completed(ntasks, ncoros, exact)),
    ]
}
