//! The Python language the model runs: the front end on ruff's parser, scope analysis,
//! the compiler to a stack bytecode, the interpreter, values and objects, builtins, and the
//! standard library modules asyncio programs import for bookkeeping.
//!
//! **Layering:** nothing here refers to asyncio's machinery except through
//! `crate::asyncio::interface` (the `asyncio` module, native coroutine bodies, the class of a
//! future, `Future()` as a constructor, and whether a frame is asyncio's own Python): the
//! language does not know what a Task is. `model/tests/layering.rs` checks it.

pub mod args;
pub mod attr;
pub mod builtins;
pub mod call;
pub mod carets;
pub mod classes;
pub mod code;
pub mod compare;
pub mod compile;
pub mod compile_expr;
pub mod cpython_attrs;
pub mod dict;
pub mod dir;
pub mod exception_group;
pub mod exceptions;
pub mod format;
pub mod front;
pub mod gen;
pub mod interp;
pub mod iter;
pub mod methods;
pub mod modules;
pub mod names;
pub mod num;
pub mod object;
pub mod ops;
pub mod repr;
pub mod set;
pub mod set_order;
pub mod source;
pub mod subscript;
pub mod suggestions;
pub mod symtable;
pub mod teardown;
pub mod traceback;
pub mod types;
pub mod value;
