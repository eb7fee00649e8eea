//! `aiospec check`: programs against CPython (or against aiospec-impl with `--backend`).

use std::path::PathBuf;

use aiospec::check;
use aiospec::oracle::CpythonImpl;
use aiospec_model::{load_file, PyVersion};

use super::out::{out, Stop};

/// `--python`: `all`, a minor version (each of its patch releases the model follows), an
/// exact release, a range (`3.11-3.15`) or a list (`3.8,3.14.10`).
pub fn versions(python: &str) -> Result<Vec<PyVersion>, Stop> {
    Ok(aiospec_model::program::parse_versions(python).map_err(|e| format!("--python: {e}"))?)
}

/// `--backend impl` (every runtime) or `impl:RUNTIME`.
pub fn parse_backend(b: &str) -> Result<Vec<aiospec::backend::Runtime>, Stop> {
    match b {
        "impl" => Ok(aiospec::backend::Runtime::ALL.to_vec()),
        other => match other
            .strip_prefix("impl:")
            .and_then(aiospec::backend::Runtime::parse)
        {
            Some(r) => Ok(vec![r]),
            None => Err(Stop::Fail(
                format!("--backend: expected impl or impl:RUNTIME, not {other:?}"),
                2,
            )),
        },
    }
}

/// What `aiospec check` was asked.
pub struct CheckArgs<'a> {
    pub paths: &'a [PathBuf],
    pub python: &'a str,
    pub cpython_impl: &'a str,
    pub backend: Option<&'a str>,
    pub targets: &'a [String],
    pub interpreter: Option<&'a std::path::Path>,
}

pub fn check_cmd(a: CheckArgs) -> Result<u8, Stop> {
    let CheckArgs {
        paths,
        python,
        cpython_impl,
        backend,
        targets,
        interpreter,
    } = a;
    if let Some(b) = backend {
        return check_backend(paths, b);
    }
    if let Some(exe) = interpreter {
        let imps = (cpython_impl != "c")
            .then(|| parse_imps(cpython_impl))
            .transpose()?;
        return super::conformance::interpreter_check(paths, exe, imps);
    }
    // --target: CPython releases by name; any other name is another implementation.
    let mut python = python.to_string();
    if !targets.is_empty() {
        let (cpython, others): (Vec<&String>, Vec<&String>) = targets
            .iter()
            .partition(|t| *t == "all" || t.starts_with("cpython-"));
        if !others.is_empty() {
            if !cpython.is_empty() {
                return Err(Stop::Fail(
                    "--target: check CPython releases and other implementations in separate runs"
                        .into(),
                    2,
                ));
            }
            let names: Vec<String> = others.into_iter().cloned().collect();
            return super::conformance::check_targets(paths, &names);
        }
        python = cpython
            .iter()
            .map(|t| t.trim_start_matches("cpython-"))
            .collect::<Vec<_>>()
            .join(",");
    }
    let versions = versions(&python)?;
    let imps = parse_imps(cpython_impl)?;
    let report = check::check_paths(paths, &versions, &imps)?;
    out(&report.render())?;
    Ok(if report.disagreements() == 0 { 0 } else { 1 })
}

fn parse_imps(cpython_impl: &str) -> Result<Vec<CpythonImpl>, Stop> {
    Ok(match cpython_impl {
        "c" => vec![CpythonImpl::C],
        "py" => vec![CpythonImpl::Py],
        "both" => vec![CpythonImpl::C, CpythonImpl::Py],
        other => {
            return Err(Stop::Fail(
                format!("--cpython-impl: expected c, py or both, not {other:?}"),
                2,
            ))
        }
    })
}

fn check_backend(paths: &[PathBuf], b: &str) -> Result<u8, Stop> {
    let runtimes = parse_backend(b)?;
    let files = check::collect_files(paths)?;
    let mut programs = Vec::new();
    let mut bad = 0;
    for f in &files {
        match load_file(f) {
            Ok(p) => programs.push((f.display().to_string(), p)),
            Err(e) => {
                out(&format!("NOT LOADED {}: {e}\n", f.display()))?;
                bad += 1;
            }
        }
    }
    for rt in runtimes {
        let rows = check::check_impl(&programs, rt);
        bad += rows
            .iter()
            .filter(|(_, v)| {
                matches!(
                    v,
                    check::ImplVerdict::Disagree { .. } | check::ImplVerdict::ModelError(_)
                )
            })
            .count();
        out(&check::render_impl(&rows, rt))?;
    }
    Ok(if bad == 0 { 0 } else { 1 })
}
