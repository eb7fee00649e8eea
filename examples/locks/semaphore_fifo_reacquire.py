# aiospec: description = Three tasks each acquire Semaphore(1) twice, sleeping 0.01 while holding it: they get it in FIFO order, c1 c2 c3 then c1 c2 c3 (in a TaskGroup on 3.11+, a gather on 3.10 as its test does).
# aiospec: python = 3.11-3.15
# aiospec: rules = K2 TG1
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

    async with asyncio.TaskGroup() as tg:
        tg.create_task(coro('c1'))
        tg.create_task(coro('c2'))
        tg.create_task(coro('c3'))
    print(result)

asyncio.run(main())
