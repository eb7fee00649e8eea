# aiospec: description = Queue basics: empty() before and after put/get; full() false unbounded, true for maxsize=1 holding one item; FIFO order [1, 3, 2]; LifoQueue gives [2, 3, 1], PriorityQueue [1, 2, 3].
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::QueueBasicTests::test_empty test_queues.py::QueueBasicTests::test_full test_queues.py::QueueBasicTests::test_order test_queues.py::LifoQueueTests::test_order test_queues.py::PriorityQueueTests::test_order
import asyncio


async def main():
    q = asyncio.Queue()
    print(q.empty())
    await q.put(1)
    print(q.empty())
    print(await q.get())
    print(q.empty())

    q = asyncio.Queue()
    print(q.full())
    q = asyncio.Queue(maxsize=1)
    await q.put(1)
    print(q.full())

    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        q = cls()
        for i in [1, 3, 2]:
            await q.put(i)
        items = [await q.get() for _ in range(3)]
        print(cls.__name__, items)

asyncio.run(main())
