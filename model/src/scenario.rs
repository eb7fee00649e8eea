//! Scenario files: an asyncio program as JSON (coroutine definitions and a main body, with
//! statements written in a small Python subset), loaded with errors that name the file and the
//! place in it.
//!
//! ```json
//! {
//!   "description": "gather: the first exception propagates",
//!   "python": ["3.8", "3.13"],
//!   "entry": "asyncio.run",
//!   "coroutines": {
//!     "work": {"params": ["i"], "body": ["await asyncio.sleep(i)", "raise ValueError(i)"]}
//!   },
//!   "main": [
//!     {"try": ["await asyncio.gather(work(1), work(2))"],
//!      "except": [{"type": "ValueError", "as": "e", "body": ["print('caught', repr(e))"]}]}
//!   ]
//! }
//! ```

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value as J};

use crate::ast::*;
use crate::compile::{self, Program, ASYNCIO_CONSTS, ASYNCIO_EXCS, ASYNCIO_FUNCS, BUILTIN_FUNCS};
use crate::exceptions::ExcClass;
use crate::parse::{parse_expr, parse_simple_stmt};
use crate::runners::Entry;
use crate::version::PyVersion;

/// A scenario that failed to load: which file, where in it, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub file: String,
    /// A JSON path (`main[2].except[0].body[1]`), with the column for errors inside a
    /// statement's text, or a line and column for JSON syntax errors.
    pub place: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: at {}: {}", self.file, self.place, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// A loaded, validated scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    /// The Python versions it targets (all of 3.7–3.13 when the file names none).
    pub python: Vec<PyVersion>,
    /// References: CPython tests it ports, issues.
    pub cites: Vec<String>,
    /// SPEC rule ids it illustrates.
    pub rules: Vec<String>,
    pub entry: Entry,
    /// Coroutine definitions; the last is `main`.
    pub defs: Vec<CoroDef>,
    pub program: Program,
}

struct Loader<'a> {
    file: &'a str,
}

impl Loader<'_> {
    fn err(&self, place: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            file: self.file.to_string(),
            place: place.to_string(),
            message: message.into(),
        }
    }

    fn obj<'j>(
        &self,
        v: &'j J,
        place: &str,
        what: &str,
    ) -> Result<&'j Map<String, J>, ScenarioError> {
        v.as_object()
            .ok_or_else(|| self.err(place, format!("{what} must be a JSON object")))
    }

    fn check_keys(
        &self,
        m: &Map<String, J>,
        place: &str,
        allowed: &[&str],
    ) -> Result<(), ScenarioError> {
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(self.err(
                    place,
                    format!(
                        "unknown field {k:?} (expected one of: {})",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn str_list(&self, v: &J, place: &str) -> Result<Vec<String>, ScenarioError> {
        let arr = v
            .as_array()
            .ok_or_else(|| self.err(place, "must be a list of strings"))?;
        arr.iter()
            .enumerate()
            .map(|(i, x)| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| self.err(&format!("{place}[{i}]"), "must be a string"))
            })
            .collect()
    }

    fn body(&self, v: &J, place: &str) -> Result<Vec<Stmt>, ScenarioError> {
        let arr = v
            .as_array()
            .ok_or_else(|| self.err(place, "a body must be a list of statements"))?;
        arr.iter()
            .enumerate()
            .map(|(i, s)| self.stmt(s, &format!("{place}[{i}]")))
            .collect()
    }

    fn expr_at(&self, text: &str, place: &str) -> Result<Expr, ScenarioError> {
        parse_expr(text).map_err(|e| self.err(&format!("{place} (column {})", e.col), e.msg))
    }

    fn stmt(&self, v: &J, place: &str) -> Result<Stmt, ScenarioError> {
        if let Some(text) = v.as_str() {
            return parse_simple_stmt(text)
                .map_err(|e| self.err(&format!("{place} (column {})", e.col), e.msg));
        }
        let m = self.obj(v, place, "a statement (other than a string)")?;
        if let Some(cond) = m.get("if") {
            self.check_keys(m, place, &["if", "then", "else"])?;
            let cond = cond
                .as_str()
                .ok_or_else(|| self.err(&format!("{place}.if"), "must be a string"))?;
            let then = m
                .get("then")
                .ok_or_else(|| self.err(place, "an 'if' needs 'then'"))?;
            return Ok(Stmt::If {
                cond: self.expr_at(cond, &format!("{place}.if"))?,
                then: self.body(then, &format!("{place}.then"))?,
                els: match m.get("else") {
                    Some(e) => self.body(e, &format!("{place}.else"))?,
                    None => vec![],
                },
            });
        }
        if let Some(var) = m.get("for") {
            self.check_keys(m, place, &["for", "in", "body"])?;
            let var = var
                .as_str()
                .ok_or_else(|| self.err(&format!("{place}.for"), "must be a name"))?;
            let var = crate::parse::parse_target_name(var)
                .map_err(|e| self.err(&format!("{place}.for (column {})", e.col), e.msg))?;
            let it = m
                .get("in")
                .and_then(J::as_str)
                .ok_or_else(|| self.err(place, "a 'for' needs 'in' (a string)"))?;
            let body = m
                .get("body")
                .ok_or_else(|| self.err(place, "a 'for' needs 'body'"))?;
            return Ok(Stmt::For {
                var,
                iter: self.expr_at(it, &format!("{place}.in"))?,
                body: self.body(body, &format!("{place}.body"))?,
            });
        }
        if let Some(body) = m.get("try") {
            self.check_keys(m, place, &["try", "except", "else", "finally"])?;
            let mut handlers = Vec::new();
            if let Some(hs) = m.get("except") {
                let arr = hs.as_array().ok_or_else(|| {
                    self.err(&format!("{place}.except"), "must be a list of handlers")
                })?;
                for (i, h) in arr.iter().enumerate() {
                    let hp = format!("{place}.except[{i}]");
                    let hm = self.obj(h, &hp, "an except handler")?;
                    self.check_keys(hm, &hp, &["type", "as", "body"])?;
                    let types = match hm.get("type") {
                        None | Some(J::Null) => None,
                        Some(J::String(t)) => Some(self.expr_at(t, &format!("{hp}.type"))?),
                        Some(_) => return Err(self.err(&format!("{hp}.type"), "must be a string")),
                    };
                    let name = match hm.get("as") {
                        None | Some(J::Null) => None,
                        Some(J::String(n)) => {
                            Some(crate::parse::parse_target_name(n).map_err(|e| {
                                self.err(&format!("{hp}.as (column {})", e.col), e.msg)
                            })?)
                        }
                        Some(_) => return Err(self.err(&format!("{hp}.as"), "must be a name")),
                    };
                    let hb = hm
                        .get("body")
                        .ok_or_else(|| self.err(&hp, "a handler needs 'body'"))?;
                    handlers.push(Handler {
                        types,
                        name,
                        body: self.body(hb, &format!("{hp}.body"))?,
                    });
                }
            }
            let orelse = match m.get("else") {
                Some(e) => self.body(e, &format!("{place}.else"))?,
                None => vec![],
            };
            let finally = match m.get("finally") {
                Some(e) => self.body(e, &format!("{place}.finally"))?,
                None => vec![],
            };
            if handlers.is_empty() && finally.is_empty() {
                return Err(self.err(place, "a 'try' needs 'except' or 'finally'"));
            }
            if !orelse.is_empty() && handlers.is_empty() {
                return Err(self.err(place, "a 'try' with 'else' needs 'except'"));
            }
            return Ok(Stmt::Try {
                body: self.body(body, &format!("{place}.try"))?,
                handlers,
                orelse,
                finally,
            });
        }
        Err(self.err(place, "a statement object must have 'if', 'for' or 'try'"))
    }
}

/// Load and validate a scenario from JSON text. `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let l = Loader { file };
    let root: J = serde_json::from_str(text).map_err(|e| {
        l.err(
            &format!("line {}, column {}", e.line(), e.column()),
            format!("invalid JSON: {e}"),
        )
    })?;
    let m = l.obj(&root, "", "a scenario")?;
    l.check_keys(
        m,
        "top level",
        &[
            "description",
            "python",
            "cites",
            "rules",
            "entry",
            "until",
            "coroutines",
            "main",
        ],
    )?;
    let description = match m.get("description") {
        None => String::new(),
        Some(J::String(s)) => s.clone(),
        Some(_) => return Err(l.err("description", "must be a string")),
    };
    let python = match m.get("python") {
        None => PyVersion::ALL.to_vec(),
        Some(v) => {
            let names = l.str_list(v, "python")?;
            let mut out = Vec::new();
            for (i, n) in names.iter().enumerate() {
                out.push(
                    n.parse::<PyVersion>()
                        .map_err(|e| l.err(&format!("python[{i}]"), e))?,
                );
            }
            if out.is_empty() {
                return Err(l.err("python", "must name at least one version"));
            }
            out
        }
    };
    let cites = match m.get("cites") {
        None => vec![],
        Some(v) => l.str_list(v, "cites")?,
    };
    let rules = match m.get("rules") {
        None => vec![],
        Some(v) => l.str_list(v, "rules")?,
    };
    let until = match m.get("until") {
        None | Some(J::Null) => None,
        Some(J::Number(n)) => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if !(f >= 0.0 && f.is_finite()) {
                return Err(l.err("until", "must be a finite number >= 0"));
            }
            Some(f)
        }
        Some(_) => return Err(l.err("until", "must be a number")),
    };
    let entry = match m.get("entry").map(|e| e.as_str()) {
        None | Some(Some("asyncio.run")) => {
            if until.is_some() {
                return Err(l.err("until", "'until' applies only to entry \"run_forever\""));
            }
            Entry::Run
        }
        Some(Some("run_forever")) => Entry::RunForever { until },
        Some(Some(other)) => {
            return Err(l.err(
                "entry",
                format!("unknown entry {other:?} (expected \"asyncio.run\" or \"run_forever\")"),
            ))
        }
        Some(None) => return Err(l.err("entry", "must be a string")),
    };
    let mut defs = Vec::new();
    if let Some(cs) = m.get("coroutines") {
        let cm = l.obj(cs, "coroutines", "'coroutines'")?;
        for (name, def) in cm {
            let place = format!("coroutines.{name}");
            if crate::parse::parse_target_name(name).is_err() || name == "main" {
                return Err(l.err(&place, format!("{name:?} is not a usable coroutine name")));
            }
            let dm = l.obj(def, &place, "a coroutine definition")?;
            l.check_keys(dm, &place, &["params", "body"])?;
            let params = match dm.get("params") {
                None => vec![],
                Some(p) => l.str_list(p, &format!("{place}.params"))?,
            };
            let body = dm
                .get("body")
                .ok_or_else(|| l.err(&place, "a coroutine needs 'body'"))?;
            let body = l.body(body, &format!("{place}.body"))?;
            defs.push(CoroDef {
                name: name.clone(),
                params,
                body,
            });
        }
    }
    let main = m
        .get("main")
        .ok_or_else(|| l.err("top level", "missing field \"main\" (main's body)"))?;
    let main_body = l.body(main, "main")?;
    defs.push(CoroDef {
        name: "main".into(),
        params: vec![],
        body: main_body,
    });
    for d in &defs {
        let place = if d.name == "main" {
            "main".to_string()
        } else {
            format!("coroutines.{}.body", d.name)
        };
        validate(&l, d, &defs, &place)?;
    }
    let main_index = defs.len() - 1;
    let program = compile::compile(&defs, main_index);
    let name = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    Ok(Scenario {
        name,
        description,
        python,
        cites,
        rules,
        entry,
        defs,
        program,
    })
}

/// Load a scenario file.
pub fn load_file(path: &std::path::Path) -> Result<Scenario, ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScenarioError {
        file: file.clone(),
        place: String::new(),
        message: format!("cannot read: {e}"),
    })?;
    load_str(&text, &file)
}

/// Static checks: every name is defined, every call of an asyncio function uses known keyword
/// arguments, and literal timeouts and return_when values are valid.
fn validate(l: &Loader, d: &CoroDef, defs: &[CoroDef], place: &str) -> Result<(), ScenarioError> {
    let locals: HashSet<String> = compile::collect_locals(&d.params, &d.body)
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    for p in &d.params {
        if !seen.insert(p) {
            return Err(l.err(place, format!("duplicate parameter {p:?}")));
        }
    }
    let ctx = Ctx {
        l,
        locals: &locals,
        defs,
    };
    ctx.stmts(&d.body, place)
}

struct Ctx<'a> {
    l: &'a Loader<'a>,
    locals: &'a HashSet<String>,
    defs: &'a [CoroDef],
}

impl Ctx<'_> {
    fn stmts(&self, body: &[Stmt], place: &str) -> Result<(), ScenarioError> {
        for (i, s) in body.iter().enumerate() {
            self.stmt(s, &format!("{place}[{i}]"))?;
        }
        Ok(())
    }
    fn stmt(&self, s: &Stmt, place: &str) -> Result<(), ScenarioError> {
        match s {
            Stmt::Expr(e) | Stmt::Assign(_, e) | Stmt::Return(Some(e)) | Stmt::Raise(Some(e)) => {
                self.expr(e, place)
            }
            Stmt::Return(None) | Stmt::Raise(None) | Stmt::Pass => Ok(()),
            Stmt::If { cond, then, els } => {
                self.expr(cond, &format!("{place}.if"))?;
                self.stmts(then, &format!("{place}.then"))?;
                self.stmts(els, &format!("{place}.else"))
            }
            Stmt::For { iter, body, .. } => {
                self.expr(iter, &format!("{place}.in"))?;
                self.stmts(body, &format!("{place}.body"))
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                self.stmts(body, &format!("{place}.try"))?;
                for (i, h) in handlers.iter().enumerate() {
                    if let Some(t) = &h.types {
                        self.expr(t, &format!("{place}.except[{i}].type"))?;
                    }
                    self.stmts(&h.body, &format!("{place}.except[{i}].body"))?;
                }
                self.stmts(orelse, &format!("{place}.else"))?;
                self.stmts(finally, &format!("{place}.finally"))
            }
        }
    }

    fn expr(&self, e: &Expr, place: &str) -> Result<(), ScenarioError> {
        let l = self.l;
        match e {
            Expr::Const(_) => Ok(()),
            Expr::Name(n) => {
                let known = self.locals.contains(n)
                    || self.defs.iter().any(|d| &d.name == n)
                    || BUILTIN_FUNCS.iter().any(|(k, _)| k == n)
                    || n == "asyncio"
                    || ExcClass::BUILTIN_NAMES.contains(&n.as_str());
                if known {
                    Ok(())
                } else {
                    Err(l.err(place, format!("name '{n}' is not defined")))
                }
            }
            Expr::Attr(obj, attr) => {
                if matches!(&**obj, Expr::Name(n) if n == "asyncio") {
                    let ok = ASYNCIO_FUNCS.iter().any(|(k, _)| k == attr)
                        || ASYNCIO_EXCS.iter().any(|k| &k[8..] == attr)
                        || ASYNCIO_CONSTS.contains(&attr.as_str());
                    if !ok {
                        return Err(l.err(
                            place,
                            format!("asyncio.{attr} is not part of what aiospec models"),
                        ));
                    }
                    return Ok(());
                }
                self.expr(obj, place)
            }
            Expr::Call { func, args, kwargs } => {
                self.expr(func, place)?;
                for a in args {
                    match a {
                        Arg::Pos(x) | Arg::Star(x) => self.expr(x, place)?,
                    }
                }
                for (_, v) in kwargs {
                    self.expr(v, place)?;
                }
                self.check_call(func, args, kwargs, place)
            }
            Expr::List(items) => {
                for a in items {
                    match a {
                        Arg::Pos(x) | Arg::Star(x) => self.expr(x, place)?,
                    }
                }
                Ok(())
            }
            Expr::Tuple(items) => items.iter().try_for_each(|x| self.expr(x, place)),
            Expr::ListComp {
                elt, iter, cond, ..
            } => {
                self.expr(elt, place)?;
                self.expr(iter, place)?;
                if let Some(c) = cond {
                    self.expr(c, place)?;
                }
                Ok(())
            }
            Expr::Subscript(a, b)
            | Expr::Binary(_, a, b)
            | Expr::Compare(_, a, b)
            | Expr::And(a, b)
            | Expr::Or(a, b) => {
                self.expr(a, place)?;
                self.expr(b, place)
            }
            Expr::Neg(a) | Expr::Not(a) | Expr::Await(a) => self.expr(a, place),
            Expr::IfElse { cond, then, els } => {
                self.expr(cond, place)?;
                self.expr(then, place)?;
                self.expr(els, place)
            }
        }
    }

    /// Known keyword arguments and literal argument values of asyncio calls.
    fn check_call(
        &self,
        func: &Expr,
        args: &[Arg],
        kwargs: &[(String, Expr)],
        place: &str,
    ) -> Result<(), ScenarioError> {
        let l = self.l;
        let asyncio_fn = match func {
            Expr::Attr(obj, attr) if matches!(&**obj, Expr::Name(n) if n == "asyncio") => {
                Some(attr.as_str())
            }
            _ => None,
        };
        let allowed: &[&str] = match asyncio_fn {
            Some("gather") => &["return_exceptions"],
            Some("wait") => &["fs", "timeout", "return_when"],
            Some("wait_for") => &["fut", "timeout"],
            Some("sleep") => &["delay", "result"],
            Some("create_task") | Some("ensure_future") => &["coro", "name"],
            _ => {
                if let Expr::Attr(_, m) = func {
                    if m == "cancel" {
                        for (k, _) in kwargs {
                            if k != "msg" {
                                return Err(l.err(
                                    place,
                                    format!("cancel() has no keyword argument {k:?}"),
                                ));
                            }
                        }
                    }
                }
                if let Expr::Name(n) = func {
                    if let Some(d) = self.defs.iter().find(|d| &d.name == n) {
                        let npos = args.iter().filter(|a| matches!(a, Arg::Pos(_))).count();
                        let has_star = args.iter().any(|a| matches!(a, Arg::Star(_)));
                        if !has_star && kwargs.is_empty() && npos != d.params.len() {
                            return Err(l.err(
                                place,
                                format!(
                                    "{n}() takes {} arguments but {npos} were given",
                                    d.params.len()
                                ),
                            ));
                        }
                    }
                }
                return Ok(());
            }
        };
        let name = asyncio_fn.unwrap_or_default();
        for (k, _) in kwargs {
            if !allowed.contains(&k.as_str()) {
                return Err(l.err(
                    place,
                    format!("asyncio.{name}() has no keyword argument {k:?}"),
                ));
            }
        }
        let arg = |pos: usize, kw: &str| -> Option<&Expr> {
            kwargs
                .iter()
                .find(|(k, _)| k == kw)
                .map(|(_, e)| e)
                .or_else(|| match args.get(pos) {
                    Some(Arg::Pos(e)) => Some(e),
                    _ => None,
                })
        };
        let timeout_pos = match name {
            "wait" => Some(1),
            "wait_for" => Some(1),
            "sleep" => Some(0),
            _ => None,
        };
        if let Some(p) = timeout_pos {
            let kw = if name == "sleep" { "delay" } else { "timeout" };
            if let Some(e) = arg(p, kw) {
                if let Some(x) = literal_number(e) {
                    if x.is_nan() || (x < 0.0 && name != "sleep") {
                        return Err(l.err(
                            place,
                            format!("asyncio.{name}(): {kw} must be a number >= 0, not {x}"),
                        ));
                    }
                }
            }
        }
        if name == "wait" {
            if let Some(e) = arg(2, "return_when") {
                let ok = match e {
                    Expr::Attr(obj, attr) if matches!(&**obj, Expr::Name(n) if n == "asyncio") => {
                        ASYNCIO_CONSTS.contains(&attr.as_str())
                    }
                    Expr::Const(Const::Str(s)) => ASYNCIO_CONSTS.contains(&s.as_str()),
                    Expr::Name(_) => true,
                    _ => false,
                };
                if !ok {
                    return Err(l.err(
                        place,
                        "asyncio.wait(): return_when must be asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION or asyncio.ALL_COMPLETED",
                    ));
                }
            }
        }
        Ok(())
    }
}

fn literal_number(e: &Expr) -> Option<f64> {
    match e {
        Expr::Const(Const::Int(i)) => Some(*i as f64),
        Expr::Const(Const::Float(f)) => Some(*f),
        Expr::Neg(x) => literal_number(x).map(|v| -v),
        _ => None,
    }
}
