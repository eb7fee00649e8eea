# aiospec: description = load test: 40 simulated requests with seeded random latencies run in batches, and the program reports mean, standard deviation (math.sqrt), percentiles via math.ceil and a text histogram; notice the report is identical on every run because random is seeded
# aiospec: python = 3.7-3.15
import asyncio
import math
import random
import time

random.seed(99)


async def request(i):
    latency = random.choice([0.005, 0.01, 0.015]) + random.randint(0, 4) * 0.005
    await asyncio.sleep(latency)
    return round(latency * 1000)


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


async def main():
    start = time.monotonic()
    samples = []
    for batch_start in range(0, 40, 10):
        samples += await asyncio.gather(*(request(i) for i in range(batch_start, batch_start + 10)))
    mean = sum(samples) / len(samples)
    std = math.sqrt(sum((s - mean) ** 2 for s in samples) / len(samples))
    print(f"n={len(samples)} mean={mean:.2f}ms std={std:.2f}ms min={min(samples)} max={max(samples)}")
    for p in (50, 90, 99):
        print(f"p{p:<3}= {percentile(samples, p)} ms")
    buckets = {}
    for s in samples:
        buckets[s // 10 * 10] = buckets.get(s // 10 * 10, 0) + 1
    for low in sorted(buckets):
        print(f"{low:>3}-{low + 9:<3} {'*' * buckets[low]}")
    print("wall time %.3fs" % (time.monotonic() - start))


asyncio.run(main())
