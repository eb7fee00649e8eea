# aiospec: description = A task finishing exactly at the timeout's deadline: the earlier-scheduled timer fires first.
# aiospec: rules = W11 L3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0.5))
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([t], timeout=0.5)
    print(len(done), len(pending))
    await asyncio.sleep(1)

asyncio.run(main())
