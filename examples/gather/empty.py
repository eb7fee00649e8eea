# aiospec: description = An empty gather is an already-done future with an empty list; awaiting it does not yield.
# aiospec: rules = G10
import asyncio


async def main():
    print('before')
    r = await asyncio.gather()
    print('after', r)

asyncio.run(main())
