//! Exception classes and their hierarchy, per Python version.
//!
//! Only the hierarchy matters to the model (it decides which `except` clause catches what);
//! the classes are those a scenario can name plus those asyncio raises itself.

use aiospec_model::PyVersion;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcClass {
    BaseException,
    Exception,
    ArithmeticError,
    ZeroDivisionError,
    LookupError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    RuntimeError,
    AssertionError,
    NotImplementedError,
    NameError,
    AttributeError,
    OSError,
    ConnectionError,
    /// The builtin `TimeoutError` (an `OSError`). From 3.11 it is also `asyncio.TimeoutError`.
    TimeoutError,
    GeneratorExit,
    /// `asyncio.CancelledError`: an `Exception` on 3.7, a `BaseException` from 3.8 (SPEC T10).
    CancelledError,
    /// `asyncio.TimeoutError` before 3.11 (a distinct class deriving from `Exception`).
    AsyncioTimeoutError,
    /// `asyncio.InvalidStateError`.
    InvalidStateError,
    /// 3.11+: what a TaskGroup raises when a child or its body failed.
    BaseExceptionGroup,
    /// 3.11+: a `BaseExceptionGroup` and an `Exception` (whose errors are all `Exception`s).
    ExceptionGroup,
}

impl ExcClass {
    /// Resolve a name a scenario writes (`ValueError`, `asyncio.CancelledError`).
    pub fn from_name(name: &str, v: PyVersion) -> Option<ExcClass> {
        use ExcClass::*;
        Some(match name {
            "BaseException" => BaseException,
            "Exception" => Exception,
            "ArithmeticError" => ArithmeticError,
            "ZeroDivisionError" => ZeroDivisionError,
            "LookupError" => LookupError,
            "KeyError" => KeyError,
            "IndexError" => IndexError,
            "ValueError" => ValueError,
            "TypeError" => TypeError,
            "RuntimeError" => RuntimeError,
            "AssertionError" => AssertionError,
            "NotImplementedError" => NotImplementedError,
            "NameError" => NameError,
            "AttributeError" => AttributeError,
            "OSError" => OSError,
            "ConnectionError" => ConnectionError,
            "TimeoutError" => TimeoutError,
            "GeneratorExit" => GeneratorExit,
            "asyncio.CancelledError" => CancelledError,
            "asyncio.InvalidStateError" => InvalidStateError,
            "BaseExceptionGroup" if v.minor() >= 11 => BaseExceptionGroup,
            "ExceptionGroup" if v.minor() >= 11 => ExceptionGroup,
            "asyncio.TimeoutError" => {
                if v.timeout_error_is_builtin() {
                    TimeoutError
                } else {
                    AsyncioTimeoutError
                }
            }
            _ => return None,
        })
    }

    /// Names a scenario may use for exception classes.
    pub const BUILTIN_NAMES: [&'static str; 18] = [
        "BaseException",
        "Exception",
        "ArithmeticError",
        "ZeroDivisionError",
        "LookupError",
        "KeyError",
        "IndexError",
        "ValueError",
        "TypeError",
        "RuntimeError",
        "AssertionError",
        "NotImplementedError",
        "NameError",
        "AttributeError",
        "OSError",
        "ConnectionError",
        "TimeoutError",
        "GeneratorExit",
    ];

    /// The class's `__name__`, as `repr()` of an instance shows it.
    pub fn name(self) -> &'static str {
        use ExcClass::*;
        match self {
            BaseException => "BaseException",
            Exception => "Exception",
            ArithmeticError => "ArithmeticError",
            ZeroDivisionError => "ZeroDivisionError",
            LookupError => "LookupError",
            KeyError => "KeyError",
            IndexError => "IndexError",
            ValueError => "ValueError",
            TypeError => "TypeError",
            RuntimeError => "RuntimeError",
            AssertionError => "AssertionError",
            NotImplementedError => "NotImplementedError",
            NameError => "NameError",
            AttributeError => "AttributeError",
            OSError => "OSError",
            ConnectionError => "ConnectionError",
            TimeoutError | AsyncioTimeoutError => "TimeoutError",
            GeneratorExit => "GeneratorExit",
            CancelledError => "CancelledError",
            InvalidStateError => "InvalidStateError",
            BaseExceptionGroup => "BaseExceptionGroup",
            ExceptionGroup => "ExceptionGroup",
        }
    }

    /// The base class, on version `v`.
    pub fn base(self, v: PyVersion) -> Option<ExcClass> {
        use ExcClass::*;
        Some(match self {
            BaseException => return None,
            Exception | GeneratorExit => BaseException,
            ArithmeticError | LookupError | ValueError | TypeError | RuntimeError
            | AssertionError | NameError | AttributeError | OSError => Exception,
            ZeroDivisionError => ArithmeticError,
            KeyError | IndexError => LookupError,
            NotImplementedError => RuntimeError,
            ConnectionError | TimeoutError => OSError,
            CancelledError => {
                if v.cancelled_error_is_base_exception() {
                    BaseException
                } else {
                    Exception
                }
            }
            AsyncioTimeoutError | InvalidStateError => Exception,
            BaseExceptionGroup => BaseException,
            // Also a BaseExceptionGroup: see `is_subclass`.
            ExceptionGroup => Exception,
        })
    }

    /// `issubclass(self, other)` on version `v`.
    pub fn is_subclass(self, other: ExcClass, v: PyVersion) -> bool {
        if self == ExcClass::ExceptionGroup && other == ExcClass::BaseExceptionGroup {
            return true;
        }
        let mut c = Some(self);
        while let Some(k) = c {
            if k == other {
                return true;
            }
            c = k.base(v);
        }
        false
    }

    /// The Python expression that names this class in an exported program.
    pub fn python_name(self) -> &'static str {
        match self {
            ExcClass::CancelledError => "asyncio.CancelledError",
            ExcClass::AsyncioTimeoutError => "asyncio.TimeoutError",
            ExcClass::InvalidStateError => "asyncio.InvalidStateError",
            other => other.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelled_error_moved_to_base_exception_in_3_8() {
        let v37 = PyVersion::new(7);
        let v38 = PyVersion::new(8);
        assert!(ExcClass::CancelledError.is_subclass(ExcClass::Exception, v37));
        assert!(!ExcClass::CancelledError.is_subclass(ExcClass::Exception, v38));
        assert!(ExcClass::CancelledError.is_subclass(ExcClass::BaseException, v38));
    }

    #[test]
    fn asyncio_timeout_error_is_builtin_from_3_11() {
        assert_eq!(
            ExcClass::from_name("asyncio.TimeoutError", PyVersion::new(10)),
            Some(ExcClass::AsyncioTimeoutError)
        );
        assert_eq!(
            ExcClass::from_name("asyncio.TimeoutError", PyVersion::new(11)),
            Some(ExcClass::TimeoutError)
        );
        assert!(!ExcClass::AsyncioTimeoutError.is_subclass(ExcClass::OSError, PyVersion::new(10)));
    }
}
