# aiospec: description = With return_exceptions=True a cancelled child appears in the list as a CancelledError instance (CancelledError('') on 3.9+).
# aiospec: rules = G5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('t', 1))
    g = asyncio.gather(t, work('u', 0.5), return_exceptions=True)
    await asyncio.sleep(0.25)
    t.cancel()
    r = await g
    print(r)

asyncio.run(main())
