//! `aiospec`: run, explore, export and check asyncio scenario files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use aiospec::{check, oracle::CpythonImpl, progress::Progress};
use aiospec_model::{explore, load_file, run, PyVersion};

#[derive(Parser)]
#[command(
    name = "aiospec",
    version,
    about = "The executable reference for asyncio's gather and wait"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run a scenario on the model and print what CPython would print.
    Run {
        scenario: PathBuf,
        /// Python version to model (3.7 to 3.13).
        #[arg(long, default_value = "3.12")]
        python: String,
        /// Print the trace as JSON lines instead of text.
        #[arg(long)]
        json: bool,
        /// Also show virtual times and what each gather and wait returned.
        #[arg(long, short)]
        verbose: bool,
        /// Run on aiospec-impl instead of the model: impl:executor, impl:tokio, ...
        #[arg(long)]
        backend: Option<String>,
    },
    /// Enumerate every distinct outcome of a scenario (nondeterministic set orders).
    Explore {
        scenario: PathBuf,
        #[arg(long, default_value = "3.12")]
        python: String,
        /// Stop after this many runs.
        #[arg(long, default_value_t = 20_000)]
        max_runs: usize,
        #[arg(long)]
        json: bool,
    },
    /// Print the Python program a scenario stands for.
    Export {
        scenario: PathBuf,
        #[arg(long, default_value = "3.12")]
        python: String,
    },
    /// Generate random scenarios and check the model against CPython on each version;
    /// disagreements are shrunk and written as scenario files.
    Fuzz {
        #[arg(long, default_value_t = 1000)]
        cases: usize,
        #[arg(long, default_value = "all")]
        python: String,
        /// Seed of the generator (default: from the clock; printed either way).
        #[arg(long)]
        seed: Option<u64>,
        /// Where to write shrunk counterexamples.
        #[arg(long, default_value = "fuzz-failures")]
        out: PathBuf,
        /// Compare the model with aiospec-impl instead of CPython: impl or impl:RUNTIME.
        #[arg(long)]
        backend: Option<String>,
    },
    /// Print each SPEC.md rule with the tests, code and examples that back it.
    Spec {
        /// Fail (exit 1) on orphans: rules no test cites, ids that SPEC.md does not define.
        #[arg(long)]
        check: bool,
        /// Fill SPEC.md's example blocks from CPython (the exported program and CPython's output).
        #[arg(long)]
        update: bool,
        /// The project root (where SPEC.md, examples/ and tests/ are).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check scenarios against the real CPython interpreters installed under pyenv.
    Check {
        /// Scenario files or directories (searched recursively for *.json).
        #[arg(default_value = "examples")]
        paths: Vec<PathBuf>,
        /// A version (3.7 to 3.13) or "all".
        #[arg(long, default_value = "all")]
        python: String,
        /// CPython's Task/Future implementation to check against: c, py or both.
        #[arg(long, default_value = "c")]
        cpython_impl: String,
        /// Compare the model with `impl` (aiospec-impl) instead of CPython:
        /// impl, impl:executor, impl:tokio-current-thread-paused, impl:tokio-multi-thread.
        #[arg(long)]
        backend: Option<String>,
    },
}

/// `--backend impl` (every runtime) or `impl:RUNTIME`.
fn parse_backend(b: &str) -> Result<Vec<aiospec::backend::Runtime>, String> {
    match b {
        "impl" => Ok(aiospec::backend::Runtime::ALL.to_vec()),
        other => match other
            .strip_prefix("impl:")
            .and_then(aiospec::backend::Runtime::parse)
        {
            Some(r) => Ok(vec![r]),
            None => Err(format!(
                "--backend: expected impl or impl:RUNTIME, not {other:?}"
            )),
        },
    }
}

fn parse_version(s: &str) -> Result<PyVersion, String> {
    s.parse::<PyVersion>().map_err(|e| format!("--python: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("aiospec: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main(cli: Cli) -> Result<ExitCode, String> {
    match cli.cmd {
        Cmd::Run {
            scenario,
            python,
            json,
            verbose,
            backend,
        } => {
            let v = parse_version(&python)?;
            let s = load_file(&scenario).map_err(|e| e.to_string())?;
            let trace = match backend {
                None => run(&s, v).map_err(|e| format!("{}: {e}", scenario.display()))?,
                Some(b) => {
                    let rt = b
                        .strip_prefix("impl:")
                        .and_then(aiospec::backend::Runtime::parse)
                        .ok_or_else(|| format!("--backend: expected impl:RUNTIME, not {b:?}"))?;
                    aiospec::backend::run(&s, rt)
                        .map_err(|e| format!("{}: {e}", scenario.display()))?
                }
            };
            if json {
                print!("{}", trace.to_json_lines());
            } else {
                print!("{}", trace.to_text(verbose));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Explore {
            scenario,
            python,
            max_runs,
            json,
        } => {
            let v = parse_version(&python)?;
            let s = load_file(&scenario).map_err(|e| e.to_string())?;
            let mut p = Progress::new("explore");
            let ex = explore(&s, v, max_runs, |n| p.tick(n, None))
                .map_err(|e| format!("{}: {e}", scenario.display()))?;
            p.finish();
            println!(
                "{}: {} distinct outcome(s) in {} run(s){} on Python {v}",
                scenario.display(),
                ex.outcomes.len(),
                ex.runs,
                if ex.truncated {
                    " (run limit reached: the tree was not exhausted)"
                } else {
                    ""
                }
            );
            for (i, (_, (count, choices, trace))) in ex.outcomes.iter().enumerate() {
                println!(
                    "\n--- outcome {} ({} run(s); first with choices {:?})",
                    i + 1,
                    count,
                    choices
                );
                if json {
                    print!("{}", trace.to_json_lines());
                } else {
                    print!("{}", trace.to_text(true));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Export { scenario, python } => {
            let v = parse_version(&python)?;
            let s = load_file(&scenario).map_err(|e| e.to_string())?;
            let _ = v;
            print!("{}", s.text());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Spec {
            check,
            update,
            root,
        } => {
            if update {
                let n = aiospec::spec::update(&root)?;
                println!("SPEC.md: {n} example blocks filled from CPython");
                return Ok(ExitCode::SUCCESS);
            }
            if check {
                let problems = aiospec::spec::audit(&root)?;
                for p in &problems {
                    println!("{p}");
                }
                println!("{} traceability problem(s)", problems.len());
                return Ok(if problems.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            print!("{}", aiospec::spec::report(&root)?);
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Fuzz {
            cases,
            python,
            seed,
            out,
            backend,
        } => {
            let versions = if python == "all" {
                PyVersion::ALL.to_vec()
            } else {
                vec![parse_version(&python)?]
            };
            let seed = seed.unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0)
            });
            let started = std::time::Instant::now();
            if let Some(b) = backend {
                let runtimes = parse_backend(&b)?;
                let mut bad = 0;
                println!("seed {seed}");
                for rt in runtimes {
                    let mut p = Progress::new(rt.name());
                    let c = aiospec::fuzz::impl_campaign(cases, seed, rt, false, |n| {
                        p.tick(n, Some(cases))
                    });
                    p.finish();
                    println!(
                        "aiospec-impl on {}: {} generated scenarios compared ({} with events at one instant in another order; {} skipped), {} disagreement(s)",
                        rt.name(),
                        c.checked,
                        c.ties,
                        c.skipped,
                        c.disagreements
                    );
                    if !c.originals.is_empty() {
                        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
                    }
                    for (case, scenario, diff) in &c.originals {
                        let path = out.join(format!("impl-{}-{seed}-case{case}.json", rt.name()));
                        std::fs::write(&path, scenario).map_err(|e| e.to_string())?;
                        println!(
                            "case {case} as generated: {} (- model, + impl):\n{diff}",
                            path.display()
                        );
                    }
                    if let Some((scenario, diff)) = c.counterexample {
                        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
                        let path = out.join(format!("impl-{}-{seed}.json", rt.name()));
                        std::fs::write(&path, scenario).map_err(|e| e.to_string())?;
                        println!(
                            "minimal counterexample written to {} (- model, + impl):\n{diff}",
                            path.display()
                        );
                    }
                    bad += c.disagreements;
                }
                println!("{:.1} s", started.elapsed().as_secs_f64());
                return Ok(if bad == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            let report = aiospec::fuzz::fuzz(cases, &versions, seed, &out)?;
            print!("{}", report.render());
            println!("{:.1} s", started.elapsed().as_secs_f64());
            Ok(if report.disagreements() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Cmd::Check {
            paths,
            python,
            cpython_impl,
            backend: Some(b),
        } => {
            let _ = (python, cpython_impl);
            let runtimes = parse_backend(&b)?;
            let files = check::collect_files(&paths)?;
            let mut scenarios = Vec::new();
            for f in &files {
                scenarios.push((
                    f.display().to_string(),
                    load_file(f).map_err(|e| e.to_string())?,
                ));
            }
            let mut bad = 0;
            for rt in runtimes {
                let rows = check::check_impl(&scenarios, rt);
                bad += rows
                    .iter()
                    .filter(|(_, v)| {
                        matches!(
                            v,
                            check::ImplVerdict::Disagree { .. } | check::ImplVerdict::ModelError(_)
                        )
                    })
                    .count();
                print!("{}", check::render_impl(&rows, rt));
            }
            Ok(if bad == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Cmd::Check {
            paths,
            python,
            cpython_impl,
            backend: None,
        } => {
            let versions = if python == "all" {
                PyVersion::ALL.to_vec()
            } else {
                vec![parse_version(&python)?]
            };
            let imps = match cpython_impl.as_str() {
                "c" => vec![CpythonImpl::C],
                "py" => vec![CpythonImpl::Py],
                "both" => vec![CpythonImpl::C, CpythonImpl::Py],
                other => {
                    return Err(format!(
                        "--cpython-impl: expected c, py or both, not {other:?}"
                    ))
                }
            };
            let report = check::check_paths(&paths, &versions, &imps)?;
            print!("{}", report.render());
            Ok(if report.disagreements() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
