# aiospec: description = A cancelled task does not wake FIRST_EXCEPTION (cancelled() is checked before exception()).
# aiospec: rules = W3
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t1 = asyncio.create_task(work('a', 1))
    t2 = asyncio.create_task(work('b', 2))
    w = asyncio.create_task(asyncio.wait([t1, t2], return_when=asyncio.FIRST_EXCEPTION))
    await asyncio.sleep(0.5)
    t1.cancel()
    await asyncio.sleep(0.1)
    print('wait done?', w.done())
    done, pending = await w
    print(len(done), len(pending))

asyncio.run(main())
