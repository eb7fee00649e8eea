# aiospec: description = gather of values, an exception and a cancelled child with return_exceptions=True.
# aiospec: rules = G3 G5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    t = asyncio.create_task(work('c', 5))
    g = asyncio.gather(work('a', 0.25), fail('b', 0.5), t, return_exceptions=True)
    await asyncio.sleep(1)
    t.cancel()
    r = await g
    for x in r:
        print(repr(x))

asyncio.run(main())
