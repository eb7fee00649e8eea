# aiospec: description = timeout=None waits for everything.
# aiospec: rules = W1
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    ts = [asyncio.create_task(work('a', 0.5)), asyncio.create_task(work('b', 0.25))]
    done, pending = await asyncio.wait(ts, timeout=None)
    print(len(done), len(pending))

asyncio.run(main())
