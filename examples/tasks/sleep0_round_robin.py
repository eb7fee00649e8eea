# aiospec: description = sleep(0) is a bare yield: tasks take turns, one step per loop iteration.
# aiospec: rules = S1 T3
import asyncio


async def spin(n):
    for i in range(3):
        print(n, i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(spin('a'), spin('b'))

asyncio.run(main())
