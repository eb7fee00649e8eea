//! The conformance suite: the model against aiospec-impl (issue 5). The corpus and generated
//! scenarios run on each virtual-time runtime at its level (SPEC C1 on the asyncio-order
//! executor, C2 on tokio current_thread with paused time), and known-wrong implementations
//! (negative controls) must be rejected with a minimal counterexample.
//!
//! tokio multi_thread runs on real time, where events a scenario puts at one instant race:
//! its scenario differential is `aiospec check --backend impl:tokio-multi-thread` (C3), not a
//! pass criterion here; the contract tests in `impl/tests/contract.rs` cover that runtime.
//!
//! AIOSPEC_IMPL_CASES raises the number of generated scenarios per runtime (default 2000).

mod common;

use aiospec::backend::Runtime;
use aiospec::check::{check_impl, collect_files, ImplVerdict};
use aiospec::fuzz::impl_campaign;
use aiospec_impl::faults::{with_fault, Fault};
use aiospec_model::load_file;

fn corpus() -> Vec<(String, aiospec_model::Program)> {
    let files = collect_files(&[common::root().join("examples")]).expect("examples");
    files
        .iter()
        .map(|f| (f.display().to_string(), load_file(f).expect("loads")))
        .collect()
}

fn cases() -> usize {
    std::env::var("AIOSPEC_IMPL_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
}

fn assert_corpus_agrees(rt: Runtime, min_compared: usize) {
    let rows = check_impl(&corpus(), rt);
    let bad: Vec<String> = rows
        .iter()
        .filter_map(|(n, v)| match v {
            ImplVerdict::Disagree { diff } => Some(format!("{n}:\n{diff}")),
            ImplVerdict::ModelError(e) => Some(format!("{n}: {e}")),
            _ => None,
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} disagreement(s) on {}:\n{}",
        bad.len(),
        rt.name(),
        bad.join("\n")
    );
    let compared = rows
        .iter()
        .filter(|(_, v)| matches!(v, ImplVerdict::Agree | ImplVerdict::AgreeAtTie))
        .count();
    assert!(
        compared >= min_compared,
        "only {compared} corpus scenarios compared on {}",
        rt.name()
    );
}

#[test]
fn c1_corpus_on_the_asyncio_order_executor() {
    assert_corpus_agrees(Runtime::Executor, 95);
}

#[test]
fn c2_corpus_on_tokio_current_thread_paused() {
    assert_corpus_agrees(Runtime::TokioPaused, 80);
}

fn assert_generated_agree(rt: Runtime, n: usize, seed: u64) {
    let c = impl_campaign(n, seed, rt, false, |_| {});
    eprintln!(
        "{}: {} compared, {} skipped, {} disagreements",
        rt.name(),
        c.checked,
        c.skipped,
        c.disagreements
    );
    assert!(
        c.checked >= n / 2,
        "only {} of {n} generated scenarios compared",
        c.checked
    );
    if let Some((scenario, diff)) = &c.counterexample {
        panic!(
            "seed {seed}: {} disagreement(s) on {}; minimal:\n{scenario}\n{diff}",
            c.disagreements,
            rt.name()
        );
    }
}

#[test]
fn c1_generated_scenarios_on_the_executor() {
    assert_generated_agree(Runtime::Executor, cases(), 20261125);
}

#[test]
fn c2_generated_scenarios_on_tokio_paused() {
    assert_generated_agree(Runtime::TokioPaused, cases(), 20261126);
}

/// A negative control: the suite must reject `fault` with a small counterexample that still
/// fails.
fn rejects(fault: Fault) {
    let c = with_fault(fault, || {
        impl_campaign(5000, 1, Runtime::Executor, true, |_| {})
    });
    let (scenario, diff) = c
        .counterexample
        .unwrap_or_else(|| panic!("{fault:?} was not detected in {} scenarios", c.checked));
    eprintln!(
        "{fault:?}: rejected after {} scenarios; minimal counterexample:\n{scenario}\n{diff}",
        c.checked
    );
    let s = aiospec_model::load_str(&scenario, "counterexample.json").expect("a scenario");
    let (defs, _) = aiospec::backend::lower::lower(&s).expect("the backend runs it");
    let statements: usize = defs.iter().map(|d| d.body.len()).sum();
    assert!(
        statements <= 12,
        "{fault:?}: counterexample not minimal ({statements} statements)"
    );
    // It really is the fault: the correct implementation agrees on it.
    let t = aiospec::backend::run(&s, Runtime::Executor).expect("runs");
    assert!(matches!(
        aiospec::check::compare_with_model(&s, &t, Runtime::Executor),
        ImplVerdict::Agree
    ));
}

#[test]
fn c1_rejects_gather_that_drops_siblings_like_try_join_all() {
    rejects(Fault::GatherDropsSiblings);
}

#[test]
fn c1_rejects_gather_that_reports_late_exceptions() {
    rejects(Fault::GatherReportsLate);
}

#[test]
fn c1_rejects_wait_that_retrieves_every_exception() {
    rejects(Fault::WaitRetrievesAll);
}

#[test]
fn c1_rejects_wait_that_keeps_its_callbacks() {
    rejects(Fault::WaitKeepsCallbacks);
}

#[test]
fn c1_rejects_taskgroup_that_keeps_siblings_running() {
    rejects(Fault::TaskGroupKeepsSiblings);
}

#[test]
fn c1_rejects_shield_that_forwards_the_cancellation() {
    rejects(Fault::ShieldForwardsCancel);
}

#[test]
fn c1_rejects_timeout_that_lets_the_cancellation_out() {
    rejects(Fault::TimeoutLetsCancelOut);
}

#[test]
fn c1_rejects_as_completed_that_ignores_its_timeout() {
    rejects(Fault::AsCompletedIgnoresTimeout);
}
