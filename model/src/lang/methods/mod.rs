//! Methods and attributes of builtin types, found by `getattr` through the type's tag.

use std::rc::Rc;

use super::exceptions::E;
use super::object::{Args, Class, NativeFn, NativeImpl, NativeObj, TypeTag};
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub mod dict;
pub mod list;
pub mod set;
pub mod str;

fn method(name: &'static str, owner: &'static str, f: NativeImpl) -> NativeFn {
    NativeFn {
        name,
        owner: Some(owner),
        this: None,
        f,
    }
}

/// The method `name` of builtin type `tag`, unbound.
pub fn lookup(rt: &Runtime, tag: TypeTag, name: &str) -> Option<NativeFn> {
    let minor = rt.v.minor();
    let (owner, f): (&'static str, NativeImpl) = match tag {
        TypeTag::Str => ("str", str::lookup(name, minor)?),
        TypeTag::List => ("list", list::lookup(name)?),
        TypeTag::Tuple => ("tuple", list::lookup_tuple(name)?),
        TypeTag::Dict => ("dict", dict::lookup(name)?),
        TypeTag::Set => ("set", set::lookup(name, false)?),
        TypeTag::FrozenSet => ("frozenset", set::lookup(name, true)?),
        TypeTag::Int | TypeTag::Bool => ("int", int_method(name, minor)?),
        TypeTag::Float => ("float", float_method(name)?),
        TypeTag::Coroutine | TypeTag::Generator => ("coroutine", coro_method(name)?),
        _ => return None,
    };
    let static_name: &'static str = leak_name(name);
    Some(method(static_name, owner, f))
}

/// Method names as `&'static str` (the set of names is small and fixed).
fn leak_name(name: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashMap<String, &'static str>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    NAMES.with(|n| {
        *n.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| Box::leak(name.to_string().into_boxed_str()))
    })
}

fn int_method(name: &str, minor: u8) -> Option<NativeImpl> {
    Some(match name {
        "bit_length" => int_bit_length,
        "is_integer" if minor >= 12 => int_is_integer,
        _ => return None,
    })
}

fn int_bit_length(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let b = this.and_then(Value::as_bigint).expect("an int");
    Ok(Value::Int(b.bits() as i64))
}

fn int_is_integer(_rt: &mut Runtime, _this: Option<&Value>, _args: Args) -> PyResult {
    Ok(Value::Bool(true))
}

fn float_method(name: &str) -> Option<NativeImpl> {
    Some(match name {
        "is_integer" => float_is_integer,
        _ => return None,
    })
}

fn float_is_integer(_rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    match this {
        Some(Value::Float(f)) => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
        _ => unreachable!("a float"),
    }
}

fn coro_method(name: &str) -> Option<NativeImpl> {
    Some(match name {
        "send" => coro_send,
        "throw" => coro_throw,
        "close" => coro_close,
        _ => return None,
    })
}

fn this_coro(this: Option<&Value>) -> super::value::CoroId {
    match this {
        Some(Value::Coro(c)) => *c,
        _ => unreachable!("a coroutine"),
    }
}

fn coro_send(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let v = super::builtins::one_arg(rt, "send", args)?;
    let c = this_coro(this);
    let s = rt_send(rt, c, super::gen::Resume::Send(v));
    step_result(rt, s)
}

fn rt_send(rt: &mut Runtime, c: super::value::CoroId, r: super::gen::Resume) -> super::gen::Step {
    rt.coro_send(c, r)
}

/// A step as `send()`/`throw()` return it: the yielded value, or StopIteration(value).
fn step_result(rt: &mut Runtime, s: super::gen::Step) -> PyResult {
    match s {
        super::gen::Step::Yield(v) => Ok(v),
        super::gen::Step::Return(v) => {
            let args = if v.is_none() { vec![] } else { vec![v] };
            let e = rt.new_exc(E::StopIteration, args);
            Err(e)
        }
        super::gen::Step::Raise(e) => Err(e),
    }
}

fn coro_throw(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() != 1 {
        return Err(rt.refuse("throw() with a traceback argument"));
    }
    let e = rt.make_raisable(args.pos[0].clone())?;
    let c = this_coro(this);
    let s = rt_send(rt, c, super::gen::Resume::Throw(e));
    step_result(rt, s)
}

fn coro_close(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let c = this_coro(this);
    rt.coro_close(c)?;
    Ok(Value::None)
}

/// Data attributes of builtin values (not methods).
pub fn builtin_attr(rt: &mut Runtime, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    Ok(match (obj, name) {
        (Value::Int(_) | Value::Long(_) | Value::Bool(_), "real" | "numerator") => {
            Some(Value::from_bigint(obj.as_bigint().expect("an int")))
        }
        (Value::Int(_) | Value::Long(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::Long(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
        (Value::Float(f), "real") => Some(Value::Float(*f)),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        (Value::Range(r), "start") => Some(Value::Int(r.start)),
        (Value::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Value::Range(r), "step") => Some(Value::Int(r.step)),
        (Value::Slice(s), "start") => Some(s[0].clone()),
        (Value::Slice(s), "stop") => Some(s[1].clone()),
        (Value::Slice(s), "step") => Some(s[2].clone()),
        (Value::Function(f), "__name__") => Some(Value::Str(f.name.borrow().clone())),
        (Value::Function(f), "__qualname__") => Some(Value::Str(f.qualname())),
        (Value::Function(f), "__module__") => f.globals.get("__name__"),
        (Value::Function(f), _) => f.dict.borrow().get(name).cloned(),
        (Value::Native(n), "__name__") => Some(Value::str(n.name)),
        (Value::Native(n), "__qualname__") => Some(Value::str(&match n.owner {
            Some(o) => format!("{o}.{}", n.name),
            None => n.name.to_string(),
        })),
        (Value::Native(n), "__self__") => n.this.clone(),
        (Value::Method(m), "__self__") => Some(m.1.clone()),
        (Value::Method(m), "__func__") => Some(m.0.clone()),
        (Value::Method(m), "__name__" | "__qualname__" | "__module__") => {
            let f = m.0.clone();
            return rt.getattr_opt(&f, name);
        }
        (Value::Coro(c), "__name__") => {
            let q = rt.coros[c.0].qualname.clone();
            Some(Value::Str(Rc::from(q.rsplit('.').next().unwrap_or(&q))))
        }
        (Value::Coro(c), "__qualname__") => Some(Value::Str(rt.coros[c.0].qualname.clone())),
        (Value::Obj(o), _) => match (&**o, name) {
            (NativeObj::Partial { func, .. }, "func") => Some(func.clone()),
            (NativeObj::Partial { args, .. }, "args") => Some(Value::tuple(args.clone())),
            (NativeObj::Partial { kw, .. }, "keywords") => {
                let d = rt.new_dict();
                for (k, v) in kw.clone() {
                    rt.setitem(&d, &Value::Str(k), v)?;
                }
                Some(d)
            }
            (NativeObj::Property { fget, .. }, "fget") => Some(fget.clone()),
            (NativeObj::Property { .. }, "setter" | "getter" | "deleter") => {
                let f: NativeImpl = match name {
                    "setter" => property_setter,
                    "getter" => property_getter,
                    _ => property_deleter,
                };
                Some(Value::Native(Rc::new(NativeFn {
                    name: leak_name(name),
                    owner: Some("property"),
                    this: Some(obj.clone()),
                    f,
                })))
            }
            (NativeObj::StaticMethod(f) | NativeObj::ClassMethod(f), "__func__") => Some(f.clone()),
            (NativeObj::Random(_), m) => super::modules::random::method(m).map(|(n, f)| {
                Value::Native(Rc::new(NativeFn {
                    name: n,
                    owner: Some("Random"),
                    this: Some(obj.clone()),
                    f,
                }))
            }),
            (NativeObj::Handle(h), m) => return rt.handle_getattr(*h, obj, m),
            _ => None,
        },
        _ => None,
    })
}

fn property_with(rt: &mut Runtime, this: Option<&Value>, args: Args, which: usize) -> PyResult {
    let f = super::builtins::one_arg(rt, "setter", args)?;
    let Some(Value::Obj(o)) = this else {
        unreachable!("a property")
    };
    let NativeObj::Property {
        fget,
        fset,
        fdel,
        doc,
    } = &**o
    else {
        unreachable!("a property")
    };
    let (mut g, mut s, mut d) = (fget.clone(), fset.clone(), fdel.clone());
    match which {
        0 => g = f,
        1 => s = f,
        _ => d = f,
    }
    Ok(Value::Obj(Rc::new(NativeObj::Property {
        fget: g,
        fset: s,
        fdel: d,
        doc: doc.clone(),
    })))
}

fn property_getter(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    property_with(rt, this, args, 0)
}

fn property_setter(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    property_with(rt, this, args, 1)
}

fn property_deleter(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    property_with(rt, this, args, 2)
}

/// Methods `super()` finds on `object` and `BaseException` (`super().__init__(...)`).
pub fn object_method(rt: &Runtime, class: &Rc<Class>, name: &str) -> Option<NativeFn> {
    let is_exc = class.tag == Some(TypeTag::Exception);
    let f: NativeImpl = match name {
        "__init__" if is_exc => exc_init,
        "__init__" => object_init,
        "__str__" => object_str,
        "__repr__" => object_repr,
        _ => return None,
    };
    let _ = rt;
    Some(method(
        leak_name(name),
        if is_exc { "BaseException" } else { "object" },
        f,
    ))
}

/// `BaseException.__init__(self, *args)`: sets `args`.
fn exc_init(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        let tn = this.map(|t| rt.type_name(t)).unwrap_or_default();
        let msg = format!("{tn}() takes no keyword arguments");
        return Err(rt.err(E::TypeError, &msg));
    }
    if let Some(Value::Instance(i)) = this {
        i.exc_mut().args = Rc::new(args.pos);
    }
    Ok(Value::None)
}

/// `object.__init__(self)`: no arguments beyond self.
fn object_init(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let msg = if let Some(t) = this {
            let defines_init = match t {
                Value::Instance(i) => i.class.lookup("__init__").is_some(),
                _ => false,
            };
            if defines_init {
                "object.__init__() takes exactly one argument (the instance to initialize)"
                    .to_string()
            } else {
                format!("{}() takes no arguments", rt.type_name(t))
            }
        } else {
            "object.__init__() takes exactly one argument (the instance to initialize)".to_string()
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(Value::None)
}

fn object_str(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let v = this.expect("bound").clone();
    if let Value::Instance(i) = &v {
        if i.exc.is_some() {
            return Ok(Value::str(&rt.exc_str(i)?));
        }
    }
    Ok(Value::str(&rt.repr(&v)?))
}

fn object_repr(rt: &mut Runtime, this: Option<&Value>, _args: Args) -> PyResult {
    let v = this.expect("bound").clone();
    if let Value::Instance(i) = &v {
        if i.exc.is_some() {
            return Ok(Value::str(&rt.exc_repr(i)?));
        }
        return Ok(Value::str(&format!(
            "<{} object at {}>",
            i.class.full_name(),
            super::repr::ADDRESS
        )));
    }
    Ok(Value::str(&rt.repr(&v)?))
}
