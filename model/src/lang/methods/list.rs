//! Methods of `list` and `tuple`.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::exceptions::E;
use super::super::object::{Args, NativeImpl};
use super::super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub fn lookup(name: &str) -> Option<NativeImpl> {
    Some(match name {
        "append" => append,
        "extend" => extend,
        "insert" => insert,
        "pop" => pop,
        "remove" => remove,
        "clear" => clear,
        "copy" => copy,
        "count" => count,
        "index" => index,
        "reverse" => reverse,
        "sort" => sort_method,
        _ => return None,
    })
}

pub fn lookup_tuple(name: &str) -> Option<NativeImpl> {
    Some(match name {
        "count" => count,
        "index" => index,
        _ => return None,
    })
}

fn this_list(this: Option<&Value>) -> Rc<RefCell<Vec<Value>>> {
    match this {
        Some(Value::List(l)) => l.clone(),
        _ => unreachable!("a list method bound to a list"),
    }
}

fn items(this: Option<&Value>) -> Vec<Value> {
    match this {
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => (**t).clone(),
        _ => unreachable!("a sequence method"),
    }
}

fn kind(this: Option<&Value>) -> &'static str {
    match this {
        Some(Value::Tuple(_)) => "tuple",
        _ => "list",
    }
}

fn qual(rt: &Runtime, owner: &str, name: &str) -> String {
    if rt.v.minor() >= 9 {
        format!("{owner}.{name}")
    } else {
        name.to_string()
    }
}

fn one(rt: &mut Runtime, owner: &str, name: &str, args: Args) -> PyResult {
    if !args.kw.is_empty() || args.pos.len() != 1 {
        let msg = format!(
            "{}() takes exactly one argument ({} given)",
            qual(rt, owner, name),
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(args.pos.into_iter().next().expect("one"))
}

fn none(rt: &mut Runtime, owner: &str, name: &str, args: &Args) -> PyResult<()> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let msg = format!(
            "{}() takes no arguments ({} given)",
            qual(rt, owner, name),
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(())
}

fn append(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "list", "append", args)?;
    let l = this_list(this);
    // Checked before growing: a Vec doubles its buffer as it grows.
    let n = l.borrow().len() + 1;
    rt.check_size(n)?;
    l.borrow_mut().push(v);
    Ok(Value::None)
}

fn extend(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "list", "extend", args)?;
    let l = this_list(this);
    let items = rt.iterate(&v)?;
    let n = l.borrow().len().saturating_add(items.len());
    rt.check_size(n)?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

fn insert(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() != 2 || !args.kw.is_empty() {
        let msg = if rt.v.minor() >= 8 {
            format!("insert expected 2 arguments, got {}", args.pos.len())
        } else {
            format!(
                "insert() takes exactly 2 arguments ({} given)",
                args.pos.len()
            )
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let l = this_list(this);
    let n = l.borrow().len() as i64;
    let i = rt
        .index_i64(&args.pos[0])?
        .unwrap_or(if Runtime::int_is_negative(&args.pos[0]) {
            i64::MIN
        } else {
            i64::MAX
        });
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    rt.check_size(n as usize + 1)?;
    l.borrow_mut().insert(j as usize, args.pos[1].clone());
    Ok(Value::None)
}

fn pop(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() > 1 || !args.kw.is_empty() {
        let msg = format!("pop expected at most 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let l = this_list(this);
    let n = l.borrow().len() as i64;
    if n == 0 {
        return Err(rt.err(E::IndexError, "pop from empty list"));
    }
    let i = match args.pos.first() {
        Some(v) => rt.index_i64(v)?.unwrap_or(i64::MAX),
        None => -1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(rt.err(E::IndexError, "pop index out of range"));
    }
    let v = l.borrow_mut().remove(j as usize);
    Ok(v)
}

fn remove(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let v = one(rt, "list", "remove", args)?;
    let l = this_list(this);
    // CPython's `list_remove`: compare item by item, re-reading the length each time (an
    // `__eq__` may change the list), and delete the first equal item where it is found.
    // No copy of the list: a waiter queue that removes its head each time stays linear.
    let mut i = 0;
    loop {
        let Some(x) = l.borrow().get(i).cloned() else {
            break;
        };
        if x.is_same(&v) == Some(true) || rt.eq(&x, &v)? {
            let mut items = l.borrow_mut();
            if i < items.len() {
                items.remove(i);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    Err(rt.err(E::ValueError, "list.remove(x): x not in list"))
}

fn clear(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    none(rt, "list", "clear", &args)?;
    this_list(this).borrow_mut().clear();
    Ok(Value::None)
}

fn copy(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    none(rt, "list", "copy", &args)?;
    Ok(Value::list(this_list(this).borrow().clone()))
}

fn count(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let owner = kind(this);
    let v = one(rt, owner, "count", args)?;
    let mut n = 0;
    for x in items(this) {
        if x.is_same(&v) == Some(true) || rt.eq(&x, &v)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let owner = kind(this);
    if args.pos.is_empty() || args.pos.len() > 3 || !args.kw.is_empty() {
        let msg = format!("index expected at least 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let v = args.pos[0].clone();
    let all = items(this);
    let n = all.len() as i64;
    let norm = |rt: &mut Runtime, x: &Value| -> PyResult<i64> {
        let i = rt.index_i64(x)?.unwrap_or(if Runtime::int_is_negative(x) {
            i64::MIN
        } else {
            i64::MAX
        });
        Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
    };
    let lo = match args.pos.get(1) {
        Some(x) => norm(rt, x)?,
        None => 0,
    };
    let hi = match args.pos.get(2) {
        Some(x) => norm(rt, x)?,
        None => n,
    };
    for i in lo..hi.max(lo) {
        let x = &all[i as usize];
        if x.is_same(&v) == Some(true) || rt.eq(x, &v)? {
            return Ok(Value::Int(i));
        }
    }
    if owner == "tuple" {
        return Err(rt.err(E::ValueError, "tuple.index(x): x not in tuple"));
    }
    let r = rt.repr(&v)?;
    Err(rt.err(E::ValueError, &format!("{r} is not in list")))
}

fn reverse(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    none(rt, "list", "reverse", &args)?;
    this_list(this).borrow_mut().reverse();
    Ok(Value::None)
}

fn sort_method(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.pos.is_empty() {
        let msg = format!(
            "{}() takes no positional arguments",
            qual(rt, "list", "sort")
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    sort(rt, this.expect("bound"), args.kw)?;
    Ok(Value::None)
}

/// `list.sort(key=None, reverse=False)`: a stable merge sort calling `<` as CPython's
/// timsort does (the exact sequence of comparisons is not modelled: programs whose
/// comparisons have side effects are refused by their `__lt__` being a Python method).
pub fn sort(rt: &mut Runtime, l: &Value, kw: Vec<(Rc<str>, Value)>) -> PyResult<()> {
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in kw {
        match &*k {
            "key" => key = v,
            "reverse" => reverse = rt.truthy(&v)?,
            other => {
                let msg = format!("'{other}' is an invalid keyword argument for sort()");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    let Value::List(list) = l else {
        unreachable!("sort of a list")
    };
    let items = std::mem::take(&mut *list.borrow_mut());
    let original = items.clone();
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for x in items {
        let k = if key.is_none() {
            x.clone()
        } else {
            match rt.call_value(&key, vec![x.clone()]) {
                Ok(k) => k,
                Err(e) => {
                    *list.borrow_mut() = original;
                    return Err(e);
                }
            }
        };
        keyed.push((k, x));
    }
    if keyed
        .iter()
        .any(|(k, _)| matches!(k, Value::Instance(i) if i.class.tag.is_none()))
    {
        *list.borrow_mut() = original;
        return Err(rt.refuse("sorting objects compared by a __lt__ the program defines"));
    }
    if reverse {
        keyed.reverse();
    }
    let mut err = None;
    let sorted = stable_sort(rt, keyed, &mut err);
    if let Some(e) = err {
        // CPython leaves the list in a state its timsort reached; the model keeps the
        // original order (observable only after catching the TypeError).
        *list.borrow_mut() = original;
        return Err(e);
    }
    let mut sorted = sorted;
    if reverse {
        sorted.reverse();
    }
    *list.borrow_mut() = sorted.into_iter().map(|(_, x)| x).collect();
    Ok(())
}

/// Items of runs up to this long are sorted by binary insertion (as CPython's timsort sorts
/// its short runs); longer lists merge such runs, so sorting stays O(n log n).
const RUN: usize = 64;

/// A stable sort of `(key, item)` pairs by builtin `<` on the keys: binary insertion into
/// runs of `RUN`, then pairwise merges (the right item first only if it is `<` the left).
/// The first comparison that raises stops it, in `err`.
fn stable_sort(
    rt: &mut Runtime,
    keyed: Vec<(Value, Value)>,
    err: &mut Option<crate::lang::value::Exc>,
) -> Vec<(Value, Value)> {
    // A step per 16 comparisons (SPEC M4): a sort of a million items is bounded by the step
    // budget as the loops that build it are.
    let compared = std::cell::Cell::new(0usize);
    let lt = |rt: &mut Runtime, a: &Value, b: &Value, err: &mut Option<_>| -> bool {
        if err.is_some() {
            return false;
        }
        compared.set(compared.get() + 1);
        if compared.get().is_multiple_of(16) && !rt.tick() {
            *err = Some(rt.refusal_exc());
            return false;
        }
        match rt.compare(super::super::code::CmpOp::Lt, a, b) {
            Ok(Value::Bool(true)) => true,
            Ok(_) => false,
            Err(e) => {
                *err = Some(e);
                false
            }
        }
    };
    // Sorted runs.
    let mut runs: Vec<Vec<(Value, Value)>> = Vec::new();
    let mut it = keyed.into_iter().peekable();
    while it.peek().is_some() {
        let mut sorted: Vec<(Value, Value)> = Vec::with_capacity(RUN);
        for item in it.by_ref().take(RUN) {
            let mut lo = 0;
            let mut hi = sorted.len();
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(rt, &item.0, &sorted[mid].0, err) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            if err.is_some() {
                return Vec::new();
            }
            sorted.insert(lo, item);
        }
        runs.push(sorted);
    }
    // Merge neighbouring runs until one is left.
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        let mut rs = runs.into_iter();
        while let Some(a) = rs.next() {
            let Some(b) = rs.next() else {
                next.push(a);
                break;
            };
            let mut out = Vec::with_capacity(a.len() + b.len());
            let mut a = a.into_iter().peekable();
            let mut b = b.into_iter().peekable();
            while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
                let take_right = lt(rt, &y.0, &x.0, err);
                if err.is_some() {
                    return Vec::new();
                }
                let item = if take_right { b.next() } else { a.next() };
                out.extend(item);
            }
            out.extend(a);
            out.extend(b);
            next.push(out);
        }
        runs = next;
    }
    runs.pop().unwrap_or_default()
}
