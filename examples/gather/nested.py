# aiospec: description = A failing inner gather fails the outer one; the inner siblings keep running.
# aiospec: rules = G2 G4
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def inner():
    return await asyncio.gather(fail('a', 0.25), work('b', 0.5))

async def main():
    try:
        await asyncio.gather(inner(), work('c', 0.75))
    except Exception as e:
        print('caught', repr(e))
    await asyncio.sleep(1)

asyncio.run(main())
