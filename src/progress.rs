//! Progress for long runs: a line redrawn on a terminal (stderr), nothing when stderr is not a
//! terminal or `CI` is set.

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    label: String,
    enabled: bool,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    pub fn new(label: &str) -> Self {
        let enabled = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress {
            label: label.to_string(),
            enabled,
            last: None,
            drawn: false,
        }
    }

    /// Report `done` of `total` (if known); redraws at most ten times a second.
    pub fn tick(&mut self, done: usize, total: Option<usize>) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self
            .last
            .is_some_and(|l| now.duration_since(l).as_millis() < 100)
        {
            return;
        }
        self.last = Some(now);
        let line = match total {
            Some(t) => format!("\r{}: {done}/{t}", self.label),
            None => format!("\r{}: {done}", self.label),
        };
        let _ = std::io::stderr().write_all(line.as_bytes());
        self.drawn = true;
    }

    pub fn finish(&mut self) {
        if self.drawn {
            let _ = std::io::stderr().write_all(b"\r\x1b[K");
            self.drawn = false;
        }
    }
}
