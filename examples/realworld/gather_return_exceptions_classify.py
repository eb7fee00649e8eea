# aiospec: description = gather(return_exceptions=True) over a mix of succeeding and failing lookups; results are classified with isinstance into values, the program's own NotFound errors and unexpected errors; notice results stay in argument order and exceptions come back as values
# aiospec: python = 3.7-3.15
import asyncio


class NotFound(Exception):
    def __init__(self, key):
        super().__init__(f"no such key: {key!r}")
        self.key = key


STORE = {"alice": 31, "bob": 27, "carol": 45}


async def lookup(key, delay):
    await asyncio.sleep(delay)
    if key == "":
        raise ValueError("empty key")
    if key not in STORE:
        raise NotFound(key)
    return STORE[key]


async def main():
    keys = ["alice", "mallory", "bob", "", "carol", "trent"]
    delays = [0.05, 0.01, 0.03, 0.02, 0.04, 0.06]
    results = await asyncio.gather(*(lookup(k, d) for k, d in zip(keys, delays)), return_exceptions=True)
    found, missing, broken = {}, [], []
    for key, res in zip(keys, results):
        if isinstance(res, NotFound):
            missing.append(res.key)
        elif isinstance(res, Exception):
            broken.append("%s(%r)" % (type(res).__name__, str(res)))
        else:
            found[key] = res
    print("found:", found)
    print("missing:", missing)
    print("broken:", broken)
    print("average age: {:.1f}".format(sum(found.values()) / len(found)))
    print("raw types:", [type(r).__name__ for r in results])


asyncio.run(main())
