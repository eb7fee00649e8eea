# aiospec: description = a synchronous context manager class (__enter__/__exit__) that times awaited phases with time.perf_counter and records them in a dict, including a phase that raises (the exception is not suppressed); notice the per-phase durations and the failed flag
# aiospec: python = 3.7-3.15
import asyncio
import time


class Timer:
    records = {}

    def __init__(self, label):
        self.label = label
        self.elapsed = None

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.elapsed = time.perf_counter() - self.start
        status = "failed" if exc_type else "ok"
        Timer.records[self.label] = (round(self.elapsed, 3), status)
        return False


async def fetch_rows(n):
    await asyncio.sleep(0.004 * n)
    return list(range(n))


async def transform(rows):
    await asyncio.sleep(0.03)
    if len(rows) > 20:
        raise OverflowError(f"{len(rows)} rows exceed the batch limit")
    return [r * r for r in rows]


async def main():
    with Timer("extract") as t:
        rows = await fetch_rows(25)
    print(f"extract took {t.elapsed:.3f}s for {len(rows)} rows")
    try:
        with Timer("transform"):
            await transform(rows)
    except OverflowError as exc:
        print("transform error:", exc)
    with Timer("transform-small"):
        squares = await transform(rows[:10])
    with Timer("load"):
        await asyncio.gather(*(asyncio.sleep(0.01 * i) for i in range(1, 4)))
    print("squares:", squares[-3:])
    for label, (secs, status) in Timer.records.items():
        print(f"{label:<16}{secs:>7.3f}s  {status}")
    total = sum(secs for secs, _ in Timer.records.values())
    print(f"{'total':<16}{total:>7.3f}s")


asyncio.run(main())
