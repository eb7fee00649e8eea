# aiospec: description = Deadlines are float sums: 0.1 + 0.2 is not 0.3, and the order follows CPython's arithmetic.
# aiospec: rules = L2 L4
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def chain(n, x, y):
    await asyncio.sleep(x)
    await asyncio.sleep(y)
    print(n, 'after two sleeps')

async def main():
    await asyncio.gather(chain('a', 0.1, 0.2), work('b', 0.3))

asyncio.run(main())
