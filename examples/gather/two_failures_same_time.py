# aiospec: description = Two children fail at the same instant: the first to complete (scheduled first) wins; the second is retrieved silently.
# aiospec: rules = G2 L3 G4
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    try:
        await asyncio.gather(fail('a', 0.5), fail('b', 0.5))
    except Exception as e:
        print('caught', repr(e))
    await asyncio.sleep(0)

asyncio.run(main())
