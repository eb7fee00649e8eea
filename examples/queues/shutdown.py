# aiospec: description = Queue.shutdown() for Queue, LifoQueue and PriorityQueue: of an empty queue (a waiting get() raises QueueShutDown, join() returns); of a full one (a waiting put() raises, the queued item can still be got, join() waits for task_done()); immediate=True (the items are dropped, join() returns once the unfinished count reaches 0); put/get then raise QueueShutDown and extra task_done() ValueError.
# aiospec: python = 3.13-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::_QueueShutdownTestMixin::test_shutdown_empty test_queues.py::_QueueShutdownTestMixin::test_shutdown_nonempty test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate_with_unfinished
import asyncio


async def raises_shutdown(label, aw=None, fn=None):
    try:
        if aw is not None:
            await aw
        else:
            fn()
        print(label, 'no exception')
    except asyncio.QueueShutDown:
        print(label, 'QueueShutDown')


async def put_get_raise(q):
    await raises_shutdown('put', aw=q.put("data"))
    await raises_shutdown('put_nowait', fn=lambda: q.put_nowait("data"))
    await raises_shutdown('get', aw=q.get())
    await raises_shutdown('get_nowait', fn=q.get_nowait)


def task_done_underflow(q):
    try:
        q.task_done()
        print('task_done ok')
    except ValueError:
        print('task_done ValueError')


async def empty(q_class):
    q = q_class()
    loop = asyncio.get_running_loop()
    get_task = loop.create_task(q.get())
    await asyncio.sleep(0)
    q.shutdown(immediate=False)
    print('qsize', q.qsize())
    await q.join()
    await asyncio.sleep(0)
    print('get_task done', get_task.done())
    await raises_shutdown('get_task', aw=get_task)
    await put_get_raise(q)


async def nonempty(q_class):
    q = q_class(maxsize=1)
    loop = asyncio.get_running_loop()
    q.put_nowait("data")
    join_task = loop.create_task(q.join())
    put_task = loop.create_task(q.put("data2"))
    await asyncio.sleep(0)
    print('put_task done', put_task.done())
    q.shutdown(immediate=False)
    print('qsize', q.qsize())
    await asyncio.sleep(0)
    print('put_task done', put_task.done())
    await raises_shutdown('put_task', aw=put_task)
    print(await q.get())
    await asyncio.sleep(0)
    print('join_task done', join_task.done())
    await put_get_raise(q)
    q.task_done()
    await asyncio.sleep(0)
    print('join_task done', join_task.done())
    await join_task
    task_done_underflow(q)


async def immediate(q_class):
    q = q_class()
    loop = asyncio.get_running_loop()
    q.put_nowait("data")
    join_task = loop.create_task(q.join())
    q.shutdown(immediate=True)
    print('qsize', q.qsize())
    await asyncio.sleep(0)
    print('join_task done', join_task.done())
    await join_task
    await put_get_raise(q)
    task_done_underflow(q)


async def immediate_with_unfinished(q_class):
    q = q_class()
    loop = asyncio.get_running_loop()
    q.put_nowait("data")
    q.put_nowait("data")
    join_task = loop.create_task(q.join())
    print(await q.get())
    q.shutdown(immediate=True)
    print('qsize', q.qsize())
    await asyncio.sleep(0)
    print('join_task done', join_task.done())
    await put_get_raise(q)
    q.task_done()
    task_done_underflow(q)
    await asyncio.sleep(0)
    print('join_task done', join_task.done())
    await join_task


async def main():
    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        print('==', cls.__name__)
        await empty(cls)
        await nonempty(cls)
        await immediate(cls)
        await immediate_with_unfinished(cls)

asyncio.run(main())
