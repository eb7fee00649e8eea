# aiospec: description = Three tasks wait on a held Semaphore(1); two release()s in a row, one of the woken tasks releasing and re-acquiring: the order is 1, 2, 3, 4 (FIFO, no barging).
# aiospec: python = 3.10-3.15
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_fifo_order_2
import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    result = []

    async def c1(result):
        await sem.acquire()
        result.append(1)
        return True

    async def c2(result):
        await sem.acquire()
        result.append(2)
        sem.release()
        await sem.acquire()
        result.append(4)
        return True

    async def c3(result):
        await sem.acquire()
        result.append(3)
        return True

    t1 = asyncio.create_task(c1(result))
    t2 = asyncio.create_task(c2(result))
    t3 = asyncio.create_task(c3(result))
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    print(await asyncio.gather(t1, t2, t3), result)

asyncio.run(main())
