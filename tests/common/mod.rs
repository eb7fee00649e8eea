//! Helpers shared by the integration tests.
#![allow(dead_code)]

use aiospec_model::{load_file, load_str, run, Event, Outcome, Program, PyVersion, Trace};

pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(rel: &str) -> Program {
    let p = root().join("examples").join(rel);
    load_file(&p).unwrap_or_else(|e| panic!("{e}"))
}

pub fn scenario(json: &str) -> Program {
    load_str(json, "inline.json").unwrap_or_else(|e| panic!("{e}"))
}

pub fn v(minor: u8) -> PyVersion {
    PyVersion::new(minor)
}

/// The model's trace (first choice at every nondeterministic point).
pub fn model(s: &Program, minor: u8) -> Trace {
    run(s, PyVersion::new(minor)).unwrap_or_else(|e| panic!("model failed: {e}"))
}

pub fn prints(t: &Trace) -> Vec<String> {
    t.events
        .iter()
        .chain(t.finalization.iter())
        .filter_map(|e| match e {
            Event::Print { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

pub fn timed_prints(t: &Trace) -> Vec<(f64, String)> {
    t.events
        .iter()
        .filter_map(|e| match e {
            Event::Print { t, text, .. } => Some((*t, text.clone())),
            _ => None,
        })
        .collect()
}

/// (message, future label, exception repr) of each exception-handler report.
pub fn reports(t: &Trace) -> Vec<(String, String, Option<String>)> {
    t.finalization
        .iter()
        .filter_map(|e| match e {
            Event::Report {
                message,
                future,
                exception,
                ..
            } => Some((message.clone(), future.clone(), exception.clone())),
            _ => None,
        })
        .collect()
}

pub fn warnings(t: &Trace) -> Vec<(String, String)> {
    t.finalization
        .iter()
        .filter_map(|e| match e {
            Event::Warning { category, message } => Some((category.clone(), message.clone())),
            _ => None,
        })
        .collect()
}

pub fn main_outcome(t: &Trace) -> Option<Outcome> {
    t.events.iter().find_map(|e| match e {
        Event::Main { outcome } => Some(outcome.clone()),
        _ => None,
    })
}

pub fn gathers(t: &Trace) -> Vec<(usize, f64, Outcome)> {
    t.events
        .iter()
        .filter_map(|e| match e {
            Event::Gather { id, t, outcome, .. } => Some((*id, *t, outcome.clone())),
            _ => None,
        })
        .collect()
}

/// (time, done labels, pending labels, exception) of each wait.
pub type WaitRow = (f64, Vec<String>, Vec<String>, Option<String>);

pub fn waits(t: &Trace) -> Vec<WaitRow> {
    t.events
        .iter()
        .filter_map(|e| match e {
            Event::Wait {
                t,
                done,
                pending,
                exception,
                ..
            } => Some((
                *t,
                done.clone().unwrap_or_default(),
                pending.clone().unwrap_or_default(),
                exception.clone(),
            )),
            _ => None,
        })
        .collect()
}

pub fn all_versions() -> impl Iterator<Item = u8> {
    7..=13
}

/// The model's trace on an exact release (3.14 and 3.15 change within a minor version).
pub fn model_at(s: &Program, minor: u8, patch: u8) -> Trace {
    run(s, PyVersion::at(minor, patch)).unwrap_or_else(|e| panic!("model failed: {e}"))
}
