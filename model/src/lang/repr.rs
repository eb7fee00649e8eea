//! `repr()` and `str()` exactly as CPython writes them.
//!
//! Where CPython's text holds a memory address (`<__main__.A object at 0x7f3c...>`), the
//! model writes `0x...` and `check` compares the address as that placeholder (SPEC M5).

use std::rc::Rc;

use unicode_general_category::{get_general_category, GeneralCategory as G};

use super::exceptions::E;
use super::num;
use super::object::NativeObj;
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

/// What a memory address prints as.
pub const ADDRESS: &str = "0x...";

/// `str.isprintable()` for one character (CPython's `Py_UNICODE_ISPRINTABLE`).
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

/// `repr()` of a `str`: single quotes unless the text holds a single quote and no double;
/// non-printable characters escaped as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `ascii()` of a string's repr: every non-ASCII character escaped.
pub fn ascii_escape(r: &str) -> String {
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

impl Runtime<'_> {
    /// `str(v)`.
    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(i) => {
                if i.class.tag.is_none() {
                    if let Some(m) = self.lookup_special(v, "__str__") {
                        return self.string_result(&m, "__str__");
                    }
                    if i.exc.is_none() {
                        return self.repr(v);
                    }
                }
                if i.exc.is_some() {
                    return self.exc_str(i);
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    fn string_result(&mut self, m: &Value, name: &str) -> PyResult<String> {
        let r = self.call_value(m, vec![])?;
        match r {
            Value::Str(ref s) => Ok(s.to_string()),
            other => {
                let tn = self.type_name(&other);
                Err(self.err(
                    E::TypeError,
                    &format!("{name} returned non-string (type {tn})"),
                ))
            }
        }
    }

    /// `ascii(v)`.
    pub fn ascii(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        Ok(ascii_escape(&r))
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.repr_inner(v))?;
        // A repr can be several times longer than its object (`repr(repr(s))` doubles the
        // backslashes each time): the size limit holds for it as for any string (SPEC M4).
        self.check_built(r.len())?;
        Ok(r)
    }

    fn repr_inner(&mut self, v: &Value) -> PyResult<String> {
        if !self.tick() {
            return Err(self.refusal_exc());
        }
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Long(b) => num::int::to_str(b, self.v.minor()).map_err(|e| self.num_error(e))?,
            Value::Float(f) => num::float::repr(*f),
            Value::Str(s) => repr_str(s),
            Value::Tuple(t) => {
                self.repr_depth_check()?;
                let items = (**t).clone();
                let parts = self.repr_items(&items)?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Value::List(l) => {
                self.repr_depth_check()?;
                let key = Rc::as_ptr(l) as *const u8 as usize;
                if self.repr_guard_enter(key) {
                    return Ok("[...]".into());
                }
                let items = l.borrow().clone();
                let r = self.repr_items(&items);
                self.repr_guard_leave(key);
                format!("[{}]", r?.join(", "))
            }
            Value::Dict(d) => {
                self.repr_depth_check()?;
                let key = Rc::as_ptr(d) as *const u8 as usize;
                if self.repr_guard_enter(key) {
                    return Ok("{...}".into());
                }
                let items = d.borrow().items();
                let mut parts = Vec::with_capacity(items.len());
                let mut res = Ok(());
                for (k, x) in items {
                    match (self.repr(&k), self.repr(&x)) {
                        (Ok(a), Ok(b)) => parts.push(format!("{a}: {b}")),
                        (Err(e), _) | (_, Err(e)) => {
                            res = Err(e);
                            break;
                        }
                    }
                }
                self.repr_guard_leave(key);
                res?;
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let items = self.set_items(v)?;
                let frozen = matches!(v, Value::FrozenSet(_));
                if items.is_empty() {
                    return Ok(if frozen { "frozenset()" } else { "set()" }.into());
                }
                let parts = self.repr_items(&items)?;
                if frozen {
                    format!("frozenset({{{}}})", parts.join(", "))
                } else {
                    format!("{{{}}}", parts.join(", "))
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                let s = s.clone();
                format!(
                    "slice({}, {}, {})",
                    self.repr(&s[0])?,
                    self.repr(&s[1])?,
                    self.repr(&s[2])?
                )
            }
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Function(f) => format!("<function {} at {ADDRESS}>", f.qualname()),
            Value::Native(n) => match (&n.this, n.owner) {
                (Some(this), Some(owner)) if !matches!(this, Value::Module(_)) => {
                    let tn = self.type_name(this);
                    let _ = owner;
                    format!("<built-in method {} of {tn} object at {ADDRESS}>", n.name)
                }
                _ => format!("<built-in function {}>", n.name),
            },
            Value::Method(m) => {
                let m = m.clone();
                let fname = match &m.0 {
                    Value::Function(f) => f.qualname().to_string(),
                    other => self.repr(other)?,
                };
                let this = self.repr(&m.1)?;
                format!("<bound method {fname} of {this}>")
            }
            Value::Class(c) => format!("<class '{}'>", c.full_name()),
            Value::Instance(i) => {
                if i.class.tag.is_none() {
                    if let Some(m) = self.lookup_special(v, "__repr__") {
                        return self.string_result(&m, "__repr__");
                    }
                }
                if i.exc.is_some() {
                    return self.exc_repr(i);
                }
                format!("<{} object at {ADDRESS}>", i.class.full_name())
            }
            Value::Module(m) => match &m.file {
                Some(f) => format!("<module '{}' from '{f}'>", m.name),
                None => format!("<module '{}' (built-in)>", m.name),
            },
            Value::Iter(it) => {
                let name = it.borrow().type_name();
                format!("<{name} object at {ADDRESS}>")
            }
            Value::Coro(c) => {
                let coro = &self.coros[c.0];
                let kind = match coro.kind {
                    super::gen::CoroKind::Coroutine => "coroutine",
                    super::gen::CoroKind::Generator => "generator",
                };
                format!("<{kind} object {} at {ADDRESS}>", coro.qualname)
            }
            Value::Cell(_) => format!("<cell at {ADDRESS}>"),
            Value::Future(f) => self.future_repr(*f)?,
            Value::Obj(o) => match &**o {
                NativeObj::Property { .. } => format!("<property object at {ADDRESS}>"),
                NativeObj::StaticMethod(_) => format!("<staticmethod object at {ADDRESS}>"),
                NativeObj::ClassMethod(_) => format!("<classmethod object at {ADDRESS}>"),
                NativeObj::Super { class, .. } => {
                    format!("<super: <class '{}'>, <{} object>>", class.name, class.name)
                }
                NativeObj::Partial { func, args, kw } => {
                    let (func, args, kw) = (func.clone(), args.clone(), kw.clone());
                    let mut parts = vec![self.repr(&func)?];
                    for a in &args {
                        parts.push(self.repr(a)?);
                    }
                    for (k, x) in &kw {
                        parts.push(format!("{k}={}", self.repr(x)?));
                    }
                    format!("functools.partial({})", parts.join(", "))
                }
                NativeObj::DictView { dict, kind } => {
                    let name = match kind {
                        super::object::DictViewKind::Keys => "dict_keys",
                        super::object::DictViewKind::Values => "dict_values",
                        super::object::DictViewKind::Items => "dict_items",
                    };
                    let items: Vec<Value> = match kind {
                        super::object::DictViewKind::Keys => dict.borrow().keys(),
                        super::object::DictViewKind::Values => dict.borrow().values(),
                        super::object::DictViewKind::Items => dict
                            .borrow()
                            .items()
                            .into_iter()
                            .map(|(k, v)| Value::tuple(vec![k, v]))
                            .collect(),
                    };
                    format!("{name}([{}])", self.repr_items(&items)?.join(", "))
                }
                NativeObj::TypeHint(s) => s.clone(),
                NativeObj::Loop(l) => self.loop_repr(*l),
                NativeObj::Handle(h) => self.handle_repr(*h)?,
                NativeObj::Random(_) => format!("<random.Random object at {ADDRESS}>"),
                NativeObj::Traceback(_) => format!("<traceback object at {ADDRESS}>"),
            },
        })
    }

    fn repr_items(&mut self, items: &[Value]) -> PyResult<Vec<String>> {
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            out.push(self.repr(x)?);
        }
        Ok(out)
    }

    /// `Py_ReprEnter`: true if the container is already being shown (a cycle).
    fn repr_guard_enter(&mut self, key: usize) -> bool {
        if self.repr_stack.contains(&key) {
            return true;
        }
        self.repr_stack.push(key);
        false
    }

    /// `repr()` of nested containers counts against the recursion limit, as CPython's
    /// `Py_EnterRecursiveCall(" while getting the repr of an object")` does.
    fn repr_depth_check(&mut self) -> PyResult<()> {
        if self.depth as usize + self.repr_stack.len() >= self.config.recursion_limit as usize {
            return Err(self.err(
                E::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(())
    }

    fn repr_guard_leave(&mut self, key: usize) {
        if let Some(p) = self.repr_stack.iter().rposition(|k| *k == key) {
            self.repr_stack.remove(p);
        }
    }
}
