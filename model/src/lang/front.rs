//! The front end: a program's bytes to ruff's syntax tree, or a refusal that names the place.
//!
//! The parser is `ruff_python_parser` (see ARCHITECTURE.md for the comparison with
//! rustpython-parser). Before it runs, a scan enforces the limits under which every CPython
//! 3.7+ compiles what the model accepts (SPEC M3): bracket nesting, indentation levels,
//! expression depth. Beyond them CPython's parsers fail in version-specific ways (3.7's
//! `s_push: parser stack overflow` at 93 nested brackets, 3.9+'s "too many nested
//! parentheses" at 201, RecursionError during compilation at about 3,000 levels of
//! expression on 3.10–3.12); the model refuses instead of guessing which.

use std::fmt;

use ruff_python_ast::{self as ast, PythonVersion};
use ruff_python_parser::{parse, Mode, ParseOptions};

use super::source::SourceFile;
use crate::version::PyVersion;

/// The largest program the model reads (bytes).
pub const MAX_SOURCE_BYTES: usize = 1 << 20;
/// Brackets nested deeper than this are refused (3.7 fails at 89 nested calls).
pub const MAX_BRACKET_DEPTH: usize = 80;
/// Expressions nested deeper than this are refused (3.7 fails at 740 nested lambdas).
pub const MAX_EXPR_DEPTH: usize = 500;
/// CPython's tokenizer: "too many levels of indentation" at 100 (every version).
pub const MAX_INDENT: usize = 100;

/// Why a program was not loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line and character column, when the error has a place.
    pub line: Option<(usize, usize)>,
    pub kind: LoadErrorKind,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoadErrorKind {
    /// CPython would not compile it either: the exception class CPython raises
    /// (`SyntaxError`, `IndentationError`).
    Syntax(&'static str),
    /// Valid Python that the model does not implement (refused, never pretended).
    Unsupported,
    /// Not a program: unreadable, too large, not UTF-8, malformed metadata.
    Input,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "{}:{l}:{c}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        match &self.kind {
            LoadErrorKind::Syntax(cls) => write!(f, "{cls}: {}", self.message),
            LoadErrorKind::Unsupported => {
                write!(f, "not supported by the model: {}", self.message)
            }
            LoadErrorKind::Input => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub fn at(src: &SourceFile, offset: u32, kind: LoadErrorKind, message: String) -> LoadError {
        let lc = src.line_col(offset);
        LoadError {
            file: src.path.clone(),
            line: Some((lc.line as usize, src.char_col(offset))),
            kind,
            message,
        }
    }

    pub fn unsupported(src: &SourceFile, offset: u32, message: impl Into<String>) -> LoadError {
        LoadError::at(src, offset, LoadErrorKind::Unsupported, message.into())
    }

    pub fn input(file: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_string(),
            line: None,
            kind: LoadErrorKind::Input,
            message: message.into(),
        }
    }
}

/// Decode a program's bytes as CPython does without a coding declaration (UTF-8), naming
/// the line and column of the first byte that is not.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(LoadError::input(
            file,
            format!("the program is larger than the model's limit of {MAX_SOURCE_BYTES} bytes"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..good]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..good])
                .chars()
                .count()
                + 1;
            Err(LoadError {
                file: file.to_string(),
                line: Some((line, col)),
                kind: LoadErrorKind::Syntax("SyntaxError"),
                message: format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {file} on line {line}, but no encoding declared",
                    bytes[good]
                ),
            })
        }
    }
}

/// Parse a module for Python version `v`: ruff's tree, or the refusal.
pub fn parse_module(src: &SourceFile, v: PyVersion) -> Result<ast::ModModule, LoadError> {
    prescan(src)?;
    // ruff's parser recurses on nesting that has no brackets (`not not ... x`); the tree it
    // builds is dropped recursively too. Both run on a stack of their own, sized for the
    // worst case (one level per byte of the program, each well under 1 KiB), so that
    // check_depth, not the stack, decides. (`maybe_grow` would keep the caller's stack
    // whenever a megabyte of it is left, and a long program needs more.)
    let stack = src.text.len().saturating_mul(1024).clamp(64 << 20, 1 << 30);
    stacker::grow(stack, || parse_checked(src, v))
}

fn parse_checked(src: &SourceFile, v: PyVersion) -> Result<ast::ModModule, LoadError> {
    let target = PythonVersion {
        major: 3,
        minor: v.minor(),
    };
    let opts = ParseOptions::from(Mode::Module).with_target_version(target);
    let parsed = parse(&src.text, opts).map_err(|e| {
        let msg = e.error.to_string();
        let cls = if msg.contains("indent") || msg.contains("Indent") {
            "IndentationError"
        } else {
            "SyntaxError"
        };
        LoadError::at(
            src,
            e.location.start().to_u32(),
            LoadErrorKind::Syntax(cls),
            msg,
        )
    })?;
    if let Some(e) = parsed.unsupported_syntax_errors().first() {
        return Err(LoadError::at(
            src,
            e.range.start().to_u32(),
            LoadErrorKind::Syntax("SyntaxError"),
            format!("on Python {v}: {e}"),
        ));
    }
    let module = parsed
        .into_syntax()
        .module()
        .ok_or_else(|| LoadError::input(&src.path, "not a module"))?;
    check_depth(src, &module)?;
    Ok(module)
}

/// The limits checked on the text before parsing: NUL bytes, coding declarations, bracket
/// depth and indentation levels.
fn prescan(src: &SourceFile) -> Result<(), LoadError> {
    let text = &src.text;
    if let Some(p) = text.find('\0') {
        return Err(LoadError::at(
            src,
            p as u32,
            LoadErrorKind::Syntax("SyntaxError"),
            "source code cannot contain null bytes".into(),
        ));
    }
    // PEP 263: a coding declaration in the first two lines. Only UTF-8 is read.
    for (i, line) in text.lines().take(2).enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') {
            if let Some(p) = t.find("coding") {
                let rest = &t[p + 6..];
                if rest.starts_with(':') || rest.starts_with('=') {
                    let name: String = rest[1..]
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == '.')
                        .collect();
                    let n = name.to_ascii_lowercase().replace('_', "-");
                    if n != "utf-8" && n != "utf8" && !n.starts_with("utf-8-") {
                        return Err(LoadError {
                            file: src.path.clone(),
                            line: Some((i + 1, 1)),
                            kind: LoadErrorKind::Unsupported,
                            message: format!("source encoding {name:?} (only UTF-8 is read)"),
                        });
                    }
                }
            }
        } else if !t.is_empty() {
            break;
        }
    }
    // Bracket depth, skipping strings and comments with a small tokenizer. Indentation is
    // counted per logical line.
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut indents: Vec<usize> = vec![0];
    let mut at_line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start && depth == 0 {
            let mut w = 0usize;
            let mut j = i;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\x0c')
            {
                w += if bytes[j] == b'\t' { 8 - w % 8 } else { 1 };
                j += 1;
            }
            let blank =
                j >= bytes.len() || bytes[j] == b'\n' || bytes[j] == b'\r' || bytes[j] == b'#';
            if !blank {
                if w > *indents.last().expect("never empty") {
                    indents.push(w);
                    if indents.len() > MAX_INDENT {
                        return Err(LoadError::at(
                            src,
                            j as u32,
                            LoadErrorKind::Syntax("IndentationError"),
                            "too many levels of indentation".into(),
                        ));
                    }
                } else {
                    while indents.len() > 1 && w < *indents.last().expect("never empty") {
                        indents.pop();
                    }
                }
            }
            at_line_start = false;
            i = j;
            continue;
        }
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\n' => {
                at_line_start = true;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Err(LoadError::unsupported(
                        src,
                        i as u32,
                        format!(
                            "brackets nested deeper than {MAX_BRACKET_DEPTH} (CPython's limit differs by version; 3.7 stops at 89)"
                        ),
                    ));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\'' | b'"' => {
                // Skip a string literal (any prefix letters were consumed as a name).
                let q = b;
                let triple = bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if bytes[i] == q
                            && bytes.get(i + 1) == Some(&q)
                            && bytes.get(i + 2) == Some(&q)
                        {
                            i += 3;
                            break;
                        }
                    } else if bytes[i] == q || bytes[i] == b'\n' {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Expression depth, measured with an explicit stack so that no input can exhaust the Rust
/// stack here; every later pass recurses only within this bound.
fn check_depth(src: &SourceFile, m: &ast::ModModule) -> Result<(), LoadError> {
    use ruff_python_ast::visitor::source_order::{walk_expr, walk_stmt, SourceOrderVisitor};
    use ruff_text_size::Ranged;
    struct Depth {
        depth: usize,
        worst: Option<u32>,
    }
    impl<'a> SourceOrderVisitor<'a> for Depth {
        fn visit_expr(&mut self, e: &'a ast::Expr) {
            if self.worst.is_some() {
                return;
            }
            self.depth += 1;
            if self.depth > MAX_EXPR_DEPTH {
                self.worst = Some(e.range().start().to_u32());
            } else {
                walk_expr(self, e);
            }
            self.depth -= 1;
        }
        fn visit_stmt(&mut self, s: &'a ast::Stmt) {
            if self.worst.is_some() {
                return;
            }
            self.depth += 1;
            walk_stmt(self, s);
            self.depth -= 1;
        }
    }
    // The visitor recurses, but only to MAX_EXPR_DEPTH plus the indentation limit; the parser
    // already built (and will drop) the tree on this stack.
    let mut d = Depth {
        depth: 0,
        worst: None,
    };
    for s in &m.body {
        d.visit_stmt(s);
    }
    match d.worst {
        Some(at) => Err(LoadError::unsupported(
            src,
            at,
            format!("expressions nested deeper than {MAX_EXPR_DEPTH}"),
        )),
        None => Ok(()),
    }
}
