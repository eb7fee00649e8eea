# aiospec: description = a fixed pool of worker coroutines draining a shared job list with jobs.pop(0) instead of asyncio.Queue; notice how faster workers pick up more jobs and the per-worker tallies
# aiospec: python = 3.7-3.15
import asyncio
import time

COSTS = [0.05, 0.05, 0.01, 0.02, 0.06, 0.04, 0.06, 0.06, 0.06, 0.02]


async def worker(wid, jobs, results, speed):
    handled = 0
    while jobs:
        job_id, cost = jobs.pop(0)
        await asyncio.sleep(cost * speed)
        results[job_id] = f"w{wid}"
        handled += 1
    return handled


async def main():
    jobs = list(enumerate(COSTS))
    results = {}
    start = time.monotonic()
    speeds = {1: 1.0, 2: 1.5, 3: 0.7}
    counts = await asyncio.gather(*(worker(w, jobs, results, s) for w, s in speeds.items()))
    for wid, count in zip(speeds, counts):
        mine = sorted(j for j, w in results.items() if w == f"w{wid}")
        print(f"worker {wid} (speed x{speeds[wid]}): {count} jobs {mine}")
    print("job -> worker:", " ".join(results[j] for j in range(len(COSTS))))
    print("left in list:", len(jobs))
    print(f"wall time {time.monotonic() - start:.3f}s vs serial {sum(COSTS):.2f}s")


asyncio.run(main())
