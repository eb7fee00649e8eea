//! Exceptions: the builtin classes and their hierarchy per version, asyncio's exception
//! classes (where they live changed in 3.8 and 3.11), and how exceptions are made, matched
//! and shown (`BaseException.__str__`/`__repr__`).

use std::rc::Rc;

use super::object::{Class, Instance};
use super::value::{Exc, PyResult, Value};
use crate::runtime::Runtime;
use crate::version::PyVersion;

macro_rules! exc_enum {
    ($($name:ident),* $(,)?) => {
        /// Builtin exception classes (and asyncio's) the model raises or a program names.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum E { $($name),* }
        impl E {
            pub const ALL: &'static [E] = &[$(E::$name),*];
            pub fn name(self) -> &'static str {
                match self { $(E::$name => stringify!($name)),* }
            }
        }
    };
}

exc_enum!(
    BaseException,
    Exception,
    ArithmeticError,
    AssertionError,
    AttributeError,
    BlockingIOError,
    BrokenPipeError,
    BufferError,
    BytesWarning,
    ChildProcessError,
    ConnectionAbortedError,
    ConnectionError,
    ConnectionRefusedError,
    ConnectionResetError,
    DeprecationWarning,
    EOFError,
    FileExistsError,
    FileNotFoundError,
    FloatingPointError,
    FutureWarning,
    GeneratorExit,
    ImportError,
    ImportWarning,
    IndentationError,
    IndexError,
    InterruptedError,
    IsADirectoryError,
    KeyError,
    KeyboardInterrupt,
    LookupError,
    MemoryError,
    ModuleNotFoundError,
    NameError,
    NotADirectoryError,
    NotImplementedError,
    OSError,
    OverflowError,
    PendingDeprecationWarning,
    PermissionError,
    ProcessLookupError,
    RecursionError,
    ReferenceError,
    ResourceWarning,
    RuntimeError,
    RuntimeWarning,
    StopAsyncIteration,
    StopIteration,
    SyntaxError,
    SyntaxWarning,
    SystemError,
    SystemExit,
    TabError,
    TimeoutError,
    TypeError,
    UnboundLocalError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    UnicodeError,
    UnicodeTranslateError,
    UnicodeWarning,
    UserWarning,
    ValueError,
    Warning,
    ZeroDivisionError,
    EncodingWarning,
    BaseExceptionGroup,
    ExceptionGroup,
    PythonFinalizationError,
    // asyncio's own (see `asyncio_class_path`).
    CancelledError,
    AsyncioTimeoutError,
    InvalidStateError,
    FuturesError,
);

/// `(class, base, first minor version)` of the builtin exceptions.
const HIERARCHY: &[(E, E, u8)] = &[
    (E::Exception, E::BaseException, 7),
    (E::GeneratorExit, E::BaseException, 7),
    (E::KeyboardInterrupt, E::BaseException, 7),
    (E::SystemExit, E::BaseException, 7),
    (E::ArithmeticError, E::Exception, 7),
    (E::AssertionError, E::Exception, 7),
    (E::AttributeError, E::Exception, 7),
    (E::BufferError, E::Exception, 7),
    (E::EOFError, E::Exception, 7),
    (E::ImportError, E::Exception, 7),
    (E::LookupError, E::Exception, 7),
    (E::MemoryError, E::Exception, 7),
    (E::NameError, E::Exception, 7),
    (E::OSError, E::Exception, 7),
    (E::ReferenceError, E::Exception, 7),
    (E::RuntimeError, E::Exception, 7),
    (E::StopAsyncIteration, E::Exception, 7),
    (E::StopIteration, E::Exception, 7),
    (E::SyntaxError, E::Exception, 7),
    (E::SystemError, E::Exception, 7),
    (E::TypeError, E::Exception, 7),
    (E::ValueError, E::Exception, 7),
    (E::Warning, E::Exception, 7),
    (E::FloatingPointError, E::ArithmeticError, 7),
    (E::OverflowError, E::ArithmeticError, 7),
    (E::ZeroDivisionError, E::ArithmeticError, 7),
    (E::ModuleNotFoundError, E::ImportError, 7),
    (E::IndexError, E::LookupError, 7),
    (E::KeyError, E::LookupError, 7),
    (E::UnboundLocalError, E::NameError, 7),
    (E::BlockingIOError, E::OSError, 7),
    (E::ChildProcessError, E::OSError, 7),
    (E::ConnectionError, E::OSError, 7),
    (E::BrokenPipeError, E::ConnectionError, 7),
    (E::ConnectionAbortedError, E::ConnectionError, 7),
    (E::ConnectionRefusedError, E::ConnectionError, 7),
    (E::ConnectionResetError, E::ConnectionError, 7),
    (E::FileExistsError, E::OSError, 7),
    (E::FileNotFoundError, E::OSError, 7),
    (E::InterruptedError, E::OSError, 7),
    (E::IsADirectoryError, E::OSError, 7),
    (E::NotADirectoryError, E::OSError, 7),
    (E::PermissionError, E::OSError, 7),
    (E::ProcessLookupError, E::OSError, 7),
    (E::TimeoutError, E::OSError, 7),
    (E::NotImplementedError, E::RuntimeError, 7),
    (E::RecursionError, E::RuntimeError, 7),
    (E::PythonFinalizationError, E::RuntimeError, 13),
    (E::IndentationError, E::SyntaxError, 7),
    (E::TabError, E::IndentationError, 7),
    (E::UnicodeError, E::ValueError, 7),
    (E::UnicodeDecodeError, E::UnicodeError, 7),
    (E::UnicodeEncodeError, E::UnicodeError, 7),
    (E::UnicodeTranslateError, E::UnicodeError, 7),
    (E::BytesWarning, E::Warning, 7),
    (E::DeprecationWarning, E::Warning, 7),
    (E::EncodingWarning, E::Warning, 10),
    (E::FutureWarning, E::Warning, 7),
    (E::ImportWarning, E::Warning, 7),
    (E::PendingDeprecationWarning, E::Warning, 7),
    (E::ResourceWarning, E::Warning, 7),
    (E::RuntimeWarning, E::Warning, 7),
    (E::SyntaxWarning, E::Warning, 7),
    (E::UnicodeWarning, E::Warning, 7),
    (E::UserWarning, E::Warning, 7),
    (E::BaseExceptionGroup, E::BaseException, 11),
    (E::ExceptionGroup, E::BaseExceptionGroup, 11),
];

/// Is `name` a builtin exception class name (on some version)?
pub fn is_builtin_exception_name(name: &str) -> bool {
    name == "BaseException"
        || name == "EnvironmentError"
        || name == "IOError"
        || HIERARCHY.iter().any(|(e, _, _)| e.name() == name)
}

/// Where asyncio's exception classes live, per version: (module, qualname, bases).
pub fn asyncio_class(e: E, v: PyVersion) -> Option<(&'static str, &'static str, Vec<E>)> {
    let m = v.minor();
    Some(match e {
        E::FuturesError if m == 7 => ("concurrent.futures._base", "Error", vec![E::Exception]),
        E::CancelledError if m == 7 => (
            "concurrent.futures._base",
            "CancelledError",
            vec![E::FuturesError],
        ),
        E::CancelledError => (
            "asyncio.exceptions",
            "CancelledError",
            vec![E::BaseException],
        ),
        E::AsyncioTimeoutError if m == 7 => (
            "concurrent.futures._base",
            "TimeoutError",
            vec![E::FuturesError],
        ),
        E::AsyncioTimeoutError if m <= 10 => {
            ("asyncio.exceptions", "TimeoutError", vec![E::Exception])
        }
        E::InvalidStateError if m == 7 => (
            "asyncio.base_futures",
            "InvalidStateError",
            vec![E::FuturesError],
        ),
        E::InvalidStateError => (
            "asyncio.exceptions",
            "InvalidStateError",
            vec![E::Exception],
        ),
        _ => return None,
    })
}

/// The builtin exception classes of version `v`, indexed by `E as usize`.
pub fn make_classes(v: PyVersion, object: &Rc<Class>) -> Vec<Option<Rc<Class>>> {
    let mut out: Vec<Option<Rc<Class>>> = vec![None; E::ALL.len()];
    let base = super::types::new_builtin_class(
        "BaseException",
        "builtins",
        vec![object.clone()],
        None,
        true,
    );
    out[E::BaseException as usize] = Some(base);
    for (e, parent, since) in HIERARCHY {
        if v.minor() < *since {
            continue;
        }
        let p = out[*parent as usize].clone().expect("parents come first");
        let mut bases = vec![p];
        if *e == E::ExceptionGroup {
            bases.push(
                out[E::Exception as usize]
                    .clone()
                    .expect("Exception exists"),
            );
        }
        out[*e as usize] = Some(super::types::new_builtin_class(
            e.name(),
            "builtins",
            bases,
            None,
            true,
        ));
    }
    for e in [
        E::FuturesError,
        E::CancelledError,
        E::AsyncioTimeoutError,
        E::InvalidStateError,
    ] {
        if let Some((module, name, bases)) = asyncio_class(e, v) {
            let bases = bases
                .iter()
                .map(|b| out[*b as usize].clone().expect("asyncio bases exist"))
                .collect();
            out[e as usize] = Some(super::types::new_builtin_class(
                name, module, bases, None, true,
            ));
        }
    }
    if v.minor() >= 11 {
        // asyncio.TimeoutError is the builtin TimeoutError.
        out[E::AsyncioTimeoutError as usize] = out[E::TimeoutError as usize].clone();
    }
    out
}

impl Runtime<'_> {
    /// The class of a builtin exception on this version.
    pub fn exc_class(&self, e: E) -> Rc<Class> {
        match &self.types.excs[e as usize] {
            Some(c) => c.clone(),
            None => panic!("{} does not exist on Python {}", e.name(), self.v),
        }
    }

    /// A new exception instance (not raised: no `__context__`).
    pub fn new_exc(&mut self, e: E, args: Vec<Value>) -> Exc {
        let cls = self.exc_class(e);
        self.new_exc_of(cls, args)
    }

    pub fn new_exc_of(&mut self, cls: Rc<Class>, args: Vec<Value>) -> Exc {
        let i = Instance::new(cls);
        i.exc_mut().args = Rc::new(args);
        i
    }

    pub fn new_exc_msg(&mut self, e: E, msg: &str) -> Exc {
        self.new_exc(e, vec![Value::str(msg)])
    }

    /// A new exception raised by the runtime now (it gets its `__context__`).
    pub fn err(&mut self, e: E, msg: &str) -> Exc {
        let x = self.new_exc_msg(e, msg);
        self.set_context(&x);
        x
    }

    /// `isinstance(exc, E)`.
    pub fn exc_is(&self, x: &Exc, e: E) -> bool {
        match &self.types.excs[e as usize] {
            Some(c) => x.class.is_subclass(c),
            None => false,
        }
    }

    /// Does `except types:` match `e`? (TypeError for what is not an exception class.)
    pub fn exc_matches(&mut self, e: &Exc, types: &Value) -> PyResult<bool> {
        match types {
            Value::Class(c) if c.is_exception => Ok(e.class.is_subclass(c)),
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exc_matches(e, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.err(
                E::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `BaseException.__str__` (with the subclasses' own: KeyError, OSError).
    pub fn exc_str(&mut self, e: &Exc) -> PyResult<String> {
        if self.is_group(e) {
            return self.group_str(e);
        }
        let args = e.args();
        if e.class.is_subclass(&self.exc_class(E::KeyError)) && args.len() == 1 {
            return self.repr(&args[0]);
        }
        if e.class.is_subclass(&self.exc_class(E::OSError)) && (2..=5).contains(&args.len()) {
            let errno = self.str_of(&args[0])?;
            let strerror = self.str_of(&args[1])?;
            return Ok(format!("[Errno {errno}] {strerror}"));
        }
        match args.len() {
            0 => Ok(String::new()),
            1 => self.str_of(&args[0]),
            _ => self.repr(&Value::Tuple(args)),
        }
    }

    /// `BaseException.__repr__`: `ValueError('boom')`, `ValueError()`.
    pub fn exc_repr(&mut self, e: &Exc) -> PyResult<String> {
        let args = e.args();
        let mut parts = Vec::with_capacity(args.len());
        for a in args.iter() {
            parts.push(self.repr(a)?);
        }
        Ok(format!("{}({})", e.class.name, parts.join(", ")))
    }
}
