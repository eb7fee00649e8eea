# aiospec: description = Queue(maxsize=1.3) takes two items (put_nowait or put) and is then full; a third put_nowait raises QueueFull.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::QueuePutTests::test_float_maxsize
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1.3, )
    q.put_nowait(1)
    q.put_nowait(2)
    print(q.full())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print('QueueFull')
    q = asyncio.Queue(maxsize=1.3, )
    await q.put(1)
    await q.put(2)
    print(q.full())

asyncio.run(main())
