//! Oracle campaigns: generated scenarios, model against CPython on every version, each
//! disagreement shrunk to a minimal scenario and written as a scenario file.

use std::path::{Path, PathBuf};

use aiospec_model::{load_str, PyVersion};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::check::{search, SEARCH_LIMIT};
use crate::oracle::{find_interpreters, run_batch, CpythonImpl, OracleProcess};
use crate::progress::Progress;

/// What a campaign found.
#[derive(Debug, Default)]
pub struct FuzzReport {
    /// (version, scenarios checked, disagreements): a scenario is checked on the versions
    /// it targets (TaskGroup and timeout programs on 3.11 on).
    pub per_version: Vec<(PyVersion, usize, usize)>,
    /// Scenarios generated.
    pub generated: usize,
    /// How many generated scenarios used each of the generator's constructs.
    pub constructs: crate::gen::Counts,
    /// Shrunk counterexamples written to disk.
    pub written: Vec<PathBuf>,
    pub seed: u64,
}

impl FuzzReport {
    pub fn disagreements(&self) -> usize {
        self.per_version.iter().map(|p| p.2).sum()
    }

    pub fn render(&self) -> String {
        let mut out = format!(
            "seed {}: {} generated scenarios; using {}\n",
            self.seed, self.generated, self.constructs
        );
        for (v, n, d) in &self.per_version {
            out.push_str(&format!(
                "Python {v}: {n} scenarios checked, {d} disagreement(s)\n"
            ));
        }
        for p in &self.written {
            out.push_str(&format!(
                "minimal counterexample written to {}\n",
                p.display()
            ));
        }
        out
    }
}

/// The programs `impl_campaign` generates from `seed`, in order, as scenario JSON texts (for
/// campaigns that run each many times: the shuttle schedules of `tests/shuttle.rs`).
pub fn impl_programs(seed: u64) -> impl Iterator<Item = String> {
    programs(crate::gen::scenario_for_impl(), seed)
}

/// The programs `fuzz` generates from `seed` (for CPython), in order.
pub fn cpython_programs(seed: u64) -> impl Iterator<Item = String> {
    programs(crate::gen::scenario(), seed)
}

fn programs(strategy: impl Strategy<Value = String>, seed: u64) -> impl Iterator<Item = String> {
    let mut run = runner(seed);
    std::iter::from_fn(move || loop {
        if let Ok(tree) = strategy.new_tree(&mut run) {
            return Some(tree.current());
        }
    })
}

fn runner(seed: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

/// Does the model disagree with CPython on this scenario text?
fn disagrees(text: &str, v: PyVersion, oracle: &mut OracleProcess) -> bool {
    let Ok(s) = load_str(text, "generated.json") else {
        return false;
    };
    let _ = v;
    let Ok(cp) = oracle.run(s.text(), &s.source.path) else {
        return false;
    };
    !matches!(search(&s, v, CpythonImpl::C, &cp, SEARCH_LIMIT), Ok(Ok(_)))
}

/// Generate `cases` scenarios from `seed` and check each on `versions`. Disagreements are
/// shrunk and written under `out_dir`.
pub fn fuzz(
    cases: usize,
    versions: &[PyVersion],
    seed: u64,
    out_dir: &Path,
) -> Result<FuzzReport, String> {
    let interpreters = find_interpreters();
    for v in versions {
        if !interpreters.contains_key(v) {
            return Err(format!("no CPython {v} found under $PYENV_ROOT/versions"));
        }
    }
    let strategy = crate::gen::scenario();
    let mut run = runner(seed);
    let mut trees = Vec::with_capacity(cases);
    for _ in 0..cases {
        trees.push(strategy.new_tree(&mut run).map_err(|e| e.to_string())?);
    }
    let texts: Vec<String> = trees.iter().map(|t| t.current()).collect();
    let scenarios: Vec<_> = texts
        .iter()
        .map(|t| {
            load_str(t, "generated.json")
                .map_err(|e| format!("generator produced an invalid scenario: {e}\n{t}"))
        })
        .collect::<Result<_, _>>()?;
    let mut report = FuzzReport {
        seed,
        generated: cases,
        ..Default::default()
    };
    for t in &texts {
        report.constructs.add(t);
    }
    let mut progress = Progress::new("fuzz");
    let total: usize = versions
        .iter()
        .map(|v| scenarios.iter().filter(|s| s.targets(*v)).count())
        .sum();
    let mut checked = 0;
    for chunk in versions.chunks(2) {
        let handles: Vec<_> = chunk
            .iter()
            .map(|v| {
                let programs: Vec<crate::oracle::Job> = scenarios
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.targets(*v))
                    .map(|(i, s)| {
                        (
                            i.to_string(),
                            s.text().to_string(),
                            s.source.path.clone(),
                            s.source.abs_path.clone(),
                        )
                    })
                    .collect();
                let exe = interpreters[v].clone();
                let v = *v;
                std::thread::spawn(move || (v, run_batch(&exe, &programs, CpythonImpl::C)))
            })
            .collect();
        for h in handles {
            let (v, res) = h.join().map_err(|_| "oracle thread panicked".to_string())?;
            let res = res?;
            let mut bad = Vec::new();
            let n = res.len();
            for (id, cp) in res {
                let i: usize = id.parse().expect("index ids");
                let ok = match cp {
                    Ok(cp) => matches!(
                        search(&scenarios[i], v, CpythonImpl::C, &cp, SEARCH_LIMIT),
                        Ok(Ok(_))
                    ),
                    Err(_) => false,
                };
                if !ok {
                    bad.push(i);
                }
                checked += 1;
                progress.tick(checked, Some(total));
            }
            report.per_version.push((v, n, bad.len()));
            // Shrink at most a few per version: each is a separate bug report.
            for &i in bad.iter().take(3) {
                std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
                let original =
                    out_dir.join(format!("fuzz-{seed}-{i}-py3{}-original.json", v.minor()));
                std::fs::write(&original, with_python(&texts[i], v)).map_err(|e| e.to_string())?;
                let mut oracle = OracleProcess::start(&interpreters[&v], CpythonImpl::C)?;
                let minimal = shrink(&mut trees[i], v, &mut oracle);
                std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
                let path = out_dir.join(format!("fuzz-{seed}-{i}-py3{}.json", v.minor()));
                let text = with_python(&minimal, v);
                std::fs::write(&path, text).map_err(|e| e.to_string())?;
                report.written.push(path);
            }
        }
    }
    progress.finish();
    report.per_version.sort();
    Ok(report)
}

/// Proptest's shrinking loop, driven by "still disagrees".
fn shrink<T: ValueTree<Value = String>>(
    tree: &mut T,
    v: PyVersion,
    oracle: &mut OracleProcess,
) -> String {
    let mut best = tree.current();
    let mut steps = 0;
    if !tree.simplify() {
        return best;
    }
    loop {
        steps += 1;
        if steps > 500 {
            return best;
        }
        let candidate = tree.current();
        let more = if disagrees(&candidate, v, oracle) {
            best = candidate;
            tree.simplify()
        } else {
            tree.complicate()
        };
        if !more {
            return best;
        }
    }
}

/// Pin the scenario to the version it failed on.
fn with_python(text: &str, v: PyVersion) -> String {
    let mut j: serde_json::Value = serde_json::from_str(text).expect("generated JSON");
    j["python"] = serde_json::json!([v.to_string()]);
    j["description"] = serde_json::json!(format!(
        "fuzz counterexample: the model disagreed with CPython {v}"
    ));
    serde_json::to_string_pretty(&j).expect("json") + "\n"
}

/// What a campaign of generated scenarios on the implementation backend found.
#[derive(Debug, Default)]
pub struct ImplCampaign {
    pub checked: usize,
    /// Of `checked`, those that agreed only with events at one instant in another order.
    pub ties: usize,
    pub skipped: usize,
    /// Why programs were skipped, with how many.
    pub skip_reasons: std::collections::BTreeMap<String, usize>,
    pub disagreements: usize,
    /// How many generated programs used each construct, and how many of those were compared.
    pub generated_constructs: crate::gen::Counts,
    pub compared_constructs: crate::gen::Counts,
    /// The first disagreement, shrunk: (scenario JSON, trace diff).
    pub counterexample: Option<(String, String)>,
    /// Every disagreement as generated (case number, scenario JSON, trace diff): on a
    /// real-time runtime a race may not repeat while shrinking.
    pub originals: Vec<(usize, String, String)>,
}

fn impl_verdict(text: &str, rt: crate::backend::Runtime) -> Option<crate::check::ImplVerdict> {
    let s = load_str(text, "generated.json").ok()?;
    match crate::backend::run_with_info(&s, rt) {
        Err(u) => Some(crate::check::ImplVerdict::Skipped(u.0)),
        Ok((t, info)) => Some(crate::check::compare_run(&s, &t, &info, rt)),
    }
}

fn impl_disagrees(text: &str, rt: crate::backend::Runtime) -> bool {
    matches!(
        impl_verdict(text, rt),
        Some(crate::check::ImplVerdict::Disagree { .. })
    )
}

/// Generate `cases` scenarios (binary-exact delays) from `seed`, run each on aiospec-impl
/// on `rt` and compare with the model. With `stop_at_first`, the first disagreement is
/// shrunk and the campaign ends.
pub fn impl_campaign(
    cases: usize,
    seed: u64,
    rt: crate::backend::Runtime,
    stop_at_first: bool,
    mut on_progress: impl FnMut(usize),
) -> ImplCampaign {
    let strategy = crate::gen::scenario_for_impl();
    let mut run = runner(seed);
    let mut out = ImplCampaign::default();
    for i in 0..cases {
        let Ok(mut tree) = strategy.new_tree(&mut run) else {
            continue;
        };
        let text = tree.current();
        out.generated_constructs.add(&text);
        let verdict = impl_verdict(&text, rt);
        if !matches!(verdict, None | Some(crate::check::ImplVerdict::Skipped(_))) {
            out.compared_constructs.add(&text);
        }
        match verdict {
            None => {
                out.skipped += 1;
                *out.skip_reasons
                    .entry("the scenario does not load".into())
                    .or_default() += 1;
            }
            Some(crate::check::ImplVerdict::Skipped(why)) => {
                out.skipped += 1;
                *out.skip_reasons.entry(why).or_default() += 1;
            }
            Some(crate::check::ImplVerdict::Agree) => out.checked += 1,
            Some(crate::check::ImplVerdict::AgreeAtTie) => {
                out.checked += 1;
                out.ties += 1;
            }
            Some(v) => {
                out.checked += 1;
                out.disagreements += 1;
                let diff = match v {
                    crate::check::ImplVerdict::Disagree { diff } => diff,
                    crate::check::ImplVerdict::ModelError(e) => e,
                    _ => String::new(),
                };
                out.originals.push((i, text.clone(), diff));
                if out.counterexample.is_none() {
                    let minimal = shrink_by(&mut tree, |t| impl_disagrees(t, rt));
                    let diff = match impl_verdict(&minimal, rt) {
                        Some(crate::check::ImplVerdict::Disagree { diff }) => diff,
                        _ => String::new(),
                    };
                    out.counterexample = Some((minimal, diff));
                }
                if stop_at_first {
                    break;
                }
            }
        }
        on_progress(i + 1);
    }
    out
}

/// Proptest's shrinking loop with an arbitrary "still fails" predicate.
pub fn shrink_by<T: ValueTree<Value = String>>(
    tree: &mut T,
    fails: impl Fn(&str) -> bool,
) -> String {
    let mut best = tree.current();
    if !tree.simplify() {
        return best;
    }
    for _ in 0..2000 {
        let candidate = tree.current();
        let more = if fails(&candidate) {
            best = candidate;
            tree.simplify()
        } else {
            tree.complicate()
        };
        if !more {
            break;
        }
    }
    best
}
