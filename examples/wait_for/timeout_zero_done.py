# aiospec: description = timeout=0 with a child already done returns its result.
# aiospec: rules = WF3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    await asyncio.sleep(0.25)
    print(await asyncio.wait_for(t, 0))

asyncio.run(main())
