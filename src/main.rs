//! `aiospec`: run, explore, export and check asyncio programs (`.py` files).
//!
//! Exit statuses: `run` exits as Python would (0, 1 for an uncaught exception, `sys.exit`'s
//! code), 2 for a file the model cannot load or a construct it refuses, 124 when the step
//! budget ran out; `check`, `fuzz` and `spec --check` exit 1 when something disagrees; 141
//! when the reader of stdout went away.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

use cli::out::{out, Stop};

#[derive(Parser)]
#[command(
    name = "aiospec",
    version,
    about = "The executable reference for asyncio's task combinators: Python programs on a model of CPython's asyncio, checked against the real interpreters"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run a program on the model: what CPython prints, on stdout and stderr, and its exit status.
    Run {
        file: PathBuf,
        /// Python version to model: 3.7 to 3.15, or an exact release the model follows
        /// (3.14.8, 3.15.0, ...) (default: 3.12, or the newest the file targets).
        #[arg(long)]
        python: Option<String>,
        /// CPython's Task/Future implementation to model (or run, with --backend cpython):
        /// c (the _asyncio module) or py (asyncio's pure-Python classes).
        #[arg(long, default_value = "c")]
        cpython_impl: String,
        /// Print the trace as JSON lines instead of the program's output.
        #[arg(long)]
        json: bool,
        /// Also show virtual times and what each gather and wait returned.
        #[arg(long, short)]
        verbose: bool,
        /// The step budget (instructions and loop callbacks; SPEC M4).
        #[arg(long, default_value_t = aiospec_model::Config::default().max_steps)]
        max_steps: u64,
        /// Run elsewhere than on the model: `cpython` (the real interpreter under the oracle's
        /// virtual-time harness, for comparison), impl:executor, impl:tokio-current-thread-paused, ...
        #[arg(long)]
        backend: Option<String>,
        /// Also draw the run as a timeline: a standalone SVG, one lane per task (issue 17).
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
    },
    /// Enumerate every distinct outcome of a program (the orders of sets, SPEC L6).
    Explore {
        file: PathBuf,
        #[arg(long)]
        python: Option<String>,
        /// Stop after this many runs.
        #[arg(long, default_value_t = 20_000)]
        max_runs: usize,
        #[arg(long)]
        json: bool,
        /// Also write every distinct outcome side by side, each with its timeline and the
        /// choices that lead to it, as one HTML page.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// Print the program (a `.py` file as it is; a legacy `.json` scenario as the Python it stands for).
    Export { file: PathBuf },
    /// Generate random programs and check the model against CPython on each version;
    /// disagreements are shrunk and written as program files.
    Fuzz {
        #[arg(long, default_value_t = 1000)]
        cases: usize,
        /// Versions, as for `check --python`.
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
        /// Fill SPEC.md's example blocks from CPython (the program and CPython's output).
        #[arg(long)]
        update: bool,
        /// Draw the timeline of each of SPEC.md's examples and of the seed programs into
        /// spec/timelines/ (from the model; no CPython needed).
        #[arg(long)]
        timelines: bool,
        /// The project root (where SPEC.md, examples/ and tests/ are).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check programs against the real CPython interpreters (pyenv, and the chroots scripts/pythons.sh provisions).
    Check {
        /// Program files or directories (searched recursively for *.py).
        #[arg(default_value = "examples")]
        paths: Vec<PathBuf>,
        /// Versions: "all", a minor version (3.14: each of its patch releases), an exact
        /// release (3.14.8), a range (3.11-3.15) or a comma-separated list.
        #[arg(long, default_value = "all")]
        python: String,
        /// CPython's Task/Future implementation to check against: c, py or both.
        #[arg(long, default_value = "c")]
        cpython_impl: String,
        /// Compare the model with aiospec-impl instead of CPython:
        /// impl, impl:executor, impl:tokio-current-thread-paused, impl:tokio-multi-thread.
        #[arg(long)]
        backend: Option<String>,
        /// Targets, comma-separated: "all" (every CPython release), cpython-3.14.8,
        /// cpython-3.12, or another implementation scripts/pythons.sh installed: pypy-3.9,
        /// pypy-3.11, uvloop@3.12, micropython, pyodide (compared as `conformance` does).
        #[arg(long, value_delimiter = ',', conflicts_with_all = ["python", "backend"])]
        target: Vec<String>,
        /// Any Python that runs the harness (a CPython or PyPy of your own), compared with the
        /// model at its version.
        #[arg(long, conflicts_with_all = ["python", "backend", "target"])]
        interpreter: Option<PathBuf>,
    },
    /// Run the corpus on other implementations (PyPy, uvloop, MicroPython, Pyodide) and write
    /// CONFORMANCE.md: each one's agreements, divergences by SPEC rule, and what it lacks.
    Conformance {
        /// Program files or directories.
        #[arg(default_value = "examples")]
        paths: Vec<PathBuf>,
        /// The implementations, as `scripts/pythons.sh --print` lists them (`-`: stdin).
        /// Default: run that script from the current directory.
        #[arg(long)]
        inventory: Option<PathBuf>,
        /// Only these targets (comma-separated names, as in `check --target`).
        #[arg(long, value_delimiter = ',')]
        target: Vec<String>,
        /// Write the report here (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(stop) => stop.exit(),
    }
}

fn dispatch(cli: Cli) -> Result<u8, Stop> {
    match cli.cmd {
        Cmd::Run {
            file,
            python,
            json,
            verbose,
            max_steps,
            backend,
            cpython_impl,
            svg,
        } => cli::run::run(cli::run::RunArgs {
            file: &file,
            python: python.as_deref(),
            cpython_impl: &cpython_impl,
            json,
            verbose,
            backend: backend.as_deref(),
            max_steps,
            svg: svg.as_deref(),
        }),
        Cmd::Explore {
            file,
            python,
            max_runs,
            json,
            html,
        } => cli::explore::explore_cmd(&file, python.as_deref(), max_runs, json, html.as_deref()),
        Cmd::Export { file } => {
            let p = aiospec_model::load_file(&file).map_err(|e| Stop::Fail(e.to_string(), 2))?;
            // The text must at least parse, on the newest version the program targets.
            let v = p
                .meta
                .python
                .iter()
                .max()
                .copied()
                .unwrap_or(aiospec_model::PyVersion::new(13));
            aiospec_model::lang::front::parse_module(&p.source, v)
                .map_err(|e| Stop::Fail(e.to_string(), 2))?;
            out(p.text())?;
            Ok(0)
        }
        Cmd::Spec {
            check,
            update,
            timelines,
            root,
        } => cli::spec::spec_cmd(&root, check, update, timelines),
        Cmd::Fuzz {
            cases,
            python,
            seed,
            out,
            backend,
        } => cli::fuzz::fuzz_cmd(cases, &python, seed, &out, backend.as_deref()),
        Cmd::Check {
            paths,
            python,
            cpython_impl,
            backend,
            target,
            interpreter,
        } => cli::check::check_cmd(cli::check::CheckArgs {
            paths: &paths,
            python: &python,
            cpython_impl: &cpython_impl,
            backend: backend.as_deref(),
            targets: &target,
            interpreter: interpreter.as_deref(),
        }),
        Cmd::Conformance {
            paths,
            inventory,
            target,
            out,
        } => {
            cli::conformance::conformance_cmd(&paths, inventory.as_deref(), &target, out.as_deref())
        }
    }
}
