//! `aiospec-fuzz`: a crash-fuzzing campaign over the model (see the library's docs).
//!
//! ```text
//! aiospec-fuzz --inputs 1000000 --seed 1 --shard 0/2 --jobs 1
//! aiospec-fuzz --seconds 60 --jobs 2
//! aiospec-fuzz --replay fuzz/regressions/0123456789abcdef.py
//! ```
//!
//! The supervisor splits the input stream: input `i` belongs to shard `i % n`; within a
//! shard, position `p` (input `k + n * p`) goes to job `p % jobs`. Each job is a worker
//! process under an address-space limit (`prlimit --as`), writing one line per input; a
//! worker that dies (signal, abort, out of memory) or makes no progress for `--hang-secs`
//! is recorded against the input it was running and restarted after it. Exit status: 0 when
//! every input ran without a panic, signal, hang, OOM or wrong answer, 1 otherwise.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use aiospec_fuzz::check::{check, Limits};
use aiospec_fuzz::corpus::{repo_root, Corpus};
use aiospec_fuzz::inputs::{input, Input};
use aiospec_model::{Impl, PyVersion};
use clap::Parser;

#[derive(Parser, Clone, Debug)]
#[command(
    name = "aiospec-fuzz",
    about = "Crash fuzzing of aiospec's model: load, compile, run, explore and export, in supervised worker processes"
)]
struct Args {
    /// How many inputs (of this shard) to run. Without it, and without --seconds, 10000.
    #[arg(long)]
    inputs: Option<u64>,
    /// Stop after this many seconds (inputs still running then are not counted).
    #[arg(long)]
    seconds: Option<u64>,
    /// Seed of the input stream (default: from the clock; printed either way).
    #[arg(long)]
    seed: Option<u64>,
    /// Run shard k of n (0 <= k < n): the inputs whose index is k modulo n.
    #[arg(long, default_value = "0/1")]
    shard: String,
    /// Worker processes.
    #[arg(long, default_value_t = 2)]
    jobs: u64,
    /// Where failing inputs are written.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Address-space limit of each worker, in MiB.
    #[arg(long, default_value_t = 4096)]
    mem_mb: u64,
    /// An input that runs longer than this is a hang.
    #[arg(long, default_value_t = 10)]
    hang_secs: u64,
    /// The step budget of each run.
    #[arg(long, default_value_t = Limits::default().max_steps)]
    max_steps: u64,
    /// The size limit of strings, lists and ints (items).
    #[arg(long, default_value_t = Limits::default().max_size)]
    max_size: usize,
    /// Runs per exploration.
    #[arg(long, default_value_t = Limits::default().explore_runs)]
    explore_runs: usize,
    /// Print a progress line this often (seconds; 0: never).
    #[arg(long, default_value_t = 60)]
    progress_secs: u64,
    /// Replay files in process (every version, both Task implementations) instead.
    #[arg(long, num_args = 1..)]
    replay: Vec<PathBuf>,
    /// Worker mode (internal): JOB:START.
    #[arg(long, hide = true)]
    worker: Option<String>,
    /// Fault injection (tests of the supervisor): POSITION:panic|abort|overflow|oom|hang|mismatch.
    #[arg(long, hide = true)]
    inject: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.replay.is_empty() {
        return replay(&args);
    }
    match &args.worker {
        Some(w) => worker(&args, w),
        None => supervise(&args),
    }
}

fn parse_shard(s: &str) -> (u64, u64) {
    let parsed = s
        .split_once('/')
        .and_then(|(k, n)| Some((k.parse::<u64>().ok()?, n.parse::<u64>().ok()?)));
    match parsed {
        Some((k, n)) if n > 0 && k < n => (k, n),
        _ => {
            eprintln!("aiospec-fuzz: --shard wants k/n with 0 <= k < n, not {s:?}");
            std::process::exit(2);
        }
    }
}

fn limits(a: &Args) -> Limits {
    Limits {
        max_steps: a.max_steps,
        explore_runs: a.explore_runs,
        max_size: a.max_size,
    }
}

/// The number of positions this campaign covers (u64::MAX: until --seconds).
fn position_limit(a: &Args) -> u64 {
    match (a.inputs, a.seconds) {
        (Some(n), _) => n,
        (None, Some(_)) => u64::MAX,
        (None, None) => 10_000,
    }
}

// ---------------------------------------------------------------- worker

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn one_line(s: &str) -> String {
    let s: String = s.chars().take(4000).collect();
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn worker(a: &Args, spec: &str) -> ExitCode {
    let (job, start) = spec
        .split_once(':')
        .and_then(|(j, s)| Some((j.parse::<u64>().ok()?, s.parse::<u64>().ok()?)))
        .expect("--worker JOB:START");
    let (k, n) = parse_shard(&a.shard);
    let seed = a.seed.expect("the supervisor passes the seed");
    let lim = limits(a);
    let end = position_limit(a);
    let corpus = Corpus::load(&repo_root());
    std::panic::set_hook(Box::new(|info| {
        let msg = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => match info.payload().downcast_ref::<String>() {
                Some(s) => s.clone(),
                None => "a panic".to_string(),
            },
        };
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{place}")));
    }));
    let inject = a.inject.as_ref().map(|s| {
        let (p, what) = s.split_once(':').expect("--inject P:KIND");
        (p.parse::<u64>().expect("--inject P:KIND"), what.to_string())
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut p = start;
    let _ = job;
    while p < end {
        let idx = k + n * p;
        let g0 = Instant::now();
        let inp = input(seed, idx, &corpus);
        let gen_micros = g0.elapsed().as_micros();
        let injected = inject
            .as_ref()
            .filter(|(q, _)| *q == p)
            .map(|(_, w)| w.as_str());
        let t0 = Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let Some(what) = injected {
                return inject_fault(what);
            }
            check(inp.name, &inp.bytes, inp.v, inp.imp, &lim)
        }));
        let line = match r {
            Ok(Ok(reached)) => format!(
                "E {p} ok {} {} {} gen:{gen_micros}\n",
                t0.elapsed().as_micros(),
                reached.as_str(),
                inp.kind
            ),
            Ok(Err(msg)) => format!("E {p} mismatch {}\n", one_line(&msg)),
            Err(_) => {
                let msg = LAST_PANIC
                    .with(|m| m.borrow_mut().take())
                    .unwrap_or_default();
                format!("E {p} panic {}\n", one_line(&msg))
            }
        };
        if out
            .write_all(line.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            // The supervisor went away.
            return ExitCode::from(3);
        }
        p += a.jobs;
    }
    ExitCode::SUCCESS
}

#[inline(never)]
fn overflow(depth: u64) -> u64 {
    if depth == u64::MAX {
        return 0;
    }
    let buf = [depth; 64];
    std::hint::black_box(&buf);
    std::hint::black_box(overflow(depth + 1)) + buf[3]
}

fn inject_fault(what: &str) -> Result<aiospec_fuzz::check::Reached, String> {
    match what {
        "panic" => panic!("injected panic"),
        "abort" => std::process::abort(),
        "overflow" => {
            overflow(0);
            unreachable!()
        }
        "oom" => {
            let v: Vec<u8> = Vec::with_capacity(1 << 46);
            std::hint::black_box(&v);
            unreachable!("the allocation fails under the address-space limit")
        }
        "hang" => loop {
            std::thread::sleep(Duration::from_secs(1));
        },
        "mismatch" => Err("injected mismatch".into()),
        other => panic!("unknown fault {other:?}"),
    }
}

// ---------------------------------------------------------------- supervisor

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Failure {
    Panic,
    Signal,
    Hang,
    Oom,
    Mismatch,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::Panic => "panic",
            Failure::Signal => "signal",
            Failure::Hang => "hang",
            Failure::Oom => "oom",
            Failure::Mismatch => "mismatch",
        }
    }
}

enum Msg {
    Line(String),
    Eof,
}

struct Job {
    child: Option<Child>,
    generation: u64,
    /// The position the worker is running (or will run next).
    next: u64,
    /// When it started that input.
    since: Instant,
    hung: bool,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<std::thread::JoinHandle<()>>,
}

struct Campaign {
    args: Args,
    seed: u64,
    k: u64,
    n: u64,
    out: PathBuf,
    corpus: Corpus,
    counts: BTreeMap<String, u64>,
    /// Time spent per outcome and per kind of input (microseconds).
    micros: BTreeMap<String, u64>,
    inputs: u64,
    failures: BTreeMap<Failure, u64>,
    written: Vec<String>,
}

const STDERR_KEPT: usize = 64 << 10;

impl Campaign {
    fn spawn(
        &self,
        job: u64,
        start: u64,
        generation: u64,
        tx: &mpsc::Sender<(u64, u64, Msg)>,
    ) -> Job {
        let exe = std::env::current_exe().expect("the fuzzer's own path");
        let mut cmd = if which("prlimit") {
            let mut c = Command::new("prlimit");
            c.arg(format!("--as={}", self.args.mem_mb << 20))
                .arg("--")
                .arg(exe);
            c
        } else {
            Command::new(exe)
        };
        cmd.arg("--worker")
            .arg(format!("{job}:{start}"))
            .arg("--seed")
            .arg(self.seed.to_string())
            .arg("--shard")
            .arg(&self.args.shard)
            .arg("--jobs")
            .arg(self.args.jobs.to_string())
            .arg("--max-steps")
            .arg(self.args.max_steps.to_string())
            .arg("--explore-runs")
            .arg(self.args.explore_runs.to_string())
            .arg("--max-size")
            .arg(self.args.max_size.to_string())
            .env("RUST_BACKTRACE", "0");
        if let Some(n) = self.args.inputs {
            cmd.arg("--inputs").arg(n.to_string());
        } else if let Some(s) = self.args.seconds {
            cmd.arg("--seconds").arg(s.to_string());
        }
        if let Some(i) = &self.args.inject {
            cmd.arg("--inject").arg(i);
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start a worker");
        let stdout = child.stdout.take().expect("piped");
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send((job, generation, Msg::Line(l))).is_err() {
                            return;
                        }
                    }
                    Err(_) => break,
                }
            }
            let _ = tx.send((job, generation, Msg::Eof));
        });
        let kept = Arc::new(Mutex::new(Vec::new()));
        let mut stderr = child.stderr.take().expect("piped");
        let k2 = kept.clone();
        let stderr_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut k = k2.lock().expect("stderr buffer");
                k.extend_from_slice(&buf[..n]);
                if k.len() > STDERR_KEPT {
                    let cut = k.len() - STDERR_KEPT;
                    k.drain(..cut);
                }
            }
        });
        Job {
            child: Some(child),
            generation,
            next: start,
            since: Instant::now(),
            hung: false,
            stderr: kept,
            stderr_thread: Some(stderr_thread),
        }
    }

    fn input_at(&self, p: u64) -> (u64, Input) {
        let idx = self.k + self.n * p;
        (idx, input(self.seed, idx, &self.corpus))
    }

    /// Count a failure and write its input (once) with a note.
    fn record(&mut self, what: Failure, p: u64, detail: &str) {
        *self.failures.entry(what).or_default() += 1;
        self.inputs += 1;
        let (idx, inp) = self.input_at(p);
        let name = aiospec_fuzz::regression_name(&inp.bytes, inp.name);
        let detail: String = detail.chars().take(2000).collect();
        eprintln!(
            "aiospec-fuzz: {} on input {idx} ({}, Python {}, {} Task): {} -> {}",
            what.as_str(),
            inp.kind,
            inp.v,
            inp.imp.as_str(),
            detail.lines().next().unwrap_or(""),
            self.out.join(&name).display()
        );
        let _ = std::fs::create_dir_all(&self.out);
        let path = self.out.join(&name);
        if !path.exists() {
            let _ = std::fs::write(&path, &inp.bytes);
            let note = format!(
                "{}: input {idx} of seed {} ({}), Python {}, {} Task\n{detail}\n",
                what.as_str(),
                self.seed,
                inp.kind,
                inp.v,
                inp.imp.as_str()
            );
            let _ = std::fs::write(path.with_extension("txt"), note);
        }
        self.written.push(name);
    }
}

fn which(prog: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(prog).is_file()))
}

fn classify(status: std::process::ExitStatus, stderr: &str, hung: bool) -> (Failure, String) {
    let tail: String = {
        let lines: Vec<&str> = stderr.lines().collect();
        lines[lines.len().saturating_sub(6)..].join("\n")
    };
    if hung {
        return (Failure::Hang, "no progress within the hang limit".into());
    }
    let oom = stderr.contains("memory allocation of") || stderr.contains("failed to allocate");
    match (status.signal(), status.code()) {
        (Some(_), _) if oom => (Failure::Oom, tail),
        (Some(9), _) => (
            Failure::Oom,
            format!("killed (SIGKILL: the kernel's OOM killer?)\n{tail}"),
        ),
        (Some(sig), _) => {
            let what = if stderr.contains("overflowed its stack") {
                "stack overflow"
            } else {
                "signal"
            };
            (Failure::Signal, format!("{what} (signal {sig})\n{tail}"))
        }
        (None, Some(101)) => (
            Failure::Panic,
            format!("a panic outside the harness\n{tail}"),
        ),
        (None, code) if oom => (Failure::Oom, format!("exit {code:?}\n{tail}")),
        (None, code) => (Failure::Signal, format!("exit {code:?}\n{tail}")),
    }
}

fn supervise(a: &Args) -> ExitCode {
    let (k, n) = parse_shard(&a.shard);
    let seed = a.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(1)
    });
    let jobs = a.jobs.max(1);
    let mut args = a.clone();
    args.jobs = jobs;
    args.seed = Some(seed);
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| repo_root().join("fuzz").join("regressions"));
    let mut c = Campaign {
        args,
        seed,
        k,
        n,
        out,
        corpus: Corpus::load(&repo_root()),
        counts: BTreeMap::new(),
        micros: BTreeMap::new(),
        inputs: 0,
        failures: BTreeMap::new(),
        written: Vec::new(),
    };
    let end = position_limit(&c.args);
    let deadline = a.seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let hang = Duration::from_secs(a.hang_secs.max(1));
    let started = Instant::now();
    eprintln!(
        "aiospec-fuzz: seed {seed}, shard {k}/{n}, {jobs} job(s), {} corpus programs, {}{}",
        c.corpus.programs.len(),
        if end == u64::MAX {
            "no input limit".to_string()
        } else {
            format!("{end} inputs")
        },
        a.seconds.map(|s| format!(", {s} s")).unwrap_or_default()
    );
    let (tx, rx) = mpsc::channel::<(u64, u64, Msg)>();
    let mut js: Vec<Job> = (0..jobs)
        .filter(|&j| j < end)
        .map(|j| c.spawn(j, j, 0, &tx))
        .collect();
    let mut last_progress = Instant::now();
    let mut timed_out = false;
    loop {
        if js.iter().all(|j| j.child.is_none()) {
            break;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            timed_out = true;
            for j in js.iter_mut() {
                if let Some(mut ch) = j.child.take() {
                    let _ = ch.kill();
                    let _ = ch.wait();
                }
            }
            break;
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok((ji, generation, msg)) => {
                let ji = ji as usize;
                if js[ji].generation != generation {
                    continue;
                }
                match msg {
                    Msg::Line(l) => {
                        let mut parts = l.splitn(4, ' ');
                        let (Some("E"), Some(p), Some(status)) =
                            (parts.next(), parts.next(), parts.next())
                        else {
                            continue;
                        };
                        let Ok(p) = p.parse::<u64>() else { continue };
                        let rest = parts.next().unwrap_or("");
                        match status {
                            "ok" => {
                                c.inputs += 1;
                                let mut words = rest.split(' ');
                                let micros: u64 =
                                    words.next().and_then(|w| w.parse().ok()).unwrap_or(0);
                                for word in words {
                                    if let Some(g) = word.strip_prefix("gen:") {
                                        let g = g.parse::<u64>().unwrap_or(0);
                                        let kind = rest.rsplit(' ').nth(1).unwrap_or("");
                                        *c.micros
                                            .entry(format!("generation/{kind}"))
                                            .or_default() += g;
                                        *c.counts
                                            .entry(format!("generation/{kind}"))
                                            .or_default() += 1;
                                        continue;
                                    }
                                    *c.counts.entry(word.to_string()).or_default() += 1;
                                    *c.micros.entry(word.to_string()).or_default() += micros;
                                }
                            }
                            "panic" => c.record(Failure::Panic, p, &rest.replace("\\n", "\n")),
                            _ => c.record(Failure::Mismatch, p, &rest.replace("\\n", "\n")),
                        }
                        js[ji].next = p + jobs;
                        js[ji].since = Instant::now();
                    }
                    Msg::Eof => {
                        let Some(mut ch) = js[ji].child.take() else {
                            continue;
                        };
                        let status = ch.wait().expect("wait for a worker");
                        if let Some(t) = js[ji].stderr_thread.take() {
                            let _ = t.join();
                        }
                        let p = js[ji].next;
                        if p >= end && status.success() {
                            continue;
                        }
                        let stderr =
                            String::from_utf8_lossy(&js[ji].stderr.lock().expect("stderr buffer"))
                                .into_owned();
                        let (what, detail) = classify(status, &stderr, js[ji].hung);
                        c.record(what, p, &detail);
                        let next = p + jobs;
                        if next < end {
                            let g = js[ji].generation + 1;
                            js[ji] = c.spawn(ji as u64, next, g, &tx);
                        }
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        for j in js.iter_mut() {
            if !j.hung && j.since.elapsed() > hang {
                if let Some(ch) = j.child.as_mut() {
                    j.hung = true;
                    let _ = ch.kill();
                }
            }
        }
        if a.progress_secs > 0 && last_progress.elapsed() >= Duration::from_secs(a.progress_secs) {
            last_progress = Instant::now();
            eprintln!(
                "aiospec-fuzz: [{}s] {}",
                started.elapsed().as_secs(),
                summary(&c, started)
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mut reached: Vec<String> = c
        .counts
        .iter()
        .map(|(k, v)| {
            let ms = c.micros.get(k).copied().unwrap_or(0) as f64 / 1000.0 / (*v).max(1) as f64;
            format!("{k} {v} ({ms:.1} ms each)")
        })
        .collect();
    reached.sort();
    eprintln!("aiospec-fuzz: outcomes: {}", reached.join(", "));
    if timed_out {
        eprintln!("aiospec-fuzz: stopped at the time limit ({:.0} s)", secs);
    }
    let line = summary(&c, started);
    println!("{line}");
    let bad: u64 = c.failures.values().sum();
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn summary(c: &Campaign, started: Instant) -> String {
    let f = |w| c.failures.get(&w).copied().unwrap_or(0);
    let secs = started.elapsed().as_secs_f64();
    format!(
        "inputs {}, panics {}, signals {}, hangs {}, OOMs {}, mismatches {} (seed {}, shard {}/{}, {:.0} s, {:.0} inputs/s)",
        c.inputs,
        f(Failure::Panic),
        f(Failure::Signal),
        f(Failure::Hang),
        f(Failure::Oom),
        f(Failure::Mismatch),
        c.seed,
        c.k,
        c.n,
        secs,
        c.inputs as f64 / secs.max(1e-9)
    )
}

// ---------------------------------------------------------------- replay

fn replay(a: &Args) -> ExitCode {
    let lim = limits(a);
    let mut bad = 0;
    for f in &a.replay {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                bad += 1;
                continue;
            }
        };
        let name = file_name_for(f);
        for v in PyVersion::ALL {
            for imp in [Impl::C, Impl::Py] {
                let t = Instant::now();
                let r = check(name, &bytes, v, imp, &lim);
                let ms = t.elapsed().as_millis();
                match r {
                    Ok(reached) => println!(
                        "{}: {v} {}: {} ({ms} ms)",
                        f.display(),
                        imp.as_str(),
                        reached.as_str()
                    ),
                    Err(m) => {
                        bad += 1;
                        println!("{}: {v} {}: MISMATCH {m}", f.display(), imp.as_str());
                    }
                }
            }
        }
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn file_name_for(p: &Path) -> &'static str {
    if p.extension().is_some_and(|e| e == "json") {
        "fuzz.json"
    } else {
        "fuzz.py"
    }
}
