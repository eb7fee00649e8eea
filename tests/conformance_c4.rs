//! SPEC C4: another implementation's run compared with the model as a person sees it. The
//! "implementations" here are CPython 3.12 run as a foreign interpreter (programs as written,
//! on real time), which must agree, and the same CPython with a gather that cancels its
//! siblings on the first error (as `try_join_all` does), which must be caught diverging.

mod common;

use aiospec::conformance::{parse_inventory, run_target, same_line, Verdict};
use aiospec_model::PyVersion;
use common::example;

fn cpython_312() -> Option<std::path::PathBuf> {
    let found = aiospec::oracle::find_interpreters();
    match found.get(&PyVersion::new(12)) {
        Some(i) if i.chroot.is_none() => Some(i.exe.clone()),
        _ => {
            assert_eq!(
                std::env::var("AIOSPEC_SKIP_CPYTHON").as_deref(),
                Ok("1"),
                "CPython 3.12 is missing (AIOSPEC_SKIP_CPYTHON=1 skips this test explicitly)"
            );
            None
        }
    }
}

const WRONG_GATHER: &str = r#"import asyncio
_orig = asyncio.gather
async def _g(*aws, return_exceptions=False):
    ts = [asyncio.ensure_future(a) for a in aws]
    try:
        return await _orig(*ts, return_exceptions=return_exceptions)
    except BaseException:
        for t in ts:
            t.cancel()
        raise
asyncio.gather = _g
"#;

#[test]
fn c4_a_faithful_implementation_agrees_and_a_wrong_gather_diverges() {
    let Some(py) = cpython_312() else { return };
    let dir = std::env::temp_dir().join(format!("aiospec-c4-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // `-c PROGRAM` with the wrong gather put in front of the program.
    let wrong = dir.join("wrong-python");
    let prelude = dir.join("prelude.py");
    std::fs::write(&prelude, WRONG_GATHER).expect("write");
    std::fs::write(
        &wrong,
        format!(
            "#!/bin/sh\nshift\nexec {} -c \"$(cat {}; printf '\\n'; printf '%s' \"$1\")\"\n",
            py.display(),
            prelude.display()
        ),
    )
    .expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let inv = format!(
        "micropython 0.0.0 {}\nmicropython 0.0.1 {}\n",
        py.display(),
        wrong.display()
    );
    let targets = parse_inventory(&inv).expect("inventory");
    let programs = vec![
        (
            "gather/siblings_keep_running.py".to_string(),
            example("gather/siblings_keep_running.py"),
        ),
        ("seed/a_gather.py".to_string(), example("seed/a_gather.py")),
    ];
    let faithful = run_target(&targets[0], &programs);
    for (name, _, v) in &faithful.results {
        assert!(matches!(v, Verdict::Agree), "{name}: {v:?}");
    }
    let wrong = run_target(&targets[1], &programs);
    // Siblings no longer run on: 'y' and 'z' never print.
    match &wrong.results[0].2 {
        Verdict::Diverge { diff } => {
            assert!(diff.contains("- y done at 1"), "{diff}");
        }
        v => panic!("the wrong gather was not caught: {v:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn c4_numbers_compare_within_real_time_lateness() {
    assert!(same_line("b done at 0.5", "b done at 0.5031"));
    assert!(!same_line("b done at 0.5", "b done at 0.6"));
    assert!(same_line(
        "<Task pending name='Task-2' at 0x...>",
        "<Task pending name='Task-2' at 0x7f3a2c1d90>"
    ));
    assert!(!same_line("[1, 2]", "[1, 2, 3]"));
}
