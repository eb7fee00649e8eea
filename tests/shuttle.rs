//! Reproducible multi-threaded schedules (issue 16, SPEC C3): generated programs run on
//! aiospec-impl's multi-worker executor ([`Runtime::Workers`], three threads, virtual time)
//! under shuttle's randomized scheduler, many schedules per program, and every distinct trace
//! is compared with the model at C3. Each schedule is drawn from its own seed, so a failure
//! replays from `(program, schedule seed)`; races that tokio multi_thread skips on real time
//! are explored here.
//!
//! Built only with `RUSTFLAGS="--cfg shuttle"` (the sync facade is then shuttle's): run it with
//! `scripts/shuttle.sh` (the campaign, `--shard k/n`), or `scripts/test.sh` (a short run).
//!
//! Environment:
//! - `AIOSPEC_SHUTTLE_SEED`: the campaign's seed (programs and schedules; default 2026);
//! - `AIOSPEC_SHUTTLE_PROGRAMS`: generated programs, before sharding (default 40);
//! - `AIOSPEC_SHUTTLE_SCHEDULES`: schedules per program (default 100);
//! - `AIOSPEC_SHUTTLE_SHARD`: `k/n`, run the programs whose index is k modulo n (default 0/1);
//! - `AIOSPEC_SHUTTLE_REPLAY`: `program:schedule-seed`, run that one schedule and print it;
//! - `AIOSPEC_SHUTTLE_KEEP_GOING`: set, the campaign goes on after a program that disagrees.
#![cfg(shuttle)]

use std::collections::HashMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use aiospec::backend::{run_with_info, RunInfo, Runtime, Unsupported};
use aiospec::check::{compare_run, ImplVerdict};
use aiospec::fuzz::impl_programs;
use aiospec_impl::faults::{with_fault, Fault};
use aiospec_model::{load_str, Trace};
use shuttle::scheduler::RandomScheduler;
use shuttle::{Config, Runner};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn shard() -> (usize, usize) {
    let s = std::env::var("AIOSPEC_SHUTTLE_SHARD").unwrap_or_else(|_| "0/1".into());
    let (k, n) = s.split_once('/').expect("AIOSPEC_SHUTTLE_SHARD is k/n");
    let (k, n): (usize, usize) = (k.parse().expect("k"), n.parse().expect("n"));
    assert!(n > 0 && k < n, "AIOSPEC_SHUTTLE_SHARD {s}: need k < n");
    (k, n)
}

/// The seed of schedule `j` of program `program` (splitmix64 of the three).
fn schedule_seed(seed: u64, program: usize, j: usize) -> u64 {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((program as u64) << 32 | j as u64);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

type Run = Result<(Trace, RunInfo), Unsupported>;

/// Run `text` once under shuttle, on the schedule drawn from `sseed`.
fn run_schedule(text: &Arc<String>, sseed: u64) -> Run {
    let out: Arc<Mutex<Option<Run>>> = Arc::default();
    let (o, t) = (out.clone(), text.clone());
    let r = catch_unwind(AssertUnwindSafe(|| {
        // Shuttle treats every atomic ordering as SeqCst (loom explores the weaker ones).
        let mut config = Config::default();
        config.silence_warnings = true;
        Runner::new(RandomScheduler::new_from_seed(sseed, 1), config).run(move || {
            let p = load_str(&t, "generated.json").expect("generated programs load");
            *o.lock().unwrap() = Some(run_with_info(&p, Runtime::Workers));
        })
    }));
    if let Err(panic) = r {
        eprintln!("the run panicked on schedule seed {sseed}; program:\n{text}");
        resume_unwind(panic);
    }
    let r = out.lock().unwrap().take();
    r.expect("shuttle ran the program once")
}

#[derive(Debug, Default)]
struct Tally {
    programs: usize,
    /// Programs the backend does not run on this runtime (`run_forever`, ...).
    unsupported: usize,
    schedules: usize,
    /// Schedules whose trace was compared and agreed.
    agreed: usize,
    /// Schedules whose trace the comparison skips, by reason: programs whose outcome asyncio
    /// decides by loop turns (SPEC X2, X4, C2), and races C3 allows that the model cannot
    /// produce (a cancel reaching a step on another worker, shutdown racing a worker).
    skipped: usize,
    skip_reasons: std::collections::BTreeMap<String, usize>,
    /// Distinct traces over all programs, and programs with more than one.
    distinct: usize,
    programs_with_several: usize,
    /// (program index, schedule seed, program, diff).
    failures: Vec<(usize, u64, String, String)>,
}

/// The campaign over programs `0..programs` of `seed` that fall in shard `k/n`.
fn campaign(seed: u64, programs: usize, schedules: usize, (k, n): (usize, usize)) -> Tally {
    let mut t = Tally::default();
    for (i, text) in impl_programs(seed).take(programs).enumerate() {
        if i % n != k {
            continue;
        }
        let text = Arc::new(text);
        let program = load_str(&text, "generated.json").expect("loads");
        let mut seen: HashMap<String, Option<String>> = HashMap::new();
        let mut supported = true;
        for j in 0..schedules {
            let sseed = schedule_seed(seed, i, j);
            let (trace, info) = match run_schedule(&text, sseed) {
                Ok(r) => r,
                Err(_) => {
                    supported = false;
                    break;
                }
            };
            t.schedules += 1;
            let key = format!("{}{info:?}", trace.to_json_lines());
            let known = seen.get(&key).cloned();
            // None: agreed; Some(reason): skipped (or disagreed, recorded once).
            let verdict = match known {
                Some(v) => v,
                None => {
                    let v = compare_run(&program, &trace, &info, Runtime::Workers);
                    let v = match v {
                        ImplVerdict::Agree | ImplVerdict::AgreeAtTie => None,
                        ImplVerdict::Skipped(why) => Some(why),
                        ImplVerdict::Disagree { diff } => {
                            t.failures.push((i, sseed, text.to_string(), diff));
                            Some("disagreed".into())
                        }
                        ImplVerdict::ModelError(e) => {
                            t.failures.push((i, sseed, text.to_string(), e));
                            Some("the model failed".into())
                        }
                    };
                    seen.insert(key, v.clone());
                    v
                }
            };
            match verdict {
                None => t.agreed += 1,
                Some(why) => {
                    t.skipped += 1;
                    *t.skip_reasons.entry(why).or_default() += 1;
                }
            }
        }
        if !supported {
            t.unsupported += 1;
            continue;
        }
        t.programs += 1;
        t.distinct += seen.len();
        t.programs_with_several += usize::from(seen.len() > 1);
        if !t.failures.is_empty() && std::env::var_os("AIOSPEC_SHUTTLE_KEEP_GOING").is_none() {
            break;
        }
    }
    t
}

fn report(t: &Tally, seed: u64) -> String {
    let mut out = format!(
        "shuttle on {} workers, seed {seed}: {} programs, {} schedules run ({} agree, {} skipped), {} distinct traces, {} programs with more than one; {} programs unsupported; {} disagreement(s)\n",
        aiospec::backend::WORKERS,
        t.programs,
        t.schedules,
        t.agreed,
        t.skipped,
        t.distinct,
        t.programs_with_several,
        t.unsupported,
        t.failures.len()
    );
    for (why, n) in &t.skip_reasons {
        out.push_str(&format!("  skipped {n}: {why}\n"));
    }
    for (i, sseed, text, diff) in &t.failures {
        out.push_str(&format!(
            "DISAGREE program {i}, schedule seed {sseed}; replay: AIOSPEC_SHUTTLE_SEED={seed} AIOSPEC_SHUTTLE_REPLAY={i}:{sseed} scripts/shuttle.sh --replay\nprogram:\n{text}\n(- model, + impl)\n{diff}\n"
        ));
    }
    out
}

#[test]
fn generated_programs_agree_with_the_model_on_every_schedule() {
    let seed = env("AIOSPEC_SHUTTLE_SEED", 2026) as u64;
    if let Ok(r) = std::env::var("AIOSPEC_SHUTTLE_REPLAY") {
        let (i, sseed) = r.split_once(':').expect("program:schedule-seed");
        let (i, sseed): (usize, u64) = (i.parse().expect("program"), sseed.parse().expect("seed"));
        let text = Arc::new(impl_programs(seed).nth(i).expect("program"));
        let program = load_str(&text, "generated.json").expect("loads");
        println!("program {i}:\n{text}");
        let (trace, info) = run_schedule(&text, sseed).expect("supported");
        println!("{}", trace.to_json_lines());
        println!(
            "{:?}",
            compare_run(&program, &trace, &info, Runtime::Workers)
        );
        return;
    }
    let start = std::time::Instant::now();
    let t = campaign(
        seed,
        env("AIOSPEC_SHUTTLE_PROGRAMS", 40),
        env("AIOSPEC_SHUTTLE_SCHEDULES", 100),
        shard(),
    );
    let r = report(&t, seed);
    println!("{r}{:.1} s", start.elapsed().as_secs_f64());
    // Failures replay from the seeds above; shuttle's panic hook would print the schedule of
    // whatever ran last, which is not the failing one.
    drop(std::panic::take_hook());
    assert!(t.failures.is_empty(), "{r}");
    // The schedules really differ: some program must show more than one trace.
    assert!(
        t.programs_with_several > 0 || t.programs < 10,
        "no program showed two traces over its schedules: {r}"
    );
}

#[test]
fn a_schedule_replays_from_its_seed() {
    // Two runs on one seed give one trace; over a few seeds a racy program gives several.
    let text = Arc::new(
        r#"{"coroutines": {"c": {"params": ["x"], "body": ["print('c', x)"]}},
            "main": ["await asyncio.gather(c(1), c(2), c(3))", "print('end')"]}"#
            .to_string(),
    );
    let mut traces = std::collections::HashSet::new();
    for j in 0..40 {
        let s = schedule_seed(7, 0, j);
        let a = run_schedule(&text, s).expect("runs").0.to_json_lines();
        let b = run_schedule(&text, s).expect("runs").0.to_json_lines();
        assert_eq!(a, b, "schedule seed {s} replayed differently");
        traces.insert(a);
    }
    assert!(
        traces.len() > 1,
        "40 schedules of three children on three workers gave one order"
    );
}

#[test]
fn a_known_wrong_wait_is_found_and_replays() {
    // Negative control: a wait that retrieves every exception (violates W6) disagrees with
    // the model on some schedule of some program, and that schedule replays the disagreement.
    let seed = 11;
    let t = with_fault(Fault::WaitRetrievesAll, || campaign(seed, 300, 4, (0, 1)));
    let (i, sseed, text, _) = t
        .failures
        .first()
        .unwrap_or_else(|| panic!("the fault was not found: {}", report(&t, seed)))
        .clone();
    let program = load_str(&text, "generated.json").expect("loads");
    let text = Arc::new(text);
    let (trace, info) =
        with_fault(Fault::WaitRetrievesAll, || run_schedule(&text, sseed)).expect("supported");
    assert!(
        matches!(
            compare_run(&program, &trace, &info, Runtime::Workers),
            ImplVerdict::Disagree { .. }
        ),
        "program {i} on schedule seed {sseed} did not replay the disagreement"
    );
}
