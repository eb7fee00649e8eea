//! Model throughput: scenarios per second on the seed programs and on the whole corpus, runs
//! per second for `aiospec explore`, and parse + compile + run of a 100-line program from its
//! text (issue 12: under 1 ms), and how a run grows with its task count (issue 11: linear;
//! criterion's per-element time must stay flat from 1,000 to 100,000 tasks).

use std::path::Path;

use aiospec_model::{explore, load_file, load_str, run, Program, PyVersion};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

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
    scaling(c);
}

/// One program per combinator, N tasks each: a gather of N tasks that each await a
/// timer, a Lock handed through N waiters, and a Queue of N items drained by ten workers.
/// Per-task time (criterion's element throughput) flat across N means linear.
fn scaling(c: &mut Criterion) {
    let v = PyVersion::new(12);
    let programs: [(&str, &str); 3] = [
        (
            "gather_tasks",
            "import asyncio\n\nasync def work(i):\n    await asyncio.sleep(0.001 * (i % 7))\n    return i\n\nasync def main():\n    r = await asyncio.gather(*[asyncio.create_task(work(i)) for i in range(N)])\n    print(len(r))\n\nasyncio.run(main())\n",
        ),
        (
            "lock_waiters",
            "import asyncio\n\nasync def work(lock, i):\n    async with lock:\n        await asyncio.sleep(0)\n\nasync def main():\n    lock = asyncio.Lock()\n    await asyncio.gather(*[work(lock, i) for i in range(N)])\n\nasyncio.run(main())\n",
        ),
        (
            "queue_items",
            "import asyncio\n\nasync def worker(q):\n    while True:\n        await q.get()\n        q.task_done()\n\nasync def main():\n    q = asyncio.Queue()\n    ws = [asyncio.create_task(worker(q)) for _ in range(10)]\n    for i in range(N):\n        q.put_nowait(i)\n    await q.join()\n    for w in ws:\n        w.cancel()\n\nasyncio.run(main())\n",
        ),
    ];
    let mut g = c.benchmark_group("model_scaling");
    g.sample_size(10);
    for (name, text) in programs {
        for n in [1_000u64, 10_000, 100_000] {
            let p = load_str(
                &text.replace("range(N)", &format!("range({n})")),
                "scaling.py",
            )
            .expect("loads");
            g.throughput(Throughput::Elements(n));
            g.bench_with_input(BenchmarkId::new(name, n), &p, |b, p| {
                b.iter(|| std::hint::black_box(run(p, v).expect("runs")))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
