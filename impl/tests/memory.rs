//! Memory: a million gather-and-wait rounds over completed tasks leave the process's resident
//! memory flat, so no callback, future or task leaks (measured, from /proc/self/statm).

use aiospec_impl::{gather, spawn, wait, Executor, Raised, ReturnWhen};

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

#[test]
fn a_million_gather_and_wait_rounds_leave_memory_flat() {
    let rounds: usize = std::env::var("AIOSPEC_MEMORY_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let ex = Executor::new();
    let measured = ex
        .block_on(async move {
            let mut before = None;
            for i in 0..rounds {
                if i == rounds / 10 {
                    before = rss_kib();
                }
                let a = spawn(async { Ok::<u32, Raised<()>>(1) }).unwrap();
                let b = spawn(async { Ok::<u32, Raised<()>>(2) }).unwrap();
                let r = gather(vec![a.clone().into(), b.clone().into()], false)
                    .await
                    .unwrap();
                assert_eq!(r.len(), 2);
                let w = wait(vec![a.into(), b.into()], None, ReturnWhen::AllCompleted)
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(w.done.len(), 2);
            }
            (before, rss_kib())
        })
        .unwrap();
    let (Some(before), Some(after)) = measured else {
        eprintln!("no /proc/self/statm: memory not measured");
        return;
    };
    eprintln!(
        "RSS after {}k rounds: {before} KiB; after {rounds}: {after} KiB",
        rounds / 10 / 1000
    );
    assert!(
        after <= before + 2048,
        "RSS grew from {before} KiB to {after} KiB"
    );
}
