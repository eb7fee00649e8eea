//! Every input that ever crashed, hung or exhausted memory in a campaign (`fuzz/regressions/`)
//! replayed in process on every version and both Task implementations: no panic, no wrong
//! answer, and each finishes well within the time a campaign allows an input. (A stack
//! overflow or an abort would kill this test binary: that fails too.) Inputs listed in
//! `fuzz/regressions/KNOWN` still fail and are skipped, each with its reason there.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use aiospec_fuzz::check::{check, Limits};
use aiospec_model::{Impl, PyVersion};

#[test]
fn every_regression_input_runs_within_budget() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let known: BTreeSet<String> = std::fs::read_to_string(dir.join("KNOWN"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| !w.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py" || e == "json"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    let lim = Limits::default();
    let mut failures = Vec::new();
    let mut replayed = 0;
    for f in &files {
        let file = f
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        if known.contains(&file) {
            continue;
        }
        let name = if file.ends_with(".json") {
            "fuzz.json"
        } else {
            "fuzz.py"
        };
        let bytes = std::fs::read(f).expect("readable");
        for v in PyVersion::ALL {
            for imp in [Impl::C, Impl::Py] {
                let t = Instant::now();
                let r = std::panic::catch_unwind(|| check(name, &bytes, v, imp, &lim));
                let took = t.elapsed();
                match r {
                    Err(_) => {
                        failures.push(format!("{file} on {v} ({} Task): panicked", imp.as_str()))
                    }
                    Ok(Err(m)) => {
                        failures.push(format!("{file} on {v} ({} Task): {m}", imp.as_str()))
                    }
                    Ok(Ok(_)) => {}
                }
                if took > Duration::from_secs(30) {
                    failures.push(format!(
                        "{file} on {v} ({} Task): took {took:?}",
                        imp.as_str()
                    ));
                }
            }
        }
        replayed += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(replayed > 0);
}
