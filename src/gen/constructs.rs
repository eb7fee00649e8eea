//! Which of the generator's constructs a program uses (read from its text, so it works on
//! generated, shrunk and hand-written programs alike), the versions that have them all, and
//! per-construct counts for the campaigns' reports.

use std::collections::BTreeMap;
use std::fmt;

/// A construct the generator adds beyond tasks, gather, wait and wait_for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Construct {
    /// `loop.create_future()` completed from a callback.
    Future,
    Lock,
    Event,
    Semaphore,
    Queue,
    TaskGroup,
    /// `asyncio.timeout(...)`.
    Timeout,
    /// `asyncio.timeout_at(...)`.
    TimeoutAt,
    /// `Timeout.reschedule(...)`.
    Reschedule,
    Shield,
    AsCompleted,
}

impl Construct {
    pub const ALL: [Construct; 11] = [
        Construct::Future,
        Construct::Lock,
        Construct::Event,
        Construct::Semaphore,
        Construct::Queue,
        Construct::TaskGroup,
        Construct::Timeout,
        Construct::TimeoutAt,
        Construct::Reschedule,
        Construct::Shield,
        Construct::AsCompleted,
    ];

    /// What a program's text contains when it uses the construct.
    fn marker(self) -> &'static str {
        match self {
            Construct::Future => ".create_future()",
            Construct::Lock => "asyncio.Lock()",
            Construct::Event => "asyncio.Event()",
            Construct::Semaphore => "asyncio.Semaphore(",
            Construct::Queue => "asyncio.Queue(",
            Construct::TaskGroup => "asyncio.TaskGroup()",
            Construct::Timeout => "asyncio.timeout(",
            Construct::TimeoutAt => "asyncio.timeout_at(",
            Construct::Reschedule => ".reschedule(",
            Construct::Shield => "asyncio.shield(",
            Construct::AsCompleted => "asyncio.as_completed(",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Construct::Future => "future+callbacks",
            Construct::Lock => "Lock",
            Construct::Event => "Event",
            Construct::Semaphore => "Semaphore",
            Construct::Queue => "Queue",
            Construct::TaskGroup => "TaskGroup",
            Construct::Timeout => "timeout",
            Construct::TimeoutAt => "timeout_at",
            Construct::Reschedule => "reschedule",
            Construct::Shield => "shield",
            Construct::AsCompleted => "as_completed",
        }
    }

    /// The first minor version of Python 3 that has it.
    pub fn since(self) -> u8 {
        match self {
            Construct::TaskGroup
            | Construct::Timeout
            | Construct::TimeoutAt
            | Construct::Reschedule => 11,
            _ => 7,
        }
    }
}

/// The constructs `text` (a program or a scenario's JSON) uses.
pub fn constructs(text: &str) -> Vec<Construct> {
    Construct::ALL
        .into_iter()
        .filter(|c| text.contains(c.marker()))
        .collect()
}

/// The `python` range a program using `cs` targets, when not every version has them.
pub fn python_range(cs: &[Construct]) -> Option<String> {
    let since = cs.iter().map(|c| c.since()).max()?;
    (since > 7).then(|| format!("3.{since}-3.15"))
}

/// How many programs used each construct.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub BTreeMap<Construct, usize>);

impl Counts {
    pub fn add(&mut self, text: &str) {
        for c in constructs(text) {
            *self.0.entry(c).or_default() += 1;
        }
    }

    pub fn get(&self, c: Construct) -> usize {
        self.0.get(&c).copied().unwrap_or(0)
    }
}

impl fmt::Display for Counts {
    /// `TaskGroup 812, timeout 790, ...`, every construct (0 included).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = Construct::ALL
            .iter()
            .map(|c| format!("{} {}", c.name(), self.get(*c)))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structured_constructs_gate_the_versions() {
        let cs = constructs("async with asyncio.TaskGroup() as tg: await asyncio.shield(x)");
        assert_eq!(cs, vec![Construct::TaskGroup, Construct::Shield]);
        assert_eq!(python_range(&cs).as_deref(), Some("3.11-3.15"));
        assert_eq!(python_range(&constructs("asyncio.Lock()")), None);
        assert_eq!(python_range(&[]), None);
    }
}
