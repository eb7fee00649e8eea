//! Futures completed from callbacks (`loop.create_future()`, `call_soon`/`call_later` of
//! `set_result`/`set_exception`/`cancel`, `add_done_callback`) and asyncio's synchronisation
//! primitives (`Lock`, `Event`, `Semaphore`, `Queue` with `put`/`get`/`task_done`/`join` and
//! `maxsize`), all created inside the running loop, as every version 3.7+ allows. For the
//! CPython campaigns only: the implementation backend runs none of them.
//!
//! Every operation ends: a future is always completed by a callback or awaited under a
//! timeout, an event is always set, and a queue is joined under `wait_for`.

use proptest::prelude::*;
use serde_json::{json, Value as J};

use super::tasks::{catch, delay};

/// The helper coroutines these operations start, by name: a program defines those it calls.
pub(super) fn helpers() -> Vec<(&'static str, J)> {
    vec![
        (
            "hold",
            json!({"params": ["cm", "i", "d"], "body": [
                {"async with": "cm", "body": [
                    "print('hold', i, 'in')",
                    "await asyncio.sleep(d)",
                    "print('hold', i, 'out')",
                ]},
                "return i",
            ]}),
        ),
        (
            "waiter",
            json!({"params": ["ev", "i"], "body": [
                "print('waiter', i, 'waits')",
                "r = await ev.wait()",
                "print('waiter', i, 'woke', r)",
                "return i",
            ]}),
        ),
        (
            "producer",
            json!({"params": ["q", "n", "d"], "body": [
                {"for": "k", "in": "range(n)", "body": [
                    "await q.put(k)",
                    "print('put', k, q.qsize())",
                    "await asyncio.sleep(d)",
                ]},
                "return 'produced'",
            ]}),
        ),
        (
            "consumer",
            json!({"params": ["q", "n", "d"], "body": [
                {"for": "k", "in": "range(n)", "body": [
                    "item = await q.get()",
                    "print('got', item, q.qsize())",
                    "await asyncio.sleep(d)",
                    "q.task_done()",
                ]},
                "return 'consumed'",
            ]}),
        ),
    ]
}

const LOOP: &str = "asyncio.get_running_loop()";

/// A future completed by a callback (or cancelled), with a done callback, awaited by main.
fn future(exact: bool) -> BoxedStrategy<Vec<J>> {
    let completer = prop_oneof![
        2 => Just(format!("{LOOP}.call_soon(fut.set_result, 'v')")),
        3 => delay(exact).prop_map(|d| format!("{LOOP}.call_later({d}, fut.set_result, 'v')")),
        2 => delay(exact).prop_map(|d| format!("{LOOP}.call_later({d}, fut.set_exception, ValueError('fut'))")),
        1 => delay(exact).prop_map(|d| format!("{LOOP}.call_later({d}, fut.cancel)")),
        1 => Just(format!("{LOOP}.call_soon(fut.set_exception, KeyError('fut'))")),
    ];
    (
        any::<bool>(),
        completer,
        proptest::option::of(delay(exact)),
        proptest::option::of(delay(exact)),
    )
        .prop_map(|(callback, completer, cancel_after, timeout)| {
            let mut v = vec![json!(format!("fut = {LOOP}.create_future()"))];
            if callback {
                v.push(json!(
                    "fut.add_done_callback(lambda f: print('fut callback', f.cancelled()))"
                ));
            }
            v.push(json!(completer));
            if let Some(d) = cancel_after {
                v.push(json!(format!("await asyncio.sleep({d})")));
                v.push(json!("print('cancel fut ->', fut.cancel(), fut.done())"));
            }
            let wait = match timeout {
                Some(d) => format!("r = await asyncio.wait_for(fut, {d})"),
                None => "r = await fut".to_string(),
            };
            v.push(catch(vec![json!(wait), json!("print('fut ->', r)")], "fut"));
            v
        })
        .boxed()
}

/// `n` workers on one primitive, `i` each: `w0 = asyncio.create_task(...)`, ...
fn workers(call: impl Fn(usize) -> String, n: usize) -> Vec<J> {
    (0..n)
        .map(|i| json!(format!("w{i} = asyncio.create_task({})", call(i))))
        .collect()
}

/// Main's interference before it collects the workers: a sleep, a cancel, or nothing.
fn interfere(n: usize, exact: bool) -> BoxedStrategy<Vec<J>> {
    prop_oneof![
        2 => Just(vec![]),
        2 => delay(exact).prop_map(|d| vec![json!(format!("await asyncio.sleep({d})"))]),
        2 => (0..n, delay(exact)).prop_map(|(i, d)| vec![
            json!(format!("await asyncio.sleep({d})")),
            json!(format!("print('cancel w{i} ->', w{i}.cancel())")),
        ]),
    ]
    .boxed()
}

fn collect(n: usize, what: &str) -> J {
    let ws: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    catch(
        vec![json!(format!(
            "print('{what} ->', await asyncio.gather({}, return_exceptions=True))",
            ws.join(", ")
        ))],
        what,
    )
}

/// `asyncio.Lock()` or `asyncio.Semaphore(k)` held in turn by 1–3 workers.
fn lock(exact: bool) -> BoxedStrategy<Vec<J>> {
    (
        prop_oneof![2 => Just("asyncio.Lock()".to_string()), 1 => (1..3u8).prop_map(|k| format!("asyncio.Semaphore({k})"))],
        proptest::collection::vec(delay(exact), 1..4),
    )
        .prop_flat_map(move |(make, ds)| {
            let n = ds.len();
            (Just(make), Just(ds), interfere(n, exact), any::<bool>())
        })
        .prop_map(|(make, ds, inter, peek)| {
            let n = ds.len();
            let what = if make.contains("Lock") {
                "lock"
            } else {
                "semaphore"
            };
            let mut v = vec![json!(format!("cm = {make}"))];
            v.extend(workers(|i| format!("hold(cm, {i}, {})", ds[i]), n));
            v.extend(inter);
            if peek {
                v.push(json!("print('locked', cm.locked())"));
            }
            v.push(collect(n, what));
            v
        })
        .boxed()
}

/// `asyncio.Event()` waited on by 1–3 workers, set by main or by a timer.
fn event(exact: bool) -> BoxedStrategy<Vec<J>> {
    (1..4usize)
        .prop_flat_map(move |n| {
            (
                Just(n),
                interfere(n, exact),
                prop_oneof![
                    Just("ev.set()".to_string()),
                    delay(exact).prop_map(|d| format!("{LOOP}.call_later({d}, ev.set)")),
                ],
                any::<bool>(),
            )
        })
        .prop_map(|(n, inter, set, clear)| {
            let mut v = vec![json!("ev = asyncio.Event()")];
            v.extend(workers(|i| format!("waiter(ev, {i})"), n));
            v.extend(inter);
            // Cleared before it is set: a clear after the set could come before the waiters
            // ran, and they would wait forever.
            if clear {
                v.push(json!("print('is_set', ev.is_set())"));
                v.push(json!("ev.clear()"));
            }
            v.push(json!(set));
            v.push(collect(n, "event"));
            v
        })
        .boxed()
}

/// `asyncio.Queue(maxsize)` between a producer and a consumer, joined under `wait_for`.
fn queue(exact: bool) -> BoxedStrategy<Vec<J>> {
    (
        0..3usize,
        1..4usize,
        delay(exact),
        delay(exact),
        proptest::option::of(delay(exact)),
        delay(exact),
    )
        .prop_map(|(maxsize, n, dp, dc, cancel_after, join_timeout)| {
            let mut v = vec![
                json!(format!("q = asyncio.Queue(maxsize={maxsize})")),
                json!(format!("w0 = asyncio.create_task(producer(q, {n}, {dp}))")),
                json!(format!("w1 = asyncio.create_task(consumer(q, {n}, {dc}))")),
            ];
            if let Some(d) = cancel_after {
                v.push(json!(format!("await asyncio.sleep({d})")));
                v.push(json!("print('cancel w1 ->', w1.cancel())"));
            }
            v.push(catch(
                vec![
                    json!(format!(
                        "await asyncio.wait_for(q.join(), {})",
                        if join_timeout == "0" {
                            "2"
                        } else {
                            join_timeout
                        }
                    )),
                    json!("print('joined', q.qsize(), q.empty(), q.full())"),
                ],
                "join",
            ));
            v.push(catch(
                vec![json!(
                    "print('queue ->', await asyncio.wait_for(asyncio.gather(w0, w1, return_exceptions=True), 3))"
                )],
                "queue",
            ));
            v
        })
        .boxed()
}

/// The operations of main on futures and primitives, with their weights.
pub(super) fn ops(exact: bool) -> Vec<(u32, BoxedStrategy<Vec<J>>)> {
    vec![
        (2, future(exact)),
        (2, lock(exact)),
        (1, event(exact)),
        (1, queue(exact)),
    ]
}
