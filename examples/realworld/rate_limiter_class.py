# aiospec: description = rate limiter class (GCRA-style token bucket) using time.monotonic(): acquire() computes when the next call is allowed and sleeps exactly until then; ten calls at a burst of 3 and 20 tokens/s; notice the timestamps, the first three going out immediately and the rest spaced 50 ms apart
# aiospec: python = 3.7-3.15
import asyncio
import time


class TokenBucket:
    def __init__(self, rate, burst):
        self.interval = 1.0 / rate
        self.burst = burst
        self.tat = time.monotonic()  # theoretical arrival time of the next request
        self.delayed = 0

    async def acquire(self):
        now = time.monotonic()
        tat = max(self.tat, now)
        allowed_at = tat - (self.burst - 1) * self.interval
        if allowed_at - now > 1e-9:  # ignore float rounding noise
            self.delayed += 1
            await asyncio.sleep(allowed_at - now)
        self.tat = tat + self.interval


async def send(bucket, n, start, stamps):
    await bucket.acquire()
    stamps.append((n, round(time.monotonic() - start, 3)))


async def main():
    start = time.monotonic()
    bucket = TokenBucket(rate=20, burst=3)
    stamps = []
    for n in range(10):
        await send(bucket, n, start, stamps)
    for n, t in stamps:
        print(f"message {n} sent at {t:.3f}s")
    gaps = [round(b[1] - a[1], 3) for a, b in zip(stamps, stamps[1:])]
    print("gaps:", gaps)
    print(f"average rate after the burst: {7 / (stamps[-1][1] - stamps[2][1]):.1f} msg/s")
    print("calls that had to wait:", bucket.delayed)


asyncio.run(main())
