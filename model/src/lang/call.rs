//! Calls: functions (argument binding with CPython's messages), bound methods, builtins,
//! classes, and callable objects; making functions from code objects.

use std::rc::Rc;

use super::code::Code;
use super::exceptions::E;
use super::gen::{CoroBody, CoroKind};
use super::interp::Frame;
use super::object::{Args, Function, NativeObj};
use super::value::{Cell, PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `callee(*args)`.
    pub fn call_value(&mut self, callee: &Value, args: Vec<Value>) -> PyResult {
        self.call(callee, Args::new(args))
    }

    /// `callee(*args.pos, **args.kw)`.
    pub fn call(&mut self, callee: &Value, args: Args) -> PyResult {
        match callee {
            Value::Function(f) => self.call_function(f, args),
            Value::Native(n) if n.this.is_none() && is_unbound_method(n) => {
                self.call_unbound(n, args)
            }
            Value::Native(n) => {
                let this = n.this.clone();
                (n.f)(self, this.as_ref(), args)
            }
            Value::Method(m) => {
                let (func, this) = (&m.0, &m.1);
                let mut pos = Vec::with_capacity(args.pos.len() + 1);
                pos.push(this.clone());
                pos.extend(args.pos);
                self.call(func, Args { pos, kw: args.kw })
            }
            Value::Class(c) => self.instantiate(c, args),
            Value::Obj(o) => match &**o {
                NativeObj::Partial { func, args: pa, kw } => {
                    let mut pos = pa.clone();
                    pos.extend(args.pos);
                    let mut kws = kw.clone();
                    for (k, v) in args.kw {
                        match kws.iter_mut().find(|(n, _)| *n == k) {
                            Some(slot) => slot.1 = v,
                            None => kws.push((k, v)),
                        }
                    }
                    self.call(&func.clone(), Args { pos, kw: kws })
                }
                _ => self.call_special(callee, args),
            },
            Value::Instance(_) => self.call_special(callee, args),
            other => {
                let tn = self.type_name(other);
                Err(self.err(E::TypeError, &format!("'{tn}' object is not callable")))
            }
        }
    }

    /// A builtin type's method called through the class (`str.split(s)`): the first argument
    /// is `self`, and must be an instance of the type (CPython's method descriptor checks).
    fn call_unbound(&mut self, n: &super::object::NativeFn, mut args: Args) -> PyResult {
        let owner = n.owner.unwrap_or("object");
        let minor = self.v.minor();
        if args.pos.is_empty() {
            let msg = if minor >= 9 {
                format!("unbound method {owner}.{}() needs an argument", n.name)
            } else {
                format!(
                    "descriptor '{}' of '{owner}' object needs an argument",
                    n.name
                )
            };
            return Err(self.err(E::TypeError, &msg));
        }
        let this = args.pos.remove(0);
        let ok = matches!(
            (owner, &this),
            ("str", Value::Str(_))
                | ("list", Value::List(_))
                | ("tuple", Value::Tuple(_))
                | ("dict", Value::Dict(_))
                | ("set", Value::Set(_))
                | ("frozenset", Value::FrozenSet(_))
                | ("int", Value::Int(_) | Value::Long(_) | Value::Bool(_))
                | ("float", Value::Float(_))
        );
        if !ok {
            if matches!(this, Value::Instance(_)) {
                // Possibly an instance of a subclass of the builtin type.
                return Err(self.refuse(format!(
                    "{owner}.{}() called through the class on an instance of a class the program defined",
                    n.name
                )));
            }
            let tn = self.type_name(&this);
            let msg = if minor >= 8 {
                format!(
                    "descriptor '{}' for '{owner}' objects doesn't apply to a '{tn}' object",
                    n.name
                )
            } else {
                format!(
                    "descriptor '{}' requires a '{owner}' object but received a '{tn}'",
                    n.name
                )
            };
            return Err(self.err(E::TypeError, &msg));
        }
        (n.f)(self, Some(&this), args)
    }

    /// Call an object through its class's `__call__`.
    fn call_special(&mut self, callee: &Value, args: Args) -> PyResult {
        match self.lookup_special(callee, "__call__") {
            Some(m) => self.call(&m, args),
            None => {
                let tn = self.type_name(callee);
                Err(self.err(E::TypeError, &format!("'{tn}' object is not callable")))
            }
        }
    }

    /// Build a function object (`MAKE_FUNCTION`).
    pub fn make_function(
        &mut self,
        code: Rc<Code>,
        f: &Frame,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        closure: Option<Value>,
    ) -> Value {
        let defaults = match defaults {
            Some(Value::Tuple(ref t)) => (**t).clone(),
            _ => Vec::new(),
        };
        let kwdefaults = match kwdefaults {
            Some(Value::Dict(ref d)) => d
                .borrow()
                .items()
                .into_iter()
                .filter_map(|(k, v)| match k {
                    Value::Str(ref s) => Some((s.clone(), v)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let closure: Vec<Cell> = match closure {
            Some(Value::Tuple(ref t)) => t
                .iter()
                .map(|c| match c {
                    Value::Cell(c) => c.clone(),
                    _ => unreachable!("closures hold cells"),
                })
                .collect(),
            _ => Vec::new(),
        };
        Value::Function(Rc::new(Function {
            name: std::cell::RefCell::new(code.name.clone()),
            qualname: std::cell::RefCell::new(code.qualname.clone()),
            code,
            globals: f.globals.clone(),
            defaults,
            kwdefaults,
            closure,
            dict: Default::default(),
            iterable_coroutine: Default::default(),
        }))
    }

    /// Call a function the program defined: bind the arguments, then run it (a plain
    /// function) or make its coroutine or generator object.
    pub fn call_function(&mut self, func: &Rc<Function>, args: Args) -> PyResult {
        let frame = self.bind_arguments(func, args)?;
        let code = func.code.clone();
        if code.is_coroutine || code.is_generator {
            let kind = if code.is_coroutine {
                CoroKind::Coroutine
            } else {
                CoroKind::Generator
            };
            let c = self.push_coro(
                kind,
                CoroBody::User(Box::new(frame)),
                func.qualname(),
                Some(code),
            );
            self.coros[c.0].iterable = func.iterable_coroutine.get();
            return Ok(Value::Coro(c));
        }
        self.run_frame(frame)
    }

    /// The name argument errors use: `__qualname__` from 3.10, `__name__` before.
    fn func_display_name(&self, func: &Function) -> String {
        if self.v.minor() >= 10 {
            func.qualname().to_string()
        } else {
            func.name.borrow().to_string()
        }
    }

    /// Bind call arguments to a new frame for `func`, with CPython's TypeErrors.
    fn bind_arguments(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Frame> {
        let code = &func.code;
        let mut frame = Frame::new(code.clone(), func.globals.clone());
        let nfree = code.freevars.len();
        for (i, c) in func.closure.iter().enumerate().take(nfree) {
            frame.cells[code.cellvars.len() + i] = c.clone();
        }
        let name = self.func_display_name(func);
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let posonly = code.posonlyargcount as usize;
        let mut slots: Vec<Option<Value>> = vec![None; argcount + kwonly];
        let npos = args.pos.len();
        let mut pos = args.pos.into_iter();
        for slot in slots.iter_mut().take(argcount.min(npos)) {
            *slot = pos.next();
        }
        let extra: Vec<Value> = pos.collect();
        let mut varkw = super::dict::Dict::new();
        let mut posonly_as_kw: Vec<Rc<str>> = Vec::new();
        for (k, v) in args.kw {
            let idx = code.varnames[..argcount + kwonly]
                .iter()
                .position(|n| *n == k)
                .filter(|&i| i >= posonly);
            match idx {
                Some(i) => {
                    if slots[i].is_some() {
                        let msg = format!("{name}() got multiple values for argument '{k}'");
                        return Err(self.err(E::TypeError, &msg));
                    }
                    slots[i] = Some(v);
                }
                None if code.varkw => {
                    let hk = super::dict::HashKey::Str(k.clone());
                    varkw.insert(hk, Value::Str(k), v);
                }
                None => {
                    if code.varnames[..posonly].contains(&k) {
                        posonly_as_kw.push(k);
                        continue;
                    }
                    let msg = format!("{name}() got an unexpected keyword argument '{k}'");
                    return Err(self.err(E::TypeError, &msg));
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            let names: Vec<String> = posonly_as_kw.iter().map(|s| s.to_string()).collect();
            let msg = format!(
                "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
                names.join(", ")
            );
            return Err(self.err(E::TypeError, &msg));
        }
        if !extra.is_empty() && !code.varargs {
            let ndefaults = func.defaults.len();
            let given_kwonly = slots[argcount..].iter().filter(|s| s.is_some()).count();
            let takes = if ndefaults > 0 {
                format!("from {} to {argcount}", argcount - ndefaults)
            } else {
                argcount.to_string()
            };
            let plural = if argcount == 1 && ndefaults == 0 {
                ""
            } else {
                "s"
            };
            let given = if given_kwonly > 0 {
                format!(
                    "{npos} positional argument{} (and {given_kwonly} keyword-only argument{}) were",
                    if npos == 1 { "" } else { "s" },
                    if given_kwonly == 1 { "" } else { "s" }
                )
            } else if npos == 1 {
                "1 was".to_string()
            } else {
                format!("{npos} were")
            };
            let msg =
                format!("{name}() takes {takes} positional argument{plural} but {given} given");
            return Err(self.err(E::TypeError, &msg));
        }
        // Defaults for missing positionals, then report what is still missing.
        let ndefaults = func.defaults.len();
        let first_default = argcount - ndefaults;
        let mut missing = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate().take(argcount) {
            if slot.is_none() {
                if i >= first_default {
                    *slot = Some(func.defaults[i - first_default].clone());
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&name, &missing, "positional"));
        }
        let mut missing_kw = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate().skip(argcount).take(kwonly) {
            if slot.is_none() {
                let n = &code.varnames[i];
                match func.kwdefaults.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => *slot = Some(v.clone()),
                    None => missing_kw.push(n.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.missing_args(&name, &missing_kw, "keyword-only"));
        }
        let mut k = 0;
        for s in slots {
            frame.fast[k] = s;
            k += 1;
        }
        if code.varargs {
            frame.fast[k] = Some(Value::tuple(extra));
            k += 1;
        }
        if code.varkw {
            frame.fast[k] = Some(Value::Dict(Rc::new(std::cell::RefCell::new(varkw))));
        }
        for (ci, pi) in &code.cell_params {
            let v = frame.fast[*pi as usize].take();
            *frame.cells[*ci as usize].borrow_mut() = v;
        }
        Ok(frame)
    }

    fn missing_args(&mut self, name: &str, missing: &[Rc<str>], kind: &str) -> super::value::Exc {
        let quoted: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let msg = format!(
            "{name}() missing {} required {kind} argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        );
        self.err(E::TypeError, &msg)
    }
}

/// A method of a builtin type looked up on the type itself (`str.split`), which takes its
/// `self` as the first argument (`dict.fromkeys` is a class method: it takes none).
fn is_unbound_method(n: &super::object::NativeFn) -> bool {
    matches!(
        n.owner,
        Some("str" | "list" | "tuple" | "dict" | "set" | "frozenset" | "int" | "float")
    ) && n.name != "fromkeys"
}
