# aiospec: description = At shutdown, gather's own tasks are cancelled like any other.
# aiospec: rules = X2
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
    g = asyncio.gather(loud('a', 5), loud('b', 6))
    await asyncio.sleep(0.5)
    print('main returns')

asyncio.run(main())
