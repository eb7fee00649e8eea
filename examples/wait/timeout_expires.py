# aiospec: description = A timeout returns (done, pending) instead of raising; pending tasks keep running.
# aiospec: rules = W11
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    ts = [asyncio.create_task(work('a', 0.25)), asyncio.create_task(work('b', 1))]
    done, pending = await asyncio.wait(ts, timeout=0.5)
    print(len(done), len(pending))
    await asyncio.sleep(1)

asyncio.run(main())
