# aiospec: description = An exception from the child propagates through wait_for.
# aiospec: rules = WF1
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    try:
        await asyncio.wait_for(fail('a', 0.25), 1)
    except Exception as e:
        print('caught', repr(e))

asyncio.run(main())
