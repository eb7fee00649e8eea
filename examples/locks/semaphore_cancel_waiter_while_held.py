# aiospec: description = c1 holds Semaphore(1) in `async with`, then cancels c2, which waits for it: c2 ends with CancelledError without entering, and the semaphore can be acquired afterwards.
# aiospec: python = 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_no_hang
import asyncio


async def main():
    sem = asyncio.Semaphore(1)

    async def c1():
        async with sem:
            await asyncio.sleep(0)
        t2.cancel()

    async def c2():
        async with sem:
            print('c2 entered')

    t1 = asyncio.create_task(c1())
    t2 = asyncio.create_task(c2())
    r1, r2 = await asyncio.gather(t1, t2, return_exceptions=True)
    print(r1, type(r2).__name__)
    print(await asyncio.wait_for(sem.acquire(), timeout=1.0))

asyncio.run(main())
