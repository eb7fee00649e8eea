# aiospec: description = Queue get/put without waiting: get() of a queued item, get_nowait() and put_nowait(), QueueEmpty from get_nowait() of an empty queue, QueueFull from put_nowait() on a full one, put() into an unbounded queue.
# aiospec: python = 3.10-3.15
# aiospec: rules = Q1
# aiospec: cites = test_queues.py::QueueGetTests::test_nonblocking_get test_queues.py::QueueGetTests::test_nonblocking_get_exception test_queues.py::QueuePutTests::test_nonblocking_put test_queues.py::QueuePutTests::test_nonblocking_put_exception
import asyncio


async def main():
    q = asyncio.Queue()
    q.put_nowait(1)
    print(q.get_nowait())
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print('QueueEmpty', repr(e))
    q = asyncio.Queue()
    q.put_nowait(1)
    print(q.get_nowait())
    q = asyncio.Queue(maxsize=1, )
    q.put_nowait(1)
    try:
        q.put_nowait(2)
    except asyncio.QueueFull as e:
        print('QueueFull', repr(e))

asyncio.run(main())
