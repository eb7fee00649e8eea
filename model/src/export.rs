//! `aiospec export`: a scenario as the Python program it stands for, runnable by hand with
//! any installed interpreter and by the oracle.

use crate::ast::*;
use crate::exceptions::ExcClass;
use crate::runners::Entry;
use crate::scenario::Scenario;
use crate::value::{repr_float, repr_str};
use crate::version::PyVersion;

/// Python source for `s` as version `v` runs it (3.7 has no task names, so `name=` is dropped
/// there).
pub fn export(s: &Scenario, v: PyVersion) -> String {
    let mut out = String::new();
    if !s.description.is_empty() {
        for line in s.description.lines() {
            out.push_str(&format!("# {line}\n"));
        }
    }
    out.push_str(&format!("# Exported by aiospec for Python {v}.\n"));
    out.push_str("import asyncio\n\n");
    for d in &s.defs {
        out.push_str(&format!(
            "\nasync def {}({}):\n",
            d.name,
            d.params.join(", ")
        ));
        block(&mut out, &d.body, 1, v);
        out.push('\n');
    }
    out.push('\n');
    match s.entry {
        Entry::Run => out.push_str("asyncio.run(main())\n"),
        Entry::RunForever { until } => {
            out.push_str("loop = asyncio.new_event_loop()\n");
            out.push_str("loop.create_task(main())\n");
            match until {
                Some(u) => out.push_str(&format!("loop.call_later({}, loop.stop)\n", repr_float(u))),
                None => out.push_str(
                    "# Runs forever in CPython; aiospec's oracle stops the loop when nothing is left to run.\n",
                ),
            }
            out.push_str("loop.run_forever()\nloop.close()\n");
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn block(out: &mut String, body: &[Stmt], level: usize, v: PyVersion) {
    if body.is_empty() {
        indent(out, level);
        out.push_str("pass\n");
        return;
    }
    for s in body {
        stmt(out, s, level, v);
    }
}

fn stmt(out: &mut String, s: &Stmt, level: usize, v: PyVersion) {
    indent(out, level);
    match s {
        Stmt::Pass => out.push_str("pass\n"),
        Stmt::Expr(e) => out.push_str(&format!("{}\n", expr(e, v))),
        Stmt::Assign(names, e) => out.push_str(&format!("{} = {}\n", names.join(", "), expr(e, v))),
        Stmt::Return(None) => out.push_str("return\n"),
        Stmt::Return(Some(Expr::Tuple(items))) if !items.is_empty() => {
            let parts: Vec<String> = items.iter().map(|x| expr(x, v)).collect();
            out.push_str(&format!("return {}\n", parts.join(", ")));
        }
        Stmt::Return(Some(e)) => out.push_str(&format!("return {}\n", expr(e, v))),
        Stmt::Raise(None) => out.push_str("raise\n"),
        Stmt::Raise(Some(e)) => out.push_str(&format!("raise {}\n", expr(e, v))),
        Stmt::If { cond, then, els } => {
            out.push_str(&format!("if {}:\n", expr(cond, v)));
            block(out, then, level + 1, v);
            if !els.is_empty() {
                indent(out, level);
                out.push_str("else:\n");
                block(out, els, level + 1, v);
            }
        }
        Stmt::For { var, iter, body } => {
            out.push_str(&format!("for {var} in {}:\n", expr(iter, v)));
            block(out, body, level + 1, v);
        }
        Stmt::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            out.push_str("try:\n");
            block(out, body, level + 1, v);
            for h in handlers {
                indent(out, level);
                match (&h.types, &h.name) {
                    (None, _) => out.push_str("except:\n"),
                    (Some(t), None) => out.push_str(&format!("except {}:\n", expr(t, v))),
                    (Some(t), Some(n)) => out.push_str(&format!("except {} as {n}:\n", expr(t, v))),
                }
                block(out, &h.body, level + 1, v);
            }
            if !orelse.is_empty() {
                indent(out, level);
                out.push_str("else:\n");
                block(out, orelse, level + 1, v);
            }
            if !finally.is_empty() {
                indent(out, level);
                out.push_str("finally:\n");
                block(out, finally, level + 1, v);
            }
        }
    }
}

fn args(items: &[Arg], v: PyVersion) -> Vec<String> {
    items
        .iter()
        .map(|a| match a {
            Arg::Pos(e) => expr(e, v),
            Arg::Star(e) => format!("*{}", expr_prec(e, v, 9)),
        })
        .collect()
}

/// Python source for an expression.
pub fn expr(e: &Expr, v: PyVersion) -> String {
    expr_prec(e, v, 0)
}

/// Precedence levels: 0 lambda/ifelse, 1 or, 2 and, 3 not, 4 comparison, 5 +-, 6 */%, 7 unary,
/// 8 await, 9 postfix/atom.
fn expr_prec(e: &Expr, v: PyVersion, min: u8) -> String {
    let (s, p) = match e {
        Expr::Const(c) => (
            match c {
                Const::None => "None".into(),
                Const::Bool(true) => "True".into(),
                Const::Bool(false) => "False".into(),
                Const::Int(i) => i.to_string(),
                Const::Float(f) => repr_float(*f),
                Const::Str(s) => repr_str(s),
            },
            9,
        ),
        Expr::Name(n) => (n.clone(), 9),
        Expr::List(items) => (format!("[{}]", args(items, v).join(", ")), 9),
        Expr::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|x| expr(x, v)).collect();
            if parts.len() == 1 {
                (format!("({},)", parts[0]), 9)
            } else {
                (format!("({})", parts.join(", ")), 9)
            }
        }
        Expr::ListComp {
            elt,
            var,
            iter,
            cond,
        } => {
            let c = cond
                .as_ref()
                .map(|c| format!(" if {}", expr_prec(c, v, 1)))
                .unwrap_or_default();
            (
                format!(
                    "[{} for {var} in {}{c}]",
                    expr(elt, v),
                    expr_prec(iter, v, 1)
                ),
                9,
            )
        }
        Expr::Call {
            func,
            args: a,
            kwargs,
        } => {
            let mut parts = args(a, v);
            let is_create_task = matches!(&**func, Expr::Attr(o, n) if n == "create_task" && matches!(&**o, Expr::Name(m) if m == "asyncio"));
            for (k, val) in kwargs {
                if k == "name" && is_create_task && !v.has_task_names() {
                    continue;
                }
                parts.push(format!("{k}={}", expr(val, v)));
            }
            (
                format!("{}({})", expr_prec(func, v, 9), parts.join(", ")),
                9,
            )
        }
        Expr::Attr(o, n) => (format!("{}.{n}", expr_prec(o, v, 9)), 9),
        Expr::Subscript(a, b) => (format!("{}[{}]", expr_prec(a, v, 9), expr(b, v)), 9),
        Expr::Neg(x) => (format!("-{}", expr_prec(x, v, 7)), 7),
        Expr::Not(x) => (format!("not {}", expr_prec(x, v, 3)), 3),
        Expr::Await(x) => (format!("await {}", expr_prec(x, v, 9)), 8),
        Expr::Binary(op, a, b) => {
            let (sym, p) = match op {
                BinOp::Add => ("+", 5),
                BinOp::Sub => ("-", 5),
                BinOp::Mul => ("*", 6),
                BinOp::Div => ("/", 6),
                BinOp::FloorDiv => ("//", 6),
                BinOp::Mod => ("%", 6),
            };
            (
                format!("{} {sym} {}", expr_prec(a, v, p), expr_prec(b, v, p + 1)),
                p,
            )
        }
        Expr::Compare(op, a, b) => {
            let sym = match op {
                CmpOp::Eq => "==",
                CmpOp::Ne => "!=",
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Gt => ">",
                CmpOp::Ge => ">=",
                CmpOp::Is => "is",
                CmpOp::IsNot => "is not",
                CmpOp::In => "in",
                CmpOp::NotIn => "not in",
            };
            (
                format!("{} {sym} {}", expr_prec(a, v, 5), expr_prec(b, v, 5)),
                4,
            )
        }
        Expr::And(a, b) => (
            format!("{} and {}", expr_prec(a, v, 2), expr_prec(b, v, 3)),
            2,
        ),
        Expr::Or(a, b) => (
            format!("{} or {}", expr_prec(a, v, 1), expr_prec(b, v, 2)),
            1,
        ),
        Expr::IfElse { cond, then, els } => (
            format!(
                "{} if {} else {}",
                expr_prec(then, v, 1),
                expr_prec(cond, v, 1),
                expr_prec(els, v, 0)
            ),
            0,
        ),
    };
    if p < min {
        format!("({s})")
    } else {
        s
    }
}

/// The Python name of an exception class (for docs).
pub fn class_name(c: ExcClass) -> &'static str {
    c.python_name()
}
