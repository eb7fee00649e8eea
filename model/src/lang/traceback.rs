//! Tracebacks: the entries an exception collects as it leaves each frame, and the text
//! CPython prints for them (`traceback.format_exception`), per version: source lines,
//! 3.11+'s carets and their anchors, chained exceptions, notes.

use std::rc::Rc;

use super::code::Code;
use super::object::Class;
use super::source::{SourceFile, Span};
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
pub fn exc_type_name(c: &Class) -> String {
    if &*c.module == "builtins" || &*c.module == "__main__" {
        c.qualname.to_string()
    } else {
        format!("{}.{}", c.module, c.qualname)
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
        for entry in entries.iter().rev() {
            let (file, line, name, block) = self.format_entry(entry);
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

    fn format_entry(&mut self, entry: &TbEntry) -> (String, u32, String, String) {
        match entry {
            TbEntry::Frame { code, instr } => {
                let span = code.spans.get(*instr as usize).copied().unwrap_or_default();
                let src = &code.source;
                let lc = src.line_col(span.start);
                let name = self.frame_name(code);
                let file = self.display_path(src);
                let mut block = format!("  File \"{file}\", line {}, in {name}\n", lc.line);
                let raw = src.line_text(lc.line);
                let stripped = raw.trim();
                if !stripped.is_empty() {
                    block.push_str(&format!("    {stripped}\n"));
                    if let Some(carets) = carets(self.v, src, span, raw) {
                        block.push_str(&carets);
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
                let stripped = text.trim();
                block.push_str(&format!("    {stripped}\n"));
                if let Some(c) = line_carets(self.v, text, cols.0 as usize, cols.1 as usize) {
                    block.push_str(&c);
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
        let name = exc_type_name(&e.class);
        let msg = match self.str_of(&Value::Instance(e.clone())) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let mut out = if msg.is_empty() {
            format!("{name}\n")
        } else {
            format!("{name}: {msg}\n")
        };
        let notes = e.exc().notes.clone();
        for n in notes {
            match n {
                Value::Str(s) => {
                    out.push_str(&s);
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

/// 3.11+: the `^` line under the part of a program's line that was running, or None where
/// CPython shows none (the whole line, or a span over several lines).
fn carets(v: PyVersion, src: &SourceFile, span: Span, raw: &str) -> Option<String> {
    if v.minor() < 11 || span.end <= span.start {
        return None;
    }
    let start = src.line_col(span.start);
    let end = src.line_col(span.end);
    if start.line != end.line {
        return None;
    }
    line_carets(v, raw, start.col as usize, end.col as usize)
}

/// The `^` line (with `~` under the operands of a binary operation or subscript, and from
/// 3.13 under a call's callee) for the byte columns `[c0, c1)` of `raw`.
fn line_carets(v: PyVersion, raw: &str, c0: usize, c1: usize) -> Option<String> {
    if v.minor() < 11 || c1 <= c0 || c1 > raw.len() {
        return None;
    }
    let indent = raw.len() - raw.trim_start().len();
    let stripped = raw.trim();
    let to_chars = |byte: usize| raw[..byte.min(raw.len())].chars().count();
    let lead = raw[..indent].chars().count();
    let s = to_chars(c0).saturating_sub(lead);
    let e = to_chars(c1).saturating_sub(lead);
    let len = stripped.chars().count();
    if e <= s {
        return None;
    }
    let segment: String = stripped.chars().skip(s).take(e - s).collect();
    let anchors = anchors(v, &segment);
    if s == 0 && e >= len && (v.minor() < 13 || anchors.is_none()) {
        return None;
    }
    let mut line = " ".repeat(4 + s);
    match anchors {
        Some((a, b)) => {
            for i in 0..(e - s) {
                line.push(if i >= a && i < b { '^' } else { '~' });
            }
        }
        None => line.push_str(&"^".repeat(e - s)),
    }
    line.push('\n');
    Some(line)
}

/// The `^` part of a segment that is a binary operation (the operator), a subscript (the
/// brackets) or, from 3.13, a call (the parenthesised arguments): character offsets.
fn anchors(v: PyVersion, segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::Expr;
    use ruff_text_size::Ranged;
    let parsed = ruff_python_parser::parse_expression(segment).ok()?;
    let expr = parsed.expr();
    let chars = |b: usize| segment[..b.min(segment.len())].chars().count();
    match expr {
        Expr::BinOp(b) => {
            // The operator: the first non-space, non-')' character after the left operand.
            let from = b.left.range().end().to_usize();
            let rest = &segment[from..];
            let skip = rest
                .char_indices()
                .find(|(_, c)| !c.is_whitespace() && *c != ')')
                .map(|(i, _)| i)?;
            let op_start = from + skip;
            let op_len = b.op.as_str().len();
            Some((chars(op_start), chars(op_start + op_len)))
        }
        Expr::Subscript(s) => {
            let from = s.value.range().end().to_usize();
            let open = segment[from..].find('[')? + from;
            Some((chars(open), segment.chars().count()))
        }
        Expr::Call(c) if v.minor() >= 13 => {
            let from = c.func.range().end().to_usize();
            let open = segment[from..].find('(')? + from;
            Some((chars(open), segment.chars().count()))
        }
        _ => None,
    }
}
