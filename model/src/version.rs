//! The Python version parameter.
//!
//! Every behaviour that differs between CPython 3.7 and 3.13 is switched by one of the
//! predicates below, each named after the change and citing the version that made it, so that
//! `grep -n 'fn ' version.rs` is the list of version differences the model knows about
//! (SPEC.md's version table is generated from the same facts).

use std::fmt;
use std::str::FromStr;

/// A CPython minor version, 3.7 to 3.13. The model follows the patch releases installed on the
/// project's machines (3.7.16, 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyVersion(pub u8);

impl PyVersion {
    pub const ALL: [PyVersion; 7] = [
        PyVersion(7),
        PyVersion(8),
        PyVersion(9),
        PyVersion(10),
        PyVersion(11),
        PyVersion(12),
        PyVersion(13),
    ];

    /// The minor number (7 for 3.7).
    pub fn minor(self) -> u8 {
        self.0
    }

    /// 3.8 (bpo-32528): `CancelledError` derives from `BaseException`, no longer `Exception`.
    pub fn cancelled_error_is_base_exception(self) -> bool {
        self.0 >= 8
    }
    /// 3.11: `asyncio.TimeoutError` is the builtin `TimeoutError` (an `OSError`).
    pub fn timeout_error_is_builtin(self) -> bool {
        self.0 >= 11
    }
    /// 3.8: tasks have names (`create_task(name=)`, `Task-<n>`).
    pub fn has_task_names(self) -> bool {
        self.0 >= 8
    }
    /// 3.9: `cancel(msg)` and `_make_cancelled_error()`.
    pub fn has_cancel_message(self) -> bool {
        self.0 >= 9
    }
    /// 3.11: `_make_cancelled_error()` re-raises the CancelledError the coroutine raised.
    pub fn reuses_cancelled_exc(self) -> bool {
        self.0 >= 11
    }
    /// 3.11: `Task.cancelling()` / `uncancel()` count cancellation requests.
    pub fn counts_cancels(self) -> bool {
        self.0 >= 11
    }
    /// 3.13: `uncancel()` clears `_must_cancel` when the count reaches zero.
    pub fn uncancel_clears_must_cancel(self) -> bool {
        self.0 >= 13
    }
    /// 3.8: `Task.__step` cancels (rather than fails with CancelledError) a task whose coroutine
    /// returned while a cancellation was pending.
    pub fn step_cancels_on_late_return(self) -> bool {
        self.0 >= 8
    }
    /// 3.9–3.10: `asyncio.wait()` warns (DeprecationWarning) when given coroutines.
    pub fn wait_warns_on_coroutines(self) -> bool {
        self.0 == 9 || self.0 == 10
    }
    /// 3.11: `asyncio.wait()` raises TypeError when given coroutines.
    pub fn wait_rejects_coroutines(self) -> bool {
        self.0 >= 11
    }
    /// 3.12: `gather()` runs `_done_callback` synchronously for children already done.
    pub fn gather_eager_done_callbacks(self) -> bool {
        self.0 >= 12
    }
    /// 3.12: `wait_for()` is built on `asyncio.timeout()` and awaits its argument in place.
    pub fn wait_for_uses_timeouts(self) -> bool {
        self.0 >= 12
    }
    /// 3.8: `wait_for()` with a timeout <= 0 cancels and awaits the child (`_cancel_and_wait`).
    pub fn wait_for_zero_awaits_cancel(self) -> bool {
        self.0 >= 8
    }
    /// 3.9: `asyncio.run()` also awaits `loop.shutdown_default_executor()`.
    pub fn run_shuts_down_default_executor(self) -> bool {
        self.0 >= 9
    }
    /// 3.11: `asyncio.run()` is `Runner.run()`: main is a Task before `run_until_complete`.
    pub fn run_uses_runner(self) -> bool {
        self.0 >= 11
    }
}

impl fmt::Display for PyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "3.{}", self.0)
    }
}

impl FromStr for PyVersion {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let minor = s
            .strip_prefix("3.")
            .and_then(|m| m.parse::<u8>().ok())
            .filter(|m| (7..=13).contains(m));
        match minor {
            Some(m) => Ok(PyVersion(m)),
            None => Err(format!(
                "unknown Python version {s:?}: expected 3.7 to 3.13"
            )),
        }
    }
}
