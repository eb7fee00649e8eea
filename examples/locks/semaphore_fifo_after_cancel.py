# aiospec: description = Three tasks wait on Semaphore(0); the first is cancelled, then two release()s: the other two get it, in order [2, 3].
# aiospec: python = 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_fifo_order_3
import asyncio


async def main():
    sem = asyncio.Semaphore(0)
    result = []

    async def c(n, result):
        await sem.acquire()
        result.append(n)
        return True

    t1, t2, t3 = [asyncio.create_task(c(n, result)) for n in (1, 2, 3)]
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    r = await asyncio.gather(t1, t2, t3, return_exceptions=True)
    print([type(x).__name__ for x in r], result)

asyncio.run(main())
