//! `aiospec run FILE`: the program on the model (or on aiospec-impl), printing what CPython
//! prints, each stream to its own, and exiting with the status Python would (SPEC M5).

use std::path::Path;

use aiospec_model::{
    load_file, run_with_config, timeline, Config, FirstChoice, Impl, ModelError, PyVersion,
};

use super::out::{err, out, Stop};

/// Exit status for a run the model stopped at its step budget (SPEC M4): 124, as `timeout(1)`
/// exits when its time runs out.
pub const EXIT_BUDGET: u8 = 124;

/// The version to run: `--python` if given (it must be one the file targets), else 3.12 if
/// the file targets it, else the newest it targets.
pub fn pick_version(
    file: &Path,
    targets: &[PyVersion],
    asked: Option<&str>,
) -> Result<PyVersion, Stop> {
    match asked {
        Some(s) => {
            let v: PyVersion = s.parse().map_err(|e| format!("--python: {e}"))?;
            if !targets.contains(&v) {
                return Err(Stop::Fail(
                    format!(
                        "{}: the program targets Python {} (its `# aiospec: python` line), not {v}",
                        file.display(),
                        super::version_list(targets)
                    ),
                    2,
                ));
            }
            Ok(v)
        }
        None => {
            let default = PyVersion::new(12);
            if targets.contains(&default) {
                Ok(default)
            } else {
                targets.iter().max().copied().ok_or_else(|| {
                    Stop::Fail(
                        format!("{}: the program targets no version", file.display()),
                        2,
                    )
                })
            }
        }
    }
}

/// A model error as the CLI reports it: refusals and load errors exit 2 with the place, the
/// step budget exits 3.
pub fn model_failure(file: &Path, e: ModelError) -> Stop {
    match e {
        ModelError::StepLimit(_) => Stop::Fail(format!("{}: {e}", file.display()), EXIT_BUDGET),
        ModelError::Unsupported { place: None, .. } => {
            Stop::Fail(format!("{}: {e}", file.display()), 2)
        }
        other => Stop::Fail(other.to_string(), 2),
    }
}

pub struct RunArgs<'a> {
    pub file: &'a Path,
    pub python: Option<&'a str>,
    pub cpython_impl: &'a str,
    pub json: bool,
    pub verbose: bool,
    pub backend: Option<&'a str>,
    pub max_steps: u64,
    /// Draw the run's timeline to this SVG file (issue 17).
    pub svg: Option<&'a Path>,
}

/// Write a picture (or page) to `path`; a path that cannot be written is the caller's
/// error: exit 2 with the path and the reason.
pub fn write_picture(path: &Path, what: &str, text: &str) -> Result<(), Stop> {
    std::fs::write(path, text).map_err(|e| {
        Stop::Fail(
            format!("cannot write the {what} to {}: {e}", path.display()),
            2,
        )
    })
}

pub fn run(a: RunArgs) -> Result<u8, Stop> {
    let imp = match a.cpython_impl {
        "c" => Impl::C,
        "py" => Impl::Py,
        other => {
            return Err(Stop::Fail(
                format!("--cpython-impl: expected c or py, not {other:?}"),
                2,
            ))
        }
    };
    if a.svg.is_some() && a.backend.is_some() {
        return Err(Stop::Fail(
            "--svg draws the model's run; it cannot be combined with --backend".into(),
            2,
        ));
    }
    let p = load_file(a.file).map_err(|e| Stop::Fail(e.to_string(), 2))?;
    let trace = match a.backend {
        None => {
            let v = pick_version(a.file, &p.meta.python, a.python)?;
            let config = Config {
                max_steps: a.max_steps,
                ..Config::default()
            };
            match a.svg {
                None => run_with_config(&p, v, imp, &config, &mut FirstChoice)
                    .map_err(|e| model_failure(a.file, e))?,
                Some(path) => {
                    let title = timeline::title(&a.file.display().to_string(), v);
                    let (trace, _, layout) =
                        timeline::picture(&p, v, imp, &config, &mut FirstChoice, &title)
                            .map_err(|e| model_failure(a.file, e))?;
                    write_picture(path, "timeline", &timeline::svg::svg_document(&layout))?;
                    trace
                }
            }
        }
        Some("cpython") => {
            // The real interpreter under the oracle's harness (virtual time): what CPython
            // prints for the program, to compare with the model's.
            let v = pick_version(a.file, &p.meta.python, a.python)?;
            let exe = aiospec::oracle::find_interpreters()
                .remove(&v)
                .ok_or_else(|| {
                    format!("no CPython {v} found (pyenv, or scripts/pythons.sh for 3.14+)")
                })?;
            let mut proc = aiospec::oracle::OracleProcess::start(&exe, imp)?;
            proc.run_file(p.text(), &p.source.path, &p.source.abs_path)
                .map_err(|e| Stop::Fail(format!("{}: {e}", a.file.display()), 2))?
                .trace
        }
        Some(b) => {
            let rt = b
                .strip_prefix("impl:")
                .and_then(aiospec::backend::Runtime::parse)
                .ok_or_else(|| format!("--backend: expected cpython or impl:RUNTIME, not {b:?}"))?;
            aiospec::backend::run(&p, rt)
                .map_err(|e| Stop::Fail(format!("{}: {e}", a.file.display()), 2))?
        }
    };
    if a.json {
        out(&trace.to_json_lines())?;
    } else {
        out(&trace.stdout(a.verbose))?;
        err(&trace.stderr());
    }
    // The status a shell sees: Python's exit code modulo 256.
    Ok(trace.exit_status().rem_euclid(256) as u8)
}
