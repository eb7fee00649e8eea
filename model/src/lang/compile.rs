//! The compiler: ruff's syntax tree to code objects (`code.rs`), statement by statement.
//! Expressions are in `compile_expr.rs`.
//!
//! It follows CPython's compiler where the difference is observable: the order in which
//! operands are evaluated, `finally` bodies duplicated on `return`/`break`/`continue` paths,
//! the implicit deletion of `except ... as name`, comprehensions as functions of their own.
//! Constructs the model does not implement are refused here, with their place (SPEC M1).

use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::code::*;
use super::front::LoadError;
use super::names;
use super::source::{SourceFile, Span};
use super::symtable::{self, Resolved, ScopeKind, SymTable};
use super::value::Value;
use crate::version::PyVersion;

/// What encloses the code being compiled, for `return`, `break` and `continue` to unwind.
#[derive(Clone)]
pub(super) enum FBlock {
    /// A loop; `iter` when a `for` keeps its iterator on the stack.
    Loop {
        continue_to: u32,
        breaks: Rc<std::cell::RefCell<Vec<usize>>>,
        iter: bool,
    },
    TryExcept,
    /// Inside `try` of a try/finally: unwinding runs the finally body.
    TryFinally(Rc<Vec<Stmt>>),
    /// Inside a finally body entered by an exception (the exception is on the stack).
    FinallyEnd,
    /// Inside a `with` body (`__exit__` on the stack).
    With {
        is_async: bool,
    },
    /// Inside an except handler (the exception on the stack); `name` for `as name`, whose
    /// cleanup block is also set up.
    Handler {
        name: Option<Rc<str>>,
    },
}

pub struct Compiler<'a> {
    pub(super) src: &'a Rc<SourceFile>,
    pub(super) st: &'a SymTable,
    pub(super) v: PyVersion,
    pub(super) scope: usize,
    pub(super) instrs: Vec<Instr>,
    pub(super) spans: Vec<Span>,
    pub(super) span: Span,
    /// 3.7's line number bookkeeping (`c->u->u_lineno`): set at each statement, raised by
    /// each expression that starts on a later line, never lowered within a statement.
    pub(super) line37: u32,
    pub(super) lines37: Vec<u32>,
    pub(super) fblocks: Vec<FBlock>,
    pub(super) varnames: Vec<Rc<str>>,
    pub(super) cellvars: Vec<Rc<str>>,
    pub(super) freevars: Vec<Rc<str>>,
    pub(super) qualname: String,
    /// Names the module binds anywhere (a global that is not one of these is a builtin or a
    /// NameError), and its `__future__` imports.
    pub(super) module: &'a names::ModuleInfo,
    /// Static nesting of loops and try/with blocks (CPython's "too many statically nested
    /// blocks" on 3.12 and earlier).
    pub(super) static_blocks: usize,
}

/// Blocks nested deeper than this are refused (CPython <= 3.12 stops at 20, counting some
/// statements twice).
pub const MAX_STATIC_BLOCKS: usize = 10;

pub type CResult<T = ()> = Result<T, LoadError>;

impl<'a> Compiler<'a> {
    pub(super) fn emit(&mut self, i: Instr) -> usize {
        self.instrs.push(i);
        self.spans.push(self.span);
        if self.v.minor() == 7 {
            self.lines37.push(self.line37);
        }
        self.instrs.len() - 1
    }

    pub(super) fn emit_at(&mut self, i: Instr, at: impl Ranged) -> usize {
        let saved = self.span;
        self.span = at.range().into();
        let n = self.emit(i);
        self.span = saved;
        n
    }

    pub(super) fn here(&self) -> u32 {
        self.instrs.len() as u32
    }

    pub(super) fn patch(&mut self, at: usize, target: u32) {
        match &mut self.instrs[at] {
            Instr::Jump(t)
            | Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t)
            | Instr::SetupExcept(t)
            | Instr::SetupFinally(t)
            | Instr::SetupWith(t) => *t = target,
            other => unreachable!("patching {other:?}"),
        }
    }

    pub(super) fn unsupported(&self, at: impl Ranged, what: impl Into<String>) -> LoadError {
        LoadError::unsupported(self.src, at.range().start().to_u32(), what)
    }

    pub(super) fn syntax(&self, at: impl Ranged, msg: impl Into<String>) -> LoadError {
        LoadError::at(
            self.src,
            at.range().start().to_u32(),
            super::front::LoadErrorKind::Syntax("SyntaxError"),
            msg.into(),
        )
    }

    pub(super) fn scope(&self) -> &symtable::Scope {
        &self.st.scopes[self.scope]
    }

    fn in_function(&self) -> bool {
        matches!(
            self.scope().kind,
            ScopeKind::Function | ScopeKind::Comprehension
        )
    }

    // ---- names ----

    fn cell_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == name) {
            return Some(i as u32);
        }
        self.freevars
            .iter()
            .position(|c| &**c == name)
            .map(|i| (self.cellvars.len() + i) as u32)
    }

    fn fast_index(&mut self, name: &str) -> u32 {
        match self.varnames.iter().position(|c| &**c == name) {
            Some(i) => i as u32,
            None => {
                self.varnames.push(Rc::from(name));
                self.varnames.len() as u32 - 1
            }
        }
    }

    /// Emit a load, store or delete of `name` as the scope resolves it.
    pub(super) fn name_op(&mut self, name: &str, op: NameOp, at: impl Ranged) -> CResult {
        let kind = self.scope().kind;
        let r = self.scope().resolve(name);
        let rc: Rc<str> = Rc::from(name);
        if op == NameOp::Load && matches!(r, Resolved::GlobalImplicit | Resolved::GlobalExplicit) {
            self.check_global_name(name, &at)?;
        }
        let i = match (kind, r, op) {
            (_, Resolved::Cell | Resolved::Free, _) if kind == ScopeKind::Class => {
                let ci = self.cell_index(name).expect("class free var has a cell");
                match op {
                    NameOp::Load => Instr::LoadClassDeref(ci, rc),
                    NameOp::Store => Instr::StoreName(rc),
                    NameOp::Delete => Instr::DeleteName(rc),
                }
            }
            (_, Resolved::Cell | Resolved::Free, _) => {
                let ci = self.cell_index(name).expect("resolved cell");
                match op {
                    NameOp::Load => Instr::LoadDeref(ci),
                    NameOp::Store => Instr::StoreDeref(ci),
                    NameOp::Delete => Instr::DeleteDeref(ci),
                }
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::Local, _) => {
                let fi = self.fast_index(name);
                match op {
                    NameOp::Load => Instr::LoadFast(fi),
                    NameOp::Store => Instr::StoreFast(fi),
                    NameOp::Delete => Instr::DeleteFast(fi),
                }
            }
            (_, Resolved::GlobalExplicit, _)
            | (ScopeKind::Function | ScopeKind::Comprehension, Resolved::GlobalImplicit, _) => {
                match op {
                    NameOp::Load => Instr::LoadGlobal(rc),
                    NameOp::Store => Instr::StoreGlobal(rc),
                    NameOp::Delete => Instr::DeleteGlobal(rc),
                }
            }
            _ => match op {
                NameOp::Load => Instr::LoadName(rc),
                NameOp::Store => Instr::StoreName(rc),
                NameOp::Delete => Instr::DeleteName(rc),
            },
        };
        self.emit_at(i, at);
        Ok(())
    }

    /// A global the module never binds is a builtin, or a NameError at run time. A builtin
    /// of CPython's that the model does not implement is refused now (SPEC M1).
    fn check_global_name(&self, name: &str, at: &impl Ranged) -> CResult {
        if self.module.names.contains(name) {
            return Ok(());
        }
        // The module's annotations dict (3.7-3.13: there once anything is annotated) and
        // 3.14's `__annotate__` are not modelled.
        if matches!(name, "__annotations__" | "__annotate__") {
            return Err(self.unsupported(at, format!("the module global '{name}' (annotations)")));
        }
        if names::is_cpython_builtin(name, self.v) && !names::is_model_builtin(name) {
            return Err(self.unsupported(at, format!("the builtin '{name}'")));
        }
        Ok(())
    }

    // ---- statements ----

    pub(super) fn stmts(&mut self, body: &[Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn enter_static_block(&mut self, at: impl Ranged) -> CResult {
        self.static_blocks += 1;
        if self.static_blocks > MAX_STATIC_BLOCKS {
            return Err(self.unsupported(
                at,
                format!("loops and try/with blocks nested deeper than {MAX_STATIC_BLOCKS}"),
            ));
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult {
        self.span = s.range().into();
        if self.v.minor() == 7 {
            self.line37 = self.src.line_col(self.span.start).line;
        }
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Instr::Pop);
            }
            Stmt::Pass(_) => {
                self.emit(Instr::Nop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Instr::Dup);
                    }
                    self.store_target(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store_target(&a.target)?;
                }
                // Annotations are evaluated at module and class level (PEP 526), not in
                // functions; `from __future__ import annotations` is refused at the import.
                // From 3.14 (PEP 649) they are compiled into `__annotate__` and evaluated
                // only when asked for: not here.
                if !self.in_function() {
                    match &*a.target {
                        Expr::Name(_) => {}
                        other => {
                            // `x.y: int` evaluates `x`; `x[i]: int` evaluates `x` and `i`.
                            self.check_target_exprs(other)?;
                        }
                    }
                    if (a.simple || matches!(&*a.target, Expr::Name(_))) && !self.lazy_annotations()
                    {
                        self.expr(&a.annotation)?;
                        self.emit(Instr::PopAnnotation);
                    }
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
            }
            Stmt::Return(r) => {
                if !self.in_function() {
                    return Err(self.syntax(r, "'return' outside function"));
                }
                if self.scope().is_async && self.scope().is_generator && r.value.is_some() {
                    return Err(self.syntax(r, "'return' with value in async generator"));
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Instr::Const(Value::None));
                    }
                }
                self.span = s.range().into();
                self.unwind_all(true)?;
                self.emit(Instr::Return);
            }
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => self.break_continue(b, true)?,
            Stmt::Continue(c) => self.break_continue(c, false)?,
            Stmt::Raise(r) => {
                let n = match (&r.exc, &r.cause) {
                    (None, _) => 0,
                    (Some(e), None) => {
                        self.expr(e)?;
                        1
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        2
                    }
                };
                self.emit_at(Instr::Raise(n), r);
            }
            Stmt::Try(t) => {
                if t.is_star {
                    return Err(self.unsupported(t, "'except*'"));
                }
                self.enter_static_block(t)?;
                if t.finalbody.is_empty() {
                    self.try_except(t)?;
                } else {
                    self.try_finally(t)?;
                }
                self.static_blocks -= 1;
            }
            Stmt::With(w) => {
                if w.is_async && !self.scope().is_async {
                    return Err(self.syntax(w, "'async with' outside async function"));
                }
                self.enter_static_block(w)?;
                self.with_items(w, 0)?;
                self.static_blocks -= 1;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let j = self.emit(Instr::PopJumpIfTrue(0));
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
                self.emit_at(Instr::RaiseAssert(a.msg.is_some()), a);
                let end = self.here();
                self.patch(j, end);
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.id.as_str();
                    names::check_module(full).map_err(|why| self.unsupported(a, why))?;
                    match &a.asname {
                        Some(asname) => {
                            // CPython locates every instruction of an import at the statement.
                            self.emit_at(Instr::Import(Rc::from(full), true), i);
                            self.name_op(&asname.id, NameOp::Store, a)?;
                        }
                        None => {
                            self.emit_at(Instr::Import(Rc::from(full), false), i);
                            let top = full.split('.').next().unwrap_or(full);
                            self.name_op(top, NameOp::Store, a)?;
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return Err(self.unsupported(i, "relative imports"));
                }
                let module = i.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                if module == "__future__" {
                    for a in &i.names {
                        names::check_future(&a.name.id, self.v)
                            .map_err(|why| self.unsupported(a, why))?;
                    }
                    return Ok(());
                }
                names::check_module(module).map_err(|why| self.unsupported(i, why))?;
                self.emit_at(Instr::Import(Rc::from(module), true), i);
                for a in &i.names {
                    if &*a.name.id == "*" {
                        return Err(self.unsupported(a, "'from ... import *'"));
                    }
                    self.emit_at(Instr::ImportFrom(Rc::from(a.name.id.as_str())), i);
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.name_op(&bound.id, NameOp::Store, a)?;
                }
                self.emit(Instr::Pop);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Match(m) => return Err(self.unsupported(m, "the 'match' statement")),
            Stmt::TypeAlias(t) => return Err(self.unsupported(t, "the 'type' statement")),
            Stmt::IpyEscapeCommand(c) => return Err(self.syntax(c, "invalid syntax")),
        }
        Ok(())
    }

    /// Evaluate the parts of an annotated non-name target (`x.y: int` evaluates `x`).
    fn check_target_exprs(&mut self, t: &Expr) -> CResult {
        match t {
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit(Instr::Pop);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.emit(Instr::Pop);
                self.expr(&s.slice)?;
                self.emit(Instr::Pop);
            }
            _ => {}
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &ast::StmtIf) -> CResult {
        let mut ends = Vec::new();
        self.expr(&i.test)?;
        let mut jf = self.emit(Instr::PopJumpIfFalse(0));
        self.stmts(&i.body)?;
        for c in &i.elif_else_clauses {
            ends.push(self.emit(Instr::Jump(0)));
            let here = self.here();
            self.patch(jf, here);
            match &c.test {
                Some(t) => {
                    self.span = c.range.into();
                    self.expr(t)?;
                    jf = self.emit(Instr::PopJumpIfFalse(0));
                    self.stmts(&c.body)?;
                }
                None => {
                    self.stmts(&c.body)?;
                    jf = usize::MAX;
                }
            }
        }
        let end = self.here();
        if jf != usize::MAX {
            self.patch(jf, end);
        }
        for e in ends {
            self.patch(e, end);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &ast::StmtWhile) -> CResult {
        self.enter_static_block(w)?;
        let top = self.here();
        self.expr(&w.test)?;
        let jf = self.emit(Instr::PopJumpIfFalse(0));
        let breaks = Rc::new(std::cell::RefCell::new(Vec::new()));
        self.fblocks.push(FBlock::Loop {
            continue_to: top,
            breaks: breaks.clone(),
            iter: false,
        });
        self.stmts(&w.body)?;
        self.fblocks.pop();
        self.emit(Instr::Jump(top));
        let orelse = self.here();
        self.patch(jf, orelse);
        self.stmts(&w.orelse)?;
        let end = self.here();
        for b in breaks.borrow().iter() {
            self.patch(*b, end);
        }
        self.static_blocks -= 1;
        Ok(())
    }

    fn for_stmt(&mut self, f: &ast::StmtFor) -> CResult {
        self.enter_static_block(f)?;
        if f.is_async && !self.scope().is_async {
            return Err(self.syntax(f, "'async for' outside async function"));
        }
        self.expr(&f.iter)?;
        self.span = f.iter.range().into();
        let breaks = Rc::new(std::cell::RefCell::new(Vec::new()));
        if f.is_async {
            self.emit(Instr::GetAIter);
            let top = self.here();
            let setup = self.emit(Instr::SetupExcept(0));
            self.emit(Instr::GetANext);
            self.emit(Instr::Await);
            self.emit(Instr::PopBlock);
            self.store_target(&f.target)?;
            self.fblocks.push(FBlock::Loop {
                continue_to: top,
                breaks: breaks.clone(),
                iter: true,
            });
            self.stmts(&f.body)?;
            self.fblocks.pop();
            self.emit(Instr::Jump(top));
            let handler = self.here();
            self.patch(setup, handler);
            self.span = f.iter.range().into();
            self.emit(Instr::EndAsyncFor);
        } else {
            self.emit(Instr::GetIter);
            let top = self.here();
            let fi = self.emit(Instr::ForIter(0));
            self.store_target(&f.target)?;
            self.fblocks.push(FBlock::Loop {
                continue_to: top,
                breaks: breaks.clone(),
                iter: true,
            });
            self.stmts(&f.body)?;
            self.fblocks.pop();
            self.emit(Instr::Jump(top));
            let exhausted = self.here();
            self.patch(fi, exhausted);
        }
        self.stmts(&f.orelse)?;
        let end = self.here();
        for b in breaks.borrow().iter() {
            self.patch(*b, end);
        }
        self.static_blocks -= 1;
        Ok(())
    }

    fn break_continue(&mut self, at: &impl Ranged, is_break: bool) -> CResult {
        let Some(loop_i) = self
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            return Err(if is_break {
                self.syntax(at, "'break' outside loop")
            } else {
                self.syntax(at, "'continue' not properly in loop")
            });
        };
        // Unwind the blocks inside the loop.
        let inner: Vec<FBlock> = self.fblocks[loop_i + 1..].to_vec();
        let saved = std::mem::take(&mut self.fblocks);
        self.fblocks = saved[..loop_i + 1].to_vec();
        for (k, b) in inner.iter().enumerate().rev() {
            // Finally bodies run with the blocks outside them.
            self.fblocks = saved[..loop_i + 1 + k].to_vec();
            self.unwind_block(b, false)?;
        }
        self.fblocks = saved;
        let FBlock::Loop {
            continue_to,
            breaks,
            iter,
        } = self.fblocks[loop_i].clone()
        else {
            unreachable!("found a loop")
        };
        if is_break {
            if iter {
                self.emit(Instr::Pop);
            }
            let j = self.emit(Instr::Jump(0));
            breaks.borrow_mut().push(j);
        } else {
            self.emit(Instr::Jump(continue_to));
        }
        Ok(())
    }

    /// Unwind every enclosing block for `return` (the value is on top of the stack).
    fn unwind_all(&mut self, preserve_top: bool) -> CResult {
        let saved = std::mem::take(&mut self.fblocks);
        for k in (0..saved.len()).rev() {
            self.fblocks = saved[..k].to_vec();
            let b = saved[k].clone();
            match &b {
                FBlock::Loop { iter: true, .. } => {
                    if preserve_top {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::Pop);
                }
                _ => self.unwind_block(&b, preserve_top)?,
            }
        }
        self.fblocks = saved;
        Ok(())
    }

    /// The code that leaves block `b` on a `return`/`break`/`continue` path.
    fn unwind_block(&mut self, b: &FBlock, preserve_top: bool) -> CResult {
        match b {
            FBlock::Loop { .. } => {}
            FBlock::TryExcept => {
                self.emit(Instr::PopBlock);
            }
            FBlock::TryFinally(body) => {
                self.emit(Instr::PopBlock);
                let body = body.clone();
                self.stmts(&body)?;
            }
            FBlock::FinallyEnd => {
                // The exception being finalised is on the stack under the return value.
                if preserve_top {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
                self.emit(Instr::PopExcept);
            }
            FBlock::With { is_async } => {
                self.emit(Instr::PopBlock);
                if preserve_top {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::WithNormalExit);
                if *is_async {
                    self.emit(Instr::Await);
                }
                self.emit(Instr::Pop);
            }
            FBlock::Handler { name } => {
                if name.is_some() {
                    // The `as name` cleanup block.
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopExcept);
                if preserve_top {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
                if let Some(n) = name {
                    self.emit(Instr::Const(Value::None));
                    let n = n.clone();
                    self.name_op(&n, NameOp::Store, self.span)?;
                    self.name_op(&n, NameOp::Delete, self.span)?;
                }
            }
        }
        Ok(())
    }

    fn try_except(&mut self, t: &ast::StmtTry) -> CResult {
        let setup = self.emit(Instr::SetupExcept(0));
        self.fblocks.push(FBlock::TryExcept);
        self.stmts(&t.body)?;
        self.fblocks.pop();
        self.emit(Instr::PopBlock);
        let to_else = self.emit(Instr::Jump(0));
        let handler = self.here();
        self.patch(setup, handler);
        let mut ends = Vec::new();
        for (idx, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.span = h.range.into();
            let mut next = None;
            match &h.type_ {
                Some(ty) => {
                    self.expr(ty)?;
                    self.emit_at(Instr::ExcMatch, &**ty);
                    next = Some(self.emit(Instr::PopJumpIfFalse(0)));
                }
                None => {
                    if idx + 1 != t.handlers.len() {
                        return Err(self.syntax(h, "default 'except:' must be last"));
                    }
                }
            }
            let name = h.name.as_ref().map(|n| Rc::from(n.id.as_str()));
            let cleanup = if let Some(n) = &name {
                self.emit(Instr::Dup);
                self.name_op(n, NameOp::Store, h)?;
                Some(self.emit(Instr::SetupFinally(0)))
            } else {
                None
            };
            self.fblocks.push(FBlock::Handler { name: name.clone() });
            self.stmts(&h.body)?;
            self.fblocks.pop();
            if let Some(n) = &name {
                self.emit(Instr::PopBlock);
                self.emit(Instr::PopExcept);
                self.emit(Instr::Pop);
                self.emit(Instr::Const(Value::None));
                self.name_op(n, NameOp::Store, h)?;
                self.name_op(n, NameOp::Delete, h)?;
                ends.push(self.emit(Instr::Jump(0)));
                // Cleanup on an exception from the body: `name = None; del name; raise`.
                let c = self.here();
                self.patch(cleanup.expect("set above"), c);
                self.emit(Instr::Const(Value::None));
                self.name_op(n, NameOp::Store, h)?;
                self.name_op(n, NameOp::Delete, h)?;
                self.emit(Instr::Reraise);
            } else {
                self.emit(Instr::PopExcept);
                self.emit(Instr::Pop);
                ends.push(self.emit(Instr::Jump(0)));
            }
            if let Some(n) = next {
                let here = self.here();
                self.patch(n, here);
            }
        }
        // No handler matched: re-raise.
        self.emit(Instr::Reraise);
        let else_at = self.here();
        self.patch(to_else, else_at);
        self.stmts(&t.orelse)?;
        let end = self.here();
        for e in ends {
            self.patch(e, end);
        }
        Ok(())
    }

    fn try_finally(&mut self, t: &ast::StmtTry) -> CResult {
        let body = Rc::new(t.finalbody.to_vec());
        let setup = self.emit(Instr::SetupFinally(0));
        self.fblocks.push(FBlock::TryFinally(body.clone()));
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
        } else {
            self.try_except(t)?;
        }
        self.fblocks.pop();
        self.emit(Instr::PopBlock);
        self.stmts(&t.finalbody)?;
        let j = self.emit(Instr::Jump(0));
        let handler = self.here();
        self.patch(setup, handler);
        self.fblocks.push(FBlock::FinallyEnd);
        self.stmts(&t.finalbody)?;
        self.fblocks.pop();
        self.emit(Instr::Reraise);
        let end = self.here();
        self.patch(j, end);
        Ok(())
    }

    /// `with a as x, b as y:` is `with a as x: with b as y:`.
    fn with_items(&mut self, w: &ast::StmtWith, i: usize) -> CResult {
        let item = &w.items[i];
        self.expr(&item.context_expr)?;
        self.span = item.context_expr.range().into();
        self.emit(Instr::BeforeWith(w.is_async));
        if w.is_async {
            self.emit(Instr::Await);
        }
        let setup = self.emit(Instr::SetupWith(0));
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.fblocks.push(FBlock::With {
            is_async: w.is_async,
        });
        if i + 1 < w.items.len() {
            self.with_items(w, i + 1)?;
        } else {
            self.stmts(&w.body)?;
        }
        self.fblocks.pop();
        // The exit calls are located at the whole statement on 3.11 and 3.12, at the context
        // expression otherwise (what tracebacks through __exit__/__aexit__ show).
        self.span = if (11..=12).contains(&self.v.minor()) {
            w.range().into()
        } else {
            item.context_expr.range().into()
        };
        self.emit(Instr::PopBlock);
        self.emit(Instr::WithNormalExit);
        if w.is_async {
            self.emit(Instr::Await);
        }
        self.emit(Instr::Pop);
        let j = self.emit(Instr::Jump(0));
        let handler = self.here();
        self.patch(setup, handler);
        self.emit(Instr::WithExceptStart);
        if w.is_async {
            self.emit(Instr::Await);
        }
        let suppress = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        let s = self.here();
        self.patch(suppress, s);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop);
        self.emit(Instr::Pop);
        let end = self.here();
        self.patch(j, end);
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> CResult {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.name_op(&n.id, NameOp::Load, n)?;
                self.expr(&a.value)?;
                self.emit_at(Instr::Inplace(op), a);
                self.name_op(&n.id, NameOp::Store, n)?;
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::Dup);
                self.emit_at(Instr::LoadAttr(Rc::from(at.attr.id.as_str())), at);
                self.expr(&a.value)?;
                self.emit_at(Instr::Inplace(op), a);
                self.emit(Instr::Rot2);
                self.emit_at(Instr::StoreAttr(Rc::from(at.attr.id.as_str())), at);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Instr::Dup2);
                self.emit_at(Instr::Subscript, s);
                self.expr(&a.value)?;
                self.emit_at(Instr::Inplace(op), a);
                self.emit(Instr::Rot3);
                self.emit_at(Instr::StoreSubscr, s);
            }
            other => return Err(self.syntax(other, "illegal expression for augmented assignment")),
        }
        Ok(())
    }

    /// Store the value on top of the stack into an assignment target.
    pub(super) fn store_target(&mut self, t: &Expr) -> CResult {
        match t {
            Expr::Name(n) => self.name_op(&n.id, NameOp::Store, n)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit_at(Instr::StoreAttr(Rc::from(a.attr.id.as_str())), a);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit_at(Instr::StoreSubscr, s);
            }
            Expr::Tuple(x) => self.store_sequence(&x.elts, t)?,
            Expr::List(x) => self.store_sequence(&x.elts, t)?,
            Expr::Starred(s) => {
                return Err(self.syntax(s, "starred assignment target must be in a list or tuple"))
            }
            other => return Err(self.syntax(other, "cannot assign to expression")),
        }
        Ok(())
    }

    fn store_sequence(&mut self, elts: &[Expr], at: &Expr) -> CResult {
        let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
        match star {
            None => {
                self.emit_at(Instr::UnpackSequence(elts.len() as u32), at);
            }
            Some(i) => {
                if elts
                    .iter()
                    .filter(|e| matches!(e, Expr::Starred(_)))
                    .count()
                    > 1
                {
                    return Err(self.syntax(at, "multiple starred expressions in assignment"));
                }
                self.emit_at(Instr::UnpackEx(i as u32, (elts.len() - i - 1) as u32), at);
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store_target(&s.value)?,
                other => self.store_target(other)?,
            }
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &Expr) -> CResult {
        match t {
            Expr::Name(n) => self.name_op(&n.id, NameOp::Delete, n)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit_at(Instr::DeleteAttr(Rc::from(a.attr.id.as_str())), a);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit_at(Instr::DeleteSubscr, s);
            }
            Expr::Tuple(x) => {
                for e in &x.elts {
                    self.delete_target(e)?;
                }
            }
            Expr::List(x) => {
                for e in &x.elts {
                    self.delete_target(e)?;
                }
            }
            other => return Err(self.syntax(other, "cannot delete expression")),
        }
        Ok(())
    }

    // ---- definitions ----

    /// Push a function's defaults and kwdefaults; returns which were pushed.
    pub(super) fn defaults(&mut self, p: &ast::Parameters) -> CResult<(bool, bool)> {
        let pos: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        let has_pos = !pos.is_empty();
        for d in &pos {
            self.expr(d)?;
        }
        if has_pos {
            self.emit(Instr::BuildTuple(pos.len() as u32));
        }
        let kw: Vec<(&str, &Expr)> = p
            .kwonlyargs
            .iter()
            .filter_map(|a| {
                a.default
                    .as_deref()
                    .map(|d| (a.parameter.name.id.as_str(), d))
            })
            .collect();
        let has_kw = !kw.is_empty();
        for (k, d) in &kw {
            self.emit(Instr::Const(Value::str(k)));
            self.expr(d)?;
        }
        if has_kw {
            self.emit(Instr::BuildMap(kw.len() as u32));
        }
        Ok((has_pos, has_kw))
    }

    /// Annotations are evaluated lazily from 3.14 (PEP 649): `def` and class bodies do not
    /// evaluate them, so a name they use need not exist yet.
    fn lazy_annotations(&self) -> bool {
        self.v.minor() >= 14
    }

    /// Evaluate the annotations of a signature (3.7–3.13 evaluate them at `def` time
    /// unless `from __future__ import annotations`).
    fn annotations(&mut self, p: &ast::Parameters, returns: Option<&Expr>) -> CResult {
        let all = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        for a in all {
            if let Some(ann) = &a.annotation {
                self.expr(ann)?;
                self.emit(Instr::PopAnnotation);
            }
        }
        if let Some(r) = returns {
            self.expr(r)?;
            self.emit(Instr::PopAnnotation);
        }
        Ok(())
    }

    /// Push the closure cells a child scope needs, as a tuple; false if it needs none.
    pub(super) fn closure_for(&mut self, child: usize) -> CResult<bool> {
        let free = self.st.scopes[child].free.clone();
        if free.is_empty() {
            return Ok(false);
        }
        for n in &free {
            let ci = match self.cell_index(n) {
                Some(ci) => ci,
                None => unreachable!("free variable {n} of a child has no cell here"),
            };
            self.emit(Instr::LoadClosure(ci));
        }
        self.emit(Instr::BuildTuple(free.len() as u32));
        Ok(true)
    }

    fn function_def(&mut self, f: &ast::StmtFunctionDef) -> CResult {
        if f.type_params.is_some() {
            return Err(self.unsupported(f, "type parameters"));
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let (dflt, kwdflt) = self.defaults(&f.parameters)?;
        if !self.module.future_annotations && !self.lazy_annotations() {
            self.annotations(&f.parameters, f.returns.as_deref())?;
        }
        let child = self.st.scope_of(symtable::key(f));
        let qual = self.child_qualname(&f.name.id);
        let code = compile_function(
            self.src,
            self.st,
            self.v,
            child,
            &qual,
            f.name.id.as_str(),
            &f.parameters,
            FunctionBody::Stmts(&f.body),
            f.is_async,
            f.range().into(),
            self.module,
        )?;
        let closure = self.closure_for(child)?;
        self.span = f.range().into();
        self.emit(Instr::MakeFunction {
            code,
            defaults: dflt,
            kwdefaults: kwdflt,
            closure,
        });
        for d in f.decorator_list.iter().rev() {
            self.emit_at(Instr::Call(1), d);
        }
        self.name_op(&f.name.id, NameOp::Store, &f.name)?;
        Ok(())
    }

    pub(super) fn child_qualname(&self, name: &str) -> String {
        match self.scope().kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", self.qualname),
            _ => format!("{}.<locals>.{name}", self.qualname),
        }
    }

    fn class_def(&mut self, c: &ast::StmtClassDef) -> CResult {
        if c.type_params.is_some() {
            return Err(self.unsupported(c, "type parameters"));
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let child = self.st.scope_of(symtable::key(c));
        let qual = self.child_qualname(&c.name.id);
        let code = compile_class_body(self.src, self.st, self.v, child, &qual, c, self.module)?;
        let closure = self.closure_for(child)?;
        self.emit(Instr::MakeFunction {
            code,
            defaults: false,
            kwdefaults: false,
            closure,
        });
        let mut nbases = 0;
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return Err(self.unsupported(k, "class keywords (metaclass=...)"));
            }
            for b in args.args.iter() {
                if let Expr::Starred(s) = b {
                    return Err(self.unsupported(s, "starred class bases"));
                }
                self.expr(b)?;
                nbases += 1;
            }
        }
        self.emit_at(
            Instr::BuildClass(Rc::from(c.name.id.as_str()), nbases, false),
            c,
        );
        for d in c.decorator_list.iter().rev() {
            self.emit_at(Instr::Call(1), d);
        }
        self.name_op(&c.name.id, NameOp::Store, &c.name)?;
        Ok(())
    }

    pub(super) fn finish(self, name: &str, kind: CodeKind, span: Span) -> Code {
        let firstlineno = self.src.line_col(span.start).line;
        Code {
            name: Rc::from(name),
            qualname: Rc::from(self.qualname.as_str()),
            kind,
            is_coroutine: false,
            is_generator: false,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varargs: false,
            varkw: false,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell_params: Vec::new(),
            instrs: self.instrs,
            spans: self.spans,
            lines37: self.lines37,
            firstlineno,
            span,
            source: self.src.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOp {
    Load,
    Store,
    Delete,
}

pub(super) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::Div,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

pub(super) enum FunctionBody<'b> {
    Stmts(&'b [Stmt]),
    /// A lambda's single expression.
    Expr(&'b Expr),
}

pub(super) fn new_compiler<'a>(
    src: &'a Rc<SourceFile>,
    st: &'a SymTable,
    v: PyVersion,
    scope: usize,
    qualname: &str,
    module: &'a names::ModuleInfo,
) -> Compiler<'a> {
    let s = &st.scopes[scope];
    let varnames = s.varnames();
    let mut cellvars: Vec<Rc<str>> = s.cells.clone();
    if s.kind == ScopeKind::Class && s.needs_class_cell {
        cellvars.push(Rc::from("__class__"));
    }
    Compiler {
        src,
        st,
        v,
        scope,
        instrs: Vec::new(),
        spans: Vec::new(),
        span: Span::default(),
        line37: 0,
        lines37: Vec::new(),
        fblocks: Vec::new(),
        varnames,
        cellvars,
        freevars: s.free.clone(),
        qualname: qualname.to_string(),
        module,
        static_blocks: 0,
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn compile_function(
    src: &Rc<SourceFile>,
    st: &SymTable,
    v: PyVersion,
    scope: usize,
    qualname: &str,
    name: &str,
    params: &ast::Parameters,
    body: FunctionBody<'_>,
    is_async: bool,
    span: Span,
    module: &names::ModuleInfo,
) -> CResult<Rc<Code>> {
    let mut c = new_compiler(src, st, v, scope, qualname, module);
    c.span = span;
    let kind = match body {
        FunctionBody::Stmts(stmts) => {
            c.stmts(stmts)?;
            c.emit(Instr::Const(Value::None));
            c.emit(Instr::Return);
            CodeKind::Function
        }
        FunctionBody::Expr(e) => {
            c.expr(e)?;
            c.emit(Instr::Return);
            CodeKind::Lambda
        }
    };
    let is_generator = st.scopes[scope].is_generator;
    if is_async && is_generator {
        return Err(c.unsupported(span, "async generators"));
    }
    let mut code = c.finish(name, kind, span);
    code.is_coroutine = is_async;
    code.is_generator = is_generator;
    code.posonlyargcount = params.posonlyargs.len() as u32;
    code.argcount = (params.posonlyargs.len() + params.args.len()) as u32;
    code.kwonlyargcount = params.kwonlyargs.len() as u32;
    code.varargs = params.vararg.is_some();
    code.varkw = params.kwarg.is_some();
    link_cell_params(&mut code);
    Ok(Rc::new(code))
}

/// Parameters that are also cells start in their cell (`MAKE_CELL` in 3.11+).
pub(super) fn link_cell_params(code: &mut Code) {
    let nparams = code.total_args() + code.varargs as usize + code.varkw as usize;
    for (ci, name) in code.cellvars.iter().enumerate() {
        if let Some(pi) = code.varnames[..nparams.min(code.varnames.len())]
            .iter()
            .position(|v| v == name)
        {
            code.cell_params.push((ci as u32, pi as u32));
        }
    }
}

fn compile_class_body(
    src: &Rc<SourceFile>,
    st: &SymTable,
    v: PyVersion,
    scope: usize,
    qualname: &str,
    cdef: &ast::StmtClassDef,
    module: &names::ModuleInfo,
) -> CResult<Rc<Code>> {
    let mut c = new_compiler(src, st, v, scope, qualname, module);
    c.span = cdef.range().into();
    // `__module__` and `__qualname__` are set by BuildClass.
    c.stmts(&cdef.body)?;
    c.emit(Instr::Const(Value::None));
    c.emit(Instr::Return);
    Ok(Rc::new(c.finish(
        &cdef.name.id,
        CodeKind::Class,
        cdef.range().into(),
    )))
}

/// Compile a whole module.
pub fn compile_module(
    src: &Rc<SourceFile>,
    m: &ast::ModModule,
    v: PyVersion,
) -> Result<Rc<Code>, LoadError> {
    let st = symtable::build(src, m)?;
    let info = names::ModuleInfo::build(&st, m);
    let mut c = new_compiler(src, &st, v, 0, "<module>", &info);
    c.stmts(&m.body)?;
    c.emit(Instr::Const(Value::None));
    c.emit(Instr::Return);
    let span = Span::new(0, src.text.len() as u32);
    Ok(Rc::new(c.finish("<module>", CodeKind::Module, span)))
}
