//! `aiospec explore FILE`: every distinct outcome of a program (SPEC L6), within a bound on
//! runs and on what is kept.

use std::path::Path;

use aiospec_model::{explore, load_file};

use super::out::{out, Stop};
use super::run::{model_failure, pick_version};
use aiospec::progress::Progress;

pub fn explore_cmd(
    file: &Path,
    python: Option<&str>,
    max_runs: usize,
    json: bool,
) -> Result<u8, Stop> {
    let p = load_file(file).map_err(|e| Stop::Fail(e.to_string(), 2))?;
    let v = pick_version(file, &p.meta.python, python)?;
    let mut progress = Progress::new("explore");
    let ex = explore(&p, v, max_runs, |n| progress.tick(n, None));
    progress.finish();
    let ex = ex.map_err(|e| model_failure(file, e))?;
    let bound = match ex.truncated {
        None => String::new(),
        Some(why) => format!(
            " (stopped at {why}: other orders were not enumerated, so there may be more outcomes)"
        ),
    };
    out(&format!(
        "{}: {} distinct outcome(s) in {} run(s) on Python {v}{bound}\n",
        file.display(),
        ex.outcomes.len(),
        ex.runs
    ))?;
    for (i, (_, (count, choices, trace))) in ex.outcomes.iter().enumerate() {
        out(&format!(
            "\n--- outcome {} ({} run(s); first with choices {:?})\n",
            i + 1,
            count,
            choices
        ))?;
        if json {
            out(&trace.to_json_lines())?;
        } else {
            out(&trace.to_text(true))?;
        }
    }
    Ok(0)
}
