# aiospec: description = exponential backoff with seeded random jitter (random.seed then random.uniform) for three concurrent clients with different base delays hitting a flaky endpoint; notice how jitter spreads the retries apart and the deterministic attempt log
# aiospec: python = 3.7-3.15
import asyncio
import random
import time

random.seed(5)
FAIL_UNTIL = {"alpha": 2, "beta": 1, "gamma": 3}
BASE = {"alpha": 0.02, "beta": 0.03, "gamma": 0.045}
log = []


async def call_endpoint(client, attempt):
    await asyncio.sleep(0.01)
    if attempt < FAIL_UNTIL[client]:
        raise RuntimeError("503 Service Unavailable")
    return 200


async def client_loop(client, start, max_attempts=5):
    for attempt in range(max_attempts):
        try:
            status = await call_endpoint(client, attempt)
        except RuntimeError as exc:
            backoff = BASE[client] * (2 ** attempt)
            jitter = random.uniform(0, backoff / 2)
            log.append((round(time.monotonic() - start, 3), client, attempt, str(exc)))
            await asyncio.sleep(backoff + jitter)
        else:
            log.append((round(time.monotonic() - start, 3), client, attempt, f"status {status}"))
            return attempt + 1
    return None


async def main():
    start = time.monotonic()
    counts = await asyncio.gather(*(client_loop(c, start) for c in ("alpha", "beta", "gamma")))
    for t, client, attempt, what in log:
        print(f"{t:6.3f}  {client:<6} #{attempt}  {what}")
    print(dict(zip(("alpha", "beta", "gamma"), counts)))


asyncio.run(main())
