//! Compile scenario ASTs to a small stack bytecode, so that a coroutine can suspend at any
//! `await` (even inside an expression or a `try`) and resume there, as CPython's frames do.

use std::collections::HashMap;
use std::rc::Rc;

use crate::ast::*;
use crate::value::{Builtin, Value};

#[derive(Clone, Debug)]
pub enum Global {
    CoroFn(usize),
    Builtin(Builtin),
    /// An exception class name, resolved per version at run time (`asyncio.TimeoutError`).
    ExcClass(&'static str),
    Asyncio,
}

#[derive(Clone, Debug)]
pub enum Instr {
    Const(Value),
    Load(usize),
    Store(usize),
    Global(Global),
    Pop,
    Dup,
    Attr(Rc<str>),
    Subscript,
    /// Start an argument list (a list value on the stack).
    NewList,
    /// Append the top of stack to the list below it (`depth` 1), or below an iterator
    /// (`depth` 2, in comprehensions).
    ListAppend(usize),
    /// Extend the list below with the iterable on top (`*args`).
    ListExtend,
    /// Call: stack holds callee, argument list, then one value per keyword name.
    Call(Rc<[Rc<str>]>),
    BuildTuple(usize),
    Unpack(usize),
    Neg,
    Not,
    Binary(BinOp),
    Compare(CmpOp),
    Jump(usize),
    JumpIfFalse(usize),
    /// `and`: jump (keeping the value) if false, else pop it.
    JumpIfFalseKeep(usize),
    /// `or`: jump (keeping the value) if true, else pop it.
    JumpIfTrueKeep(usize),
    GetIter,
    ForIter(usize),
    Await,
    Return,
    /// `raise e` (pops e).
    Raise,
    /// Bare `raise`: re-raise the exception being handled.
    Reraise,
    /// Re-raise the exception on top of the stack (end of a finally or unmatched handlers).
    ReraiseTop,
    SetupExcept(usize),
    SetupFinally(usize),
    PopBlock,
    /// Stack: exc, types -> exc, bool.
    ExcMatch,
    /// Leave an except handler (pop the handled-exception stack).
    PopExcept,
}

#[derive(Clone, Debug)]
pub struct Code {
    pub name: String,
    pub params: Vec<String>,
    pub nlocals: usize,
    pub local_names: Vec<String>,
    pub instrs: Vec<Instr>,
}

/// A compiled scenario: one code object per coroutine function (main included).
#[derive(Clone, Debug)]
pub struct Program {
    pub codes: Vec<Code>,
    pub main: usize,
}

pub const BUILTIN_FUNCS: [(&str, Builtin); 7] = [
    ("print", Builtin::Print),
    ("len", Builtin::Len),
    ("repr", Builtin::Repr),
    ("str", Builtin::Str),
    ("isinstance", Builtin::IsInstance),
    ("range", Builtin::Range),
    ("list", Builtin::List),
];

pub const ASYNCIO_FUNCS: [(&str, Builtin); 7] = [
    ("current_task", Builtin::CurrentTask),
    ("sleep", Builtin::Sleep),
    ("gather", Builtin::Gather),
    ("wait", Builtin::Wait),
    ("wait_for", Builtin::WaitFor),
    ("create_task", Builtin::CreateTask),
    ("ensure_future", Builtin::EnsureFuture),
];

pub const ASYNCIO_EXCS: [&str; 3] = [
    "asyncio.CancelledError",
    "asyncio.TimeoutError",
    "asyncio.InvalidStateError",
];

pub const ASYNCIO_CONSTS: [&str; 3] = ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"];

/// Names assigned anywhere in a function body: its locals (Python's scoping rule).
pub fn collect_locals(params: &[String], body: &[Stmt]) -> Vec<String> {
    fn expr(e: &Expr, out: &mut Vec<String>) {
        match e {
            Expr::ListComp {
                elt,
                var,
                iter,
                cond,
            } => {
                push(out, var);
                expr(elt, out);
                expr(iter, out);
                if let Some(c) = cond {
                    expr(c, out);
                }
            }
            Expr::Call { func, args, kwargs } => {
                expr(func, out);
                for a in args {
                    match a {
                        Arg::Pos(e) | Arg::Star(e) => expr(e, out),
                    }
                }
                for (_, e) in kwargs {
                    expr(e, out);
                }
            }
            Expr::List(items) => {
                for a in items {
                    match a {
                        Arg::Pos(e) | Arg::Star(e) => expr(e, out),
                    }
                }
            }
            Expr::Tuple(items) => items.iter().for_each(|e| expr(e, out)),
            Expr::Attr(e, _) | Expr::Neg(e) | Expr::Not(e) | Expr::Await(e) => expr(e, out),
            Expr::Subscript(a, b)
            | Expr::Binary(_, a, b)
            | Expr::Compare(_, a, b)
            | Expr::And(a, b)
            | Expr::Or(a, b) => {
                expr(a, out);
                expr(b, out);
            }
            Expr::IfElse { cond, then, els } => {
                expr(cond, out);
                expr(then, out);
                expr(els, out);
            }
            Expr::Const(_) | Expr::Name(_) => {}
        }
    }
    fn push(out: &mut Vec<String>, n: &str) {
        if !out.iter().any(|x| x == n) {
            out.push(n.to_string());
        }
    }
    fn stmts(body: &[Stmt], out: &mut Vec<String>) {
        for s in body {
            match s {
                Stmt::Assign(names, e) => {
                    names.iter().for_each(|n| push(out, n));
                    expr(e, out);
                }
                Stmt::Expr(e) | Stmt::Return(Some(e)) | Stmt::Raise(Some(e)) => expr(e, out),
                Stmt::If { cond, then, els } => {
                    expr(cond, out);
                    stmts(then, out);
                    stmts(els, out);
                }
                Stmt::For { var, iter, body } => {
                    push(out, var);
                    expr(iter, out);
                    stmts(body, out);
                }
                Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finally,
                } => {
                    stmts(body, out);
                    for h in handlers {
                        if let Some(n) = &h.name {
                            push(out, n);
                        }
                        if let Some(t) = &h.types {
                            expr(t, out);
                        }
                        stmts(&h.body, out);
                    }
                    stmts(orelse, out);
                    stmts(finally, out);
                }
                Stmt::Return(None) | Stmt::Raise(None) | Stmt::Pass => {}
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for p in params {
        push(&mut out, p);
    }
    stmts(body, &mut out);
    out
}

/// What encloses the statement being compiled, for `return` to unwind through.
enum Ctx {
    Except,
    Finally(Vec<Stmt>),
    Handler,
}

struct Compiler<'a> {
    locals: HashMap<String, usize>,
    coro_names: &'a HashMap<String, usize>,
    code: Vec<Instr>,
    ctx: Vec<Ctx>,
}

impl Compiler<'_> {
    fn emit(&mut self, i: Instr) -> usize {
        self.code.push(i);
        self.code.len() - 1
    }
    fn here(&self) -> usize {
        self.code.len()
    }
    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.code[at] {
            Instr::Jump(t)
            | Instr::JumpIfFalse(t)
            | Instr::JumpIfFalseKeep(t)
            | Instr::JumpIfTrueKeep(t)
            | Instr::ForIter(t)
            | Instr::SetupExcept(t)
            | Instr::SetupFinally(t) => *t = target,
            other => unreachable!("patching {other:?}"),
        }
    }

    fn name(&mut self, n: &str) {
        if let Some(&slot) = self.locals.get(n) {
            self.emit(Instr::Load(slot));
        } else if let Some(&i) = self.coro_names.get(n) {
            self.emit(Instr::Global(Global::CoroFn(i)));
        } else if let Some((_, b)) = BUILTIN_FUNCS.iter().find(|(k, _)| *k == n) {
            self.emit(Instr::Global(Global::Builtin(*b)));
        } else if n == "asyncio" {
            self.emit(Instr::Global(Global::Asyncio));
        } else if let Some(k) = crate::exceptions::ExcClass::BUILTIN_NAMES
            .iter()
            .find(|k| **k == n)
        {
            self.emit(Instr::Global(Global::ExcClass(k)));
        } else {
            // Validation rejects dangling names before compilation.
            unreachable!("unresolved name {n}");
        }
    }

    fn args(&mut self, args: &[Arg]) {
        self.emit(Instr::NewList);
        for a in args {
            match a {
                Arg::Pos(e) => {
                    self.expr(e);
                    self.emit(Instr::ListAppend(1));
                }
                Arg::Star(e) => {
                    self.expr(e);
                    self.emit(Instr::ListExtend);
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Const(c) => {
                let v = match c {
                    Const::None => Value::None,
                    Const::Bool(b) => Value::Bool(*b),
                    Const::Int(i) => Value::Int(*i),
                    Const::Float(f) => Value::Float(*f),
                    Const::Str(s) => Value::str(s),
                };
                self.emit(Instr::Const(v));
            }
            Expr::Name(n) => self.name(n),
            Expr::Attr(obj, attr) if matches!(&**obj, Expr::Name(n) if n == "asyncio" && !self.locals.contains_key("asyncio")) =>
            {
                if let Some((_, b)) = ASYNCIO_FUNCS.iter().find(|(k, _)| k == attr) {
                    self.emit(Instr::Global(Global::Builtin(*b)));
                } else if let Some(k) = ASYNCIO_EXCS.iter().find(|k| k[8..] == **attr) {
                    self.emit(Instr::Global(Global::ExcClass(k)));
                } else {
                    // FIRST_COMPLETED etc. are the strings of the same name in CPython.
                    self.emit(Instr::Const(Value::str(attr)));
                }
            }
            Expr::Attr(obj, attr) => {
                self.expr(obj);
                self.emit(Instr::Attr(Rc::from(attr.as_str())));
            }
            Expr::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
                self.emit(Instr::Subscript);
            }
            Expr::List(items) => self.args(items),
            Expr::Tuple(items) => {
                for i in items {
                    self.expr(i);
                }
                self.emit(Instr::BuildTuple(items.len()));
            }
            Expr::ListComp {
                elt,
                var,
                iter,
                cond,
            } => {
                self.emit(Instr::NewList);
                self.expr(iter);
                self.emit(Instr::GetIter);
                let top = self.here();
                let fi = self.emit(Instr::ForIter(0));
                let slot = self.locals[var.as_str()];
                self.emit(Instr::Store(slot));
                if let Some(c) = cond {
                    self.expr(c);
                    self.emit(Instr::JumpIfFalse(top));
                }
                self.expr(elt);
                self.emit(Instr::ListAppend(2));
                self.emit(Instr::Jump(top));
                let end = self.here();
                self.patch(fi, end);
            }
            Expr::Call { func, args, kwargs } => {
                self.expr(func);
                self.args(args);
                for (_, v) in kwargs {
                    self.expr(v);
                }
                let names: Vec<Rc<str>> =
                    kwargs.iter().map(|(k, _)| Rc::from(k.as_str())).collect();
                self.emit(Instr::Call(names.into()));
            }
            Expr::Neg(x) => {
                self.expr(x);
                self.emit(Instr::Neg);
            }
            Expr::Not(x) => {
                self.expr(x);
                self.emit(Instr::Not);
            }
            Expr::Await(x) => {
                self.expr(x);
                self.emit(Instr::Await);
            }
            Expr::Binary(op, a, b) => {
                self.expr(a);
                self.expr(b);
                self.emit(Instr::Binary(*op));
            }
            Expr::Compare(op, a, b) => {
                self.expr(a);
                self.expr(b);
                self.emit(Instr::Compare(*op));
            }
            Expr::And(a, b) => {
                self.expr(a);
                let j = self.emit(Instr::JumpIfFalseKeep(0));
                self.expr(b);
                let end = self.here();
                self.patch(j, end);
            }
            Expr::Or(a, b) => {
                self.expr(a);
                let j = self.emit(Instr::JumpIfTrueKeep(0));
                self.expr(b);
                let end = self.here();
                self.patch(j, end);
            }
            Expr::IfElse { cond, then, els } => {
                self.expr(cond);
                let jf = self.emit(Instr::JumpIfFalse(0));
                self.expr(then);
                let j = self.emit(Instr::Jump(0));
                let e = self.here();
                self.patch(jf, e);
                self.expr(els);
                let end = self.here();
                self.patch(j, end);
            }
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Pass => {}
            Stmt::Expr(e) => {
                self.expr(e);
                self.emit(Instr::Pop);
            }
            Stmt::Assign(names, e) => {
                self.expr(e);
                if names.len() == 1 {
                    self.emit(Instr::Store(self.locals[names[0].as_str()]));
                } else {
                    self.emit(Instr::Unpack(names.len()));
                    for n in names {
                        self.emit(Instr::Store(self.locals[n.as_str()]));
                    }
                }
            }
            Stmt::Return(e) => {
                match e {
                    Some(e) => self.expr(e),
                    None => {
                        self.emit(Instr::Const(Value::None));
                    }
                }
                // Unwind through enclosing try blocks, running finally bodies (innermost first).
                let finallies: Vec<(usize, Option<Vec<Stmt>>)> = self
                    .ctx
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, c)| match c {
                        Ctx::Except => (i, None),
                        Ctx::Handler => (i, None),
                        Ctx::Finally(b) => (i, Some(b.clone())),
                    })
                    .collect();
                let saved = std::mem::take(&mut self.ctx);
                for (i, fin) in finallies {
                    match &saved[i] {
                        Ctx::Handler => {
                            self.emit(Instr::PopExcept);
                        }
                        Ctx::Except => {
                            self.emit(Instr::PopBlock);
                        }
                        Ctx::Finally(_) => {
                            self.emit(Instr::PopBlock);
                            // The finally body runs with the outer contexts still in force.
                            self.ctx = saved[..i].iter().map(clone_ctx).collect();
                            self.stmts(&fin.expect("finally body"));
                            self.ctx.clear();
                        }
                    }
                }
                self.ctx = saved;
                self.emit(Instr::Return);
            }
            Stmt::Raise(e) => match e {
                Some(e) => {
                    self.expr(e);
                    self.emit(Instr::Raise);
                }
                None => {
                    self.emit(Instr::Reraise);
                }
            },
            Stmt::If { cond, then, els } => {
                self.expr(cond);
                let jf = self.emit(Instr::JumpIfFalse(0));
                self.stmts(then);
                if els.is_empty() {
                    let end = self.here();
                    self.patch(jf, end);
                } else {
                    let j = self.emit(Instr::Jump(0));
                    let e = self.here();
                    self.patch(jf, e);
                    self.stmts(els);
                    let end = self.here();
                    self.patch(j, end);
                }
            }
            Stmt::For { var, iter, body } => {
                self.expr(iter);
                self.emit(Instr::GetIter);
                let top = self.here();
                let fi = self.emit(Instr::ForIter(0));
                self.emit(Instr::Store(self.locals[var.as_str()]));
                self.stmts(body);
                self.emit(Instr::Jump(top));
                let end = self.here();
                self.patch(fi, end);
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finally,
            } => self.try_stmt(body, handlers, orelse, finally),
        }
    }

    fn try_stmt(&mut self, body: &[Stmt], handlers: &[Handler], orelse: &[Stmt], finally: &[Stmt]) {
        let has_finally = !finally.is_empty();
        let setup_finally = if has_finally {
            self.ctx.push(Ctx::Finally(finally.to_vec()));
            Some(self.emit(Instr::SetupFinally(0)))
        } else {
            None
        };
        let mut to_normal_exit = Vec::new();
        if handlers.is_empty() {
            self.stmts(body);
            self.stmts(orelse);
        } else {
            self.ctx.push(Ctx::Except);
            let setup_except = self.emit(Instr::SetupExcept(0));
            self.stmts(body);
            self.emit(Instr::PopBlock);
            self.ctx.pop();
            self.stmts(orelse);
            to_normal_exit.push(self.emit(Instr::Jump(0)));
            // Handlers: the stack holds the exception.
            let h = self.here();
            self.patch(setup_except, h);
            for handler in handlers {
                let mut next = None;
                if let Some(t) = &handler.types {
                    self.expr(t);
                    self.emit(Instr::ExcMatch);
                    next = Some(self.emit(Instr::JumpIfFalse(0)));
                }
                match &handler.name {
                    Some(n) => {
                        self.emit(Instr::Store(self.locals[n.as_str()]));
                    }
                    None => {
                        self.emit(Instr::Pop);
                    }
                }
                self.ctx.push(Ctx::Handler);
                self.stmts(&handler.body);
                self.ctx.pop();
                self.emit(Instr::PopExcept);
                to_normal_exit.push(self.emit(Instr::Jump(0)));
                if let Some(n) = next {
                    let here = self.here();
                    self.patch(n, here);
                }
            }
            self.emit(Instr::ReraiseTop);
        }
        let normal = self.here();
        for j in to_normal_exit {
            self.patch(j, normal);
        }
        if let Some(sf) = setup_finally {
            self.ctx.pop();
            self.emit(Instr::PopBlock);
            self.stmts(finally);
            let j = self.emit(Instr::Jump(0));
            let f = self.here();
            self.patch(sf, f);
            // Exceptional path: the stack holds the exception.
            self.stmts(finally);
            self.emit(Instr::ReraiseTop);
            let end = self.here();
            self.patch(j, end);
        }
    }
}

fn clone_ctx(c: &Ctx) -> Ctx {
    match c {
        Ctx::Except => Ctx::Except,
        Ctx::Handler => Ctx::Handler,
        Ctx::Finally(b) => Ctx::Finally(b.clone()),
    }
}

/// Compile every coroutine definition (validated beforehand).
pub fn compile(defs: &[CoroDef], main: usize) -> Program {
    let coro_names: HashMap<String, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.clone(), i))
        .collect();
    let codes = defs
        .iter()
        .map(|d| {
            let local_names = collect_locals(&d.params, &d.body);
            let locals = local_names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), i))
                .collect();
            let mut c = Compiler {
                locals,
                coro_names: &coro_names,
                code: Vec::new(),
                ctx: Vec::new(),
            };
            c.stmts(&d.body);
            c.emit(Instr::Const(Value::None));
            c.emit(Instr::Return);
            Code {
                name: d.name.clone(),
                params: d.params.clone(),
                nlocals: local_names.len(),
                local_names,
                instrs: c.code,
            }
        })
        .collect();
    Program { codes, main }
}
