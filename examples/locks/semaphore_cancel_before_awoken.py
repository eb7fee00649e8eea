# aiospec: description = Four tasks wait on Semaphore(0); the first two are cancelled and one release() follows: the third task gets the semaphore, the fourth still waits.
# aiospec: python = 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_cancel_before_awoken
import asyncio


async def main():
    sem = asyncio.Semaphore(value=0)
    t1, t2, t3, t4 = [asyncio.create_task(sem.acquire()) for _ in range(4)]
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('done', sum(t.done() for t in [t3, t4]), t3.done(), t4.done())
    t3.cancel()
    t4.cancel()
    await asyncio.sleep(0)

asyncio.run(main())
