//! The CPython oracle: runs programs on the real interpreters (pyenv, and the chroots of scripts/pythons.sh), through
//! `oracle/harness.py` (virtual time, deterministic timers), many programs per interpreter
//! process.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};

use std::process::Stdio;

use aiospec_model::Trace;
use serde::{Deserialize, Serialize};

/// The harness, embedded so that the binary needs no file beside it.
pub const HARNESS: &str = include_str!("../oracle/harness.py");

pub use aiospec_model::Impl as CpythonImpl;

pub use crate::interpreters::{find_interpreters, Interpreter};

/// Start the harness on interpreter `python`, reading requests on stdin.
fn spawn_harness(python: &Interpreter, stderr: Stdio) -> Result<std::process::Child, String> {
    python
        .command()
        .arg("-c")
        .arg(HARNESS)
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONASYNCIODEBUG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {python}: {e}"))
}

#[derive(Serialize)]
struct Request<'a> {
    id: &'a str,
    source: &'a str,
    /// The path the program was run with, and its absolute form (3.9+ show that one).
    path: &'a str,
    abs_path: &'a str,
    #[serde(rename = "impl")]
    imp: &'a str,
}

/// One program for the oracle: id, source, path, absolute path.
pub type Job = (String, String, String, String);

#[derive(Deserialize)]
struct Response {
    id: String,
    trace: Option<String>,
    error: Option<String>,
    #[serde(default)]
    hints: BTreeMap<String, Vec<u64>>,
}

/// What CPython did: its trace, and the orders it iterated its sets in (object keys as
/// `Runtime::object_key` names them), which the model can replay.
#[derive(Clone, Debug, Default)]
pub struct OracleRun {
    pub trace: Trace,
    pub hints: BTreeMap<String, Vec<u64>>,
}

fn decode(r: Response) -> Result<OracleRun, String> {
    match (r.trace, r.error) {
        (Some(t), _) => Ok(OracleRun {
            trace: Trace::from_json_lines(&t)?,
            hints: r.hints,
        }),
        (None, Some(e)) => Err(e),
        (None, None) => Err("empty response".into()),
    }
}

/// How long one program may take on an interpreter before `check` gives up on it. Programs
/// run on virtual time, so even long ones finish in well under a second.
pub const PROGRAM_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The most of an interpreter's own stderr kept for an error message.
const STDERR_KEPT: usize = 16 << 10;

/// Run each program on interpreter `python`, many per process. The harness answers in order;
/// an interpreter that crashes or exceeds `PROGRAM_TIMEOUT` fails only the program it was
/// running (named in the error), and a fresh process takes the rest. The interpreter's
/// stderr is drained as it runs, so a chatty program cannot block it.
/// `AIOSPEC_ORACLE_TIMEOUT` (seconds) overrides it.
pub fn run_batch(
    python: &Interpreter,
    programs: &[Job],
    imp: CpythonImpl,
) -> Result<BTreeMap<String, Result<OracleRun, String>>, String> {
    let timeout = std::env::var("AIOSPEC_ORACLE_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(std::time::Duration::from_secs_f64)
        .unwrap_or(PROGRAM_TIMEOUT);
    run_batch_with_timeout(python, programs, imp, timeout)
}

pub fn run_batch_with_timeout(
    python: &Interpreter,
    programs: &[Job],
    imp: CpythonImpl,
    timeout: std::time::Duration,
) -> Result<BTreeMap<String, Result<OracleRun, String>>, String> {
    let mut out = BTreeMap::new();
    let mut rest: &[Job] = programs;
    while !rest.is_empty() {
        let answered = run_some(python, rest, imp, timeout, &mut out)?;
        rest = &rest[answered..];
    }
    Ok(out)
}

/// One interpreter process on `programs`: returns how many it disposed of (answered, or the
/// one it crashed or stalled on).
fn run_some(
    python: &Interpreter,
    programs: &[Job],
    imp: CpythonImpl,
    timeout: std::time::Duration,
    out: &mut BTreeMap<String, Result<OracleRun, String>>,
) -> Result<usize, String> {
    use std::sync::mpsc;
    let mut child = spawn_harness(python, Stdio::piped())?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input: String = programs
        .iter()
        .map(|(id, src, path, abs_path)| {
            let req = Request {
                id,
                source: src,
                path,
                abs_path,
                imp: imp.as_str(),
            };
            serde_json::to_string(&req).expect("requests serialize") + "\n"
        })
        .collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    let drain = std::thread::spawn(move || {
        let mut kept: Vec<u8> = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = std::io::Read::read(&mut stderr, &mut buf) {
            if n == 0 {
                break;
            }
            kept.extend_from_slice(&buf[..n]);
            if kept.len() > STDERR_KEPT {
                kept.drain(..kept.len() - STDERR_KEPT);
            }
        }
        String::from_utf8_lossy(&kept).into_owned()
    });
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut done = 0;
    let mut failure: Option<String> = None;
    while done < programs.len() {
        match rx.recv_timeout(timeout) {
            Ok(Ok(line)) => {
                let r: Response = serde_json::from_str(&line)
                    .map_err(|e| format!("bad harness output from {}: {e}: {line}", python))?;
                let id = r.id.clone();
                out.insert(id, decode(r));
                done += 1;
            }
            Ok(Err(e)) => {
                failure = Some(format!("reading from {}: {e}", python));
                break;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                failure = Some(format!(
                    "{} ran this program for more than {} s; it was stopped",
                    python,
                    timeout.as_secs()
                ));
                break;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                failure = Some(String::new());
                break;
            }
        }
    }
    if failure.is_some() {
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let _ = writer.join();
    let _ = reader.join();
    let err = drain.join().unwrap_or_default();
    if let Some(why) = failure {
        let why = if why.is_empty() {
            format!(
                "{} stopped ({status}) while running this program: {}",
                python,
                err.trim_end()
            )
        } else {
            why
        };
        let (id, ..) = &programs[done];
        out.insert(id.clone(), Err(why));
        done += 1;
    }
    Ok(done)
}

/// One interpreter kept running, answering one program at a time (for shrinking, where each
/// candidate depends on the previous answer).
pub struct OracleProcess {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    imp: CpythonImpl,
}

impl OracleProcess {
    pub fn start(python: &Interpreter, imp: CpythonImpl) -> Result<Self, String> {
        let mut child = spawn_harness(python, Stdio::null())?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Ok(OracleProcess {
            child,
            stdin,
            stdout,
            imp,
        })
    }

    pub fn run(&mut self, source: &str, path: &str) -> Result<OracleRun, String> {
        self.run_file(source, path, path)
    }

    /// Run a program that names itself `path` (and `abs_path` from 3.9).
    pub fn run_file(
        &mut self,
        source: &str,
        path: &str,
        abs_path: &str,
    ) -> Result<OracleRun, String> {
        let req = Request {
            id: "0",
            source,
            path,
            abs_path,
            imp: self.imp.as_str(),
        };
        let line = serde_json::to_string(&req).expect("requests serialize") + "\n";
        self.stdin
            .write_all(line.as_bytes())
            .map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())?;
        let mut answer = String::new();
        self.stdout
            .read_line(&mut answer)
            .map_err(|e| e.to_string())?;
        let r: Response = serde_json::from_str(&answer)
            .map_err(|e| format!("bad harness output: {e}: {answer}"))?;
        decode(r)
    }
}

impl Drop for OracleProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
