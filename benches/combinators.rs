//! Combinator overhead: aiospec-impl's gather and wait against the Rust peers people would use
//! instead, measured in the same run, for N children. `scripts/bench_table.py` turns the
//! results into BENCHMARKS.md's tables (ns per child and ratios).

use std::future::Future;
use std::time::Duration;

use aiospec_impl::{as_completed, gather, spawn, wait, AioFuture, Raised, ReturnWhen};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures::stream::{FuturesUnordered, StreamExt};

const SIZES: [usize; 5] = [1, 16, 256, 4096, 65536];

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime")
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("runtime")
}

fn ready_futures(n: usize) -> Vec<AioFuture<u64, ()>> {
    (0..n as u64)
        .map(|i| {
            let f = AioFuture::new();
            f.set_result(i);
            f
        })
        .collect()
}

fn bench_ready(c: &mut Criterion) {
    let rt = current_thread();
    let mut g = c.benchmark_group("gather_ready");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_gather", n), &n, |b, &n| {
            b.iter(|| rt.block_on(async { gather(ready_futures(n), false).await.map(|v| v.len()) }))
        });
        g.bench_with_input(BenchmarkId::new("join_all", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    futures::future::join_all((0..n as u64).map(futures::future::ready))
                        .await
                        .len()
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("try_join_all", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    futures::future::try_join_all(
                        (0..n as u64).map(|i| futures::future::ready(Ok::<u64, ()>(i))),
                    )
                    .await
                    .map(|v| v.len())
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("futures_unordered", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let s: FuturesUnordered<_> =
                        (0..n as u64).map(futures::future::ready).collect();
                    s.collect::<Vec<u64>>().await.len()
                })
            })
        });
    }
    g.finish();
}

async fn aiospec_spawned(n: usize) -> usize {
    let ts: Vec<AioFuture<u64, ()>> = (0..n as u64)
        .map(|i| {
            spawn(async move { Ok::<u64, Raised<()>>(i) })
                .expect("runtime")
                .into()
        })
        .collect();
    gather(ts, false).await.map(|v| v.len()).unwrap_or(0)
}

async fn joinset(n: usize) -> usize {
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n as u64 {
        set.spawn(async move { i });
    }
    let mut k = 0;
    while let Some(r) = set.join_next().await {
        k += r.is_ok() as usize;
    }
    k
}

async fn handles(n: usize) -> usize {
    let hs: Vec<_> = (0..n as u64)
        .map(|i| tokio::spawn(async move { i }))
        .collect();
    let mut k = 0;
    for h in hs {
        k += h.await.is_ok() as usize;
    }
    k
}

fn bench_spawned_on(c: &mut Criterion, name: &str, rt: &tokio::runtime::Runtime) {
    let mut g = c.benchmark_group(format!("gather_spawned_{name}"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_gather", n), &n, |b, &n| {
            b.iter(|| rt.block_on(aiospec_spawned(n)))
        });
        g.bench_with_input(BenchmarkId::new("joinset", n), &n, |b, &n| {
            b.iter(|| rt.block_on(joinset(n)))
        });
        g.bench_with_input(
            BenchmarkId::new("spawn_and_await_handles", n),
            &n,
            |b, &n| b.iter(|| rt.block_on(handles(n))),
        );
    }
    g.finish();
}

fn bench_spawned(c: &mut Criterion) {
    bench_spawned_on(c, "current_thread", &current_thread());
    bench_spawned_on(c, "multi_thread", &multi_thread());
    // aiospec's asyncio-order executor (for the comparison with CPython's asyncio).
    let mut g = c.benchmark_group("gather_spawned_executor");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_gather", n), &n, |b, &n| {
            b.iter(|| {
                aiospec_impl::Executor::new()
                    .block_on(aiospec_spawned(n))
                    .unwrap_or(0)
            })
        });
    }
    g.finish();
}

/// wait(FIRST_COMPLETED) over N pending futures of which one completes, against select_all.
fn bench_first_completed(c: &mut Criterion) {
    let rt = current_thread();
    let mut g = c.benchmark_group("wait_first_completed");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_wait", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let fs: Vec<AioFuture<u64, ()>> = (0..n).map(|_| AioFuture::new()).collect();
                    fs[n / 2].set_result(1);
                    let w = wait(fs, None, ReturnWhen::FirstCompleted)
                        .await
                        .expect("non-empty")
                        .expect("not cancelled");
                    w.done.len()
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("select_all", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let fs: Vec<std::pin::Pin<Box<dyn Future<Output = u64> + Send>>> = (0..n)
                        .map(|i| -> std::pin::Pin<Box<dyn Future<Output = u64> + Send>> {
                            if i == n / 2 {
                                Box::pin(futures::future::ready(1))
                            } else {
                                Box::pin(futures::future::pending())
                            }
                        })
                        .collect();
                    let (v, _, rest) = futures::future::select_all(fs).await;
                    v as usize + rest.len()
                })
            })
        });
        // The same, with children that are real pending futures (tokio oneshot receivers,
        // one of them sent): each registers a waker when polled, as ours register callbacks.
        g.bench_with_input(BenchmarkId::new("select_all_oneshot", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let (txs, rxs): (Vec<_>, Vec<_>) = (0..n)
                        .map(|_| tokio::sync::oneshot::channel::<u64>())
                        .unzip();
                    let mut txs: Vec<Option<_>> = txs.into_iter().map(Some).collect();
                    if let Some(tx) = txs[n / 2].take() {
                        let _ = tx.send(1);
                    }
                    let (v, _, rest) = futures::future::select_all(rxs).await;
                    drop(txs);
                    v.unwrap_or(0) as usize + rest.len()
                })
            })
        });
    }
    g.finish();
}

/// wait(ALL_COMPLETED) over N spawned tasks, against draining a JoinSet.
fn bench_all_completed(c: &mut Criterion) {
    let rt = current_thread();
    let mut g = c.benchmark_group("wait_all_completed");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_wait", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let ts: Vec<AioFuture<u64, ()>> = (0..n as u64)
                        .map(|i| {
                            spawn(async move { Ok::<u64, Raised<()>>(i) })
                                .expect("rt")
                                .into()
                        })
                        .collect();
                    wait(ts, None, ReturnWhen::AllCompleted)
                        .await
                        .expect("non-empty")
                        .expect("not cancelled")
                        .done
                        .len()
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("joinset", n), &n, |b, &n| {
            b.iter(|| rt.block_on(joinset(n)))
        });
    }
    g.finish();
}

/// as_completed draining N spawned tasks, against a `FuturesUnordered` of N tokio tasks'
/// handles drained (both O(N) in total), on current_thread.
fn bench_as_completed(c: &mut Criterion) {
    let rt = current_thread();
    let mut g = c.benchmark_group("as_completed");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("aiospec_as_completed", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let ts: Vec<AioFuture<u64, ()>> = (0..n as u64)
                        .map(|i| {
                            spawn(async move { Ok::<u64, Raised<()>>(i) })
                                .expect("rt")
                                .into()
                        })
                        .collect();
                    let mut it = as_completed(ts, None).expect("rt");
                    let mut k = 0;
                    while let Some(r) = it.next_result().await {
                        k += r.unwrap_or(0);
                    }
                    k
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("futures_unordered", n), &n, |b, &n| {
            b.iter(|| {
                rt.block_on(async {
                    let mut s: FuturesUnordered<_> = (0..n as u64)
                        .map(|i| tokio::spawn(async move { i }))
                        .collect();
                    let mut k = 0;
                    while let Some(r) = s.next().await {
                        k += r.unwrap_or(0);
                    }
                    k
                })
            })
        });
    }
    g.finish();
}

/// What retrieval tracking and cancellation support cost: an AioFuture completed and read,
/// against a tokio oneshot sent and received.
fn bench_future_cost(c: &mut Criterion) {
    let rt = current_thread();
    let mut g = c.benchmark_group("future_cost");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let n = 4096;
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("aiospec_future", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut k = 0;
                for i in 0..n as u64 {
                    let f: AioFuture<u64, ()> = AioFuture::new();
                    f.set_result(i);
                    k += f.await.unwrap_or(0);
                }
                k
            })
        })
    });
    g.bench_function("tokio_oneshot", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut k = 0;
                for i in 0..n as u64 {
                    let (tx, rx) = tokio::sync::oneshot::channel();
                    let _ = tx.send(i);
                    k += rx.await.unwrap_or(0);
                }
                k
            })
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_ready,
    bench_spawned,
    bench_first_completed,
    bench_all_completed,
    bench_as_completed,
    bench_future_cost
);
criterion_main!(benches);
