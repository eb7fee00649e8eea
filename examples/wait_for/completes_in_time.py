# aiospec: description = wait_for returns the result when the child finishes first.
# aiospec: rules = WF1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    r = await asyncio.wait_for(work('a', 0.25), 1)
    print(r)

asyncio.run(main())
