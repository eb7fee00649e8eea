//! `aiospec check`: every scenario on the model and on every installed CPython it targets.
//!
//! Agreement is exact on the ordered events and on the finalisation multiset (SPEC C1). Where
//! CPython is nondeterministic (a set's order), the model's run is searched: agreement means
//! CPython's trace is one of the traces the model's exploration produces (SPEC L6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aiospec_model::explore::{next_prefix, Hinted, Replay};
use aiospec_model::{load_file, run_impl, Program, PyVersion, Trace};

use crate::oracle::{find_interpreters, run_batch, CpythonImpl, Interpreter, OracleRun};
use crate::progress::Progress;

/// What one interpreter process answered for a batch of programs.
type BatchResult = Result<BTreeMap<String, Result<OracleRun, String>>, String>;

/// How many model runs a directed search may take before calling a disagreement.
pub const SEARCH_LIMIT: usize = 5_000;

#[derive(Clone, Debug)]
pub enum Verdict {
    /// Agreement; `runs` model runs were needed to find CPython's outcome.
    Agree {
        runs: usize,
    },
    Disagree {
        diff: String,
    },
    ModelError(String),
    OracleError(String),
}

#[derive(Clone, Debug)]
pub struct Row {
    pub scenario: String,
    pub version: PyVersion,
    pub imp: CpythonImpl,
    pub verdict: Verdict,
}

#[derive(Debug, Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub versions: Vec<PyVersion>,
    /// Files that could not be loaded, with the error (the others are still checked).
    pub bad_files: Vec<(String, String)>,
    /// Files, or versions of a file, not checked, with the reason.
    pub skipped: Vec<(String, String)>,
}

impl Report {
    /// Checks that did not agree, plus files that could not be loaded.
    pub fn disagreements(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !matches!(r.verdict, Verdict::Agree { .. }))
            .count()
            + self.bad_files.len()
    }

    /// A table (scenario x version), then a diff for each disagreement, then a summary.
    pub fn render(&self) -> String {
        let mut by: BTreeMap<&str, BTreeMap<(PyVersion, CpythonImpl), &Verdict>> = BTreeMap::new();
        for r in &self.rows {
            by.entry(&r.scenario)
                .or_default()
                .insert((r.version, r.imp), &r.verdict);
        }
        let width = by.keys().map(|k| k.len()).max().unwrap_or(8).max(8);
        let mut out = format!("{:width$}", "program");
        for v in &self.versions {
            out.push_str(&format!("  {:>8}", v.to_string()));
        }
        out.push('\n');
        for (name, cells) in &by {
            out.push_str(&format!("{name:width$}"));
            for v in &self.versions {
                let mark = {
                    let vs: Vec<&&Verdict> = cells
                        .iter()
                        .filter(|((cv, _), _)| cv == v)
                        .map(|(_, x)| x)
                        .collect();
                    if vs.is_empty() {
                        "-"
                    } else if vs.iter().all(|x| matches!(x, Verdict::Agree { .. })) {
                        "agree"
                    } else {
                        "DISAGREE"
                    }
                };
                out.push_str(&format!("  {mark:>8}"));
            }
            out.push('\n');
        }
        for r in &self.rows {
            let detail = match &r.verdict {
                Verdict::Agree { .. } => continue,
                Verdict::Disagree { diff } => format!("trace diff (- CPython, + model):\n{diff}"),
                Verdict::ModelError(e) => format!("the model failed: {e}"),
                Verdict::OracleError(e) => format!("the oracle failed: {e}"),
            };
            out.push_str(&format!(
                "\nDISAGREE {} on Python {} ({} implementation): {detail}",
                r.scenario,
                r.version,
                r.imp.as_str()
            ));
        }
        for (file, e) in &self.bad_files {
            out.push_str(&format!("\nNOT LOADED {file}: {e}\n"));
        }
        if !self.skipped.is_empty() {
            out.push('\n');
        }
        for (file, why) in &self.skipped {
            out.push_str(&format!("skipped {file}: {why}\n"));
        }
        let agree = self
            .rows
            .iter()
            .filter(|r| matches!(r.verdict, Verdict::Agree { .. }))
            .count();
        let nscen = by.len();
        out.push_str(&format!(
            "\n{nscen} programs, {} checks: {agree} agree, {} disagree",
            self.rows.len(),
            self.rows.len() - agree
        ));
        if !self.bad_files.is_empty() {
            out.push_str(&format!("; {} file(s) not loaded", self.bad_files.len()));
        }
        if !self.skipped.is_empty() {
            out.push_str(&format!("; {} skipped", self.skipped.len()));
        }
        out.push('\n');
        out
    }
}

/// Program files under `paths` (directories are searched recursively for `*.py` and the
/// legacy `*.json` scenarios; a file named explicitly is taken whatever its name).
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            for e in entries {
                walk(&e, out)?;
            }
        } else if p.extension().is_some_and(|e| e == "json" || e == "py") {
            out.push(p.to_path_buf());
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
        if p.is_file() {
            out.push(p.clone());
        } else {
            walk(p, &mut out)?;
        }
    }
    Ok(out)
}

pub fn check_paths(
    paths: &[PathBuf],
    versions: &[PyVersion],
    imps: &[CpythonImpl],
) -> Result<Report, String> {
    check_paths_on(paths, versions, imps, &find_interpreters())
}

/// `check_paths` on the given interpreters (`--interpreter`: any Python the user has).
pub fn check_paths_on(
    paths: &[PathBuf],
    versions: &[PyVersion],
    imps: &[CpythonImpl],
    interpreters: &BTreeMap<PyVersion, Interpreter>,
) -> Result<Report, String> {
    let files = collect_files(paths)?;
    let mut scenarios = Vec::new();
    let mut bad_files = Vec::new();
    let mut skipped = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        match load_file(f) {
            Err(e) => bad_files.push((name, e.to_string())),
            // A file that does not parse is a bad file, not a disagreement.
            Ok(s)
                if s.meta.python.iter().max().is_some_and(|v| {
                    aiospec_model::lang::front::parse_module(&s.source, *v).is_err()
                }) =>
            {
                let v = *s.meta.python.iter().max().expect("checked above");
                let e = aiospec_model::lang::front::parse_module(&s.source, v)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                bad_files.push((name, e));
            }
            Ok(s) => {
                let targeted: Vec<PyVersion> = versions
                    .iter()
                    .copied()
                    .filter(|v| s.meta.python.contains(v))
                    .collect();
                if targeted.is_empty() {
                    skipped.push((
                        name,
                        format!(
                            "targets Python {}, none of the versions checked",
                            crate::version_list(&s.meta.python)
                        ),
                    ));
                } else {
                    scenarios.push((name, s));
                }
            }
        }
    }
    let mut report = check_scenarios_on(&scenarios, versions, imps, interpreters)?;
    report.bad_files = bad_files;
    report.skipped = skipped;
    Ok(report)
}

/// Does CPython's `target` trace appear among the model's outcomes? Returns the number of runs
/// it took, or the model's first-choice trace when no run matched.
pub fn search(
    s: &Program,
    v: PyVersion,
    imp: CpythonImpl,
    cp: &OracleRun,
    limit: usize,
) -> Result<Result<usize, Trace>, String> {
    // The pure-Python Task's tracebacks show asyncio's own frames: compared without texts.
    let key = |t: &Trace| match imp {
        CpythonImpl::C => t.to_json_lines(),
        CpythonImpl::Py => t.without_tracebacks().to_json_lines(),
    };
    let want = key(&cp.trace);
    // First, replay the set orders CPython used.
    let mut hinted = Hinted {
        hints: cp.hints.clone(),
        misses: vec![],
    };
    let t = run_impl(s, v, imp, &mut hinted).map_err(|e| e.to_string())?;
    if key(&t) == want {
        return Ok(Ok(1));
    }
    let mut first: Option<Trace> = Some(t);
    let mut prefix = Some(Vec::new());
    let mut runs = 0;
    while let Some(p) = prefix {
        if runs >= limit {
            break;
        }
        let mut ch = Replay::new(p);
        let t = run_impl(s, v, imp, &mut ch).map_err(|e| e.to_string())?;
        runs += 1;
        if key(&t) == want {
            return Ok(Ok(runs));
        }
        if first.is_none() {
            first = Some(t);
        }
        prefix = next_prefix(&ch.made);
    }
    Ok(Err(first.unwrap_or_default()))
}

/// Check `(name, scenario)` pairs on `versions`.
pub fn check_scenarios(
    scenarios: &[(String, Program)],
    versions: &[PyVersion],
    imps: &[CpythonImpl],
) -> Result<Report, String> {
    check_scenarios_on(scenarios, versions, imps, &find_interpreters())
}

/// `check_scenarios` on the given interpreters.
pub fn check_scenarios_on(
    scenarios: &[(String, Program)],
    versions: &[PyVersion],
    imps: &[CpythonImpl],
    interpreters: &BTreeMap<PyVersion, Interpreter>,
) -> Result<Report, String> {
    let mut report = Report {
        versions: versions.to_vec(),
        ..Report::default()
    };
    let mut missing = Vec::new();
    for v in versions {
        if !interpreters.contains_key(v) {
            missing.push(v.to_string());
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "no CPython {} found: 3.7-3.13 under $PYENV_ROOT/versions (set AIOSPEC_PYENV_ROOT to where pyenv keeps them), 3.14/3.15 in the chroots of scripts/pythons.sh --only cpython",
            missing.join(", ")
        ));
    }
    // One interpreter process per version and implementation, run two at a time.
    let mut jobs = Vec::new();
    for &v in versions {
        for &imp in imps {
            let programs: Vec<crate::oracle::Job> = scenarios
                .iter()
                .enumerate()
                .filter(|(_, (_, s))| s.meta.python.contains(&v))
                .map(|(i, (_, s))| {
                    (
                        i.to_string(),
                        s.text().to_string(),
                        s.source.path.clone(),
                        s.source.abs_path.clone(),
                    )
                })
                .collect();
            if !programs.is_empty() {
                jobs.push((v, imp, programs));
            }
        }
    }
    let total: usize = jobs.iter().map(|j| j.2.len()).sum();
    let mut progress = Progress::new("check");
    let mut done = 0;
    let results: Vec<(PyVersion, CpythonImpl, BatchResult)> = {
        let mut out = Vec::new();
        for chunk in jobs.chunks(2) {
            let handles: Vec<_> = chunk
                .iter()
                .map(|(v, imp, programs)| {
                    let exe = interpreters[v].clone();
                    let (v, imp, programs) = (*v, *imp, programs.clone());
                    std::thread::spawn(move || (v, imp, run_batch(&exe, &programs, imp)))
                })
                .collect();
            for h in handles {
                out.push(h.join().map_err(|_| "oracle thread panicked".to_string())?);
            }
        }
        out
    };
    for (v, imp, res) in results {
        let res = res?;
        for (id, cp) in res {
            let i: usize = id.parse().expect("ids are indices");
            let (name, s) = &scenarios[i];
            let verdict = match cp {
                Err(e) => Verdict::OracleError(e),
                Ok(cp) => match search(s, v, imp, &cp, SEARCH_LIMIT) {
                    Err(e) => Verdict::ModelError(e),
                    Ok(Ok(runs)) => Verdict::Agree { runs },
                    Ok(Err(model)) => Verdict::Disagree {
                        diff: diff_lines(&cp.trace.to_json_lines(), &model.to_json_lines()),
                    },
                },
            };
            done += 1;
            progress.tick(done, Some(total));
            report.rows.push(Row {
                scenario: name.clone(),
                version: v,
                imp,
                verdict,
            });
        }
    }
    progress.finish();
    report
        .rows
        .sort_by(|a, b| (&a.scenario, a.version, a.imp).cmp(&(&b.scenario, b.version, b.imp)));
    Ok(report)
}

/// A line diff (longest common subsequence): `-` lines only in `a`, `+` only in `b`.
pub fn diff_lines(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut l = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

/// The model against the implementation backend (issue 5): each scenario on `runtime`,
/// compared at the runtime's conformance level (SPEC C1–C3) with the model on
/// `backend::REFERENCE`.
#[derive(Clone, Debug)]
pub enum ImplVerdict {
    Agree,
    /// Agrees with a run of the model in which events sharing an instant happen in another
    /// order (`aiospec_model::run_reordered`): allowed on tokio, which orders them its own way
    /// (SPEC C2, C3), never on the asyncio-order executor (C1).
    AgreeAtTie,
    Disagree {
        diff: String,
    },
    Skipped(String),
    ModelError(String),
}

/// Does the implementation's trace conform to one of the model's outcomes?
pub fn compare_with_model(
    s: &Program,
    imp_trace: &Trace,
    runtime: crate::backend::Runtime,
) -> ImplVerdict {
    let v = crate::backend::REFERENCE;
    let level = runtime.level();
    if runtime != crate::backend::Runtime::Executor {
        // Tasks still pending when main returns are decided by asyncio.run's shutdown, after a
        // number of loop turns (SPEC X2, X4) that only an asyncio-order runtime has.
        if let Ok(t) = aiospec_model::run(s, v) {
            if has_shutdown(&t) {
                return ImplVerdict::Skipped(
                    "tasks pending when main returns: decided by loop turns (SPEC X2, X4)".into(),
                );
            }
        }
    }
    let mut first: Option<Trace> = None;
    let found = search_model(
        |ch| run_impl(s, v, CpythonImpl::C, ch),
        |t| t.conforms(imp_trace, level),
        &mut first,
    );
    match found {
        Err(e) => return ImplVerdict::ModelError(e),
        Ok(true) => return ImplVerdict::Agree,
        Ok(false) => {}
    }
    if runtime != crate::backend::Runtime::Executor {
        let mut shutdown_at_tie = false;
        for seed in 1..=TIE_SEEDS + SHUFFLE_SEEDS {
            let shuffle = seed > TIE_SEEDS;
            // Shuffled runs alternate: timers at their exact deadlines (several fire in one
            // turn, then run in any order), or jittered into turns of their own.
            let r = aiospec_model::Reorder {
                seed,
                jitter: !shuffle || seed % 2 == 1,
                shuffle,
            };
            let found = search_model(
                |ch| aiospec_model::run_reordered(s, v, r, ch),
                |t| {
                    shutdown_at_tie |= !shuffle && has_shutdown(t);
                    t.conforms(imp_trace, level)
                },
                &mut None,
            );
            if found == Ok(true) {
                return ImplVerdict::AgreeAtTie;
            }
        }
        if matches!(
            runtime,
            crate::backend::Runtime::TokioMulti | crate::backend::Runtime::Workers
        ) && has_shutdown(imp_trace)
        {
            return ImplVerdict::Skipped(
                "tasks were still running on another worker when main returned: asyncio.run's shutdown raced them (SPEC X2, C3)".into(),
            );
        }
        if aiospec_model::busy_timeouts(s, v, &mut aiospec_model::FirstChoice).unwrap_or(0) > 0 {
            return ImplVerdict::Skipped(
                "a timeout expired at an instant with other callbacks ready: decided by loop turns (SPEC C2)".into(),
            );
        }
        if shutdown_at_tie {
            return ImplVerdict::Skipped(
                "with events at one instant in another order, tasks are pending when main returns: decided by loop turns (SPEC X2, X4)".into(),
            );
        }
    }
    let model = first.unwrap_or_default();
    ImplVerdict::Disagree {
        diff: diff_lines(
            &model.without_texts().to_json_lines(),
            &imp_trace.without_texts().to_json_lines(),
        ),
    }
}

/// Did asyncio.run's shutdown cancel tasks still pending when main returned (SPEC X2)?
fn has_shutdown(t: &Trace) -> bool {
    t.events
        .iter()
        .any(|e| matches!(e, aiospec_model::Event::Gather { shutdown: true, .. }))
}

/// How many orders of the events at one instant a tokio runtime's trace is compared with
/// before it is said to disagree (each a jittered run of the model).
pub const TIE_SEEDS: u64 = 32;

/// Then how many runs that also pick ready callbacks in a random order at each turn
/// (`Runtime::shuffle`): the orders a runtime without asyncio's FIFO queue may take.
pub const SHUFFLE_SEEDS: u64 = 64;

/// Search the model's runs (every choice sequence, up to `SEARCH_LIMIT` runs) for one whose
/// trace satisfies `accept`; `first` gets the first trace, for the diff.
fn search_model(
    mut run: impl FnMut(&mut Replay) -> Result<Trace, aiospec_model::ModelError>,
    mut accept: impl FnMut(&Trace) -> bool,
    first: &mut Option<Trace>,
) -> Result<bool, String> {
    let mut prefix = Some(Vec::new());
    let mut runs = 0;
    while let Some(p) = prefix {
        if runs >= SEARCH_LIMIT {
            break;
        }
        let mut ch = Replay::new(p);
        let t = run(&mut ch).map_err(|e| e.to_string())?;
        runs += 1;
        if accept(&t) {
            return Ok(true);
        }
        first.get_or_insert(t);
        prefix = next_prefix(&ch.made);
    }
    Ok(false)
}

/// [`compare_with_model`] for a run that also says which races it met: on tokio
/// multi_thread, a disagreement in a run where a cancel reached a task in the middle of a
/// step on another worker is that race (SPEC C3), not a finding.
pub fn compare_run(
    s: &Program,
    imp_trace: &Trace,
    info: &crate::backend::RunInfo,
    runtime: crate::backend::Runtime,
) -> ImplVerdict {
    match compare_with_model(s, imp_trace, runtime) {
        ImplVerdict::Disagree { .. } if info.cancels_raced_steps > 0 => ImplVerdict::Skipped(
            "a cancel reached a task while it ran a step on another worker (SPEC C3)".into(),
        ),
        v => v,
    }
}

/// Run each scenario on the implementation backend and compare.
pub fn check_impl(
    scenarios: &[(String, Program)],
    runtime: crate::backend::Runtime,
) -> Vec<(String, ImplVerdict)> {
    let mut progress = Progress::new("check impl");
    let mut out = Vec::new();
    for (i, (name, s)) in scenarios.iter().enumerate() {
        let verdict = match crate::backend::run_with_info(s, runtime) {
            Err(u) => ImplVerdict::Skipped(u.0),
            Ok((t, info)) => compare_run(s, &t, &info, runtime),
        };
        progress.tick(i + 1, Some(scenarios.len()));
        out.push((name.clone(), verdict));
    }
    progress.finish();
    out
}

/// The impl check as text: one line per disagreement (with its diff: `-` model, `+` impl),
/// then a summary.
pub fn render_impl(rows: &[(String, ImplVerdict)], runtime: crate::backend::Runtime) -> String {
    let mut out = String::new();
    let (mut agree, mut disagree, mut skipped, mut ties) = (0, 0, 0, 0);
    for (name, v) in rows {
        match v {
            ImplVerdict::Agree => agree += 1,
            ImplVerdict::AgreeAtTie => {
                agree += 1;
                ties += 1;
            }
            ImplVerdict::Skipped(_) => skipped += 1,
            ImplVerdict::Disagree { diff } => {
                disagree += 1;
                out.push_str(&format!(
                    "DISAGREE {name} on {} (- model, + impl):\n{diff}\n",
                    runtime.name()
                ));
            }
            ImplVerdict::ModelError(e) => {
                disagree += 1;
                out.push_str(&format!("DISAGREE {name}: the model failed: {e}\n"));
            }
        }
    }
    out.push_str(&format!(
        "{} scenarios on aiospec-impl ({}, level {:?}, model on Python {}): {agree} agree ({ties} with events at one instant in another order), {disagree} disagree, {skipped} skipped\n",
        rows.len(),
        runtime.name(),
        runtime.level(),
        crate::backend::REFERENCE
    ));
    out
}
