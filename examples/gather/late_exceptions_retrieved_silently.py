# aiospec: description = Exceptions from children that fail after the gather already failed are retrieved by gather's callback: no 'never retrieved' report.
# aiospec: rules = G4 R3
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    try:
        await asyncio.gather(fail('a', 0.25), fail('b', 0.5), fail('c', 0.75))
    except Exception as e:
        print('caught', repr(e))
    await asyncio.sleep(1)

asyncio.run(main())
