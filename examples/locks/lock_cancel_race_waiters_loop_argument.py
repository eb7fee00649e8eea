# aiospec: description = A holds the Lock, B and C wait (one then two waiters); A's blocker completes and B is cancelled in the same step: B's waiter is the first and cancelled, and one step later the lock is free, A done, B cancelled, and C gets the lock; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K1 L8
# aiospec: cites = test_locks.py::LockTests::test_cancel_race
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock(loop=asyncio.get_running_loop())

    async def lockit(name, blocker):
        await lock.acquire()
        try:
            if blocker is not None:
                await blocker
        finally:
            lock.release()

    fa = loop.create_future()
    ta = asyncio.create_task(lockit('A', fa))
    await asyncio.sleep(0)
    print('locked', lock.locked())
    tb = asyncio.create_task(lockit('B', None))
    await asyncio.sleep(0)
    print('waiters', len(lock._waiters))
    tc = asyncio.create_task(lockit('C', None))
    await asyncio.sleep(0)
    print('waiters', len(lock._waiters))
    fa.set_result(None)
    tb.cancel()
    print('first waiter cancelled', lock._waiters[0].cancelled())
    await asyncio.sleep(0)
    print('locked', lock.locked(), 'A done', ta.done(), 'B cancelled', tb.cancelled())
    await tc
    print('C done', tc.done())

asyncio.run(main())
