# aiospec: description = A child that already failed: from 3.12 gather() is done (failed) as soon as it returns; before, after one loop iteration.
# aiospec: rules = G11 G2
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
    t = asyncio.create_task(fail('a', 0))
    await asyncio.sleep(0.25)
    g = asyncio.gather(t, work('b', 1))
    print('done right after gather()?', g.done())
    try:
        await g
    except Exception as e:
        print('caught', repr(e))
    await asyncio.sleep(2)

asyncio.run(main())
