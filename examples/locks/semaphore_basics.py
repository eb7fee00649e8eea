# aiospec: description = Semaphore(-1) raises ValueError; Semaphore(0) is locked; acquire() then release() with no waiters unlocks a Semaphore() (as examples/locks/semaphore_release_no_waiters.py); release() of an unacquired BoundedSemaphore raises ValueError.
# aiospec: python = 3.7 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_initial_value_zero test_locks.py::SemaphoreTests::test_release_not_acquired
import asyncio

try:
    asyncio.Semaphore(-1)
except ValueError as e:
    print('Semaphore(-1): ValueError', e)


async def main():
    sem = asyncio.Semaphore(0)
    print('Semaphore(0) locked', sem.locked())
    sem = asyncio.Semaphore()
    await sem.acquire()
    print(sem.locked())
    sem.release()
    print(sem.locked())
    sem = asyncio.BoundedSemaphore()
    try:
        sem.release()
    except ValueError as e:
        print('BoundedSemaphore release: ValueError', e)

asyncio.run(main())
