# aiospec: description = Iterating as_completed over three coroutines (two sleeping 0.01 s, one 0.15 s) gives the two quick results first, in either order, then the slow one, at 0.15 s.
# aiospec: rules = AC1
# aiospec: python = 3.7 3.11-3.15
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


async def main():
    res = await try_iterator([sleeper(0.01, 'b'), sleeper(0.15, 'c'), sleeper(0.01, 'a')])
    print(sorted(res[:2]), res[2], asyncio.get_running_loop().time())

asyncio.run(main())
