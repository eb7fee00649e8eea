"""CPython's own per-child cost of asyncio.gather and asyncio.wait, for comparison with
aiospec-impl (BENCHMARKS.md). Standard library only; run it with each interpreter:

    for p in $(pyenv root)/versions/3.*/bin/python; do $p benches/cpython_gather.py; done

Prints one line per measurement: version, combinator, N, ns per child (median of 7 runs).
"""

import asyncio
import statistics
import sys
import time


async def child(i):
    return i


async def gather_coros(n):
    await asyncio.gather(*[child(i) for i in range(n)])


async def gather_tasks(n):
    await asyncio.gather(*[asyncio.ensure_future(child(i)) for i in range(n)])


async def wait_tasks(n):
    await asyncio.wait([asyncio.ensure_future(child(i)) for i in range(n)])


def measure(fn, n, runs=7):
    times = []
    for _ in range(runs):
        loop = asyncio.new_event_loop()
        t0 = time.perf_counter()
        loop.run_until_complete(fn(n))
        times.append(time.perf_counter() - t0)
        loop.close()
    return statistics.median(times) / n * 1e9


def main():
    v = "%d.%d" % sys.version_info[:2]
    for n in (256, 4096):
        for name, fn in (("gather_coroutines", gather_coros), ("gather_tasks", gather_tasks), ("wait_tasks", wait_tasks)):
            print("%s\t%s\t%d\t%.0f" % (v, name, n, measure(fn, n)))


if __name__ == "__main__":
    main()
