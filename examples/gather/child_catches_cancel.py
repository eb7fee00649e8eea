# aiospec: description = A child that catches its cancellation and returns: the gather still raises CancelledError to its awaiter.
# aiospec: rules = G6 T7
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('stubborn ignores cancel')
    return 'stubborn'

async def main():
    g = asyncio.gather(stubborn(), work('b', 2))
    await asyncio.sleep(0.5)
    g.cancel()
    try:
        r = await g
        print('result', r)
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
