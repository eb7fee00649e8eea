# aiospec: description = Under asyncio.run, a main that awaits a future nobody completes: stuck.
# aiospec: rules = L5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 0.5))
    await asyncio.wait([t], timeout=None)
    print('done')

asyncio.run(main())
