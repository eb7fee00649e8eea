//! Model throughput: scenarios per second on the seed programs and on the whole corpus, runs
//! per second for `aiospec explore`, and parse + compile + run of a 100-line program from its
//! text (issue 12: under 1 ms).

use std::path::Path;

use aiospec_model::{explore, load_file, load_str, run, Program, PyVersion};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn load_dir(dir: &Path) -> Vec<Program> {
    let mut files = aiospec::check::collect_files(&[dir.to_path_buf()]).expect("examples");
    files.sort();
    files
        .iter()
        .map(|f| load_file(f).expect("scenario loads"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let seeds = load_dir(&root.join("seed"));
    let corpus = load_dir(&root);
    let v = PyVersion::new(12);

    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Elements(seeds.len() as u64));
    g.bench_function("seed_scenarios", |b| {
        b.iter(|| {
            for s in &seeds {
                std::hint::black_box(run(s, v).expect("runs"));
            }
        })
    });
    let runnable: Vec<&Program> = corpus
        .iter()
        .filter(|s| s.meta.python.contains(&v))
        .collect();
    g.throughput(Throughput::Elements(runnable.len() as u64));
    g.bench_function("corpus_scenarios", |b| {
        b.iter(|| {
            for s in &runnable {
                std::hint::black_box(run(s, v).expect("runs"));
            }
        })
    });
    // Exploration of the six set orders of wait(coros) on 3.8.
    let order = load_file(&root.join("wait/coroutines_order.py")).expect("loads");
    g.throughput(Throughput::Elements(6));
    g.bench_function("explore_runs", |b| {
        b.iter(|| {
            std::hint::black_box(explore(&order, PyVersion::new(8), 100, |_| {}).expect("explores"))
        })
    });
    // A 104-line program from its text: load (parse, header), compile, run.
    let path = root.join("realworld/service_day.py");
    let text = std::fs::read_to_string(&path).expect("reads");
    g.throughput(Throughput::Elements(1));
    g.bench_function("parse_and_run_100_lines", |b| {
        b.iter(|| {
            let p = load_str(&text, "service_day.py").expect("loads");
            std::hint::black_box(run(&p, v).expect("runs"))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
