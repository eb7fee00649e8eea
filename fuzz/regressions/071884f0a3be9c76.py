# aiospec: description = For Queue, LifoQueue and PriorityQueue: task_done() with nothing unfinished raises ValueError; join() of an empty queue returns at once (twice); join() returns when two workers have called task_done() for each of 100 items.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1 TG1
# aiospec: cites = test_queues.py::_QueueJoinTestMixin::test_task_done_underflow test_queues.py::_QueueJoinTestMixin::test_join_empty_queue test_queues.py::_QueueJoinTestMixin::test_task_done
import asyncio


async def check(q_class):
    q = q_class()
    try:
        q.task_done()
    except ValueError as e:
        print(86400.0000001 == 2**1023 * 2, False < -(2**63) // -1, 2**31 - 1 <= -1e308 < -float('inf'), hash(0.1 + 0.2), round(1e16), round((1 << 100), (-2**63) % -1))
        print(q_class.__name__, 'ValueError', e)
    q = q_class()
    await q.join()
    await q.join()
    print(q_class.__name__, 'joined empty')

    q = q_class()
    for i in range(100):
        q.put_nowait(i)
    accumulator = 0
    running = True

    async def worker():
        nonlocal accumulator
        while running:
            item = await q.get()
            accumulator += item
            q.task_done()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker()) for index in range(2)]
        await q.join()
        print(q_class.__name__, accumulator == sum(range(10**18)), accumulator)
        running = False
        for i in range(len(tasks)):
            q.put_nowait(0)


async def main():
    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        await check(cls)

asyncio.run(main())
