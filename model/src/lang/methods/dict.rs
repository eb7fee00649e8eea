//! Methods of `dict`.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::dict::Dict;
use super::super::exceptions::E;
use super::super::object::{Args, DictViewKind, NativeImpl, NativeObj};
use super::super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub fn lookup(name: &str) -> Option<NativeImpl> {
    Some(match name {
        "get" => get,
        "keys" => keys,
        "values" => values,
        "items" => items,
        "pop" => pop,
        "popitem" => popitem,
        "setdefault" => setdefault,
        "update" => update,
        "clear" => clear,
        "copy" => copy,
        "fromkeys" => fromkeys,
        _ => return None,
    })
}

fn this_dict(this: Option<&Value>) -> Rc<RefCell<Dict>> {
    match this {
        Some(Value::Dict(d)) => d.clone(),
        _ => unreachable!("a dict method bound to a dict"),
    }
}

fn get(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 2 || !args.kw.is_empty() {
        let msg = if args.pos.is_empty() {
            format!(
                "get expected at least 1 argument{}, got 0",
                if rt.v.minor() >= 8 { "" } else { "s" }
            )
        } else {
            format!("get expected at most 2 arguments, got {}", args.pos.len())
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let d = this_dict(this);
    let k = rt.hash_key_as(&args.pos[0], crate::lang::dict::KeyUse::DictKey)?;
    let found = d.borrow().get(&k).cloned();
    Ok(found.unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
}

fn view(this: Option<&Value>, kind: DictViewKind) -> Value {
    Value::Obj(Rc::new(NativeObj::DictView {
        dict: this_dict(this),
        kind,
    }))
}

fn keys(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    Ok(view(this, DictViewKind::Keys))
}

fn values(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    Ok(view(this, DictViewKind::Values))
}

fn items(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    Ok(view(this, DictViewKind::Items))
}

fn pop(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 2 {
        let msg = format!("pop expected at least 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let d = this_dict(this);
    // `_PyDict_Pop`: an empty dict answers before the key is hashed.
    let removed = if d.borrow().map.is_empty() {
        None
    } else {
        let k = rt.hash_key_as(&args.pos[0], crate::lang::dict::KeyUse::DictKey)?;
        d.borrow_mut().remove(&k)
    };
    match removed {
        Some((_, v)) => Ok(v),
        None => match args.pos.get(1) {
            Some(dflt) => Ok(dflt.clone()),
            None => {
                let e = rt.new_exc(E::KeyError, vec![args.pos[0].clone()]);
                rt.set_context(&e);
                Err(e)
            }
        },
    }
}

fn popitem(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let d = this_dict(this);
    let last = d.borrow_mut().map.pop();
    match last {
        Some((_, (k, v))) => Ok(Value::tuple(vec![k, v])),
        None => {
            let e = rt.new_exc(
                E::KeyError,
                vec![Value::str("popitem(): dictionary is empty")],
            );
            rt.set_context(&e);
            Err(e)
        }
    }
}

fn setdefault(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 2 {
        let msg = format!(
            "setdefault expected at least 1 argument, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let d = this_dict(this);
    let k = rt.hash_key_as(&args.pos[0], crate::lang::dict::KeyUse::DictKey)?;
    if let Some(v) = d.borrow().get(&k) {
        return Ok(v.clone());
    }
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    d.borrow_mut().insert(k, args.pos[0].clone(), v.clone());
    Ok(v)
}

fn update(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() > 1 {
        let msg = format!("update expected at most 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let target = this.expect("bound").clone();
    if let Some(src) = args.pos.first() {
        rt.dict_update_from(&target, src, None)?;
    }
    for (k, v) in args.kw {
        rt.setitem(&target, &Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn clear(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    this_dict(this).borrow_mut().map.clear();
    Ok(Value::None)
}

fn copy(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let d = this_dict(this).borrow().clone();
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn fromkeys(rt: &mut Runtime, _this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 2 {
        let msg = format!(
            "fromkeys expected at least 1 argument, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    let d = rt.new_dict();
    for k in rt.iterate(&args.pos[0])? {
        rt.setitem(&d, &k, v.clone())?;
    }
    Ok(d)
}

impl Runtime<'_> {
    pub fn new_dict(&mut self) -> Value {
        Value::Dict(Rc::new(RefCell::new(Dict::new())))
    }

    /// `target.update(src)` (dict, or an iterable of pairs). With `call`, the merge of a
    /// call's `**kwargs`: a repeated key is "got multiple values for keyword argument".
    pub fn dict_update_from(
        &mut self,
        target: &Value,
        src: &Value,
        call: Option<&Value>,
    ) -> PyResult<()> {
        let pairs: Vec<(Value, Value)> = match src {
            Value::Dict(d) => d.borrow().items(),
            _ if call.is_some() => {
                let tn = self.type_name(src);
                let f = self.callee_name(call.expect("checked"));
                let msg = format!("{f} argument after ** must be a mapping, not {tn}");
                return Err(self.err(E::TypeError, &msg));
            }
            other => {
                if let Value::Instance(i) = other {
                    if i.class.lookup("keys").is_some() {
                        return Err(
                            self.refuse("dict.update() from a mapping object the program defines")
                        );
                    }
                }
                let mut out = Vec::new();
                let items = self.iterate(other).map_err(|e| {
                    if self.exc_is(&e, E::TypeError) {
                        let tn = self.type_name(other);
                        self.err(E::TypeError, &format!("'{tn}' object is not iterable"))
                    } else {
                        e
                    }
                })?;
                for (i, item) in items.into_iter().enumerate() {
                    if !self.is_iterable(&item) {
                        let msg = format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        );
                        return Err(self.err(E::TypeError, &msg));
                    }
                    let kv = self.iterate(&item)?;
                    if kv.len() != 2 {
                        let msg = format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            kv.len()
                        );
                        return Err(self.err(E::ValueError, &msg));
                    }
                    out.push((kv[0].clone(), kv[1].clone()));
                }
                out
            }
        };
        let Value::Dict(t) = target else {
            unreachable!("update of a dict")
        };
        for (k, v) in pairs {
            let hk = self.hash_key_as(&k, crate::lang::dict::KeyUse::DictKey)?;
            if let Some(f) = call {
                if t.borrow().map.contains_key(&hk) {
                    let name = self.callee_name(f);
                    let ks = match &k {
                        Value::Str(s) => s.to_string(),
                        other => self.repr(other)?,
                    };
                    let msg = format!("{name} got multiple values for keyword argument '{ks}'");
                    return Err(self.err(E::TypeError, &msg));
                }
                if !matches!(k, Value::Str(_)) {
                    return Err(self.err(E::TypeError, "keywords must be strings"));
                }
            }
            t.borrow_mut().insert(hk, k, v);
        }
        Ok(())
    }

    /// How call errors name the callee (`f()`, `A.m()`).
    pub fn callee_name(&self, f: &Value) -> String {
        match f {
            Value::Function(func) => {
                if self.v.minor() >= 10 {
                    format!("{}()", func.qualname())
                } else {
                    format!("{}()", func.name.borrow())
                }
            }
            Value::Method(m) => self.callee_name(&m.0),
            Value::Native(n) => format!("{}()", n.name),
            Value::Class(c) => format!("{}()", c.name),
            _ => "function".to_string(),
        }
    }
}
