//! The conformance levels of SPEC.md (C1–C3), as `Trace::conforms` decides them.

use aiospec_model::{Event, Level, Outcome, Trace};

fn print(t: f64, s: &str) -> Event {
    Event::Print { t, text: s.into() }
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
