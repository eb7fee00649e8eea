# aiospec: description = Cancelling an outer gather cancels an inner gather's children too.
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
    g = asyncio.gather(loud('x', 1), asyncio.gather(loud('y', 1), loud('z', 2)))
    await asyncio.sleep(0.5)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
