//! The subcommands of `aiospec`, one file each; `out` is how they write.

pub mod check;
pub mod conformance;
pub mod explore;
pub mod fuzz;
pub mod out;
pub mod run;
pub mod spec;

pub use aiospec::version_list;
