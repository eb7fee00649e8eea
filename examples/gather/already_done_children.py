# aiospec: description = Children already done when gather() is called: from 3.12 their results are accounted for inside gather(), before it returns.
# aiospec: rules = G11
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t1 = asyncio.create_task(work('a', 0))
    t2 = asyncio.create_task(work('b', 0))
    await asyncio.sleep(0.25)
    g = asyncio.gather(t1, t2)
    print('done right after gather()?', g.done())
    print(await g)

asyncio.run(main())
