//! SPEC.md traceability, enforced: every rule is cited by a test and by the code that
//! implements it, every cited id exists, and every example SPEC.md shows still produces the
//! Python and the output shown (on the model here; on CPython in `oracle.rs`).

mod common;

use aiospec::spec;
use aiospec_model::run;

#[test]
fn no_orphans_in_either_direction() {
    let problems = spec::audit(&common::root()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        problems.is_empty(),
        "traceability problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn spec_defines_the_rule_areas() {
    let s = spec::load(&common::root()).unwrap_or_else(|e| panic!("{e}"));
    for area in ["L1", "F1", "T1", "S1", "G1", "W1", "WF1", "R1", "X1", "C1"] {
        assert!(s.rules.iter().any(|r| r.id == area), "SPEC.md lacks {area}");
    }
    assert!(s.rules.len() >= 60, "{} rules", s.rules.len());
}

#[test]
fn spec_examples_show_what_the_model_produces() {
    let root = common::root();
    let s = spec::load(&root).unwrap_or_else(|e| panic!("{e}"));
    assert!(s.examples.len() >= 20);
    for b in &s.examples {
        let python = spec::block_python(b, &root).unwrap_or_else(|e| panic!("{e}"));
        let scenario = spec::block_program(b, &root).unwrap_or_else(|e| panic!("{e}"));
        let trace = run(&scenario, b.version).unwrap_or_else(|e| panic!("{e}"));
        let want = spec::render_block(b, &python, &trace);
        assert_eq!(
            b.content, want,
            "SPEC.md's block for {} on {} is stale (run `aiospec spec --update`)",
            b.path, b.version
        );
    }
}

#[test]
fn citation_syntax() {
    assert_eq!(spec::cited_ids("fn g2_first_exception() {").0, vec!["G2"]);
    assert_eq!(
        spec::cited_ids("    // G4, R3: late exceptions").0,
        vec!["G4", "R3"]
    );
    assert_eq!(spec::cited_ids("fn wf3_zero() {").0, vec!["WF3"]);
    assert!(spec::cited_ids("let g2 = 1;").0.is_empty());
}

/// Each SPEC.md example's timeline (and each seed program's) in spec/timelines/ is what the
/// model draws now (issue 17; `aiospec spec --timelines` redraws them), and nothing else is
/// there.
#[test]
fn spec_timelines_are_up_to_date() {
    let root = common::root();
    let pictures = spec::timelines(&root).unwrap_or_else(|e| panic!("{e}"));
    let s = spec::load(&root).unwrap_or_else(|e| panic!("{e}"));
    assert!(pictures.len() > s.examples.len());
    for (file, svg) in &pictures {
        let on_disk = std::fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("{file}: {e} (run `aiospec spec --timelines`)"));
        assert!(
            on_disk == *svg,
            "{file} is stale (run `aiospec spec --timelines`)"
        );
    }
    let kept = std::fs::read_dir(root.join(spec::TIMELINES_DIR))
        .expect("spec/timelines")
        .count();
    assert_eq!(
        kept,
        pictures.len(),
        "spec/timelines holds pictures nothing shows"
    );
    // The README shows the seed programs' pictures.
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    for (path, v) in spec::SEED_PICTURES {
        let file = spec::timeline_file(path, v.parse().expect("version"));
        assert!(readme.contains(&file), "README.md does not show {file}");
    }
}
