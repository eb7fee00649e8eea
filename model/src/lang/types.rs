//! Builtin types as class objects, `type(x)`, and the C3 method resolution order.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::object::{next_id, Class, NativeObj, TypeTag};
use super::value::Value;
use crate::asyncio::interface::{future_class, FutureClass};
use crate::lang::gen::CoroKind;
use crate::runtime::Runtime;
use crate::version::PyVersion;

/// Make a builtin class object.
pub fn new_builtin_class(
    name: &str,
    module: &str,
    bases: Vec<Rc<Class>>,
    tag: Option<TypeTag>,
    is_exception: bool,
) -> Rc<Class> {
    let mro = c3_mro(&bases).unwrap_or_default();
    let tag = if is_exception {
        Some(TypeTag::Exception)
    } else {
        tag
    };
    Rc::new(Class {
        id: next_id(),
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from(module),
        bases,
        mro,
        dict: RefCell::new(IndexMap::new()),
        tag,
        is_exception,
    })
}

/// The C3 linearisation of a class with these bases (its MRO after itself), or None when
/// the bases admit no consistent order (CPython's "Cannot create a consistent method
/// resolution order (MRO)").
pub fn c3_mro(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| b.mro_iter().cloned().collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let mut pick = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, cand)));
            if !in_tail {
                pick = Some(cand.clone());
                break;
            }
        }
        let c = pick?;
        for s in &mut seqs {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// The builtin classes of one runtime.
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool_: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub str_: Rc<Class>,
    pub tuple: Rc<Class>,
    pub list: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub notimpl: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub coroutine: Rc<Class>,
    pub generator: Rc<Class>,
    pub cell: Rc<Class>,
    pub property: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub super_: Rc<Class>,
    /// asyncio's Future, Task and gather's `_GatheringFuture` (C implementation names).
    pub future: Rc<Class>,
    pub task: Rc<Class>,
    pub gathering_future: Rc<Class>,
    /// Builtin exception classes (and asyncio's), indexed by `E as usize`.
    pub excs: Vec<Option<Rc<Class>>>,
    /// Other builtin classes, made on first use (iterators, dict views, ...).
    pub misc: RefCell<HashMap<&'static str, Rc<Class>>>,
}

impl Types {
    pub fn new(v: PyVersion) -> Types {
        let object = new_builtin_class("object", "builtins", vec![], Some(TypeTag::Object), false);
        let mk = |name: &str, tag: TypeTag| {
            new_builtin_class(name, "builtins", vec![object.clone()], Some(tag), false)
        };
        let int = mk("int", TypeTag::Int);
        let bool_ = new_builtin_class(
            "bool",
            "builtins",
            vec![int.clone()],
            Some(TypeTag::Bool),
            false,
        );
        let future = new_builtin_class(
            "Future",
            "_asyncio",
            vec![object.clone()],
            Some(TypeTag::Native),
            false,
        );
        let task = new_builtin_class(
            "Task",
            "_asyncio",
            vec![future.clone()],
            Some(TypeTag::Native),
            false,
        );
        let gathering_future = new_builtin_class(
            "_GatheringFuture",
            "asyncio.tasks",
            vec![future.clone()],
            Some(TypeTag::Native),
            false,
        );
        let excs = super::exceptions::make_classes(v, &object);
        Types {
            type_: mk("type", TypeTag::Type),
            none: mk("NoneType", TypeTag::NoneType),
            float: mk("float", TypeTag::Float),
            str_: mk("str", TypeTag::Str),
            tuple: mk("tuple", TypeTag::Tuple),
            list: mk("list", TypeTag::List),
            dict: mk("dict", TypeTag::Dict),
            set: mk("set", TypeTag::Set),
            frozenset: mk("frozenset", TypeTag::FrozenSet),
            range: mk("range", TypeTag::Range),
            slice: mk("slice", TypeTag::Slice),
            ellipsis: mk("ellipsis", TypeTag::Ellipsis),
            notimpl: mk("NotImplementedType", TypeTag::NotImplementedType),
            function: mk("function", TypeTag::Function),
            builtin_function: mk("builtin_function_or_method", TypeTag::BuiltinFunction),
            method: mk("method", TypeTag::Method),
            module: mk("module", TypeTag::Module),
            coroutine: mk("coroutine", TypeTag::Coroutine),
            generator: mk("generator", TypeTag::Generator),
            cell: mk("cell", TypeTag::Cell),
            property: mk("property", TypeTag::Property),
            staticmethod: mk("staticmethod", TypeTag::StaticMethod),
            classmethod: mk("classmethod", TypeTag::ClassMethod),
            super_: mk("super", TypeTag::Super),
            int,
            bool_,
            future,
            task,
            gathering_future,
            excs,
            misc: RefCell::new(HashMap::new()),
            object,
        }
    }

    /// A builtin class known by name only (an iterator type, a view, ...).
    pub fn misc(&self, name: &'static str, module: &'static str) -> Rc<Class> {
        self.misc
            .borrow_mut()
            .entry(name)
            .or_insert_with(|| {
                new_builtin_class(
                    name,
                    module,
                    vec![self.object.clone()],
                    Some(TypeTag::Iterator),
                    false,
                )
            })
            .clone()
    }
}

impl Runtime<'_> {
    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::None => t.none.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) | Value::Long(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str_.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(_) => t.set.clone(),
            Value::FrozenSet(_) => t.frozenset.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Ellipsis => t.ellipsis.clone(),
            Value::NotImplemented => t.notimpl.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Native(_) => t.builtin_function.clone(),
            Value::Method(_) => t.method.clone(),
            Value::Class(_) => t.type_.clone(),
            Value::Instance(i) => i.class.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Iter(it) => t.misc(it.borrow().type_name(), "builtins"),
            Value::Coro(c) => match self.coros[c.0].kind {
                CoroKind::Coroutine => t.coroutine.clone(),
                CoroKind::Generator => t.generator.clone(),
            },
            Value::Cell(_) => t.cell.clone(),
            Value::Future(f) => match future_class(self, *f) {
                FutureClass::Future => t.future.clone(),
                FutureClass::Task => t.task.clone(),
                FutureClass::GatheringFuture => t.gathering_future.clone(),
            },
            Value::Obj(o) => match &**o {
                NativeObj::Property { .. } => t.property.clone(),
                NativeObj::StaticMethod(_) => t.staticmethod.clone(),
                NativeObj::ClassMethod(_) => t.classmethod.clone(),
                NativeObj::Super { .. } => t.super_.clone(),
                NativeObj::Partial { .. } => t.misc("partial", "functools"),
                NativeObj::DictView { kind, .. } => t.misc(
                    match kind {
                        super::object::DictViewKind::Keys => "dict_keys",
                        super::object::DictViewKind::Values => "dict_values",
                        super::object::DictViewKind::Items => "dict_items",
                    },
                    "builtins",
                ),
                NativeObj::TypeHint(_) => t.misc("GenericAlias", "types"),
                NativeObj::Loop(_) => t.misc("_UnixSelectorEventLoop", "asyncio.unix_events"),
                NativeObj::Handle(_) => t.misc("TimerHandle", "asyncio.events"),
                NativeObj::Random(_) => t.misc("Random", "random"),
                NativeObj::Traceback(_) => t.misc("traceback", "builtins"),
            },
        }
    }

    /// `type(v).__name__`, as error messages name types.
    pub fn type_name(&self, v: &Value) -> String {
        self.type_of(v).name.to_string()
    }

    /// `isinstance(v, cls)` for one class.
    pub fn is_instance(&self, v: &Value, cls: &Rc<Class>) -> bool {
        self.type_of(v).is_subclass(cls)
    }
}
