//! `typing`: the names annotations use, as opaque values (annotations are evaluated for
//! their errors only; nothing in the model reads them).

use std::rc::Rc;

use super::super::object::{Module, NativeObj};
use super::super::value::Value;
use crate::version::PyVersion;

const NAMES: &[&str] = &[
    "Any",
    "Optional",
    "Union",
    "List",
    "Dict",
    "Set",
    "FrozenSet",
    "Tuple",
    "Callable",
    "Awaitable",
    "Coroutine",
    "Iterable",
    "Iterator",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "Generator",
    "Sequence",
    "Mapping",
    "MutableMapping",
    "Type",
    "NoReturn",
    "ClassVar",
    "Deque",
    "DefaultDict",
];

pub fn module(v: PyVersion) -> Rc<Module> {
    let m = Module::new("typing", None);
    for n in NAMES {
        m.set(
            n,
            Value::Obj(Rc::new(NativeObj::TypeHint(format!("typing.{n}")))),
        );
    }
    if v.minor() >= 8 {
        for n in ["Literal", "Final"] {
            m.set(
                n,
                Value::Obj(Rc::new(NativeObj::TypeHint(format!("typing.{n}")))),
            );
        }
    }
    m
}
