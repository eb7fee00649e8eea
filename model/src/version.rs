//! The Python version parameter.
//!
//! Every behaviour that differs between CPython versions is switched by one of the predicates
//! below, each named after the change and citing the version that made it, so that
//! `grep -n 'fn ' version.rs` is the list of version differences the model knows about
//! (SPEC.md's version table is generated from the same facts).

use std::fmt;
use std::str::FromStr;

/// A CPython version the model follows: a minor version and the patch release whose
/// behaviour it has. 3.7 to 3.13 have one each (the releases installed on the project's
/// machines: 3.7.16, 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0); 3.14 and 3.15 have two,
/// since asyncio changed within them (3.14.8 and 3.14.10, 3.15.0 and 3.15.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyVersion {
    minor: u8,
    patch: u8,
}

/// The patch release each minor version stands for by default (the newest one followed).
const fn default_patch(minor: u8) -> u8 {
    match minor {
        7 => 16,
        8 => 18,
        9 => 18,
        10 => 13,
        11 => 7,
        12 => 1,
        13 => 0,
        14 => 10,
        15 => 2,
        _ => 0,
    }
}

impl PyVersion {
    /// Every target: each minor version's patch release, and both sides of 3.14's and 3.15's
    /// patch-level changes.
    pub const ALL: [PyVersion; 11] = [
        PyVersion::new(7),
        PyVersion::new(8),
        PyVersion::new(9),
        PyVersion::new(10),
        PyVersion::new(11),
        PyVersion::new(12),
        PyVersion::new(13),
        PyVersion::at(14, 8),
        PyVersion::at(14, 10),
        PyVersion::at(15, 0),
        PyVersion::at(15, 2),
    ];

    /// Minor version `minor` at its default patch release.
    pub const fn new(minor: u8) -> PyVersion {
        PyVersion {
            minor,
            patch: default_patch(minor),
        }
    }

    /// An exact release (one of `ALL`).
    pub const fn at(minor: u8, patch: u8) -> PyVersion {
        PyVersion { minor, patch }
    }

    /// The minor number (7 for 3.7).
    pub fn minor(self) -> u8 {
        self.minor
    }

    /// The patch release.
    pub fn patch(self) -> u8 {
        self.patch
    }

    /// Is this at least release 3.`minor`.`patch`? (Compares minor, then patch.)
    pub fn at_least(self, minor: u8, patch: u8) -> bool {
        (self.minor, self.patch) >= (minor, patch)
    }

    /// 3.8 (bpo-32528): `CancelledError` derives from `BaseException`, no longer `Exception`.
    pub fn cancelled_error_is_base_exception(self) -> bool {
        self.minor >= 8
    }
    /// 3.11: `asyncio.TimeoutError` is the builtin `TimeoutError` (an `OSError`).
    pub fn timeout_error_is_builtin(self) -> bool {
        self.minor >= 11
    }
    /// 3.8: tasks have names (`create_task(name=)`, `Task-<n>`).
    pub fn has_task_names(self) -> bool {
        self.minor >= 8
    }
    /// 3.9: `cancel(msg)` and `_make_cancelled_error()`.
    pub fn has_cancel_message(self) -> bool {
        self.minor >= 9
    }
    /// 3.11: `_make_cancelled_error()` re-raises the CancelledError the coroutine raised.
    pub fn reuses_cancelled_exc(self) -> bool {
        self.minor >= 11
    }
    /// 3.11: `Task.cancelling()` / `uncancel()` count cancellation requests.
    pub fn counts_cancels(self) -> bool {
        self.minor >= 11
    }
    /// 3.13: `uncancel()` clears `_must_cancel` when the count reaches zero.
    pub fn uncancel_clears_must_cancel(self) -> bool {
        self.minor >= 13
    }
    /// 3.8: `Task.__step` cancels (rather than fails with CancelledError) a task whose coroutine
    /// returned while a cancellation was pending.
    pub fn step_cancels_on_late_return(self) -> bool {
        self.minor >= 8
    }
    /// 3.9–3.10: `asyncio.wait()` warns (DeprecationWarning) when given coroutines.
    pub fn wait_warns_on_coroutines(self) -> bool {
        self.minor == 9 || self.minor == 10
    }
    /// 3.11: `asyncio.wait()` raises TypeError when given coroutines.
    pub fn wait_rejects_coroutines(self) -> bool {
        self.minor >= 11
    }
    /// 3.7-3.11: `asyncio.iscoroutine()` is true of generator objects too (3.12 dropped
    /// `types.GeneratorType` from `_COROUTINE_TYPES`).
    pub fn generators_are_coroutines(self) -> bool {
        self.minor <= 11
    }
    /// 3.9 (bpo-29587): `gen.throw(exc)` chains `exc` to the exception being handled where
    /// the generator is suspended, so a CancelledError thrown at an `await` inside an
    /// `except` or `finally` block has that exception as its `__context__`.
    pub fn throw_chains_handled_exception(self) -> bool {
        self.minor >= 9
    }
    /// 3.14: awaiting what is not awaitable is "'int' object can't be awaited" (before:
    /// "object int can't be used in 'await' expression").
    pub fn cant_be_awaited_wording(self) -> bool {
        self.minor >= 14
    }
    /// 3.12: `gather()` runs `_done_callback` synchronously for children already done.
    pub fn gather_eager_done_callbacks(self) -> bool {
        self.minor >= 12
    }
    /// 3.12: eager tasks: `Task(..., eager_start=True)` runs the coroutine's first step inside
    /// the constructor when the loop is running; `asyncio.eager_task_factory` and
    /// `create_eager_task_factory(custom_task_constructor)` (SPEC ET1).
    pub fn has_eager_tasks(self) -> bool {
        self.minor >= 12
    }
    /// 3.14: `loop.create_task(coro, **kwargs)` calls a task factory as
    /// `factory(loop, coro, **kwargs)` and returns its task as it is; before, as
    /// `factory(loop, coro)` (with `context=` only when one is given, 3.11+), then names it.
    pub fn task_factory_gets_kwargs(self) -> bool {
        self.minor >= 14
    }
    /// 3.13: `loop.create_task` names a task its factory made with `task.set_name(name)` even
    /// when `name` is None (the task is named 'None'); 3.8-3.12 skip a None name
    /// (`tasks._set_task_name`).
    pub fn factory_task_named_none(self) -> bool {
        self.minor == 13
    }
    /// 3.12: `wait_for()` is built on `asyncio.timeout()` and awaits its argument in place.
    pub fn wait_for_uses_timeouts(self) -> bool {
        self.minor >= 12
    }
    /// 3.8: `wait_for()` with a timeout <= 0 cancels and awaits the child (`_cancel_and_wait`).
    pub fn wait_for_zero_awaits_cancel(self) -> bool {
        self.minor >= 8
    }
    /// 3.9: `asyncio.run()` also awaits `loop.shutdown_default_executor()`.
    pub fn run_shuts_down_default_executor(self) -> bool {
        self.minor >= 9
    }
    /// 3.11: `asyncio.run()` is `Runner.run()`: main is a Task before `run_until_complete`.
    pub fn run_uses_runner(self) -> bool {
        self.minor >= 11
    }
}

impl fmt::Display for PyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minor >= 14 {
            write!(f, "3.{}.{}", self.minor, self.patch)
        } else {
            write!(f, "3.{}", self.minor)
        }
    }
}

impl FromStr for PyVersion {
    type Err = String;
    /// `3.12`, or an exact release: `3.14.8` (`3.14` is its newest followed release).
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "unknown Python version {s:?}: expected 3.7 to 3.15, or one of 3.14.8, 3.14.10, 3.15.0, 3.15.2"
            )
        };
        let rest = s.strip_prefix("3.").ok_or_else(err)?;
        let mut parts = rest.split('.');
        let minor: u8 = parts.next().and_then(|m| m.parse().ok()).ok_or_else(err)?;
        let v = match parts.next() {
            None => PyVersion::new(minor),
            Some(p) => PyVersion::at(minor, p.parse().map_err(|_| err())?),
        };
        if parts.next().is_some() || !PyVersion::ALL.contains(&v) {
            return Err(err());
        }
        Ok(v)
    }
}
