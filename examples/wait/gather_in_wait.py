# aiospec: description = A gather future can be waited on; its failure is reported if nobody retrieves it.
# aiospec: rules = W1 G12
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
    g = asyncio.gather(fail('a', 0.25), work('b', 0.5))
    done, pending = await asyncio.wait([g])
    print(len(done))
    await asyncio.sleep(1)

asyncio.run(main())
