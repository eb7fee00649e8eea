# aiospec: description = The first of two waiters is woken by release() and cancelled in the same step: the Lock goes to the second waiter (it is locked one step later, the first task cancelled); here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K1 L8
# aiospec: cites = test_locks.py::LockTests::test_finished_waiter_cancelled
import asyncio


async def main():
    lock = asyncio.Lock(loop=asyncio.get_running_loop())
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
