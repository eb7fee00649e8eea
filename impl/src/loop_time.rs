//! `loop.time()`: the running loop's clock, which `timeout_at` deadlines are read on. The
//! asyncio-order executors keep virtual time; on tokio it is `tokio::time::Instant`, paused
//! or not. A deadline is only meaningful on the runtime whose clock made it.

use std::fmt;
use std::time::Duration;

use crate::rt::{self, NoRuntime};

/// A point on the running loop's clock (asyncio's `loop.time()`, a float of seconds).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LoopTime(Repr);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Repr {
    /// Virtual time since the executor started.
    Virtual(Duration),
    Tokio(tokio::time::Instant),
}

impl LoopTime {
    pub(crate) fn virtual_time(d: Duration) -> Self {
        LoopTime(Repr::Virtual(d))
    }

    pub(crate) fn tokio(i: tokio::time::Instant) -> Self {
        LoopTime(Repr::Tokio(i))
    }

    /// How long after `earlier` this is; None if it is earlier, or the two come from
    /// different clocks.
    pub fn checked_duration_since(&self, earlier: LoopTime) -> Option<Duration> {
        match (self.0, earlier.0) {
            (Repr::Virtual(a), Repr::Virtual(b)) => a.checked_sub(b),
            (Repr::Tokio(a), Repr::Tokio(b)) => a.checked_duration_since(b),
            _ => None,
        }
    }
}

impl std::ops::Add<Duration> for LoopTime {
    type Output = LoopTime;
    fn add(self, d: Duration) -> LoopTime {
        LoopTime(match self.0 {
            Repr::Virtual(v) => Repr::Virtual(v + d),
            Repr::Tokio(i) => Repr::Tokio(i + d),
        })
    }
}

impl fmt::Debug for LoopTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Virtual(d) => write!(f, "LoopTime({d:?})"),
            Repr::Tokio(i) => write!(f, "LoopTime({i:?})"),
        }
    }
}

/// `loop.time()` of the running loop.
///
/// # Errors
///
/// [`NoRuntime`] outside a runtime (asyncio's "no running event loop").
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aiospec_impl::{loop_time, sleep_for, Executor};
/// let ex = Executor::new();
/// let elapsed = ex.block_on(async {
///     let t0 = loop_time().unwrap();
///     sleep_for::<()>(Duration::from_secs(2)).await.unwrap();
///     loop_time().unwrap().checked_duration_since(t0)
/// });
/// assert_eq!(elapsed.unwrap(), Some(Duration::from_secs(2)));
/// ```
pub fn loop_time() -> Result<LoopTime, NoRuntime> {
    Ok(rt::current()?.now())
}
