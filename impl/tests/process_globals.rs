//! Process-wide state, in a test binary of its own (one test, so nothing runs before it):
//! task numbering starts at 1 as in asyncio (`Task-1`), and the process-wide exception
//! handler receives reports of futures made outside any scoped handler.

use aiospec_impl::report::{self, Collector};
use aiospec_impl::{spawn, AioFuture, Executor, Raised};

#[test]
fn r6_task_numbers_and_the_process_wide_handler() {
    let ex = Executor::new();
    let (a, b) = ex.enter(|| {
        (
            spawn(async { Ok::<u32, Raised<()>>(1) }).unwrap(),
            spawn(async { Ok::<u32, Raised<()>>(2) }).unwrap(),
        )
    });
    assert_eq!(a.name(), "Task-1");
    assert_eq!(b.name(), "Task-2");

    let c = Collector::new();
    report::set_exception_handler(c.handler());
    {
        let f: AioFuture<u32, &'static str> = AioFuture::new();
        f.set_exception(Raised::Error("x"));
    }
    let r = c.take();
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].message, "Future exception was never retrieved");
}
