# aiospec: description = debouncing search-as-you-type: each keystroke cancels the previously scheduled search task and schedules a new one, so only pauses longer than the debounce delay trigger a search; notice which queries actually run and how many tasks were cancelled
# aiospec: python = 3.7-3.15
import asyncio


class Debouncer:
    def __init__(self, delay, action):
        self.delay = delay
        self.action = action
        self.pending = None
        self.cancelled = 0
        self.fired = []

    def trigger(self, value):
        if self.pending is not None and not self.pending.done():
            self.pending.cancel()
            self.cancelled += 1
        self.pending = asyncio.create_task(self._later(value))

    async def _later(self, value):
        await asyncio.sleep(self.delay)
        self.fired.append(value)
        await self.action(value)


async def search(query):
    await asyncio.sleep(0.01)
    hits = [w for w in ("asyncio", "async", "asynchronous", "await", "awaitable") if w.startswith(query)]
    print(f"search {query!r}: {hits}")


async def main():
    debounce = Debouncer(0.05, search)
    typing_plan = [("a", 0.02), ("as", 0.03), ("asy", 0.08), ("asyn", 0.01), ("async", 0.02),
                   ("asynci", 0.1), ("aw", 0.03), ("awa", 0.0)]
    text = ""
    for text, pause in typing_plan:
        debounce.trigger(text)
        await asyncio.sleep(pause)
    await debounce.pending
    print("searches run:", debounce.fired)
    print(f"keystrokes: {len(typing_plan)}, cancelled searches: {debounce.cancelled}")


asyncio.run(main())
