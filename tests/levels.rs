//! The conformance levels of SPEC.md (C1–C3), as `Trace::conforms` decides them.

use aiospec_model::{Event, Level, Outcome, Trace};

fn print(t: f64, s: &str) -> Event {
    Event::Print {
        t,
        text: s.into(),
        end: None,
    }
}

fn base() -> Trace {
    Trace {
        events: vec![
            print(0.0, "a"),
            print(0.0, "b"),
            Event::Gather {
                id: 1,
                t: 0.5,
                outcome: Outcome::Exception("ValueError()".into()),
                shutdown: false,
            },
            print(0.5, "c"),
            Event::End { t: 0.5 },
            Event::Main {
                outcome: Outcome::Result("None".into()),
            },
        ],
        finalization: vec![Event::Report {
            message: "Task exception was never retrieved".into(),
            future: "w()".into(),
            exception: Some("ValueError()".into()),
            text: None,
        }],
    }
}

#[test]
fn c1_trace_exact_requires_the_same_order() {
    let a = base();
    let mut b = base();
    assert!(a.conforms(&b, Level::TraceExact));
    b.events.swap(0, 1);
    assert!(!a.conforms(&b, Level::TraceExact));
}

#[test]
fn c2_decision_exact_compares_what_the_combinators_decide() {
    let a = base();
    let mut b = base();
    b.events.swap(0, 1); // prints are not decisions
    assert!(a.conforms(&b, Level::DecisionExact));
    let mut c = base();
    c.events[2] = Event::Gather {
        id: 1,
        t: 0.75,
        outcome: Outcome::Exception("ValueError()".into()),
        shutdown: false,
    };
    assert!(!a.conforms(&c, Level::DecisionExact)); // the gather completed at another time
    let mut d = base();
    d.events[2] = Event::Gather {
        id: 1,
        t: 0.5,
        outcome: Outcome::Result("[]".into()),
        shutdown: false,
    };
    assert!(!a.conforms(&d, Level::DecisionExact));
}

#[test]
fn c3_outcome_exact_compares_result_and_reports() {
    let a = base();
    let mut b = base();
    b.events.retain(|e| !matches!(e, Event::Print { .. }));
    assert!(a.conforms(&b, Level::OutcomeExact));
    b.finalization.clear();
    assert!(!a.conforms(&b, Level::OutcomeExact));
}

/// A jittered run of `s` on the reference version (shuffled too if `shuffle`).
fn reordered(s: &aiospec_model::Program, seed: u64, shuffle: bool) -> Trace {
    let r = aiospec_model::Reorder {
        seed,
        jitter: true,
        shuffle,
    };
    aiospec_model::run_reordered(
        s,
        aiospec::backend::REFERENCE,
        r,
        &mut aiospec_model::FirstChoice,
    )
    .unwrap()
}

/// The gather's outcome in a run: its exception or result.
fn gather_outcome(t: &Trace) -> Outcome {
    t.events
        .iter()
        .find_map(|e| match e {
            Event::Gather { outcome, .. } => Some(outcome.clone()),
            _ => None,
        })
        .expect("the scenario gathers")
}

fn two_failures(da: &str, db: &str) -> aiospec_model::Program {
    let text = format!(
        r#"{{"coroutines": {{"fail": {{"params": ["name", "d"], "body": [
            "await asyncio.sleep(d)", "raise ValueError(name)"]}}}},
          "main": [{{"try": ["await asyncio.gather(fail('a', {da}), fail('b', {db}))"],
                    "except": [{{"type": "Exception", "body": ["pass"]}}]}}]}}"#
    );
    aiospec_model::load_str(&text, "two_failures.json").expect("valid scenario")
}

#[test]
fn c2_jittered_runs_reorder_timers_that_share_a_deadline() {
    // L3 in CPython: 'a' was scheduled first, so its error wins the tie (G2). A runtime with
    // its own order at ties may let 'b' win: some jittered run must show that.
    let s = two_failures("0.5", "0.5");
    let v = aiospec::backend::REFERENCE;
    let exact = aiospec_model::run(&s, v).unwrap();
    assert_eq!(
        gather_outcome(&exact),
        Outcome::Exception("ValueError('a')".into())
    );
    let outcomes: std::collections::BTreeSet<String> = (1..=aiospec::check::TIE_SEEDS)
        .map(|seed| format!("{:?}", gather_outcome(&reordered(&s, seed, false))))
        .collect();
    assert_eq!(outcomes.len(), 2, "{outcomes:?}");
}

#[test]
fn c2_jittered_runs_keep_separate_instants_in_order() {
    // 0.25 before 0.5: no jitter reorders them, and rounding gives back the exact times.
    let s = two_failures("0.5", "0.25");
    let v = aiospec::backend::REFERENCE;
    let exact = aiospec_model::run(&s, v).unwrap();
    assert_eq!(
        gather_outcome(&exact),
        Outcome::Exception("ValueError('b')".into())
    );
    for seed in 1..=aiospec::check::TIE_SEEDS {
        assert_eq!(reordered(&s, seed, false), exact, "seed {seed}");
    }
}

#[test]
fn c3_shuffled_runs_take_orders_without_a_fifo_ready_queue() {
    // Two children that finish in one asyncio turn: FIFO order makes wait(FIRST_COMPLETED)
    // see both done; a runtime that runs ready work in another order (tokio's workers) may
    // return with one still pending. Shuffled runs must produce both splits; plain jittered
    // runs (no shuffle) keep asyncio's.
    let text = r#"{"coroutines": {"c": {"params": [], "body": ["await asyncio.sleep(0)", "return 1"]}},
        "main": ["t0 = asyncio.create_task(c())", "t1 = asyncio.create_task(c())",
                 "done, pending = await asyncio.wait([t0, t1], return_when=asyncio.FIRST_COMPLETED)",
                 "print(len(done), len(pending))", "await asyncio.sleep(0.25)"]}"#;
    let s = aiospec_model::load_str(text, "first_completed.json").expect("valid scenario");
    let v = aiospec::backend::REFERENCE;
    let printed = |t: &Trace| -> String {
        t.events
            .iter()
            .find_map(|e| match e {
                Event::Print { text, .. } => Some(text.clone()),
                _ => None,
            })
            .expect("prints the split")
    };
    assert_eq!(printed(&aiospec_model::run(&s, v).unwrap()), "2 0");
    let run = |seed, shuffle| printed(&reordered(&s, seed, shuffle));
    let jittered: std::collections::BTreeSet<String> = (1..=32).map(|k| run(k, false)).collect();
    assert_eq!(jittered.into_iter().collect::<Vec<_>>(), vec!["2 0"]);
    let shuffled: std::collections::BTreeSet<String> = (33..=96).map(|k| run(k, true)).collect();
    assert_eq!(
        shuffled.into_iter().collect::<Vec<_>>(),
        vec!["1 1".to_string(), "2 0".to_string()]
    );
}
