# aiospec: description = A waiter cancelled by a call_soon(task.cancel) leaves no waiter behind: Lock.acquire(), Condition.wait() (which re-acquires its lock), Event.wait() and Semaphore.acquire() each raise CancelledError and their private _waiters are then empty (or only done futures, for the Semaphore); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K1 K2 K3 L8
# aiospec: cites = test_locks.py::LockTests::test_acquire_cancel test_locks.py::ConditionTests::test_wait_cancel test_locks.py::EventTests::test_wait_cancel test_locks.py::SemaphoreTests::test_acquire_cancel
import asyncio


async def cancelled_soon(aw):
    task = asyncio.create_task(aw)
    asyncio.get_running_loop().call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        return 'CancelledError'
    return 'not cancelled'


async def main():
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
    print('lock acquire', await lock.acquire())
    print('lock', await cancelled_soon(lock.acquire()), 'waiters', bool(lock._waiters))

    cond = asyncio.Condition(loop=asyncio.get_running_loop())
    await cond.acquire()
    print('cond', await cancelled_soon(cond.wait()), 'waiters', bool(cond._waiters), 'locked', cond.locked())

    ev = asyncio.Event(loop=asyncio.get_running_loop())
    print('event', await cancelled_soon(ev.wait()), 'waiters', bool(ev._waiters))

    sem = asyncio.Semaphore(loop=asyncio.get_running_loop())
    await sem.acquire()
    print('semaphore', await cancelled_soon(sem.acquire()),
          'waiters empty or done', (not sem._waiters) or all(w.done() for w in sem._waiters))

asyncio.run(main())
