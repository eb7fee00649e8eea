//! Python's builtins and operators as scenarios use them: calls, attributes, `print`,
//! `repr`/`str`, arithmetic, comparisons and iteration.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::exceptions::ExcClass;
use crate::interp::IterState;
use crate::natives::Native;
use crate::rt::*;
use crate::sleep::{SleepCoro, SleepState};
use crate::trace::{Event, Outcome};
use crate::value::*;
use crate::wait::WaitCoro;
use crate::wait_for::{WaitForCoro, WaitForState};

type Kwargs = Vec<(Rc<str>, Value)>;

impl Runtime<'_> {
    fn type_error(&mut self, msg: &str) -> ExcId {
        self.new_exc_msg(ExcClass::TypeError, msg)
    }

    /// Bind positional and keyword arguments to `params` (name, default).
    fn bind(
        &mut self,
        fname: &str,
        params: &[(&str, Option<Value>)],
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Vec<Value>, ExcId> {
        if args.len() > params.len() {
            let msg = format!(
                "{fname}() takes {} positional arguments but {} were given",
                params.len(),
                args.len()
            );
            return Err(self.type_error(&msg));
        }
        let mut out: Vec<Option<Value>> = vec![None; params.len()];
        for (i, a) in args.into_iter().enumerate() {
            out[i] = Some(a);
        }
        for (k, v) in kwargs {
            match params.iter().position(|(n, _)| **n == *k) {
                Some(i) if out[i].is_none() => out[i] = Some(v),
                Some(_) => {
                    let msg = format!("{fname}() got multiple values for argument '{k}'");
                    return Err(self.type_error(&msg));
                }
                None => {
                    let msg = format!("{fname}() got an unexpected keyword argument '{k}'");
                    return Err(self.type_error(&msg));
                }
            }
        }
        let mut vals = Vec::with_capacity(params.len());
        for (i, slot) in out.into_iter().enumerate() {
            match slot.or_else(|| params[i].1.clone()) {
                Some(v) => vals.push(v),
                None => {
                    let msg = format!(
                        "{fname}() missing 1 required positional argument: '{}'",
                        params[i].0
                    );
                    return Err(self.type_error(&msg));
                }
            }
        }
        Ok(vals)
    }

    /// Call `callee(*args, **kwargs)`.
    pub fn call(
        &mut self,
        callee: &Value,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, ExcId> {
        match callee {
            Value::CoroFn(i) => {
                let code = &self.prog.codes[*i];
                let params: Vec<(&str, Option<Value>)> =
                    code.params.iter().map(|p| (p.as_str(), None)).collect();
                let name = code.name.clone();
                let vals = self.bind(&name, &params, args, kwargs)?;
                Ok(Value::Coro(self.new_user_coro(*i, vals)))
            }
            Value::ExcClass(c) => {
                if !kwargs.is_empty() {
                    let msg = format!("{}() takes no keyword arguments", c.name());
                    return Err(self.type_error(&msg));
                }
                Ok(Value::Exc(self.new_exc(*c, args)))
            }
            Value::Builtin(b) => self.call_builtin(*b, args, kwargs),
            Value::Method(f, m) => self.call_method(*f, *m, args, kwargs),
            other => {
                let msg = format!("'{}' object is not callable", other.type_name());
                Err(self.type_error(&msg))
            }
        }
    }

    fn call_builtin(
        &mut self,
        b: Builtin,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, ExcId> {
        match b {
            Builtin::Print => {
                if let Some((k, _)) = kwargs.first() {
                    let msg = format!("'{k}' is an invalid keyword argument for print()");
                    return Err(self.type_error(&msg));
                }
                let parts: Vec<String> = args.iter().map(|a| self.str_of(a)).collect();
                let text = parts.join(" ");
                let ev = Event::Print { t: self.time, text };
                if self.finalizing {
                    self.final_events.push(ev);
                } else {
                    self.events.push(ev);
                }
                Ok(Value::None)
            }
            Builtin::Len => {
                let [x] = self
                    .bind("len", &[("obj", None)], args, kwargs)?
                    .try_into()
                    .expect("one");
                let n = match &x {
                    Value::List(l) | Value::Tuple(l) => l.len(),
                    Value::Str(s) => s.chars().count(),
                    Value::Set(s) => self.sets[s.0].items.len(),
                    other => {
                        let msg = format!("object of type '{}' has no len()", other.type_name());
                        return Err(self.type_error(&msg));
                    }
                };
                Ok(Value::Int(n as i64))
            }
            Builtin::Repr => {
                let [x] = self
                    .bind("repr", &[("obj", None)], args, kwargs)?
                    .try_into()
                    .expect("one");
                Ok(Value::str(&self.repr(&x)))
            }
            Builtin::Str => {
                let [x] = self
                    .bind("str", &[("object", Some(Value::str("")))], args, kwargs)?
                    .try_into()
                    .expect("one");
                Ok(Value::str(&self.str_of(&x)))
            }
            Builtin::IsInstance => {
                let [x, cls] = self
                    .bind(
                        "isinstance",
                        &[("obj", None), ("class_or_tuple", None)],
                        args,
                        kwargs,
                    )?
                    .try_into()
                    .expect("two");
                self.isinstance(&x, &cls).map(Value::Bool)
            }
            Builtin::Range => {
                let ints: Vec<i64> = args
                    .iter()
                    .map(|a| {
                        if let Value::Int(i) = a {
                            Some(*i)
                        } else {
                            None
                        }
                    })
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_default();
                if ints.len() != args.len()
                    || ints.is_empty()
                    || ints.len() > 2
                    || !kwargs.is_empty()
                {
                    return Err(self.type_error("range() takes one or two integers here"));
                }
                let (a, b) = if ints.len() == 1 {
                    (0, ints[0])
                } else {
                    (ints[0], ints[1])
                };
                if b - a > 1_000_000 {
                    return Err(self.type_error("range() too large for the model"));
                }
                Ok(Runtime::list((a..b.max(a)).map(Value::Int).collect()))
            }
            Builtin::List => {
                let [x] = self
                    .bind(
                        "list",
                        &[("iterable", Some(Value::Tuple(Rc::new(vec![]))))],
                        args,
                        kwargs,
                    )?
                    .try_into()
                    .expect("one");
                Ok(Runtime::list(self.iterate(&x)?))
            }
            Builtin::Sleep => {
                let [delay, result] = self
                    .bind(
                        "sleep",
                        &[("delay", None), ("result", Some(Value::None))],
                        args,
                        kwargs,
                    )?
                    .try_into()
                    .expect("two");
                let n = Native::Sleep(SleepCoro {
                    delay,
                    result,
                    state: SleepState::Start,
                });
                Ok(Value::Coro(self.new_native(n, "sleep")))
            }
            Builtin::Gather => {
                let mut rex = false;
                for (k, v) in kwargs {
                    if &*k == "return_exceptions" {
                        rex = self.truthy(&v);
                    } else {
                        let msg = format!("gather() got an unexpected keyword argument '{k}'");
                        return Err(self.type_error(&msg));
                    }
                }
                Ok(Value::Future(self.gather(args, rex)?))
            }
            Builtin::Wait => {
                let [fs, timeout, return_when] = self
                    .bind(
                        "wait",
                        &[
                            ("fs", None),
                            ("timeout", Some(Value::None)),
                            ("return_when", Some(Value::str("ALL_COMPLETED"))),
                        ],
                        args,
                        kwargs,
                    )?
                    .try_into()
                    .expect("three");
                let n = Native::Wait(WaitCoro {
                    fs,
                    timeout,
                    return_when,
                    wait: None,
                    id: 0,
                });
                Ok(Value::Coro(self.new_native(n, "wait")))
            }
            Builtin::WaitFor => {
                let [fut, timeout] = self
                    .bind(
                        "wait_for",
                        &[("fut", None), ("timeout", None)],
                        args,
                        kwargs,
                    )?
                    .try_into()
                    .expect("two");
                let n = Native::WaitFor(WaitForCoro {
                    fut,
                    timeout,
                    state: WaitForState::Start,
                });
                Ok(Value::Coro(self.new_native(n, "wait_for")))
            }
            Builtin::CurrentTask => {
                self.bind("current_task", &[], args, kwargs)?;
                Ok(match self.current_task {
                    Some(t) => Value::Future(t),
                    None => Value::None,
                })
            }
            Builtin::CreateTask | Builtin::EnsureFuture => {
                // `create_task(coro, *, name=None)`: on 3.7, which has no task names, a
                // scenario's `name=` is dropped (as `aiospec export` drops it), not an error.
                // `ensure_future(coro_or_future, *, loop=None)` takes no name.
                let (fname, params): (&str, &[(&str, Option<Value>)]) = match b {
                    Builtin::CreateTask => (
                        "create_task",
                        &[("coro", None), ("name", Some(Value::None))],
                    ),
                    _ => ("ensure_future", &[("coro_or_future", None)]),
                };
                let bound = self.bind(fname, params, args, kwargs)?;
                let mut bound = bound.into_iter();
                let coro = bound.next().expect("one");
                let name = bound.next().unwrap_or(Value::None);
                match (&coro, b) {
                    (Value::Future(f), Builtin::EnsureFuture) => Ok(Value::Future(*f)),
                    (Value::Coro(c), _) => {
                        let name = match name {
                            Value::None => None,
                            n => Some(self.str_of(&n)),
                        };
                        Ok(Value::Future(self.create_task(*c, name)))
                    }
                    (_, Builtin::EnsureFuture) => Err(self
                        .type_error("An asyncio.Future, a coroutine or an awaitable is required")),
                    (other, _) => {
                        let r = self.repr(other);
                        Err(self.type_error(&format!("a coroutine was expected, got {r}")))
                    }
                }
            }
        }
    }

    fn call_method(
        &mut self,
        f: FutId,
        m: Method,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, ExcId> {
        match m {
            Method::Result => {
                self.bind("result", &[], args, kwargs)?;
                self.future_result(f)
            }
            Method::Exception => {
                self.bind("exception", &[], args, kwargs)?;
                Ok(match self.future_exception(f)? {
                    Some(e) => Value::Exc(e),
                    None => Value::None,
                })
            }
            Method::Done => {
                self.bind("done", &[], args, kwargs)?;
                Ok(Value::Bool(self.done(f)))
            }
            Method::Cancelled => {
                self.bind("cancelled", &[], args, kwargs)?;
                Ok(Value::Bool(self.cancelled(f)))
            }
            Method::Cancel => {
                let params: &[(&str, Option<Value>)] = if self.v.has_cancel_message() {
                    &[("msg", Some(Value::None))]
                } else {
                    &[]
                };
                let vals = self.bind("cancel", params, args, kwargs)?;
                let msg = vals
                    .into_iter()
                    .next()
                    .filter(|v| !matches!(v, Value::None));
                Ok(Value::Bool(self.cancel(f, msg)))
            }
            Method::GetName => {
                self.bind("get_name", &[], args, kwargs)?;
                Ok(Value::str(&self.task(f).name.clone()))
            }
            Method::Cancelling => {
                self.bind("cancelling", &[], args, kwargs)?;
                Ok(Value::Int(self.task(f).num_cancels_requested as i64))
            }
            Method::Uncancel => {
                self.bind("uncancel", &[], args, kwargs)?;
                Ok(Value::Int(self.task_uncancel(f) as i64))
            }
        }
    }

    pub fn get_attr(&mut self, obj: &Value, name: &str) -> Result<Value, ExcId> {
        if let Value::Future(f) = obj {
            let is_task = self.is_task(*f);
            let m = match name {
                "result" => Some(Method::Result),
                "exception" => Some(Method::Exception),
                "done" => Some(Method::Done),
                "cancelled" => Some(Method::Cancelled),
                "cancel" => Some(Method::Cancel),
                "get_name" if is_task && self.v.has_task_names() => Some(Method::GetName),
                "cancelling" if is_task && self.v.counts_cancels() => Some(Method::Cancelling),
                "uncancel" if is_task && self.v.counts_cancels() => Some(Method::Uncancel),
                _ => None,
            };
            if let Some(m) = m {
                return Ok(Value::Method(*f, m));
            }
        }
        if let Value::Exc(e) = obj {
            if name == "args" {
                return Ok(Value::Tuple(Rc::new(self.excs[e.0].args.clone())));
            }
        }
        // CPython names the C classes by their module: '_asyncio.Task' (SPEC F5's note).
        let tn = match (obj, self.imp) {
            (Value::Future(f), Impl::C) => match self.futs[f.0].kind {
                FutKind::Task(_) => "_asyncio.Task".to_string(),
                FutKind::Plain => "_asyncio.Future".to_string(),
                FutKind::Gathering(_) => "_GatheringFuture".to_string(),
            },
            _ => self.class_name(obj),
        };
        let msg = format!("'{tn}' object has no attribute '{name}'");
        Err(self.new_exc_msg(ExcClass::AttributeError, &msg))
    }

    pub fn subscript(&mut self, obj: &Value, idx: &Value) -> Result<Value, ExcId> {
        match (obj, idx) {
            (Value::List(l) | Value::Tuple(l), Value::Int(i)) => {
                let n = l.len() as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    let what = if matches!(obj, Value::List(_)) {
                        "list"
                    } else {
                        "tuple"
                    };
                    return Err(self
                        .new_exc_msg(ExcClass::IndexError, &format!("{what} index out of range")));
                }
                Ok(l[j as usize].clone())
            }
            _ => {
                let msg = format!("'{}' object is not subscriptable", obj.type_name());
                Err(self.type_error(&msg))
            }
        }
    }

    /// The items an iteration of `v` produces (a set's order is a choice, SPEC L6).
    pub fn iterate(&mut self, v: &Value) -> Result<Vec<Value>, ExcId> {
        match v {
            Value::List(l) | Value::Tuple(l) => Ok(l.to_vec()),
            Value::Set(s) => Ok(self.set_items(*s)),
            Value::Str(s) => Ok(s.chars().map(|c| Value::str(&c.to_string())).collect()),
            other => {
                let tn = self.class_name(other);
                Err(self.type_error(&format!("'{tn}' object is not iterable")))
            }
        }
    }

    pub fn new_iter(&mut self, items: Vec<Value>) -> usize {
        self.iters.push(IterState { items, pos: 0 });
        self.iters.len() - 1
    }

    pub fn iter_next(&mut self, id: usize) -> Option<Value> {
        let it = &mut self.iters[id];
        let v = it.items.get(it.pos).cloned();
        it.pos += 1;
        v
    }

    pub fn truthy(&self, v: &Value) -> bool {
        match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) | Value::Tuple(l) => !l.is_empty(),
            Value::Set(s) => !self.sets[s.0].items.is_empty(),
            _ => true,
        }
    }

    /// A number for arithmetic with the loop clock; other types raise TypeError as CPython's
    /// comparison or addition would.
    pub fn as_number(&mut self, v: &Value, op: &str) -> Result<f64, ExcId> {
        match v {
            Value::Int(i) => Ok(*i as f64),
            Value::Float(f) => Ok(*f),
            Value::Bool(b) => Ok(*b as i64 as f64),
            other => {
                let tn = self.class_name(other);
                let msg = if op == "+" {
                    format!("unsupported operand type(s) for +: 'float' and '{tn}'")
                } else {
                    format!("'{op}' not supported between instances of '{tn}' and 'int'")
                };
                Err(self.type_error(&msg))
            }
        }
    }

    pub fn neg(&mut self, v: &Value) -> Result<Value, ExcId> {
        match v {
            Value::Int(i) => Ok(Value::Int(-i)),
            Value::Float(f) => Ok(Value::Float(-f)),
            other => {
                let tn = self.class_name(other);
                Err(self.type_error(&format!("bad operand type for unary -: '{tn}'")))
            }
        }
    }

    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Value, ExcId> {
        let sym = match op {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
        };
        let num = |v: &Value| match v {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Bool(b) => Some(*b as i64 as f64),
            _ => Option::None,
        };
        let int = |v: &Value| match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => Option::None,
        };
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                return Ok(Value::str(&format!("{x}{y}")))
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                return Ok(Value::List(Rc::new(v)));
            }
            (BinOp::Mul, Value::Str(s), Value::Int(n))
            | (BinOp::Mul, Value::Int(n), Value::Str(s)) => {
                return Ok(Value::str(&s.repeat((*n).max(0) as usize)));
            }
            _ => {}
        }
        if let (Some(x), Some(y)) = (int(a), int(b)) {
            let zero = || "integer division or modulo by zero";
            return match op {
                BinOp::Add => Ok(Value::Int(x.wrapping_add(y))),
                BinOp::Sub => Ok(Value::Int(x.wrapping_sub(y))),
                BinOp::Mul => Ok(Value::Int(x.wrapping_mul(y))),
                BinOp::Div if y == 0 => {
                    Err(self.new_exc_msg(ExcClass::ZeroDivisionError, "division by zero"))
                }
                BinOp::Div => Ok(Value::Float(x as f64 / y as f64)),
                BinOp::FloorDiv | BinOp::Mod if y == 0 => {
                    let m = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        zero()
                    };
                    let m = if op == BinOp::FloorDiv {
                        "integer division or modulo by zero"
                    } else {
                        m
                    };
                    Err(self.new_exc_msg(ExcClass::ZeroDivisionError, m))
                }
                BinOp::FloorDiv => Ok(Value::Int(
                    x.div_euclid(y)
                        - if (x.rem_euclid(y) != 0) && (y < 0) {
                            1
                        } else {
                            0
                        },
                )),
                BinOp::Mod => {
                    let r = x % y;
                    Ok(Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                        r + y
                    } else {
                        r
                    }))
                }
            };
        }
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return match op {
                BinOp::Add => Ok(Value::Float(x + y)),
                BinOp::Sub => Ok(Value::Float(x - y)),
                BinOp::Mul => Ok(Value::Float(x * y)),
                BinOp::Div | BinOp::FloorDiv | BinOp::Mod if y == 0.0 => {
                    let m = match op {
                        BinOp::Div => "float division by zero",
                        BinOp::FloorDiv => "float floor division by zero",
                        _ => "float modulo",
                    };
                    Err(self.new_exc_msg(ExcClass::ZeroDivisionError, m))
                }
                BinOp::Div => Ok(Value::Float(x / y)),
                BinOp::FloorDiv => Ok(Value::Float((x / y).floor())),
                BinOp::Mod => {
                    let r = x % y;
                    Ok(Value::Float(if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                        r + y
                    } else {
                        r
                    }))
                }
            };
        }
        let (ta, tb) = (self.class_name(a), self.class_name(b));
        Err(self.type_error(&format!(
            "unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"
        )))
    }

    pub fn py_eq(&self, a: &Value, b: &Value) -> bool {
        use Value::*;
        match (a, b) {
            (None, None) => true,
            (Str(x), Str(y)) => x == y,
            (Int(_) | Float(_) | Bool(_), Int(_) | Float(_) | Bool(_)) => {
                let f = |v: &Value| match v {
                    Int(i) => *i as f64,
                    Float(f) => *f,
                    Bool(b) => *b as i64 as f64,
                    _ => unreachable!(),
                };
                f(a) == f(b)
            }
            (List(x), List(y)) | (Tuple(x), Tuple(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| self.py_eq(p, q))
            }
            _ => self.is_same(a, b),
        }
    }

    fn is_same(&self, a: &Value, b: &Value) -> bool {
        use Value::*;
        match (a, b) {
            (None, None) => true,
            (Bool(x), Bool(y)) => x == y,
            (Future(x), Future(y)) => x == y,
            (Coro(x), Coro(y)) => x == y,
            (Exc(x), Exc(y)) => x == y,
            (Set(x), Set(y)) => x == y,
            (ExcClass(x), ExcClass(y)) => x == y,
            (Int(x), Int(y)) => x == y && (-5..=256).contains(x),
            (Str(x), Str(y)) => Rc::ptr_eq(x, y),
            _ => false,
        }
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Result<bool, ExcId> {
        match op {
            CmpOp::Eq => Ok(self.py_eq(a, b)),
            CmpOp::Ne => Ok(!self.py_eq(a, b)),
            CmpOp::Is => Ok(self.is_same(a, b)),
            CmpOp::IsNot => Ok(!self.is_same(a, b)),
            CmpOp::In | CmpOp::NotIn => {
                let items = match b {
                    Value::Set(s) => self.sets[s.0].items.clone(),
                    other => self.iterate(other)?,
                };
                let found = items.iter().any(|x| self.py_eq(a, x));
                Ok(if op == CmpOp::In { found } else { !found })
            }
            _ => {
                let ord = match (a, b) {
                    (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
                    _ => match (self.as_num_opt(a), self.as_num_opt(b)) {
                        (Some(x), Some(y)) => x.partial_cmp(&y),
                        _ => {
                            let sym = match op {
                                CmpOp::Lt => "<",
                                CmpOp::Le => "<=",
                                CmpOp::Gt => ">",
                                _ => ">=",
                            };
                            let (ta, tb) = (self.class_name(a), self.class_name(b));
                            let msg = format!(
                                "'{sym}' not supported between instances of '{ta}' and '{tb}'"
                            );
                            return Err(self.type_error(&msg));
                        }
                    },
                };
                use std::cmp::Ordering::*;
                Ok(match (op, ord) {
                    (_, None) => false,
                    (CmpOp::Lt, Some(o)) => o == Less,
                    (CmpOp::Le, Some(o)) => o != Greater,
                    (CmpOp::Gt, Some(o)) => o == Greater,
                    (_, Some(o)) => o != Less,
                })
            }
        }
    }

    fn as_num_opt(&self, v: &Value) -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }

    fn isinstance(&mut self, x: &Value, cls: &Value) -> Result<bool, ExcId> {
        match cls {
            Value::ExcClass(c) => Ok(matches!(x, Value::Exc(e) if self.exc_is(*e, *c))),
            Value::Tuple(items) => {
                for c in items.iter() {
                    if self.isinstance(x, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error("isinstance() arg 2 must be a type or tuple of types")),
        }
    }

    /// `type(v).__name__`.
    pub fn class_name(&self, v: &Value) -> String {
        match v {
            Value::Future(f) => match self.futs[f.0].kind {
                FutKind::Plain => "Future".into(),
                FutKind::Task(_) => "Task".into(),
                FutKind::Gathering(_) => "_GatheringFuture".into(),
            },
            Value::Exc(e) => self.excs[e.0].class.name().into(),
            other => other.type_name().into(),
        }
    }

    /// `str(v)`.
    pub fn str_of(&self, v: &Value) -> String {
        match v {
            Value::Str(s) => s.to_string(),
            Value::Exc(e) => {
                let exc = &self.excs[e.0];
                match exc.args.len() {
                    0 => String::new(),
                    1 if exc.class == ExcClass::KeyError => self.repr(&exc.args[0]),
                    1 => self.str_of(&exc.args[0]),
                    _ => self.repr(&Value::Tuple(Rc::new(exc.args.clone()))),
                }
            }
            other => self.repr(other),
        }
    }

    /// `repr(v)`. Futures and sets print in a normalised form (CPython's shows addresses and
    /// file paths, which no trace can compare).
    pub fn repr(&self, v: &Value) -> String {
        match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => repr_float(*f),
            Value::Str(s) => repr_str(s),
            Value::List(l) => {
                let items: Vec<String> = l.iter().map(|x| self.repr(x)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Tuple(l) => {
                let items: Vec<String> = l.iter().map(|x| self.repr(x)).collect();
                if items.len() == 1 {
                    format!("({},)", items[0])
                } else {
                    format!("({})", items.join(", "))
                }
            }
            Value::Set(s) => {
                let set = &self.sets[s.0];
                if set.items.is_empty() {
                    return "set()".into();
                }
                let items: Vec<String> = set.items.iter().map(|x| self.repr(x)).collect();
                format!("{{{}}}", items.join(", "))
            }
            Value::Exc(e) => {
                let exc = &self.excs[e.0];
                let args: Vec<String> = exc.args.iter().map(|x| self.repr(x)).collect();
                format!("{}({})", exc.class.name(), args.join(", "))
            }
            Value::ExcClass(c) => format!("<class '{}'>", c.name()),
            Value::Coro(c) => format!("<coroutine object {}>", self.coros[c.0].name),
            Value::Future(f) => format!("<{}>", self.future_repr(*f)),
            Value::CoroFn(i) => format!("<function {}>", self.prog.codes[*i].name),
            Value::Builtin(b) => format!("<built-in function {b:?}>"),
            Value::Method(_, m) => format!("<bound method {m:?}>"),
            Value::Asyncio => "<module 'asyncio'>".into(),
        }
    }

    /// The inside of a future's repr, as CPython writes it without addresses and paths:
    /// `Task finished name='Task-2' coro=<work() done> exception=ValueError()`.
    pub fn future_repr(&self, f: FutId) -> String {
        let fut = &self.futs[f.0];
        let state = match fut.state {
            FutState::Pending => "pending",
            FutState::Cancelled => "cancelled",
            FutState::Finished => "finished",
        };
        let mut s = match &fut.kind {
            FutKind::Task(d) => {
                let coro = &self.coros[d.coro.0];
                let cstate = if coro.status == CoroStatus::Closed {
                    "done"
                } else {
                    "running"
                };
                if self.v.has_task_names() {
                    format!(
                        "Task {state} name='{}' coro=<{}() {cstate}>",
                        d.name, coro.name
                    )
                } else {
                    format!("Task {state} coro=<{}() {cstate}>", coro.name)
                }
            }
            FutKind::Gathering(_) => format!("_GatheringFuture {state}"),
            FutKind::Plain => format!("Future {state}"),
        };
        if fut.state == FutState::Finished {
            match fut.exception {
                Some(e) => s.push_str(&format!(" exception={}", self.repr(&Value::Exc(e)))),
                None => s.push_str(&format!(" result={}", self.repr(&fut.result))),
            }
        }
        s
    }

    /// What a done future holds, for traces.
    pub fn outcome_of(&self, f: FutId) -> Outcome {
        let fut = &self.futs[f.0];
        match (fut.state, fut.exception) {
            (FutState::Cancelled, _) => Outcome::Exception("CancelledError()".into()),
            (_, Some(e)) => Outcome::Exception(self.repr(&Value::Exc(e))),
            (_, None) => Outcome::Result(self.repr(&fut.result)),
        }
    }

    /// `warnings.warn(message, category)`: recorded with the finalisation events (SPEC R7).
    pub fn warn(&mut self, category: &str, message: &str) {
        self.final_events.push(Event::Warning {
            category: category.into(),
            message: message.into(),
        });
    }
}
