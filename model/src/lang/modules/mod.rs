//! The standard library modules programs import for bookkeeping (`time`, `random`,
//! `functools`, `itertools`, `typing`, `math`, `sys`), `import` itself, and the `asyncio` module
//! (which `crate::asyncio::interface` provides). Importing anything else is refused at load time.

use std::rc::Rc;

use super::exceptions::E;
use super::object::{Module, NativeFn, NativeImpl};
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

pub mod functools;
pub mod itertools;
pub mod math;
pub mod random;
pub mod random_core;
pub mod sys;
pub mod time;
pub mod typing;

/// A builtin function value named `name`, owned by module `owner`.
pub fn func(name: &'static str, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        owner: None,
        this: None,
        f,
    }))
}

/// A module with the given functions.
pub fn module_with(name: &str, fns: &[(&'static str, NativeImpl)]) -> Rc<Module> {
    let m = Module::new(name, None);
    for (n, f) in fns {
        m.set(n, func(n, *f));
    }
    m
}

impl Runtime<'_> {
    /// Modules that exist before the program runs.
    pub fn init_modules(&mut self) {
        let b = self.builtins.clone();
        self.modules.insert(Rc::from("builtins"), b);
    }

    fn make_module(&mut self, name: &str) -> Option<Rc<Module>> {
        let v = self.v;
        Some(match name {
            "asyncio" => crate::asyncio::interface::module(self),
            "time" => time::module(v),
            "random" => random::module(v),
            "functools" => functools::module(v),
            "itertools" => itertools::module(v),
            "typing" => typing::module(v),
            "math" => math::module(v),
            "sys" => sys::module(v),
            "asyncio.locks" | "asyncio.queues" => return self.prelude_module(name).ok(),
            "collections" => return None,
            _ => return None,
        })
    }

    /// `import name` (the top-level package unless `full`, for `import a.b as c`).
    pub fn import(&mut self, name: &str, _full: bool) -> PyResult {
        if let Some(m) = self.modules.get(name) {
            return Ok(Value::Module(m.clone()));
        }
        match self.make_module(name) {
            Some(m) => {
                self.modules.insert(Rc::from(name), m.clone());
                Ok(Value::Module(m))
            }
            None => Err(self.refuse(format!("the module '{name}'"))),
        }
    }

    /// `from module import name`.
    pub fn import_from(&mut self, m: &Value, name: &str) -> PyResult {
        let Value::Module(module) = m else {
            unreachable!("import_from on a module")
        };
        let lazy = if &*module.name == "asyncio" {
            self.asyncio_lazy_attr(name)?
        } else {
            None
        };
        match module.get(name).or(lazy) {
            Some(v) => Ok(v),
            None => {
                if let Some(what) = super::cpython_attrs::known(self, m, name) {
                    return Err(self.refuse(what));
                }
                // CPython names the module's file: asyncio's and the pure-Python modules'
                // under the stdlib prefix; builtin modules have none. `math` is an
                // extension module whose path depends on the build, so it is refused.
                let location = match &*module.name {
                    "asyncio" => format!("{}/asyncio/__init__.py", self.config.stdlib_prefix),
                    "random" | "functools" | "typing" | "collections" => {
                        format!("{}/{}.py", self.config.stdlib_prefix, module.name)
                    }
                    "time" | "sys" | "itertools" | "builtins" => "unknown location".into(),
                    other => {
                        return Err(self
                            .refuse(format!("the ImportError for a name missing from '{other}'")))
                    }
                };
                let location = if module.name.as_ref() == "collections" {
                    format!("{}/collections/__init__.py", self.config.stdlib_prefix)
                } else {
                    location
                };
                let msg = format!(
                    "cannot import name '{name}' from '{}' ({location})",
                    module.name
                );
                let e = self.err(E::ImportError, &msg);
                e.dict
                    .borrow_mut()
                    .insert(std::rc::Rc::from("name"), Value::str(&module.name));
                if self.v.minor() >= 12 {
                    e.dict
                        .borrow_mut()
                        .insert(std::rc::Rc::from("name_from"), Value::str(name));
                }
                Err(e)
            }
        }
    }
}
