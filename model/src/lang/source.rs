//! A program's source text, and the mapping from byte offsets to CPython's line and column.
//!
//! CPython reports columns in tracebacks and SyntaxErrors as UTF-8 byte offsets within the
//! line (`co_positions`), and `^` carets are placed by character; both are derived here.

use std::rc::Rc;

/// One source file: the path CPython would show (`__file__`), and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given on the command line (what 3.7 and 3.8 show in tracebacks).
    pub path: String,
    /// The absolute path (what 3.9+ show for the `__main__` module).
    pub abs_path: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// One of aiospec's own asyncio modules (`<aiospec>/asyncio/...`): a refusal inside it is
    /// placed at the program's innermost instruction instead.
    pub is_model_own: bool,
}

/// A source range in byte offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
}

impl ruff_text_size::Ranged for Span {
    fn range(&self) -> ruff_text_size::TextRange {
        ruff_text_size::TextRange::new(self.start.into(), self.end.into())
    }
}

impl From<ruff_text_size::TextRange> for Span {
    fn from(r: ruff_text_size::TextRange) -> Span {
        Span {
            start: r.start().to_u32(),
            end: r.end().to_u32(),
        }
    }
}

/// A 1-based line and a 0-based UTF-8 byte column, as `co_positions` gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl SourceFile {
    pub fn new(path: &str, abs_path: &str, text: String) -> Rc<SourceFile> {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        Rc::new(SourceFile {
            path: path.to_string(),
            abs_path: abs_path.to_string(),
            is_model_own: path.starts_with("<aiospec>/"),
            text,
            line_starts,
        })
    }

    /// Line (1-based) and byte column (0-based) of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        LineCol {
            line: line as u32 + 1,
            col: offset - self.line_starts[line],
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &str {
        let i = line as usize - 1;
        let Some(&start) = self.line_starts.get(i) else {
            return "";
        };
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.text.len());
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    /// Character column (1-based, as error messages for people count) of a byte offset.
    pub fn char_col(&self, offset: u32) -> usize {
        let lc = self.line_col(offset);
        let start = self.line_starts[lc.line as usize - 1] as usize;
        self.text[start..offset as usize].chars().count() + 1
    }

    /// `file:line:col` for messages that point into the program.
    pub fn place(&self, offset: u32) -> String {
        let lc = self.line_col(offset);
        format!("{}:{}:{}", self.path, lc.line, self.char_col(offset))
    }

    pub fn num_lines(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let s = SourceFile::new("p.py", "/p.py", "ab\nçd\n\nx".into());
        assert_eq!(s.line_col(0), LineCol { line: 1, col: 0 });
        assert_eq!(s.line_col(3), LineCol { line: 2, col: 0 });
        assert_eq!(s.line_col(5), LineCol { line: 2, col: 2 });
        assert_eq!(s.char_col(5), 2);
        assert_eq!(s.line_text(2), "çd");
        assert_eq!(s.line_text(3), "");
        assert_eq!(s.line_text(4), "x");
        assert_eq!(s.place(8), "p.py:4:1");
    }
}
