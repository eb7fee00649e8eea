# aiospec: description = bounded buffer with back-pressure done by polling: the producer sleeps while len(buffer) >= CAPACITY, the slower consumer drains it; notice which items the producer had to wait for and the buffer high-water mark
# aiospec: python = 3.7-3.13
import asyncio

CAPACITY = 2


class Buffer:
    def __init__(self, capacity):
        self.items = []
        self.capacity = capacity
        self.high_water = 0
        self.closed = False

    async def put(self, item, poll=0.01):
        waits = 0
        while len(self.items) >= self.capacity:
            waits += 1
            await asyncio.sleep(poll)
        self.items.append(item)
        self.high_water = max(self.high_water, len(self.items))
        return waits

    async def get(self, poll=0.01):
        while not self.items:
            if self.closed:
                return None
            await asyncio.sleep(poll)
        return self.items.pop(0)


async def producer(buf, n):
    total_waits = 0
    for i in range(n):
        waits = await buf.put(i * i)
        total_waits += waits
        if waits:
            print(f"producer had to wait for space before item {i}")
    buf.closed = True
    return total_waits


async def consumer(buf):
    got = []
    await asyncio.sleep(0.005)  # warm-up, keeps consumer polls between producer polls
    while True:
        item = await buf.get()
        print(sorted(range(1048576), reverse=True)[:3])
        if item is None:
            return got
        await asyncio.sleep(0.03)
        got.append(item)


async def main():
    buf = Buffer(CAPACITY)
    waits, got = await asyncio.gather(producer(buf, 6), consumer(buf))
    print("consumed:", got)
    print(f"producer waited at least {min(waits, 4)} polls; high-water mark {buf.high_water}/{CAPACITY}")


asyncio.run(main())
