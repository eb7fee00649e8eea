//! `functools`: `partial`, `wraps`/`update_wrapper`, `reduce`.

use std::rc::Rc;

use super::super::args::{bind, Param};
use super::super::exceptions::E;
use super::super::object::{Args, Module, NativeObj};
use super::super::value::{PyResult, Value};
use super::{func, module_with};
use crate::runtime::Runtime;
use crate::version::PyVersion;

pub fn module(_v: PyVersion) -> Rc<Module> {
    module_with(
        "functools",
        &[
            ("partial", partial),
            ("wraps", wraps),
            ("update_wrapper", update_wrapper),
            ("reduce", reduce),
        ],
    )
}

fn partial(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let mut pos = args.pos.into_iter();
    let Some(f) = pos.next() else {
        let msg = "type 'partial' takes at least one argument";
        return Err(rt.err(E::TypeError, msg));
    };
    let callable = matches!(
        &f,
        Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_)
    ) || matches!(&f, Value::Obj(o) if matches!(&**o, NativeObj::Partial { .. }));
    if !callable {
        return Err(rt.err(E::TypeError, "the first argument must be callable"));
    }
    // A partial of a partial flattens, as CPython's does.
    if let Value::Obj(o) = &f {
        if let NativeObj::Partial { func, args: a, kw } = &**o {
            let mut all = a.clone();
            all.extend(pos);
            let mut kws = kw.clone();
            for (k, v) in args.kw {
                match kws.iter_mut().find(|(n, _)| *n == k) {
                    Some(s) => s.1 = v,
                    None => kws.push((k, v)),
                }
            }
            return Ok(Value::Obj(Rc::new(NativeObj::Partial {
                func: func.clone(),
                args: all,
                kw: kws,
            })));
        }
    }
    Ok(Value::Obj(Rc::new(NativeObj::Partial {
        func: f,
        args: pos.collect(),
        kw: args.kw,
    })))
}

/// `functools.wraps(wrapped)`: `partial(update_wrapper, wrapped=wrapped)`.
fn wraps(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [wrapped] = bind(rt, "wraps", args, &[Param::req("wrapped")])?;
    Ok(Value::Obj(Rc::new(NativeObj::Partial {
        func: func("update_wrapper", update_wrapper),
        args: vec![],
        kw: vec![(Rc::from("wrapped"), wrapped)],
    })))
}

/// `functools.update_wrapper(wrapper, wrapped)`: copies `__module__`, `__name__`,
/// `__qualname__`, `__doc__`, the `__dict__`, and sets `__wrapped__`.
fn update_wrapper(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [wrapper, wrapped] = bind(
        rt,
        "update_wrapper",
        args,
        &[Param::req("wrapper"), Param::req("wrapped")],
    )?;
    let Value::Function(w) = &wrapper else {
        return Err(rt.refuse("functools.update_wrapper on something other than a function"));
    };
    match &wrapped {
        Value::Function(f) => {
            *w.name.borrow_mut() = f.name.borrow().clone();
            *w.qualname.borrow_mut() = f.qualname();
            let items: Vec<(Rc<str>, Value)> = f
                .dict
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                w.dict.borrow_mut().insert(k, v);
            }
        }
        _ => return Err(rt.refuse("functools.wraps of something other than a function")),
    }
    w.dict
        .borrow_mut()
        .insert(Rc::from("__wrapped__"), wrapped.clone());
    Ok(wrapper)
}

fn reduce(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(rt.err(E::TypeError, "reduce() takes no keyword arguments"));
    }
    if args.pos.len() < 2 || args.pos.len() > 3 {
        let msg = format!(
            "reduce expected at least 2 arguments, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let f = args.pos[0].clone();
    let it = rt.get_iter(&args.pos[1])?;
    let mut acc = match args.pos.get(2) {
        Some(v) => v.clone(),
        None => match rt.next(&it)? {
            Some(v) => v,
            None => {
                return Err(rt.err(
                    E::TypeError,
                    "reduce() of empty iterable with no initial value",
                ))
            }
        },
    };
    let mut seen = 0u64;
    while let Some(x) = rt.next(&it)? {
        rt.charge_item(&mut seen)?;
        acc = rt.call_value(&f, vec![acc, x])?;
    }
    Ok(acc)
}
