//! The seed's five programs written with aiospec-impl print what the seed shows (its CPython
//! output), and the same reports.

#[path = "../examples/seed.rs"]
#[allow(dead_code)]
mod seed;

fn ten() -> Vec<String> {
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
fn g2_a_gather_first_exception_propagates() {
    let (lines, reports) = seed::run('a');
    assert_eq!(
        lines,
        ["0 ok", "1 crashed!", "Traceback ... \"ValueError\""]
    );
    assert_eq!(reports, 0);
}

#[test]
fn g4_b_gather_under_run_forever_siblings_keep_running() {
    let (lines, reports) = seed::run('b');
    assert_eq!(lines, ten());
    assert_eq!(reports, 1, "main's exception is never retrieved");
}

#[test]
fn w6_c_wait_five_reports() {
    let (lines, reports) = seed::run('c');
    assert_eq!(lines, ten());
    assert_eq!(reports, 5);
}

#[test]
fn r2_d_wait_then_await_each() {
    let (lines, reports) = seed::run('d');
    assert_eq!(&lines[..10], &ten()[..]);
    assert_eq!(
        &lines[10..],
        &vec!["I caught: \"ValueError\"".to_string(); 5][..]
    );
    assert_eq!(reports, 0);
}

#[test]
fn g3_e_gather_return_exceptions() {
    let (lines, reports) = seed::run('e');
    assert_eq!(
        &lines[10..],
        &vec!["I caught: \"ValueError\"".to_string(); 5][..]
    );
    assert_eq!(reports, 0);
}
