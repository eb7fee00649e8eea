# aiospec: description = gather over asyncio.sleep coroutines with results.
# aiospec: rules = G1 S1 S2
import asyncio


async def main():
    r = await asyncio.gather(asyncio.sleep(0.5, 'x'), asyncio.sleep(0.25, 'y'), asyncio.sleep(0, 'z'))
    print(r)

asyncio.run(main())
