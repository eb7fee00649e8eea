# aiospec: description = A timeout that is not reached is cancelled when wait returns.
# aiospec: rules = W11
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0.25))
    done, pending = await asyncio.wait([t], timeout=10)
    print(len(done), len(pending))

asyncio.run(main())
