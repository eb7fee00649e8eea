# aiospec: description = Cancelling a gather that already failed does nothing: it returns False and the still-running children are not cancelled.
# aiospec: rules = G7
import asyncio


async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    g = asyncio.gather(fail('a', 0.25), loud('b', 1))
    try:
        await g
    except Exception as e:
        print('caught', repr(e))
    print('cancel returns', g.cancel())
    await asyncio.sleep(2)

asyncio.run(main())
