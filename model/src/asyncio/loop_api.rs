//! The methods of `base_events.BaseEventLoop` and of `events.Handle` a program calls: what
//! `loop_getattr` and `handle_getattr` hand out (SPEC L1–L4, F7).

use std::rc::Rc;

use super::events::Callback;
use super::future_api::method_no_args;
use super::{bound, create_task_args, create_task_of};
use crate::lang::exceptions::E;
use crate::lang::object::{Args, NativeImpl, NativeObj};
use crate::lang::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// Attributes of an event loop.
    pub fn loop_getattr(&mut self, l: usize, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        // The model runs one loop at a time, its current one (the last made): what would run
        // or schedule on another is refused (SPEC L8).
        if Some(l) != self.current_loop
            && matches!(
                name,
                "run_until_complete"
                    | "run_forever"
                    | "create_task"
                    | "stop"
                    | "call_soon"
                    | "call_later"
                    | "call_at"
            )
        {
            return Err(self.refuse(format!(
                "loop.{name}() of an event loop other than the model's current one"
            )));
        }
        let (n, f): (&'static str, NativeImpl) = match name {
            "run_until_complete" => ("run_until_complete", l_run_until_complete),
            "run_forever" => ("run_forever", l_run_forever),
            "create_task" => ("create_task", l_create_task),
            "close" => ("close", l_close),
            "stop" => ("stop", l_stop),
            "is_closed" => ("is_closed", l_is_closed),
            "is_running" => ("is_running", l_is_running),
            "time" => ("time", l_time),
            "call_soon" => ("call_soon", l_call_soon),
            "call_later" => ("call_later", l_call_later),
            "call_at" => ("call_at", l_call_at),
            "create_future" => ("create_future", l_create_future),
            "get_debug" => ("get_debug", l_get_debug),
            "set_task_factory" => ("set_task_factory", l_set_task_factory),
            "get_task_factory" => ("get_task_factory", l_get_task_factory),
            _ => return Ok(None),
        };
        Ok(Some(bound(n, "BaseEventLoop", obj, f)))
    }

    pub fn loop_repr(&self, l: usize) -> String {
        let st = &self.loops[l];
        format!(
            "<_UnixSelectorEventLoop running={} closed={} debug=False>",
            if self.running && self.current_loop == Some(l) {
                "True"
            } else {
                "False"
            },
            if st.closed { "True" } else { "False" },
        )
    }

    /// Attributes of a `Handle` / `TimerHandle`.
    pub fn handle_getattr(&mut self, h: usize, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let timer = self.handles[h].when.is_some();
        let (n, f): (&'static str, NativeImpl) = match name {
            "cancel" => ("cancel", h_cancel),
            "cancelled" => ("cancelled", h_cancelled),
            "when" if timer => ("when", h_when),
            _ => return Ok(None),
        };
        let owner = if timer { "TimerHandle" } else { "Handle" };
        Ok(Some(bound(n, owner, obj, f)))
    }

    /// `Handle.__repr__` (`events.Handle._repr_info`): `<Handle f() at prog.py:3>`,
    /// `<TimerHandle when=1.5 f() at prog.py:3>`; a cancelled handle has dropped its
    /// callback (outside debug mode): `<Handle cancelled>`.
    pub fn handle_repr(&mut self, h: usize) -> PyResult<String> {
        let hd = self.handles[h].clone();
        let (class, mut info) = match hd.when {
            Some(_) => ("TimerHandle", vec!["TimerHandle".to_string()]),
            None => ("Handle", vec!["Handle".to_string()]),
        };
        let _ = class;
        if hd.cancelled {
            info.push("cancelled".into());
        } else {
            let cb = match &hd.callback {
                Callback::Program { func, args } => {
                    let mut a: Vec<Value> = hd.arg.map(Value::Future).into_iter().collect();
                    a.extend(args.iter().cloned());
                    self.format_callback_source(func, &a)?
                }
                _ => return Err(self.refuse("the repr of a handle asyncio made")),
            };
            info.push(cb);
        }
        if let Some(w) = hd.when {
            let pos = if hd.cancelled { 2 } else { 1 };
            info.insert(pos, format!("when={}", crate::lang::num::float::repr(w)));
        }
        Ok(format!("<{}>", info.join(" ")))
    }
}

fn l_run_until_complete(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    let x = crate::lang::builtins::one_arg(rt, "run_until_complete", args)?;
    rt.loop_run_until_complete(&x)
}

fn l_run_forever(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "BaseEventLoop", "run_forever", false, &args)?;
    rt.loop_run_forever()
}

fn l_create_task(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    let (coro, kwargs) = create_task_args(rt, "BaseEventLoop.create_task", args)?;
    if rt.current_loop.is_some_and(|l| rt.loops[l].closed) {
        return Err(rt.loop_closed_error("create_task"));
    }
    create_task_of(rt, &coro, kwargs)
}

/// `loop.set_task_factory(factory)`: None or a callable, which `create_task` calls from then
/// on (SPEC ET1).
fn l_set_task_factory(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let l = this_loop(this);
    let q = if rt.v.minor() >= 10 {
        "BaseEventLoop.set_task_factory"
    } else {
        "set_task_factory"
    };
    let mut a = args;
    a.pos.insert(0, Value::None);
    let [_, factory] = crate::lang::args::bind_py(
        rt,
        q,
        a,
        &[
            crate::lang::args::Param::req("self"),
            crate::lang::args::Param::req("factory"),
        ],
    )?;
    if !factory.is_none() && !rt.is_callable(&factory) {
        let e = rt.err(E::TypeError, "task factory must be a callable or None");
        rt.through_stdlib(&e, "base_events.BaseEventLoop.set_task_factory");
        return Err(e);
    }
    rt.loops[l].task_factory = if factory.is_none() {
        None
    } else {
        Some(factory)
    };
    Ok(Value::None)
}

/// `loop.get_task_factory()`: the factory, or None for the default.
fn l_get_task_factory(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "BaseEventLoop", "get_task_factory", false, &args)?;
    let l = this_loop(this);
    Ok(rt.loops[l].task_factory.clone().unwrap_or(Value::None))
}

fn this_loop(this: Option<&Value>) -> usize {
    match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Loop(l) => *l,
            _ => unreachable!("a loop method"),
        },
        _ => unreachable!("a loop method"),
    }
}

fn l_close(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        // The oracle's loop class defines this method: its error would name that class.
        return Err(rt.refuse("arguments to loop.close()"));
    }
    let l = match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Loop(l) => Some(*l),
            _ => None,
        },
        _ => None,
    };
    if let Some(l) = l.filter(|l| Some(*l) != rt.current_loop) {
        // A loop other than the model's current one has nothing scheduled (the model makes
        // a new loop only then): closing it is the end of its trace.
        if !rt.loops[l].closed {
            rt.loops[l].closed = true;
            rt.record(crate::trace::Event::End { t: rt.time });
        }
        return Ok(Value::None);
    }
    if rt.running {
        return Err(rt.err(E::RuntimeError, "Cannot close a running event loop"));
    }
    rt.close_loop();
    Ok(Value::None)
}

fn l_stop(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "BaseEventLoop", "stop", false, &args)?;
    rt.stop();
    Ok(Value::None)
}

fn l_is_closed(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let l = match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Loop(l) => *l,
            _ => unreachable!("a loop"),
        },
        _ => unreachable!("a loop"),
    };
    Ok(Value::Bool(rt.loops[l].closed))
}

fn l_is_running(rt: &mut Runtime, _this: Option<&Value>, _args: Args) -> PyResult {
    Ok(Value::Bool(rt.running))
}

fn l_time(rt: &mut Runtime, _this: Option<&Value>, _args: Args) -> PyResult {
    Ok(Value::Float(rt.time))
}

/// The loop's own check on its callbacks' arguments: `context=` (refused: contextvars are not
/// modelled), and 3.11+'s None checks.
fn callback_args(
    rt: &mut Runtime,
    method: &str,
    args: &Args,
    skip: usize,
) -> PyResult<(Value, Vec<Value>)> {
    for (k, v) in &args.kw {
        if &**k == "context" {
            if !v.is_none() {
                return Err(rt.refuse(format!("{method}(context=...) (contextvars)")));
            }
        } else {
            let msg = format!("{method}() got an unexpected keyword argument '{k}'");
            return Err(rt.err(E::TypeError, &msg));
        }
    }
    if args.pos.len() <= skip {
        return Err(rt.refuse(format!("{method}() without a callback")));
    }
    if rt.current_loop.is_some_and(|l| rt.loops[l].closed) {
        return Err(rt.loop_closed_error(method));
    }
    let func = args.pos[skip].clone();
    if matches!(func, Value::Coro(_)) {
        return Err(rt.refuse(format!(
            "{method}() of a coroutine (checked only in debug mode)"
        )));
    }
    Ok((func, args.pos[skip + 1..].to_vec()))
}

/// `loop.call_soon(callback, *args, context=None)` (SPEC L1).
fn l_call_soon(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    let (func, cargs) = callback_args(rt, "call_soon", &args, 0)?;
    let h = rt.call_soon(
        Callback::Program {
            func,
            args: Rc::new(cargs),
        },
        None,
    );
    Ok(Value::Obj(Rc::new(NativeObj::Handle(h))))
}

/// `loop.call_later(delay, callback, *args)`: `call_at(self.time() + delay, ...)` (SPEC L2).
fn l_call_later(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    let delay = match args.pos.first() {
        Some(Value::None) if rt.v.minor() >= 11 => {
            return Err(rt.err(E::TypeError, "delay must not be None"))
        }
        Some(d) => d.clone(),
        None => return Err(rt.refuse("call_later() without a delay")),
    };
    let delay = match rt.to_f64(&delay)? {
        Some(d) => d,
        None => {
            let tn = rt.type_name(&delay);
            let msg = format!("unsupported operand type(s) for +: 'float' and '{tn}'");
            return Err(rt.err(E::TypeError, &msg));
        }
    };
    let (func, cargs) = callback_args(rt, "call_later", &args, 1)?;
    let h = rt.call_later(
        delay,
        Callback::Program {
            func,
            args: Rc::new(cargs),
        },
    );
    Ok(Value::Obj(Rc::new(NativeObj::Handle(h))))
}

/// `loop.call_at(when, callback, *args)` (SPEC L3).
fn l_call_at(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    let when = match args.pos.first() {
        Some(Value::None) if rt.v.minor() >= 11 => {
            return Err(rt.err(E::TypeError, "when cannot be None"))
        }
        Some(w) => w.clone(),
        None => return Err(rt.refuse("call_at() without a time")),
    };
    let when = match rt.to_f64(&when)? {
        Some(w) => w,
        None => return Err(rt.refuse("call_at() with a time that is not a number")),
    };
    let (func, cargs) = callback_args(rt, "call_at", &args, 1)?;
    // asyncio's own Python (timeouts.py) calls `call_at` with `loop.time() + delay`: a fresh
    // clock reading on CPython, so not a program's value.
    let from_program = !rt
        .place
        .as_ref()
        .is_some_and(|(src, _)| super::prelude::is_prelude(src));
    if from_program && !when.is_nan() && rt.program_timer_at(when) {
        return Err(rt.refuse(
            "two call_at() timers with one deadline (CPython's heap orders equal deadlines \
             by its sift steps, not by scheduling; SPEC L3)",
        ));
    }
    let h = rt.call_at(
        when,
        Callback::Program {
            func,
            args: Rc::new(cargs),
        },
    );
    rt.handles[h].program_at = from_program;
    Ok(Value::Obj(Rc::new(NativeObj::Handle(h))))
}

/// `loop.create_future()`.
fn l_create_future(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        // The oracle's loop class defines this method: its error would name that class.
        return Err(rt.refuse("arguments to loop.create_future()"));
    }
    // A future of any loop can be made; it belongs to that loop.
    let f = rt.create_future();
    if let Some(Value::Obj(o)) = this {
        if let NativeObj::Loop(l) = &**o {
            rt.futs[f.0].loop_id = Some(*l);
        }
    }
    Ok(Value::Future(f))
}

fn l_get_debug(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "BaseEventLoop", "get_debug", false, &args)?;
    Ok(Value::Bool(false))
}

fn this_handle(this: Option<&Value>) -> usize {
    match this {
        Some(Value::Obj(o)) => match &**o {
            NativeObj::Handle(h) => *h,
            _ => unreachable!("a handle method"),
        },
        _ => unreachable!("a handle method"),
    }
}

/// The class that defines a handle's `cancel`: `TimerHandle` overrides `Handle`'s.
fn handle_class(rt: &Runtime, this: Option<&Value>) -> &'static str {
    if rt.handles[this_handle(this)].when.is_some() {
        "TimerHandle"
    } else {
        "Handle"
    }
}

/// `Handle.cancel()`: a cancelled handle never runs; it drops its callback.
fn h_cancel(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let owner = handle_class(rt, this);
    method_no_args(rt, owner, "cancel", false, &args)?;
    rt.cancel_handle(this_handle(this));
    Ok(Value::None)
}

fn h_cancelled(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "Handle", "cancelled", false, &args)?;
    Ok(Value::Bool(rt.handles[this_handle(this)].cancelled))
}

fn h_when(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    method_no_args(rt, "TimerHandle", "when", false, &args)?;
    Ok(Value::Float(
        rt.handles[this_handle(this)].when.unwrap_or_default(),
    ))
}
