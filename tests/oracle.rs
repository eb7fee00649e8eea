//! The model against real CPython 3.7–3.13: the whole example corpus (both of CPython's
//! Task/Future implementations) and a bounded campaign of generated scenarios.
//!
//! Without CPython these tests fail, saying so, unless AIOSPEC_SKIP_CPYTHON=1 is set: they
//! never pass silently. AIOSPEC_FUZZ_CASES raises the number of generated scenarios.

mod common;

use aiospec::check::{check_paths, Verdict};
use aiospec::oracle::{find_interpreters, CpythonImpl};
use aiospec_model::PyVersion;

fn cpython_available() -> bool {
    let found = find_interpreters();
    let missing: Vec<String> = PyVersion::ALL
        .iter()
        .filter(|v| !found.contains_key(v))
        .map(|v| v.to_string())
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("AIOSPEC_SKIP_CPYTHON").as_deref() == Ok("1") {
        eprintln!(
            "AIOSPEC_SKIP_CPYTHON=1: skipping the CPython oracle (missing {})",
            missing.join(", ")
        );
        return false;
    }
    panic!(
        "CPython {} not found under $PYENV_ROOT/versions: the oracle tests need every version \
         from 3.7 to 3.13 (set AIOSPEC_SKIP_CPYTHON=1 to skip them explicitly)",
        missing.join(", ")
    );
}

#[test]
fn c1_corpus_agrees_with_cpython_on_every_version() {
    if !cpython_available() {
        return;
    }
    let report = check_paths(
        &[common::root().join("examples")],
        &PyVersion::ALL,
        &[CpythonImpl::C, CpythonImpl::Py],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let scenarios: std::collections::BTreeSet<&str> =
        report.rows.iter().map(|r| r.scenario.as_str()).collect();
    assert!(
        scenarios.len() >= 80,
        "the corpus has only {} scenarios",
        scenarios.len()
    );
    assert_eq!(report.disagreements(), 0, "{}", report.render());
    // Every version was really checked.
    for v in PyVersion::ALL {
        assert!(report
            .rows
            .iter()
            .any(|r| r.version == v && matches!(r.verdict, Verdict::Agree { .. })));
    }
}

#[test]
fn c1_generated_scenarios_agree_with_cpython() {
    if !cpython_available() {
        return;
    }
    let cases: usize = std::env::var("AIOSPEC_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("AIOSPEC_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261125);
    let out = std::env::temp_dir().join(format!("aiospec-fuzz-{seed}"));
    let report =
        aiospec::fuzz::fuzz(cases, &PyVersion::ALL, seed, &out).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{}", report.render());
    assert_eq!(report.per_version.len(), PyVersion::ALL.len());
    assert_eq!(
        report.disagreements(),
        0,
        "seed {seed}: {}\nshrunk scenarios (replay with `aiospec check FILE`): {:?}",
        report.render(),
        report.written
    );
}

#[test]
fn c1_spec_examples_show_cpythons_output() {
    if !cpython_available() {
        return;
    }
    let root = common::root();
    let s = aiospec::spec::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let interpreters = find_interpreters();
    for b in &s.examples {
        let python = aiospec::spec::block_python(b, &root).unwrap_or_else(|e| panic!("{e}"));
        let mut oracle =
            aiospec::oracle::OracleProcess::start(&interpreters[&b.version], CpythonImpl::C)
                .unwrap_or_else(|e| panic!("{e}"));
        let run = oracle
            .run(&python, &aiospec::spec::block_file(b))
            .unwrap_or_else(|e| panic!("{}: {e}", b.path));
        let want = aiospec::spec::render_block(b, &python, &run.trace);
        assert_eq!(
            b.content, want,
            "SPEC.md's block for {} differs from CPython {}",
            b.path, b.version
        );
    }
}
