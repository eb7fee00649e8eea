# aiospec: description = request coalescing cache: concurrent callers asking for the same key share one in-flight Task stored in a dict, later callers hit the cached value; notice the backend is called once per key although many coroutines ask
# aiospec: python = 3.7-3.15
import asyncio


class CoalescingCache:
    def __init__(self, loader):
        self.loader = loader
        self.inflight = {}
        self.values = {}
        self.backend_calls = 0
        self.hits = 0

    async def get(self, key):
        if key in self.values:
            self.hits += 1
            return self.values[key]
        task = self.inflight.get(key)
        if task is None:
            self.backend_calls += 1
            task = asyncio.create_task(self.loader(key))
            self.inflight[key] = task
        try:
            value = await task
        finally:
            self.inflight.pop(key, None)
        self.values[key] = value
        return value


async def load_profile(user):
    await asyncio.sleep(0.03)
    return {"user": user, "score": sum(ord(c) for c in user) % 100}


async def caller(cache, name, user, delay):
    await asyncio.sleep(delay)
    profile = await cache.get(user)
    return f"{name} got {profile['user']}={profile['score']}"


async def main():
    cache = CoalescingCache(load_profile)
    plan = [("c1", "ann", 0.0), ("c2", "ann", 0.01), ("c3", "ben", 0.01), ("c4", "ann", 0.02),
            ("c5", "ben", 0.05), ("c6", "ann", 0.06), ("c7", "cid", 0.06)]
    lines = await asyncio.gather(*(caller(cache, *p) for p in plan))
    print("\n".join(lines))
    print(f"backend calls: {cache.backend_calls}, cache hits: {cache.hits}, in flight now: {len(cache.inflight)}")


asyncio.run(main())
