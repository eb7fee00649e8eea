//! Tracebacks: the entries an exception collects as it leaves each frame, and the text
//! CPython prints for them (`traceback.format_exception`), per version: source lines,
//! 3.11+'s carets and their anchors, chained exceptions, notes.

use std::rc::Rc;

use super::carets;
use super::code::{Code, CodeKind};
use super::exceptions::E;
use super::object::Class;
use super::source::SourceFile;
use super::value::{Exc, Value};
use crate::runtime::Runtime;
use crate::version::PyVersion;

/// One frame of a traceback.
#[derive(Clone, Debug)]
pub enum TbEntry {
    /// A frame of the program: its code and the instruction that was running.
    Frame { code: Rc<Code>, instr: u32 },
    /// A frame of asyncio's own Python code (the file relative to `asyncio/`).
    Stdlib {
        file: &'static str,
        line: u32,
        func: &'static str,
        /// The source line as it stands in the file.
        text: &'static str,
        /// The byte columns of the running expression within `text`.
        cols: (u32, u32),
    },
}

impl TbEntry {
    pub fn frame(code: &Rc<Code>, instr: u32) -> TbEntry {
        TbEntry::Frame {
            code: code.clone(),
            instr,
        }
    }
}

/// How the last line names an exception's class: `module.qualname`, except builtins and
/// `__main__`.
/// How an exception's type is named on its last line. The `traceback` module (reports, and
/// every display from 3.13) writes the qualified name, prefixed by the module unless that is
/// `builtins` or `__main__`. The interpreter's C display on 3.7-3.10 prefixes every module but
/// `builtins` (so `__main__.MyError`) and writes the bare class name; 3.11 and 3.12's C display
/// leaves out `__main__` too.
pub fn exc_type_name(c: &Class, v: PyVersion, display: bool) -> String {
    let c_display = display && v.minor() <= 12;
    let name = if c_display && v.minor() <= 10 {
        &c.name
    } else {
        &c.qualname
    };
    let bare =
        &*c.module == "builtins" || (&*c.module == "__main__" && !(c_display && v.minor() <= 10));
    if bare {
        name.to_string()
    } else {
        format!("{}.{name}", c.module)
    }
}

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// `traceback._ExceptionPrintContext`: how deep in exception groups the printing is.
#[derive(Default)]
struct PrintContext {
    depth: usize,
    need_close: bool,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `emit`: every line of `text` indented, with the margin inside a group.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

impl Runtime<'_> {
    /// An exception's `__traceback__` as a value.
    pub fn traceback_value(&self, e: &Exc) -> Value {
        if e.exc().traceback.is_empty() {
            Value::None
        } else {
            Value::Obj(Rc::new(super::object::NativeObj::Traceback(e.clone())))
        }
    }

    /// The path a frame's file shows as: 3.7/3.8 keep the path the program was run with,
    /// 3.9+ make `__main__`'s absolute.
    fn display_path(&self, src: &SourceFile) -> String {
        if self.v.minor() >= 9 {
            src.abs_path.clone()
        } else {
            src.path.clone()
        }
    }

    /// `traceback.format_exception(e)` joined: the text CPython prints for an uncaught
    /// exception or in a "... exception was never retrieved" report.
    pub fn format_exception(&mut self, e: &Exc) -> String {
        let mut out = String::new();
        let mut seen: Vec<*const super::object::Instance> = Vec::new();
        let mut ctx = PrintContext::default();
        self.format_chain(e, &mut out, &mut seen, &mut ctx);
        out
    }

    /// `TracebackException.format`: the chain of causes and contexts, oldest first, and
    /// for an exception group (3.11+) its members in boxes (`_ExceptionPrintContext`).
    fn format_chain(
        &mut self,
        e: &Exc,
        out: &mut String,
        seen: &mut Vec<*const super::object::Instance>,
        ctx: &mut PrintContext,
    ) {
        // The chain, newest first, then printed oldest first.
        let mut chain: Vec<(Option<&'static str>, Exc)> = Vec::new();
        let mut cur = Some(e.clone());
        seen.push(Rc::as_ptr(e));
        while let Some(x) = cur.take() {
            let (cause, context, suppress) = {
                let st = x.exc();
                (st.cause.clone(), st.context.clone(), st.suppress_context)
            };
            let (msg, next) = match (cause, context) {
                (Some(c), _) => (Some(CAUSE_MESSAGE), Some(c)),
                (None, Some(c)) if !suppress => (Some(CONTEXT_MESSAGE), Some(c)),
                _ => (None, None),
            };
            let next = next.filter(|n| !seen.contains(&Rc::as_ptr(n)));
            if let Some(n) = &next {
                seen.push(Rc::as_ptr(n));
            }
            chain.push((if next.is_some() { msg } else { None }, x));
            cur = next;
        }
        for (msg, x) in chain.into_iter().rev() {
            if let Some(m) = msg {
                ctx.emit(out, m, '|');
            }
            self.format_one(&x, out, seen, ctx);
        }
    }

    /// One exception of a chain: its traceback and last line, or a group's box.
    fn format_one(
        &mut self,
        x: &Exc,
        out: &mut String,
        seen: &mut Vec<*const super::object::Instance>,
        ctx: &mut PrintContext,
    ) {
        const MAX_GROUP_WIDTH: usize = 15;
        const MAX_GROUP_DEPTH: usize = 10;
        let entries: Vec<TbEntry> = x.exc().traceback.clone();
        if !self.is_group(x) {
            if !entries.is_empty() {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                let mut text = String::new();
                self.format_entries(&entries, &mut text);
                ctx.emit(out, &text, '|');
            }
            let only = self.exception_only(x);
            ctx.emit(out, &only, '|');
            return;
        }
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(
                out,
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if !entries.is_empty() {
            ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n",
                if toplevel { '+' } else { '|' },
            );
            let mut text = String::new();
            self.format_entries(&entries, &mut text);
            ctx.emit(out, &text, '|');
        }
        let only = self.exception_only(x);
        ctx.emit(out, &only, '|');
        let members = self.group_members(x);
        let n = if members.len() <= MAX_GROUP_WIDTH {
            members.len()
        } else {
            MAX_GROUP_WIDTH + 1
        };
        ctx.need_close = false;
        for i in 0..n {
            let last = i == n - 1;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&format!(
                "{}{}+---------------- {title} ----------------\n",
                ctx.indent(),
                if i == 0 { "+-" } else { "  " }
            ));
            ctx.depth += 1;
            if !truncated {
                let m = members[i].clone();
                if !seen.contains(&Rc::as_ptr(&m)) {
                    self.format_chain(&m, out, seen, ctx);
                }
            } else {
                let remaining = members.len() - MAX_GROUP_WIDTH;
                let plural = if remaining > 1 { "s" } else { "" };
                ctx.emit(
                    out,
                    &format!("and {remaining} more exception{plural}\n"),
                    '|',
                );
            }
            if last && ctx.need_close {
                out.push_str(&format!(
                    "{}+------------------------------------\n",
                    ctx.indent()
                ));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }

    /// The entries, outermost first, with CPython's collapsing of repeated frames.
    fn format_entries(&mut self, entries: &[TbEntry], out: &mut String) {
        let mut last: Option<(String, u32, String)> = None;
        let mut count = 0usize;
        let flush = |out: &mut String, count: usize| {
            if count > 3 {
                let n = count - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n == 1 { "" } else { "s" }
                ));
            }
        };
        // 3.12+ inline list, set and dict comprehensions into the frame that runs them
        // (PEP 709): the comprehension's entry takes the place of its caller's, under the
        // caller's name.
        let mut merged: Vec<(TbEntry, Option<String>)> = Vec::with_capacity(entries.len());
        let mut i = 0;
        while i < entries.len() {
            let inlined = self.v.minor() >= 12
                && matches!(&entries[i], TbEntry::Frame { code, .. } if code.kind == CodeKind::Comprehension)
                && matches!(entries.get(i + 1), Some(TbEntry::Frame { .. }));
            if inlined {
                let name = match &entries[i + 1] {
                    TbEntry::Frame { code, .. } => Some(self.frame_name(code)),
                    TbEntry::Stdlib { .. } => None,
                };
                merged.push((entries[i].clone(), name));
                i += 2;
            } else {
                merged.push((entries[i].clone(), None));
                i += 1;
            }
        }
        for (entry, rename) in merged.iter().rev() {
            let (file, line, name, block) = self.format_entry(entry, rename.as_deref());
            let key = (file.clone(), line, name.clone());
            if last.as_ref() == Some(&key) {
                count += 1;
                if count > 3 {
                    continue;
                }
            } else {
                flush(out, count);
                last = Some(key);
                count = 1;
            }
            out.push_str(&block);
        }
        flush(out, count);
    }

    fn format_entry(
        &mut self,
        entry: &TbEntry,
        rename: Option<&str>,
    ) -> (String, u32, String, String) {
        match entry {
            TbEntry::Frame { code, instr }
                if crate::asyncio::interface::is_prelude(&code.source) =>
            {
                // A frame of aiospec's own asyncio/*.py: shown as CPython's line.
                match self.prelude_frame(code, code.line_of(*instr)) {
                    Some(e) => self.format_entry(&e, None),
                    None => {
                        let line = code.line_of(*instr);
                        self.refuse(format!(
                            "a traceback through asyncio's {} at a line the model does not map (its line {line})",
                            code.source.path.rsplit('/').next().unwrap_or_default()
                        ));
                        (String::new(), 0, String::new(), String::new())
                    }
                }
            }
            TbEntry::Frame { code, instr } => {
                let span = code.spans.get(*instr as usize).copied().unwrap_or_default();
                let src = &code.source;
                let mut lc = src.line_col(span.start);
                let line = code.line_of(*instr);
                if line != lc.line {
                    // 3.7 numbers the instruction by a later line: that line is shown, whole.
                    lc = super::source::LineCol { line, col: 0 };
                }
                let name = match rename {
                    Some(n) => n.to_string(),
                    None => self.frame_name(code),
                };
                let file = self.display_path(src);
                let mut block = format!("  File \"{file}\", line {}, in {name}\n", lc.line);
                let end = src.line_col(span.end.max(span.start));
                let lines: Vec<&str> = (1..=end.line).map(|l| src.line_text(l)).collect();
                let cspan = carets::Span {
                    start_line: lc.line as usize - 1,
                    start_col: lc.col as usize,
                    end_line: end.line as usize - 1,
                    end_col: end.col as usize,
                };
                match carets::block(self.v, &lines, cspan) {
                    Some(text) => block.push_str(&text),
                    None => {
                        self.refuse("a traceback line with wide characters");
                    }
                }
                (file, lc.line, name, block)
            }
            TbEntry::Stdlib {
                file,
                line,
                func,
                text,
                cols,
            } => {
                let path = format!("{}/asyncio/{file}", self.config.stdlib_prefix);
                let mut block = format!("  File \"{path}\", line {line}, in {func}\n");
                let lines: Vec<&str> = text.split('\n').collect();
                let cspan = carets::Span {
                    start_line: 0,
                    start_col: cols.0 as usize,
                    end_line: lines.len() - 1,
                    end_col: cols.1 as usize,
                };
                if let Some(text) = carets::block(self.v, &lines, cspan) {
                    block.push_str(&text);
                }
                (path, *line, func.to_string(), block)
            }
        }
    }

    /// The function name a frame shows: comprehensions run inline from 3.12 (PEP 709), so
    /// their frames show the enclosing function's name.
    fn frame_name(&self, code: &Code) -> String {
        code.name.to_string()
    }

    /// The CPython frame a line of aiospec's asyncio/*.py stands for (its `# frame: KEY`).
    pub fn prelude_frame(&self, code: &Code, line: u32) -> Option<TbEntry> {
        let text = code.source.line_text(line);
        let key = text.split("# frame: ").nth(1)?.trim();
        self.stdlib_frame(key)
    }

    /// The last line(s): `ValueError: boom`, `ValueError`, then 3.11+'s notes.
    pub fn exception_only(&mut self, e: &Exc) -> String {
        let name = exc_type_name(&e.class, self.v, self.tb_display);
        let msg = match self.str_of(&Value::Instance(e.clone())) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let msg = msg + &self.suggestion_suffix(e);
        let mut out = if msg.is_empty() {
            format!("{name}\n")
        } else {
            format!("{name}: {msg}\n")
        };
        let notes = e.exc().notes.clone();
        for n in notes {
            match n {
                Value::Str(ref s) => {
                    out.push_str(s);
                    out.push('\n');
                }
                other => {
                    let r = self.repr(&other).unwrap_or_default();
                    out.push_str(&r);
                    out.push('\n');
                }
            }
        }
        out
    }
}

impl Runtime<'_> {
    /// ". Did you mean: 'x'?" and, from 3.12, ". Did you forget to import 'x'?" after the
    /// message of a NameError, AttributeError or (3.12+) ImportError (SPEC M5). On 3.10 and
    /// 3.11 only the interpreter's display of an uncaught exception adds them.
    fn suggestion_suffix(&mut self, e: &Exc) -> String {
        use super::suggestions::{closest, is_stdlib_module, Algo};
        let minor = self.v.minor();
        if minor < 10 || (minor <= 11 && !self.tb_display) {
            return String::new();
        }
        let attr = |e: &Exc, n: &str| e.dict.borrow().get(n).cloned();
        let display = self.tb_display;
        let algo = Algo::of(minor, display);
        let hide = |d: Vec<String>, wrong: &str| -> Vec<String> {
            if minor >= 13 && !wrong.starts_with('_') {
                d.into_iter().filter(|x| !x.starts_with('_')).collect()
            } else {
                d
            }
        };
        if self.exc_is(e, E::NameError) {
            let Some(Value::Str(ref name)) = attr(e, "name") else {
                return String::new();
            };
            let hint = if display || minor <= 11 {
                e.exc().hint.clone()
            } else {
                e.exc().hint_tb.clone()
            };
            let mut out = match &hint {
                Some(h) => format!(". Did you mean: '{h}'?"),
                None => String::new(),
            };
            if minor >= 12 && is_stdlib_module(name, minor) {
                // 3.12's `traceback` module leaves out the question mark its C display has.
                let q = if minor >= 13 || display { "?" } else { "" };
                if hint.is_some() {
                    out.push_str(&format!(" Or did you forget to import '{name}'{q}"));
                } else {
                    out.push_str(&format!(". Did you forget to import '{name}'{q}"));
                }
            }
            return out;
        }
        let is_attr = self.exc_is(e, E::AttributeError);
        let (wrong, candidates) = if is_attr {
            let (Some(Value::Str(ref name)), Some(obj)) = (attr(e, "name"), attr(e, "obj")) else {
                return String::new();
            };
            if minor >= 15 {
                // 3.15 first looks for what another language calls the method.
                if let Some(hint) = cross_language_hint(&self.type_name(&obj), name) {
                    return format!(". {hint}");
                }
            }
            match self.dir_of(&obj) {
                Ok(d) => {
                    if minor >= 13 && !name.starts_with('_') {
                        // 3.13 keeps underscored names when the raising frame's `self` is
                        // the object; the model does not keep frames, so it refuses where
                        // that would change the answer.
                        let all = closest(d.iter().map(|s| s.as_str()), name, algo);
                        let shown =
                            closest(hide(d.clone(), name).iter().map(|s| s.as_str()), name, algo);
                        if all != shown {
                            self.refuse("a suggestion for an underscored attribute on 3.13");
                            return String::new();
                        }
                    }
                    (name.to_string(), hide(d, name))
                }
                Err(what) => {
                    self.refuse(format!("the \"Did you mean\" of an AttributeError: {what}"));
                    return String::new();
                }
            }
        } else if minor >= 12 && self.exc_is(e, E::ImportError) {
            let (Some(Value::Str(ref from)), Some(Value::Str(ref module))) =
                (attr(e, "name_from"), attr(e, "name"))
            else {
                return String::new();
            };
            let d = match self.modules.get(module).cloned() {
                Some(m) => self.dir_of(&Value::Module(m)),
                None => Err(format!("the module '{module}'")),
            };
            match d {
                Ok(d) => (from.to_string(), hide(d, from)),
                Err(what) => {
                    self.refuse(format!("the \"Did you mean\" of an ImportError: {what}"));
                    return String::new();
                }
            }
        } else {
            return String::new();
        };
        match closest(candidates.iter().map(|s| s.as_str()), &wrong, algo) {
            Some(s) if !s.is_ascii() || !wrong.is_ascii() => {
                self.refuse("a suggestion with a non-ASCII name");
                String::new()
            }
            // 3.15 names the attribute with its dot, and the wrong one too.
            Some(s) if is_attr && minor >= 15 => {
                format!(". Did you mean '.{s}' instead of '.{wrong}'?")
            }
            Some(s) => format!(". Did you mean: '{s}'?"),
            None => String::new(),
        }
    }
}

/// 3.15's `_CROSS_LANGUAGE_HINTS`: a method name from another language on a builtin type
/// (the types the model has), as the hint's text.
fn cross_language_hint(type_name: &str, wrong: &str) -> Option<String> {
    let dot = |s: &str| Some(format!("Did you mean '.{s}' instead of '.{wrong}'?"));
    let raw = |s: &str| Some(s.to_string());
    const SET: &str = "Did you mean to use a 'set' object?";
    const LIST: &str = "Did you mean to use a 'list' object?";
    const INT: &str =
        "Did you mean to use an 'int' object? Bitwise operators are not supported by 'float'.";
    match (type_name, wrong) {
        ("list", "push") => dot("append"),
        ("list", "concat") | ("list", "addAll") => dot("extend"),
        ("list", "contains") => raw("Use 'x in list'."),
        ("list", "add") | ("frozenset", "add") => raw(SET),
        ("str", "toUpperCase") => dot("upper"),
        ("str", "toLowerCase") => dot("lower"),
        ("str", "trimStart") => dot("lstrip"),
        ("str", "trimEnd") => dot("rstrip"),
        ("dict", "keySet") => dot("keys"),
        ("dict", "entrySet") | ("dict", "entries") => dot("items"),
        ("dict", "putAll") => dot("update"),
        ("dict", "put") => raw("Use d[k] = v."),
        ("tuple", "append" | "extend" | "insert" | "remove") => raw(LIST),
        ("frozenset", "remove" | "discard" | "update") => raw(SET),
        ("float", "__or__" | "__and__" | "__xor__" | "__lshift__" | "__rshift__") => raw(INT),
        _ => None,
    }
}
