//! The `aiospec` CLI's library: the CPython oracle, the checker that compares the model with
//! it, and progress reporting.

pub mod backend;
pub mod check;
pub mod conformance;
pub mod fuzz;
pub mod gen;
pub mod interpreters;
pub mod oracle;
pub mod progress;
pub mod spec;

use aiospec_model::PyVersion;

/// Versions as people write them: "3.7-3.13", "3.8 3.10", or "none".
pub fn version_list(vs: &[PyVersion]) -> String {
    let mut vs = vs.to_vec();
    vs.sort();
    vs.dedup();
    if vs.is_empty() {
        return "none".into();
    }
    let contiguous = vs.windows(2).all(|w| w[1].minor() == w[0].minor() + 1);
    if contiguous && vs.len() > 2 {
        format!("{}-{}", vs[0], vs[vs.len() - 1])
    } else {
        vs.iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
