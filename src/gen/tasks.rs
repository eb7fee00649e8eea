//! Tasks and the task combinators: the child coroutines `c0..` (sleeps including 0 and
//! equal deadlines, random outcomes, cancellation handled or not, nested gathers, shields)
//! and main's operations on them (gather, wait with random modes and timeouts, wait_for,
//! cancel, await).

use proptest::prelude::*;
use serde_json::{json, Value as J};

use super::Mix;

/// Delays: binary-exact ones make equal deadlines (ties) common; 0.1/0.2/0.3 exercise float
/// rounding (0.1 + 0.2 != 0.3).
pub(super) fn delay(exact: bool) -> BoxedStrategy<&'static str> {
    if exact {
        return prop_oneof![3 => Just("0"), 2 => Just("0.25"), 2 => Just("0.5"), 2 => Just("1"), 1 => Just("0.75")].boxed();
    }
    prop_oneof![
        3 => Just("0"),
        2 => Just("0.25"),
        2 => Just("0.5"),
        2 => Just("1"),
        1 => Just("0.1"),
        1 => Just("0.2"),
        1 => Just("0.3"),
        1 => Just("0.75"),
    ]
    .boxed()
}

pub(super) fn exc_class() -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => Just("ValueError"), 1 => Just("KeyError"), 1 => Just("RuntimeError")]
}

/// One step of a child coroutine `c{idx}`; `callable` lists the coroutines it may gather.
fn child_step(idx: usize, callable: usize, mix: Mix) -> BoxedStrategy<J> {
    let exact = mix.exact;
    let name = format!("c{idx}");
    let n1 = name.clone();
    let n2 = name.clone();
    let n3 = name.clone();
    let n4 = name.clone();
    let mut options: Vec<(u32, BoxedStrategy<J>)> = vec![
        (4, delay(exact).prop_map(|d| json!(format!("await asyncio.sleep({d})"))).boxed()),
        (2, Just(json!(format!("print('{n1}', 'step')"))).boxed()),
        (
            1,
            delay(exact)
                .prop_map(move |d| {
                    json!({"try": [format!("await asyncio.sleep({d})")],
                           "except": [{"type": "asyncio.CancelledError", "body": [format!("print('{n2}', 'cancelled')"), "raise"]}]})
                })
                .boxed(),
        ),
        (
            1,
            delay(exact)
                .prop_map(move |d| {
                    json!({"try": [format!("await asyncio.sleep({d})")],
                           "except": [{"type": "asyncio.CancelledError", "body": [format!("print('{n3}', 'swallows cancel')")]}]})
                })
                .boxed(),
        ),
        (
            1,
            delay(exact)
                .prop_map(move |d| {
                    json!({"try": [format!("await asyncio.sleep({d})")], "finally": [format!("print('{n4}', 'finally')")]})
                })
                .boxed(),
        ),
    ];
    if mix.structured {
        // A timeout around a sleep or a wait for a coroutine, in a task.
        let n8 = name.clone();
        let inner = if callable > 0 {
            prop_oneof![
                2 => delay(exact).prop_map(|d| format!("await asyncio.sleep({d})")),
                1 => (0..callable).prop_map(|k| format!("await c{k}()")),
            ]
            .boxed()
        } else {
            delay(exact)
                .prop_map(|d| format!("await asyncio.sleep({d})"))
                .boxed()
        };
        options.push((
            1,
            (delay(exact), inner)
                .prop_map(move |(d, inner)| {
                    json!({"try": [{"async with": format!("asyncio.timeout({d})"), "body": [inner]}],
                           "except": [{"type": "TimeoutError", "body": [format!("print('{n8}', 'timed out')")]}]})
                })
                .boxed(),
        ));
    }
    if callable > 0 {
        let n5 = name.clone();
        options.push((
            1,
            (proptest::collection::vec(0..callable, 1..3), any::<bool>())
                .prop_map(move |(ks, rex)| {
                    let args: Vec<String> = ks.iter().map(|k| format!("c{k}()")).collect();
                    let call = format!("r = await asyncio.gather({}, return_exceptions={})", args.join(", "), py_bool(rex));
                    json!({"try": [call, format!("print('{n5}', 'gathered', r)")],
                           "except": [{"type": "Exception", "as": "e", "body": [format!("print('{n5}', 'gather raised', repr(e))")]}]})
                })
                .boxed(),
        ));
        if mix.structured {
            // A task group nested in a task: its children, its errors as an ExceptionGroup.
            let n7 = name.clone();
            options.push((
                1,
                proptest::collection::vec(0..callable, 1..3)
                    .prop_map(move |ks| {
                        let body: Vec<J> = ks
                            .iter()
                            .map(|k| json!(format!("tg.create_task(c{k}())")))
                            .collect();
                        json!({"try": [{"async with": "asyncio.TaskGroup() as tg", "body": body}, format!("print('{n7}', 'taskgroup done')")],
                               "except": [{"type": "Exception", "as": "e", "body": [format!("print('{n7}', 'taskgroup raised', repr(e))")]}]})
                    })
                    .boxed(),
            ));
            // The waiter's cancellation stops at the shield's outer future (SPEC's shield).
            let n6 = name.clone();
            options.push((
                1,
                (0..callable)
                    .prop_map(move |k| {
                        json!({"try": [format!("r = await asyncio.shield(c{k}())"), format!("print('{n6}', 'shielded', r)")],
                               "except": [{"type": "Exception", "as": "e", "body": [format!("print('{n6}', 'shield raised', repr(e))")]}]})
                    })
                    .boxed(),
            ));
        }
    }
    proptest::strategy::Union::new_weighted(options).boxed()
}

pub(super) fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

pub(super) fn child(idx: usize, mix: Mix) -> BoxedStrategy<J> {
    let name = format!("c{idx}");
    let ending = prop_oneof![
        3 => Just(None),
        2 => exc_class().prop_map(Some),
    ];
    (
        proptest::collection::vec(child_step(idx, idx, mix), 1..4),
        ending,
    )
        .prop_map(move |(mut body, end)| {
            match end {
                Some(cls) => body.push(json!(format!("raise {cls}('{name}')"))),
                None => body.push(json!(format!("return '{name}'"))),
            }
            json!({"params": [], "body": body})
        })
        .boxed()
}

/// `try: body` with every exception printed as `{what} raised ...`.
pub(super) fn catch(body: Vec<J>, what: &str) -> J {
    json!({"try": body, "except": [{"type": "BaseException", "as": "e", "body": [format!("print('{what} raised', repr(e))")]}]})
}

/// An awaitable of main: a task `t{i}` (mostly) or a fresh coroutine `c{k}()`.
pub(super) fn member(ntasks: usize, ncoros: usize) -> BoxedStrategy<String> {
    if ntasks > 0 {
        prop_oneof![
            3 => (0..ntasks).prop_map(|i| format!("t{i}")),
            1 => (0..ncoros).prop_map(|k| format!("c{k}()")),
        ]
        .boxed()
    } else {
        (0..ncoros).prop_map(|k| format!("c{k}()")).boxed()
    }
}

/// Main's operations on tasks `t0..` (`ntasks`) and coroutine functions `c0..` (`ncoros`),
/// with their weights.
pub(super) fn ops(ntasks: usize, ncoros: usize, exact: bool) -> Vec<(u32, BoxedStrategy<Vec<J>>)> {
    let catch = |body: Vec<String>, what: &str| -> J {
        catch(body.into_iter().map(J::from).collect(), what)
    };
    let member = move || member(ntasks, ncoros);
    let task_member = move || -> BoxedStrategy<String> {
        if ntasks > 0 {
            prop_oneof![
                3 => (0..ntasks).prop_map(|i| format!("t{i}")),
                1 => (0..ncoros).prop_map(|k| format!("asyncio.create_task(c{k}())")),
            ]
            .boxed()
        } else {
            (0..ncoros)
                .prop_map(|k| format!("asyncio.create_task(c{k}())"))
                .boxed()
        }
    };
    let gather = (
        proptest::collection::vec(member(), 0..4),
        any::<bool>(),
        proptest::option::of(delay(exact)),
    )
        .prop_map(move |(ms, rex, cancel_after)| {
            let g = format!(
                "asyncio.gather({}{}return_exceptions={})",
                ms.join(", "),
                if ms.is_empty() { "" } else { ", " },
                py_bool(rex)
            );
            match cancel_after {
                None => vec![catch(
                    vec![format!("r = await {g}"), "print('gather ->', r)".into()],
                    "gather",
                )],
                Some(d) => vec![
                    json!(format!("g = {g}")),
                    json!(format!("await asyncio.sleep({d})")),
                    json!("print('cancel gather ->', g.cancel())"),
                    catch(
                        vec!["r = await g".into(), "print('gather ->', r)".into()],
                        "gather",
                    ),
                ],
            }
        });
    let rw = prop_oneof![
        Just("ALL_COMPLETED"),
        Just("FIRST_COMPLETED"),
        Just("FIRST_EXCEPTION")
    ];
    let wait = (
        proptest::collection::vec(task_member(), 1..4),
        proptest::option::of(delay(exact)),
        rw,
        any::<bool>(),
    )
        .prop_map(move |(ms, timeout, rw, retrieve)| {
            let t = timeout.map(|d| format!(", timeout={d}")).unwrap_or_default();
            let mut v = vec![
                json!(format!("done, pending = await asyncio.wait([{}]{t}, return_when=asyncio.{rw})", ms.join(", "))),
                json!("print('wait ->', len(done), len(pending))"),
            ];
            if retrieve {
                v.push(json!({"for": "d", "in": "done", "body": [catch(vec!["await d".into()], "done task")]}));
            }
            v
        });
    let wait_for = (member(), proptest::option::of(delay(exact))).prop_map(move |(m, t)| {
        let t = t.unwrap_or("None");
        vec![catch(
            vec![
                format!("r = await asyncio.wait_for({m}, {t})"),
                "print('wait_for ->', r)".into(),
            ],
            "wait_for",
        )]
    });
    let sleep = delay(exact).prop_map(|d| vec![json!(format!("await asyncio.sleep({d})"))]);
    let mut options: Vec<(u32, BoxedStrategy<Vec<J>>)> = vec![
        (3, gather.boxed()),
        (3, wait.boxed()),
        (2, wait_for.boxed()),
        (2, sleep.boxed()),
    ];
    if ntasks > 0 {
        options.push((
            2,
            (0..ntasks)
                .prop_map(|i| vec![json!(format!("print('cancel t{i} ->', t{i}.cancel())"))])
                .boxed(),
        ));
        options.push((
            1,
            (0..ntasks)
                .prop_map(move |i| {
                    vec![catch(
                        vec![format!("print('t{i} ->', await t{i})")],
                        &format!("t{i}"),
                    )]
                })
                .boxed(),
        ));
    }
    options
}
