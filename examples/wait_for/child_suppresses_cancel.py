# aiospec: description = A child that swallows the timeout's cancellation and returns a value.
# aiospec: rules = WF2 T7
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('ignoring cancel')
    return 'value'

async def main():
    try:
        r = await asyncio.wait_for(stubborn(), 0.5)
        print('returned', r)
    except asyncio.TimeoutError as e:
        print('caught', repr(e))

asyncio.run(main())
