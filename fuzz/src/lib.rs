//! # aiospec-fuzz
//!
//! Crash fuzzing of the model and of what the CLI does with a file. A campaign's input
//! stream mixes arbitrary bytes, structure-aware mutations of the corpus
//! (`examples/**/*.py`), valid-looking programs from the corpus's vocabulary, adversarial
//! programs (`stress`), and scenarios from the oracle campaigns' generator (`aiospec::gen`),
//! plain and damaged. Each input is loaded, compiled, run with a step budget, explored and
//! exported in process (`check`); a supervisor runs the inputs in worker processes (so that
//! a stack overflow, an abort or running out of memory kills only a worker), restarts them,
//! and records every failing input under `fuzz/regressions/`, which `cargo test` replays.

pub mod check;
pub mod corpus;
pub mod inputs;
pub mod mutate;
pub mod rng;
pub mod stress;
pub mod tokens;

/// A regression file's name: the first 16 hex digits of the SHA-256 of its bytes, and the
/// extension that says how it is loaded.
pub fn regression_name(bytes: &[u8], file: &str) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(bytes);
    let hex: String = h[..8].iter().map(|b| format!("{b:02x}")).collect();
    let ext = if file.ends_with(".json") {
        "json"
    } else {
        "py"
    };
    format!("{hex}.{ext}")
}
