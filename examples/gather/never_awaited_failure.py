# aiospec: description = A gather nobody awaits, whose child fails: '_GatheringFuture exception was never retrieved' (and the child's exception is retrieved by gather).
# aiospec: rules = G12 R6
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
    await asyncio.sleep(1)

asyncio.run(main())
