//! Issue 2's acceptance: the seed's five programs (../shared/seed/gather-vs-wait.txt) on
//! Python 3.8 print what the seed shows. The expected lines are the seed's own (CPython 3.8.2
//! output), not the model's.

mod common;
use aiospec_model::Outcome;
use common::*;

fn ten_lines() -> Vec<String> {
    (0..10)
        .map(|i| {
            if i % 2 == 0 {
                format!("{i} ok")
            } else {
                format!("{i} crashed!")
            }
        })
        .collect()
}

#[test]
fn a_gather_first_exception_escapes_main() {
    // G2, X2: "0 ok", "1 crashed!", then ValueError escapes main; no other child prints.
    let t = model(&example("seed/a_gather.py"), 8);
    assert_eq!(prints(&t), vec!["0 ok", "1 crashed!"]);
    assert_eq!(
        main_outcome(&t),
        Some(Outcome::Exception("ValueError()".into()))
    );
    assert!(reports(&t).is_empty(), "{:?}", reports(&t));
}

#[test]
fn b_gather_run_forever_siblings_keep_running() {
    // G4, R6: all ten lines, and one "Task exception was never retrieved" (for main).
    let t = model(&example("seed/b_gather_run_forever.py"), 8);
    assert_eq!(prints(&t), ten_lines());
    let r = reports(&t);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "Task exception was never retrieved");
    assert_eq!(r[0].1, "main()");
}

#[test]
fn c_wait_five_reports() {
    // W1, W6, R6: all ten lines and five reports, one per crashed child.
    for file in ["seed/c_wait.py", "seed/c_wait_tasks.py"] {
        let t = model(&example(file), 8);
        assert_eq!(prints(&t), ten_lines());
        let mut r: Vec<String> = reports(&t)
            .into_iter()
            .map(|(m, f, e)| format!("{m}|{f}|{e:?}"))
            .collect();
        r.sort();
        let want: Vec<String> = [1, 3, 5, 7, 9]
            .iter()
            .map(|i| {
                format!(
                    "Task exception was never retrieved|a_flaky_tsk({i})|Some(\"ValueError()\")"
                )
            })
            .collect();
        assert_eq!(r, want, "{file}");
        assert_eq!(main_outcome(&t), Some(Outcome::Result("None".into())));
    }
}

#[test]
fn d_wait_then_await_each_retrieves() {
    // W6, R2: five "I caught: ValueError()" and no report.
    for file in ["seed/d_wait_retrieve.py", "seed/d_wait_retrieve_tasks.py"] {
        let t = model(&example(file), 8);
        let p = prints(&t);
        assert_eq!(&p[..10], &ten_lines()[..], "{file}");
        assert_eq!(
            &p[10..],
            &vec!["I caught: ValueError()".to_string(); 5][..],
            "{file}"
        );
        assert!(reports(&t).is_empty(), "{file}: {:?}", reports(&t));
    }
}

#[test]
fn e_gather_return_exceptions() {
    // G3, R3: five "I caught" lines and no report.
    let t = model(&example("seed/e_gather_return_exceptions.py"), 8);
    let p = prints(&t);
    assert_eq!(&p[..10], &ten_lines()[..]);
    assert_eq!(&p[10..], &vec!["I caught: ValueError()".to_string(); 5][..]);
    assert!(reports(&t).is_empty());
}

#[test]
fn wait_over_coroutines_is_a_type_error_from_3_11() {
    // W10: on 3.11+ the seed's wait(coros) raises TypeError, and the coroutines are never awaited.
    let t = model(&example("seed/c_wait.py"), 11);
    assert_eq!(
        main_outcome(&t),
        Some(Outcome::Exception(
            "TypeError('Passing coroutines is forbidden, use tasks explicitly.')".into()
        ))
    );
    let w = warnings(&t);
    assert_eq!(w.len(), 10, "{w:?}");
    assert!(w
        .iter()
        .all(|(c, m)| c == "RuntimeWarning" && m == "coroutine 'a_flaky_tsk' was never awaited"));
}
