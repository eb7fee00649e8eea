# aiospec: description = The same task passed twice is one child.
# aiospec: rules = G8
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('t', 0.25))
    r = await asyncio.gather(t, t)
    print(r)

asyncio.run(main())
