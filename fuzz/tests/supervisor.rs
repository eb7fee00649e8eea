//! The supervisor counts each kind of failure against the input that caused it, writes that
//! input out, restarts the worker and goes on: a fault is injected at one position of a
//! small campaign (a panic, an abort, a stack overflow, an allocation past the worker's
//! memory limit, a hang, a wrong answer) and the summary line must say so.

use std::process::Command;

fn campaign(inject: Option<&str>, tag: &str) -> (Option<i32>, String, Vec<String>) {
    let out = std::env::temp_dir().join(format!("aiospec-fuzz-test-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aiospec-fuzz"));
    cmd.args([
        "--inputs",
        "12",
        "--jobs",
        "2",
        "--seed",
        "5",
        "--hang-secs",
        "3",
    ])
    .args(["--mem-mb", "2048", "--progress-secs", "0"])
    .arg("--out")
    .arg(&out);
    if let Some(i) = inject {
        cmd.args(["--inject", i]);
    }
    let o = cmd.output().expect("the fuzzer runs");
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    written.sort();
    let _ = std::fs::remove_dir_all(&out);
    (o.status.code(), stdout, written)
}

fn count(summary: &str, what: &str) -> u64 {
    let i = summary
        .find(&format!("{what} "))
        .unwrap_or_else(|| panic!("no {what} in {summary:?}"));
    summary[i + what.len() + 1..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count for {what} in {summary:?}"))
}

#[test]
fn a_clean_campaign_reports_zeros_and_exits_0() {
    let (code, out, written) = campaign(None, "clean");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(count(&out, "inputs"), 12, "{out}");
    for what in ["panics", "signals", "hangs", "OOMs", "mismatches"] {
        assert_eq!(count(&out, what), 0, "{what}: {out}");
    }
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn each_failure_is_counted_against_its_input() {
    for (fault, what) in [
        ("panic", "panics"),
        ("abort", "signals"),
        ("overflow", "signals"),
        ("oom", "OOMs"),
        ("hang", "hangs"),
        ("mismatch", "mismatches"),
    ] {
        let (code, out, written) = campaign(Some(&format!("5:{fault}")), fault);
        assert_eq!(code, Some(1), "{fault}: {out}");
        assert_eq!(count(&out, what), 1, "{fault}: {out}");
        // The worker was restarted: every other input still ran.
        assert_eq!(count(&out, "inputs"), 12, "{fault}: {out}");
        let total: u64 = ["panics", "signals", "hangs", "OOMs", "mismatches"]
            .iter()
            .map(|w| count(&out, w))
            .sum();
        assert_eq!(total, 1, "{fault}: {out}");
        // The input and its note.
        assert_eq!(written.len(), 2, "{fault}: {written:?}");
    }
}
