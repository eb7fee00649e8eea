# aiospec: description = request factories built with functools.partial and request ids from itertools.count; partial objects are called later to create coroutines for gather; notice the ids are assigned as each coroutine starts (argument order), not in completion order
# aiospec: python = 3.7-3.15
import asyncio
import functools
import itertools

next_id = itertools.count(1000)


async def request(method, path, *, body=None, latency=0.01):
    rid = next(next_id)
    await asyncio.sleep(latency)
    size = len(body) if body else 0
    return rid, f"{method} {path} ({size} bytes)"


async def main():
    get = functools.partial(request, "GET")
    post = functools.partial(request, "POST", latency=0.03)
    slow_get = functools.partial(get, latency=0.05)
    print("partial func:", get.func.__name__, "args:", get.args, "keywords:", post.keywords)
    calls = [
        slow_get("/reports"),
        post("/orders", body="{'sku': 7}"),
        get("/health"),
        post("/orders", body="{}", latency=0.005),
    ]
    results = await asyncio.gather(*calls)
    for rid, text in results:
        print(rid, text)
    by_speed = sorted(results, key=lambda r: r[1])
    print("alphabetical:", [rid for rid, _ in by_speed])
    print("next id would be", next(next_id))


asyncio.run(main())
