//! `aiospec explore FILE`: every distinct outcome of a program (SPEC L6), within a bound on
//! runs and on what is kept.

use std::path::Path;

use aiospec_model::timeline::html::{html_page, OutcomeView};
use aiospec_model::{
    explore, load_file, timeline, Config, Exploration, Impl, Program, PyVersion, Replay,
};

use super::out::{out, Stop};
use super::run::{model_failure, pick_version, write_picture};
use aiospec::progress::Progress;

pub fn explore_cmd(
    file: &Path,
    python: Option<&str>,
    max_runs: usize,
    json: bool,
    html: Option<&Path>,
) -> Result<u8, Stop> {
    let p = load_file(file).map_err(|e| Stop::Fail(e.to_string(), 2))?;
    let v = pick_version(file, &p.meta.python, python)?;
    let mut progress = Progress::new("explore");
    let ex = explore(&p, v, max_runs, |n| progress.tick(n, None));
    progress.finish();
    let ex = ex.map_err(|e| model_failure(file, e))?;
    let bound = match &ex.truncated {
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
    if let Some(path) = html {
        let page = outcomes_page(file, &p, v, &ex, &bound)?;
        write_picture(path, "outcomes page", &page)?;
    }
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

/// The most outcomes the page draws (each picture is tens of kilobytes); the page says how
/// many more there were.
const MAX_DRAWN: usize = 100;

/// The HTML page of an exploration: each outcome's first run replayed with the recorder on,
/// its timeline, and the choices it made (named by the recorder's choice marks, with the
/// chooser's indices as a fallback).
fn outcomes_page(
    file: &Path,
    p: &Program,
    v: PyVersion,
    ex: &Exploration,
    bound: &str,
) -> Result<String, Stop> {
    let n = ex.outcomes.len();
    let mut views = Vec::with_capacity(n);
    for (i, (count, choices, _)) in ex.outcomes.values().enumerate().take(MAX_DRAWN) {
        let mut chooser = Replay::new(choices.clone());
        let title = format!(
            "outcome {} of {n}: {}",
            i + 1,
            timeline::title(&file.display().to_string(), v)
        );
        let (trace, rec, layout) =
            timeline::picture(p, v, Impl::C, &Config::default(), &mut chooser, &title)
                .map_err(|e| model_failure(file, e))?;
        let mut named = timeline::choices(&rec);
        if named.is_empty() {
            // Choices the recorder did not name: the chooser's own account of them.
            named = chooser
                .made
                .iter()
                .filter(|(_, n, _)| *n > 1)
                .map(|(c, n, why)| format!("{why}: option {} of {n}", c + 1))
                .collect();
        }
        views.push(OutcomeView {
            heading: format!("Outcome {} of {n}: {count} run(s)", i + 1),
            choices: named,
            output: trace.to_text(true),
            layout,
        });
    }
    let more = if n > MAX_DRAWN {
        format!(
            " The first {MAX_DRAWN} are drawn; {} more are not (`aiospec explore` prints them all).",
            n - MAX_DRAWN
        )
    } else {
        String::new()
    };
    let intro = format!(
        "{}: {n} distinct outcome(s) in {} run(s) on Python {v}{bound}. Each is drawn from the first run that reached it; hover over a mark for what it is.{more}",
        file.display(),
        ex.runs
    );
    Ok(html_page(
        &format!("{}: every outcome", file.display()),
        &intro,
        &views,
    ))
}
