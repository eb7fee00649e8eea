//! Other implementations of asyncio against the model (issue 15, SPEC C4): PyPy, uvloop on
//! each CPython, MicroPython and Pyodide, as `scripts/pythons.sh --print` lists them.
//!
//! The model is CPython's reference. An implementation that can run `oracle/harness.py`
//! (PyPy) is compared as CPython is: trace against trace on virtual time, without traceback
//! texts (asyncio's frames are its own). The others run the program as it is written, on real
//! time: uvloop because its timers are libuv's and cannot be made virtual, MicroPython and
//! Pyodide because the harness needs CPython's asyncio internals. For those, what is compared
//! is what a person sees: stdout line by line (numbers within 0.05, since real timers fire a
//! little late; addresses as `0x...`), the exit status, and how many of each kind of report
//! ("Task exception was never retrieved", ...) reached stderr. A program that fails on a name
//! the implementation lacks is "not supported", not a divergence.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aiospec_model::{Program, PyVersion, Trace};

use crate::check::{diff_lines, search, SEARCH_LIMIT};
use crate::oracle::{run_batch, CpythonImpl, Interpreter};

/// How a target runs programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Under `oracle/harness.py`, on virtual time (PyPy).
    Harness,
    /// CPython with uvloop's event loop policy, on real time.
    Uvloop,
    MicroPython,
    Pyodide,
}

/// One implementation to compare with the model.
#[derive(Clone, Debug)]
pub struct Target {
    /// `pypy-3.9`, `uvloop@3.12.1`, `micropython-1.26.1`, `pyodide-3.14.2`.
    pub name: String,
    pub kind: Kind,
    /// How to start it: an interpreter on the host or in a chroot, or `node run.js`.
    pub interpreter: Interpreter,
    pub node: bool,
    /// The model version it is compared with.
    pub model: PyVersion,
    /// What the model version stands for, in the report.
    pub why_model: String,
}

/// Parse `scripts/pythons.sh --print` (`NAME VERSION LOCATION` per line; the CPython lines
/// are `aiospec check`'s, not this report's).
pub fn parse_inventory(text: &str) -> Result<Vec<Target>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format!("inventory line {}: {why}: {line:?}", i + 1);
        let f: Vec<&str> = line.split_whitespace().collect();
        let [name, version, location] = f[..] else {
            return Err(bad("expected NAME VERSION LOCATION"));
        };
        let (interpreter, node) = parse_location(location).ok_or_else(|| bad("bad location"))?;
        let lang = |release: &str| -> Option<PyVersion> {
            let p: Vec<u8> = release.split('.').filter_map(|x| x.parse().ok()).collect();
            match p[..] {
                [3, m, _] if m >= 14 => PyVersion::ALL
                    .iter()
                    .copied()
                    .filter(|v| v.minor() == m)
                    .find(|v| v.patch() >= p[2])
                    .or_else(|| PyVersion::ALL.iter().copied().rfind(|v| v.minor() == m)),
                [3, m, ..] if (7..=13).contains(&m) => Some(PyVersion::new(m)),
                _ => None,
            }
        };
        let t = match name {
            "cpython" => continue,
            "pypy" => {
                let v = lang(version).ok_or_else(|| bad("unknown language version"))?;
                Target {
                    name: format!("pypy-3.{}", v.minor()),
                    kind: Kind::Harness,
                    interpreter,
                    node,
                    model: v,
                    why_model: format!("its language version, {version}"),
                }
            }
            "micropython" => Target {
                name: format!("micropython-{version}"),
                kind: Kind::MicroPython,
                interpreter,
                node,
                model: PyVersion::new(12),
                why_model: "3.12: MicroPython follows no CPython release; its asyncio follows \
                            CPython 3.8+'s API"
                    .into(),
            },
            "pyodide" => {
                let v = lang(version).ok_or_else(|| bad("unknown language version"))?;
                Target {
                    name: format!("pyodide-{version}"),
                    kind: Kind::Pyodide,
                    interpreter,
                    node,
                    model: v,
                    why_model: format!(
                        "{v}, the nearest release the model follows to its CPython {version}"
                    ),
                }
            }
            n if n.starts_with("uvloop@") => {
                let release = &n["uvloop@".len()..];
                let v = lang(release).ok_or_else(|| bad("unknown CPython release"))?;
                Target {
                    name: format!("uvloop-{version}@{release}"),
                    kind: Kind::Uvloop,
                    interpreter,
                    node,
                    model: v,
                    why_model: format!("the CPython it runs on, {release}"),
                }
            }
            _ => return Err(bad("unknown implementation")),
        };
        out.push(t);
    }
    Ok(out)
}

fn parse_location(s: &str) -> Option<(Interpreter, bool)> {
    if let Some(rest) = s.strip_prefix("chroot:") {
        let (dir, exe) = rest.split_once(':')?;
        return Some((
            Interpreter {
                exe: exe.into(),
                chroot: Some(dir.into()),
            },
            false,
        ));
    }
    if let Some(js) = s.strip_prefix("node:") {
        return Some((
            Interpreter {
                exe: js.into(),
                chroot: None,
            },
            true,
        ));
    }
    s.starts_with('/').then(|| {
        (
            Interpreter {
                exe: s.into(),
                chroot: None,
            },
            false,
        )
    })
}

/// What one program did on one target.
#[derive(Clone, Debug)]
pub enum Verdict {
    Agree,
    Diverge {
        diff: String,
    },
    /// The implementation lacks something the program uses (its last error line).
    NotSupported(String),
    /// Not run: the model refuses it at this version, it does not target the version, or it
    /// needs virtual time.
    Skipped(String),
}

/// A target's results, program by program.
#[derive(Clone, Debug)]
pub struct TargetReport {
    pub target: Target,
    pub results: Vec<(String, Vec<String>, Verdict)>,
    pub seconds: f64,
}

/// Real-time programs run at once (they mostly sleep).
const REAL_TIME_JOBS: usize = 8;

/// The longest a real-time program may run (programs whose virtual run is longer are skipped).
const REAL_TIME_LIMIT: f64 = 20.0;

/// Run `programs` (display name, program) on `target` and compare each with the model.
pub fn run_target(target: &Target, programs: &[(String, Program)]) -> TargetReport {
    let t0 = Instant::now();
    let v = target.model;
    let mut results = Vec::new();
    let mut runnable = Vec::new();
    for (name, p) in programs {
        let rules = p.meta.rules.clone();
        if !p.meta.python.contains(&v) {
            let why = format!("targets Python {}", crate::version_list(&p.meta.python));
            results.push((name.clone(), rules, Verdict::Skipped(why)));
            continue;
        }
        match aiospec_model::run(p, v) {
            Err(e) => {
                let why = format!("the model refuses it on {v}: {e}");
                results.push((name.clone(), rules, Verdict::Skipped(why)));
            }
            Ok(t) if target.kind != Kind::Harness && end_time(&t) > REAL_TIME_LIMIT => {
                let why = format!(
                    "runs for {} virtual seconds; real-time targets skip it",
                    end_time(&t)
                );
                results.push((name.clone(), rules, Verdict::Skipped(why)));
            }
            Ok(t)
                if target.kind != Kind::Harness
                    && t.events
                        .iter()
                        .any(|e| matches!(e, aiospec_model::Event::Stuck { .. })) =>
            {
                let why = "blocks forever on CPython (only the harness's virtual clock sees it \
                           stall); real-time targets skip it"
                    .to_string();
                results.push((name.clone(), rules, Verdict::Skipped(why)));
            }
            Ok(_) if target.kind != Kind::Harness && reads_a_clock(p.text()) => {
                let why = "reads a clock, which only the harness starts at 0; real-time \
                           targets skip it"
                    .to_string();
                results.push((name.clone(), rules, Verdict::Skipped(why)));
            }
            Ok(_) => runnable.push((name.clone(), rules, p)),
        }
    }
    if target.kind == Kind::Harness {
        let jobs: Vec<crate::oracle::Job> = runnable
            .iter()
            .enumerate()
            .map(|(i, (_, _, p))| {
                (
                    i.to_string(),
                    p.text().to_string(),
                    p.source.path.clone(),
                    p.source.abs_path.clone(),
                )
            })
            .collect();
        let answers = run_batch(&target.interpreter, &jobs, CpythonImpl::Py);
        for (i, (name, rules, p)) in runnable.into_iter().enumerate() {
            let verdict = match &answers {
                Err(e) => Verdict::NotSupported(format!("the harness does not run: {e}")),
                Ok(a) => match a.get(&i.to_string()) {
                    None => Verdict::NotSupported("no answer from the harness".into()),
                    Some(Err(e)) => Verdict::Diverge { diff: e.clone() },
                    Some(Ok(cp)) => match search(p, v, CpythonImpl::Py, cp, SEARCH_LIMIT) {
                        Err(e) => Verdict::Skipped(format!("the model failed: {e}")),
                        Ok(Ok(_)) => Verdict::Agree,
                        Ok(Err(model)) => Verdict::Diverge {
                            diff: diff_lines(
                                &model.without_tracebacks().to_json_lines(),
                                &cp.trace.without_tracebacks().to_json_lines(),
                            ),
                        },
                    },
                },
            };
            results.push((name, rules, verdict));
        }
    } else {
        // Eight programs at a time: most of a real-time run is sleeping.
        for chunk in runnable.chunks(REAL_TIME_JOBS) {
            let handles: Vec<_> = chunk
                .iter()
                .map(|(name, rules, p)| {
                    let (target, name, rules) = (target.clone(), name.clone(), rules.clone());
                    // The file name CPython would have: as given up to 3.8, absolute from 3.9.
                    let path = if v.minor() >= 9 {
                        p.source.abs_path.clone()
                    } else {
                        p.source.path.clone()
                    };
                    let text = p.text().to_string();
                    let model = model_outputs(p, v);
                    std::thread::spawn(move || {
                        let seen = run_foreign(&target, &text, &path);
                        (name, rules, compare_foreign(&model, seen))
                    })
                })
                .collect();
            for h in handles {
                if let Ok(r) = h.join() {
                    results.push(r);
                }
            }
        }
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    TargetReport {
        target: target.clone(),
        results,
        seconds: t0.elapsed().as_secs_f64(),
    }
}

/// Does the program read a clock (`loop.time()`, `time.monotonic()`, ...)? On real time its
/// readings are the machine's, not the virtual clock's from 0.
fn reads_a_clock(text: &str) -> bool {
    [
        "time()",
        "monotonic",
        "perf_counter",
        "time.time",
        "time_ns",
    ]
    .iter()
    .any(|k| text.contains(k))
}

fn end_time(t: &Trace) -> f64 {
    t.events
        .iter()
        .filter_map(|e| match e {
            aiospec_model::Event::End { t } => Some(*t),
            _ => None,
        })
        .fold(0.0, f64::max)
}

/// What a person sees of a run: stdout, the exit status, the reports on stderr.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub stdout: String,
    pub status: i64,
    pub reports: BTreeMap<&'static str, usize>,
    /// The last line of stderr (the exception an implementation lacks a name for).
    pub last_error: String,
}

/// The report headlines counted on stderr.
const REPORTS: [&str; 6] = [
    "Task exception was never retrieved",
    "Future exception was never retrieved",
    "Task was destroyed but it is pending!",
    "Exception in callback",
    "Unhandled exception in event loop",
    "exception in shielded future",
];

fn count_reports(stderr: &str) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for line in stderr.lines() {
        for r in REPORTS {
            if line.starts_with(r) || (r.starts_with("exception in") && line.ends_with(r)) {
                *m.entry(r).or_insert(0) += 1;
            }
        }
    }
    m
}

/// Every outcome the model allows (set orders), as seen.
fn model_outputs(p: &Program, v: PyVersion) -> Vec<Seen> {
    let seen = |t: &Trace| {
        let err = t.stderr();
        Seen {
            stdout: t.stdout(false),
            status: t.exit_status(),
            reports: count_reports(&err),
            last_error: err.lines().last().unwrap_or("").to_string(),
        }
    };
    match aiospec_model::explore(p, v, 1000, |_| {}) {
        Ok(ex) => ex.outcomes.values().map(|(_, _, t)| seen(t)).collect(),
        Err(_) => Vec::new(),
    }
}

const UVLOOP_RUNNER: &str = r#"
import asyncio, sys, warnings
import uvloop
src = sys.stdin.read()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
sys.argv = sys.argv[1:]
exec(compile(src, sys.argv[0], "exec"), {"__name__": "__main__", "__file__": sys.argv[0]})
"#;

const FOREIGN_TIMEOUT: Duration = Duration::from_secs(60);

fn run_foreign(target: &Target, text: &str, path: &str) -> Result<Seen, String> {
    let mut cmd = if target.node {
        // The file itself, so that Pyodide names it as CPython would (run.js reads host paths).
        let mut c = Command::new("node");
        c.arg(&target.interpreter.exe).arg(path);
        c
    } else {
        let mut c = target.interpreter.command();
        match target.kind {
            Kind::Uvloop => {
                c.args(["-c", UVLOOP_RUNNER, path]);
            }
            _ => {
                c.args(["-c", text]);
            }
        }
        c
    };
    // Its own process group, so that a timeout kills what it started too (run.js re-runs
    // node with a flag; an orphan would hold the pipes open).
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", target.interpreter))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let input = if target.kind == Kind::Uvloop {
        text.to_string()
    } else {
        String::new()
    };
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().ok_or("no stdout")?));
    let err = drain(Box::new(child.stderr.take().ok_or("no stderr")?));
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if t0.elapsed() > FOREIGN_TIMEOUT {
            let _ = Command::new("kill")
                .args(["-9", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not finish in {} s", FOREIGN_TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Ok(Seen {
        stdout,
        status: status.code().map_or(-1, i64::from),
        reports: count_reports(&stderr),
        last_error: stderr.lines().last().unwrap_or("").to_string(),
    })
}

/// Names an implementation may lack: its last error line says so.
fn lacks(last: &str) -> bool {
    [
        "AttributeError",
        "ImportError",
        "ModuleNotFoundError",
        "NameError",
        "SyntaxError",
        "NotImplementedError",
    ]
    .iter()
    .any(|k| last.starts_with(k))
        || last.contains("unexpected keyword argument")
}

fn compare_foreign(model: &[Seen], seen: Result<Seen, String>) -> Verdict {
    let seen = match seen {
        Err(e) => {
            return Verdict::Diverge { diff: e };
        }
        Ok(s) => s,
    };
    let Some(first) = model.first() else {
        return Verdict::Skipped("the model's exploration failed".into());
    };
    if model.iter().any(|m| same(m, &seen)) {
        return Verdict::Agree;
    }
    if seen.status != 0
        && lacks(&seen.last_error)
        && !model.iter().any(|m| m.last_error == seen.last_error)
    {
        return Verdict::NotSupported(seen.last_error);
    }
    let mut diff = diff_lines(&addresses(&first.stdout), &addresses(&seen.stdout));
    if first.status != seen.status {
        diff.push_str(&format!(
            "- exit status {}\n+ exit status {}\n",
            first.status, seen.status
        ));
    }
    if first.reports != seen.reports {
        diff.push_str(&format!(
            "- reports {:?}\n+ reports {:?}\n",
            first.reports, seen.reports
        ));
    }
    if seen.status != 0 && !seen.last_error.is_empty() {
        diff.push_str(&format!(
            "+ last line of stderr: {}\n",
            clipped(&seen.last_error, 300)
        ));
    }
    Verdict::Diverge { diff }
}

/// Object addresses written as the model writes them (`0x...`), for diffs people read.
fn addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let n = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str(if n > 0 { "0x..." } else { "0x" });
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

fn same(model: &Seen, seen: &Seen) -> bool {
    model.status == seen.status
        && model.reports == seen.reports
        && model.stdout.lines().count() == seen.stdout.lines().count()
        && model
            .stdout
            .lines()
            .zip(seen.stdout.lines())
            .all(|(a, b)| same_line(a, b))
}

/// Equal up to addresses and to numbers within 0.05 (real timers fire a little late).
pub fn same_line(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta.iter().zip(&tb).all(|(x, y)| match (x, y) {
            (Tok::Num(x), Tok::Num(y)) => (x - y).abs() <= 0.05,
            (Tok::Text(x), Tok::Text(y)) => x == y,
            _ => false,
        })
}

#[derive(Debug)]
enum Tok {
    Num(f64),
    Text(String),
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut text = String::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0' && i + 1 < b.len() && b[i + 1] == b'x' {
            // An address: 0x... (the model prints it so).
            let mut j = i + 2;
            while j < b.len() && (b[j].is_ascii_hexdigit() || b[j] == b'.') {
                j += 1;
            }
            text.push_str("0x...");
            i = j;
            continue;
        }
        if b[i].is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
                j += 1;
            }
            if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
                let mut k = j + 1;
                if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
                    k += 1;
                }
                if k < b.len() && b[k].is_ascii_digit() {
                    while k < b.len() && b[k].is_ascii_digit() {
                        k += 1;
                    }
                    j = k;
                }
            }
            if let Ok(x) = s[i..j].parse::<f64>() {
                if !text.is_empty() {
                    out.push(Tok::Text(std::mem::take(&mut text)));
                }
                out.push(Tok::Num(x));
                i = j;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        text.push(ch);
        i += ch.len_utf8();
    }
    if !text.is_empty() {
        out.push(Tok::Text(text));
    }
    out
}

/// CONFORMANCE.md: a row per target, then each target's divergences.
pub fn render(reports: &[TargetReport], link_base: &Path) -> String {
    let mut out = String::from(
        "# Conformance of other asyncio implementations\n\n\
         Generated by `scripts/conformance.sh` (`aiospec conformance`); do not edit by hand.\n\
         The model is CPython's reference (SPEC.md); each implementation runs the corpus\n\
         (`examples/`) and is compared with the model at the version named. PyPy runs under the\n\
         CPython harness (virtual time; traces compared without traceback texts, SPEC C4).\n\
         uvloop, MicroPython and Pyodide run each program as written on real time: stdout\n\
         line by line (numbers within 0.05, addresses as `0x...`), the exit status and the\n\
         count of each report on stderr are compared with every outcome the model allows.\n\
         \"Not supported\" is a program that stops on a name the implementation lacks;\n\
         \"skipped\" is a program not run there (see each target's list).\n\n\
         | implementation | compared with | programs run | agree | diverge | not supported | skipped | seconds |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for r in reports {
        let count = |f: fn(&Verdict) -> bool| r.results.iter().filter(|x| f(&x.2)).count();
        let skipped = count(|v| matches!(v, Verdict::Skipped(_)));
        out.push_str(&format!(
            "| [{}](#{}) | model {} ({}) | {} | {} | {} | {} | {} | {:.0} |\n",
            r.target.name,
            anchor(&r.target.name),
            r.target.model,
            r.target.why_model,
            r.results.len() - skipped,
            count(|v| matches!(v, Verdict::Agree)),
            count(|v| matches!(v, Verdict::Diverge { .. })),
            count(|v| matches!(v, Verdict::NotSupported(_))),
            skipped,
            r.seconds
        ));
    }
    for r in reports {
        out.push_str(&format!(
            "\n## {}\n<a id=\"{}\"></a>\n\nInterpreter: `{}`.\n",
            r.target.name,
            anchor(&r.target.name),
            r.target.interpreter
        ));
        let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, rules, v) in &r.results {
            if let Verdict::Diverge { .. } = v {
                let key = if rules.is_empty() {
                    "(no rule)".to_string()
                } else {
                    rules.join(" ")
                };
                by_rule.entry(key).or_default().push(name.clone());
            }
        }
        if !by_rule.is_empty() {
            out.push_str("\nDivergences by SPEC rule:\n\n");
            for (rule, names) in &by_rule {
                let links: Vec<String> = names.iter().map(|n| link(n, link_base)).collect();
                out.push_str(&format!("- {rule}: {}\n", links.join(", ")));
            }
        }
        for (name, _, v) in &r.results {
            if let Verdict::Diverge { diff } = v {
                let shown: Vec<&str> = diff
                    .lines()
                    .filter(|l| !l.starts_with("  "))
                    .take(12)
                    .collect();
                out.push_str(&format!(
                    "\n### {}\n\n`-` the model (CPython), `+` {}:\n\n```diff\n{}\n```\n",
                    link(name, link_base),
                    r.target.name,
                    shown.join("\n")
                ));
            }
        }
        let lacking: Vec<String> = r
            .results
            .iter()
            .filter_map(|(n, _, v)| match v {
                Verdict::NotSupported(why) => Some(format!("- {}: `{}`", link(n, link_base), why)),
                _ => None,
            })
            .collect();
        if !lacking.is_empty() {
            out.push_str("\nNot supported:\n\n");
            out.push_str(&lacking.join("\n"));
            out.push('\n');
        }
        let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
        for (_, _, v) in &r.results {
            if let Verdict::Skipped(why) = v {
                let why = why.split(": ").next().unwrap_or(why).to_string();
                *skipped.entry(why).or_default() += 1;
            }
        }
        if !skipped.is_empty() {
            out.push_str("\nSkipped:\n\n");
            for (why, n) in skipped {
                out.push_str(&format!("- {n}: {why}\n"));
            }
        }
    }
    out
}

fn anchor(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn link(name: &str, base: &Path) -> String {
    let p: PathBuf = base.join(name);
    format!("[{name}]({})", p.display())
}

/// At most `max` characters of a line for a report a person reads (an implementation that
/// dies in its loader can end stderr with a line of minified JavaScript megabytes long).
fn clipped(line: &str, max: usize) -> String {
    match line.char_indices().nth(max) {
        None => line.to_string(),
        Some((at, _)) => {
            let rest = line[at..].chars().count();
            format!("{} ... ({rest} more characters)", &line[..at])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_stderr_lines_are_clipped_for_the_report() {
        assert_eq!(clipped("short", 300), "short");
        let long = "é".repeat(310);
        let c = clipped(&long, 300);
        assert!(c.starts_with(&"é".repeat(300)));
        assert!(c.ends_with(" ... (10 more characters)"), "{c}");
    }

    #[test]
    fn numbers_match_within_real_time_lateness() {
        assert!(same_line("done at 0.25", "done at 0.2512"));
        assert!(same_line("<Task 0x7f00aa>", "<Task 0x...>"));
        assert!(!same_line("done at 0.25", "done at 0.35"));
        assert!(!same_line("a done", "b done"));
        assert!(!same_line("1 2", "1"));
    }

    #[test]
    fn inventory_lines_become_targets() {
        let t = parse_inventory(
            "cpython 3.12.1 /x/python\n\
             pypy 3.9.16 /usr/bin/pypy3\n\
             uvloop@3.14.8 0.23.0 chroot:/c/forky:/opt/u/bin/python\n\
             pyodide 3.14.2 node:/p/run.js\n\
             micropython 1.26.1 chroot:/c/forky:/usr/bin/micropython\n",
        )
        .expect("parses");
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "pypy-3.9",
                "uvloop-0.23.0@3.14.8",
                "pyodide-3.14.2",
                "micropython-1.26.1"
            ]
        );
        assert_eq!(t[1].model, PyVersion::at(14, 8));
        assert_eq!(t[2].model, PyVersion::at(14, 8));
        assert!(t[3].interpreter.chroot.is_some());
        assert!(parse_inventory("pypy 3.9.16\n").is_err());
        assert!(parse_inventory("rustpython 0.5 /x\n").is_err());
    }
}
