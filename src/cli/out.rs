//! Writing to stdout as a Unix tool does: a reader that goes away (`aiospec explore F | head -1`)
//! ends the program quietly with status 141 (128 + SIGPIPE, what a shell reports for a tool the
//! signal killed), never with a panic.

use std::io::{self, Write};
use std::process::ExitCode;

/// Why a command stopped early.
#[derive(Debug)]
pub enum Stop {
    /// The reader closed stdout.
    Pipe,
    /// An error for the user (printed as `aiospec: ...`) and the exit status.
    Fail(String, u8),
}

impl From<String> for Stop {
    fn from(s: String) -> Stop {
        Stop::Fail(s, 2)
    }
}

impl Stop {
    pub fn exit(self) -> ExitCode {
        match self {
            Stop::Pipe => ExitCode::from(141),
            Stop::Fail(msg, code) => {
                err(&format!("aiospec: {msg}\n"));
                ExitCode::from(code)
            }
        }
    }
}

/// Write `s` to stdout.
pub fn out(s: &str) -> Result<(), Stop> {
    let mut o = io::stdout().lock();
    match o.write_all(s.as_bytes()).and_then(|_| o.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Stop::Pipe),
        Err(e) => Err(Stop::Fail(format!("writing to stdout: {e}"), 2)),
    }
}

/// Write `s` to stderr (errors writing there are ignored: there is nowhere left to say so).
pub fn err(s: &str) {
    let _ = io::stderr().lock().write_all(s.as_bytes());
}
