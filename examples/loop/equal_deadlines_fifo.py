# aiospec: description = Timers with equal deadlines fire in the order they were scheduled.
# aiospec: rules = L3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    await asyncio.gather(work('first', 0.5), work('second', 0.5), work('third', 0.5))

asyncio.run(main())
