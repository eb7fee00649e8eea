//! `BaseExceptionGroup` and `ExceptionGroup` (3.11+, PEP 654; SPEC EG1): construction with CPython's
//! checks and its choice of class, `message`, `exceptions`, `str()`, and `split`,
//! `subgroup` and `derive` (`Objects/exceptions.c`). Their tracebacks are drawn in
//! `traceback.rs`; `except*` is refused by the compiler.

use std::rc::Rc;

use super::exceptions::E;
use super::object::{Args, Class, NativeFn, NativeImpl};
use super::value::{Exc, PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// Is `e` an exception group?
    pub fn is_group(&self, e: &Exc) -> bool {
        self.v.minor() >= 11 && self.exc_is(e, E::BaseExceptionGroup)
    }

    /// A group's members (`eg.exceptions`).
    pub fn group_members(&self, e: &Exc) -> Vec<Exc> {
        let args = e.args();
        match args.get(1) {
            Some(Value::List(l)) => l
                .borrow()
                .iter()
                .filter_map(|v| v.as_exc().cloned())
                .collect(),
            Some(Value::Tuple(t)) => t.iter().filter_map(|v| v.as_exc().cloned()).collect(),
            _ => Vec::new(),
        }
    }

    /// `BaseExceptionGroup.__new__(cls, message, exceptions)`: the checks and the class the
    /// instance gets (a BaseExceptionGroup of Exceptions only is an ExceptionGroup).
    pub fn exception_group_class(&mut self, cls: &Rc<Class>, args: &Args) -> PyResult<Rc<Class>> {
        if args.pos.len() != 2 || !args.kw.is_empty() {
            let msg = format!(
                "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                args.pos.len()
            );
            return Err(self.err(E::TypeError, &msg));
        }
        if !matches!(args.pos[0], Value::Str(_)) {
            let tn = self.type_name(&args.pos[0]);
            let msg = format!("BaseExceptionGroup.__new__() argument 1 must be str, not {tn}");
            return Err(self.err(E::TypeError, &msg));
        }
        let items: Vec<Value> = match &args.pos[1] {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => (**t).clone(),
            Value::Instance(_) => {
                return Err(self.refuse("an exception group of a user-defined sequence"))
            }
            _ => {
                return Err(self.err(
                    E::TypeError,
                    "second argument (exceptions) must be a sequence",
                ))
            }
        };
        if items.is_empty() {
            return Err(self.err(
                E::ValueError,
                "second argument (exceptions) must be a non-empty sequence",
            ));
        }
        let mut all_exceptions = true;
        for (i, item) in items.iter().enumerate() {
            match item.as_exc() {
                Some(e) => all_exceptions &= self.exc_is(e, E::Exception),
                None => {
                    let msg =
                        format!("Item {i} of second argument (exceptions) is not an exception");
                    return Err(self.err(E::ValueError, &msg));
                }
            }
        }
        let base = self.exc_class(E::BaseExceptionGroup);
        let exception = self.exc_class(E::Exception);
        if Rc::ptr_eq(cls, &base) {
            if all_exceptions {
                return Ok(self.exc_class(E::ExceptionGroup));
            }
        } else if cls.is_subclass(&exception) && !all_exceptions {
            if Rc::ptr_eq(cls, &self.exc_class(E::ExceptionGroup)) {
                return Err(self.err(
                    E::TypeError,
                    "Cannot nest BaseExceptions in an ExceptionGroup",
                ));
            }
            let msg = format!("Cannot nest BaseExceptions in '{}'", cls.name);
            return Err(self.err(E::TypeError, &msg));
        }
        Ok(cls.clone())
    }

    /// `str(eg)`: `message (n sub-exceptions)`.
    pub fn group_str(&mut self, e: &Exc) -> PyResult<String> {
        let msg = match e.args().first() {
            Some(m) => self.str_of(m)?,
            None => String::new(),
        };
        let n = self.group_members(e).len();
        Ok(format!(
            "{msg} ({n} sub-exception{})",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// The attributes a group adds: `message`, `exceptions` and its methods.
    pub fn group_attr(&mut self, e: &Exc, obj: &Value, name: &str) -> Option<Value> {
        let f: NativeImpl = match name {
            "message" => return e.args().first().cloned(),
            "exceptions" => {
                return Some(Value::tuple(
                    self.group_members(e)
                        .into_iter()
                        .map(Value::Instance)
                        .collect(),
                ))
            }
            "split" => eg_split,
            "subgroup" => eg_subgroup,
            "derive" => eg_derive,
            _ => return None,
        };
        let n: &'static str = match name {
            "split" => "split",
            "subgroup" => "subgroup",
            _ => "derive",
        };
        Some(Value::Native(Rc::new(NativeFn {
            name: n,
            owner: Some("BaseExceptionGroup"),
            this: Some(obj.clone()),
            f,
        })))
    }

    /// `eg.derive(excs)`: a group of the same kind (the class `BaseExceptionGroup(...)`
    /// picks) with the same message.
    pub fn group_derive(&mut self, e: &Exc, excs: Vec<Exc>) -> PyResult<Exc> {
        let msg = e.args().first().cloned().unwrap_or(Value::None);
        let base = self.exc_class(E::BaseExceptionGroup);
        let list = Value::list(excs.into_iter().map(Value::Instance).collect());
        let args = Args::new(vec![msg, list]);
        let cls = self.exception_group_class(&base, &args)?;
        Ok(self.new_exc_of(cls, args.pos))
    }

    /// `exceptiongroup_split_recursive`: (matched, rest) of `e` under `cond`.
    fn group_split(
        &mut self,
        e: &Exc,
        cond: &Value,
        rest_too: bool,
    ) -> PyResult<(Option<Exc>, Option<Exc>)> {
        if self.split_matches(e, cond)? {
            return Ok((Some(e.clone()), None));
        }
        if !self.is_group(e) {
            return Ok((None, Some(e.clone())));
        }
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for m in self.group_members(e) {
            let (a, b) = self.group_split(&m, cond, rest_too)?;
            matched.extend(a);
            if rest_too {
                rest.extend(b);
            }
        }
        let matched = if matched.is_empty() {
            None
        } else {
            Some(self.group_subset(e, matched)?)
        };
        let rest = if rest.is_empty() || !rest_too {
            None
        } else {
            Some(self.group_subset(e, rest)?)
        };
        Ok((matched, rest))
    }

    /// `exceptiongroup_subset`: `derive` plus the original's traceback, cause, context and
    /// notes.
    fn group_subset(&mut self, e: &Exc, excs: Vec<Exc>) -> PyResult<Exc> {
        let new = self.group_derive(e, excs)?;
        {
            let src = e.exc();
            let mut dst = new.exc_mut();
            dst.traceback = src.traceback.clone();
            dst.cause = src.cause.clone();
            dst.context = src.context.clone();
            dst.suppress_context = src.suppress_context;
            dst.notes = src.notes.clone();
        }
        Ok(new)
    }

    /// The condition of `split`/`subgroup`: an exception type, a tuple of them, or a
    /// predicate.
    fn split_matches(&mut self, e: &Exc, cond: &Value) -> PyResult<bool> {
        match cond {
            Value::Class(c) if c.is_exception => Ok(e.class.is_subclass(c)),
            Value::Tuple(t)
                if t.iter()
                    .all(|x| matches!(x, Value::Class(c) if c.is_exception)) =>
            {
                self.exc_matches(e, cond)
            }
            f if self.is_callable(f) && !matches!(f, Value::Class(_)) => {
                let r = self.call_value(f, vec![Value::Instance(e.clone())])?;
                self.truthy(&r)
            }
            _ => Err(self.err(
                E::TypeError,
                "expected a function, exception type or tuple of exception types",
            )),
        }
    }
}

fn this_group(this: Option<&Value>) -> Exc {
    match this {
        Some(Value::Instance(i)) => i.clone(),
        _ => unreachable!("a group method"),
    }
}

fn eg_split(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [cond] = crate::lang::args::bind(
        rt,
        "split",
        args,
        &[crate::lang::args::Param::pos("matcher_value")],
    )?;
    let (a, b) = rt.group_split(&this_group(this), &cond, true)?;
    let v = |x: Option<Exc>| x.map_or(Value::None, Value::Instance);
    Ok(Value::tuple(vec![v(a), v(b)]))
}

fn eg_subgroup(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [cond] = crate::lang::args::bind(
        rt,
        "subgroup",
        args,
        &[crate::lang::args::Param::pos("matcher_value")],
    )?;
    let (a, _) = rt.group_split(&this_group(this), &cond, false)?;
    Ok(a.map_or(Value::None, Value::Instance))
}

fn eg_derive(rt: &mut Runtime, this: Option<&Value>, args: Args) -> PyResult {
    let [excs] =
        crate::lang::args::bind(rt, "derive", args, &[crate::lang::args::Param::pos("excs")])?;
    let items: Vec<Value> = match &excs {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => (**t).clone(),
        _ => return Err(rt.refuse("derive() of something other than a list or tuple")),
    };
    let msg = this_group(this)
        .args()
        .first()
        .cloned()
        .unwrap_or(Value::None);
    let base = rt.exc_class(E::BaseExceptionGroup);
    let a = Args::new(vec![msg, Value::list(items)]);
    let cls = rt.exception_group_class(&base, &a)?;
    Ok(Value::Instance(rt.new_exc_of(cls, a.pos)))
}
