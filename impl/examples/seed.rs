//! The seed's five programs (../shared/seed/gather-vs-wait.txt), written with aiospec-impl on
//! its asyncio-order executor. Run: `cargo run -p aiospec-impl --example seed`.
//!
//! Each prints what the Python program prints, and the reports of errors nobody retrieved.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aiospec_impl::report::{self, Collector};
use aiospec_impl::{gather, sleep_for, spawn, wait, AioFuture, Executor, Raised, ReturnWhen};

type Lines = Arc<Mutex<Vec<String>>>;

async fn a_flaky_tsk(i: u64, out: Lines) -> Result<u64, Raised<&'static str>> {
    sleep_for(Duration::from_secs(i)).await?;
    if i.is_multiple_of(2) {
        out.lock().unwrap().push(format!("{i} ok"));
        Ok(i)
    } else {
        out.lock().unwrap().push(format!("{i} crashed!"));
        Err(Raised::Error("ValueError"))
    }
}

fn tasks(out: &Lines) -> Vec<AioFuture<u64, &'static str>> {
    (0..10)
        .map(|i| {
            spawn(a_flaky_tsk(i, out.clone()))
                .expect("inside the executor")
                .into()
        })
        .collect()
}

/// Runs program `which` ('a' to 'e'); returns its printed lines and report count.
pub fn run(which: char) -> (Vec<String>, usize) {
    let out: Lines = Arc::new(Mutex::new(Vec::new()));
    let reports = Collector::new();
    report::with_exception_handler(reports.handler(), || {
        let ex = Executor::new();
        let o = out.clone();
        match which {
            // (a) gather: the first exception propagates to main; asyncio.run then cancels the
            // rest (here: the executor is dropped, the children with it).
            'a' => {
                let r = ex.block_on(async move { gather(tasks(&o), false).await });
                if let Ok(Err(e)) = r {
                    o_push(&out, format!("Traceback ... {e}"));
                }
            }
            // (b) gather under run_forever: the siblings keep running; main's error is never
            // retrieved.
            'b' => {
                let main = ex
                    .enter(|| spawn(async move { gather(tasks(&o), false).await.map(|_| 0u64) }))
                    .unwrap();
                ex.run_forever(None);
                drop(main);
            }
            // (c) wait: every child runs, nothing raises, five errors are never retrieved.
            'c' => {
                let _ = ex.block_on(async move {
                    let _ = wait(tasks(&o), None, ReturnWhen::AllCompleted).await;
                });
            }
            // (d) wait, then awaiting each done task retrieves its error.
            'd' => {
                let _ = ex.block_on(async move {
                    let w = wait(tasks(&o), None, ReturnWhen::AllCompleted)
                        .await
                        .unwrap()
                        .unwrap();
                    for t in w.done {
                        if let Err(e) = t.await {
                            o.lock().unwrap().push(format!("I caught: {e}"));
                        }
                    }
                });
            }
            // (e) gather(return_exceptions=True): the errors are results.
            _ => {
                let _ = ex.block_on(async move {
                    for r in gather(tasks(&o), true).await.unwrap() {
                        if let Err(e) = r {
                            o.lock().unwrap().push(format!("I caught: {e}"));
                        }
                    }
                });
            }
        }
        drop(ex);
    });
    let lines = out.lock().unwrap().clone();
    (lines, reports.take().len())
}

fn o_push(out: &Lines, s: String) {
    out.lock().unwrap().push(s);
}

fn main() {
    for which in ['a', 'b', 'c', 'd', 'e'] {
        let (lines, reports) = run(which);
        println!("--- ({which})");
        for l in lines {
            println!("{l}");
        }
        println!("{reports} x 'Task exception was never retrieved'");
    }
}
