# aiospec: description = The seed's point: after gather raises, its siblings still run to completion.
# aiospec: rules = G4
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
    try:
        await asyncio.gather(fail('x', 0), work('y', 1), work('z', 2))
    except Exception as e:
        print('caught', repr(e))
    await asyncio.sleep(3)

asyncio.run(main())
