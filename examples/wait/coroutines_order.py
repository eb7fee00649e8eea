# aiospec: description = Coroutines wrapped by wait start in the iteration order of a set (object addresses): nondeterministic.
# aiospec: python = 3.7 3.8 3.9 3.10
# aiospec: rules = W7 L6
import asyncio


async def step(n):
    print(n, 'started')

async def main():
    done, pending = await asyncio.wait([step('a'), step('b'), step('c')])
    print(len(done))

asyncio.run(main())
