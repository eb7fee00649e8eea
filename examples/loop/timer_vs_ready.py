# aiospec: description = A callback made ready by a timer runs after callbacks already in the ready queue.
# aiospec: rules = L1 S1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def spin():
    for i in range(3):
        print('spin', i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(work('timer', 0), spin())

asyncio.run(main())
