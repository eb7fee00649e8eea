//! The `aiospec` CLI's library: the CPython oracle, the checker that compares the model with
//! it, and progress reporting.

pub mod backend;
pub mod check;
pub mod fuzz;
pub mod gen;
pub mod oracle;
pub mod progress;
pub mod spec;
