# aiospec: description = drift-free periodic jobs: each job computes its next deadline from time.monotonic() and sleeps max(0, next_run - now), with one run that overruns its period and is skipped ahead; notice the run timestamps stay on the grid and the skipped tick
# aiospec: python = 3.7-3.15
import asyncio
import itertools
import time


async def periodic(name, period, runs, work, log, start):
    next_run = time.monotonic() + period
    skipped = 0
    for n in itertools.count(1):
        now = time.monotonic()
        await asyncio.sleep(max(0.0, next_run - now))
        stamp = time.monotonic() - start
        log.append((round(stamp, 3), name, n))
        await asyncio.sleep(work(n))
        next_run += period
        while next_run < time.monotonic():
            next_run += period
            skipped += 1
        if n == runs:
            break
    return name, skipped


async def main():
    start = time.monotonic()
    log = []
    results = await asyncio.gather(
        periodic("metrics", 0.05, 5, lambda n: 0.012, log, start),
        periodic("backup", 0.08, 3, lambda n: 0.09 if n == 1 else 0.03, log, start),
    )
    for stamp, name, n in sorted(log):
        print(f"{stamp:6.3f}  {name:<8} run {n}")
    for name, skipped in results:
        print(f"{name}: skipped {skipped} tick(s)")


asyncio.run(main())
