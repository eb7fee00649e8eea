//! `aiospec fuzz`: generated programs, the model against CPython (or aiospec-impl).

use std::path::Path;

use aiospec::progress::Progress;

use super::check::{parse_backend, versions};
use super::out::{out, Stop};

pub fn fuzz_cmd(
    cases: usize,
    python: &str,
    seed: Option<u64>,
    dir: &Path,
    backend: Option<&str>,
) -> Result<u8, Stop> {
    let versions = versions(python)?;
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    });
    let started = std::time::Instant::now();
    let write = |path: &Path, text: &str| -> Result<(), Stop> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::fs::write(path, text).map_err(|e| Stop::Fail(format!("{}: {e}", path.display()), 2))
    };
    if let Some(b) = backend {
        let mut bad = 0;
        out(&format!("seed {seed}\n"))?;
        for rt in parse_backend(b)? {
            let mut p = Progress::new(rt.name());
            let c =
                aiospec::fuzz::impl_campaign(cases, seed, rt, false, |n| p.tick(n, Some(cases)));
            p.finish();
            out(&format!(
                "aiospec-impl on {}: {} generated programs compared ({} with events at one instant in another order; {} skipped), {} disagreement(s)\n",
                rt.name(),
                c.checked,
                c.ties,
                c.skipped,
                c.disagreements
            ))?;
            out(&format!(
                "  programs using each construct (generated / compared): {}\n",
                aiospec::gen::Construct::ALL
                    .iter()
                    .map(|k| format!(
                        "{} {}/{}",
                        k.name(),
                        c.generated_constructs.get(*k),
                        c.compared_constructs.get(*k)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))?;
            for (why, n) in &c.skip_reasons {
                out(&format!("  skipped {n}: {why}\n"))?;
            }
            for (case, program, diff) in &c.originals {
                let path = dir.join(format!("impl-{}-{seed}-case{case}.py", rt.name()));
                write(&path, program)?;
                out(&format!(
                    "case {case} as generated: {} (- model, + impl):\n{diff}",
                    path.display()
                ))?;
            }
            if let Some((program, diff)) = c.counterexample {
                let path = dir.join(format!("impl-{}-{seed}.py", rt.name()));
                write(&path, &program)?;
                out(&format!(
                    "minimal counterexample written to {} (- model, + impl):\n{diff}",
                    path.display()
                ))?;
            }
            bad += c.disagreements;
        }
        out(&format!("{:.1} s\n", started.elapsed().as_secs_f64()))?;
        return Ok(if bad == 0 { 0 } else { 1 });
    }
    let report = aiospec::fuzz::fuzz(cases, &versions, seed, dir)?;
    out(&report.render())?;
    out(&format!("{:.1} s\n", started.elapsed().as_secs_f64()))?;
    Ok(if report.disagreements() == 0 { 0 } else { 1 })
}
