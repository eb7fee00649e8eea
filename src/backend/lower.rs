//! The programs the implementation backend runs: the subset of Python its interpreter
//! knows (module-level `async def`s, a `main`, and `asyncio.run(main())` or the
//! `run_forever` pattern), lowered from ruff's syntax tree to `ast.rs`. Anything else is
//! `Unsupported`, and the conformance suite counts the program as skipped, with the reason.

use ruff_python_ast::{self as py, Expr as PE, Stmt as PS};

use super::ast::*;
use super::Unsupported;
use aiospec_model::Program;

/// How the program's main coroutine is started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    /// `asyncio.run(main())`.
    Run,
    /// `loop = asyncio.new_event_loop(); loop.create_task(main());
    /// [loop.call_later(until, loop.stop);] loop.run_forever(); loop.close()`.
    RunForever { until: Option<f64> },
}

fn unsupported(what: impl Into<String>) -> Unsupported {
    Unsupported(what.into())
}

/// The coroutine definitions (main last) and the entry of a program.
pub fn lower(p: &Program) -> Result<(Vec<CoroDef>, Entry), Unsupported> {
    let parsed = ruff_python_parser::parse_module(p.text())
        .map_err(|e| unsupported(format!("a program that does not parse: {}", e.error)))?;
    let module = parsed.into_syntax();
    let mut defs = Vec::new();
    let mut main = None;
    let mut tail: Vec<&PS> = Vec::new();
    for s in module.body.iter() {
        match s {
            PS::Import(i)
                if i.names.len() == 1
                    && &*i.names[0].name.id == "asyncio"
                    && i.names[0].asname.is_none() => {}
            PS::FunctionDef(f) if f.is_async && f.decorator_list.is_empty() => {
                let mut params = Vec::new();
                let ps = &f.parameters;
                if !ps.posonlyargs.is_empty()
                    || ps.vararg.is_some()
                    || !ps.kwonlyargs.is_empty()
                    || ps.kwarg.is_some()
                {
                    return Err(unsupported("parameters other than plain names"));
                }
                for a in ps.args.iter() {
                    if a.default.is_some() {
                        return Err(unsupported("default parameter values"));
                    }
                    params.push(a.parameter.name.id.to_string());
                }
                let def = CoroDef {
                    name: f.name.id.to_string(),
                    params,
                    body: stmts(&f.body)?,
                };
                if def.name == "main" {
                    main = Some(def);
                } else {
                    defs.push(def);
                }
            }
            other => tail.push(other),
        }
    }
    let Some(main) = main else {
        return Err(unsupported("a program without `async def main()`"));
    };
    if !main.params.is_empty() {
        return Err(unsupported("main with parameters"));
    }
    defs.push(main);
    Ok((defs, entry(&tail)?))
}

/// The program's last statements: how it starts main.
fn entry(tail: &[&PS]) -> Result<Entry, Unsupported> {
    let src: Vec<String> = tail
        .iter()
        .map(|s| stmt_text(s))
        .collect::<Option<_>>()
        .ok_or_else(|| unsupported("module-level code other than the entry"))?;
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["asyncio.run(main())"] => Ok(Entry::Run),
        ["loop = asyncio.new_event_loop()", "loop.create_task(main())", rest @ ..] => {
            let (until, rest) = match rest.first() {
                Some(l) if l.starts_with("loop.call_later(") && l.ends_with(", loop.stop)") => {
                    let n = &l["loop.call_later(".len()..l.len() - ", loop.stop)".len()];
                    let u: f64 = n
                        .parse()
                        .map_err(|_| unsupported("a call_later delay that is not a number"))?;
                    (Some(u), &rest[1..])
                }
                _ => (None, rest),
            };
            match rest {
                ["loop.run_forever()", "loop.close()"] | ["loop.run_forever()"] => {
                    Ok(Entry::RunForever { until })
                }
                _ => Err(unsupported("module-level code other than the entry")),
            }
        }
        _ => Err(unsupported("module-level code other than the entry")),
    }
}

/// A simple statement as normalised text (for matching the entry's fixed shapes).
fn stmt_text(s: &PS) -> Option<String> {
    fn e(x: &PE) -> Option<String> {
        Some(match x {
            PE::Name(n) => n.id.to_string(),
            PE::Attribute(a) => format!("{}.{}", e(&a.value)?, a.attr.id),
            PE::Call(c) => {
                let mut parts = Vec::new();
                for a in c.arguments.args.iter() {
                    parts.push(e(a)?);
                }
                if !c.arguments.keywords.is_empty() {
                    return None;
                }
                format!("{}({})", e(&c.func)?, parts.join(", "))
            }
            PE::NumberLiteral(n) => match &n.value {
                py::Number::Int(i) => i.to_string(),
                py::Number::Float(f) => f.to_string(),
                _ => return None,
            },
            _ => return None,
        })
    }
    match s {
        PS::Expr(x) => e(&x.value),
        PS::Assign(a) if a.targets.len() == 1 => {
            Some(format!("{} = {}", e(&a.targets[0])?, e(&a.value)?))
        }
        _ => None,
    }
}

fn stmts(body: &[PS]) -> Result<Vec<Stmt>, Unsupported> {
    body.iter().map(stmt).collect()
}

fn name_of(t: &PE) -> Result<String, Unsupported> {
    match t {
        PE::Name(n) => Ok(n.id.to_string()),
        _ => Err(unsupported("assignment targets other than names")),
    }
}

fn stmt(s: &PS) -> Result<Stmt, Unsupported> {
    Ok(match s {
        PS::Expr(e) => Stmt::Expr(expr(&e.value)?),
        PS::Pass(_) => Stmt::Pass,
        PS::Assign(a) => {
            if a.targets.len() != 1 {
                return Err(unsupported("chained assignment"));
            }
            let names = match &a.targets[0] {
                PE::Tuple(t) => t.elts.iter().map(name_of).collect::<Result<_, _>>()?,
                PE::List(t) => t.elts.iter().map(name_of).collect::<Result<_, _>>()?,
                other => vec![name_of(other)?],
            };
            Stmt::Assign(names, expr(&a.value)?)
        }
        PS::Return(r) => Stmt::Return(r.value.as_deref().map(expr).transpose()?),
        PS::Raise(r) => {
            if r.cause.is_some() {
                return Err(unsupported("raise ... from ..."));
            }
            Stmt::Raise(r.exc.as_deref().map(expr).transpose()?)
        }
        PS::If(i) => {
            let mut els = Vec::new();
            // elif chains become nested ifs, from the last clause up.
            for c in i.elif_else_clauses.iter().rev() {
                match &c.test {
                    Some(t) => {
                        els = vec![Stmt::If {
                            cond: expr(t)?,
                            then: stmts(&c.body)?,
                            els,
                        }]
                    }
                    None => els = stmts(&c.body)?,
                }
            }
            Stmt::If {
                cond: expr(&i.test)?,
                then: stmts(&i.body)?,
                els,
            }
        }
        PS::For(f) => {
            if f.is_async || !f.orelse.is_empty() {
                return Err(unsupported("async for, or for ... else"));
            }
            Stmt::For {
                var: name_of(&f.target)?,
                iter: expr(&f.iter)?,
                body: stmts(&f.body)?,
            }
        }
        PS::Try(t) => {
            if t.is_star {
                return Err(unsupported("except*"));
            }
            let mut handlers = Vec::new();
            for h in &t.handlers {
                let py::ExceptHandler::ExceptHandler(h) = h;
                handlers.push(Handler {
                    types: h.type_.as_deref().map(expr).transpose()?,
                    name: h.name.as_ref().map(|n| n.id.to_string()),
                    body: stmts(&h.body)?,
                });
            }
            Stmt::Try {
                body: stmts(&t.body)?,
                handlers,
                orelse: stmts(&t.orelse)?,
                finally: stmts(&t.finalbody)?,
            }
        }
        PS::With(w) => {
            if !w.is_async || w.items.len() != 1 {
                return Err(unsupported("with, or async with of several items"));
            }
            let item = &w.items[0];
            Stmt::AsyncWith {
                ctx: expr(&item.context_expr)?,
                var: item.optional_vars.as_deref().map(name_of).transpose()?,
                body: stmts(&w.body)?,
            }
        }
        _ => return Err(unsupported("a statement the backend does not run")),
    })
}

fn args(items: &[PE]) -> Result<Vec<Arg>, Unsupported> {
    items
        .iter()
        .map(|a| match a {
            PE::Starred(s) => Ok(Arg::Star(expr(&s.value)?)),
            other => Ok(Arg::Pos(expr(other)?)),
        })
        .collect()
}

fn expr(e: &PE) -> Result<Expr, Unsupported> {
    Ok(match e {
        PE::NoneLiteral(_) => Expr::Const(Const::None),
        PE::BooleanLiteral(b) => Expr::Const(Const::Bool(b.value)),
        PE::NumberLiteral(n) => match &n.value {
            py::Number::Int(i) => Expr::Const(Const::Int(
                i.as_i64()
                    .ok_or_else(|| unsupported("ints beyond 64 bits"))?,
            )),
            py::Number::Float(f) => Expr::Const(Const::Float(*f)),
            _ => return Err(unsupported("complex numbers")),
        },
        PE::StringLiteral(s) => Expr::Const(Const::Str(s.value.to_str().to_string())),
        PE::Name(n) => Expr::Name(n.id.to_string()),
        PE::List(l) => Expr::List(args(&l.elts)?),
        PE::Tuple(t) => Expr::Tuple(t.elts.iter().map(expr).collect::<Result<_, _>>()?),
        PE::ListComp(c) => {
            if c.generators.len() != 1 || c.generators[0].ifs.len() > 1 || c.generators[0].is_async
            {
                return Err(unsupported(
                    "comprehensions other than one `for` and one `if`",
                ));
            }
            let g = &c.generators[0];
            Expr::ListComp {
                elt: Box::new(expr(&c.elt)?),
                var: name_of(&g.target)?,
                iter: Box::new(expr(&g.iter)?),
                cond: g.ifs.first().map(expr).transpose()?.map(Box::new),
            }
        }
        PE::Call(c) => {
            let mut kwargs = Vec::new();
            for k in c.arguments.keywords.iter() {
                let Some(n) = &k.arg else {
                    return Err(unsupported("**kwargs in calls"));
                };
                kwargs.push((n.id.to_string(), expr(&k.value)?));
            }
            Expr::Call {
                func: Box::new(expr(&c.func)?),
                args: args(&c.arguments.args)?,
                kwargs,
            }
        }
        PE::Attribute(a) => Expr::Attr(Box::new(expr(&a.value)?), a.attr.id.to_string()),
        PE::Subscript(s) => {
            if matches!(&*s.slice, PE::Slice(_)) {
                return Err(unsupported("slices"));
            }
            Expr::Subscript(Box::new(expr(&s.value)?), Box::new(expr(&s.slice)?))
        }
        PE::UnaryOp(u) => match u.op {
            py::UnaryOp::USub => Expr::Neg(Box::new(expr(&u.operand)?)),
            py::UnaryOp::Not => Expr::Not(Box::new(expr(&u.operand)?)),
            _ => return Err(unsupported("unary + and ~")),
        },
        PE::Await(a) => Expr::Await(Box::new(expr(&a.value)?)),
        PE::BinOp(b) => {
            let op = match b.op {
                py::Operator::Add => BinOp::Add,
                py::Operator::Sub => BinOp::Sub,
                py::Operator::Mult => BinOp::Mul,
                py::Operator::Div => BinOp::Div,
                py::Operator::FloorDiv => BinOp::FloorDiv,
                py::Operator::Mod => BinOp::Mod,
                _ => return Err(unsupported("this arithmetic operator")),
            };
            Expr::Binary(op, Box::new(expr(&b.left)?), Box::new(expr(&b.right)?))
        }
        PE::Compare(c) => {
            if c.ops.len() != 1 {
                return Err(unsupported("chained comparisons"));
            }
            let op = match c.ops[0] {
                py::CmpOp::Eq => CmpOp::Eq,
                py::CmpOp::NotEq => CmpOp::Ne,
                py::CmpOp::Lt => CmpOp::Lt,
                py::CmpOp::LtE => CmpOp::Le,
                py::CmpOp::Gt => CmpOp::Gt,
                py::CmpOp::GtE => CmpOp::Ge,
                py::CmpOp::Is => CmpOp::Is,
                py::CmpOp::IsNot => CmpOp::IsNot,
                py::CmpOp::In => CmpOp::In,
                py::CmpOp::NotIn => CmpOp::NotIn,
            };
            Expr::Compare(
                op,
                Box::new(expr(&c.left)?),
                Box::new(expr(&c.comparators[0])?),
            )
        }
        PE::BoolOp(b) => {
            let mut it = b.values.iter();
            let mut acc = expr(it.next().expect("two or more"))?;
            for v in it {
                let r = expr(v)?;
                acc = match b.op {
                    py::BoolOp::And => Expr::And(Box::new(acc), Box::new(r)),
                    py::BoolOp::Or => Expr::Or(Box::new(acc), Box::new(r)),
                };
            }
            acc
        }
        PE::If(i) => Expr::IfElse {
            cond: Box::new(expr(&i.test)?),
            then: Box::new(expr(&i.body)?),
            els: Box::new(expr(&i.orelse)?),
        },
        _ => return Err(unsupported("an expression the backend does not evaluate")),
    })
}
