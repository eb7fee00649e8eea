# aiospec: description = a paginated API wrapped in a class implementing __aiter__/__anext__ that fetches pages lazily and raises StopAsyncIteration at the end; consumed with async for, with break after a limit; notice how many pages were actually fetched
# aiospec: python = 3.7-3.15
import asyncio

RECORDS = [f"rec-{i:02d}" for i in range(1, 24)]


class PagedResults:
    def __init__(self, page_size, latency=0.01):
        self.page_size = page_size
        self.latency = latency
        self.page = 0
        self.buffer = []
        self.pages_fetched = 0
        self.exhausted = False

    def __aiter__(self):
        return self

    async def _fetch_page(self):
        await asyncio.sleep(self.latency)
        start = self.page * self.page_size
        chunk = RECORDS[start:start + self.page_size]
        self.page += 1
        self.pages_fetched += 1
        if len(chunk) < self.page_size:
            self.exhausted = True
        return chunk

    async def __anext__(self):
        if not self.buffer:
            if self.exhausted:
                raise StopAsyncIteration
            self.buffer = await self._fetch_page()
            if not self.buffer:
                raise StopAsyncIteration
        return self.buffer.pop(0)


async def main():
    everything = []
    async for record in PagedResults(page_size=5):
        everything.append(record)
    print(f"read {len(everything)} records: first={everything[0]} last={everything[-1]}")

    limited = PagedResults(page_size=4)
    taken = []
    async for record in limited:
        if record.endswith("0"):
            continue
        taken.append(record)
        if len(taken) == 6:
            break
    print("took", taken)
    print(f"pages fetched: {limited.pages_fetched}, still buffered: {limited.buffer}")


asyncio.run(main())
