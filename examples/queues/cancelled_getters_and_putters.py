# aiospec: description = Cancelling a waiting get() does not lose the next item for the other getter; cancelling a waiting put() lets the other putters go in order; cancelling a getter or putter after its wake-up and retrying loses nothing.
# aiospec: python = 3.11-3.15
# aiospec: rules = Q2
# aiospec: cites = test_queues.py::QueueGetTests::test_get_cancelled_race test_queues.py::QueuePutTests::test_put_cancelled_race test_queues.py::QueuePutTests::test_get_cancel_drop_one_pending_reader test_queues.py::QueuePutTests::test_put_cancel_drop
import asyncio


async def get_cancelled_race():
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print('t1 done', t1.done())
    await q.put('a')
    await asyncio.sleep(0)
    print('t2', await t2)


async def put_cancelled_race():
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put('a'))
    put_b = asyncio.create_task(q.put('b'))
    put_c = asyncio.create_task(q.put('X'))
    await asyncio.sleep(0)
    print(put_a.done(), put_b.done())
    put_c.cancel()
    await asyncio.sleep(0)
    print(put_c.done(), q.get_nowait())
    await asyncio.sleep(0)
    print(q.get_nowait())
    await put_b


async def drop_one_pending_reader():
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
        print('reader not cancelled')
    except asyncio.CancelledError:
        print('reader cancelled, retrying')
        reader = asyncio.create_task(q.get())
        await reader
    print('reader result', reader.result())


async def put_cancel_drop():
    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print(q.get_nowait())
    writer.cancel()
    try:
        await writer
        print('writer not cancelled')
    except asyncio.CancelledError:
        print('writer cancelled, retrying')
        writer = asyncio.create_task(q.put(2))
        await writer
    print(q.get_nowait(), q.qsize())


async def main():
    await get_cancelled_race()
    await put_cancelled_race()
    await drop_one_pending_reader()
    await put_cancel_drop()

asyncio.run(main())
