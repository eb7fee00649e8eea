//! Subscripts and slices: `x[i]`, `x[i] = v`, `del x[i]`, `len(x)`, and `with` statements'
//! `__enter__`/`__exit__` lookup.

use std::rc::Rc;

use super::exceptions::E;
use super::object::NativeObj;
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

/// A slice resolved against a length (`PySlice_AdjustIndices`).
pub struct Slice {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl Slice {
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

impl Runtime<'_> {
    /// Resolve `slice(start, stop, step)` against a sequence of length `len`.
    pub fn resolve_slice(&mut self, s: &[Value; 3], len: usize) -> PyResult<Slice> {
        let len = len as i64;
        let step = match &s[2] {
            Value::None => 1,
            v => match self.slice_index(v)? {
                0 => return Err(self.err(E::ValueError, "slice step cannot be zero")),
                n => n,
            },
        };
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let adjust = |rt: &mut Runtime, v: &Value, default: i64| -> PyResult<i64> {
            if v.is_none() {
                return Ok(default);
            }
            let mut i = rt.slice_index(v)?;
            if i < 0 {
                i += len;
                if i < lower {
                    i = lower;
                }
            } else if i > upper {
                i = upper;
            }
            Ok(i)
        };
        let start = adjust(self, &s[0], if step < 0 { upper } else { lower })?;
        let stop = adjust(self, &s[1], if step < 0 { lower } else { upper })?;
        let n = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(Slice {
            start,
            stop,
            step,
            len: n as usize,
        })
    }

    /// A slice bound: an int (clamped to i64, as CPython clamps to Py_ssize_t).
    fn slice_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Bool(b) => Ok(*b as i64),
            Value::Int(i) => Ok(*i),
            Value::Long(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }),
            _ => Err(self.err(
                E::TypeError,
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }

    /// A sequence index: normalised, or the IndexError `what` names.
    fn seq_index(&mut self, i: &Value, len: usize, what: &str, kind: &str) -> PyResult<usize> {
        let n = match i {
            Value::Bool(b) => *b as i64,
            Value::Int(n) => *n,
            Value::Long(_) => {
                return Err(self.err(
                    E::IndexError,
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
            other => {
                let tn = self.type_name(other);
                let msg = if kind == "str" {
                    if self.v.minor() >= 11 {
                        format!("string indices must be integers, not '{tn}'")
                    } else {
                        "string indices must be integers".to_string()
                    }
                } else {
                    format!("{kind} indices must be integers or slices, not {tn}")
                };
                return Err(self.err(E::TypeError, &msg));
            }
        };
        let j = if n < 0 { n + len as i64 } else { n };
        if j < 0 || j >= len as i64 {
            return Err(self.err(E::IndexError, what));
        }
        Ok(j as usize)
    }

    /// `obj[idx]`.
    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> PyResult {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let items = l.borrow().clone();
                    let sl = self.resolve_slice(s, items.len())?;
                    return Ok(Value::list(
                        sl.indices().map(|i| items[i].clone()).collect(),
                    ));
                }
                let len = l.borrow().len();
                let i = self.seq_index(idx, len, "list index out of range", "list")?;
                let v = l.borrow()[i].clone();
                Ok(v)
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = idx {
                    let sl = self.resolve_slice(s, t.len())?;
                    return Ok(Value::tuple(sl.indices().map(|i| t[i].clone()).collect()));
                }
                let i = self.seq_index(idx, t.len(), "tuple index out of range", "tuple")?;
                Ok(t[i].clone())
            }
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                if let Value::Slice(sl) = idx {
                    let sl = self.resolve_slice(sl, chars.len())?;
                    return Ok(Value::str(
                        &sl.indices().map(|i| chars[i]).collect::<String>(),
                    ));
                }
                let i = self.seq_index(idx, chars.len(), "string index out of range", "str")?;
                Ok(Value::str(chars[i].encode_utf8(&mut [0; 4])))
            }
            Value::Range(r) => {
                let len = match r.len() {
                    Some(n) => n as usize,
                    None => return Err(self.refuse("a range longer than 2**63")),
                };
                if let Value::Slice(_) = idx {
                    return Err(self.refuse("slicing a range"));
                }
                let i = self.seq_index(idx, len, "range object index out of range", "range")?;
                Ok(Value::Int(r.get(i as u64)))
            }
            Value::Dict(d) => {
                let k = self.hash_key_as(idx, super::dict::KeyUse::DictKey)?;
                let found = d.borrow().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => {
                        let e = self.new_exc(E::KeyError, vec![idx.clone()]);
                        self.set_context(&e);
                        Err(e)
                    }
                }
            }
            Value::Class(c) => {
                // 3.9+: the builtin containers, Future and Task are generic (PEP 585).
                let generic = c.tag.is_some()
                    && matches!(
                        &*c.name,
                        "list"
                            | "dict"
                            | "tuple"
                            | "set"
                            | "frozenset"
                            | "type"
                            | "Future"
                            | "Task"
                    );
                if generic && self.v.minor() >= 9 {
                    let ir = self.repr(idx)?;
                    let name = if matches!(&*c.name, "Future" | "Task") {
                        format!("asyncio.{}", c.name)
                    } else {
                        c.name.to_string()
                    };
                    let text = format!("{name}[{}]", ir.trim_matches(|ch| ch == '<' || ch == '>'));
                    return Ok(Value::Obj(Rc::new(NativeObj::TypeHint(text))));
                }
                // The message names the class from 3.11.
                let not_subscriptable = |rt: &mut Self| {
                    let msg = if rt.v.minor() >= 11 {
                        format!("type '{}' is not subscriptable", c.name)
                    } else {
                        "'type' object is not subscriptable".to_string()
                    };
                    rt.err(E::TypeError, &msg)
                };
                if c.tag.is_some() {
                    return Err(not_subscriptable(self));
                }
                match c.lookup("__class_getitem__") {
                    Some(Value::Native(ref n)) if n.name == "_generic_alias" => {
                        let ir = self.repr(idx)?;
                        let text = format!(
                            "{}.{}[{}]",
                            c.module,
                            c.qualname,
                            ir.trim_matches(|ch| ch == '<' || ch == '>')
                        );
                        Ok(Value::Obj(Rc::new(NativeObj::TypeHint(text))))
                    }
                    Some(_) => Err(self.refuse("a class's own __class_getitem__")),
                    None => Err(not_subscriptable(self)),
                }
            }
            Value::Obj(o) => match &**o {
                NativeObj::TypeHint(s) => {
                    let ir = self.repr(idx)?;
                    Ok(Value::Obj(Rc::new(NativeObj::TypeHint(format!(
                        "{s}[{ir}]"
                    )))))
                }
                _ => self.getitem_special(obj, idx),
            },
            _ => self.getitem_special(obj, idx),
        }
    }

    fn getitem_special(&mut self, obj: &Value, idx: &Value) -> PyResult {
        if let Value::Instance(i) = obj {
            if i.class.tag.is_none() {
                if let Some(m) = self.lookup_special(obj, "__getitem__") {
                    return self.call_value(&m, vec![idx.clone()]);
                }
            }
        }
        let tn = self.type_name(obj);
        Err(self.err(E::TypeError, &format!("'{tn}' object is not subscriptable")))
    }

    /// `obj[idx] = v`.
    pub fn setitem(&mut self, obj: &Value, idx: &Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let items = self.iterate(&v)?;
                    let len = l.borrow().len();
                    let sl = self.resolve_slice(s, len)?;
                    if sl.step == 1 {
                        let start = sl.start.max(0) as usize;
                        let stop = (sl.stop.max(sl.start)).max(0) as usize;
                        l.borrow_mut().splice(start..stop.min(len), items);
                        return Ok(());
                    }
                    if items.len() != sl.len {
                        let msg = format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            items.len(),
                            sl.len
                        );
                        return Err(self.err(E::ValueError, &msg));
                    }
                    let idxs: Vec<usize> = sl.indices().collect();
                    let mut lb = l.borrow_mut();
                    for (i, x) in idxs.into_iter().zip(items) {
                        lb[i] = x;
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.seq_index(idx, len, "list assignment index out of range", "list")?;
                l.borrow_mut()[i] = v;
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key_as(idx, super::dict::KeyUse::DictKey)?;
                d.borrow_mut().insert(k, idx.clone(), v);
                Ok(())
            }
            Value::Instance(i) if i.class.tag.is_none() => {
                match self.lookup_special(obj, "__setitem__") {
                    Some(m) => {
                        self.call_value(&m, vec![idx.clone(), v])?;
                        Ok(())
                    }
                    None => {
                        let tn = self.type_name(obj);
                        let msg = format!("'{tn}' object does not support item assignment");
                        Err(self.err(E::TypeError, &msg))
                    }
                }
            }
            other => {
                let tn = self.type_name(other);
                let msg = format!("'{tn}' object does not support item assignment");
                Err(self.err(E::TypeError, &msg))
            }
        }
    }

    /// `del obj[idx]`.
    pub fn delitem(&mut self, obj: &Value, idx: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let len = l.borrow().len();
                    let sl = self.resolve_slice(s, len)?;
                    let mut drop: Vec<usize> = sl.indices().collect();
                    drop.sort_unstable();
                    let mut lb = l.borrow_mut();
                    for i in drop.into_iter().rev() {
                        lb.remove(i);
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.seq_index(idx, len, "list assignment index out of range", "list")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key_as(idx, super::dict::KeyUse::DictKey)?;
                if d.borrow_mut().remove(&k).is_none() {
                    let e = self.new_exc(E::KeyError, vec![idx.clone()]);
                    self.set_context(&e);
                    return Err(e);
                }
                Ok(())
            }
            Value::Instance(i) if i.class.tag.is_none() => {
                match self.lookup_special(obj, "__delitem__") {
                    Some(m) => {
                        self.call_value(&m, vec![idx.clone()])?;
                        Ok(())
                    }
                    None => {
                        let tn = self.type_name(obj);
                        let msg = format!("'{tn}' object doesn't support item deletion");
                        Err(self.err(E::TypeError, &msg))
                    }
                }
            }
            other => {
                let tn = self.type_name(other);
                let msg = format!("'{tn}' object doesn't support item deletion");
                Err(self.err(E::TypeError, &msg))
            }
        }
    }

    /// `len(x)`.
    pub fn len(&mut self, x: &Value) -> PyResult<usize> {
        Ok(match x {
            Value::Str(s) => s.chars().count(),
            Value::Tuple(t) => t.len(),
            Value::List(l) => l.borrow().len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Set(s) => s.borrow().map.len(),
            Value::FrozenSet(s) => s.map.len(),
            Value::Range(r) => match r.len() {
                Some(n) => n as usize,
                None => {
                    return Err(self.err(
                        E::OverflowError,
                        "Python int too large to convert to C ssize_t",
                    ))
                }
            },
            Value::Obj(o) if matches!(&**o, NativeObj::DictView { .. }) => match &**o {
                NativeObj::DictView { dict, .. } => dict.borrow().len(),
                _ => unreachable!("matched"),
            },
            Value::Instance(i) if i.class.tag.is_none() => {
                let Some(m) = self.lookup_special(x, "__len__") else {
                    let tn = self.type_name(x);
                    return Err(
                        self.err(E::TypeError, &format!("object of type '{tn}' has no len()"))
                    );
                };
                let r = self.call_value(&m, vec![])?;
                match r {
                    Value::Int(n) if n >= 0 => n as usize,
                    Value::Int(_) => {
                        return Err(self.err(E::ValueError, "__len__() should return >= 0"))
                    }
                    other => {
                        let tn = self.type_name(&other);
                        let msg = format!("'{tn}' object cannot be interpreted as an integer");
                        return Err(self.err(E::TypeError, &msg));
                    }
                }
            }
            other => {
                let tn = self.type_name(other);
                return Err(self.err(E::TypeError, &format!("object of type '{tn}' has no len()")));
            }
        })
    }

    /// `with mgr` / `async with mgr`: `(__exit__ bound, __enter__() result)`.
    pub fn before_with(&mut self, mgr: &Value, is_async: bool) -> PyResult<(Value, Value)> {
        let (enter, exit) = if is_async {
            ("__aenter__", "__aexit__")
        } else {
            ("__enter__", "__exit__")
        };
        let e = self.lookup_special(mgr, enter);
        let x = self.lookup_special(mgr, exit);
        let (Some(e), Some(x)) = (e.clone(), x.clone()) else {
            let minor = self.v.minor();
            if minor >= 11 {
                let tn = self.type_name(mgr);
                let proto = if is_async {
                    "asynchronous context manager protocol"
                } else {
                    "context manager protocol"
                };
                let missed = if e.is_some() {
                    format!(" (missed {exit} method)")
                } else {
                    String::new()
                };
                let msg = format!("'{tn}' object does not support the {proto}{missed}");
                return Err(self.err(E::TypeError, &msg));
            }
            // 3.7–3.10: an AttributeError naming the method looked up first (`async with`
            // looked up `__aexit__` first until 3.10).
            let first_missing = if is_async && minor <= 9 {
                if x.is_none() {
                    exit
                } else {
                    enter
                }
            } else if e.is_none() {
                enter
            } else {
                exit
            };
            return Err(self.err(E::AttributeError, first_missing));
        };
        let entered = self.call_value(&e, vec![])?;
        Ok((x, entered))
    }
}
