# aiospec: description = Cancelling the gather cancels its unfinished children; the awaiter gets CancelledError.
# aiospec: rules = G6
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
    g = asyncio.gather(loud('a', 1), loud('b', 2))
    await asyncio.sleep(0.5)
    print('cancel returns', g.cancel())
    try:
        await g
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('cancelled?', g.cancelled())

asyncio.run(main())
