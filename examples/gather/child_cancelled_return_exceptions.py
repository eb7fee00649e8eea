# aiospec: description = With return_exceptions=True a cancelled child appears in the list as a CancelledError instance (CancelledError('') on 3.9+).
# aiospec: rules = G5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def boom(d):
    await asyncio.sleep(d)
    raise ZeroDivisionError('boom')

async def main():
    t = asyncio.create_task(work('t', 1))
    g = asyncio.gather(t, work('u', 0.5), boom(0.1), return_exceptions=True)
    await asyncio.sleep(0.25)
    t.cancel()
    await asyncio.sleep(0)
    print('g done after the cancel:', g.done())
    r = await g
    print(r)

asyncio.run(main())
