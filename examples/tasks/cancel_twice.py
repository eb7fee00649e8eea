# aiospec: description = Two cancel() calls before the task runs: one CancelledError.
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

async def main():
    t = asyncio.create_task(loud('a', 1))
    await asyncio.sleep(0.25)
    print(t.cancel(), t.cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
