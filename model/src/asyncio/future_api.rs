//! The methods of `futures.Future` and `tasks.Task` a program calls (SPEC F1–F7): what
//! `future_getattr` hands out when a program reads an attribute of a future, a task or a
//! `_GatheringFuture`.

use std::rc::Rc;

use super::bound;
use super::events::Callback;
use super::futures::{FutKind, FutState};
use crate::lang::args::{bind, Param};
use crate::lang::exceptions::E;
use crate::lang::object::{Args, NativeImpl};
use crate::lang::value::{FutId, PyResult, Value};
use crate::runtime::{Impl, Runtime};

fn this_fut(this: Option<&Value>) -> FutId {
    match this {
        Some(Value::Future(f)) => *f,
        _ => unreachable!("a future method"),
    }
}

/// A method that takes nothing but `self` was given arguments: CPython's TypeError in the
/// words of what implements it. `owner` is the class that defines the method (its qualified
/// name is in the message from 3.10); a C method (`METH_NOARGS`) says "takes no arguments (N
/// given)" or "takes no keyword arguments", a Python `def m(self)` what argument binding says.
pub(super) fn method_no_args(
    rt: &mut Runtime,
    owner: &str,
    name: &str,
    c: bool,
    args: &Args,
) -> PyResult<()> {
    if args.pos.is_empty() && args.kw.is_empty() {
        return Ok(());
    }
    // C methods are named with their class from 3.9, Python ones from 3.10.
    let q = if rt.v.minor() >= if c { 9 } else { 10 } {
        format!("{owner}.{name}")
    } else {
        name.to_string()
    };
    if c {
        let msg = if args.kw.is_empty() {
            format!("{q}() takes no arguments ({} given)", args.pos.len())
        } else {
            format!("{q}() takes no keyword arguments")
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let mut a = args.clone();
    a.pos.insert(0, Value::None);
    crate::lang::args::bind_py::<1>(rt, &q, a, &[Param::req("self")])?;
    Ok(())
}

/// `method_no_args` for a method of futures and tasks: C's `_asyncio.Future`/`Task` (whose
/// method tables each list the Future methods), or the Python classes, where a Task inherits
/// what it does not define from `Future`.
fn fut_no_args(rt: &mut Runtime, this: Option<&Value>, name: &str, args: &Args) -> PyResult<()> {
    if args.pos.is_empty() && args.kw.is_empty() {
        return Ok(());
    }
    let task = matches!(rt.futs[this_fut(this).0].kind, FutKind::Task(_));
    let task_own = matches!(
        name,
        "cancel" | "get_name" | "get_coro" | "cancelling" | "uncancel"
    );
    let c = rt.imp == Impl::C;
    if c && rt.v.minor() >= 12 && matches!(name, "exception" | "get_loop") {
        // 3.12's C Future takes its defining class in these (Argument Clinic's
        // `cls: defining_class`), whose error names neither the class nor a count.
        if !args.kw.is_empty() {
            return Err(rt.refuse(format!("keyword arguments to {name}()")));
        }
        return Err(rt.err(E::TypeError, &format!("{name}() takes no arguments")));
    }
    let owner = if task && (c || task_own) {
        "Task"
    } else {
        "Future"
    };
    method_no_args(rt, owner, name, c, args)
}

fn f_result(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "result", &args)?;
    rt.future_result(this_fut(this))
}

fn f_exception(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "exception", &args)?;
    Ok(match rt.future_exception(this_fut(this))? {
        Some(e) => Value::Instance(e),
        None => Value::None,
    })
}

fn f_done(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "done", &args)?;
    Ok(Value::Bool(rt.done(this_fut(this))))
}

fn f_cancelled(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "cancelled", &args)?;
    Ok(Value::Bool(rt.cancelled(this_fut(this))))
}

fn f_cancel(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let f = this_fut(this);
    let msg = if rt.v.has_cancel_message() {
        let [m] = if rt.imp == Impl::Py {
            // `def cancel(self, msg=None)`: counts include self; qualified from 3.10.
            let q = if rt.v.minor() >= 10 {
                "Task.cancel"
            } else {
                "cancel"
            };
            let mut a = args;
            a.pos.insert(0, Value::None);
            let [_, m] = crate::lang::args::bind_py(
                rt,
                q,
                a,
                &[Param::req("self"), Param::opt("msg", Value::None)],
            )?;
            [m]
        } else {
            bind(rt, "cancel", args, &[Param::opt("msg", Value::None)])?
        };
        if m.is_none() {
            None
        } else {
            Some(m)
        }
    } else {
        fut_no_args(rt, this, "cancel", &args)?;
        None
    };
    Ok(Value::Bool(rt.cancel(f, msg)))
}

fn t_get_name(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "get_name", &args)?;
    Ok(Value::str(&rt.task(this_fut(this)).name.clone()))
}

fn t_set_name(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let n = crate::lang::builtins::one_arg(rt, "set_name", args)?;
    let s = rt.str_of(&n)?;
    rt.task_mut(this_fut(this)).name = s;
    Ok(Value::None)
}

fn t_get_coro(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "get_coro", &args)?;
    let d = rt.task(this_fut(this));
    if !d.coro_cleared {
        return Ok(Value::Coro(d.coro));
    }
    if rt.imp == Impl::C && rt.v.minor() == 12 {
        // 3.12.1's C getter returns the NULL it cleared: the interpreter crashes.
        return Err(rt.refuse(
            "get_coro() of an eager task done in its first step on 3.12's C Task (CPython 3.12.1 crashes)",
        ));
    }
    Ok(Value::None)
}

fn t_cancelling(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "cancelling", &args)?;
    Ok(Value::Int(
        rt.task(this_fut(this)).num_cancels_requested as i64,
    ))
}

fn t_uncancel(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "uncancel", &args)?;
    Ok(Value::Int(rt.task_uncancel(this_fut(this)) as i64))
}

/// `Future.set_result(result)` (SPEC F6): InvalidStateError on a done future, in the words of the
/// implementation (the C one says only "invalid state").
fn f_set_result(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let f = this_fut(this);
    if let FutKind::Task(_) = rt.futs[f.0].kind {
        return Err(rt.err(
            E::RuntimeError,
            "Task does not support set_result operation",
        ));
    }
    let [v] = one_positional(rt, "set_result", args)?;
    check_pending(rt, f)?;
    rt.future_set_result(f, v);
    Ok(Value::None)
}

/// `Future.set_exception(exception)`: a class is instantiated; StopIteration is refused
/// (it would end the awaiting generator).
fn f_set_exception(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let f = this_fut(this);
    if let FutKind::Task(_) = rt.futs[f.0].kind {
        return Err(rt.err(
            E::RuntimeError,
            "Task does not support set_exception operation",
        ));
    }
    let [x] = one_positional(rt, "set_exception", args)?;
    check_pending(rt, f)?;
    let x = match &x {
        Value::Class(c) if c.is_exception => rt.call_value(&x.clone(), vec![])?,
        _ => x,
    };
    let e = match &x {
        Value::Instance(i) if i.exc.is_some() => i.clone(),
        _ => {
            return Err(match rt.imp {
                Impl::C => rt.err(E::TypeError, "invalid exception object"),
                Impl::Py => rt.refuse("set_exception() of a non-exception on the Python Future"),
            })
        }
    };
    const MSG: &str =
        "StopIteration interacts badly with generators and cannot be raised into a Future";
    let e = if rt.v.minor() >= 13 {
        // 3.13: any StopIteration is replaced by a RuntimeError caused by it.
        if rt.exc_is(&e, E::StopIteration) {
            let new = rt.new_exc_msg(E::RuntimeError, MSG);
            {
                let mut st = new.exc_mut();
                st.cause = Some(e.clone());
                st.context = Some(e);
            }
            new
        } else {
            e
        }
    } else if std::rc::Rc::ptr_eq(&e.class, &rt.exc_class(E::StopIteration)) {
        return Err(rt.err(E::TypeError, MSG));
    } else {
        e
    };
    rt.future_set_exception(f, e);
    Ok(Value::None)
}

/// `Future.add_done_callback(fn, *, context=None)` (SPEC F2): on a done future the callback
/// is scheduled at once.
fn f_add_done_callback(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let f = this_fut(this);
    if args.pos.len() != 1 {
        return Err(rt.refuse("add_done_callback() without exactly one callback"));
    }
    for (k, v) in &args.kw {
        if &**k != "context" || !v.is_none() {
            return Err(rt.refuse(format!("add_done_callback({k}=...)")));
        }
    }
    let func = args.pos[0].clone();
    if !rt.is_callable(&func) {
        return Err(rt.refuse("add_done_callback() of an object that is not callable"));
    }
    rt.add_done_callback(
        f,
        Callback::Program {
            func,
            args: Rc::new(vec![]),
        },
    );
    Ok(Value::None)
}

/// `Future.remove_done_callback(fn)`: removes every equal callback, returns how many.
fn f_remove_done_callback(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let f = this_fut(this);
    let [func] = one_positional(rt, "remove_done_callback", args)?;
    let probe = Callback::Program {
        func,
        args: Rc::new(vec![]),
    };
    let before = rt.futs[f.0].callbacks.len();
    rt.remove_done_callback(f, &probe);
    Ok(Value::Int((before - rt.futs[f.0].callbacks.len()) as i64))
}

/// `Future.get_loop()`.
fn f_get_loop(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    fut_no_args(rt, this, "get_loop", &args)?;
    match rt.futs[this_fut(this).0].loop_id {
        Some(l) => Ok(super::loop_value(l)),
        None => Err(rt.refuse("get_loop() of a future without a loop")),
    }
}

/// One positional argument, as the C methods take it; other shapes are refused (their
/// messages differ between the implementations and versions).
fn one_positional(rt: &mut Runtime, name: &str, args: Args) -> PyResult<[Value; 1]> {
    if args.pos.len() != 1 || !args.kw.is_empty() {
        return Err(rt.refuse(format!("{name}() without exactly one positional argument")));
    }
    Ok([args.pos.into_iter().next().expect("one")])
}

/// InvalidStateError unless the future is pending.
fn check_pending(rt: &mut Runtime, f: FutId) -> PyResult<()> {
    let state = rt.futs[f.0].state;
    if state == FutState::Pending {
        return Ok(());
    }
    let msg = match rt.imp {
        Impl::C => "invalid state".to_string(),
        Impl::Py => {
            let name = match state {
                FutState::Cancelled => "CANCELLED",
                _ => "FINISHED",
            };
            let r = rt.future_repr(f)?;
            format!("{name}: {r}")
        }
    };
    Err(rt.err(E::InvalidStateError, &msg))
}

impl Runtime<'_> {
    /// Attributes of a future, task or `_GatheringFuture`.
    pub fn future_getattr(&mut self, f: FutId, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let is_task = matches!(self.futs[f.0].kind, FutKind::Task(_));
        let v = self.v;
        if matches!(
            name,
            "cancel" | "set_result" | "set_exception" | "add_done_callback"
        ) {
            self.future_on_current_loop(f, name)?;
        }
        let (owner, func): (&'static str, NativeImpl) = match name {
            "result" => ("Future", f_result),
            "exception" => ("Future", f_exception),
            "done" => ("Future", f_done),
            "cancelled" => ("Future", f_cancelled),
            "cancel" => ("Future", f_cancel),
            "set_result" => ("Future", f_set_result),
            "set_exception" => ("Future", f_set_exception),
            "add_done_callback" => ("Future", f_add_done_callback),
            "remove_done_callback" => ("Future", f_remove_done_callback),
            "get_loop" => ("Future", f_get_loop),
            "get_name" if is_task && v.has_task_names() => ("Task", t_get_name),
            "set_name" if is_task && v.has_task_names() => ("Task", t_set_name),
            "get_coro" if is_task && v.minor() >= 8 => ("Task", t_get_coro),
            "cancelling" if is_task && v.counts_cancels() => ("Task", t_cancelling),
            "uncancel" if is_task && v.counts_cancels() => ("Task", t_uncancel),
            "__class__" => return Ok(Some(Value::Class(self.type_of(obj)))),
            _ => return Ok(None),
        };
        let static_name: &'static str = match name {
            "result" => "result",
            "exception" => "exception",
            "done" => "done",
            "cancelled" => "cancelled",
            "cancel" => "cancel",
            "set_result" => "set_result",
            "set_exception" => "set_exception",
            "add_done_callback" => "add_done_callback",
            "remove_done_callback" => "remove_done_callback",
            "get_loop" => "get_loop",
            "get_name" => "get_name",
            "set_name" => "set_name",
            "get_coro" => "get_coro",
            "cancelling" => "cancelling",
            _ => "uncancel",
        };
        Ok(Some(bound(static_name, owner, obj, func)))
    }
}

/// `asyncio.Future(*, loop=None)`: bound to the running loop. Outside one, which loop
/// `get_event_loop()` gives (and what it warns) differs by version: refused.
pub fn construct_future(rt: &mut Runtime, args: Args) -> PyResult {
    if !args.pos.is_empty() {
        return Err(rt.refuse("Future() with positional arguments"));
    }
    for (k, v) in &args.kw {
        match (&**k, v) {
            ("loop", Value::None) => {}
            ("loop", Value::Obj(o)) if matches!(&**o, crate::lang::object::NativeObj::Loop(l) if Some(*l) == rt.current_loop) =>
                {}
            _ => return Err(rt.refuse(format!("Future({k}=...)"))),
        }
    }
    if !rt.running {
        return Err(rt.refuse("asyncio.Future() outside a running loop"));
    }
    Ok(Value::Future(rt.create_future()))
}
