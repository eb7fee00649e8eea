# aiospec: description = Nested wait_for: the inner timeout fires first.
# aiospec: rules = WF2
import asyncio


async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    try:
        await asyncio.wait_for(asyncio.wait_for(loud('a', 2), 0.5), 1)
    except asyncio.TimeoutError as e:
        print('caught', repr(e))

asyncio.run(main())
