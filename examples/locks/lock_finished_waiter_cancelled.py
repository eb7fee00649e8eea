# aiospec: description = The first of two waiters is woken by release() and cancelled in the same step: the Lock goes to the second waiter (it is locked one step later, the first task cancelled).
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K1
# aiospec: cites = test_locks.py::LockTests::test_finished_waiter_cancelled
import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    print('locked', lock.locked())
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    print('waiters', len(lock._waiters))
    tc = asyncio.create_task(lock.acquire())
    tb.cancel()
    lock.release()
    await asyncio.sleep(0)
    print('locked', lock.locked(), 'tb cancelled', tb.cancelled())
    print('tc', await tc)

asyncio.run(main())
