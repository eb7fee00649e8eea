# aiospec: description = Cancelling a task that awaits another task cancels the inner task too.
# aiospec: rules = T6
import asyncio


async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def awaiter(t):
    await t

async def main():
    inner = asyncio.create_task(loud('inner', 2))
    outer = asyncio.create_task(awaiter(inner))
    await asyncio.sleep(0.5)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('inner cancelled?', inner.cancelled())

asyncio.run(main())
