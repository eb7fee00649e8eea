# aiospec: description = cancelling() counts the cancellation requests a task took and uncancel() takes one back (3.11+); cancel() on a done task adds nothing.
# aiospec: python = 3.11-3.15
# aiospec: rules = T6 T8
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('cancelled once')
    await asyncio.sleep(0)
    return 'survived'

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(t.cancel(), t.cancelling())
    print(t.cancel(), t.cancelling())
    print(t.uncancel(), t.cancelling())
    print(await t)
    print(t.cancel(), t.cancelling())

asyncio.run(main())
