# aiospec: description = Child deadline equal to the timeout's: the earlier-scheduled timer fires first.
# aiospec: rules = WF2 L3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    try:
        print(await asyncio.wait_for(work('a', 0.5), 0.5))
    except asyncio.TimeoutError as e:
        print('caught', repr(e))

asyncio.run(main())
