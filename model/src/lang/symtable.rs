//! Scope analysis, as CPython's `symtable.c` does it: which names of each function are
//! local, which are cells shared with inner functions, which are free (closed over), and
//! which are global; plus the compile-time errors scoping raises.

use std::collections::HashMap;
use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::front::{LoadError, LoadErrorKind};
use super::source::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

/// How a name is reached from a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Local,
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

const DEF_LOCAL: u16 = 1;
const DEF_PARAM: u16 = 2;
const DEF_GLOBAL: u16 = 4;
const DEF_NONLOCAL: u16 = 8;
const USE: u16 = 16;
/// Bound by a walrus inside a comprehension: belongs to the enclosing function.
const DEF_COMP_ITER: u16 = 32;
/// Bound in the scope (assigned, imported, a parameter).
pub const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM;
/// Declared `global`.
pub const DEF_GLOBAL_FLAG: u16 = DEF_GLOBAL;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub key: (u32, u32),
    /// Names in first-seen order with their flags.
    pub symbols: Vec<(Rc<str>, u16)>,
    index: HashMap<Rc<str>, usize>,
    pub params: Vec<Rc<str>>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub is_async: bool,
    pub is_generator: bool,
    /// Resolution of each symbol (after analysis).
    pub resolved: HashMap<Rc<str>, Resolved>,
    /// Names free in this scope or passing through it to a child.
    pub free: Vec<Rc<str>>,
    /// Cells: locals that inner scopes close over.
    pub cells: Vec<Rc<str>>,
    /// Class scopes: the class body uses `__class__`/`super()`.
    pub needs_class_cell: bool,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, key: (u32, u32), parent: Option<usize>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            key,
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            is_async: false,
            is_generator: false,
            resolved: HashMap::new(),
            free: Vec::new(),
            cells: Vec::new(),
            needs_class_cell: false,
        }
    }

    fn flags(&self, name: &str) -> u16 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    pub fn resolve(&self, name: &str) -> Resolved {
        match self.resolved.get(name) {
            Some(r) => *r,
            None => match self.kind {
                ScopeKind::Module | ScopeKind::Class => Resolved::GlobalImplicit,
                _ => Resolved::GlobalImplicit,
            },
        }
    }

    /// Locals in slot order: parameters first, then other bound names.
    pub fn varnames(&self) -> Vec<Rc<str>> {
        let mut out: Vec<Rc<str>> = self.params.clone();
        for (n, _) in &self.symbols {
            if matches!(self.resolved.get(n), Some(Resolved::Local | Resolved::Cell))
                && !out.contains(n)
            {
                out.push(n.clone());
            }
        }
        out
    }
}

pub struct SymTable {
    pub scopes: Vec<Scope>,
    by_key: HashMap<(u32, u32), usize>,
}

impl SymTable {
    pub fn scope_of(&self, key: (u32, u32)) -> usize {
        self.by_key[&key]
    }
}

fn key_of(r: ruff_text_size::TextRange) -> (u32, u32) {
    (r.start().to_u32(), r.end().to_u32())
}

pub fn key(node: &impl Ranged) -> (u32, u32) {
    key_of(node.range())
}

struct Builder<'a> {
    src: &'a SourceFile,
    scopes: Vec<Scope>,
    cur: usize,
    error: Option<LoadError>,
}

impl Builder<'_> {
    fn err(&mut self, at: u32, msg: String) {
        if self.error.is_none() {
            self.error = Some(LoadError::at(
                self.src,
                at,
                LoadErrorKind::Syntax("SyntaxError"),
                msg,
            ));
        }
    }

    fn add(&mut self, name: &str, flag: u16, at: u32) {
        let s = &mut self.scopes[self.cur];
        let name_rc: Rc<str> = Rc::from(name);
        let i = match s.index.get(name) {
            Some(&i) => i,
            None => {
                s.symbols.push((name_rc.clone(), 0));
                s.index.insert(name_rc, s.symbols.len() - 1);
                s.symbols.len() - 1
            }
        };
        let old = s.symbols[i].1;
        if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            self.err(
                at,
                format!("duplicate argument '{name}' in function definition"),
            );
        }
        if flag & (DEF_LOCAL | USE) != 0 && old & DEF_GLOBAL != 0 {
            // Allowed: assignment after the global declaration.
        }
        self.scopes[self.cur].symbols[i].1 |= flag;
    }

    fn push(&mut self, kind: ScopeKind, name: &str, key: (u32, u32)) -> usize {
        let id = self.scopes.len();
        self.scopes
            .push(Scope::new(kind, name, key, Some(self.cur)));
        self.scopes[self.cur].children.push(id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    /// Parameters in `co_varnames` order: positional-only, positional, keyword-only, then
    /// `*args` and `**kwargs` (`symtable_visit_arguments`).
    fn params(&mut self, p: &ast::Parameters) {
        let all = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwarg.as_deref());
        for a in all {
            let n = a.name.id.as_str();
            self.add(n, DEF_PARAM, a.range().start().to_u32());
            self.scopes[self.cur].params.push(Rc::from(n));
        }
    }

    /// Defaults and annotations of a signature are evaluated in the enclosing scope.
    fn param_exprs(&mut self, p: &ast::Parameters, annotations: bool) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
        if annotations {
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
                    self.expr(ann);
                }
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.param_exprs(&f.parameters, true);
                if let Some(r) = &f.returns {
                    self.expr(r);
                }
                self.add(&f.name.id, DEF_LOCAL, f.name.range.start().to_u32());
                let prev = self.push(ScopeKind::Function, &f.name.id, key(f));
                self.scopes[self.cur].is_async = f.is_async;
                self.params(&f.parameters);
                self.stmts(&f.body);
                self.cur = prev;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                if let Some(a) = &c.arguments {
                    for e in a.args.iter() {
                        self.expr(e);
                    }
                    for k in a.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.add(&c.name.id, DEF_LOCAL, c.name.range.start().to_u32());
                let prev = self.push(ScopeKind::Class, &c.name.id, key(c));
                self.stmts(&c.body);
                self.cur = prev;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t);
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.add(&n.id, USE, n.range.start().to_u32());
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                }
                if self.scopes[self.cur].kind != ScopeKind::Function {
                    self.expr(&a.annotation);
                }
                if let Expr::Name(n) = &*a.target {
                    if self.scopes[self.cur].flags(&n.id) & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && a.simple
                    {
                        let g = if self.scopes[self.cur].flags(&n.id) & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.err(
                            n.range.start().to_u32(),
                            format!("annotated name '{}' can't be {g}", n.id),
                        );
                    }
                    self.add(&n.id, DEF_LOCAL, n.range.start().to_u32());
                } else {
                    self.target(&a.target);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.stmts(&f.body);
                self.stmts(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.stmts(&w.body);
                self.stmts(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.stmts(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.stmts(&c.body);
                }
            }
            Stmt::With(w) => {
                for it in &w.items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.target(v);
                    }
                }
                self.stmts(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(c) = &r.cause {
                    self.expr(c);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.add(&n.id, DEF_LOCAL, n.range.start().to_u32());
                    }
                    self.stmts(&h.body);
                }
                self.stmts(&t.orelse);
                self.stmts(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add(&bound, DEF_LOCAL, a.range.start().to_u32());
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    if &*bound.id != "*" {
                        self.add(&bound.id, DEF_LOCAL, a.range.start().to_u32());
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let at = n.range.start().to_u32();
                    let old = self.scopes[self.cur].flags(&n.id);
                    if old & DEF_PARAM != 0 {
                        self.err(at, format!("name '{}' is parameter and global", n.id));
                    } else if old & DEF_NONLOCAL != 0 {
                        self.err(at, format!("name '{}' is nonlocal and global", n.id));
                    } else if old & DEF_LOCAL != 0 {
                        self.err(
                            at,
                            format!("name '{}' is assigned to before global declaration", n.id),
                        );
                    } else if old & USE != 0 {
                        self.err(
                            at,
                            format!("name '{}' is used prior to global declaration", n.id),
                        );
                    }
                    self.add(&n.id, DEF_GLOBAL, at);
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    let at = n.range.start().to_u32();
                    if self.scopes[self.cur].kind == ScopeKind::Module {
                        self.err(
                            at,
                            "nonlocal declaration not allowed at module level".into(),
                        );
                        continue;
                    }
                    let old = self.scopes[self.cur].flags(&n.id);
                    if old & DEF_PARAM != 0 {
                        self.err(at, format!("name '{}' is parameter and nonlocal", n.id));
                    } else if old & DEF_GLOBAL != 0 {
                        self.err(at, format!("name '{}' is nonlocal and global", n.id));
                    } else if old & DEF_LOCAL != 0 {
                        self.err(
                            at,
                            format!("name '{}' is assigned to before nonlocal declaration", n.id),
                        );
                    } else if old & USE != 0 {
                        self.err(
                            at,
                            format!("name '{}' is used prior to nonlocal declaration", n.id),
                        );
                    }
                    self.add(&n.id, DEF_NONLOCAL, at);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            // Refused by the compiler with their place.
            Stmt::Match(_) | Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {}
        }
    }

    /// An assignment target: names are bound, everything else is evaluated.
    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.add(&n.id, DEF_LOCAL, n.range.start().to_u32()),
            Expr::Tuple(x) => x.elts.iter().for_each(|e| self.target(e)),
            Expr::List(x) => x.elts.iter().for_each(|e| self.target(e)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }

    fn comprehension(
        &mut self,
        node: &Expr,
        name: &str,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
        is_genexpr: bool,
    ) {
        // The outermost iterable is evaluated in the enclosing scope.
        self.expr(&generators[0].iter);
        let prev = self.push(ScopeKind::Comprehension, name, key(node));
        self.scopes[self.cur].params.push(Rc::from(".0"));
        self.add(".0", DEF_PARAM, 0);
        self.scopes[self.cur].is_generator = is_genexpr;
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                self.scopes[self.cur].is_async = true;
            }
            if i > 0 {
                self.expr(&g.iter);
            }
            self.comp_target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.cur = prev;
    }

    fn comp_target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.add(&n.id, DEF_LOCAL | DEF_COMP_ITER, n.range.start().to_u32()),
            Expr::Tuple(x) => x.elts.iter().for_each(|e| self.comp_target(e)),
            Expr::List(x) => x.elts.iter().for_each(|e| self.comp_target(e)),
            Expr::Starred(s) => self.comp_target(&s.value),
            other => self.expr(other),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => {
                if n.ctx == ast::ExprContext::Load {
                    self.add(&n.id, USE, n.range.start().to_u32());
                    if &*n.id == "super" && self.scopes[self.cur].kind == ScopeKind::Function {
                        // `super()` needs the `__class__` cell of the enclosing class.
                        self.add("__class__", USE, n.range.start().to_u32());
                    }
                } else {
                    self.target(e);
                }
            }
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.expr(v)),
            Expr::Named(n) => {
                self.expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    // PEP 572: in a comprehension, the target binds in the nearest function
                    // (or module) scope.
                    let mut s = self.cur;
                    while self.scopes[s].kind == ScopeKind::Comprehension {
                        if self.scopes[s].flags(&t.id) & DEF_COMP_ITER != 0 {
                            self.err(
                                t.range.start().to_u32(),
                                format!(
                                    "assignment expression cannot rebind comprehension iteration variable '{}'",
                                    t.id
                                ),
                            );
                        }
                        s = self.scopes[s].parent.expect("comprehensions have parents");
                    }
                    if s != self.cur {
                        if self.scopes[s].kind == ScopeKind::Class {
                            self.err(
                                t.range.start().to_u32(),
                                "assignment expression within a comprehension cannot be used in a class body".into(),
                            );
                        }
                        let prev = self.cur;
                        self.cur = s;
                        self.add(&t.id, DEF_LOCAL, t.range.start().to_u32());
                        self.cur = prev;
                        let kind = if self.scopes[s].kind == ScopeKind::Module {
                            DEF_GLOBAL
                        } else {
                            DEF_NONLOCAL
                        };
                        let mut c = self.cur;
                        while c != s {
                            let prev = self.cur;
                            self.cur = c;
                            self.add(&t.id, kind, t.range.start().to_u32());
                            self.cur = prev;
                            c = self.scopes[c].parent.expect("parent");
                        }
                    } else {
                        self.add(&t.id, DEF_LOCAL, t.range.start().to_u32());
                    }
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_exprs(p, false);
                }
                let prev = self.push(ScopeKind::Function, "<lambda>", key(l));
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.cur = prev;
            }
            Expr::If(i) => {
                self.expr(&i.test);
                self.expr(&i.body);
                self.expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for it in &d.items {
                    if let Some(k) = &it.key {
                        self.expr(k);
                    }
                    self.expr(&it.value);
                }
            }
            Expr::Set(s) => s.elts.iter().for_each(|x| self.expr(x)),
            Expr::ListComp(c) => {
                self.comprehension(e, "<listcomp>", &c.generators, &[&c.elt], false)
            }
            Expr::SetComp(c) => self.comprehension(e, "<setcomp>", &c.generators, &[&c.elt], false),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(e, "<dictcomp>", &c.generators, &elts, false)
            }
            Expr::Generator(g) => {
                self.comprehension(e, "<genexpr>", &g.generators, &[&g.elt], true)
            }
            Expr::Await(a) => {
                // An await makes a comprehension a coroutine of its own.
                if self.scopes[self.cur].kind == ScopeKind::Comprehension {
                    self.scopes[self.cur].is_async = true;
                }
                self.expr(&a.value)
            }
            Expr::Yield(y) => {
                self.scopes[self.cur].is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.scopes[self.cur].is_generator = true;
                self.expr(&y.value);
            }
            Expr::Compare(c) => {
                self.expr(&c.left);
                c.comparators.iter().for_each(|x| self.expr(x));
            }
            Expr::Call(c) => {
                self.expr(&c.func);
                c.arguments.args.iter().for_each(|x| self.expr(x));
                c.arguments
                    .keywords
                    .iter()
                    .for_each(|k| self.expr(&k.value));
            }
            Expr::FString(f) => {
                for part in f.value.as_slice() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements);
                    }
                }
            }
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::List(l) => {
                if l.ctx == ast::ExprContext::Load {
                    l.elts.iter().for_each(|x| self.expr(x));
                } else {
                    self.target(e);
                }
            }
            Expr::Tuple(l) => {
                if l.ctx == ast::ExprContext::Load {
                    l.elts.iter().for_each(|x| self.expr(x));
                } else {
                    self.target(e);
                }
            }
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(x);
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::TString(_)
            | Expr::IpyEscapeCommand(_) => {}
        }
    }

    fn fstring_elements(&mut self, els: &ast::InterpolatedStringElements) {
        for el in els.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression);
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements);
                }
            }
        }
    }
}

/// Build the symbol table of a module and resolve every name.
pub fn build(src: &SourceFile, m: &ast::ModModule) -> Result<SymTable, LoadError> {
    let mut b = Builder {
        src,
        scopes: vec![Scope::new(ScopeKind::Module, "<module>", (0, 0), None)],
        cur: 0,
        error: None,
    };
    b.stmts(&m.body);
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut scopes = b.scopes;
    analyze(&mut scopes, 0, &[], src)?;
    let by_key = scopes
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, s)| (s.key, i))
        .collect();
    Ok(SymTable { scopes, by_key })
}

/// Resolve the names of scope `i`, given the names bound in enclosing function scopes.
/// Returns the names free in this scope (to be supplied by the enclosing ones).
fn analyze(
    scopes: &mut [Scope],
    i: usize,
    enclosing_bound: &[Rc<str>],
    src: &SourceFile,
) -> Result<Vec<Rc<str>>, LoadError> {
    let kind = scopes[i].kind;
    let mut resolved: HashMap<Rc<str>, Resolved> = HashMap::new();
    let mut free: Vec<Rc<str>> = Vec::new();
    for (n, f) in scopes[i].symbols.clone() {
        let r = if f & DEF_GLOBAL != 0 {
            Resolved::GlobalExplicit
        } else if f & DEF_NONLOCAL != 0 {
            if !enclosing_bound.contains(&n) {
                return Err(LoadError::at(
                    src,
                    scopes[i].key.0,
                    LoadErrorKind::Syntax("SyntaxError"),
                    format!("no binding for nonlocal '{n}' found"),
                ));
            }
            free.push(n.clone());
            Resolved::Free
        } else if f & (DEF_LOCAL | DEF_PARAM) != 0 {
            match kind {
                ScopeKind::Module => Resolved::GlobalImplicit,
                _ => Resolved::Local,
            }
        } else if kind != ScopeKind::Module && enclosing_bound.contains(&n) {
            free.push(n.clone());
            Resolved::Free
        } else {
            Resolved::GlobalImplicit
        };
        resolved.insert(n, r);
    }
    // Names bound here that inner functions may close over. Class scopes do not provide
    // bindings to inner functions (except `__class__`).
    let mut inner_bound: Vec<Rc<str>> = enclosing_bound.to_vec();
    match kind {
        ScopeKind::Function | ScopeKind::Comprehension => {
            for (n, r) in &resolved {
                if matches!(r, Resolved::Local) && !inner_bound.contains(n) {
                    inner_bound.push(n.clone());
                }
            }
        }
        ScopeKind::Class => {
            inner_bound.push(Rc::from("__class__"));
        }
        ScopeKind::Module => {}
    }
    // Names declared global here are not visible to inner scopes as enclosing bindings.
    let globals: Vec<Rc<str>> = resolved
        .iter()
        .filter(|(_, r)| matches!(r, Resolved::GlobalExplicit))
        .map(|(n, _)| n.clone())
        .collect();
    inner_bound.retain(|n| !globals.contains(n));
    let children = scopes[i].children.clone();
    let mut cells: Vec<Rc<str>> = Vec::new();
    for c in children {
        let child_free = analyze(scopes, c, &inner_bound, src)?;
        for n in child_free {
            match resolved.get(&n).copied() {
                Some(Resolved::Local) | Some(Resolved::Cell)
                    if kind == ScopeKind::Function || kind == ScopeKind::Comprehension =>
                {
                    resolved.insert(n.clone(), Resolved::Cell);
                    if !cells.contains(&n) {
                        cells.push(n);
                    }
                }
                _ if kind == ScopeKind::Class && &*n == "__class__" => {
                    scopes[i].needs_class_cell = true;
                }
                _ => {
                    // Passes through this scope to the child.
                    if !free.contains(&n) {
                        free.push(n.clone());
                    }
                    if kind != ScopeKind::Class {
                        resolved.insert(n, Resolved::Free);
                    } else {
                        // A class body keeps its own binding for the name, if any; the
                        // child's free variable is still supplied from outside.
                        resolved.entry(n).or_insert(Resolved::Free);
                    }
                }
            }
        }
    }
    scopes[i].resolved = resolved;
    scopes[i].cells = cells;
    scopes[i].free = free.clone();
    Ok(free)
}
