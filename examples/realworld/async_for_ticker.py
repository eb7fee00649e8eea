# aiospec: description = an async iterator class (Ticker with __aiter__/__anext__) that yields numbered ticks at a fixed interval until a limit, built through functools.partial presets; two consumers iterate different tickers concurrently with async for and one breaks early; notice the interleaved tick log
# aiospec: python = 3.7-3.15
import asyncio
import functools
import time


class Ticker:
    def __init__(self, interval, limit, label="tick"):
        self.interval = interval
        self.limit = limit
        self.label = label
        self.count = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.count >= self.limit:
            raise StopAsyncIteration
        await asyncio.sleep(self.interval)
        self.count += 1
        return f"{self.label}#{self.count}"


fast_ticker = functools.partial(Ticker, 0.02, label="fast")
slow_ticker = functools.partial(Ticker, 0.05, label="slow")


async def consume(ticker, log, stop_at=None):
    seen = 0
    start = time.monotonic()
    async for tick in ticker:
        seen += 1
        log.append(f"{time.monotonic() - start:.2f} {tick}")
        if stop_at is not None and seen == stop_at:
            break
    return ticker.label, seen, ticker.count


async def main():
    log = []
    results = await asyncio.gather(
        consume(fast_ticker(limit=10), log, stop_at=4),
        consume(slow_ticker(limit=3), log),
    )
    print("\n".join(log))
    for label, seen, produced in results:
        print(f"{label}: consumed {seen}, ticker produced {produced}")


asyncio.run(main())
