# aiospec: description = acquire() locks a Semaphore() (value 1); release() with no waiters unlocks it; here each primitive is made with loop= the running loop, which 3.8 and 3.9 warn is deprecated.
# aiospec: python = 3.8
# aiospec: rules = K2 L8
# aiospec: cites = test_locks.py::SemaphoreTests::test_release_no_waiters
import asyncio


async def main():
    sem = asyncio.Semaphore(loop=asyncio.get_running_loop())
    await sem.acquire()
    print(sem.locked())
    sem.release()
    print(sem.locked())

asyncio.run(main())
