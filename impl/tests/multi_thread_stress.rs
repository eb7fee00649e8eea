//! Many short gathers of spawned tasks on tokio multi_thread: no lost wake-up, no hang.

use aiospec_impl::{gather, spawn, AioFuture, Raised};

#[test]
fn many_gathers_of_spawned_tasks_complete() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    let rounds: usize = std::env::var("AIOSPEC_STRESS_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    for n in [1usize, 2, 16] {
        for _ in 0..rounds / n {
            let r = rt.block_on(async move {
                let ts: Vec<AioFuture<u64, ()>> = (0..n as u64)
                    .map(|i| {
                        spawn(async move { Ok::<u64, Raised<()>>(i) })
                            .unwrap()
                            .into()
                    })
                    .collect();
                tokio::time::timeout(std::time::Duration::from_secs(10), gather(ts, false)).await
            });
            assert!(
                r.is_ok(),
                "a gather of {n} spawned tasks did not complete within 10 s"
            );
        }
    }
}
