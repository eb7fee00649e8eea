//! Attribute access: `getattr`, `setattr`, `delattr` with descriptors (functions become bound
//! methods, `staticmethod`, `classmethod`, `property`), `super()`, exceptions' own
//! attributes, and builtin types' methods. An attribute CPython has but the model does not
//! implement is refused, never reported as an AttributeError (SPEC M1).

use std::rc::Rc;

use super::exceptions::E;
use super::object::{Class, Instance, NativeFn, NativeObj, TypeTag};
use super::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Value, name: &str) -> PyResult {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    /// `getattr(obj, name, None)` that tells "missing" apart from a value.
    pub fn getattr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(i) => self.instance_getattr(i, obj, name),
            Value::Class(c) => self.class_getattr(c, name),
            Value::Module(m) => {
                if let Some(v) = m.get(name) {
                    return Ok(Some(v));
                }
                if &*m.name == "asyncio" {
                    if let Some(v) = self.asyncio_lazy_attr(name)? {
                        return Ok(Some(v));
                    }
                }
                match name {
                    "__name__" => Ok(Some(Value::Str(m.name.clone()))),
                    "__file__" => Ok(m.file.clone().map(Value::Str)),
                    _ => Ok(None),
                }
            }
            Value::Future(f) => self.future_getattr(*f, obj, name),
            Value::Obj(o) => match &**o {
                NativeObj::Super { class, this } => self.super_getattr(class, this, name),
                NativeObj::Loop(l) => self.loop_getattr(*l, obj, name),
                _ => self.builtin_getattr(obj, name),
            },
            _ => self.builtin_getattr(obj, name),
        }
    }

    /// The AttributeError for a missing attribute, or the refusal when CPython has it.
    pub fn attribute_error(&mut self, obj: &Value, name: &str) -> super::value::Exc {
        if self.error.is_some() {
            return self.refusal_exc();
        }
        if let Some(what) = super::cpython_attrs::known(self, obj, name) {
            return self.refuse(what);
        }
        if let Value::Native(f) = obj {
            // The model stands for many of CPython's classes (`itertools.chain`,
            // `functools.partial`) with builtin functions, whose attributes
            // (`chain.from_iterable`) it does not know: an AttributeError here could be one
            // CPython never raises (SPEC M1), so it refuses.
            let what = match f.owner {
                Some(o) => format!("the attribute '{name}' of {o}.{}", f.name),
                None => format!("the attribute '{name}' of {}", f.name),
            };
            return self.refuse(what);
        }
        let msg = match obj {
            Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
            Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            Value::Future(_) if self.imp == crate::runtime::Impl::C => {
                // C classes are named with their module (`_asyncio.Task`); Python ones not.
                let c = self.type_of(obj);
                let n = if &*c.module == "_asyncio" {
                    c.full_name()
                } else {
                    c.name.to_string()
                };
                format!("'{n}' object has no attribute '{name}'")
            }
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        let e = self.err(E::AttributeError, &msg);
        if self.v.minor() >= 10 {
            e.dict
                .borrow_mut()
                .insert(Rc::from("name"), Value::str(name));
            e.dict.borrow_mut().insert(Rc::from("obj"), obj.clone());
        }
        // 3.14's asyncio has a module `__getattr__` (for its deprecated policy names): the
        // error is raised there.
        if self.v.minor() >= 14 && matches!(obj, Value::Module(m) if &*m.name == "asyncio") {
            self.through_stdlib(&e, "asyncio.__getattr__");
        }
        e
    }

    /// Bind what a class lookup found to an instance (the descriptor protocol).
    fn bind(&mut self, found: Value, inst: &Value, cls: &Rc<Class>) -> PyResult<Value> {
        Ok(match found {
            Value::Function(_) => Value::Method(Rc::new((found, inst.clone()))),
            Value::Native(ref n) if n.this.is_none() && n.owner.is_some() => {
                Value::Native(Rc::new(NativeFn {
                    name: n.name,
                    owner: n.owner,
                    this: Some(inst.clone()),
                    f: n.f,
                }))
            }
            Value::Obj(ref o) => match &**o {
                NativeObj::StaticMethod(f) => f.clone(),
                NativeObj::ClassMethod(f) => {
                    Value::Method(Rc::new((f.clone(), Value::Class(cls.clone()))))
                }
                NativeObj::Property { fget, .. } => {
                    if fget.is_none() {
                        return Err(self.err(E::AttributeError, "unreadable attribute"));
                    }
                    let fget = fget.clone();
                    return self.call_value(&fget, vec![inst.clone()]);
                }
                _ => found,
            },
            other => other,
        })
    }

    fn instance_getattr(
        &mut self,
        i: &Rc<Instance>,
        obj: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let cls = i.class.clone();
        if name.starts_with('_')
            && !name.starts_with("__")
            && (cls.module.starts_with("asyncio.") || &*cls.module == "collections")
        {
            // asyncio's pure-Python objects keep their private state as CPython's do only
            // where it is listed here (the deques of waiters and items, counters, the loop):
            // a program may read those; anything else is aiospec's own (SPEC M1).
            let from_prelude = self
                .place
                .as_ref()
                .is_some_and(|(src, _)| crate::asyncio::interface::is_prelude(src));
            let cpython_state = cls.module.starts_with("asyncio.")
                && matches!(
                    name,
                    "_waiters"
                        | "_value"
                        | "_loop"
                        | "_lock"
                        | "_locked"
                        | "_bound_value"
                        | "_getters"
                        | "_putters"
                        | "_queue"
                        | "_maxsize"
                        | "_unfinished_tasks"
                        | "_finished"
                )
                || (&*cls.name == "Barrier" && name == "_count");
            if !from_prelude && !cpython_state {
                return Err(self.refuse(format!(
                    "the private attribute '{name}' of asyncio's {} object",
                    cls.name
                )));
            }
        }
        let found = cls.lookup(name);
        // Data descriptors (properties) take precedence over the instance dict.
        if let Some(Value::Obj(o)) = &found {
            if matches!(&**o, NativeObj::Property { .. }) {
                let f = found.clone().expect("checked");
                return self.bind(f, obj, &cls).map(Some);
            }
        }
        if i.exc.is_some() {
            if let Some(v) = self.exception_attr(i, obj, name)? {
                return Ok(Some(v));
            }
        }
        if let Some(v) = i.dict.borrow().get(name) {
            return Ok(Some(v.clone()));
        }
        if let Some(f) = found {
            return self.bind(f, obj, &cls).map(Some);
        }
        match name {
            "__class__" => return Ok(Some(Value::Class(cls))),
            "__dict__" => {
                return Err(self.refuse("an instance's __dict__"));
            }
            _ => {}
        }
        if let Some(ga) = cls.lookup("__getattr__") {
            let m = self.bind(ga, obj, &cls)?;
            return match self.call_value(&m, vec![Value::str(name)]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.exc_is(&e, E::AttributeError) => Err(e),
                Err(e) => Err(e),
            };
        }
        Ok(None)
    }

    /// Attributes every exception has (`BaseException`'s getset descriptors).
    fn exception_attr(
        &mut self,
        i: &Rc<Instance>,
        obj: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if self.is_group(i) {
            if let Some(v) = self.group_attr(i, obj, name) {
                return Ok(Some(v));
            }
        }
        let st = i.exc();
        Ok(Some(match name {
            "args" => Value::Tuple(st.args.clone()),
            "__cause__" => st.cause.clone().map_or(Value::None, Value::Instance),
            "__context__" => st.context.clone().map_or(Value::None, Value::Instance),
            "__suppress_context__" => Value::Bool(st.suppress_context),
            "__traceback__" => {
                if st.traceback.is_empty() {
                    Value::None
                } else {
                    Value::Obj(Rc::new(NativeObj::Traceback(i.clone())))
                }
            }
            "__notes__" if !st.notes.is_empty() => Value::list(st.notes.clone()),
            "with_traceback" | "add_note" => {
                drop(st);
                if name == "add_note" && self.v.minor() < 11 {
                    return Ok(None);
                }
                let f: super::object::NativeImpl = if name == "with_traceback" {
                    super::builtins::exc_with_traceback
                } else {
                    super::builtins::exc_add_note
                };
                let n = if name == "with_traceback" {
                    "with_traceback"
                } else {
                    "add_note"
                };
                return Ok(Some(Value::Native(Rc::new(NativeFn {
                    name: n,
                    owner: Some("BaseException"),
                    this: Some(obj.clone()),
                    f,
                }))));
            }
            "value"
                if self.exc_is(i, E::StopIteration) || self.exc_is(i, E::StopAsyncIteration) =>
            {
                st.args.first().cloned().unwrap_or(Value::None)
            }
            "code" if self.exc_is(i, E::SystemExit) => match st.args.len() {
                0 => Value::None,
                1 => st.args[0].clone(),
                _ => Value::Tuple(st.args.clone()),
            },
            "errno" | "strerror" if self.exc_is(i, E::OSError) => {
                if (2..=5).contains(&st.args.len()) {
                    st.args[if name == "errno" { 0 } else { 1 }].clone()
                } else {
                    Value::None
                }
            }
            "name" | "obj"
                if self.v.minor() >= 10
                    && (self.exc_is(i, E::NameError) || self.exc_is(i, E::AttributeError)) =>
            {
                drop(st);
                return Ok(Some(
                    i.dict.borrow().get(name).cloned().unwrap_or(Value::None),
                ));
            }
            _ => return Ok(None),
        }))
    }

    fn class_getattr(&mut self, c: &Rc<Class>, name: &str) -> PyResult<Option<Value>> {
        if let Some(v) = c.lookup(name) {
            return Ok(Some(match &v {
                Value::Obj(o) => match &**o {
                    NativeObj::StaticMethod(f) => f.clone(),
                    NativeObj::ClassMethod(f) => {
                        Value::Method(Rc::new((f.clone(), Value::Class(c.clone()))))
                    }
                    _ => v,
                },
                _ => v,
            }));
        }
        Ok(Some(match name {
            "__name__" => Value::Str(c.name.clone()),
            "__qualname__" => Value::Str(c.qualname.clone()),
            "__module__" => Value::Str(c.module.clone()),
            "__bases__" => Value::tuple(c.bases.iter().cloned().map(Value::Class).collect()),
            "__mro__" => Value::tuple(c.mro_iter().cloned().map(Value::Class).collect()),
            "__class__" => Value::Class(self.types.type_.clone()),
            _ => {
                // Methods of builtin classes, unbound (`str.upper`, `dict.fromkeys`).
                if let Some(tag) = c.tag {
                    if let Some(m) = super::methods::lookup(self, tag, name) {
                        return Ok(Some(Value::Native(Rc::new(m))));
                    }
                }
                return Ok(None);
            }
        }))
    }

    fn super_getattr(
        &mut self,
        class: &Rc<Class>,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let start_cls = match this {
            Value::Class(c) => c.clone(),
            other => self.type_of(other),
        };
        let mut after = false;
        for c in start_cls.mro_iter() {
            if after {
                if let Some(v) = c.dict.borrow().get(name).cloned() {
                    let start = start_cls.clone();
                    return match this {
                        Value::Class(_) => Ok(Some(match &v {
                            Value::Obj(o) => match &**o {
                                NativeObj::ClassMethod(f) => {
                                    Value::Method(Rc::new((f.clone(), this.clone())))
                                }
                                NativeObj::StaticMethod(f) => f.clone(),
                                _ => v,
                            },
                            _ => v,
                        })),
                        _ => self.bind(v, this, &start).map(Some),
                    };
                }
                if let Some(tag) = c.tag {
                    if tag == TypeTag::Exception || tag == TypeTag::Object {
                        if let Some(m) = super::methods::object_method(self, c, name) {
                            let start = start_cls.clone();
                            return self.bind(Value::Native(Rc::new(m)), this, &start).map(Some);
                        }
                    }
                }
            }
            if Rc::ptr_eq(c, class) {
                after = true;
            }
        }
        Ok(None)
    }

    fn builtin_getattr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let cls = self.type_of(obj);
        if let Some(tag) = cls.tag {
            if let Some(m) = super::methods::lookup(self, tag, name) {
                return Ok(Some(Value::Native(Rc::new(NativeFn {
                    this: Some(obj.clone()),
                    ..m
                }))));
            }
        }
        if let Some(v) = super::methods::builtin_attr(self, obj, name)? {
            return Ok(Some(v));
        }
        if name == "__class__" {
            return Ok(Some(Value::Class(cls)));
        }
        Ok(None)
    }

    /// A special method looked up on the type (never the instance), bound to `obj`.
    pub fn lookup_special(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let cls = self.type_of(obj);
        let found = cls.lookup(name)?;
        self.bind(found, obj, &cls).ok()
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Value, name: &str, v: Value) -> PyResult<()> {
        match obj {
            Value::Instance(i) => {
                if let Some(Value::Obj(ref o)) = i.class.lookup(name) {
                    if let NativeObj::Property { fset, .. } = &**o {
                        if fset.is_none() {
                            let msg = if self.v.minor() >= 11 {
                                format!(
                                    "property '{name}' of '{}' object has no setter",
                                    i.class.name
                                )
                            } else {
                                "can't set attribute".to_string()
                            };
                            return Err(self.err(E::AttributeError, &msg));
                        }
                        let fset = fset.clone();
                        self.call_value(&fset, vec![obj.clone(), v])?;
                        return Ok(());
                    }
                }
                if i.exc.is_some() {
                    let mut st = i.exc_mut();
                    match name {
                        "args" => {
                            drop(st);
                            let items = self.iterate(&v)?;
                            i.exc_mut().args = Rc::new(items);
                            return Ok(());
                        }
                        "__cause__" => {
                            st.cause = v.as_exc().cloned();
                            st.suppress_context = true;
                            return Ok(());
                        }
                        "__context__" => {
                            st.context = v.as_exc().cloned();
                            return Ok(());
                        }
                        "__suppress_context__" => {
                            drop(st);
                            let b = self.truthy(&v)?;
                            i.exc_mut().suppress_context = b;
                            return Ok(());
                        }
                        "__traceback__" => {
                            drop(st);
                            return Err(self.refuse("assigning __traceback__"));
                        }
                        _ => {}
                    }
                }
                if name == "__class__" || name == "__dict__" {
                    return Err(self.refuse(format!("assigning {name}")));
                }
                i.dict.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Class(c) if c.tag.is_none() => {
                c.dict.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Class(c) => {
                let msg = if self.v.minor() >= 12 {
                    format!(
                        "cannot set '{name}' attribute of immutable type '{}'",
                        c.name
                    )
                } else {
                    format!(
                        "can't set attributes of built-in/extension type '{}'",
                        c.name
                    )
                };
                Err(self.err(E::TypeError, &msg))
            }
            Value::Module(m) => {
                m.set(name, v);
                Ok(())
            }
            Value::Function(f) => {
                if name.starts_with("__") {
                    return Err(self.refuse(format!("assigning a function's {name}")));
                }
                f.dict.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Future(_) => {
                Err(self.refuse(format!("assigning an attribute of a future ({name})")))
            }
            other => {
                let tn = self.type_name(other);
                let known = super::cpython_attrs::known(self, other, name).is_some();
                let msg = if known {
                    format!("'{tn}' object attribute '{name}' is read-only")
                } else if self.v.minor() >= 13 {
                    format!("'{tn}' object has no attribute '{name}' and no __dict__ for setting new attributes")
                } else {
                    format!("'{tn}' object has no attribute '{name}'")
                };
                Err(self.err(E::AttributeError, &msg))
            }
        }
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        match obj {
            Value::Instance(i) => {
                if i.dict.borrow_mut().shift_remove(name).is_some() {
                    return Ok(());
                }
                Err(self.attribute_error(obj, name))
            }
            Value::Class(c) if c.tag.is_none() => {
                if c.dict.borrow_mut().shift_remove(name).is_some() {
                    return Ok(());
                }
                Err(self.attribute_error(obj, name))
            }
            Value::Module(m) => {
                if m.dict.borrow_mut().shift_remove(name).is_some() {
                    return Ok(());
                }
                Err(self.attribute_error(obj, name))
            }
            _ => Err(self.refuse(format!(
                "deleting the attribute '{name}' of a builtin object"
            ))),
        }
    }
}
