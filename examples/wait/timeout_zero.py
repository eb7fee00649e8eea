# aiospec: description = timeout=0: wait returns after one loop iteration with whatever is done.
# aiospec: rules = W11 L3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    done, pending = await asyncio.wait([t], timeout=0)
    print(len(done), len(pending))
    await t

asyncio.run(main())
