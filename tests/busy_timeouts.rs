//! The model's count of "busy timeouts" (`aiospec_model::busy_timeouts`, counted in
//! `BaseEventLoop::run_once`): a wait or wait_for timeout that fires while other callbacks
//! are ready at the same instant. Which of the two runs first is decided by asyncio's turn
//! order alone, so a runtime with its own order (tokio) may decide it the other way, and the
//! conformance check skips such programs (SPEC C2). These tests pin the count exactly.
//!
//! The expected counts follow from asyncio's event loop (`base_events._run_once`): every
//! timer whose deadline has come is moved to the ready queue in (deadline, scheduling
//! order), including cancelled ones (they are skipped when their turn comes); the callbacks
//! ready when the turn starts run in FIFO order, and what they schedule with `call_soon`
//! joins the queue behind them. `asyncio.sleep(d)` is a timer that sets its future's result
//! (`_set_result_unless_cancelled`), which then schedules the sleeping task's wakeup;
//! `asyncio.wait(fs, timeout=d)` arms a timer calling `_release_waiter`, cancelled by
//! `_on_completion` when the wait ends first; `wait_for` arms `_release_waiter` (3.7-3.11)
//! or `Timeout._on_timeout` (3.12+) at its deadline.

use aiospec_model::{busy_timeouts, load_str, FirstChoice, PyVersion};

fn count(src: &str, v: PyVersion) -> usize {
    let p = load_str(src, "busy.py").expect("loads");
    busy_timeouts(&p, v, &mut FirstChoice).expect("runs")
}

fn all_versions(src: &str, want: usize) {
    for v in PyVersion::ALL {
        assert_eq!(count(src, v), want, "on {v}:\n{src}");
    }
}

/// A wait's timeout alone at its instant: at t=1 the only ready callback is the timeout's
/// `_release_waiter` (the waited task sleeps until t=5). Then main cancels the task and
/// returns. No timeout fires with anything else ready: 0.
#[test]
fn a_timeout_alone_at_its_instant_is_not_busy() {
    all_versions(
        "import asyncio\n\
         async def main():\n\
         \x20   t = asyncio.create_task(asyncio.sleep(5))\n\
         \x20   done, pending = await asyncio.wait([t], timeout=1)\n\
         \x20   print(len(done), len(pending))\n\
         \x20   t.cancel()\n\
         asyncio.run(main())\n",
        0,
    );
}

/// A wait's timeout at the instant another task's sleep ends. At t=0 main starts `sleeper`
/// and yields (`sleep(0)`); sleeper's step arms its timer for t=1, then main's step arms the
/// wait's timeout for t=1 (and the waited task's step arms t=5). At t=1 both timers are due:
/// the ready queue is [sleeper's `_set_result_unless_cancelled`, `_release_waiter`]. The
/// first schedules sleeper's wakeup, so when `_release_waiter` runs, that wakeup is ready
/// too: one busy timeout (whichever order the two timers had, the other callback or what it
/// scheduled is still queued when the timeout runs).
#[test]
fn a_wait_timeout_with_a_sleep_ending_at_the_same_instant_counts_once() {
    all_versions(
        "import asyncio\n\
         async def sleeper():\n\
         \x20   await asyncio.sleep(1)\n\
         async def main():\n\
         \x20   s = asyncio.create_task(sleeper())\n\
         \x20   await asyncio.sleep(0)\n\
         \x20   t = asyncio.create_task(asyncio.sleep(5))\n\
         \x20   done, pending = await asyncio.wait([t], timeout=1)\n\
         \x20   print(len(done), len(pending))\n\
         \x20   t.cancel()\n\
         asyncio.run(main())\n",
        1,
    );
}

/// The same at t=1 and again at t=2 (main waits a second time, sleeper sleeps again): 2.
#[test]
fn each_busy_timeout_is_counted() {
    all_versions(
        "import asyncio\n\
         async def sleeper():\n\
         \x20   await asyncio.sleep(1)\n\
         \x20   await asyncio.sleep(1)\n\
         async def main():\n\
         \x20   s = asyncio.create_task(sleeper())\n\
         \x20   await asyncio.sleep(0)\n\
         \x20   t = asyncio.create_task(asyncio.sleep(5))\n\
         \x20   await asyncio.wait([t], timeout=1)\n\
         \x20   await asyncio.wait([t], timeout=1)\n\
         \x20   t.cancel()\n\
         asyncio.run(main())\n",
        2,
    );
}

/// A wait's timeout whose only companion in the ready queue is a cancelled timer. main arms
/// its wait's timeout for t=1 first; `other` then arms its own wait's timeout for t=1, and
/// cancels it at t=0.5 when the task it waits for (`quick`) finishes. At t=1 both timers
/// are moved to the ready queue, [main's `_release_waiter`, other's cancelled timer]: when
/// main's runs, nothing that will run is ready with it. 0.
#[test]
fn a_cancelled_timer_at_the_same_instant_does_not_make_it_busy() {
    all_versions(
        "import asyncio\n\
         async def quick():\n\
         \x20   await asyncio.sleep(0.5)\n\
         async def other():\n\
         \x20   await asyncio.wait([asyncio.create_task(quick())], timeout=1)\n\
         async def main():\n\
         \x20   slow = asyncio.create_task(asyncio.sleep(5))\n\
         \x20   o = asyncio.create_task(other())\n\
         \x20   done, pending = await asyncio.wait([slow], timeout=1)\n\
         \x20   print(len(done), len(pending), o.done())\n\
         \x20   slow.cancel()\n\
         asyncio.run(main())\n",
        0,
    );
}

/// wait_for's timeout (`_release_waiter` on 3.7-3.11, `Timeout._on_timeout` on 3.12+) at the
/// instant sleeper's sleep ends: busy once, as for wait. What follows the timeout runs alone
/// (3.7-3.11: `_cancel_and_wait`'s `_release_waiter` is a done callback of the cancelled
/// inner task, run in a turn of its own after sleeper has finished): 1 on every version.
#[test]
fn a_wait_for_timeout_with_a_sleep_ending_at_the_same_instant_counts_once() {
    all_versions(
        "import asyncio\n\
         async def sleeper():\n\
         \x20   await asyncio.sleep(1)\n\
         async def main():\n\
         \x20   s = asyncio.create_task(sleeper())\n\
         \x20   await asyncio.sleep(0)\n\
         \x20   try:\n\
         \x20       await asyncio.wait_for(asyncio.sleep(5), 1)\n\
         \x20   except asyncio.TimeoutError:\n\
         \x20       print('timeout')\n\
         asyncio.run(main())\n",
        1,
    );
}

/// Timeouts that never fire count nothing, however busy the loop is: two tasks take turns
/// (`sleep(0)`) while main's wait, whose timeout is far away, ends when they finish. 0.
#[test]
fn a_busy_loop_without_a_timeout_firing_counts_nothing() {
    all_versions(
        "import asyncio\n\
         async def spin(n):\n\
         \x20   for _ in range(n):\n\
         \x20       await asyncio.sleep(0)\n\
         async def main():\n\
         \x20   ts = [asyncio.create_task(spin(3)), asyncio.create_task(spin(4))]\n\
         \x20   done, pending = await asyncio.wait(ts, timeout=100)\n\
         \x20   print(len(done), len(pending))\n\
         asyncio.run(main())\n",
        0,
    );
}
