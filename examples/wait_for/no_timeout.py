# aiospec: description = wait_for(aw, None) simply awaits.
# aiospec: rules = WF1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    r = await asyncio.wait_for(work('a', 0.5), None)
    print(r)

asyncio.run(main())
