# aiospec: description = FIRST_EXCEPTION with no failure behaves like ALL_COMPLETED.
# aiospec: rules = W3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    ts = [asyncio.create_task(work('a', 0.25)), asyncio.create_task(work('b', 0.5))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))

asyncio.run(main())
