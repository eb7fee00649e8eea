# aiospec: description = Three tasks each acquire Semaphore(1) twice, sleeping 0.01 while holding it, gathered: they get it in FIFO order, c1 c2 c3 then c1 c2 c3.
# aiospec: python = 3.9-3.10
# aiospec: rules = K2
# aiospec: cites = test_locks.py::SemaphoreTests::test_acquire_fifo_order
import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    result = []

    async def coro(tag):
        await sem.acquire()
        result.append(f'{tag}_1')
        await asyncio.sleep(0.01)
        sem.release()
        await sem.acquire()
        result.append(f'{tag}_2')
        await asyncio.sleep(0.01)
        sem.release()

    t1 = asyncio.create_task(coro('c1'))
    t2 = asyncio.create_task(coro('c2'))
    t3 = asyncio.create_task(coro('c3'))
    await asyncio.gather(t1, t2, t3)
    print(result)

asyncio.run(main())
