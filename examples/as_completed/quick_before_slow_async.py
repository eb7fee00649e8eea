# aiospec: description = as_completed over three coroutines (two sleeping 0.01 s, one 0.15 s), as a plain and as an async iterator: the two quick results first, in either order, then the slow one, at 0.15 s.
# aiospec: rules = AC1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed
import asyncio


async def sleeper(dt, x):
    await asyncio.sleep(dt)
    return x


async def try_iterator(awaitables):
    values = []
    for f in asyncio.as_completed(awaitables):
        values.append(await f)
    return values


async def try_async_iterator(awaitables):
    values = []
    async for f in asyncio.as_completed(awaitables):
        values.append(await f)
    return values


async def main():
    loop = asyncio.get_running_loop()
    for foo in try_iterator, try_async_iterator:
        start = loop.time()
        res = await foo([sleeper(0.01, 'b'), sleeper(0.15, 'c'), sleeper(0.01, 'a')])
        print(foo.__name__, sorted(res[:2]), res[2], round(loop.time() - start, 3))

asyncio.run(main())
