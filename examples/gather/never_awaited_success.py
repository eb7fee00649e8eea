# aiospec: description = A gather nobody awaits, whose children succeed: no report.
# aiospec: rules = G1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    g = asyncio.gather(work('a', 0.25), work('b', 0.5))
    await asyncio.sleep(1)
    print(g.result())

asyncio.run(main())
