# aiospec: description = Waiting putters of a maxsize=1 queue are served in order by get(); a put() hands its item to a waiting get(); a task that only put()s into an unbounded queue is done once its item is got; a producer and a consumer of five items through Queue(1), and four putters against one draining getter of Queue(2), all finish.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1 TG1
# aiospec: cites = test_queues.py::QueueGetTests::test_get_with_waiting_putters test_queues.py::QueuePutTests::test_put_with_waiting_getters test_queues.py::QueuePutTests::test_put_cancelled test_queues.py::QueueGetTests::test_why_are_getters_waiting test_queues.py::QueuePutTests::test_why_are_putters_waiting
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    asyncio.create_task(q.put('a'))
    asyncio.create_task(q.put('b'))
    print(await q.get(), await q.get())

    q = asyncio.Queue()
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    await q.put('a')
    print(await t)

    q = asyncio.Queue()

    async def queue_put():
        await q.put(1)
        return True

    t = asyncio.create_task(queue_put())
    print(await q.get(), t.done(), t.result())

    async def consumer(queue, num_expected):
        for _ in range(num_expected):
            await queue.get()

    async def producer(queue, num_items):
        for i in range(num_items):
            await queue.put(i)

    q = asyncio.Queue(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(q, 5))
        tg.create_task(consumer(q, 5))
    print('getters finished', q.qsize())

    queue = asyncio.Queue(2)

    async def putter(item):
        await queue.put(item)

    async def getter():
        await asyncio.sleep(0)
        num = queue.qsize()
        for _ in range(num):
            queue.get_nowait()

    async with asyncio.TaskGroup() as tg:
        tg.create_task(getter())
        tg.create_task(putter(0))
        tg.create_task(putter(1))
        tg.create_task(putter(2))
        tg.create_task(putter(3))
    print('putters finished', queue.qsize())

asyncio.run(main())
