//! The CLI on bad input: a clear error naming the file and the place, exit code 2, no panic.

use std::process::Command;

fn aiospec(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aiospec"))
        .args(args)
        .output()
        .expect("run aiospec");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bad(json: &str, want_place: &str, want_msg: &str) {
    let dir = std::env::temp_dir().join(format!("aiospec-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!(
        "bad{}.json",
        want_place.len() + want_msg.len() + json.len()
    ));
    std::fs::write(&file, json).expect("write");
    let f = file.to_str().expect("utf-8 path");
    for cmd in ["run", "explore", "export"] {
        let (code, _out, err) = aiospec(&[cmd, f]);
        assert_eq!(code, 2, "{cmd} {json}: {err}");
        assert!(
            err.contains(f),
            "{cmd}: error does not name the file: {err}"
        );
        assert!(
            err.contains(want_place),
            "{cmd}: error does not name the place {want_place:?}: {err}"
        );
        assert!(
            err.contains(want_msg),
            "{cmd}: error does not say {want_msg:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    bad(
        "{\"main\": [\"print(1)\",, ]}",
        "line 1, column 22",
        "invalid JSON",
    );
}

#[test]
fn unknown_field() {
    bad(
        r#"{"main": [], "mian": []}"#,
        "top level",
        "unknown field \"mian\"",
    );
    bad(
        r#"{"main": [{"try": ["pass"], "except": [], "finaly": []}]}"#,
        "main[0]",
        "unknown field \"finaly\"",
    );
}

#[test]
fn dangling_name() {
    bad(
        r#"{"main": ["await worker()"]}"#,
        "main[0]",
        "name 'worker' is not defined",
    );
    bad(
        r#"{"coroutines": {"w": {"body": ["return x"]}}, "main": ["await w()"]}"#,
        "coroutines.w.body[0]",
        "name 'x' is not defined",
    );
}

#[test]
fn negative_timeout() {
    bad(
        r#"{"main": ["t = asyncio.create_task(asyncio.sleep(1))", "await asyncio.wait([t], timeout=-1)"]}"#,
        "main[1]",
        "timeout must be a number >= 0",
    );
    bad(
        r#"{"main": ["await asyncio.wait_for(asyncio.sleep(1), -0.5)"]}"#,
        "main[0]",
        "timeout must be a number >= 0",
    );
}

#[test]
fn unknown_return_when() {
    bad(
        r#"{"main": ["t = asyncio.create_task(asyncio.sleep(1))", "await asyncio.wait([t], return_when='SOMETIMES')"]}"#,
        "main[1]",
        "return_when must be",
    );
    bad(
        r#"{"main": ["t = asyncio.create_task(asyncio.sleep(1))", "await asyncio.wait([t], return_when=asyncio.FIRST_ERROR)"]}"#,
        "main[1]",
        "asyncio.FIRST_ERROR",
    );
}

#[test]
fn syntax_error_names_column() {
    bad(
        r#"{"main": ["print(1,, 2)"]}"#,
        "main[0] (column 9)",
        "unexpected ','",
    );
}

#[test]
fn bad_entry_and_version_list() {
    bad(
        r#"{"entry": "loop.run", "main": []}"#,
        "entry",
        "unknown entry",
    );
    bad(
        r#"{"python": ["3.6"], "main": []}"#,
        "python[0]",
        "unknown Python version",
    );
}

#[test]
fn missing_file_and_bad_version_flag() {
    let (code, _, err) = aiospec(&["run", "/nonexistent/x.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/nonexistent/x.json") && err.contains("cannot read"),
        "{err}"
    );
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed/a_gather.json");
    let (code, _, err) = aiospec(&["run", f, "--python", "2.7"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown Python version"), "{err}");
}

#[test]
fn run_prints_like_python() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed/a_gather.json");
    let (code, out, _) = aiospec(&["run", f, "--python", "3.8"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "0 ok\n1 crashed!\nTraceback (most recent call last):\n  ...\nValueError\n"
    );
}

#[test]
fn export_is_valid_python_for_every_version() {
    // The exported program of each seed compiles with the interpreter of its version when one
    // is installed (checked for real by the oracle tests).
    let f = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/seed/d_wait_retrieve.json"
    );
    let (code, out, _) = aiospec(&["export", f, "--python", "3.8"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("done, pending = await asyncio.wait(coros)"),
        "{out}"
    );
    assert!(out.contains("asyncio.run(main())"), "{out}");
}
