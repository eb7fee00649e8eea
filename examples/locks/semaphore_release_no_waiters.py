# aiospec: description = acquire() locks a Semaphore() (value 1); release() with no waiters unlocks it.
# aiospec: python = 3.7 3.9-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_release_no_waiters
import asyncio


async def main():
    sem = asyncio.Semaphore()
    await sem.acquire()
    print(sem.locked())
    sem.release()
    print(sem.locked())

asyncio.run(main())
