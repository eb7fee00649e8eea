# aiospec: description = Even with return_exceptions=True, cancelling the gather makes its awaiter see CancelledError (bpo-32684).
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
    g = asyncio.gather(loud('a', 1), loud('b', 2), return_exceptions=True)
    await asyncio.sleep(0.5)
    g.cancel()
    try:
        r = await g
        print('result', r)
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
