# aiospec: description = The same task twice is one member of the set.
# aiospec: rules = W1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0.25))
    done, pending = await asyncio.wait([t, t])
    print(len(done), len(pending))

asyncio.run(main())
