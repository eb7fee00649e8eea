# aiospec: description = Two tasks wait on Semaphore(0); the first is cancelled and one release() follows: the second task gets it and the semaphore is locked again.
# aiospec: python = 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_hang
import asyncio


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('locked', sem.locked(), 't2 done', t2.done())

asyncio.run(main())
