//! The CPython oracle: runs exported scenarios on the real interpreters installed under pyenv,
//! through `oracle/harness.py` (virtual time, deterministic timers), many scenarios per
//! interpreter process.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use aiospec_model::{PyVersion, Trace};
use serde::{Deserialize, Serialize};

/// The harness, embedded so that the binary needs no file beside it.
pub const HARNESS: &str = include_str!("../oracle/harness.py");

pub use aiospec_model::Impl as CpythonImpl;

/// Find the installed interpreters: `$AIOSPEC_PYENV_ROOT`, `$PYENV_ROOT` or `~/.pyenv`, then
/// `versions/3.X.Y/bin/python` (the newest patch release of each minor version).
pub fn find_interpreters() -> BTreeMap<PyVersion, PathBuf> {
    let root = std::env::var_os("AIOSPEC_PYENV_ROOT")
        .or_else(|| std::env::var_os("PYENV_ROOT"))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pyenv")));
    let mut found: BTreeMap<PyVersion, (Vec<u32>, PathBuf)> = BTreeMap::new();
    let Some(root) = root else {
        return BTreeMap::new();
    };
    let Ok(entries) = std::fs::read_dir(root.join("versions")) else {
        return BTreeMap::new();
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let parts: Vec<u32> = name.split('.').map_while(|p| p.parse().ok()).collect();
        if parts.len() != 3 || parts[0] != 3 {
            continue;
        }
        let Ok(v) = format!("3.{}", parts[1]).parse::<PyVersion>() else {
            continue;
        };
        let exe = e.path().join("bin").join("python");
        if !exe.exists() {
            continue;
        }
        let newer = found.get(&v).is_none_or(|(p, _)| parts > *p);
        if newer {
            found.insert(v, (parts, exe));
        }
    }
    found.into_iter().map(|(v, (_, p))| (v, p)).collect()
}

/// Start the harness on interpreter `python`, reading requests on stdin.
fn spawn_harness(python: &Path, stderr: Stdio) -> Result<std::process::Child, String> {
    Command::new(python)
        .arg("-c")
        .arg(HARNESS)
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONASYNCIODEBUG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", python.display()))
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

/// Run each `(id, source)` program on interpreter `python` in one process. Returns, per id, the
/// trace or the harness's error text.
pub fn run_batch(
    python: &Path,
    programs: &[Job],
    imp: CpythonImpl,
) -> Result<BTreeMap<String, Result<OracleRun, String>>, String> {
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
    let stdout = child.stdout.take().expect("piped stdout");
    let mut out = BTreeMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading from {}: {e}", python.display()))?;
        let r: Response = serde_json::from_str(&line)
            .map_err(|e| format!("bad harness output from {}: {e}: {line}", python.display()))?;
        let id = r.id.clone();
        out.insert(id, decode(r));
    }
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    if out.len() != programs.len() {
        let mut err = String::new();
        if let Some(mut s) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut s, &mut err);
        }
        return Err(format!(
            "{} answered {} of {} programs (exit {status}): {err}",
            python.display(),
            out.len(),
            programs.len()
        ));
    }
    Ok(out)
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
    pub fn start(python: &Path, imp: CpythonImpl) -> Result<Self, String> {
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
        let req = Request {
            id: "0",
            source,
            path,
            abs_path: path,
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
