# aiospec: description = timeout=0 with a coroutine that has not started: TimeoutError, and the coroutine never runs.
# aiospec: rules = WF3
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
        await asyncio.wait_for(loud('a', 1), 0)
    except asyncio.TimeoutError as e:
        print('caught', repr(e))

asyncio.run(main())
