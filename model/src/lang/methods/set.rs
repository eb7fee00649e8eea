//! Methods of `set` and `frozenset`.

use super::super::code::BinOp;
use super::super::exceptions::E;
use super::super::object::{Args, NativeImpl};
use super::super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub fn lookup(name: &str, frozen: bool) -> Option<NativeImpl> {
    Some(match name {
        "copy" => copy,
        "union" => union,
        "intersection" => intersection,
        "difference" => difference,
        "symmetric_difference" => symmetric_difference,
        "issubset" => issubset,
        "issuperset" => issuperset,
        "isdisjoint" => isdisjoint,
        _ if frozen => return None,
        "add" => add,
        "discard" => discard,
        "remove" => remove,
        "pop" => pop,
        "clear" => clear,
        "update" => update,
        "intersection_update" => intersection_update,
        "difference_update" => difference_update,
        "symmetric_difference_update" => symmetric_difference_update,
        _ => return None,
    })
}

fn this(this: Option<&Value>) -> Value {
    this.expect("a bound set method").clone()
}

fn one(rt: &mut Runtime, name: &str, args: Args) -> PyResult {
    let q = if rt.v.minor() >= 9 {
        format!("set.{name}")
    } else {
        name.to_string()
    };
    if !args.kw.is_empty() || args.pos.len() != 1 {
        let msg = format!(
            "{q}() takes exactly one argument ({} given)",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(args.pos.into_iter().next().expect("one"))
}

/// Another operand as a set (iterables are made sets first).
fn as_set(rt: &mut Runtime, v: &Value) -> PyResult {
    match v {
        Value::Set(_) | Value::FrozenSet(_) => Ok(v.clone()),
        other => {
            let items = rt.iterate(other)?;
            rt.new_set(items)
        }
    }
}

fn add(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "add", args)?;
    rt.set_add(&this(t), v)?;
    Ok(Value::None)
}

fn discard(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "discard", args)?;
    rt.set_discard(&this(t), &v)?;
    Ok(Value::None)
}

fn remove(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "remove", args)?;
    if !rt.set_discard(&this(t), &v)? {
        let e = rt.new_exc(E::KeyError, vec![v]);
        rt.set_context(&e);
        return Err(e);
    }
    Ok(Value::None)
}

fn pop(rt: &mut Runtime, t: Option<&Value>, _args: Args) -> PyResult {
    match rt.set_pop(&this(t))? {
        Some(v) => Ok(v),
        None => {
            let e = rt.new_exc(E::KeyError, vec![Value::str("pop from an empty set")]);
            rt.set_context(&e);
            Err(e)
        }
    }
}

fn clear(_rt: &mut Runtime, t: Option<&Value>, _args: Args) -> PyResult {
    if let Value::Set(ref c) = this(t) {
        let mut s = c.borrow_mut();
        s.map.clear();
        if let Some(tab) = s.table.as_mut() {
            tab.clear();
        } else {
            s.table = None;
        }
        s.chosen = None;
    }
    Ok(Value::None)
}

fn copy(rt: &mut Runtime, t: Option<&Value>, _args: Args) -> PyResult {
    let s = this(t);
    let frozen = matches!(s, Value::FrozenSet(_));
    if frozen {
        return Ok(s);
    }
    Ok(rt.set_copy(&s, false))
}

fn fold(rt: &mut Runtime, t: Option<&Value>, args: Args, op: BinOp) -> PyResult {
    let mut acc = this(t);
    if args.pos.is_empty() {
        let frozen = matches!(acc, Value::FrozenSet(_));
        return Ok(rt.set_copy(&acc, frozen));
    }
    for o in args.pos {
        let o = as_set(rt, &o)?;
        acc = rt.set_binary(op, &acc, &o)?;
    }
    Ok(acc)
}

fn union(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    fold(rt, t, args, BinOp::Or)
}

fn intersection(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    fold(rt, t, args, BinOp::And)
}

fn difference(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    fold(rt, t, args, BinOp::Sub)
}

fn symmetric_difference(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let o = one(rt, "symmetric_difference", args)?;
    let o = as_set(rt, &o)?;
    rt.set_binary(BinOp::Xor, &this(t), &o)
}

fn in_place(rt: &mut Runtime, t: Option<&Value>, args: Args, op: BinOp) -> PyResult {
    let s = this(t);
    let r = fold(rt, t, args, op)?;
    rt.set_replace_contents(&s, &r)?;
    Ok(Value::None)
}

fn update(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let s = this(t);
    for o in args.pos {
        for x in rt.iterate(&o)? {
            rt.set_add(&s, x)?;
        }
    }
    Ok(Value::None)
}

fn intersection_update(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    in_place(rt, t, args, BinOp::And)
}

fn difference_update(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    in_place(rt, t, args, BinOp::Sub)
}

fn symmetric_difference_update(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let o = one(rt, "symmetric_difference_update", args)?;
    let o = as_set(rt, &o)?;
    let s = this(t);
    let r = rt.set_binary(BinOp::Xor, &s, &o)?;
    rt.set_replace_contents(&s, &r)?;
    Ok(Value::None)
}

fn issubset(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let o = one(rt, "issubset", args)?;
    let o = as_set(rt, &o)?;
    let (a, b) = (rt.set_keys(&this(t)), rt.set_keys(&o));
    Ok(Value::Bool(a.iter().all(|k| b.contains(k))))
}

fn issuperset(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let o = one(rt, "issuperset", args)?;
    let o = as_set(rt, &o)?;
    let (a, b) = (rt.set_keys(&this(t)), rt.set_keys(&o));
    Ok(Value::Bool(b.iter().all(|k| a.contains(k))))
}

fn isdisjoint(rt: &mut Runtime, t: Option<&Value>, args: Args) -> PyResult {
    let o = one(rt, "isdisjoint", args)?;
    let o = as_set(rt, &o)?;
    let (a, b) = (rt.set_keys(&this(t)), rt.set_keys(&o));
    Ok(Value::Bool(!a.iter().any(|k| b.contains(k))))
}
