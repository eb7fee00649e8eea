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
        self.format_chain(e, &mut out, &mut seen);
        out
    }

    fn format_chain(
        &mut self,
        e: &Exc,
        out: &mut String,
        seen: &mut Vec<*const super::object::Instance>,
    ) {
        seen.push(Rc::as_ptr(e));
        let (cause, context, suppress) = {
            let st = e.exc();
            (st.cause.clone(), st.context.clone(), st.suppress_context)
        };
        if let Some(c) = cause {
            if !seen.contains(&Rc::as_ptr(&c)) {
                self.format_chain(&c, out, seen);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let (Some(c), false) = (context, suppress) {
            if !seen.contains(&Rc::as_ptr(&c)) {
                self.format_chain(&c, out, seen);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        let entries: Vec<TbEntry> = e.exc().traceback.clone();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            self.format_entries(&entries, out);
        }
        out.push_str(&self.exception_only(e));
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
        let (wrong, candidates) = if self.exc_is(e, E::AttributeError) {
            let (Some(Value::Str(ref name)), Some(obj)) = (attr(e, "name"), attr(e, "obj")) else {
                return String::new();
            };
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
            Some(s) => format!(". Did you mean: '{s}'?"),
            None => String::new(),
        }
    }
}
