# aiospec: description = Coroutines are wrapped in tasks in argument order, so they start in that order at the next loop iteration.
# aiospec: rules = G9 T1 L1
import asyncio


async def step(n):
    print(n, 'start')
    await asyncio.sleep(0)
    print(n, 'after yield')

async def main():
    await asyncio.gather(step('a'), step('b'), step('c'))

asyncio.run(main())
