# aiospec: description = exception() on a cancelled task raises CancelledError.
# aiospec: rules = F4
import asyncio


async def work(name, d):
    await asyncio.sleep(d)
    print(name, 'done at', d)
    return name

async def main():
    t = asyncio.create_task(work('a', 1))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
