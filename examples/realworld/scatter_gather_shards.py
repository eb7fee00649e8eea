# aiospec: description = scatter/gather search over shards: each shard returns its local top hits, results are merged with sorted(key=lambda) into a global top-k, and a shard that misses the deadline is excluded via wait_for; notice the partial-results flag
# aiospec: python = 3.7-3.15
import asyncio
import random

random.seed(2024)
SHARDS = {f"shard-{i}": [(f"doc{i}{j}", round(random.random(), 3)) for j in range(4)] for i in range(4)}
LATENCY = {"shard-0": 0.02, "shard-1": 0.05, "shard-2": 0.18, "shard-3": 0.03}


async def query_shard(name, k):
    await asyncio.sleep(LATENCY[name])
    hits = sorted(SHARDS[name], key=lambda h: h[1], reverse=True)
    return hits[:k]


async def guarded(name, k, deadline):
    try:
        return name, await asyncio.wait_for(query_shard(name, k), deadline)
    except asyncio.TimeoutError:
        return name, None


async def search(k=3, deadline=0.1):
    answers = await asyncio.gather(*(guarded(n, k, deadline) for n in SHARDS))
    merged = [hit for _, hits in answers if hits for hit in hits]
    missing = [name for name, hits in answers if hits is None]
    top = sorted(merged, key=lambda h: (-h[1], h[0]))[:k]
    return top, missing


async def main():
    top, missing = await search()
    print("partial results:", bool(missing), "missing:", missing)
    for rank, (doc, score) in enumerate(top, 1):
        print(f"#{rank} {doc:<6} score={score:.3f}")
    full, missing = await search(k=5, deadline=0.25)
    print("with a longer deadline, missing:", missing)
    print("top-5:", [d for d, _ in full])


if __name__ == "__main__":
    asyncio.run(main())
