//! Programs: a Python file (or a JSON scenario, turned into the Python it stands for), with
//! the metadata of its comment header, compiled per version on demand.
//!
//! ```text
//! # aiospec: description = gather: the first exception propagates
//! # aiospec: python = 3.8-3.13
//! # aiospec: rules = G2 X2
//! # aiospec: cites = test_tasks.py::GatherTestsBase::test_one_exception
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use crate::lang::code::Code;
use crate::lang::front::{self, LoadError};
use crate::lang::source::SourceFile;
use crate::version::PyVersion;

/// What a program's header says about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub description: String,
    /// The versions it targets (all the model knows when the header names none).
    pub python: Vec<PyVersion>,
    /// SPEC rule ids it illustrates.
    pub rules: Vec<String>,
    /// CPython tests it ports.
    pub cites: Vec<String>,
}

pub struct Program {
    /// The file name, for messages.
    pub name: String,
    pub source: Rc<SourceFile>,
    pub meta: Meta,
    compiled: RefCell<HashMap<PyVersion, Result<Rc<Code>, LoadError>>>,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({})", self.name)
    }
}

impl Clone for Program {
    fn clone(&self) -> Program {
        Program {
            name: self.name.clone(),
            source: self.source.clone(),
            meta: self.meta.clone(),
            compiled: RefCell::new(self.compiled.borrow().clone()),
        }
    }
}

impl Program {
    /// A program from Python source. `path` is how tracebacks name it.
    pub fn from_python(path: &str, abs_path: &str, text: String) -> Result<Program, LoadError> {
        let meta = parse_header(path, &text)?;
        Ok(Program {
            name: path.to_string(),
            source: SourceFile::new(path, abs_path, text),
            meta,
            compiled: RefCell::new(HashMap::new()),
        })
    }

    /// The compiled module for version `v` (syntax is checked per version).
    pub fn compile(&self, v: PyVersion) -> Result<Rc<Code>, LoadError> {
        if let Some(r) = self.compiled.borrow().get(&v) {
            return r.clone();
        }
        let r = front::parse_module(&self.source, v)
            .and_then(|m| crate::lang::compile::compile_module(&self.source, &m, v));
        self.compiled.borrow_mut().insert(v, r.clone());
        r
    }

    /// Does the program target `v`?
    pub fn targets(&self, v: PyVersion) -> bool {
        self.meta.python.contains(&v)
    }

    /// The Python text of the program.
    pub fn text(&self) -> &str {
        &self.source.text
    }
}

/// Read a program from a file: `.json` scenarios become Python, anything else is Python.
/// Reads at most the model's size limit (a device or a huge file is refused, not read).
pub fn load_file(path: &Path) -> Result<Program, LoadError> {
    let shown = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| LoadError::input(&shown, e.to_string()))?;
    let mut bytes = Vec::new();
    f.take(front::MAX_SOURCE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::input(&shown, e.to_string()))?;
    let text = front::decode(&shown, bytes)?;
    let abs = std::fs::canonicalize(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| shown.clone());
    load_text(&shown, &abs, text)
}

/// A program from text, named `file` (its extension decides JSON or Python).
pub fn load_str(text: &str, file: &str) -> Result<Program, LoadError> {
    if text.len() > front::MAX_SOURCE_BYTES {
        return Err(LoadError::input(
            file,
            format!(
                "the program is larger than the model's limit of {} bytes",
                front::MAX_SOURCE_BYTES
            ),
        ));
    }
    load_text(file, file, text.to_string())
}

fn load_text(file: &str, abs: &str, text: String) -> Result<Program, LoadError> {
    if file.ends_with(".json") {
        let py = crate::scenario::json_to_python(file, &text)?;
        let py_name = format!("{file}.py");
        let abs_py = format!("{abs}.py");
        return Program::from_python(&py_name, &abs_py, py).map(|mut p| {
            p.name = file.to_string();
            p
        });
    }
    Program::from_python(file, abs, text)
}

/// The `# aiospec: key = value` lines of the leading comment block.
fn parse_header(file: &str, text: &str) -> Result<Meta, LoadError> {
    let mut meta = Meta {
        python: PyVersion::ALL.to_vec(),
        ..Default::default()
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some(c) = t.strip_prefix('#') else {
            break;
        };
        let Some(rest) = c.trim().strip_prefix("aiospec:") else {
            continue;
        };
        let err = |msg: String| LoadError {
            file: file.to_string(),
            line: Some((i + 1, 1)),
            kind: front::LoadErrorKind::Input,
            message: msg,
        };
        let Some((key, value)) = rest.split_once('=') else {
            return Err(err(format!(
                "header line {:?}: expected `# aiospec: key = value`",
                t
            )));
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "description" => {
                if !meta.description.is_empty() {
                    meta.description.push(' ');
                }
                meta.description.push_str(value);
            }
            "python" => meta.python = parse_versions(value).map_err(err)?,
            "rules" => meta
                .rules
                .extend(value.split_whitespace().map(str::to_string)),
            "cites" => meta
                .cites
                .extend(value.split_whitespace().map(str::to_string)),
            other => {
                return Err(err(format!(
                    "unknown header key {other:?} (expected description, python, rules or cites)"
                )))
            }
        }
    }
    Ok(meta)
}

/// `3.8-3.13`, `3.8 3.9`, `3.14.8`, `all` (a minor version means each of its patch releases).
pub fn parse_versions(s: &str) -> Result<Vec<PyVersion>, String> {
    let mut out = Vec::new();
    for part in s.split([',', ' ']).filter(|p| !p.is_empty()) {
        if part == "all" {
            out.extend(PyVersion::ALL);
        } else if let Some((a, b)) = part.split_once('-') {
            // A range of minor versions, every patch release of each.
            let a: PyVersion = a.parse()?;
            let b: PyVersion = b.parse()?;
            out.extend(
                PyVersion::ALL
                    .iter()
                    .copied()
                    .filter(|v| v.minor() >= a.minor() && v.minor() <= b.minor()),
            );
        } else if part.matches('.').count() == 1 {
            // A minor version: every patch release of it the model follows.
            let m: PyVersion = part.parse()?;
            out.extend(
                PyVersion::ALL
                    .iter()
                    .copied()
                    .filter(|v| v.minor() == m.minor()),
            );
        } else {
            out.push(part.parse()?);
        }
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err("no Python version given".into());
    }
    Ok(out)
}
