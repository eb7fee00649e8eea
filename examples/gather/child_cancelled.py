# aiospec: description = A child that is cancelled fails the gather with CancelledError (return_exceptions=False).
# aiospec: rules = G5
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('t', 1))
    g = asyncio.gather(t, work('u', 0.5))
    await asyncio.sleep(0.25)
    t.cancel()
    try:
        await g
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('g done:', g.done())
    print('g cancelled:', g.cancelled(), 'exception:', type(g.exception()).__name__)
    await asyncio.sleep(1)

asyncio.run(main())
