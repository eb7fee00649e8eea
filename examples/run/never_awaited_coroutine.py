# aiospec: description = A coroutine created and never awaited warns 'coroutine ... was never awaited'.
# aiospec: rules = R9
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    c = work('a', 1)
    print('not awaiting')

asyncio.run(main())
