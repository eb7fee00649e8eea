# aiospec: description = read-through cache with a stale fallback: the origin is asked with wait_for, and on timeout or error the last known value is served and marked stale; notice the source column (origin / stale / none) per request
# aiospec: python = 3.7-3.15
import asyncio


class PriceService:
    def __init__(self, script):
        self.script = script
        self.calls = 0

    async def fetch(self, sku):
        delay, outcome = self.script[self.calls % len(self.script)]
        self.calls += 1
        await asyncio.sleep(delay)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


async def get_price(service, cache, sku, timeout=0.05):
    try:
        price = await asyncio.wait_for(service.fetch(sku), timeout)
    except (asyncio.TimeoutError, ConnectionError) as exc:
        reason = "timeout" if isinstance(exc, asyncio.TimeoutError) else "error"
        if sku in cache:
            return cache[sku], f"stale ({reason})"
        return None, f"none ({reason})"
    cache[sku] = price
    return price, "origin"


async def main():
    service = PriceService([
        (0.01, 9.99), (0.2, 10.49), (0.02, ConnectionError("reset")), (0.03, 10.99), (0.09, 11.25),
    ])
    cache = {}
    rows = []
    for sku in ["A1", "A1", "A1", "A1", "B2", "A1"]:
        price, source = await get_price(service, cache, sku)
        rows.append((sku, price, source))
    for sku, price, source in rows:
        shown = "-" if price is None else "%.2f" % price
        print("{:<4}{:>7}  {}".format(sku, shown, source))
    print("origin calls:", service.calls, "cache:", cache)


asyncio.run(main())
