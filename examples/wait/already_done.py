# aiospec: description = Tasks already done: wait still takes a loop iteration (callbacks are scheduled with call_soon).
# aiospec: rules = W2 F2
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0))
    await asyncio.sleep(0.25)
    done, pending = await asyncio.wait([t])
    print(len(done), len(pending))

asyncio.run(main())
