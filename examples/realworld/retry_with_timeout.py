# aiospec: description = each retry attempt is bounded by wait_for; the first attempts hang past the timeout, get cancelled, and the loop backs off before trying again; notice the attempt counter, the cancellation of each slow attempt and the final success
# aiospec: python = 3.7-3.15
import asyncio
import time

state = {"attempt": 0, "cancelled": 0}


async def connect(host):
    state["attempt"] += 1
    latency = {1: 0.30, 2: 0.20, 3: 0.04}.get(state["attempt"], 0.01)
    try:
        await asyncio.sleep(latency)
    except asyncio.CancelledError:
        state["cancelled"] += 1
        raise
    return f"connected to {host} on attempt {state['attempt']}"


async def connect_with_retry(host, *, timeout=0.08, retries=4, backoff=0.02):
    start = time.monotonic()
    n = 0
    while n < retries:
        try:
            return await asyncio.wait_for(connect(host), timeout)
        except asyncio.TimeoutError:
            wait = backoff * (2 ** n)
            print("attempt %d timed out at %.2fs, sleeping %.2fs" % (n + 1, time.monotonic() - start, wait))
            await asyncio.sleep(wait)
        n += 1
    else:
        raise ConnectionError(f"could not reach {host} after {retries} attempts")


async def main():
    message = await connect_with_retry("db.internal:5432")
    print(message)
    print("cancelled attempts:", state["cancelled"])
    try:
        await connect_with_retry("cache.internal:6379", timeout=0.006, retries=2, backoff=0.01)
    except ConnectionError as exc:
        print("second host:", exc)


asyncio.run(main())
