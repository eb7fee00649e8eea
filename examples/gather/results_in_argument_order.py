# aiospec: description = gather returns results in argument order, not completion order.
# aiospec: rules = G1 G9
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    r = await asyncio.gather(work('slow', 0.5), work('fast', 0.25))
    print(r)

asyncio.run(main())
