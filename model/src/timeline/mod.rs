//! Timeline pictures of a run (issue 17): one lane per task, per gather and wait call and
//! one for the loop's own callbacks, virtual time on the x axis with equal instants spread
//! by `_run_once` turn, and every step, await, completion, exception, cancellation, print and
//! report in the order the run did them.
//!
//! Data flow: the runtime carries a [`Recorder`] only when a picture is asked for
//! ([`crate::run_recorded`]); hooks at CPython's places (`hooks.rs`) add lanes, slots and
//! marks (`record.rs`); `layout.rs` turns them into positioned shapes (`shapes.rs`, with
//! `index.rs` for its lookups); `svg.rs` writes a
//! standalone SVG and `html.rs` a page of several (the outcomes of an exploration).

pub mod hooks;
pub mod html;
mod index;
pub mod layout;
pub mod record;
pub mod shapes;
pub mod svg;

pub use layout::{layout, Layout};
pub use record::{Ending, Lane, LaneKind, Mark, MarkKind, Recorder, Slot, SlotKind};

use crate::explore::Chooser;
use crate::program::Program;
use crate::runtime::{Config, Impl, ModelError};
use crate::trace::Trace;
use crate::version::PyVersion;

/// A run of `p` on version `v`, recorded and laid out under `title`: its trace, the
/// recorder's log and the layout (`svg::svg_document` writes it).
pub fn picture(
    p: &Program,
    v: PyVersion,
    imp: Impl,
    config: &Config,
    chooser: &mut dyn Chooser,
    title: &str,
) -> Result<(Trace, Recorder, Layout), ModelError> {
    let (trace, rec) = crate::run_recorded(p, v, imp, config, chooser)?;
    let l = layout(&rec, &trace, title);
    Ok((trace, rec, l))
}

/// The title of a program's picture: its file, the version and what drew it.
pub fn title(file: &str, v: PyVersion) -> String {
    format!("{file} on Python {v}: timeline of the aiospec model's run")
}

/// The nondeterministic choices a recorded run made, one line each (SPEC L6): where, and
/// the order taken, counting members in the order they were made.
pub fn choices(rec: &Recorder) -> Vec<String> {
    rec.marks
        .iter()
        .filter_map(|m| match &m.kind {
            MarkKind::Choice { why, order } if order.len() > 1 => {
                let t = rec.slots.get(m.slot).map(|s| s.t).unwrap_or(0.0);
                let order: Vec<String> = order.iter().map(|i| (i + 1).to_string()).collect();
                Some(format!(
                    "{why} at t={}: members taken in the order {} (1 = the first made)",
                    crate::lang::num::float::repr(t),
                    order.join(", ")
                ))
            }
            _ => None,
        })
        .collect()
}
