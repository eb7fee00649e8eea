//! The generator's constructs beyond tasks and gather/wait (issue 16): it keeps producing
//! each of them, gated to the versions that have them; the model runs every program it makes
//! without refusing; and the implementation backend runs the structured ones (TaskGroup,
//! timeout/timeout_at with reschedule, shield, as_completed) with no disagreement at C1.
//! `tests/conformance.rs` has the negative controls that show the last check can fail.

use aiospec::backend::Runtime;
use aiospec::fuzz::{cpython_programs, impl_campaign};
use aiospec::gen::{constructs, Construct, Counts};
use aiospec_model::{load_str, ModelError, PyVersion};

#[test]
fn cpython_programs_use_every_construct_and_the_model_runs_them() {
    let programs: Vec<String> = cpython_programs(16).take(400).collect();
    let mut counts = Counts::default();
    let probe = [7, 10, 11, 13].map(PyVersion::new);
    let mut runs = 0;
    for (i, text) in programs.iter().enumerate() {
        counts.add(text);
        let p = load_str(text, "generated.json").unwrap_or_else(|e| panic!("{e}\n{text}"));
        let since = constructs(text)
            .iter()
            .map(|c| c.since())
            .max()
            .unwrap_or(7);
        for v in PyVersion::ALL {
            assert_eq!(
                p.targets(v),
                v.minor() >= since,
                "program {i} on {v}: its constructs need 3.{since}\n{text}"
            );
        }
        for v in probe.iter().filter(|v| p.targets(**v)) {
            runs += 1;
            match aiospec_model::run(&p, *v) {
                Ok(_) => {}
                Err(e @ (ModelError::Unsupported { .. } | ModelError::Load(_))) => {
                    panic!("the model refuses generated program {i} on {v}: {e}\n{text}")
                }
                Err(e) => panic!("generated program {i} on {v}: {e}\n{text}"),
            }
        }
    }
    eprintln!("400 programs, {runs} model runs; using {counts}");
    for c in Construct::ALL {
        assert!(
            counts.get(c) >= 8,
            "only {} of 400 generated programs use {}: {counts}",
            counts.get(c),
            c.name()
        );
    }
}

#[test]
fn c1_structured_constructs_on_the_executor() {
    let n = 1500;
    let c = impl_campaign(n, 2026, Runtime::Executor, false, |_| {});
    eprintln!(
        "{} compared, {} skipped ({:?}), {} disagreements",
        c.checked, c.skipped, c.skip_reasons, c.disagreements
    );
    if let Some((program, diff)) = &c.counterexample {
        panic!(
            "{} disagreement(s); minimal:\n{program}\n{diff}",
            c.disagreements
        );
    }
    assert!(
        c.skipped * 20 <= n,
        "{} of {n} skipped: {:?}",
        c.skipped,
        c.skip_reasons
    );
    for k in [
        Construct::TaskGroup,
        Construct::Timeout,
        Construct::TimeoutAt,
        Construct::Reschedule,
        Construct::Shield,
        Construct::AsCompleted,
    ] {
        assert!(
            c.compared_constructs.get(k) >= 50,
            "only {} compared programs use {}: {}",
            c.compared_constructs.get(k),
            k.name(),
            c.compared_constructs
        );
    }
    for k in [
        Construct::Future,
        Construct::Lock,
        Construct::Event,
        Construct::Semaphore,
        Construct::Queue,
    ] {
        assert_eq!(
            c.generated_constructs.get(k),
            0,
            "the backend's programs use {}, which it does not run",
            k.name()
        );
    }
}
