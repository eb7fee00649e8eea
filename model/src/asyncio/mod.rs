//! asyncio's machinery, one file per CPython module: the event loop (`base_events.rs`,
//! `events.rs`), futures (`futures.rs`, `base_futures.rs`), tasks and the combinators in
//! `tasks.py` (`tasks.rs`, `tasks/`), `runners.rs`, and the Python frames of asyncio's own
//! code that tracebacks show (`frames.rs`). This file is the `asyncio` module itself: the
//! names a program reaches, and the attributes of futures, tasks and loops (the narrow
//! interface the language uses).

pub mod base_events;
pub mod base_futures;
pub mod events;
pub mod format_helpers;
pub mod frames;
pub mod future_api;
pub mod futures;
pub mod interface;
pub mod loop_api;
pub mod natives;
pub mod prelude;
pub mod runners;
pub mod state;
pub mod tasks;

use std::rc::Rc;

use crate::lang::args::{bind, bind_py, Param};
use crate::lang::exceptions::E;
use crate::lang::gen::CoroKind;
use crate::lang::object::{Args, Module, NativeFn, NativeImpl, NativeObj};
use crate::lang::value::{FutId, PyResult, Value};
use crate::runtime::Runtime;
use natives::Native;
use tasks::sleep::{SleepCoro, SleepState};
use tasks::wait::WaitCoro;
use tasks::wait_for::{WaitForCoro, WaitForState};

fn native(name: &'static str, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        owner: None,
        this: None,
        f,
    }))
}

pub(super) fn bound(name: &'static str, owner: &'static str, this: &Value, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        owner: Some(owner),
        this: Some(this.clone()),
        f,
    }))
}

/// The `asyncio` module of this version.
pub fn module(rt: &mut Runtime) -> Rc<Module> {
    let m = Module::new("asyncio", None);
    let fns: &[(&'static str, NativeImpl)] = &[
        ("run", a_run),
        ("sleep", a_sleep),
        ("gather", a_gather),
        ("wait", a_wait),
        ("wait_for", a_wait_for),
        ("ensure_future", a_ensure_future),
        ("current_task", a_current_task),
        ("all_tasks", a_all_tasks),
        ("get_event_loop", a_get_event_loop),
        ("get_running_loop", a_get_running_loop),
        ("new_event_loop", a_new_event_loop),
        ("set_event_loop", a_set_event_loop),
        ("iscoroutine", a_iscoroutine),
        ("isfuture", a_isfuture),
    ];
    for (n, f) in fns {
        m.set(n, native(n, *f));
    }
    if rt.v.minor() >= 7 {
        m.set("create_task", native("create_task", a_create_task));
    }
    for c in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"] {
        m.set(c, Value::str(c));
    }
    m.set(
        "CancelledError",
        Value::Class(rt.exc_class(E::CancelledError)),
    );
    m.set(
        "TimeoutError",
        Value::Class(rt.exc_class(E::AsyncioTimeoutError)),
    );
    m.set(
        "InvalidStateError",
        Value::Class(rt.exc_class(E::InvalidStateError)),
    );
    m.set("Future", Value::Class(rt.types.future.clone()));
    m.set("Task", Value::Class(rt.types.task.clone()));
    m
}

fn a_run(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let params: &[Param] = &[Param::req("main"), Param::opt_kw("debug", Value::None)];
    let [main, debug] = bind_py(rt, "run", args, params)?;
    if !debug.is_none() && rt.truthy(&debug)? {
        return Err(rt.refuse("asyncio.run(debug=True)"));
    }
    rt.asyncio_run(&main)
}

fn a_sleep(rt: &mut Runtime, _: Option<&Value>, mut args: Args) -> PyResult {
    let lp = take_loop_argument(rt, &mut args)?;
    let [delay, result] = bind_py(
        rt,
        "sleep",
        args,
        &[Param::req("delay"), Param::opt("result", Value::None)],
    )?;
    let n = Native::Sleep(SleepCoro {
        delay,
        result,
        loop_arg: lp,
        state: SleepState::Start,
    });
    Ok(Value::Coro(rt.new_native(n, "sleep")))
}

fn a_gather(rt: &mut Runtime, _: Option<&Value>, mut args: Args) -> PyResult {
    let lp = take_loop_argument(rt, &mut args)?;
    let mut rex = false;
    for (k, v) in args.kw {
        if &*k == "return_exceptions" {
            rex = rt.truthy(&v)?;
        } else {
            let msg = format!("gather() got an unexpected keyword argument '{k}'");
            return Err(rt.err(E::TypeError, &msg));
        }
    }
    match lp {
        // `gather(..., loop=loop)`: 3.9 warns whenever `loop` is given, 3.8 only when there is
        // nothing to gather (the one place 3.8's gather reads it), 3.7 never. The loop makes
        // the empty result and the children's tasks: the model's loop, or refused.
        Some(lp) => {
            if rt.v.minor() == 9 || (rt.v.minor() == 8 && args.pos.is_empty()) {
                warn_loop_deprecated(rt);
            }
            loop_argument_is_current(rt, &lp, "gather")?;
            let lp = rt.current_loop;
            return Ok(Value::Future(rt.gather_on(args.pos, rex, lp)?));
        }
        None => gather_loop_outside_running(rt, args.pos.first())?,
    }
    Ok(Value::Future(rt.gather(args.pos, rex)?))
}

/// What 3.8 and 3.9 warn where a `loop=` argument is given (SPEC L8).
pub(super) const LOOP_DEPRECATED: &str =
    "The loop argument is deprecated since Python 3.8, and scheduled for removal in Python 3.10.";

/// 3.8-3.9's DeprecationWarning for a `loop=` argument (none on 3.7).
pub(super) fn warn_loop_deprecated(rt: &mut Runtime) {
    if matches!(rt.v.minor(), 8 | 9) {
        rt.warn("DeprecationWarning", LOOP_DEPRECATED);
    }
}

/// `loop=` of sleep, gather, wait and wait_for (SPEC L8): a keyword-only parameter to 3.9,
/// gone from 3.10 (a TypeError then, from binding the rest). Taken out of the arguments, so
/// that they bind as 3.10's signature does; `None` when absent or `loop=None`, which every
/// version treats alike.
fn take_loop_argument(rt: &mut Runtime, args: &mut Args) -> PyResult<Option<Value>> {
    if rt.v.minor() > 9 {
        return Ok(None);
    }
    let mut lp = None;
    args.kw.retain(|(k, v)| {
        if &**k == "loop" {
            lp = Some(v.clone());
            false
        } else {
            true
        }
    });
    Ok(lp.filter(|v| !v.is_none()))
}

/// A `loop=` argument is the loop the function then uses. The model has one loop at a time
/// (the last one made, running or not): that one is modelled; another loop, or an object that
/// is not a loop, is refused.
pub(super) fn loop_argument_is_current(rt: &mut Runtime, lp: &Value, what: &str) -> PyResult<()> {
    let current = match lp {
        Value::Obj(o) => matches!(&**o, NativeObj::Loop(l) if Some(*l) == rt.current_loop),
        _ => false,
    };
    if current && rt.current_loop.is_some_and(|l| !rt.loops[l].closed) {
        return Ok(());
    }
    Err(rt.refuse(format!(
        "{what}(loop=...) with a loop other than the model's current, open one"
    )))
}

fn a_wait(rt: &mut Runtime, _: Option<&Value>, mut args: Args) -> PyResult {
    let lp = take_loop_argument(rt, &mut args)?;
    let [fs, timeout, return_when] = bind_py(
        rt,
        "wait",
        args,
        &[
            Param::req("fs"),
            Param::opt_kw("timeout", Value::None),
            Param::opt_kw("return_when", Value::str("ALL_COMPLETED")),
        ],
    )
    .map_err(|e| rt.wait_bind_failed(e))?;
    let n = Native::Wait(WaitCoro {
        fs,
        timeout,
        return_when,
        loop_arg: lp,
        wait: None,
        id: 0,
    });
    Ok(Value::Coro(rt.new_native(n, "wait")))
}

fn a_wait_for(rt: &mut Runtime, _: Option<&Value>, mut args: Args) -> PyResult {
    let lp = take_loop_argument(rt, &mut args)?;
    let [fut, timeout] = bind_py(
        rt,
        "wait_for",
        args,
        &[Param::req("fut"), Param::req("timeout")],
    )?;
    let n = Native::WaitFor(WaitForCoro {
        fut,
        timeout,
        loop_arg: lp,
        state: WaitForState::Start,
    });
    Ok(Value::Coro(rt.new_native(n, "wait_for")))
}

/// The keywords a `create_task` passes on to `Task(...)`.
pub(super) type TaskKwargs = Vec<(Rc<str>, Value)>;

/// The arguments of `asyncio.create_task` (`fname` `"create_task"`) or
/// `loop.create_task` (`"BaseEventLoop.create_task"`): `(coro)` on 3.7, `name=` from 3.8,
/// `context=` from 3.11; from 3.14 `(coro, **kwargs)`, every keyword going on to `Task(...)`,
/// which rejects what it does not take (`create_task_of`). SPEC T11.
pub(super) fn create_task_args(
    rt: &mut Runtime,
    fname: &str,
    mut args: Args,
) -> PyResult<(Value, TaskKwargs)> {
    // A method's name is qualified in argument errors from 3.10, and its counts of
    // positional arguments include `self` (bound here as a placeholder, then dropped).
    let method = fname.contains('.');
    let fname = match fname.split_once('.') {
        Some((_, m)) if rt.v.minor() < 10 => m,
        _ => fname,
    };
    if method {
        args.pos.insert(0, Value::None);
    }
    let mut params = if method {
        vec![Param::req("self"), Param::req("coro")]
    } else {
        vec![Param::req("coro")]
    };
    if rt.v.minor() >= 14 {
        // `(self, coro, **kwargs)`: the keywords that name a parameter bind it.
        let own = |k: &str| k == "coro" || (method && k == "self");
        let (mine, kwargs): (TaskKwargs, TaskKwargs) = std::mem::take(&mut args.kw)
            .into_iter()
            .partition(|(k, _)| own(k));
        args.kw = mine;
        let coro = if method {
            let [_, coro] = bind_py(rt, fname, args, &params)?;
            coro
        } else {
            let [coro] = bind_py(rt, fname, args, &params)?;
            coro
        };
        return Ok((coro, kwargs));
    }
    if rt.v.has_task_names() {
        params.push(Param::opt_kw("name", Value::None));
    }
    if rt.v.minor() >= 11 {
        params.push(Param::opt_kw("context", Value::None));
    }
    // Pad to (self, coro, name, context) and bind.
    let bound: Vec<Value> = match params.len() {
        1 => bind_py::<1>(rt, fname, args, &params)?.to_vec(),
        2 => bind_py::<2>(rt, fname, args, &params)?.to_vec(),
        3 => bind_py::<3>(rt, fname, args, &params)?.to_vec(),
        _ => bind_py::<4>(rt, fname, args, &params)?.to_vec(),
    };
    let mut it = bound.into_iter().skip(usize::from(method));
    let coro = it.next().unwrap_or(Value::None);
    let name = it.next().unwrap_or(Value::None);
    let context = it.next().unwrap_or(Value::None);
    if !context.is_none() {
        return Err(rt.refuse("create_task(context=...) (contextvars)"));
    }
    let kwargs = if name.is_none() {
        vec![]
    } else {
        vec![(Rc::from("name"), name)]
    };
    Ok((coro, kwargs))
}

fn a_create_task(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let (coro, kwargs) = create_task_args(rt, "create_task", args)?;
    if rt.current_loop.is_none() || !rt.running {
        return Err(rt.err(E::RuntimeError, "no running event loop"));
    }
    // `tasks.create_task` is a Python frame (an eager first step runs below it).
    rt.depth += 1;
    let r = a_create_task_in(rt, coro, kwargs);
    rt.depth -= 1;
    r
}

fn a_create_task_in(rt: &mut Runtime, coro: Value, kwargs: TaskKwargs) -> PyResult {
    if (8..=12).contains(&rt.v.minor()) {
        // 3.8-3.12: `task = loop.create_task(coro)`, then `_set_task_name(task, name)`: the
        // task takes a Task-N number even when it is named.
        let t = create_task_of(rt, &coro, vec![])
            .inspect_err(|e| rt.through_stdlib(e, "tasks.create_task"))?;
        if let (Value::Future(f), Some((_, name))) = (&t, kwargs.into_iter().next()) {
            let name = rt.str_of(&name)?;
            rt.task_mut(*f).name = name;
        }
        return Ok(t);
    }
    create_task_of(rt, &coro, kwargs).inspect_err(|e| rt.through_stdlib(e, "tasks.create_task"))
}

/// `loop.create_task(coro, ...)` (`BaseEventLoop.create_task`): `Task(coro, loop=loop, ...)`,
/// or the loop's task factory (`set_task_factory`). The oracle numbers and labels the task
/// it returns once it returns it (`record_task`).
pub(super) fn create_task_of(rt: &mut Runtime, coro: &Value, kwargs: TaskKwargs) -> PyResult {
    let l = rt.current_loop.expect("create_task on a loop");
    if let Some(factory) = rt.loops[l].task_factory.clone() {
        return create_task_with_factory(rt, l, &factory, coro, kwargs);
    }
    // `BaseEventLoop.create_task` is a Python frame (an eager first step runs below it).
    rt.depth += 1;
    let made = task_of(rt, coro, kwargs, false);
    rt.depth -= 1;
    let (t, labelled) =
        made.inspect_err(|e| rt.through_stdlib(e, "base_events.BaseEventLoop.create_task"))?;
    record_made_task(rt, t, coro, labelled);
    Ok(Value::Future(t))
}

/// The oracle's `record_task(task, coro)` for the task `create_task` returns: its creation
/// number, and its label after `coro` (unless made when it was made).
fn record_made_task(rt: &mut Runtime, t: FutId, coro: &Value, labelled: bool) {
    match coro {
        Value::Coro(c) if !labelled => rt.record_task(t, *c),
        _ => {
            rt.task_seq += 1;
            rt.task_mut(t).seq = rt.task_seq;
        }
    }
}

/// `create_task` with a task factory: `factory(loop, coro)`, then (3.8-3.12)
/// `_set_task_name(task, name)` or (3.13) `task.set_name(name)`; from 3.14
/// `factory(loop, coro, **kwargs)` as it is (SPEC ET1).
fn create_task_with_factory(
    rt: &mut Runtime,
    l: usize,
    factory: &Value,
    coro: &Value,
    kwargs: TaskKwargs,
) -> PyResult {
    let mut name = Value::None;
    let mut args = Args::new(vec![loop_value(l), coro.clone()]);
    if rt.v.task_factory_gets_kwargs() {
        args.kw = kwargs;
    } else {
        for (k, v) in kwargs {
            if &*k == "name" {
                name = v;
            } else {
                // `context=` is refused before this (contextvars).
                return Err(rt.refuse(format!("create_task({k}=...) with a task factory")));
            }
        }
    }
    rt.depth += 1;
    let made = rt.call(factory, args);
    rt.depth -= 1;
    let task = made.inspect_err(|e| {
        rt.through_stdlib(e, "base_events.BaseEventLoop.create_task.factory");
    })?;
    let t = match task {
        Value::Future(t) if rt.is_task(t) => t,
        _ => {
            return Err(
                rt.refuse("a task factory that returns something other than an asyncio Task")
            )
        }
    };
    if !rt.v.task_factory_gets_kwargs() && (!name.is_none() || rt.v.factory_task_named_none()) {
        let s = rt.str_of(&name)?;
        rt.task_mut(t).name = s;
    }
    record_made_task(rt, t, coro, false);
    Ok(Value::Future(t))
}

/// `asyncio.Task(coro, *, loop=None, name=None, context=None, eager_start=False)` called by
/// the program (or by a task factory): a task the oracle does not number (SPEC ET1).
pub(super) fn construct_task(rt: &mut Runtime, args: Args) -> PyResult {
    if args.pos.len() != 1 {
        return Err(rt.refuse("asyncio.Task() without exactly one positional argument"));
    }
    let coro = args.pos[0].clone();
    let (t, _) = task_of(rt, &coro, args.kw, true)?;
    Ok(Value::Future(t))
}

/// `Task(coro, loop=loop, **kwargs)`: its keywords (`name`, `context`, and from 3.12
/// `eager_start`), then the coroutine; `loop=` itself when the program calls the class
/// (`direct`). The task, and whether it is labelled yet (a task that ran an eager first
/// step, or that the program made itself, is labelled `Task` until the oracle records it).
fn task_of(
    rt: &mut Runtime,
    coro: &Value,
    kwargs: TaskKwargs,
    direct: bool,
) -> PyResult<(FutId, bool)> {
    let py = rt.imp == crate::runtime::Impl::Py;
    let mut name = Value::None;
    let mut eager_start = Value::Bool(false);
    let mut lp = Value::None;
    for (k, v) in kwargs {
        match &*k {
            "loop" if direct => lp = v,
            "loop" => {
                let t = if py {
                    "asyncio.tasks.Task"
                } else {
                    "_asyncio.Task"
                };
                let msg = format!("{t}() got multiple values for keyword argument 'loop'");
                return Err(rt.err(E::TypeError, &msg));
            }
            "name" if rt.v.has_task_names() => name = v,
            "context" if rt.v.minor() >= 11 && !v.is_none() => {
                return Err(rt.refuse("Task(context=...) (contextvars)"));
            }
            "context" if rt.v.minor() >= 11 => {}
            "eager_start" if rt.v.has_eager_tasks() => eager_start = v,
            _ if direct && py => {
                // The Python Task raises from `__init__` after `Future.__init__`, and its
                // `__del__` then fails on the missing attributes ("Exception ignored in").
                return Err(rt.refuse(format!(
                    "asyncio.Task({k}=...) on the Python Task (its __del__ reports an ignored exception)"
                )));
            }
            _ if direct => {
                // The C Task's argument parsing, in its words per version.
                let msg = if rt.v.minor() >= 13 {
                    format!("Task() got an unexpected keyword argument '{k}'")
                } else {
                    format!("'{k}' is an invalid keyword argument for Task()")
                };
                return Err(rt.err(E::TypeError, &msg));
            }
            _ => {
                let f = if py { "Task.__init__" } else { "Task" };
                let msg = format!("{f}() got an unexpected keyword argument '{k}'");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    if direct {
        let own_loop = match (&lp, rt.current_loop) {
            (Value::None, _) => rt.running,
            (Value::Obj(o), Some(cur)) => matches!(&**o, NativeObj::Loop(l) if *l == cur),
            _ => false,
        };
        if !own_loop {
            return Err(rt.refuse(
                "asyncio.Task() of a loop that is not the current one, or outside a running loop",
            ));
        }
        if rt.current_loop.is_some_and(|l| rt.loops[l].closed) {
            // `call_soon` raises RuntimeError('Event loop is closed') from inside __init__.
            return Err(rt.refuse("asyncio.Task() of a closed loop"));
        }
    }
    match coro {
        Value::Coro(c)
            if rt.coros[c.0].kind == CoroKind::Coroutine || rt.v.generators_are_coroutines() =>
        {
            let name = match name {
                Value::None => None,
                n => Some(rt.str_of(&n)?),
            };
            let eager = rt.truthy(&eager_start)?;
            if eager && !py && lp.is_none() && direct && rt.v.minor() <= 13 {
                // 3.12/3.13's C Task asks its `loop` argument, None, whether it is running.
                return Err(rt.refuse(
                    "Task(eager_start=True) without loop= on the C Task of 3.12-3.13 (AttributeError: 'NoneType' object has no attribute 'is_running', then the task is destroyed pending)",
                ));
            }
            let eager = eager && rt.running;
            let labelled = !eager && !direct;
            let label = if labelled {
                rt.task_label(*c)
            } else {
                "Task".to_string()
            };
            let t = rt.new_task(*c, name, label);
            rt.task_start(t, eager);
            if rt.error.is_some() {
                return Err(rt.refusal_exc());
            }
            Ok((t, labelled))
        }
        other => {
            let r = rt.repr(other)?;
            Err(rt.err(E::TypeError, &format!("a coroutine was expected, got {r}")))
        }
    }
}

fn a_ensure_future(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [x, lp] = bind_py(
        rt,
        "ensure_future",
        args,
        &[
            Param::req("coro_or_future"),
            Param::opt_kw("loop", Value::None),
        ],
    )?;
    // `loop=` (keyword-only on every version) is the loop to make the task on, which may be
    // the model's current loop, running or not; another loop is not modelled.
    if !lp.is_none() {
        loop_argument_is_current(rt, &lp, "ensure_future")?;
        if let Value::Future(f) = x {
            if rt.futs[f.0].loop_id != rt.current_loop {
                let msg = if rt.v.minor() == 7 {
                    "loop argument must agree with Future"
                } else {
                    "The future belongs to a different loop than the one specified as the loop argument"
                };
                let e = rt.err(E::ValueError, msg);
                rt.through_stdlib(&e, "tasks.ensure_future.value_error");
                rt.through_stdlib(&e, "tasks.ensure_future.to_inner");
                return Err(e);
            }
        }
    } else if matches!(x, Value::Coro(_)) && !rt.running {
        // `loop = events.get_event_loop()`: the task is made on the current loop, to run
        // when it runs (or a RuntimeError when there is none).
        policy_event_loop(rt, "ensure_future()")?;
    }
    if let Value::Future(_) = x {
        return Ok(x);
    }
    rt.ensure_future(&x)
        .map(|(f, _)| Value::Future(f))
        .inspect_err(|e| {
            // 3.10-3.11: `ensure_future` calls on to `_ensure_future`, which raises.
            rt.through_stdlib(e, "tasks.ensure_future.to_inner")
        })
}

fn a_current_task(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let _ = bind::<0>(rt, "current_task", args, &[])?;
    if !rt.running {
        return Err(rt.err(E::RuntimeError, "no running event loop"));
    }
    Ok(match rt.current_task {
        Some(t) => Value::Future(t),
        None => Value::None,
    })
}

fn a_all_tasks(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    if !rt.running {
        return Err(rt.err(E::RuntimeError, "no running event loop"));
    }
    let items: Vec<Value> = rt
        .all_tasks
        .clone()
        .into_iter()
        .filter(|t| !rt.done(*t))
        .map(Value::Future)
        .collect();
    rt.all_tasks_calls += 1;
    let key = format!("all_tasks:{}", rt.all_tasks_calls);
    rt.new_keyed_set(items, key)
}

pub(super) fn loop_value(l: usize) -> Value {
    Value::Obj(Rc::new(NativeObj::Loop(l)))
}

fn a_get_event_loop(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    if rt.running {
        return Ok(loop_value(rt.current_loop.expect("a running loop")));
    }
    Err(rt.refuse("asyncio.get_event_loop() outside a running loop (its warnings and errors differ by version)"))
}

fn a_get_running_loop(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    match (rt.running, rt.current_loop) {
        (true, Some(l)) => Ok(loop_value(l)),
        _ => Err(rt.err(E::RuntimeError, "no running event loop")),
    }
}

fn a_new_event_loop(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    let l = rt.new_loop()?;
    Ok(loop_value(l))
}

fn a_set_event_loop(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [lp] = bind_py(rt, "set_event_loop", args, &[Param::req("loop")])?;
    rt.policy_loop = match &lp {
        Value::None => events::CurrentLoop::Cleared,
        Value::Obj(o) => match &**o {
            NativeObj::Loop(l) => events::CurrentLoop::Loop(*l),
            _ => return Err(rt.refuse("set_event_loop() of an object that is not a loop")),
        },
        _ => return Err(rt.refuse("set_event_loop() of an object that is not a loop")),
    };
    Ok(Value::None)
}

/// Outside a running loop, `gather()` with no arguments or with a coroutine first takes its
/// loop from `events.get_event_loop()` (`policy_event_loop`).
fn gather_loop_outside_running(rt: &mut Runtime, first: Option<&Value>) -> PyResult<()> {
    if rt.running || matches!(first, Some(Value::Future(_))) {
        return Ok(());
    }
    policy_event_loop(rt, "gather()").map(|_| ())
}

/// `events.get_event_loop()` (and 3.10+'s `events._get_event_loop()`) outside a running
/// loop, for `what`: the loop `set_event_loop` set, which the model runs only if it is the
/// loop it made last; a RuntimeError after `set_event_loop(None)` (and after `asyncio.run`)
/// and, from 3.14, when none was ever set; before 3.14 CPython then makes a loop of its own
/// (with a DeprecationWarning from 3.10), which is not modelled.
pub(super) fn policy_event_loop(rt: &mut Runtime, what: &str) -> PyResult<usize> {
    if let (true, Some(l)) = (rt.running, rt.current_loop) {
        return Ok(l);
    }
    let no_loop = || "There is no current event loop in thread 'MainThread'.";
    match rt.policy_loop {
        events::CurrentLoop::Loop(l) if Some(l) == rt.current_loop => Ok(l),
        events::CurrentLoop::Loop(_) => Err(rt.refuse(format!(
            "{what} outside a running loop on a current loop other than the last one made"
        ))),
        events::CurrentLoop::Cleared => Err(rt.err(E::RuntimeError, no_loop())),
        events::CurrentLoop::Unset if rt.v.minor() >= 14 => Err(rt.err(E::RuntimeError, no_loop())),
        events::CurrentLoop::Unset => Err(rt.refuse(format!(
            "{what} outside a running loop with no current event loop (CPython makes one)"
        ))),
    }
}

fn a_iscoroutine(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = crate::lang::builtins::one_arg(rt, "iscoroutine", args)?;
    Ok(Value::Bool(matches!(x, Value::Coro(c)
        if rt.coros[c.0].kind == CoroKind::Coroutine || rt.v.generators_are_coroutines())))
}

fn a_isfuture(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = crate::lang::builtins::one_arg(rt, "isfuture", args)?;
    Ok(Value::Bool(matches!(x, Value::Future(_))))
}
