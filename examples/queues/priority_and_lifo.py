# aiospec: description = PriorityQueue returns the smallest item first (heapq order, ties by the next tuple field); LifoQueue the newest; str() and repr() show the queue.
# aiospec: rules = Q2
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z'), (0, 'first')]:
        pq.put_nowait(item)
    print(str(pq))
    print([pq.get_nowait() for _ in range(pq.qsize())])
    lq = asyncio.LifoQueue()
    for i in range(4):
        await lq.put(i)
    print(lq, lq.full(), lq.maxsize)
    print([await lq.get() for _ in range(4)], lq.empty())

asyncio.run(main())
