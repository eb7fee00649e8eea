//! The runtimes a program runs on, and what differs between them as the interpreter sees it:
//! each runtime's name, the conformance level it is held to (SPEC C1–C3), and its clock
//! (virtual time on the executors, paused tokio time, or scaled real time).
//!
//! Apart because it is the backend's public configuration, and the only place that knows how
//! scenario seconds map to each runtime's time.

use std::time::Duration;

use super::interp::Interp;

/// Where the futures run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// aiospec-impl's asyncio-order executor on virtual time: compared at C1.
    Executor,
    /// tokio current_thread with paused time: compared at C2.
    TokioPaused,
    /// tokio multi_thread, real time scaled by `TIME_SCALE`: compared at C3.
    TokioMulti,
    /// aiospec-impl's multi-worker executor ([`imp::Workers`](aiospec_impl::Workers),
    /// [`WORKERS`] threads) on virtual time: compared at C3. Built with `--cfg shuttle`, its
    /// threads are shuttle's and each schedule is drawn from a seed (`tests/shuttle.rs`,
    /// `scripts/shuttle.sh`).
    Workers,
}

/// Worker threads of [`Runtime::Workers`].
pub const WORKERS: usize = 3;

impl Runtime {
    pub const ALL: [Runtime; 3] = [Runtime::Executor, Runtime::TokioPaused, Runtime::TokioMulti];

    pub fn name(self) -> &'static str {
        match self {
            Runtime::Executor => "executor",
            Runtime::TokioPaused => "tokio-current-thread-paused",
            Runtime::TokioMulti => "tokio-multi-thread",
            Runtime::Workers => "workers",
        }
    }

    pub fn parse(s: &str) -> Option<Runtime> {
        Runtime::ALL
            .into_iter()
            .chain([Runtime::Workers])
            .find(|r| r.name() == s || (s == "tokio" && *r == Runtime::TokioPaused))
    }

    /// The conformance level this runtime is held to.
    pub fn level(self) -> aiospec_model::Level {
        match self {
            Runtime::Executor => aiospec_model::Level::TraceExact,
            Runtime::TokioPaused => aiospec_model::Level::DecisionExact,
            Runtime::TokioMulti | Runtime::Workers => aiospec_model::Level::OutcomeExact,
        }
    }
}

/// Rules about how many loop turns things take: only an asyncio-order executor has turns.
pub const TURN_RULES: [&str; 1] = ["X4"];

/// The longest sleep run in real time on the multi-thread runtime (scenario seconds).
pub const MULTI_THREAD_MAX_SLEEP: f64 = 100.0;

/// How long a run on paused tokio time may last (scenario seconds): beyond it the run is
/// reported stuck, so a longer sleep is unsupported there.
pub const PAUSED_LIMIT: f64 = 1_000_000.0;

/// Real time on the multi-thread runtime: one scenario second is this long.
pub const TIME_SCALE: Duration = Duration::from_millis(20);

impl Interp {
    pub(super) fn now(&self) -> f64 {
        match self.runtime {
            Runtime::Executor => self
                .executor_now
                .lock()
                .unwrap()
                .as_ref()
                .map(|e| e.now().as_secs_f64())
                .unwrap_or(0.0),
            Runtime::TokioPaused => {
                let start = *self.tokio_start.lock().unwrap();
                start
                    .map(|s| (tokio::time::Instant::now() - s).as_secs_f64())
                    .unwrap_or(0.0)
            }
            Runtime::Workers => {
                // Out of the std lock before the executor's (a facade lock, where shuttle may
                // switch threads).
                let w = self.workers.lock().unwrap().clone();
                w.map(|w| w.now().as_secs_f64()).unwrap_or(0.0)
            }
            Runtime::TokioMulti => {
                let secs = self.started.elapsed().as_secs_f64() / TIME_SCALE.as_secs_f64();
                // Real time: round to the scenario's quarter seconds.
                (secs * 4.0).round() / 4.0
            }
        }
    }

    pub(super) fn duration(&self, secs: f64) -> Duration {
        match self.runtime {
            Runtime::TokioMulti => TIME_SCALE.mul_f64(secs),
            _ => Duration::from_secs_f64(secs),
        }
    }
}
