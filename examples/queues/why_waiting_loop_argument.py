# aiospec: description = 3.7-3.9's forms of two Queue liveness tests, with the queue and the gather made outside the loop with loop= (deprecated in 3.8 and 3.9): a producer of five items and a consumer through a Queue(1) both finish; four putters on a Queue(2) and a getter that takes what is there after one step all finish.
# aiospec: python = 3.7-3.9
# aiospec: rules = Q1 L8
# aiospec: cites = test_queues.py::QueueGetTests::test_why_are_getters_waiting test_queues.py::QueuePutTests::test_why_are_putters_waiting
import asyncio

loop = asyncio.new_event_loop()


async def consumer(queue, num_expected):
    for _ in range(num_expected):
        await queue.get()


async def producer(queue, num_items):
    for i in range(num_items):
        await queue.put(i)

q = asyncio.Queue(1, loop=loop)
print(loop.run_until_complete(
    asyncio.gather(producer(q, 5), consumer(q, 5), loop=loop)), q.qsize())

queue = asyncio.Queue(2, loop=loop)


async def putter(item):
    await queue.put(item)


async def getter():
    await asyncio.sleep(0)
    num = queue.qsize()
    for _ in range(num):
        queue.get_nowait()
    return num

print(loop.run_until_complete(
    asyncio.gather(getter(), putter(0), putter(1), putter(2), putter(3), loop=loop)), queue.qsize())
loop.close()
