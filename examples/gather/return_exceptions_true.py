# aiospec: description = return_exceptions=True puts exceptions in the result list and waits for every child.
# aiospec: rules = G3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def fail(name, d):
    await asyncio.sleep(d)
    print(name, 'raising at', d)
    raise ValueError(name)

async def main():
    r = await asyncio.gather(fail('a', 0.5), work('b', 0.25), return_exceptions=True)
    print(r)

asyncio.run(main())
