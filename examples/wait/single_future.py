# aiospec: description = Passing a single task (not a collection) raises TypeError.
# aiospec: rules = W9
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    try:
        await asyncio.wait(t)
    except TypeError as e:
        print('caught', repr(e))
    await t

asyncio.run(main())
