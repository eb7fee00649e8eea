# aiospec: description = A Queue's private deques of waiters: a getter timed out by wait_for leaves _getters empty; a putter waiting on a full queue is one entry of _putters, and none once it is cancelled; a Future appended to _putters is woken (result None) by a get(); here each queue is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = Q1 L8
# aiospec: cites = test_queues.py::QueueGetTests::test_cancelled_getters_not_being_held_in_self_getters test_queues.py::QueuePutTests::test_cancelled_puts_not_being_held_in_self_putters test_queues.py::QueueGetTests::test_get_with_putters
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    queue = asyncio.Queue(maxsize=5, loop=loop)
    try:
        await asyncio.wait_for(queue.get(), 0.1)
    except asyncio.TimeoutError:
        print('get timed out at', loop.time())
    print('getters', len(queue._getters))

    queue = asyncio.Queue(maxsize=1, loop=loop)
    queue.put_nowait(1)
    put_task = asyncio.create_task(queue.put(1))
    await asyncio.sleep(0.01)
    print('putters', len(queue._putters))
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        print('put cancelled')
    print('putters', len(queue._putters))

    q = asyncio.Queue(1, loop=loop)
    q.put_nowait(1)
    waiter = loop.create_future()
    q._putters.append(waiter)
    print('get', await q.get(), 'waiter done', waiter.done(), 'result', waiter.result())

asyncio.run(main())
