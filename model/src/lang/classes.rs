//! Classes the program defines: `class` statements (`__build_class__`), instantiation
//! (`__init__`), `super()`, `isinstance`/`issubclass`.

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::exceptions::E;
use super::interp::Frame;
use super::object::{next_id, Args, Class, Instance, NativeObj, TypeTag};
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `__build_class__(body, name, *bases)`: run the body in a fresh namespace, make the
    /// class, fill its `__class__` cell.
    pub fn build_class(&mut self, body: &Value, name: &str, bases: Vec<Value>) -> PyResult {
        let Value::Function(func) = body else {
            unreachable!("a class body is a function")
        };
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => {
                    if let Some(tag) = c.tag {
                        if !matches!(tag, TypeTag::Object | TypeTag::Exception) {
                            return Err(self.refuse(format!(
                                "subclassing the builtin class '{}'",
                                c.full_name()
                            )));
                        }
                    }
                    if base_classes.iter().any(|x: &Rc<Class>| Rc::ptr_eq(x, c)) {
                        let msg = format!("duplicate base class {}", c.name);
                        return Err(self.err(E::TypeError, &msg));
                    }
                    base_classes.push(c.clone());
                }
                Value::Obj(o) if matches!(&**o, NativeObj::TypeHint(_)) => {
                    return Err(self.refuse("a generic alias as a base class"));
                }
                other => {
                    let tn = self.type_name(other);
                    return Err(self.refuse(format!("a base class that is a '{tn}' object")));
                }
            }
        }
        if base_classes.is_empty() {
            base_classes.push(self.types.object.clone());
        }
        let exc_bases = base_classes.iter().filter(|c| c.is_exception).count();
        let is_exception = exc_bases > 0;
        // Layout conflicts between exception classes with different C layouts (OSError and
        // others) are CPython details the model does not decide.
        if exc_bases > 1 {
            return Err(self.refuse("a class deriving from several exception classes"));
        }
        let Some(mro) = super::types::c3_mro(&base_classes) else {
            let names: Vec<String> = base_classes.iter().map(|c| c.name.to_string()).collect();
            let msg = format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            );
            return Err(self.err(E::TypeError, &msg));
        };
        // Run the body.
        let ns = Rc::new(RefCell::new(IndexMap::new()));
        let module_name = func
            .globals
            .get("__name__")
            .unwrap_or_else(|| Value::str("__main__"));
        ns.borrow_mut()
            .insert(Rc::from("__module__"), module_name.clone());
        ns.borrow_mut()
            .insert(Rc::from("__qualname__"), Value::Str(func.qualname()));
        let code = func.code.clone();
        let mut frame = Frame::new(code.clone(), func.globals.clone());
        frame.locals = Some(ns.clone());
        let nfree = code.freevars.len();
        for (i, c) in func.closure.iter().enumerate().take(nfree) {
            frame.cells[code.cellvars.len() + i] = c.clone();
        }
        let class_cell = code
            .cellvars
            .iter()
            .position(|c| &**c == "__class__")
            .map(|i| frame.cells[i].clone());
        self.run_frame(frame)?;
        let mut dict = Rc::try_unwrap(ns)
            .map(|c| c.into_inner())
            .unwrap_or_else(|rc| rc.borrow().clone());
        if dict.contains_key("__slots__") {
            return Err(self.refuse("__slots__"));
        }
        if dict.contains_key("__new__") {
            return Err(self.refuse("a class defining __new__"));
        }
        for special in ["__init_subclass__", "__class_getitem__", "__set_name__"] {
            let prelude_alias = special == "__class_getitem__"
                && matches!(dict.get(special), Some(Value::Native(n)) if n.name == "_generic_alias");
            if dict.contains_key(special) && !prelude_alias {
                return Err(self.refuse(format!("a class defining {special}")));
            }
        }
        // A plain function named __classcell__-free: `__qualname__` and `__module__` stay in the
        // class dict as CPython keeps them.
        let qualname = match dict.shift_remove("__qualname__") {
            Some(Value::Str(ref s)) => s.clone(),
            _ => func.qualname(),
        };
        // A `__module__` the body assigns is the class's module, as in CPython.
        let module: Rc<str> = match (dict.get("__module__"), &module_name) {
            (Some(Value::Str(s)), _) => s.clone(),
            (_, Value::Str(s)) => s.clone(),
            _ => Rc::from("__main__"),
        };
        let cls = Rc::new(Class {
            id: next_id(),
            name: Rc::from(name),
            qualname,
            module,
            bases: base_classes,
            mro,
            dict: RefCell::new(std::mem::take(&mut dict)),
            tag: None,
            is_exception,
        });
        if let Some(cell) = class_cell {
            *cell.borrow_mut() = Some(Value::Class(cls.clone()));
        }
        Ok(Value::Class(cls))
    }

    /// `cls(*args)`.
    pub fn instantiate(&mut self, cls: &Rc<Class>, args: Args) -> PyResult {
        if cls.is_exception
            && self.v.minor() >= 11
            && cls.is_subclass(&self.exc_class(super::exceptions::E::BaseExceptionGroup))
        {
            // `BaseExceptionGroup.__new__` checks its arguments and may pick another class.
            let actual = self.exception_group_class(cls, &args)?;
            if &*actual.module == "builtins" {
                return Ok(Value::Instance(self.new_exc_of(actual, args.pos)));
            }
        }
        if cls.tag.is_some() {
            if cls.is_exception {
                if !args.kw.is_empty() {
                    let msg = format!("{}() takes no keyword arguments", cls.name);
                    return Err(self.err(E::TypeError, &msg));
                }
                return Ok(Value::Instance(self.new_exc_of(cls.clone(), args.pos)));
            }
            return super::builtins::construct(self, cls, args);
        }
        let inst = Instance::new(cls.clone());
        let value = Value::Instance(inst.clone());
        if cls.is_exception {
            inst.exc_mut().args = Rc::new(args.pos.clone());
        }
        match cls.lookup("__init__") {
            Some(init @ Value::Function(_)) => {
                let m = Value::Method(Rc::new((init, value.clone())));
                let r = self.call(&m, args)?;
                if !r.is_none() {
                    let tn = self.type_name(&r);
                    let msg = format!("__init__() should return None, not '{tn}'");
                    return Err(self.err(E::TypeError, &msg));
                }
            }
            Some(_) => return Err(self.refuse("an __init__ that is not a plain function")),
            None => {
                if cls.is_exception {
                    if !args.kw.is_empty() {
                        let msg = format!("{}() takes no keyword arguments", cls.name);
                        return Err(self.err(E::TypeError, &msg));
                    }
                } else if !args.pos.is_empty() || !args.kw.is_empty() {
                    let msg = format!("{}() takes no arguments", cls.name);
                    return Err(self.err(E::TypeError, &msg));
                }
            }
        }
        Ok(value)
    }

    /// `isinstance(x, cls_or_tuple)`.
    pub fn isinstance(&mut self, x: &Value, spec: &Value) -> PyResult<bool> {
        match spec {
            Value::Class(c) => Ok(self.is_instance(x, c)),
            Value::Tuple(items) => {
                for c in items.iter() {
                    if self.isinstance(x, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Obj(o) if matches!(&**o, NativeObj::TypeHint(_)) => {
                Err(self.refuse("isinstance() with a typing construct"))
            }
            _ => {
                let msg = if self.v.minor() >= 10 {
                    "isinstance() arg 2 must be a type, a tuple of types, or a union"
                } else {
                    "isinstance() arg 2 must be a type or tuple of types"
                };
                Err(self.err(E::TypeError, msg))
            }
        }
    }

    /// `issubclass(c, cls_or_tuple)`.
    pub fn issubclass(&mut self, c: &Value, spec: &Value) -> PyResult<bool> {
        let Value::Class(c) = c else {
            return Err(self.err(E::TypeError, "issubclass() arg 1 must be a class"));
        };
        match spec {
            Value::Class(s) => Ok(c.is_subclass(s)),
            Value::Tuple(items) => {
                for s in items.iter() {
                    if self.issubclass(&Value::Class(c.clone()), s)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let msg = if self.v.minor() >= 10 {
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union"
                } else {
                    "issubclass() arg 2 must be a class or tuple of classes"
                };
                Err(self.err(E::TypeError, msg))
            }
        }
    }
}
