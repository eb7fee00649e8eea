//! The end of a run: break the reference cycles among the program's objects, so that
//! their memory is freed.
//!
//! The model's objects are reference counted (`Rc`), with no cycle collector, and a
//! program makes cycles as a matter of course: every function holds its module's
//! namespace as its globals, and that namespace holds the function; a class holds its
//! methods, which reach the class again through `__class__`; `l.append(l)`. Left alone,
//! everything such a cycle reaches outlives the run: a process that runs many programs
//! (`explore`, `check` on a folder, the fuzz campaign) grows without bound (a module-level
//! `x = [0] * 10**6` leaked 16 MB a run). CPython clears module namespaces at interpreter
//! shutdown for the same reason.
//!
//! Every cycle passes through an object that can change after it is made (a list, dict,
//! set, a namespace, a closure cell, an iterator): an object that cannot (a tuple, a
//! function's defaults) holds only what existed before it. So emptying every such object
//! reachable from the runtime breaks every reachable cycle. The walk is iterative, and
//! objects are released parents first, so a deeply nested structure is freed without deep
//! recursion in `Drop` as well.

use std::collections::HashSet;

use super::interp::Frame;
use super::iter::Iter;
use super::object::NativeObj;
use super::value::Value;
use crate::lang::gen::CoroBody;
use crate::runtime::Runtime;

/// What the walk has seen: each object once, kept alive until the walk ends (so that an
/// address is never reused for another object while the walk runs) and then released in
/// the order found, parents before children.
#[derive(Default)]
struct Walk {
    seen: HashSet<usize>,
    kept: Vec<Value>,
    todo: Vec<Value>,
}

impl Walk {
    /// Queue an object (values without contents, such as ints and strings, are dropped
    /// here: a list of a million ints costs one pass, not a million queue entries).
    fn push(&mut self, v: Value) {
        if Walk::address(&v).is_some() {
            self.todo.push(v);
        }
    }

    fn extend(&mut self, vs: impl IntoIterator<Item = Value>) {
        for v in vs {
            self.push(v);
        }
    }

    fn frame(&mut self, f: &mut Frame) {
        self.extend(std::mem::take(&mut f.stack));
        self.extend(std::mem::take(&mut f.fast).into_iter().flatten());
        for c in std::mem::take(&mut f.cells) {
            self.push(Value::Cell(c));
        }
        if let Some(ns) = f.locals.take() {
            if let Ok(mut ns) = ns.try_borrow_mut() {
                self.extend(std::mem::take(&mut *ns).into_values());
            }
        }
        self.extend(
            std::mem::take(&mut f.handling)
                .into_iter()
                .map(Value::Instance),
        );
        self.push(Value::Module(f.globals.clone()));
    }

    /// The address of the object a value holds, for those with identity and contents.
    fn address(v: &Value) -> Option<usize> {
        Some(match v {
            Value::Long(_)
            | Value::Str(_)
            | Value::Range(_)
            | Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Coro(_)
            | Value::Future(_) => return None,
            Value::Tuple(t) => std::rc::Rc::as_ptr(t) as *const () as usize,
            Value::List(l) => std::rc::Rc::as_ptr(l) as *const () as usize,
            Value::Dict(d) => std::rc::Rc::as_ptr(d) as *const () as usize,
            Value::Set(s) => std::rc::Rc::as_ptr(s) as *const () as usize,
            Value::FrozenSet(s) => std::rc::Rc::as_ptr(s) as *const () as usize,
            Value::Slice(s) => std::rc::Rc::as_ptr(s) as *const () as usize,
            Value::Function(f) => std::rc::Rc::as_ptr(f) as *const () as usize,
            Value::Native(n) => std::rc::Rc::as_ptr(n) as *const () as usize,
            Value::Method(m) => std::rc::Rc::as_ptr(m) as *const () as usize,
            Value::Class(c) => std::rc::Rc::as_ptr(c) as *const () as usize,
            Value::Instance(i) => std::rc::Rc::as_ptr(i) as *const () as usize,
            Value::Module(m) => std::rc::Rc::as_ptr(m) as *const () as usize,
            Value::Iter(i) => std::rc::Rc::as_ptr(i) as *const () as usize,
            Value::Cell(c) => std::rc::Rc::as_ptr(c) as *const () as usize,
            Value::Obj(o) => std::rc::Rc::as_ptr(o) as *const () as usize,
        })
    }

    fn run(&mut self) {
        while let Some(v) = self.todo.pop() {
            let Some(addr) = Walk::address(&v) else {
                continue;
            };
            if !self.seen.insert(addr) {
                continue;
            }
            self.contents(&v);
            self.kept.push(v);
        }
    }

    /// Queue what an object holds, emptying it if it can change.
    fn contents(&mut self, v: &Value) {
        match v {
            Value::Tuple(t) => self.extend(t.iter().cloned()),
            Value::List(l) => {
                if let Ok(mut l) = l.try_borrow_mut() {
                    self.extend(std::mem::take(&mut *l));
                }
            }
            Value::Dict(d) => {
                if let Ok(mut d) = d.try_borrow_mut() {
                    for (_, (k, v)) in std::mem::take(&mut d.map) {
                        self.push(k);
                        self.push(v);
                    }
                }
            }
            Value::Set(s) => {
                if let Ok(mut s) = s.try_borrow_mut() {
                    self.extend(std::mem::take(&mut s.map).into_values().map(|(_, m)| m));
                }
            }
            Value::FrozenSet(s) => self.extend(s.map.values().map(|(_, m)| m.clone())),
            Value::Slice(s) => self.extend(s.iter().cloned()),
            Value::Function(f) => {
                self.extend(f.defaults.iter().cloned());
                self.extend(f.kwdefaults.iter().map(|(_, v)| v.clone()));
                self.extend(f.closure.iter().cloned().map(Value::Cell));
                if let Ok(mut d) = f.dict.try_borrow_mut() {
                    self.extend(std::mem::take(&mut *d).into_values());
                }
                self.push(Value::Module(f.globals.clone()));
            }
            Value::Native(n) => self.extend(n.this.clone()),
            Value::Method(m) => {
                self.push(m.0.clone());
                self.push(m.1.clone());
            }
            Value::Class(c) => {
                if let Ok(mut d) = c.dict.try_borrow_mut() {
                    self.extend(std::mem::take(&mut *d).into_values());
                }
                self.extend(c.bases.iter().cloned().map(Value::Class));
                self.extend(c.mro.iter().cloned().map(Value::Class));
            }
            Value::Instance(i) => {
                self.push(Value::Class(i.class.clone()));
                if let Ok(mut d) = i.dict.try_borrow_mut() {
                    self.extend(std::mem::take(&mut *d).into_values());
                }
                if let Some(e) = &i.exc {
                    if let Ok(mut e) = e.try_borrow_mut() {
                        let e = std::mem::take(&mut *e);
                        self.extend(e.args.iter().cloned());
                        self.extend(e.cause.map(Value::Instance));
                        self.extend(e.context.map(Value::Instance));
                        self.extend(e.notes);
                    }
                }
            }
            Value::Module(m) => {
                if let Ok(mut d) = m.dict.try_borrow_mut() {
                    self.extend(std::mem::take(&mut *d).into_values());
                }
            }
            Value::Iter(it) => {
                if let Ok(mut it) = it.try_borrow_mut() {
                    let name = it.type_name();
                    let old = std::mem::replace(&mut *it, Iter::Exhausted { name });
                    self.extend(old.into_values());
                }
            }
            Value::Cell(c) => {
                if let Ok(mut c) = c.try_borrow_mut() {
                    self.extend(c.take());
                }
            }
            Value::Obj(o) => match &**o {
                NativeObj::Property {
                    fget,
                    fset,
                    fdel,
                    doc,
                } => self.extend([fget, fset, fdel, doc].into_iter().cloned()),
                NativeObj::StaticMethod(f) | NativeObj::ClassMethod(f) => self.push(f.clone()),
                NativeObj::Super { class, this } => {
                    self.push(Value::Class(class.clone()));
                    self.push(this.clone());
                }
                NativeObj::Partial { func, args, kw } => {
                    self.push(func.clone());
                    self.extend(args.iter().cloned());
                    self.extend(kw.iter().map(|(_, v)| v.clone()));
                }
                NativeObj::DictView { dict, .. } => self.push(Value::Dict(dict.clone())),
                NativeObj::Traceback(e) => self.push(Value::Instance(e.clone())),
                NativeObj::TypeHint(_)
                | NativeObj::Loop(_)
                | NativeObj::Handle(_)
                | NativeObj::Random(_) => {}
            },
            Value::Long(_)
            | Value::Str(_)
            | Value::Range(_)
            | Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Coro(_)
            | Value::Future(_) => {}
        }
    }
}

impl Runtime<'_> {
    /// Empty every object the runtime still reaches (see the module's docs). The runtime
    /// is not used afterwards: this runs when it is dropped.
    pub(crate) fn break_cycles(&mut self) {
        let mut w = Walk::default();
        for m in std::mem::take(&mut self.modules).into_values() {
            w.push(Value::Module(m));
        }
        w.push(Value::Module(self.builtins.clone()));
        w.extend(
            std::mem::take(&mut self.exc_chain)
                .into_iter()
                .flatten()
                .map(Value::Instance),
        );
        for f in &mut self.futs {
            w.push(std::mem::replace(&mut f.result, Value::None));
            w.extend(f.exception.take().map(Value::Instance));
            w.extend(f.cancel_message.take());
            w.extend(f.cancelled_exc.take().map(Value::Instance));
        }
        for c in &mut self.coros {
            if let CoroBody::User(f) = &mut c.body {
                w.frame(f);
            }
        }
        for l in &mut self.loops {
            w.extend(l.task_factory.take());
        }
        w.run();
        // Release parents before children: each child is still held by `kept`, so no drop
        // recurses into it.
        for v in w.kept.drain(..) {
            drop(v);
        }
    }
}

impl Drop for Runtime<'_> {
    fn drop(&mut self) {
        self.break_cycles();
    }
}
