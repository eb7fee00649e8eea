//! The `builtins` module: builtin functions and the constructors of builtin types.

use std::rc::Rc;

use num_bigint::BigInt;

use super::args::{bind, Param};
use super::exceptions::E;
use super::iter::{new_iter, Iter};
use super::num;
use super::object::{Args, Class, Module, NativeFn, NativeImpl, NativeObj, TypeTag};
use super::types::Types;
use super::value::{PyResult, RangeObj, Value};
use crate::runtime::Runtime;
use crate::version::PyVersion;

fn native(name: &'static str, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        owner: None,
        this: None,
        f,
    }))
}

/// The builtins module of version `v`.
pub fn module(t: &Types, v: PyVersion) -> Rc<Module> {
    let m = Module::new("builtins", None);
    let fns: &[(&'static str, NativeImpl)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("abs", b_abs),
        ("hash", b_hash),
        ("all", b_all),
        ("any", b_any),
        ("sum", b_sum),
        ("min", b_min),
        ("max", b_max),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("iter", b_iter),
        ("next", b_next),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("chr", b_chr),
        ("ord", b_ord),
        ("callable", b_callable),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("hasattr", b_hasattr),
        ("delattr", b_delattr),
        ("format", b_format),
        ("__build_class__", b_build_class),
    ];
    for (n, f) in fns {
        m.set(n, native(n, *f));
    }
    if v.minor() >= 10 {
        m.set("aiter", native("aiter", b_aiter));
        m.set("anext", native("anext", b_anext));
    }
    for (n, c) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("bool", &t.bool_),
        ("int", &t.int),
        ("float", &t.float),
        ("str", &t.str_),
        ("tuple", &t.tuple),
        ("list", &t.list),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ] {
        m.set(n, Value::Class(c.clone()));
    }
    for e in super::exceptions::E::ALL {
        if let Some(c) = &t.excs[*e as usize] {
            if &*c.module == "builtins" {
                m.set(e.name(), Value::Class(c.clone()));
            }
        }
    }
    if let Some(c) = &t.excs[E::OSError as usize] {
        m.set("EnvironmentError", Value::Class(c.clone()));
        m.set("IOError", Value::Class(c.clone()));
    }
    m.set("None", Value::None);
    m.set("True", Value::Bool(true));
    m.set("False", Value::Bool(false));
    m.set("Ellipsis", Value::Ellipsis);
    m.set("NotImplemented", Value::NotImplemented);
    m.set("__debug__", Value::Bool(true));
    m.set("__name__", Value::str("builtins"));
    m
}

/// `cls(*args)` for a builtin class.
pub fn construct(rt: &mut Runtime, cls: &Rc<Class>, args: Args) -> PyResult {
    let tag = cls.tag.expect("a builtin class");
    match tag {
        TypeTag::Object => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(rt.err(E::TypeError, "object() takes no arguments"));
            }
            Ok(Value::Instance(super::object::Instance::new(cls.clone())))
        }
        TypeTag::Type => {
            if args.pos.len() == 1 && args.kw.is_empty() {
                return Ok(Value::Class(rt.type_of(&args.pos[0])));
            }
            Err(rt.refuse("type() with three arguments"))
        }
        TypeTag::Bool => {
            let [x] = bind(rt, "bool", args, &[Param::opt("x", Value::Bool(false))])?;
            Ok(Value::Bool(rt.truthy(&x)?))
        }
        TypeTag::Int => construct_int(rt, args),
        TypeTag::Float => {
            let [x] = bind(rt, "float", args, &[Param::opt("x", Value::Float(0.0))])?;
            to_float(rt, &x)
        }
        TypeTag::Str => {
            if args.pos.len() > 1 || !args.kw.is_empty() {
                return Err(rt.refuse("str() with an encoding"));
            }
            match args.pos.first() {
                Some(x) => Ok(Value::str(&rt.str_of(x)?)),
                None => Ok(Value::str("")),
            }
        }
        TypeTag::Tuple => {
            let [x] = bind(
                rt,
                "tuple",
                args,
                &[Param::opt("iterable", Value::tuple(vec![]))],
            )?;
            if let Value::Tuple(_) = x {
                return Ok(x);
            }
            Ok(Value::tuple(rt.iterate(&x)?))
        }
        TypeTag::List => {
            let [x] = bind(
                rt,
                "list",
                args,
                &[Param::opt("iterable", Value::tuple(vec![]))],
            )?;
            Ok(Value::list(rt.iterate(&x)?))
        }
        TypeTag::Dict => {
            let d = rt.new_dict();
            if args.pos.len() > 1 {
                let msg = format!("dict expected at most 1 argument, got {}", args.pos.len());
                return Err(rt.err(E::TypeError, &msg));
            }
            if let Some(src) = args.pos.first() {
                rt.dict_update_from(&d, src, None)?;
            }
            for (k, v) in args.kw {
                rt.setitem(&d, &Value::Str(k), v)?;
            }
            Ok(d)
        }
        TypeTag::Set | TypeTag::FrozenSet => {
            let name = if tag == TypeTag::Set {
                "set"
            } else {
                "frozenset"
            };
            if !args.kw.is_empty() {
                return Err(rt.err(
                    E::TypeError,
                    &format!("{name}() takes no keyword arguments"),
                ));
            }
            if args.pos.len() > 1 {
                let msg = format!("{name} expected at most 1 argument, got {}", args.pos.len());
                return Err(rt.err(E::TypeError, &msg));
            }
            let items = match args.pos.first() {
                Some(x) => rt.iterate(x)?,
                None => vec![],
            };
            let s = rt.new_set(items)?;
            if tag == TypeTag::FrozenSet {
                return Ok(rt.freeze(s));
            }
            Ok(s)
        }
        TypeTag::Range => construct_range(rt, args),
        TypeTag::Slice => {
            if !args.kw.is_empty() {
                return Err(rt.err(E::TypeError, "slice() takes no keyword arguments"));
            }
            let p = args.pos;
            match p.len() {
                1 => Ok(Value::Slice(Rc::new([
                    Value::None,
                    p[0].clone(),
                    Value::None,
                ]))),
                2 => Ok(Value::Slice(Rc::new([
                    p[0].clone(),
                    p[1].clone(),
                    Value::None,
                ]))),
                3 => Ok(Value::Slice(Rc::new([
                    p[0].clone(),
                    p[1].clone(),
                    p[2].clone(),
                ]))),
                n => {
                    let msg = if n == 0 {
                        "slice expected at least 1 argument, got 0".to_string()
                    } else {
                        format!("slice expected at most 3 arguments, got {n}")
                    };
                    Err(rt.err(E::TypeError, &msg))
                }
            }
        }
        TypeTag::Property => {
            let [fget, fset, fdel, doc] = bind(
                rt,
                "property",
                args,
                &[
                    Param::opt("fget", Value::None),
                    Param::opt("fset", Value::None),
                    Param::opt("fdel", Value::None),
                    Param::opt("doc", Value::None),
                ],
            )?;
            Ok(Value::Obj(Rc::new(NativeObj::Property {
                fget,
                fset,
                fdel,
                doc,
            })))
        }
        TypeTag::StaticMethod | TypeTag::ClassMethod => {
            if args.pos.len() != 1 || !args.kw.is_empty() {
                let n = if tag == TypeTag::StaticMethod {
                    "staticmethod"
                } else {
                    "classmethod"
                };
                let msg = format!("{n} expected 1 argument, got {}", args.pos.len());
                return Err(rt.err(E::TypeError, &msg));
            }
            let f = args.pos.into_iter().next().expect("one");
            Ok(Value::Obj(Rc::new(if tag == TypeTag::StaticMethod {
                NativeObj::StaticMethod(f)
            } else {
                NativeObj::ClassMethod(f)
            })))
        }
        TypeTag::Super => {
            if args.pos.len() != 2 {
                if args.pos.is_empty() {
                    return Err(rt.err(E::RuntimeError, "super(): no arguments"));
                }
                return Err(rt.refuse("super() with one argument"));
            }
            let Value::Class(c) = &args.pos[0] else {
                let tn = rt.type_name(&args.pos[0]);
                let msg = format!("super() argument 1 must be a type, not {tn}");
                return Err(rt.err(E::TypeError, &msg));
            };
            let this = args.pos[1].clone();
            let ok = match &this {
                Value::Class(k) => k.is_subclass(c),
                other => rt.is_instance(other, c),
            };
            if !ok {
                return Err(rt.err(
                    E::TypeError,
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            Ok(Value::Obj(Rc::new(NativeObj::Super {
                class: c.clone(),
                this,
            })))
        }
        TypeTag::Native if Rc::ptr_eq(cls, &rt.types.future) => {
            crate::asyncio::interface::construct_future(rt, args)
        }
        TypeTag::Native if Rc::ptr_eq(cls, &rt.types.task) => {
            crate::asyncio::interface::construct_task(rt, args)
        }
        _ => Err(rt.refuse(format!("calling the builtin class '{}'", cls.full_name()))),
    }
}

fn construct_int(rt: &mut Runtime, args: Args) -> PyResult {
    if args.pos.is_empty() && args.kw.is_empty() {
        return Ok(Value::Int(0));
    }
    let [x, base] = bind(
        rt,
        "int",
        args,
        &[
            Param::opt("x", Value::Int(0)),
            Param::opt_kw("base", Value::None),
        ],
    )?;
    let minor = rt.v.minor();
    if !base.is_none() {
        let Value::Str(s) = &x else {
            return Err(rt.err(
                E::TypeError,
                "int() can't convert non-string with explicit base",
            ));
        };
        let b = match rt.index_i64(&base)? {
            Some(b) if b == 0 || (2..=36).contains(&b) => b as u32,
            _ => return Err(rt.err(E::ValueError, "int() base must be >= 2 and <= 36, or 0")),
        };
        return parse_int(rt, s, b, minor);
    }
    match &x {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Int(_) | Value::Long(_) => Ok(x),
        Value::Float(f) => num::float::to_bigint(*f)
            .map(Value::from_bigint)
            .map_err(|e| rt.num_error(e)),
        Value::Str(s) => parse_int(rt, s, 10, minor),
        other => {
            if let Value::Instance(_) = other {
                if let Some(m) = rt.lookup_special(other, "__int__") {
                    return rt.call_value(&m, vec![]);
                }
            }
            let tn = rt.type_name(other);
            let msg = format!(
                "int() argument must be a string, a bytes-like object or a {} number, not '{tn}'",
                if minor >= 10 { "real" } else { "" }
            )
            .replace("a  number", "a number");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn parse_int(rt: &mut Runtime, s: &str, base: u32, minor: u8) -> PyResult {
    match num::int::parse_checked(s, base, minor) {
        Ok(Some(b)) => Ok(Value::from_bigint(b)),
        Ok(None) => {
            let r = super::repr::repr_str(s);
            let msg = format!("invalid literal for int() with base {base}: {r}");
            Err(rt.err(E::ValueError, &msg))
        }
        Err(e) => Err(rt.num_error(e)),
    }
}

fn to_float(rt: &mut Runtime, x: &Value) -> PyResult {
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Bool(_) | Value::Int(_) | Value::Long(_) => {
            Ok(Value::Float(rt.to_f64(x)?.expect("a number")))
        }
        Value::Str(s) => match num::float::parse_for(s, rt.v.minor()) {
            Some(f) => Ok(Value::Float(f)),
            None => {
                let r = super::repr::repr_str(s);
                Err(rt.err(
                    E::ValueError,
                    &format!("could not convert string to float: {r}"),
                ))
            }
        },
        other => {
            if let Value::Instance(_) = other {
                if let Some(m) = rt.lookup_special(other, "__float__") {
                    return rt.call_value(&m, vec![]);
                }
            }
            let tn = rt.type_name(other);
            let msg = if rt.v.minor() >= 10 {
                format!("float() argument must be a string or a real number, not '{tn}'")
            } else {
                format!("float() argument must be a string or a number, not '{tn}'")
            };
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn construct_range(rt: &mut Runtime, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(rt.err(E::TypeError, "range() takes no keyword arguments"));
    }
    let n = args.pos.len();
    if n == 0 || n > 3 {
        let msg = if n == 0 {
            "range expected at least 1 argument, got 0".to_string()
        } else {
            format!("range expected at most 3 arguments, got {n}")
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let mut vals = Vec::with_capacity(3);
    for a in &args.pos {
        match rt.index_i64(a)? {
            Some(i) => vals.push(i),
            None => return Err(rt.refuse("a range bound beyond 64 bits")),
        }
    }
    let (start, stop, step) = match vals.len() {
        1 => (0, vals[0], 1),
        2 => (vals[0], vals[1], 1),
        _ => (vals[0], vals[1], vals[2]),
    };
    if step == 0 {
        return Err(rt.err(E::ValueError, "range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(RangeObj { start, stop, step })))
}

// ---- builtin functions ----

fn b_print(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    for (k, v) in args.kw {
        match &*k {
            "sep" | "end" => {
                let s = match &v {
                    Value::None => None,
                    Value::Str(s) => Some(s.to_string()),
                    other => {
                        let tn = rt.type_name(other);
                        let msg = format!("{k} must be None or a string, not {tn}");
                        return Err(rt.err(E::TypeError, &msg));
                    }
                };
                if &*k == "sep" {
                    sep = s.unwrap_or_else(|| " ".into());
                } else {
                    end = s.unwrap_or_else(|| "\n".into());
                }
            }
            "flush" => {}
            "file" => {
                if !v.is_none() {
                    return Err(rt.refuse("print(file=...)"));
                }
            }
            other => {
                let msg = if rt.v.minor() >= 13 {
                    format!("print() got an unexpected keyword argument '{other}'")
                } else {
                    format!("'{other}' is an invalid keyword argument for print()")
                };
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    let mut parts = Vec::with_capacity(args.pos.len());
    for a in &args.pos {
        parts.push(rt.str_of(a)?);
    }
    let text = parts.join(&sep);
    rt.check_size(text.len())?;
    rt.emit_print(text, end);
    Ok(Value::None)
}

fn b_len(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "len", args)?;
    rt.len(&x).map(|n| Value::Int(n as i64))
}

/// `fn(x)`: exactly one positional argument, no keywords.
pub fn one_arg(rt: &mut Runtime, name: &str, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(rt.err(
            E::TypeError,
            &format!("{name}() takes no keyword arguments"),
        ));
    }
    if args.pos.len() != 1 {
        let msg = format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(args.pos.into_iter().next().expect("one"))
}

fn b_repr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "repr", args)?;
    Ok(Value::str(&rt.repr(&x)?))
}

fn b_ascii(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "ascii", args)?;
    Ok(Value::str(&rt.ascii(&x)?))
}

fn b_isinstance(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [x, c] = exact_args(rt, "isinstance", args)?;
    rt.isinstance(&x, &c).map(Value::Bool)
}

fn b_issubclass(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [x, c] = exact_args(rt, "issubclass", args)?;
    rt.issubclass(&x, &c).map(Value::Bool)
}

/// `fn(a, b)` with exactly N positional arguments: "isinstance expected 2 arguments, got 1".
pub fn exact_args<const N: usize>(
    rt: &mut Runtime,
    name: &str,
    args: Args,
) -> PyResult<[Value; N]> {
    if !args.kw.is_empty() {
        return Err(rt.err(
            E::TypeError,
            &format!("{name}() takes no keyword arguments"),
        ));
    }
    if args.pos.len() != N {
        let msg = format!("{name} expected {N} arguments, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    Ok(args
        .pos
        .try_into()
        .unwrap_or_else(|_| unreachable!("length checked")))
}

fn b_abs(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "abs", args)?;
    match &x {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).magnitude().clone().into()),
        }),
        Value::Long(b) => Ok(Value::from_bigint(b.magnitude().clone().into())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        other => {
            if let Value::Instance(_) = other {
                if let Some(m) = rt.lookup_special(other, "__abs__") {
                    return rt.call_value(&m, vec![]);
                }
            }
            let tn = rt.type_name(other);
            Err(rt.err(E::TypeError, &format!("bad operand type for abs(): '{tn}'")))
        }
    }
}

/// `hash(x)`: numbers hash as CPython computes it; a user's `__hash__` is called. Strings
/// hash with a per-process random key and objects by address, so those are refused.
fn b_hash(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "hash", args)?;
    match &x {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Int(i) => Ok(Value::Int(num::hash::hash_int(&BigInt::from(*i)))),
        Value::Long(b) => Ok(Value::Int(num::hash::hash_int(b))),
        Value::Float(f) => match num::hash::hash_float(*f) {
            Some(h) => Ok(Value::Int(h)),
            None if rt.v.minor() < 10 => Ok(Value::Int(0)),
            None => Err(rt.refuse("hash() of NaN (its address from 3.10)")),
        },
        Value::Instance(i) if i.class.tag.is_none() => {
            // A class that defines __eq__ and not __hash__ gets `__hash__ = None`.
            let defines_eq = i.class.lookup("__eq__").is_some();
            match i.class.lookup("__hash__") {
                Some(Value::None) => {
                    let tn = i.class.name.to_string();
                    Err(rt.err(E::TypeError, &format!("unhashable type: '{tn}'")))
                }
                None if defines_eq => {
                    let tn = i.class.name.to_string();
                    Err(rt.err(E::TypeError, &format!("unhashable type: '{tn}'")))
                }
                Some(_) => {
                    let m = rt
                        .lookup_special(&x, "__hash__")
                        .expect("class defines __hash__");
                    let h = rt.call_value(&m, vec![])?;
                    match h {
                        Value::Bool(b) => Ok(Value::Int(b as i64)),
                        Value::Int(i) => Ok(Value::Int(if i == -1 { -2 } else { i })),
                        Value::Long(ref b) => Ok(Value::Int(num::hash::hash_int(b))),
                        _ => Err(rt.err(E::TypeError, "__hash__ method should return an integer")),
                    }
                }
                None => Err(rt.refuse("hash() of an object (its address)")),
            }
        }
        _ => {
            let tn = rt.type_name(&x);
            Err(rt.refuse(format!("hash() of a '{tn}' object")))
        }
    }
}

fn b_all(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "all", args)?;
    let it = rt.get_iter(&x)?;
    let mut seen = 0u64;
    while let Some(v) = rt.next(&it)? {
        rt.charge_item(&mut seen)?;
        if !rt.truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn b_any(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "any", args)?;
    let it = rt.get_iter(&x)?;
    let mut seen = 0u64;
    while let Some(v) = rt.next(&it)? {
        rt.charge_item(&mut seen)?;
        if rt.truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_sum(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [it, start] = bind(
        rt,
        "sum",
        args,
        &[Param::req("iterable"), Param::opt("start", Value::Int(0))],
    )?;
    match &start {
        Value::Str(_) => {
            return Err(rt.err(
                E::TypeError,
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::List(_) | Value::Tuple(_) => {}
        _ => {}
    }
    let mut acc = start;
    let iter = rt.get_iter(&it)?;
    // CPython sums floats with a compensated-free running double; ints exactly.
    let mut seen = 0u64;
    while let Some(v) = rt.next(&iter)? {
        rt.charge_item(&mut seen)?;
        acc = rt.binary(super::code::BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
}

fn min_max(rt: &mut Runtime, args: Args, is_max: bool) -> PyResult {
    let name = if is_max { "max" } else { "min" };
    let mut key = Value::None;
    let mut default = None;
    for (k, v) in args.kw {
        match &*k {
            "key" => key = v,
            "default" => default = Some(v),
            other => {
                let msg = format!("'{other}' is an invalid keyword argument for {name}()");
                return Err(rt.err(E::TypeError, &msg));
            }
        }
    }
    let items = match args.pos.len() {
        0 => {
            let msg = format!("{name} expected at least 1 argument, got 0");
            return Err(rt.err(E::TypeError, &msg));
        }
        1 => {
            let x = args.pos.into_iter().next().expect("one");
            rt.iterate(&x)?
        }
        _ => {
            if default.is_some() {
                let msg = format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                );
                return Err(rt.err(E::TypeError, &msg));
            }
            args.pos
        }
    };
    if items.is_empty() {
        if let Some(d) = default {
            return Ok(d);
        }
        let msg = if rt.v.minor() >= 12 {
            format!("{name}() iterable argument is empty")
        } else {
            format!("{name}() arg is an empty sequence")
        };
        return Err(rt.err(E::ValueError, &msg));
    }
    let op = if is_max {
        super::code::CmpOp::Gt
    } else {
        super::code::CmpOp::Lt
    };
    let mut best = items[0].clone();
    let mut best_key = if key.is_none() {
        best.clone()
    } else {
        rt.call_value(&key, vec![best.clone()])?
    };
    for x in items.into_iter().skip(1) {
        let k = if key.is_none() {
            x.clone()
        } else {
            rt.call_value(&key, vec![x.clone()])?
        };
        let better = rt.compare(op, &k, &best_key)?;
        if rt.truthy(&better)? {
            best = x;
            best_key = k;
        }
    }
    Ok(best)
}

fn b_min(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    min_max(rt, args, false)
}

fn b_max(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    min_max(rt, args, true)
}

fn b_sorted(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() != 1 {
        let msg = if args.pos.is_empty() {
            "sorted expected 1 argument, got 0".to_string()
        } else {
            format!("sorted expected 1 argument, got {}", args.pos.len())
        };
        return Err(rt.err(E::TypeError, &msg));
    }
    let items = rt.iterate(&args.pos[0])?;
    let l = Value::list(items);
    super::methods::list::sort(rt, &l, args.kw)?;
    Ok(l)
}

fn b_reversed(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "reversed", args)?;
    Ok(match &x {
        Value::List(l) => new_iter(Iter::ListReverse {
            list: l.clone(),
            pos: None,
        }),
        Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
            let mut items = rt.iterate(&x)?;
            items.reverse();
            let name = match &x {
                Value::Range(_) => "range_iterator",
                _ => "reversed",
            };
            new_iter(Iter::Items {
                items,
                pos: 0,
                name,
            })
        }
        Value::Dict(d) if rt.v.minor() >= 8 => {
            let mut items = d.borrow().keys();
            items.reverse();
            new_iter(Iter::Items {
                items,
                pos: 0,
                name: "dict_reversekeyiterator",
            })
        }
        other => {
            if let Value::Instance(_) = other {
                if let Some(m) = rt.lookup_special(other, "__reversed__") {
                    return rt.call_value(&m, vec![]);
                }
            }
            let tn = rt.type_name(other);
            return Err(rt.err(E::TypeError, &format!("'{tn}' object is not reversible")));
        }
    })
}

fn b_enumerate(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [it, start] = bind(
        rt,
        "enumerate",
        args,
        &[Param::req("iterable"), Param::opt("start", Value::Int(0))],
    )?;
    if !matches!(start, Value::Int(_) | Value::Long(_) | Value::Bool(_)) {
        let tn = rt.type_name(&start);
        let msg = format!("'{tn}' object cannot be interpreted as an integer");
        return Err(rt.err(E::TypeError, &msg));
    }
    let inner = rt.get_iter(&it)?;
    Ok(new_iter(Iter::Enumerate {
        it: inner,
        count: start,
    }))
}

fn b_zip(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let mut strict = false;
    for (k, v) in args.kw {
        if &*k == "strict" && rt.v.minor() >= 10 {
            strict = rt.truthy(&v)?;
        } else {
            let msg = format!("zip() got an unexpected keyword argument '{k}'");
            return Err(rt.err(E::TypeError, &msg));
        }
    }
    let mut its = Vec::with_capacity(args.pos.len());
    for (i, a) in args.pos.iter().enumerate() {
        if !rt.is_iterable(a) {
            let tn = rt.type_name(a);
            let msg = if rt.v.minor() >= 10 {
                format!("'{tn}' object is not iterable")
            } else {
                format!("zip argument #{} must support iteration", i + 1)
            };
            return Err(rt.err(E::TypeError, &msg));
        }
        its.push(rt.get_iter(a)?);
    }
    Ok(new_iter(Iter::Zip { its, strict }))
}

fn b_map(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(rt.err(E::TypeError, "map() takes no keyword arguments"));
    }
    if args.pos.len() < 2 {
        return Err(rt.err(E::TypeError, "map() must have at least two arguments."));
    }
    let mut pos = args.pos.into_iter();
    let func = pos.next().expect("two");
    let mut its = Vec::new();
    for a in pos {
        its.push(rt.get_iter(&a)?);
    }
    Ok(new_iter(Iter::Map { func, its }))
}

fn b_filter(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [func, it] = exact_args(rt, "filter", args)?;
    let inner = rt.get_iter(&it)?;
    Ok(new_iter(Iter::Filter { func, it: inner }))
}

fn b_iter(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() == 2 {
        return Err(rt.refuse("iter(callable, sentinel)"));
    }
    let x = one_arg(rt, "iter", args)?;
    rt.get_iter(&x)
}

fn b_next(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.is_empty() || args.pos.len() > 2 {
        let msg = format!("next expected at least 1 argument, got {}", args.pos.len());
        return Err(rt.err(E::TypeError, &msg));
    }
    let it = args.pos[0].clone();
    if !matches!(it, Value::Iter(_) | Value::Coro(_))
        && !matches!(&it, Value::Instance(i) if i.class.lookup("__next__").is_some())
    {
        let tn = rt.type_name(&it);
        return Err(rt.err(E::TypeError, &format!("'{tn}' object is not an iterator")));
    }
    match rt.next(&it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => {
                let e = rt.new_exc(E::StopIteration, vec![]);
                rt.set_context(&e);
                Err(e)
            }
        },
    }
}

fn b_round(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [x, nd] = bind(
        rt,
        "round",
        args,
        &[Param::req("number"), Param::opt("ndigits", Value::None)],
    )?;
    match &x {
        Value::Float(f) => {
            let nd = if nd.is_none() {
                None
            } else {
                match rt.index_i64(&nd)? {
                    Some(n) => Some(n),
                    None => Some(if Runtime::int_is_negative(&nd) {
                        i64::MIN
                    } else {
                        i64::MAX
                    }),
                }
            };
            match num::float::round(*f, nd) {
                Ok(num::float::RoundResult::Int(i)) => Ok(Value::from_bigint(i)),
                Ok(num::float::RoundResult::Float(f)) => Ok(Value::Float(f)),
                Err(e) => Err(rt.num_error(e)),
            }
        }
        Value::Bool(_) | Value::Int(_) | Value::Long(_) => {
            if nd.is_none() {
                return Ok(Value::from_bigint(x.as_bigint().expect("an int")));
            }
            let n = match rt.index_i64(&nd)? {
                Some(n) => n,
                None => return Err(rt.refuse("round() with a huge ndigits")),
            };
            if n >= 0 {
                return Ok(Value::from_bigint(x.as_bigint().expect("an int")));
            }
            // Round half to even at 10**-n.
            let b = x.as_bigint().expect("an int");
            // Past x's number of decimal digits, 10**-n > 2*|x| and the result is 0 (CPython
            // computes 10**-n first: for ndigits near -2**63 it never finishes). `-n` would
            // overflow at i64::MIN.
            let m = n.unsigned_abs();
            if m > b.bits() / 3 + 2 {
                return Ok(Value::Int(0));
            }
            let p = num_traits::pow(BigInt::from(10), m as usize);
            let (q, r) = num_integer::Integer::div_mod_floor(&b, &p);
            let twice = &r * 2;
            let up = twice > p || (twice == p && num_integer::Integer::is_odd(&q));
            let q = if up { q + 1 } else { q };
            Ok(Value::from_bigint(q * p))
        }
        other => {
            if let Value::Instance(_) = other {
                if let Some(m) = rt.lookup_special(other, "__round__") {
                    let a = if nd.is_none() { vec![] } else { vec![nd] };
                    return rt.call_value(&m, a);
                }
            }
            let tn = rt.type_name(other);
            Err(rt.err(
                E::TypeError,
                &format!("type {tn} doesn't define __round__ method"),
            ))
        }
    }
}

fn b_divmod(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [a, b] = exact_args(rt, "divmod", args)?;
    if let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) {
        let (q, r) = num::int::divmod(&x, &y).map_err(|e| rt.num_error(e))?;
        return Ok(Value::tuple(vec![
            Value::from_bigint(q),
            Value::from_bigint(r),
        ]));
    }
    match (rt.to_f64(&a)?, rt.to_f64(&b)?) {
        (Some(x), Some(y)) => {
            let (q, r) = num::float::divmod(x, y).map_err(|e| rt.num_error(e))?;
            Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]))
        }
        _ => {
            let (ta, tb) = (rt.type_name(&a), rt.type_name(&b));
            let msg = format!("unsupported operand type(s) for divmod(): '{ta}' and '{tb}'");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn b_pow(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [base, exp, m] = bind(
        rt,
        "pow",
        args,
        &[
            Param::req("base"),
            Param::req("exp"),
            Param::opt("mod", Value::None),
        ],
    )?;
    if m.is_none() {
        return rt.binary(super::code::BinOp::Pow, &base, &exp);
    }
    match (base.as_bigint(), exp.as_bigint(), m.as_bigint()) {
        (Some(b), Some(e), Some(md)) => num::int::pow_mod(&b, &e, &md, rt.v.minor())
            .map(Value::from_bigint)
            .map_err(|e| rt.num_error(e)),
        _ => Err(rt.err(
            E::TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        )),
    }
}

fn int_text(rt: &mut Runtime, name: &str, args: Args, radix: u32, prefix: &str) -> PyResult {
    let x = one_arg(rt, name, args)?;
    let Some(b) = x.as_bigint() else {
        let tn = rt.type_name(&x);
        let msg = format!("'{tn}' object cannot be interpreted as an integer");
        return Err(rt.err(E::TypeError, &msg));
    };
    let sign = if b < BigInt::from(0) { "-" } else { "" };
    Ok(Value::str(&format!(
        "{sign}{prefix}{}",
        b.magnitude().to_str_radix(radix)
    )))
}

fn b_hex(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    int_text(rt, "hex", args, 16, "0x")
}

fn b_oct(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    int_text(rt, "oct", args, 8, "0o")
}

fn b_bin(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    int_text(rt, "bin", args, 2, "0b")
}

fn b_chr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "chr", args)?;
    let n = rt.index_i64(&x)?;
    match n
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n < 0x110000)
    {
        Some(n) => match char::from_u32(n) {
            Some(c) => Ok(Value::str(c.encode_utf8(&mut [0; 4]))),
            None => Err(rt.refuse("a lone surrogate character")),
        },
        None => Err(rt.err(E::ValueError, "chr() arg not in range(0x110000)")),
    }
}

fn b_ord(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "ord", args)?;
    match &x {
        Value::Str(s) => {
            let n = s.chars().count();
            if n == 1 {
                Ok(Value::Int(s.chars().next().expect("one") as i64))
            } else {
                let msg = format!("ord() expected a character, but string of length {n} found");
                Err(rt.err(E::TypeError, &msg))
            }
        }
        other => {
            let tn = rt.type_name(other);
            let msg = format!("ord() expected string of length 1, but {tn} found");
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn b_callable(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "callable", args)?;
    Ok(Value::Bool(rt.is_callable(&x)))
}

impl Runtime<'_> {
    /// `callable(x)`.
    pub fn is_callable(&self, x: &Value) -> bool {
        match x {
            Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => true,
            Value::Obj(o) => matches!(&**o, NativeObj::Partial { .. }),
            Value::Instance(i) => i.class.lookup("__call__").is_some(),
            _ => false,
        }
    }
}

fn attr_name(rt: &mut Runtime, v: &Value, func: &str) -> PyResult<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let tn = rt.type_name(other);
            let msg = if rt.v.minor() >= 12 && func != "hasattr" {
                format!("attribute name must be string, not '{tn}'")
            } else {
                format!("{func}(): attribute name must be string")
            };
            Err(rt.err(E::TypeError, &msg))
        }
    }
}

fn b_getattr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() < 2 || args.pos.len() > 3 {
        let msg = format!(
            "getattr expected at least 2 arguments, got {}",
            args.pos.len()
        );
        return Err(rt.err(E::TypeError, &msg));
    }
    let name = attr_name(rt, &args.pos[1], "getattr")?;
    match rt.getattr_opt(&args.pos[0], &name) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match args.pos.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(rt.attribute_error(&args.pos[0], &name)),
        },
        Err(e) if args.pos.len() == 3 && rt.exc_is(&e, E::AttributeError) => {
            Ok(args.pos[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn b_setattr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [o, n, v] = exact_args(rt, "setattr", args)?;
    let name = attr_name(rt, &n, "setattr")?;
    rt.setattr(&o, &name, v)?;
    Ok(Value::None)
}

fn b_delattr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [o, n] = exact_args(rt, "delattr", args)?;
    let name = attr_name(rt, &n, "delattr")?;
    rt.delattr(&o, &name)?;
    Ok(Value::None)
}

fn b_hasattr(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [o, n] = exact_args(rt, "hasattr", args)?;
    let name = attr_name(rt, &n, "hasattr")?;
    match rt.getattr_opt(&o, &name) {
        Ok(Some(_)) => Ok(Value::Bool(true)),
        Ok(None) => {
            if super::cpython_attrs::known(rt, &o, &name).is_some() {
                return Err(rt.refuse(format!("hasattr() of '{name}'")));
            }
            Ok(Value::Bool(false))
        }
        Err(e) if rt.exc_is(&e, E::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn b_format(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let [v, spec] = bind(
        rt,
        "format",
        args,
        &[
            Param::req("value"),
            Param::opt("format_spec", Value::str("")),
        ],
    )?;
    let spec = match &spec {
        Value::Str(s) => s.to_string(),
        other => {
            let tn = rt.type_name(other);
            let msg = format!("format() argument 2 must be str, not {tn}");
            return Err(rt.err(E::TypeError, &msg));
        }
    };
    Ok(Value::str(&rt.format_value(&v, &spec)?))
}

fn b_build_class(rt: &mut Runtime, _: Option<&Value>, _args: Args) -> PyResult {
    Err(rt.refuse("calling __build_class__ directly"))
}

fn b_aiter(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    let x = one_arg(rt, "aiter", args)?;
    rt.get_aiter(&x)
}

fn b_anext(rt: &mut Runtime, _: Option<&Value>, args: Args) -> PyResult {
    if args.pos.len() != 1 {
        return Err(rt.refuse("anext() with a default"));
    }
    let x = args.pos.into_iter().next().expect("one");
    rt.get_anext(&x)
}

/// `BaseException.with_traceback(tb)`: returns the exception.
pub fn exc_with_traceback(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let tb = one_arg(rt, "with_traceback", args)?;
    let this = this.expect("bound").clone();
    match (&tb, &this) {
        (Value::None, Value::Instance(e)) => {
            e.exc_mut().traceback.clear();
            Ok(this)
        }
        (Value::Obj(o), Value::Instance(e)) => match &**o {
            NativeObj::Traceback(src) => {
                let entries = src.exc().traceback.clone();
                e.exc_mut().traceback = entries;
                Ok(this)
            }
            _ => Err(rt.err(E::TypeError, "__traceback__ must be a traceback or None")),
        },
        _ => Err(rt.err(E::TypeError, "__traceback__ must be a traceback or None")),
    }
}

/// `BaseException.add_note(note)` (3.11+).
pub fn exc_add_note(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let note = one_arg(rt, "add_note", args)?;
    let Value::Str(_) = note else {
        let tn = rt.type_name(&note);
        return Err(rt.err(E::TypeError, &format!("note must be a str, not '{tn}'")));
    };
    if let Some(Value::Instance(e)) = this {
        e.exc_mut().notes.push(note);
    }
    Ok(Value::None)
}
