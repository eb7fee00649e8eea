# aiospec: description = The Queue tests as 3.10 writes them (each queue made inside the loop, which binds it on first use), driven by run_until_complete: empty/full/order (Queue, LifoQueue, PriorityQueue) with put_nowait/get_nowait, get/put without waiting, QueueEmpty and QueueFull, a cancelled put() woken by get_nowait(), cancelled readers and writers losing no item, join() of an empty queue, task_done() underflow.
# aiospec: python = 3.10
# aiospec: rules = Q1 Q2
# aiospec: cites = test_queues.py::QueueBasicTests::test_empty test_queues.py::QueueBasicTests::test_full test_queues.py::QueueBasicTests::test_order test_queues.py::LifoQueueTests::test_order test_queues.py::PriorityQueueTests::test_order test_queues.py::QueueGetTests::test_blocking_get test_queues.py::QueueGetTests::test_nonblocking_get test_queues.py::QueueGetTests::test_nonblocking_get_exception test_queues.py::QueuePutTests::test_blocking_put test_queues.py::QueuePutTests::test_nonblocking_put test_queues.py::QueuePutTests::test_cancelled_put_silence_value_error_exception test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers test_queues.py::QueuePutTests::test_get_cancel_drop_one_pending_reader test_queues.py::QueuePutTests::test_put_cancel_drop test_queues.py::_QueueJoinTestMixin::test_join_empty_queue test_queues.py::_QueueJoinTestMixin::test_task_done_underflow
import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)


def make(cls, *args, **kwargs):
    # made inside the running loop, as the tests' Queue(loop=self.loop) binds to it
    async def construct():
        return cls(*args, **kwargs)
    return loop.run_until_complete(construct())


q = make(asyncio.Queue)
print(q.empty())
q.put_nowait(1)
print(q.empty(), q.get_nowait(), q.empty())

q = make(asyncio.Queue)
print(q.full())
q = make(asyncio.Queue, maxsize=1)
q.put_nowait(1)
print(q.full())

for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
    q = make(cls)
    for i in [1, 3, 2]:
        q.put_nowait(i)
    print(cls.__name__, [q.get_nowait() for _ in range(3)])

q = make(asyncio.Queue)
q.put_nowait(1)


async def queue_get():
    return await q.get()

print('blocking get', loop.run_until_complete(queue_get()))

q = make(asyncio.Queue)
q.put_nowait(1)
print('nonblocking get', q.get_nowait())
q = make(asyncio.Queue)
try:
    q.get_nowait()
except asyncio.QueueEmpty:
    print('QueueEmpty')

q = make(asyncio.Queue)


async def queue_put():
    await q.put(1)

loop.run_until_complete(queue_put())
print('blocking put', q.qsize())

q = make(asyncio.Queue)
q.put_nowait(1)
print('nonblocking put', q.get_nowait())

queue = make(asyncio.Queue, 1)
queue.put_nowait(1)
put_task = loop.create_task(queue.put(1))
loop.run_until_complete(asyncio.sleep(0.01))
queue.get_nowait()
put_task.cancel()
try:
    loop.run_until_complete(put_task)
except asyncio.CancelledError:
    print('put_task CancelledError')

q = make(asyncio.Queue)
reader1 = loop.create_task(q.get())
reader2 = loop.create_task(q.get())
reader3 = loop.create_task(q.get())
loop.run_until_complete(asyncio.sleep(0.01))
q.put_nowait(1)
q.put_nowait(2)
reader1.cancel()
try:
    loop.run_until_complete(reader1)
except asyncio.CancelledError:
    pass
loop.run_until_complete(reader3)
print('many readers', sorted({reader2.result(), reader3.result()}))

q = make(asyncio.Queue)
reader = loop.create_task(q.get())
loop.run_until_complete(asyncio.sleep(0.01))
q.put_nowait(1)
q.put_nowait(2)
reader.cancel()
try:
    loop.run_until_complete(reader)
except asyncio.CancelledError:
    reader = loop.create_task(q.get())
    loop.run_until_complete(reader)
print('one reader', reader.result())

q = make(asyncio.Queue, 1)
q.put_nowait(1)
writer = loop.create_task(q.put(2))
loop.run_until_complete(asyncio.sleep(0.01))
print('value1', q.get_nowait())
writer.cancel()
try:
    loop.run_until_complete(writer)
except asyncio.CancelledError:
    writer = loop.create_task(q.put(2))
    loop.run_until_complete(writer)
print('value2', q.get_nowait(), q.qsize())

for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
    q = make(cls)

    async def join():
        await q.join()
        await q.join()

    loop.run_until_complete(join())
    q = make(cls)
    try:
        q.task_done()
    except ValueError:
        print(cls.__name__, 'joined; task_done ValueError')

asyncio.set_event_loop(None)
loop.close()
