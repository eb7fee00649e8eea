//! The evaluator: statements (assignment, `return`, `raise`, `if`, `for`, `try`) and
//! expressions (names, `asyncio.` attributes, calls, `await`, operators, comparisons) of a
//! lowered program, as async Rust.
//!
//! Apart because it is Python's semantics, independent of asyncio: what it meets of asyncio it
//! hands to `interp.rs` (`await`) and `builtins.rs` (calls).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aiospec_impl as imp;
use imp::Raised;

use super::ast::{Arg, BinOp, CmpOp, Const, Expr, Handler, Stmt};
use super::exceptions::ExcClass;
use super::interp::{BoxFut, Flow, Interp, Locals, Me};
use super::value::{
    exc, num, raise, repr, to_exc, truthy, Builtin, CoroObj, NativeCall, Obj, PyExc, R, V,
};
use super::REFERENCE;

impl Interp {
    pub(super) fn exec_block<'a>(
        self: &'a Arc<Self>,
        body: &'a [Stmt],
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            for s in body {
                if let Flow::Return(v) = self.exec_stmt(s, locals, me, handling).await? {
                    return Ok(Flow::Return(v));
                }
            }
            Ok(Flow::Normal)
        })
    }

    pub(super) fn exec_stmt<'a>(
        self: &'a Arc<Self>,
        s: &'a Stmt,
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            match s {
                Stmt::Pass => Ok(Flow::Normal),
                Stmt::Expr(e) => {
                    self.eval(e, locals, me).await?;
                    Ok(Flow::Normal)
                }
                Stmt::Assign(names, e) => {
                    let v = self.eval(e, locals, me).await?;
                    if names.len() == 1 {
                        locals.insert(names[0].clone(), v);
                    } else {
                        let items = self.iterate(&v)?;
                        if items.len() != names.len() {
                            return Err(exc(
                                ExcClass::ValueError,
                                "wrong number of values to unpack",
                            ));
                        }
                        for (n, v) in names.iter().zip(items) {
                            locals.insert(n.clone(), v);
                        }
                    }
                    Ok(Flow::Normal)
                }
                Stmt::Return(e) => {
                    let v = match e {
                        Some(e) => self.eval(e, locals, me).await?,
                        None => V::None,
                    };
                    Ok(Flow::Return(v))
                }
                Stmt::Raise(None) => match handling.last() {
                    Some(r) => Err(r.clone()),
                    None => Err(exc(
                        ExcClass::RuntimeError,
                        "No active exception to reraise",
                    )),
                },
                Stmt::Raise(Some(e)) => {
                    let v = self.eval(e, locals, me).await?;
                    Err(match v {
                        V::Exc(x) => raise((*x).clone()),
                        V::Class(c) => raise(PyExc {
                            class: c,
                            args: vec![],
                        }),
                        _ => exc(
                            ExcClass::TypeError,
                            "exceptions must derive from BaseException",
                        ),
                    })
                }
                Stmt::If { cond, then, els } => {
                    let c = self.eval(cond, locals, me).await?;
                    let branch = if truthy(&c) { then } else { els };
                    self.exec_block(branch, locals, me, handling).await
                }
                Stmt::AsyncWith { ctx, var, body } => {
                    self.exec_async_with(ctx, var, body, locals, me, handling)
                        .await
                }
                Stmt::For { var, iter, body } => {
                    let it = self.eval(iter, locals, me).await?;
                    let items = match &it {
                        // Before 3.13, `_wait_for_one()` coroutines, one per distinct future.
                        V::Obj(Obj::AsCompleted(ac)) => (0..self.as_completed_len(ac))
                            .map(|_| V::Native(Arc::new(NativeCall::AsCompletedNext(ac.clone()))))
                            .collect(),
                        _ => self.iterate(&it)?,
                    };
                    for item in items {
                        locals.insert(var.clone(), item);
                        if let Flow::Return(v) = self.exec_block(body, locals, me, handling).await?
                        {
                            return Ok(Flow::Return(v));
                        }
                    }
                    Ok(Flow::Normal)
                }
                Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finally,
                } => {
                    // Code a GeneratorExit at an await of the body would run (see `Me`).
                    let exits = !finally.is_empty() as usize
                        + handlers.iter().any(|h| catches_generator_exit(&h.types)) as usize;
                    me.cleanups.fetch_add(exits, Ordering::SeqCst);
                    let r = self
                        .exec_try(body, handlers, orelse, locals, me, handling)
                        .await;
                    me.cleanups.fetch_sub(exits, Ordering::SeqCst);
                    if !finally.is_empty() {
                        match self.exec_block(finally, locals, me, handling).await {
                            Ok(Flow::Normal) => {}
                            other => return other,
                        }
                    }
                    r
                }
            }
        })
    }

    /// A `try` statement but its `finally`.
    fn exec_try<'a>(
        self: &'a Arc<Self>,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        locals: &'a mut Locals,
        me: &'a Me,
        handling: &'a mut Vec<Raised<PyExc>>,
    ) -> BoxFut<'a, R<Flow>> {
        Box::pin(async move {
            let mut r = self.exec_block(body, locals, me, handling).await;
            if let Err(raised) = &r {
                let e = to_exc(raised);
                let mut matched = None;
                for h in handlers {
                    let ok = match &h.types {
                        None => true,
                        Some(t) => {
                            let tv = self.eval(t, locals, me).await?;
                            self.matches(&e, &tv)?
                        }
                    };
                    if ok {
                        matched = Some(h);
                        break;
                    }
                }
                if let Some(h) = matched {
                    if let Some(n) = &h.name {
                        locals.insert(n.clone(), V::Exc(Arc::new(e)));
                    }
                    handling.push(raised.clone());
                    r = self.exec_block(&h.body, locals, me, handling).await;
                    handling.pop();
                }
            } else if !orelse.is_empty() {
                r = self.exec_block(orelse, locals, me, handling).await;
            }
            r
        })
    }

    pub(super) fn matches(&self, e: &PyExc, types: &V) -> R<bool> {
        match types {
            V::Class(c) => Ok(e.class.is_subclass(*c, REFERENCE)),
            V::Tuple(items) => {
                for t in items.iter() {
                    if self.matches(e, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(exc(
                ExcClass::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    pub(super) fn iterate(&self, v: &V) -> R<Vec<V>> {
        match v {
            V::List(l) | V::Tuple(l) | V::Set(l) => Ok(l.to_vec()),
            other => Err(exc(
                ExcClass::TypeError,
                &format!("'{}' object is not iterable", repr(other)),
            )),
        }
    }

    pub(super) fn eval<'a>(
        self: &'a Arc<Self>,
        e: &'a Expr,
        locals: &'a mut Locals,
        me: &'a Me,
    ) -> BoxFut<'a, R<V>> {
        Box::pin(async move {
            match e {
                Expr::Const(c) => Ok(match c {
                    Const::None => V::None,
                    Const::Bool(b) => V::Bool(*b),
                    Const::Int(i) => V::Int(*i),
                    Const::Float(f) => V::Float(*f),
                    Const::Str(s) => V::Str(Arc::from(s.as_str())),
                }),
                Expr::Name(n) => self.name(n, locals),
                Expr::Attr(obj, attr) if matches!(&**obj, Expr::Name(n) if n == "asyncio" && !locals.contains_key("asyncio")) => {
                    Ok(match attr.as_str() {
                        "sleep" => V::Builtin(Builtin::Sleep),
                        "gather" => V::Builtin(Builtin::Gather),
                        "wait" => V::Builtin(Builtin::Wait),
                        "wait_for" => V::Builtin(Builtin::WaitFor),
                        "create_task" | "ensure_future" => V::Builtin(Builtin::CreateTask),
                        "current_task" => V::Builtin(Builtin::CurrentTask),
                        "CancelledError" => V::Class(ExcClass::CancelledError),
                        "TimeoutError" => V::Class(ExcClass::TimeoutError),
                        "InvalidStateError" => V::Class(ExcClass::InvalidStateError),
                        "TaskGroup" => V::Builtin(Builtin::TaskGroup),
                        "timeout" => V::Builtin(Builtin::Timeout),
                        "timeout_at" => V::Builtin(Builtin::TimeoutAt),
                        "shield" => V::Builtin(Builtin::Shield),
                        "as_completed" => V::Builtin(Builtin::AsCompleted),
                        "get_running_loop" => V::Builtin(Builtin::GetRunningLoop),
                        c @ ("FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED") => {
                            V::Str(Arc::from(c))
                        }
                        other => return Err(self.unsupported(&format!("asyncio.{other}"))),
                    })
                }
                Expr::Attr(obj, attr) => {
                    let o = self.eval(obj, locals, me).await?;
                    match o {
                        V::Fut(f) => {
                            let m: &'static str = match attr.as_str() {
                                "result" => "result",
                                "exception" => "exception",
                                "done" => "done",
                                "cancelled" => "cancelled",
                                "cancel" => "cancel",
                                _ => {
                                    return Err(
                                        self.unsupported(&format!("future attribute {attr}"))
                                    )
                                }
                            };
                            Ok(V::Method(f, m))
                        }
                        V::Exc(x) if attr == "args" => Ok(V::Tuple(Arc::new(x.args.clone()))),
                        V::Obj(o) => self.obj_attr(o, attr),
                        // Any other attribute (an exception's `__context__`, ...) is outside
                        // what this backend runs: the program is skipped, never given an
                        // AttributeError CPython would not raise.
                        _ => Err(self.unsupported(&format!("attribute {attr}"))),
                    }
                }
                Expr::Subscript(a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    match (&a, &b) {
                        (V::List(l) | V::Tuple(l), V::Int(i)) => {
                            let n = l.len() as i64;
                            let j = if *i < 0 { i + n } else { *i };
                            l.get(j as usize)
                                .cloned()
                                .ok_or_else(|| exc(ExcClass::IndexError, "list index out of range"))
                        }
                        _ => Err(exc(ExcClass::TypeError, "object is not subscriptable")),
                    }
                }
                Expr::List(items) => Ok(V::List(Arc::new(self.args(items, locals, me).await?))),
                Expr::Tuple(items) => {
                    let mut out = Vec::new();
                    for i in items {
                        out.push(self.eval(i, locals, me).await?);
                    }
                    Ok(V::Tuple(Arc::new(out)))
                }
                Expr::ListComp {
                    elt,
                    var,
                    iter,
                    cond,
                } => {
                    let it = self.eval(iter, locals, me).await?;
                    let mut out = Vec::new();
                    for item in self.iterate(&it)? {
                        locals.insert(var.clone(), item);
                        if let Some(c) = cond {
                            if !truthy(&self.eval(c, locals, me).await?) {
                                continue;
                            }
                        }
                        out.push(self.eval(elt, locals, me).await?);
                    }
                    Ok(V::List(Arc::new(out)))
                }
                Expr::Call { func, args, kwargs } => {
                    let f = self.eval(func, locals, me).await?;
                    let a = self.args(args, locals, me).await?;
                    let mut kw = Vec::new();
                    for (k, v) in kwargs {
                        kw.push((k.clone(), self.eval(v, locals, me).await?));
                    }
                    self.call(f, a, kw, me)
                }
                Expr::Await(x) => {
                    let v = self.eval(x, locals, me).await?;
                    self.await_value(v, me).await
                }
                Expr::Neg(x) => match self.eval(x, locals, me).await? {
                    V::Int(i) => Ok(V::Int(-i)),
                    V::Float(f) => Ok(V::Float(-f)),
                    _ => Err(exc(ExcClass::TypeError, "bad operand type for unary -")),
                },
                Expr::Not(x) => Ok(V::Bool(!truthy(&self.eval(x, locals, me).await?))),
                Expr::And(a, b) => {
                    let l = self.eval(a, locals, me).await?;
                    if !truthy(&l) {
                        return Ok(l);
                    }
                    self.eval(b, locals, me).await
                }
                Expr::Or(a, b) => {
                    let l = self.eval(a, locals, me).await?;
                    if truthy(&l) {
                        return Ok(l);
                    }
                    self.eval(b, locals, me).await
                }
                Expr::IfElse { cond, then, els } => {
                    if truthy(&self.eval(cond, locals, me).await?) {
                        self.eval(then, locals, me).await
                    } else {
                        self.eval(els, locals, me).await
                    }
                }
                Expr::Binary(op, a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    self.binary(*op, &a, &b)
                }
                Expr::Compare(op, a, b) => {
                    let a = self.eval(a, locals, me).await?;
                    let b = self.eval(b, locals, me).await?;
                    self.compare(*op, &a, &b).map(V::Bool)
                }
            }
        })
    }

    pub(super) fn name(&self, n: &str, locals: &Locals) -> R<V> {
        if let Some(v) = locals.get(n) {
            return Ok(v.clone());
        }
        if let Some(i) = self.defs.iter().position(|d| d.name == n) {
            return Ok(V::Func(i));
        }
        let b = match n {
            "print" => Builtin::Print,
            "len" => Builtin::Len,
            "repr" => Builtin::Repr,
            "str" => Builtin::Str,
            "isinstance" => Builtin::IsInstance,
            "range" => Builtin::Range,
            "list" => Builtin::List,
            _ => {
                if let Some(c) = ExcClass::from_name(n, REFERENCE) {
                    return Ok(V::Class(c));
                }
                // A builtin the backend does not implement is unsupported, not undefined.
                if aiospec_model::lang::names::is_cpython_builtin(n, REFERENCE) {
                    return Err(self.unsupported(&format!("the builtin '{n}'")));
                }
                return Err(exc(
                    ExcClass::NameError,
                    &format!("name '{n}' is not defined"),
                ));
            }
        };
        Ok(V::Builtin(b))
    }

    pub(super) fn args<'a>(
        self: &'a Arc<Self>,
        items: &'a [Arg],
        locals: &'a mut Locals,
        me: &'a Me,
    ) -> BoxFut<'a, R<Vec<V>>> {
        Box::pin(async move {
            let mut out = Vec::new();
            for a in items {
                match a {
                    Arg::Pos(e) => out.push(self.eval(e, locals, me).await?),
                    Arg::Star(e) => {
                        let v = self.eval(e, locals, me).await?;
                        out.extend(self.iterate(&v)?);
                    }
                }
            }
            Ok(out)
        })
    }

    pub(super) fn binary(&self, op: BinOp, a: &V, b: &V) -> R<V> {
        if let (V::Int(x), V::Int(y)) = (a, b) {
            return match op {
                BinOp::Add => Ok(V::Int(x + y)),
                BinOp::Sub => Ok(V::Int(x - y)),
                BinOp::Mul => Ok(V::Int(x * y)),
                BinOp::Mod if *y != 0 => Ok(V::Int(
                    x.rem_euclid(*y)
                        + if *y < 0 && x.rem_euclid(*y) != 0 {
                            *y
                        } else {
                            0
                        },
                )),
                BinOp::FloorDiv if *y != 0 => Ok(V::Int(x.div_euclid(*y))),
                BinOp::Div if *y != 0 => Ok(V::Float(*x as f64 / *y as f64)),
                _ => Err(exc(ExcClass::ZeroDivisionError, "division by zero")),
            };
        }
        if let (V::Str(x), V::Str(y), BinOp::Add) = (a, b, op) {
            return Ok(V::Str(Arc::from(format!("{x}{y}").as_str())));
        }
        match (num(a), num(b)) {
            (Some(x), Some(y)) => Ok(V::Float(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div => x / y,
                _ => return Err(self.unsupported("float // and %")),
            })),
            _ => Err(exc(ExcClass::TypeError, "unsupported operand types")),
        }
    }

    pub(super) fn compare(&self, op: CmpOp, a: &V, b: &V) -> R<bool> {
        let eq = |a: &V, b: &V| match (a, b) {
            (V::Str(x), V::Str(y)) => x == y,
            (V::None, V::None) => true,
            (V::Bool(x), V::Bool(y)) => x == y,
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        };
        match op {
            CmpOp::Eq => Ok(eq(a, b)),
            CmpOp::Ne => Ok(!eq(a, b)),
            CmpOp::Is => {
                Ok(matches!((a, b), (V::None, V::None)) || eq(a, b) && matches!(a, V::Bool(_)))
            }
            CmpOp::IsNot => {
                Ok(!(matches!((a, b), (V::None, V::None)) || eq(a, b) && matches!(a, V::Bool(_))))
            }
            CmpOp::In | CmpOp::NotIn => Err(self.unsupported("in")),
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => Ok(match op {
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Gt => x > y,
                    _ => x >= y,
                }),
                _ => Err(exc(ExcClass::TypeError, "'<' not supported")),
            },
        }
    }

    pub(super) fn call(
        self: &Arc<Self>,
        f: V,
        args: Vec<V>,
        kwargs: Vec<(String, V)>,
        me: &Me,
    ) -> R<V> {
        let kw = |name: &str| {
            kwargs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        match f {
            V::Func(i) => {
                let d = &self.defs[i];
                if args.len() != d.params.len() || !kwargs.is_empty() {
                    return Err(exc(ExcClass::TypeError, "wrong number of arguments"));
                }
                let label = format!(
                    "{}({})",
                    d.name,
                    args.iter().map(repr).collect::<Vec<_>>().join(", ")
                );
                let c = Arc::new(CoroObj {
                    def: i,
                    args,
                    started: AtomicBool::new(false),
                    label,
                });
                self.coros.lock().unwrap().push(c.clone());
                Ok(V::Coro(c))
            }
            V::Class(c) => Ok(V::Exc(Arc::new(PyExc { class: c, args }))),
            V::Builtin(b) => self.call_builtin(b, args, kw, me),
            V::Method(fr, m) => self.call_method(fr, m, args),
            V::ObjMethod(o, m) => self.call_obj_method(o, m, args),
            _ => Err(exc(ExcClass::TypeError, "object is not callable")),
        }
    }
}

/// Does an `except` clause of these types catch the GeneratorExit that closes a coroutine?
fn catches_generator_exit(types: &Option<Expr>) -> bool {
    match types {
        None => true,
        Some(Expr::Name(n)) => n == "BaseException" || n == "GeneratorExit",
        Some(Expr::Tuple(items)) => items
            .iter()
            .any(|t| catches_generator_exit(&Some(t.clone()))),
        Some(_) => false,
    }
}
