# aiospec: description = The Queue tests as 3.7-3.9 write them (each queue made outside the loop with loop=, which 3.8 and 3.9 warn is deprecated), driven by run_until_complete: a cancelled getter does not lose the item for the other; waiting putters served in order; a cancelled putter lets the others go; a put() to a waiting getter; QueueFull; maxsize 1.3; a put() into a full queue released by a timer at 0.01; two workers joined over 100 items (Queue, LifoQueue, PriorityQueue).
# aiospec: python = 3.7-3.9
# aiospec: rules = Q1 Q2 L8
# aiospec: cites = test_queues.py::QueueGetTests::test_get_cancelled_race test_queues.py::QueueGetTests::test_get_with_waiting_putters test_queues.py::QueuePutTests::test_put_cancelled_race test_queues.py::QueuePutTests::test_put_with_waiting_getters test_queues.py::QueuePutTests::test_put_cancelled test_queues.py::QueuePutTests::test_nonblocking_put_exception test_queues.py::QueuePutTests::test_float_maxsize test_queues.py::QueuePutTests::test_blocking_put_wait test_queues.py::_QueueJoinTestMixin::test_task_done
import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)


def make(cls, *args, **kwargs):
    # as the tests' cls(..., loop=self.loop)
    return cls(*args, loop=loop, **kwargs)



def run_briefly():
    loop.run_until_complete(asyncio.sleep(0))


q = make(asyncio.Queue)
t1 = loop.create_task(q.get())
t2 = loop.create_task(q.get())
run_briefly()
t1.cancel()
run_briefly()
print('t1 done', t1.done())
q.put_nowait('a')
run_briefly()
print('t2', t2.result())

q = make(asyncio.Queue, maxsize=1)
loop.create_task(q.put('a'))
loop.create_task(q.put('b'))
run_briefly()
print(loop.run_until_complete(q.get()), loop.run_until_complete(q.get()))

q = make(asyncio.Queue, maxsize=1)
put_a = loop.create_task(q.put('a'))
put_b = loop.create_task(q.put('b'))
put_c = loop.create_task(q.put('X'))
run_briefly()
print(put_a.done(), put_b.done())
put_c.cancel()
run_briefly()
print(put_c.done(), q.get_nowait())
run_briefly()
print(q.get_nowait())
loop.run_until_complete(put_b)

q = make(asyncio.Queue)
t = loop.create_task(q.get())
run_briefly()
loop.run_until_complete(q.put('a'))
print(loop.run_until_complete(t))

q = make(asyncio.Queue)


async def queue_put():
    await q.put(1)
    return True


async def test():
    return await q.get()

t = loop.create_task(queue_put())
print(loop.run_until_complete(test()), t.done(), t.result())

q = make(asyncio.Queue, maxsize=1, )
q.put_nowait(1)
try:
    q.put_nowait(2)
except asyncio.QueueFull:
    print('QueueFull')

q = make(asyncio.Queue, maxsize=1.3, )
q.put_nowait(1)
q.put_nowait(2)
print(q.full())
try:
    q.put_nowait(3)
except asyncio.QueueFull:
    print('QueueFull')
q = make(asyncio.Queue, maxsize=1.3, )


async def queue_put2():
    await q.put(1)
    await q.put(2)
    print(q.full())

loop.run_until_complete(queue_put2())

q = make(asyncio.Queue, maxsize=1)
started = make(asyncio.Event)
finished = False


async def queue_put3():
    global finished
    started.set()
    await q.put(1)
    await q.put(2)
    finished = True


async def queue_get():
    t0 = loop.time()
    loop.call_later(0.01, q.get_nowait)
    queue_put_task = loop.create_task(queue_put3())
    await started.wait()
    print(finished)
    await queue_put_task
    print(finished, round(loop.time() - t0, 2))

loop.run_until_complete(queue_get())

for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
    q = make(cls)
    for i in range(100):
        q.put_nowait(i)
    accumulator = 0
    running = True

    async def worker():
        global accumulator
        while running:
            item = await q.get()
            accumulator += item
            q.task_done()

    async def test2():
        tasks = [loop.create_task(worker()) for index in range(2)]
        await q.join()
        return tasks

    tasks = loop.run_until_complete(test2())
    print(cls.__name__, accumulator == sum(range(100)))
    running = False
    for i in range(len(tasks)):
        q.put_nowait(0)
    loop.run_until_complete(asyncio.wait(tasks))

asyncio.set_event_loop(None)
loop.close()
