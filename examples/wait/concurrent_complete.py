# aiospec: description = Two tasks completing at the same instant with a timeout between.
# aiospec: rules = W11 L3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t1 = asyncio.create_task(work('a', 0.25))
    t2 = asyncio.create_task(work('b', 0.25))
    done, pending = await asyncio.wait([t1, t2], timeout=0.25)
    print(len(done), len(pending))
    await asyncio.sleep(0.5)

asyncio.run(main())
