# aiospec: description = A Semaphore bounding a gather of many fetches to two at a time: the usual way to limit concurrency. Waiters are woken in the order they started waiting.
# aiospec: rules = K3
import asyncio


async def fetch(sem, i):
    async with sem:
        print(f'{i} starts at {asyncio.get_running_loop().time()}')
        await asyncio.sleep(0.5 if i % 2 else 0.25)
        return i * 10


async def main():
    sem = asyncio.Semaphore(2)
    print(sem)
    results = await asyncio.gather(*(fetch(sem, i) for i in range(6)))
    print(results, sem)

asyncio.run(main())
