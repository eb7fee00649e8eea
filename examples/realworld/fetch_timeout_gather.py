# aiospec: description = concurrent fetches each wrapped in wait_for inside a helper that turns timeouts into (url, None); results are summarised with sum/max/min and a dict comprehension; notice gather keeps argument order even though completion order differs
# aiospec: python = 3.7-3.15
import asyncio
import random
import time

random.seed(1234)
URLS = ["/a", "/b", "/c", "/d", "/e", "/f"]
DELAYS = {u: round(random.uniform(0.01, 0.3), 3) for u in URLS}


async def fetch(url):
    await asyncio.sleep(DELAYS[url])
    print(f"  completed {url} after {DELAYS[url]:.3f}s")
    return len(url) * 100 + int(DELAYS[url] * 1000)


async def fetch_or_none(url, timeout):
    try:
        return url, await asyncio.wait_for(fetch(url), timeout)
    except asyncio.TimeoutError:
        print(f"  timed out {url}")
        return url, None


async def main():
    start = time.perf_counter()
    pairs = await asyncio.gather(*[fetch_or_none(u, 0.15) for u in URLS])
    good = {url: size for url, size in pairs if size is not None}
    missing = [url for url, size in pairs if size is None]
    print("in argument order:", [url for url, _ in pairs])
    print(f"received {len(good)}/{len(URLS)}, total={sum(good.values())}")
    if good:
        print(f"largest={max(good.values())} smallest={min(good.values())}")
    print("missing:", missing)
    print("elapsed %.2f s" % (time.perf_counter() - start))


asyncio.run(main())
