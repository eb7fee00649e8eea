# aiospec: description = On timeout, the child is cancelled and awaited, then TimeoutError is raised.
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
        await asyncio.wait_for(loud('a', 1), 0.5)
    except asyncio.TimeoutError as e:
        print('caught', repr(e))

asyncio.run(main())
