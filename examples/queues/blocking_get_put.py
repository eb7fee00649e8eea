# aiospec: description = await get() of a queued item and await put() into an unbounded queue return at once; a get() waiting on an empty queue returns the item put by a timer at 0.01; a put() into a full maxsize=1 queue returns when a timer at 0.01 takes an item.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::QueueGetTests::test_blocking_get test_queues.py::QueueGetTests::test_blocking_get_wait test_queues.py::QueuePutTests::test_blocking_put test_queues.py::QueuePutTests::test_blocking_put_wait
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    q.put_nowait(1)
    print(await q.get())

    q = asyncio.Queue()
    started = asyncio.Event()
    finished = False

    async def queue_get():
        nonlocal finished
        started.set()
        res = await q.get()
        finished = True
        return res

    queue_get_task = asyncio.create_task(queue_get())
    await started.wait()
    print(finished)
    loop.call_later(0.01, q.put_nowait, 1)
    res = await queue_get_task
    print(finished, res, loop.time())

    q = asyncio.Queue()
    await q.put(1)
    print(await q.get())

    q = asyncio.Queue(maxsize=1)
    started = asyncio.Event()
    finished = False

    async def queue_put():
        nonlocal finished
        started.set()
        await q.put(1)
        await q.put(2)
        finished = True

    loop.call_later(0.01, q.get_nowait)
    queue_put_task = asyncio.create_task(queue_put())
    await started.wait()
    print(finished)
    await queue_put_task
    print(finished, loop.time())

asyncio.run(main())
