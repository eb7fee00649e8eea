# aiospec: description = A cancel message reaches the children (3.9+); the awaiter sees it on 3.11+.
# aiospec: python = 3.9-3.15
# aiospec: rules = G6 T9
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
    g = asyncio.gather(loud('a', 1))
    await asyncio.sleep(0.5)
    g.cancel('stop now')
    try:
        await g
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
