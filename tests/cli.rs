//! The CLI as a Unix tool (issue 11, SPEC M1, M3, M4, M5): output on the right stream, exit
//! statuses that mean something, clear errors that name the file and the place, no panic, no
//! hang, no deadlock.

use std::path::{Path, PathBuf};
use std::process::Command;

fn aiospec(args: &[&str]) -> (i32, String, String) {
    aiospec_env(args, &[])
}

fn aiospec_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_aiospec"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run aiospec");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aiospec-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn write(d: &Path, name: &str, text: &[u8]) -> String {
    let f = d.join(name);
    std::fs::write(&f, text).expect("write");
    f.to_str().expect("utf-8 path").to_string()
}

/// `run`, `explore` and `export` all refuse the file with status 2 and an error naming the
/// file, the place and the reason, without a panic.
fn refused(text: &[u8], place: &str, msg: &str, commands: &[&str]) {
    let d = dir(&format!("refused{}", place.replace(':', "_")));
    let f = write(&d, "prog.py", text);
    for cmd in commands {
        let (code, out, err) = aiospec(&[cmd, &f]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(out.is_empty(), "{cmd} printed {out:?}");
        assert!(
            err.contains(&format!("{f}:{place}")),
            "{cmd}: the error does not name {f}:{place}: {err}"
        );
        assert!(
            err.contains(msg),
            "{cmd}: the error does not say {msg:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn syntax_error_names_line_and_column() {
    refused(
        b"import asyncio\n\nasync def main(:\n    pass\n",
        "3:16",
        "SyntaxError",
        &["run", "explore", "export"],
    );
}

#[test]
fn invalid_utf8_names_its_place() {
    refused(
        b"import asyncio\nx = 'caf\xe9'\n",
        "2:9",
        "UTF-8",
        &["run", "explore", "export"],
    );
}

#[test]
fn m1_unsupported_construct_is_refused_with_its_place() {
    refused(
        b"import asyncio\nimport socket\n",
        "2:8",
        "the module 'socket'",
        &["run", "explore"],
    );
    refused(
        b"x = 3\nmatch x:\n    case 3:\n        pass\n",
        "2:1",
        "'match'",
        &["run", "explore"],
    );
}

#[test]
fn m3_nesting_beyond_the_limits_is_refused() {
    let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    refused(
        deep.as_bytes(),
        "1:",
        "nested",
        &["run", "explore", "export"],
    );
}

#[test]
fn m3_long_chains_of_operators_and_awaits_are_refused_not_a_stack_overflow() {
    // 30,000 `+` terms and 30,000 awaits (issue 11: both overflowed the stack). `await await`
    // is a syntax error to CPython too (await takes a primary), reported with its place.
    let plus = format!("x = {}\n", vec!["1"; 30000].join(" + "));
    refused(
        plus.as_bytes(),
        "1:",
        "nested deeper than 500",
        &["run", "explore", "export"],
    );
    let awaits = format!(
        "import asyncio\nasync def f():\n    return {}asyncio.sleep(0)\n",
        "await ".repeat(30000)
    );
    refused(
        awaits.as_bytes(),
        "3:",
        "SyntaxError",
        &["run", "explore", "export"],
    );
}

#[test]
fn m3_input_size_is_capped() {
    // `aiospec run /dev/urandom` read without bound (issue 11): a file past 1 MiB is refused
    // before it is read whole, naming the limit.
    let d = dir("big");
    let f = write(&d, "big.py", &vec![b'#'; (1 << 20) + 1]);
    for cmd in ["run", "explore", "export"] {
        let (code, _, err) = aiospec(&[cmd, &f]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("larger than the model's limit of 1048576 bytes"),
            "{err}"
        );
    }
    let (code, _, err) = aiospec(&["run", "/dev/urandom"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than the model's limit"), "{err}");
}

#[test]
fn m5_run_exits_as_python_does() {
    // The seed's program (a): stdout has the prints, stderr the traceback, status 1.
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed/a_gather.py");
    let (code, out, err) = aiospec(&["run", f, "--python", "3.8"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "0 ok\n1 crashed!\n");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.ends_with("    raise ValueError\nValueError\n"), "{err}");

    let d = dir("exit");
    let f = write(&d, "exit.py", b"import sys\nprint('bye')\nsys.exit(7)\n");
    let (code, out, err) = aiospec(&["run", &f]);
    assert_eq!((code, out.as_str(), err.as_str()), (7, "bye\n", ""));
    let f = write(&d, "msg.py", b"import sys\nsys.exit('no config')\n");
    let (code, out, err) = aiospec(&["run", &f]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", "no config\n"));
}

#[test]
fn version_outside_the_programs_targets_is_an_error() {
    let d = dir("versions");
    let f = write(
        &d,
        "p.py",
        b"# aiospec: python = 3.9-3.13\nimport asyncio\nprint(1)\n",
    );
    let (code, _, err) = aiospec(&["run", &f, "--python", "3.8"]);
    assert_eq!(code, 2);
    assert!(err.contains("targets Python 3.9-3.13"), "{err}");
    let (code, out, _) = aiospec(&["run", &f, "--python", "3.9"]);
    assert_eq!((code, out.as_str()), (0, "1\n"));
    let (code, _, err) = aiospec(&["run", &f, "--python", "2.7"]);
    assert_eq!(code, 2);
    assert!(err.contains("--python"), "{err}");
}

#[test]
fn missing_file_is_an_error() {
    let (code, _, err) = aiospec(&["run", "/nonexistent/prog.py"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/prog.py"), "{err}");
    let (code, _, err) = aiospec(&["check", "/nonexistent/dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn m4_step_budget_ends_a_busy_loop() {
    let d = dir("budget");
    let f = write(&d, "spin.py", b"while True:\n    pass\n");
    let (code, _, err) = aiospec(&["run", &f, "--max-steps", "100000"]);
    assert_eq!(code, 124, "{err}");
    assert!(err.contains("--max-steps"), "{err}");
    // The budget is settable: a loop of a million steps runs with a larger one.
    let f = write(
        &d,
        "count.py",
        b"n = 0\nfor i in range(1000000):\n    n += i\nprint(n)\n",
    );
    let (code, out, err) = aiospec(&["run", &f, "--max-steps", "10000000"]);
    assert_eq!((code, out.as_str()), (0, "499999500000\n"), "{err}");
    let (code, _, _) = aiospec(&["run", &f, "--max-steps", "1000"]);
    assert_eq!(code, 124);
}

#[test]
fn l7_a_far_timer_finishes() {
    let d = dir("far");
    let f = write(
        &d,
        "far.py",
        b"import asyncio\nasync def main():\n    await asyncio.sleep(2e7)\n    await asyncio.sleep(1e300)\n    print('woke')\nasyncio.run(main())\n",
    );
    let (code, out, err) = aiospec(&["run", &f]);
    assert_eq!((code, out.as_str()), (0, "woke\n"), "{err}");
}

/// A program with 8! orders of the coroutines `wait` wraps (3.7-3.10 take coroutines).
const MANY_ORDERS: &[u8] = b"# aiospec: python = 3.8\nimport asyncio\nasync def w(i):\n    print(i)\nasync def main():\n    await asyncio.wait([w(i) for i in range(8)])\nasyncio.run(main())\n";

#[test]
fn explore_says_where_it_stopped() {
    let d = dir("explore");
    let f = write(&d, "many.py", MANY_ORDERS);
    let (code, out, err) = aiospec(&["explore", &f, "--max-runs", "50"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.contains("in 50 run(s)") && first.contains("stopped at the run limit (50 runs)"),
        "{first}"
    );
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // `aiospec explore FILE | head -1`, a hundred times in a row (issue 11's acceptance), as
    // a shell runs it: head exits after the first line, and aiospec's next write finds the
    // pipe closed. aiospec's own status (PIPESTATUS[0]) must be 0 (it finished first) or
    // 141 (128 + SIGPIPE, as a C tool stopped by the closed pipe), and stderr must hold no
    // panic text. A process per run also pins that a write error is no panic (exit 101).
    let d = dir("pipe");
    let f = write(&d, "many.py", MANY_ORDERS);
    let script = format!(
        "{} explore {} --max-runs 2000 2>\"$ERR\" | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_aiospec"),
        f
    );
    let err_file = d.join("stderr.txt");
    for i in 0..100 {
        let out = Command::new("bash")
            .args(["-c", &script])
            .env("ERR", &err_file)
            .output()
            .expect("bash");
        let status = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let err = std::fs::read_to_string(&err_file).unwrap_or_default();
        assert!(!err.contains("panicked"), "run {i}: {err}");
        assert!(
            status == "0" || status == "141",
            "run {i}: aiospec exited {status}: {err}"
        );
    }
}

/// The checks below run CPython: skip them (saying so) where none is installed.
fn have_cpython() -> bool {
    let found = !aiospec::oracle::find_interpreters().is_empty();
    if !found {
        eprintln!("no CPython under pyenv: skipped");
    }
    found
}

#[test]
fn check_on_a_folder_reports_bad_files_and_checks_the_rest() {
    if !have_cpython() {
        return;
    }
    let d = dir("folder");
    write(&d, "bad.py", b"def f(:\n");
    write(&d, "good.py", b"import asyncio\nprint('hi')\n");
    write(
        &d,
        "old.py",
        b"# aiospec: python = 3.7\nimport asyncio\nprint('old')\n",
    );
    let (code, out, err) = aiospec(&["check", d.to_str().expect("utf-8"), "--python", "3.12"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("NOT LOADED") && out.contains("bad.py"),
        "{out}"
    );
    assert!(
        out.contains("skipped") && out.contains("old.py") && out.contains("targets Python 3.7"),
        "{out}"
    );
    assert!(out.contains("1 checks: 1 agree, 0 disagree"), "{out}");
}

#[test]
fn check_survives_an_interpreter_that_dies_or_stalls_or_floods_stderr() {
    if !have_cpython() {
        return;
    }
    let d = dir("crash");
    // Each program is something the model refuses (`os`, `sys.stderr`), but the oracle runs it.
    write(
        &d,
        "a_dies.py",
        b"import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
    );
    write(&d, "b_good.py", b"import asyncio\nprint('hi')\n");
    write(&d, "c_stalls.py", b"import os\nwhile True:\n    pass\n");
    write(
        &d,
        "d_floods.py",
        b"import sys\nsys.stderr.write('x' * 1000000)\nprint('done')\n",
    );
    write(&d, "e_good.py", b"import asyncio\nprint('hi again')\n");
    let (code, out, err) = aiospec_env(
        &["check", d.to_str().expect("utf-8"), "--python", "3.12"],
        &[("AIOSPEC_ORACLE_TIMEOUT", "3")],
    );
    assert_eq!(code, 1, "{out}{err}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{}/{name}", d.display())))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("b_good.py").contains("agree"), "{out}");
    assert!(line("e_good.py").contains("agree"), "{out}");
    assert!(out.contains("while running this program"), "{out}");
    assert!(out.contains("was stopped"), "{out}");
    assert!(out.contains("5 checks: 2 agree, 3 disagree"), "{out}");
}

/// `check --interpreter PATH` (issue 15): any Python that runs the harness, compared at its
/// own version; `--target cpython-X` names CPython releases; an unknown target is refused.
#[test]
fn check_takes_an_interpreter_path_and_named_targets() {
    let found = aiospec::oracle::find_interpreters();
    let Some(py) = found.get(&aiospec_model::PyVersion::new(12)) else {
        assert_eq!(std::env::var("AIOSPEC_SKIP_CPYTHON").as_deref(), Ok("1"));
        return;
    };
    let exe = py.exe.to_str().expect("utf-8 path");
    let (code, out, err) = aiospec(&["check", "examples/seed/a_gather.py", "--interpreter", exe]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 programs, 1 checks: 1 agree, 0 disagree"),
        "{out}"
    );
    assert!(out.lines().next().unwrap_or("").ends_with("3.12"), "{out}");
    let (code, out, err) = aiospec(&[
        "check",
        "examples/seed/a_gather.py",
        "--target",
        "cpython-3.12,cpython-3.13",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 programs, 2 checks: 2 agree"), "{out}");
    let (code, _, err) = aiospec(&[
        "check",
        "examples/seed/a_gather.py",
        "--interpreter",
        "/nonexistent/python",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--interpreter /nonexistent/python: cannot run it"),
        "{err}"
    );
}

/// `run --svg` (issue 17): the picture is written and the run prints and exits as without it;
/// a path that cannot be written is an error that names it, status 2, no panic.
#[test]
fn run_svg_writes_a_picture_or_says_why_not() {
    let d = dir("svg");
    let seed = common_seed("seed/a_gather.py");
    let out_svg = d.join("a.svg");
    let (code, out, err) = aiospec(&["run", &seed, "--svg", out_svg.to_str().expect("utf-8")]);
    let (code0, out0, err0) = aiospec(&["run", &seed]);
    // Seed (a): ValueError escapes asyncio.run, so Python exits 1 after printing two lines.
    assert_eq!((code, code0), (1, 1), "{err}");
    assert_eq!(out, "0 ok\n1 crashed!\n");
    assert_eq!((out, err), (out0, err0));
    let svg = std::fs::read_to_string(&out_svg).expect("the SVG was written");
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));

    for bad in [
        d.join("no-such-dir").join("x.svg"),
        d.clone(), // a directory
    ] {
        let (code, out, err) = aiospec(&["run", &seed, "--svg", bad.to_str().expect("utf-8")]);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("cannot write the timeline to") && err.contains(bad.to_str().unwrap()),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // --svg draws the model's run only.
    let (code, _, err) = aiospec(&["run", &seed, "--backend", "cpython", "--svg", "x.svg"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--svg"), "{err}");
}

/// `explore --html` (issue 17): one section per distinct outcome, each with its picture and
/// the choices that lead to it.
#[test]
fn explore_html_shows_every_outcome() {
    let d = dir("html");
    let prog = common_seed("wait/coroutines_order.py");
    let page = d.join("o.html");
    let (code, out, err) = aiospec(&[
        "explore",
        &prog,
        "--python",
        "3.8",
        "--html",
        page.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let n: usize = out
        .split(" distinct outcome")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no count in {out}"));
    let html = std::fs::read_to_string(&page).expect("the page was written");
    assert_eq!(html.matches("<section class=\"outcome\">").count(), n);
    assert_eq!(html.matches("<svg ").count(), n);
    // Every outcome but the first took another order of wait()'s set, and says so.
    assert!(
        html.matches("wait(): order of set(fs)").count() >= n - 1,
        "{html}"
    );
    let (code, _, err) = aiospec(&[
        "explore",
        &prog,
        "--python",
        "3.8",
        "--html",
        "/nonexistent-dir/o.html",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("cannot write the outcomes page to /nonexistent-dir/o.html"),
        "{err}"
    );
}

fn common_seed(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(rel)
        .to_str()
        .expect("utf-8 path")
        .to_string()
}
