//! What a program may name: CPython's builtins per version, the modules the model
//! implements, and the names a module binds. A name CPython has but the model does not
//! implement is refused at load time with its place (SPEC M1), never turned into an
//! invented NameError.

use std::collections::HashSet;

use crate::version::PyVersion;

/// `dir(builtins)` common to CPython 3.7–3.13 (public names plus the dunders programs use).
const BUILTINS_ALL: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EnvironmentError",
    "Exception",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "__build_class__",
    "__debug__",
    "__import__",
    "__name__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// Builtins that exist from a given minor version.
const BUILTINS_SINCE: &[(&str, u8)] = &[
    ("EncodingWarning", 10),
    ("aiter", 10),
    ("anext", 10),
    ("BaseExceptionGroup", 11),
    ("ExceptionGroup", 11),
    ("PythonFinalizationError", 13),
];

/// Is `name` a builtin of CPython `v`?
pub fn is_cpython_builtin(name: &str, v: PyVersion) -> bool {
    BUILTINS_ALL.contains(&name)
        || BUILTINS_SINCE
            .iter()
            .any(|(n, since)| *n == name && v.minor() >= *since)
}

/// Builtins the model implements (every builtin exception class is among them).
const MODEL_BUILTINS: &[&str] = &[
    "Ellipsis",
    "False",
    "None",
    "NotImplemented",
    "True",
    "__name__",
    "__debug__",
    "__build_class__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "callable",
    "chr",
    "classmethod",
    "delattr",
    "dict",
    "divmod",
    "enumerate",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "hasattr",
    "hash",
    "hex",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "map",
    "max",
    "min",
    "next",
    "object",
    "oct",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "zip",
    "aiter",
    "anext",
];

/// Does the model implement the builtin `name`?
pub fn is_model_builtin(name: &str) -> bool {
    MODEL_BUILTINS.contains(&name) || super::exceptions::is_builtin_exception_name(name)
}

/// Modules a program may import, and the dotted submodules among them.
const MODULES: &[&str] = &[
    "asyncio",
    "time",
    "random",
    "functools",
    "itertools",
    "collections",
    "typing",
    "math",
    "sys",
    "asyncio.locks",
    "asyncio.queues",
];

/// May a program import `name`? The error says what is refused.
pub fn check_module(name: &str) -> Result<(), String> {
    if MODULES.contains(&name) {
        Ok(())
    } else {
        Err(format!("the module '{name}'"))
    }
}

/// `from __future__ import name`.
pub fn check_future(name: &str, v: PyVersion) -> Result<(), String> {
    match name {
        "annotations" if v.minor() >= 7 => Ok(()),
        "generator_stop" | "nested_scopes" | "generators" | "division" | "absolute_import"
        | "with_statement" | "print_function" | "unicode_literals" => Ok(()),
        other => Err(format!("'from __future__ import {other}'")),
    }
}

/// Facts about the module being compiled that every scope's compiler needs.
#[derive(Debug, Default)]
pub struct ModuleInfo {
    /// Names the module binds anywhere (at module level, or through `global`).
    pub names: HashSet<String>,
    /// `from __future__ import annotations`: annotations are never evaluated.
    pub future_annotations: bool,
}

impl ModuleInfo {
    pub fn build(st: &super::symtable::SymTable, m: &ruff_python_ast::ModModule) -> ModuleInfo {
        let mut names = HashSet::new();
        for s in &st.scopes {
            for (n, f) in &s.symbols {
                let module_level = s.kind == super::symtable::ScopeKind::Module
                    && f & super::symtable::DEF_BOUND != 0;
                let declared = f & super::symtable::DEF_GLOBAL_FLAG != 0
                    && f & super::symtable::DEF_BOUND != 0;
                if module_level || declared {
                    names.insert(n.to_string());
                }
            }
        }
        let future_annotations = m.body.iter().any(|s| {
            matches!(s, ruff_python_ast::Stmt::ImportFrom(i)
                if i.module.as_ref().is_some_and(|m| &*m.id == "__future__")
                && i.names.iter().any(|a| &*a.name.id == "annotations"))
        });
        ModuleInfo {
            names,
            future_annotations,
        }
    }
}
