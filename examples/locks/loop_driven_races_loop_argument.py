# aiospec: description = 3.7-3.9's forms of three lock races (each primitive made outside the loop with loop=, which 3.8 and 3.9 warn is deprecated), driven by run_until_complete: a task that holds a Lock cancels the first of three waiters and releases it in one callback, and only one waiter takes the lock (bpo-32734); Semaphore(0) released while two of four waiters are cancelled wakes exactly one of the others; released while the first of two waiters is cancelled, it ends locked.
# aiospec: python = 3.7-3.9
# aiospec: rules = K1 K2 L8
# aiospec: cites = test_locks.py::LockTests::test_cancel_release_race test_locks.py::SemaphoreTests::test_acquire_cancel_before_awoken test_locks.py::SemaphoreTests::test_acquire_hang
import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)


def make(cls, *args, **kwargs):
    # as the tests' cls(..., loop=self.loop)
    return cls(*args, loop=loop, **kwargs)


def run_briefly():
    loop.run_until_complete(asyncio.sleep(0))


lock = make(asyncio.Lock)
lock_count = 0
call_count = 0


async def lockit():
    global lock_count, call_count
    call_count += 1
    await lock.acquire()
    lock_count += 1


async def lockandtrigger():
    await lock.acquire()
    loop.call_soon(trigger)


def trigger():
    t1.cancel()
    lock.release()

t0 = loop.create_task(lockandtrigger())
t1 = loop.create_task(lockit())
t2 = loop.create_task(lockit())
t3 = loop.create_task(lockit())
run_briefly()
print('t0 done', t0.done())
run_briefly()
run_briefly()
print('lock_count', lock_count, 'call_count', call_count, 't1 cancelled', t1.cancelled(), 't2 done', t2.done())
t3.cancel()
run_briefly()
print('t3 cancelled', t3.cancelled())

sem = make(asyncio.Semaphore, value=0)
t1, t2, t3, t4 = [loop.create_task(sem.acquire()) for _ in range(4)]
run_briefly()
sem.release()
t1.cancel()
t2.cancel()
run_briefly()
print('done of t3, t4:', sum(t.done() for t in [t3, t4]))
t3.cancel()
t4.cancel()
run_briefly()

sem = make(asyncio.Semaphore, value=0)
t1 = loop.create_task(sem.acquire())
t2 = loop.create_task(sem.acquire())
run_briefly()
sem.release()
t1.cancel()
run_briefly()
print('locked', sem.locked())
asyncio.set_event_loop(None)
loop.close()
