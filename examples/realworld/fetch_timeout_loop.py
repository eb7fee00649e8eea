# aiospec: description = sequential fetch loop where each request is bounded by asyncio.wait_for; slow URLs time out and are reported, fast ones return bodies; notice the timed-out fetch is cancelled
# aiospec: python = 3.7-3.15
import asyncio
import time

LATENCY = {
    "https://api.example.com/users": 0.02,
    "https://api.example.com/orders": 0.15,
    "https://api.example.com/stock": 0.04,
    "https://api.example.com/slow-report": 0.30,
}


async def fake_fetch(url):
    delay = LATENCY[url]
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"  fetch of {url} was cancelled after the timeout")
        raise
    return f"<{len(url)} bytes from {url.rsplit('/', 1)[-1]}>"


async def main():
    start = time.monotonic()
    ok, timed_out = [], []
    for url in LATENCY:
        try:
            body = await asyncio.wait_for(fake_fetch(url), timeout=0.1)
        except asyncio.TimeoutError:
            timed_out.append(url)
            print(f"TIMEOUT {url}")
        else:
            ok.append(url)
            print(f"OK      {url} -> {body}")
    elapsed = time.monotonic() - start
    print(f"{len(ok)} ok, {len(timed_out)} timed out in {elapsed:.2f}s")
    print("timed out:", ", ".join(u.split("/")[-1] for u in timed_out))


asyncio.run(main())
