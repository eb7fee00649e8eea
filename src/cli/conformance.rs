//! `aiospec conformance` (CONFORMANCE.md), and `check --target NAME` / `--interpreter PATH`
//! for implementations other than the CPythons `check` knows by version.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use aiospec::check;
use aiospec::conformance::{parse_inventory, render, run_target, Target, TargetReport, Verdict};
use aiospec::oracle::{CpythonImpl, Interpreter};
use aiospec_model::{load_file, Program, PyVersion};

use super::out::{err, out, Stop};

/// The implementations installed: `--inventory FILE` (`-` for stdin), else what
/// `scripts/pythons.sh --print` lists (run from the current directory, a checkout).
pub fn inventory(file: Option<&Path>) -> Result<Vec<Target>, Stop> {
    let text = match file {
        Some(p) if p == Path::new("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("reading the inventory from stdin: {e}"))?;
            s
        }
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| format!("reading the inventory {}: {e}", p.display()))?,
        None => {
            let script = Path::new("scripts/pythons.sh");
            if !script.exists() {
                return Err(Stop::Fail(
                    "no inventory: run from a checkout (scripts/pythons.sh --print lists the \
                     implementations) or pass --inventory FILE"
                        .into(),
                    2,
                ));
            }
            let o = std::process::Command::new("bash")
                .arg(script)
                .arg("--print")
                .output()
                .map_err(|e| format!("running scripts/pythons.sh --print: {e}"))?;
            String::from_utf8_lossy(&o.stdout).into_owned()
        }
    };
    Ok(parse_inventory(&text)?)
}

fn load_programs(paths: &[PathBuf]) -> Result<Vec<(String, Program)>, Stop> {
    let mut programs = Vec::new();
    for f in check::collect_files(paths)? {
        match load_file(&f) {
            Ok(p) => programs.push((f.display().to_string(), p)),
            Err(e) => err(&format!("aiospec: not loaded: {e}\n")),
        }
    }
    Ok(programs)
}

/// Targets whose name matches one of `names` (`uvloop@3.12` matches `uvloop-0.23.0@3.12.1`).
fn select(all: Vec<Target>, names: &[String]) -> Result<Vec<Target>, Stop> {
    if names.is_empty() || names.iter().any(|n| n == "all") {
        return Ok(all);
    }
    let mut out = Vec::new();
    for n in names {
        let found: Vec<&Target> = all.iter().filter(|t| matches_name(&t.name, n)).collect();
        if found.is_empty() {
            let known: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
            return Err(Stop::Fail(
                format!(
                    "--target {n:?}: not installed (installed: {}; scripts/pythons.sh installs them)",
                    known.join(", ")
                ),
                2,
            ));
        }
        out.extend(found.into_iter().cloned());
    }
    Ok(out)
}

fn matches_name(name: &str, asked: &str) -> bool {
    if name == asked
        || name.starts_with(&format!("{asked}."))
        || name.starts_with(&format!("{asked}-"))
    {
        return true;
    }
    // uvloop@3.12 names uvloop-VERSION@3.12.x.
    match (name.split_once('@'), asked.split_once('@')) {
        (Some((impl_, rel)), Some((a_impl, a_rel))) => {
            impl_.starts_with(a_impl) && (rel == a_rel || rel.starts_with(&format!("{a_rel}.")))
        }
        _ => false,
    }
}

/// `aiospec conformance`: every target on the corpus; the report as Markdown.
pub fn conformance_cmd(
    paths: &[PathBuf],
    inventory_file: Option<&Path>,
    targets: &[String],
    out_file: Option<&Path>,
) -> Result<u8, Stop> {
    let programs = load_programs(paths)?;
    let targets = select(inventory(inventory_file)?, targets)?;
    let mut reports: Vec<TargetReport> = Vec::new();
    for t in &targets {
        let mut p = aiospec::progress::Progress::new(&t.name);
        p.tick(0, None);
        reports.push(run_target(t, &programs));
        p.finish();
    }
    let link_base = out_file
        .and_then(Path::parent)
        .map(relative_base)
        .unwrap_or_default();
    let text = render(&reports, &link_base);
    match out_file {
        Some(f) => std::fs::write(f, &text).map_err(|e| format!("writing {}: {e}", f.display()))?,
        None => out(&text)?,
    }
    Ok(0)
}

/// Links in a report written to `dir` point back to the programs from there.
fn relative_base(dir: &Path) -> PathBuf {
    if dir.is_absolute() {
        // Programs are named from the current directory: links from elsewhere are absolute.
        let cwd = std::env::current_dir().unwrap_or_default();
        return if dir == cwd { PathBuf::new() } else { cwd };
    }
    let depth = dir
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .count();
    (0..depth).map(|_| "..").collect()
}

/// `check --target NAME,...` for implementations other than CPython: the same comparison as
/// the conformance report, printed as a table; exit 1 on a divergence.
pub fn check_targets(paths: &[PathBuf], names: &[String]) -> Result<u8, Stop> {
    let programs = load_programs(paths)?;
    let targets = select(inventory(None)?, names)?;
    let mut diverged = 0;
    for t in &targets {
        let r = run_target(t, &programs);
        for (name, _, v) in &r.results {
            let line = match v {
                Verdict::Agree => format!("{name:60} {:>14} agree\n", t.name),
                Verdict::Diverge { diff } => {
                    diverged += 1;
                    format!("{name:60} {:>14} DIVERGE\n{diff}\n", t.name)
                }
                Verdict::NotSupported(why) => {
                    format!("{name:60} {:>14} not supported: {why}\n", t.name)
                }
                Verdict::Skipped(why) => format!("{name:60} {:>14} skipped: {why}\n", t.name),
            };
            out(&line)?;
        }
    }
    Ok(if diverged == 0 { 0 } else { 1 })
}

/// `check --interpreter PATH`: any Python that runs the harness, compared at its own version
/// (the pure-Python Task's comparison, without traceback texts, unless it is CPython).
pub fn interpreter_check(
    paths: &[PathBuf],
    exe: &Path,
    imps: Option<Vec<CpythonImpl>>,
) -> Result<u8, Stop> {
    let probe = std::process::Command::new(exe)
        .args([
            "-c",
            "import sys; print(*sys.version_info[:3], sys.implementation.name)",
        ])
        .output()
        .map_err(|e| format!("--interpreter {}: cannot run it: {e}", exe.display()))?;
    let text = String::from_utf8_lossy(&probe.stdout).into_owned();
    let f: Vec<&str> = text.split_whitespace().collect();
    let parse = |s: &str| s.parse::<u8>().ok();
    let (Some(3), Some(minor), Some(patch), Some(name)) = (
        f.first().and_then(|s| parse(s)),
        f.get(1).and_then(|s| parse(s)),
        f.get(2).and_then(|s| parse(s)),
        f.get(3),
    ) else {
        return Err(Stop::Fail(
            format!(
                "--interpreter {}: not a Python 3 the model follows (it said {:?})",
                exe.display(),
                text.trim()
            ),
            2,
        ));
    };
    let v = if minor >= 14 {
        PyVersion::ALL
            .iter()
            .copied()
            .filter(|v| v.minor() == minor)
            .find(|v| v.patch() >= patch)
            .or_else(|| PyVersion::ALL.iter().copied().rfind(|v| v.minor() == minor))
    } else {
        PyVersion::ALL.iter().copied().find(|v| v.minor() == minor)
    }
    .ok_or_else(|| {
        format!(
            "--interpreter {}: Python 3.{minor} is not a version the model follows (3.7 to 3.15)",
            exe.display()
        )
    })?;
    let imps = imps.unwrap_or_else(|| {
        if *name == "cpython" {
            vec![CpythonImpl::C]
        } else {
            vec![CpythonImpl::Py]
        }
    });
    let mut interpreters = BTreeMap::new();
    interpreters.insert(
        v,
        Interpreter {
            exe: exe.to_path_buf(),
            chroot: None,
        },
    );
    let report = check::check_paths_on(paths, &[v], &imps, &interpreters)?;
    out(&report.render())?;
    Ok(if report.disagreements() == 0 { 0 } else { 1 })
}
