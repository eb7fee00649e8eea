//! Objects with identity: classes, instances (exceptions among them), functions, builtin
//! functions, modules, and the builtin objects that are neither (`NativeObj`).

use std::cell::{Cell as StdCell, RefCell};
use std::rc::Rc;

use indexmap::IndexMap;

use super::code::Code;
use super::traceback::TbEntry;
use super::value::{Cell, Exc, PyResult, Value};
use crate::runtime::Runtime;

/// A namespace: attribute and global names to values, in insertion order (as CPython's
/// dicts keep them, which `dir()`-free programs can still observe through `vars()`).
pub type Namespace = IndexMap<Rc<str>, Value>;

thread_local! {
    static NEXT_ID: StdCell<u64> = const { StdCell::new(1) };
}

/// A fresh object number (identity for hashing and `repr`-free comparisons).
pub fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

/// Which builtin type a class object is (None for classes the program defines).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeTag {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Ellipsis,
    NotImplementedType,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Coroutine,
    Generator,
    AsyncGenerator,
    Iterator,
    Cell,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    /// BaseException and every builtin exception class.
    Exception,
    /// asyncio's and other builtin classes modelled as native objects.
    Native,
}

pub struct Class {
    pub id: u64,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after the class itself (C3 linearisation).
    pub mro: Vec<Rc<Class>>,
    pub dict: RefCell<Namespace>,
    /// Set for builtin classes.
    pub tag: Option<TypeTag>,
    /// Derives from BaseException.
    pub is_exception: bool,
}

impl std::fmt::Debug for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.name)
    }
}

impl Class {
    /// The class and then its MRO.
    pub fn mro_iter(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(self.mro.iter())
    }

    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        self.mro_iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// Look a name up along the MRO (`_PyType_Lookup`).
    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<Value> {
        for c in self.mro_iter() {
            if let Some(v) = c.dict.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// The nearest builtin class in the MRO (what instances are made of).
    pub fn builtin_base(self: &Rc<Class>) -> Option<TypeTag> {
        self.mro_iter().find_map(|c| c.tag)
    }

    /// `module.qualname` as `repr(cls)` shows it (`builtins` is left out).
    pub fn full_name(&self) -> String {
        if &*self.module == "builtins" {
            self.qualname.to_string()
        } else {
            format!("{}.{}", self.module, self.qualname)
        }
    }
}

/// What an exception carries besides its attributes.
#[derive(Clone, Debug, Default)]
pub struct ExcState {
    pub args: Rc<Vec<Value>>,
    /// Innermost entry first (entries are added as the exception leaves each frame).
    pub traceback: Vec<TbEntry>,
    pub cause: Option<Exc>,
    pub context: Option<Exc>,
    pub suppress_context: bool,
    /// `add_note()` (3.11+).
    pub notes: Vec<Value>,
    /// A NameError's "Did you mean" suggestion (3.10+), from the frame that raised it, as
    /// the interpreter's display computes it and (3.12+) as the `traceback` module does.
    pub hint: Option<String>,
    pub hint_tb: Option<String>,
}

pub struct Instance {
    pub id: u64,
    pub class: Rc<Class>,
    pub dict: RefCell<Namespace>,
    /// Exception state, for instances of BaseException subclasses.
    pub exc: Option<RefCell<ExcState>>,
}

impl std::fmt::Debug for Instance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object #{}>", self.class.name, self.id)
    }
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        let exc = class
            .is_exception
            .then(|| RefCell::new(ExcState::default()));
        Rc::new(Instance {
            id: next_id(),
            class,
            dict: RefCell::new(IndexMap::new()),
            exc,
        })
    }

    /// The exception state (panics for non-exceptions: callers hold an `Exc`).
    pub fn exc(&self) -> std::cell::Ref<'_, ExcState> {
        self.exc.as_ref().expect("an exception instance").borrow()
    }

    pub fn exc_mut(&self) -> std::cell::RefMut<'_, ExcState> {
        self.exc
            .as_ref()
            .expect("an exception instance")
            .borrow_mut()
    }

    pub fn args(&self) -> Rc<Vec<Value>> {
        self.exc().args.clone()
    }
}

/// A function the program defined.
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    pub closure: Vec<Cell>,
    /// `__name__` and `__qualname__` (assignable: `functools.wraps` copies them).
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub dict: RefCell<Namespace>,
    /// `types.coroutine(func)` set `CO_ITERABLE_COROUTINE` on its code: the generators it
    /// makes may be awaited (asyncio's `@coroutine`, 3.7-3.10).
    pub iterable_coroutine: std::cell::Cell<bool>,
}

impl Function {
    pub fn qualname(&self) -> Rc<str> {
        self.qualname.borrow().clone()
    }
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<function {}>", self.qualname.borrow())
    }
}

/// Positional and keyword arguments of a call.
#[derive(Clone, Debug, Default)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }
}

/// A builtin implemented in Rust. `this` is the bound object for methods.
pub type NativeImpl = fn(&mut Runtime, Option<&Value>, Args) -> PyResult;

pub struct NativeFn {
    /// `__name__`.
    pub name: &'static str,
    /// For methods, the class name (`list` in `list.append`).
    pub owner: Option<&'static str>,
    pub this: Option<Value>,
    pub f: NativeImpl,
}

impl std::fmt::Debug for NativeFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<built-in {}>", self.name)
    }
}

/// A module object.
pub struct Module {
    pub name: Rc<str>,
    pub dict: RefCell<Namespace>,
    /// Where the module's source came from (None for builtin modules).
    pub file: Option<Rc<str>>,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<module '{}'>", self.name)
    }
}

impl Module {
    pub fn new(name: &str, file: Option<&str>) -> Rc<Module> {
        Rc::new(Module {
            name: Rc::from(name),
            dict: RefCell::new(IndexMap::new()),
            file: file.map(Rc::from),
        })
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }

    pub fn set(&self, name: &str, v: Value) {
        self.dict.borrow_mut().insert(Rc::from(name), v);
    }
}

/// Builtin objects that are not values of their own kind.
#[derive(Debug)]
pub enum NativeObj {
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super()` bound to `(class, object)`.
    Super {
        class: Rc<Class>,
        this: Value,
    },
    /// `functools.partial(func, *args, **kw)`.
    Partial {
        func: Value,
        args: Vec<Value>,
        kw: Vec<(Rc<str>, Value)>,
    },
    /// `dict.keys()`, `values()`, `items()` views.
    DictView {
        dict: Rc<RefCell<super::dict::Dict>>,
        kind: DictViewKind,
    },
    /// An opaque value only an annotation or a type hint uses (`list[int]`, `Optional[str]`).
    TypeHint(String),
    /// The event loop (one per `new_event_loop()`; see asyncio/base_events.rs).
    Loop(usize),
    /// `asyncio.Handle` / `TimerHandle` (index into the loop's handles).
    Handle(usize),
    /// A `random.Random` instance.
    Random(Box<RefCell<super::modules::random_core::Random>>),
    /// An exception's `__traceback__` (opaque: tracebacks are only printed).
    Traceback(super::value::Exc),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}
