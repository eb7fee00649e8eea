//! One input through everything the CLI does with a file, in process: load (as `run` reads
//! a file: bytes decoded with the place of bad UTF-8), compile for a version, `run` with a
//! step budget (and every rendering of its trace), `explore` with a small run bound, and
//! `export` (for a JSON scenario: the exported Python, loaded as a `.py` file, must run to
//! the same trace as the scenario). A panic is the caller's to catch; what this returns as
//! `Err` is a wrong answer that did not crash (an export that does not round-trip, a run
//! that is not deterministic).

use aiospec_model::explore::explore;
use aiospec_model::lang::front;
use aiospec_model::{
    run_with_config, Config, FirstChoice, Impl, ModelError, Program, PyVersion, Trace,
};

/// Budgets for one input.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Steps per run (SPEC M4).
    pub max_steps: u64,
    /// Runs `explore` may make.
    pub explore_runs: usize,
    /// The largest string, list or int a program may build (SPEC M4). Smaller than the
    /// model's default (2^26 items of 24 bytes): a run may hold several objects at the
    /// limit (SPEC M4 bounds each, not their sum), and a worker's memory is bounded, so
    /// that running out of it means growth past the model's checks, not a legal program's
    /// size; and each input stays fast.
    pub max_size: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 200_000,
            explore_runs: 4,
            max_size: 1 << 22,
        }
    }
}

/// How far an input got (no crash, no wrong answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    /// The loader rejected it (bad UTF-8, bad JSON, syntax error, a refused construct).
    Load,
    /// It loaded but does not compile for the version.
    Compile,
    /// The run stopped at a refusal.
    Refused,
    /// The run used up its step budget.
    Budget,
    /// The run finished.
    Ran,
}

impl Reached {
    pub fn as_str(self) -> &'static str {
        match self {
            Reached::Load => "load-error",
            Reached::Compile => "compile-error",
            Reached::Refused => "refused",
            Reached::Budget => "budget",
            Reached::Ran => "ran",
        }
    }
}

fn config(l: &Limits) -> Config {
    Config {
        max_steps: l.max_steps,
        max_size: l.max_size,
        ..Config::default()
    }
}

/// Everything the CLI renders from a run, so that rendering is exercised too.
fn render(r: &Result<Trace, ModelError>) -> String {
    match r {
        Ok(t) => {
            let mut s = t.stdout(false);
            s.push_str(&t.stdout(true));
            s.push_str(&t.stderr());
            s.push_str(&t.to_text(true));
            s.push_str(&t.exit_status().rem_euclid(256).to_string());
            s
        }
        Err(e) => e.to_string(),
    }
}

/// Are all the trace's times finite?
fn finite_times(t: &Trace) -> bool {
    t.to_json_lines().lines().all(|l| !l.contains("\"t\":null"))
}

/// Run one input. `name` is the file name (`.json` for a scenario).
pub fn check(
    name: &str,
    bytes: &[u8],
    v: PyVersion,
    imp: Impl,
    l: &Limits,
) -> Result<Reached, String> {
    let text = match front::decode(name, bytes.to_vec()) {
        Ok(t) => t,
        Err(e) => {
            let _ = e.to_string();
            return Ok(Reached::Load);
        }
    };
    let p = match aiospec_model::load_str(&text, name) {
        Ok(p) => p,
        Err(e) => {
            let _ = e.to_string();
            return Ok(Reached::Load);
        }
    };
    export(&p, name, v, imp, l)?;
    if let Err(e) = p.compile(v) {
        let _ = e.to_string();
        return Ok(Reached::Compile);
    }
    let cfg = config(l);
    let first = run_with_config(&p, v, imp, &cfg, &mut FirstChoice);
    let _ = render(&first);
    if let Some(t) = first.as_ref().ok().filter(|t| finite_times(t)) {
        // The trace's JSON form is what the oracle side parses: it must read back. (Not
        // checked where the virtual clock overflowed to inf: JSON has no number for it, and
        // the trace writes null, a known gap.)
        let json = t.to_json_lines();
        match Trace::from_json_lines(&json) {
            Ok(back) if back.to_json_lines() == json => {}
            Ok(back) => {
                return Err(format!(
                    "the trace's JSON lines read back differently:\n{json}\nvs\n{}",
                    back.to_json_lines()
                ))
            }
            Err(e) => return Err(format!("the trace's JSON lines do not read back: {e}")),
        }
    }
    let ex = explore(
        |ch| run_with_config(&p, v, imp, &cfg, ch),
        l.explore_runs,
        |_| {},
    );
    match (&first, ex) {
        (Ok(t), Ok(ex)) => {
            // The exploration's first run takes the first choice everywhere, as `run` does.
            if !ex.outcomes.contains_key(&t.to_json_lines()) {
                return Err("explore's runs do not include the plain run's trace (the model is not deterministic)".into());
            }
            for (count, choices, trace) in ex.outcomes.values() {
                let _ = (count, format!("{choices:?}"), trace.to_text(true));
            }
        }
        (_, Err(e)) => {
            let _ = e.to_string();
        }
        (Err(_), Ok(_)) => {
            // explore's first run is the plain run: it must fail as the plain run did.
            return Err("the plain run failed where explore's first run did not".into());
        }
    }
    Ok(match first {
        Ok(_) => Reached::Ran,
        Err(ModelError::StepLimit(_)) => Reached::Budget,
        Err(ModelError::Load(_)) => Reached::Compile,
        Err(ModelError::Unsupported { .. }) => Reached::Refused,
    })
}

/// `aiospec export`: the text must parse on the newest version the program targets; a JSON
/// scenario's text, loaded as the Python file it names, must be the same program.
fn export(p: &Program, name: &str, v: PyVersion, imp: Impl, l: &Limits) -> Result<(), String> {
    let newest = p
        .meta
        .python
        .iter()
        .max()
        .copied()
        .unwrap_or(PyVersion::new(15));
    if let Err(e) = front::parse_module(&p.source, newest) {
        let _ = e.to_string();
    }
    if !name.ends_with(".json") {
        return Ok(());
    }
    let exported = p.text().to_string();
    let q = aiospec_model::load_str(&exported, &p.source.path)
        .map_err(|e| format!("the exported Python does not load: {e}"))?;
    if q.meta != p.meta {
        return Err(format!(
            "the exported Python's header reads differently: {:?} vs {:?}",
            q.meta, p.meta
        ));
    }
    let cfg = config(l);
    let a = run_with_config(p, v, imp, &cfg, &mut FirstChoice);
    let b = run_with_config(&q, v, imp, &cfg, &mut FirstChoice);
    let same = match (&a, &b) {
        (Ok(x), Ok(y)) => x.to_json_lines() == y.to_json_lines(),
        (Err(x), Err(y)) => x.to_string() == y.to_string(),
        _ => false,
    };
    if !same {
        return Err(format!(
            "the exported Python runs differently from the scenario on {v}:\n{}\nvs\n{}",
            render(&a),
            render(&b)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_runs_to_the_end() {
        let src = b"import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print('hi')\nasyncio.run(main())\n";
        let r = check(
            "fuzz.py",
            src,
            PyVersion::new(12),
            Impl::C,
            &Limits::default(),
        );
        assert_eq!(r, Ok(Reached::Ran));
    }

    #[test]
    fn each_stage_is_reported() {
        let l = Limits::default();
        let c = |s: &[u8]| check("fuzz.py", s, PyVersion::new(12), Impl::C, &l);
        assert_eq!(c(b"\xff"), Ok(Reached::Load));
        assert_eq!(c(b"x = (\n"), Ok(Reached::Compile));
        assert_eq!(c(b"while True:\n    pass\n"), Ok(Reached::Budget));
        assert_eq!(
            check(
                "fuzz.py",
                b"match x:\n    case 1: pass\n",
                PyVersion::new(8),
                Impl::C,
                &l
            ),
            Ok(Reached::Compile)
        );
    }

    #[test]
    fn a_scenario_round_trips_through_export() {
        let s = br#"{"coroutines": {"w": {"params": ["d"], "body": ["await asyncio.sleep(d)", "print('w', d)"]}},
                     "main": ["await asyncio.gather(w(1), w(0.5))"]}"#;
        let r = check(
            "fuzz.json",
            s,
            PyVersion::new(9),
            Impl::Py,
            &Limits::default(),
        );
        assert_eq!(r, Ok(Reached::Ran));
    }
}
