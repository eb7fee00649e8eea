//! The compiler, continued: expressions, comprehensions, f-strings and calls.

use std::rc::Rc;

use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::code::*;
use super::compile::{binop, compile_function, CResult, Compiler, FunctionBody, NameOp};
use super::source::Span;
use super::symtable::{self, ScopeKind};
use super::value::Value;

/// Decimal literals longer than this are refused (3.11+ reject them at compile time:
/// "Exceeds the limit (4300 digits) for integer string conversion").
const MAX_LITERAL_DIGITS: usize = 4300;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl Compiler<'_> {
    pub(super) fn expr(&mut self, e: &Expr) -> CResult {
        let span: Span = e.range().into();
        self.span = span;
        if self.v.minor() == 7 {
            let line = self.src.line_col(span.start).line;
            if line > self.line37 {
                self.line37 = line;
            }
        }
        match e {
            Expr::NumberLiteral(n) => {
                let v = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(x) => Value::Int(x),
                        None => self.big_literal(e, &i.to_string())?,
                    },
                    ast::Number::Float(f) => Value::Float(*f),
                    ast::Number::Complex { .. } => {
                        return Err(self.unsupported(e, "complex numbers"))
                    }
                };
                self.emit(Instr::Const(v));
            }
            Expr::StringLiteral(s) => {
                let raw = &self.src.text[s.range.start().to_usize()..s.range.end().to_usize()];
                if has_surrogate_escape(raw) {
                    return Err(self.unsupported(e, "strings with lone surrogates"));
                }
                let text = s.value.to_str();
                self.emit(Instr::Const(Value::str(text)));
            }
            Expr::BytesLiteral(_) => return Err(self.unsupported(e, "bytes")),
            Expr::BooleanLiteral(b) => {
                self.emit(Instr::Const(Value::Bool(b.value)));
            }
            Expr::NoneLiteral(_) => {
                self.emit(Instr::Const(Value::None));
            }
            Expr::EllipsisLiteral(_) => {
                self.emit(Instr::Const(Value::Ellipsis));
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(_) => return Err(self.unsupported(e, "template strings")),
            Expr::Name(n) => self.name_op(&n.id, NameOp::Load, n)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit_at(Instr::LoadAttr(Rc::from(a.attr.id.as_str())), a);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit_at(Instr::Subscript, s);
            }
            Expr::Slice(s) => self.slice(s)?,
            Expr::Starred(s) => {
                return Err(self.syntax(s, "can't use starred expression here"));
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit_at(Instr::Binary(binop(b.op)), b);
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                };
                self.emit_at(Instr::Unary(op), u);
            }
            Expr::BoolOp(b) => {
                let mut jumps = Vec::new();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        let j = match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        };
                        jumps.push(self.emit(j));
                    }
                }
                let end = self.here();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let jf = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let j = self.emit(Instr::Jump(0));
                let e2 = self.here();
                self.patch(jf, e2);
                self.expr(&i.orelse)?;
                let end = self.here();
                self.patch(j, end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Dup);
                self.store_target(&n.target)?;
            }
            Expr::Call(c) => self.call(c)?,
            Expr::List(l) => self.sequence(&l.elts, false, e)?,
            Expr::Tuple(t) => self.sequence(&t.elts, true, e)?,
            Expr::Set(s) => {
                if s.elts.iter().any(|x| matches!(x, Expr::Starred(_))) {
                    self.emit(Instr::BuildSet(0));
                    for x in &s.elts {
                        match x {
                            Expr::Starred(st) => {
                                self.expr(&st.value)?;
                                self.emit_at(Instr::SetUpdate(1), x);
                            }
                            other => {
                                self.expr(other)?;
                                self.emit_at(Instr::SetAdd(1), other);
                            }
                        }
                    }
                } else {
                    for x in &s.elts {
                        self.expr(x)?;
                    }
                    self.emit_at(Instr::BuildSet(s.elts.len() as u32), e);
                }
            }
            Expr::Dict(d) => {
                if d.items.iter().any(|it| it.key.is_none()) {
                    self.emit(Instr::BuildMap(0));
                    for it in &d.items {
                        match &it.key {
                            None => {
                                self.expr(&it.value)?;
                                self.emit_at(Instr::DictUpdate(1), &it.value);
                            }
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&it.value)?;
                                self.emit_at(Instr::MapAdd(1), k);
                            }
                        }
                    }
                } else {
                    for it in &d.items {
                        self.expr(it.key.as_ref().expect("checked"))?;
                        self.expr(&it.value)?;
                    }
                    self.emit_at(Instr::BuildMap(d.items.len() as u32), e);
                }
            }
            Expr::ListComp(c) => self.comprehension(e, CompKind::List, &c.generators, &[&c.elt])?,
            Expr::SetComp(c) => self.comprehension(e, CompKind::Set, &c.generators, &[&c.elt])?,
            Expr::DictComp(c) => {
                let Some(k) = &c.key else {
                    return Err(self.unsupported(e, "dict comprehensions with '**'"));
                };
                self.comprehension(e, CompKind::Dict, &c.generators, &[k, &c.value])?
            }
            Expr::Generator(g) => self.comprehension(e, CompKind::Gen, &g.generators, &[&g.elt])?,
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::Await(a) => {
                if !self.scope().is_async {
                    let msg = if self.scope().kind == ScopeKind::Module {
                        "'await' outside function"
                    } else {
                        "'await' outside async function"
                    };
                    return Err(self.syntax(a, msg));
                }
                self.expr(&a.value)?;
                self.emit_at(Instr::Await, a);
            }
            Expr::Yield(y) => {
                if !matches!(self.scope().kind, ScopeKind::Function) {
                    return Err(self.syntax(y, "'yield' outside function"));
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Instr::Const(Value::None));
                    }
                }
                self.emit_at(Instr::Yield, y);
            }
            Expr::YieldFrom(y) => {
                if !matches!(self.scope().kind, ScopeKind::Function) {
                    return Err(self.syntax(y, "'yield' outside function"));
                }
                if self.scope().is_async {
                    return Err(self.syntax(y, "'yield from' inside async function"));
                }
                self.expr(&y.value)?;
                self.emit_at(Instr::YieldFrom, y);
            }
            Expr::IpyEscapeCommand(_) => return Err(self.syntax(e, "invalid syntax")),
        }
        self.span = span;
        Ok(())
    }

    fn big_literal(&self, at: &Expr, token: &str) -> CResult<Value> {
        let t: String = token.chars().filter(|c| *c != '_').collect();
        let lower = t.to_ascii_lowercase();
        let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
            (d.to_string(), 16)
        } else if let Some(d) = lower.strip_prefix("0o") {
            (d.to_string(), 8)
        } else if let Some(d) = lower.strip_prefix("0b") {
            (d.to_string(), 2)
        } else {
            (lower.clone(), 10)
        };
        if radix == 10 && digits.len() > MAX_LITERAL_DIGITS {
            return Err(self.unsupported(
                at,
                format!(
                    "an integer literal of {} digits (3.11+ refuse more than {MAX_LITERAL_DIGITS})",
                    digits.len()
                ),
            ));
        }
        match BigInt::parse_bytes(digits.as_bytes(), radix) {
            Some(b) => Ok(Value::from_bigint(b)),
            None => Err(self.syntax(at, "invalid integer literal")),
        }
    }

    pub(super) fn subscript_index(&mut self, s: &Expr) -> CResult {
        self.expr(s)
    }

    fn slice(&mut self, s: &ast::ExprSlice) -> CResult {
        for part in [&s.lower, &s.upper] {
            match part {
                Some(x) => self.expr(x)?,
                None => {
                    self.emit(Instr::Const(Value::None));
                }
            }
        }
        let n = match &s.step {
            Some(x) => {
                self.expr(x)?;
                3
            }
            None => 2,
        };
        self.emit_at(Instr::BuildSlice(n), s);
        Ok(())
    }

    fn sequence(&mut self, elts: &[Expr], tuple: bool, at: &Expr) -> CResult {
        if elts.iter().any(|x| matches!(x, Expr::Starred(_))) {
            self.emit(Instr::BuildList(0));
            for x in elts {
                match x {
                    Expr::Starred(st) => {
                        self.expr(&st.value)?;
                        self.emit_at(Instr::ListExtend(1), x);
                    }
                    other => {
                        self.expr(other)?;
                        self.emit(Instr::ListAppend(1));
                    }
                }
            }
            if tuple {
                self.emit(Instr::ListToTuple);
            }
        } else {
            for x in elts {
                self.expr(x)?;
            }
            let n = elts.len() as u32;
            self.emit_at(
                if tuple {
                    Instr::BuildTuple(n)
                } else {
                    Instr::BuildList(n)
                },
                at,
            );
        }
        Ok(())
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            let last = i + 1 == n;
            if !last {
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
            }
            let instr = match op {
                ast::CmpOp::Eq => Instr::Compare(CmpOp::Eq),
                ast::CmpOp::NotEq => Instr::Compare(CmpOp::Ne),
                ast::CmpOp::Lt => Instr::Compare(CmpOp::Lt),
                ast::CmpOp::LtE => Instr::Compare(CmpOp::Le),
                ast::CmpOp::Gt => Instr::Compare(CmpOp::Gt),
                ast::CmpOp::GtE => Instr::Compare(CmpOp::Ge),
                ast::CmpOp::Is => Instr::IsOp(false),
                ast::CmpOp::IsNot => Instr::IsOp(true),
                ast::CmpOp::In => Instr::ContainsOp(false),
                ast::CmpOp::NotIn => Instr::ContainsOp(true),
            };
            self.emit_at(instr, c);
            if !last {
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            }
        }
        if !cleanups.is_empty() {
            let j = self.emit(Instr::Jump(0));
            let cleanup = self.here();
            for c in cleanups {
                self.patch(c, cleanup);
            }
            // A false link: drop the operand kept for the next comparison.
            self.emit(Instr::Rot2);
            self.emit(Instr::Pop);
            let end = self.here();
            self.patch(j, end);
        }
        Ok(())
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult {
        // Zero-argument `super()` in a method is `super(__class__, <first argument>)`.
        if let Expr::Name(n) = &*c.func {
            let no_args = c.arguments.args.is_empty() && c.arguments.keywords.is_empty();
            let is_builtin = matches!(
                self.scope().resolve("super"),
                super::symtable::Resolved::GlobalImplicit
            ) && !self.module.names.contains("super");
            if &*n.id == "super"
                && no_args
                && is_builtin
                && self.scope().kind == ScopeKind::Function
            {
                if let Some(first) = self.scope().params.first().cloned() {
                    if self.freevars.iter().any(|f| &**f == "__class__") {
                        self.expr(&c.func)?;
                        self.name_op("__class__", NameOp::Load, c)?;
                        self.name_op(&first, NameOp::Load, c)?;
                        self.emit_at(Instr::Call(2), c);
                        return Ok(());
                    }
                }
            }
        }
        self.expr(&c.func)?;
        let args = &c.arguments;
        let mut seen = std::collections::HashSet::new();
        for k in args.keywords.iter() {
            if let Some(n) = &k.arg {
                if !seen.insert(n.id.as_str()) {
                    return Err(self.syntax(k, format!("keyword argument repeated: {}", n.id)));
                }
            }
        }
        let star = args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let dstar = args.keywords.iter().any(|k| k.arg.is_none());
        if !star && !dstar {
            for a in args.args.iter() {
                self.expr(a)?;
            }
            if args.keywords.is_empty() {
                self.emit_at(Instr::Call(args.args.len() as u32), c);
            } else {
                let mut names = Vec::new();
                for k in args.keywords.iter() {
                    self.expr(&k.value)?;
                    names.push(Rc::from(k.arg.as_ref().expect("no **").id.as_str()));
                }
                self.emit_at(Instr::CallKw(args.args.len() as u32, Rc::from(names)), c);
            }
            return Ok(());
        }
        self.emit(Instr::BuildList(0));
        for a in args.args.iter() {
            match a {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit_at(Instr::ListExtend(1), a);
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        let has_kw = !args.keywords.is_empty();
        if has_kw {
            self.emit(Instr::BuildMap(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(n) => {
                        self.emit(Instr::Const(Value::str(&n.id)));
                        self.expr(&k.value)?;
                        self.emit(Instr::BuildMap(1));
                    }
                    None => self.expr(&k.value)?,
                }
                self.emit_at(Instr::DictMerge(1), k);
            }
        }
        self.emit_at(Instr::CallEx(has_kw), c);
        Ok(())
    }

    fn lambda(&mut self, l: &ast::ExprLambda) -> CResult {
        let empty = ast::Parameters::default();
        let params = l.parameters.as_deref().unwrap_or(&empty);
        let (dflt, kwdflt) = self.defaults(params)?;
        let child = self.st.scope_of(symtable::key(l));
        let qual = self.child_qualname("<lambda>");
        let code = compile_function(
            self.src,
            self.st,
            self.v,
            child,
            &qual,
            "<lambda>",
            params,
            FunctionBody::Expr(&l.body),
            false,
            l.range().into(),
            self.module,
        )?;
        let closure = self.closure_for(child)?;
        self.emit_at(
            Instr::MakeFunction {
                code,
                defaults: dflt,
                kwdefaults: kwdflt,
                closure,
            },
            l,
        );
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
    ) -> CResult {
        let child = self.st.scope_of(symtable::key(e));
        let scope = &self.st.scopes[child];
        let name = scope.name.clone();
        let is_async = scope.is_async;
        if is_async && kind == CompKind::Gen {
            return Err(self.unsupported(e, "asynchronous generator expressions"));
        }
        if is_async
            && !self.scope().is_async
            && (self.v.minor() < 8
                || kind == CompKind::Gen
                || !matches!(self.scope().kind, ScopeKind::Comprehension))
        {
            return Err(self.syntax(
                e,
                "asynchronous comprehension outside of an asynchronous function",
            ));
        }
        let qual = self.child_qualname(&name);
        let mut c =
            super::compile::new_compiler(self.src, self.st, self.v, child, &qual, self.module);
        c.span = e.range().into();
        match kind {
            CompKind::List => {
                c.emit(Instr::BuildList(0));
            }
            CompKind::Set => {
                c.emit(Instr::BuildSet(0));
            }
            CompKind::Dict => {
                c.emit(Instr::BuildMap(0));
            }
            CompKind::Gen => {}
        }
        c.comp_generator(generators, 0, kind, elts)?;
        if kind == CompKind::Gen {
            c.emit(Instr::Const(Value::None));
        }
        c.emit(Instr::Return);
        let mut code = c.finish(&name, code_kind(kind), e.range().into());
        code.argcount = 1;
        code.is_generator = kind == CompKind::Gen;
        code.is_coroutine = is_async;
        super::compile::link_cell_params(&mut code);
        let code = Rc::new(code);
        let closure = self.closure_for(child)?;
        self.span = e.range().into();
        self.emit(Instr::MakeFunction {
            code,
            defaults: false,
            kwdefaults: false,
            closure,
        });
        self.expr(&generators[0].iter)?;
        self.span = e.range().into();
        if generators[0].is_async {
            self.emit(Instr::GetAIter);
        } else {
            self.emit(Instr::GetIter);
        }
        self.emit(Instr::Call(1));
        if is_async {
            self.emit(Instr::Await);
        }
        Ok(())
    }

    fn comp_generator(
        &mut self,
        gens: &[ast::Comprehension],
        i: usize,
        kind: CompKind,
        elts: &[&Expr],
    ) -> CResult {
        let g = &gens[i];
        if i == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            if g.is_async {
                self.emit(Instr::GetAIter);
            } else {
                self.emit(Instr::GetIter);
            }
        }
        let top = self.here();
        let (exit_patch, is_async) = if g.is_async {
            let setup = self.emit(Instr::SetupExcept(0));
            self.emit(Instr::GetANext);
            self.emit(Instr::Await);
            self.emit(Instr::PopBlock);
            (setup, true)
        } else {
            (self.emit(Instr::ForIter(0)), false)
        };
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Instr::PopJumpIfFalse(top));
        }
        if i + 1 < gens.len() {
            self.comp_generator(gens, i + 1, kind, elts)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match kind {
                CompKind::List => {
                    self.expr(elts[0])?;
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(elts[0])?;
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(elts[0])?;
                    self.expr(elts[1])?;
                    self.emit(Instr::MapAdd(depth));
                }
                CompKind::Gen => {
                    self.expr(elts[0])?;
                    self.emit(Instr::Yield);
                    self.emit(Instr::Pop);
                }
            }
        }
        self.emit(Instr::Jump(top));
        let end = self.here();
        self.patch(exit_patch, end);
        if is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> CResult {
        let mut n = 0u32;
        for part in f.value.as_slice() {
            match part {
                ast::FStringPart::Literal(l) => {
                    if !l.value.is_empty() {
                        self.emit(Instr::Const(Value::str(&l.value)));
                        n += 1;
                    }
                }
                ast::FStringPart::FString(fs) => {
                    n += self.fstring_elements(&fs.elements)?;
                }
            }
        }
        if n != 1 {
            self.emit_at(Instr::BuildString(n), f);
        }
        Ok(())
    }

    /// Push the pieces of an f-string; returns how many.
    fn fstring_elements(&mut self, els: &ast::InterpolatedStringElements) -> CResult<u32> {
        let mut n = 0;
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.emit(Instr::Const(Value::str(&l.value)));
                    n += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => Conversion::None,
                        ast::ConversionFlag::Str => Conversion::Str,
                        ast::ConversionFlag::Repr => Conversion::Repr,
                        ast::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    if let Some(d) = &i.debug_text {
                        // `{x=}` writes its own text first, and defaults to repr().
                        let text = format!("{}{}{}", d.leading(), d.expression(), d.trailing());
                        self.emit(Instr::Const(Value::str(&text)));
                        n += 1;
                        if conv == Conversion::None && i.format_spec.is_none() {
                            conv = Conversion::Repr;
                        }
                    }
                    self.expr(&i.expression)?;
                    let has_spec = match &i.format_spec {
                        Some(spec) => {
                            let k = self.fstring_elements(&spec.elements)?;
                            if k != 1 {
                                self.emit(Instr::BuildString(k));
                            }
                            true
                        }
                        None => false,
                    };
                    self.emit_at(Instr::FormatValue(conv, has_spec), i);
                    n += 1;
                }
            }
        }
        Ok(n)
    }
}

/// Does a string literal's source escape a lone surrogate (`\ud800`)? A Rust string cannot
/// hold one.
fn has_surrogate_escape(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            let hex = match b[i + 1] {
                b'u' if i + 6 <= b.len() => Some(&raw[i + 2..i + 6]),
                b'U' if i + 10 <= b.len() => Some(&raw[i + 6..i + 10]),
                _ => None,
            };
            if let Some(h) = hex {
                if let Ok(n) = u32::from_str_radix(h, 16) {
                    let high = if b[i + 1] == b'U' {
                        u32::from_str_radix(&raw[i + 2..i + 6], 16).unwrap_or(1)
                    } else {
                        0
                    };
                    if high == 0 && (0xd800..=0xdfff).contains(&n) {
                        return true;
                    }
                }
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    false
}

fn code_kind(k: CompKind) -> CodeKind {
    match k {
        CompKind::Gen => CodeKind::GenExpr,
        _ => CodeKind::Comprehension,
    }
}
