# aiospec: description = The same coroutine object passed twice is one child; its result appears twice.
# aiospec: rules = G8
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    c = work('dup', 0.25)
    r = await asyncio.gather(c, c, work('other', 0.5))
    print(r)

asyncio.run(main())
