# aiospec: description = Semaphore(-1) raises ValueError; Semaphore(0) is locked; acquire() then release() with no waiters unlocks a Semaphore() (as examples/locks/semaphore_release_no_waiters.py); release() of an unacquired BoundedSemaphore raises ValueError; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8-3.9
# aiospec: rules = K2 L8
# aiospec: cites = test_locks.py::SemaphoreTests::test_initial_value_zero test_locks.py::SemaphoreTests::test_release_not_acquired
import asyncio

async def main():
    try:
        asyncio.Semaphore(-1, loop=asyncio.get_running_loop())
    except ValueError as e:
        print('Semaphore(-1): ValueError', e)
    sem = asyncio.Semaphore(0, loop=asyncio.get_running_loop())
    print('Semaphore(0) locked', sem.locked())
    sem = asyncio.Semaphore(loop=asyncio.get_running_loop())
    await sem.acquire()
    print(sem.locked())
    sem.release()
    print(sem.locked())
    sem = asyncio.BoundedSemaphore(loop=asyncio.get_running_loop())
    try:
        sem.release()
    except ValueError as e:
        print('BoundedSemaphore release: ValueError', e)

asyncio.run(main())
