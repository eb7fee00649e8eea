# aiospec: description = Raising a different exception from an except CancelledError block fails the task with it.
# aiospec: rules = T4
import asyncio


async def convert():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise RuntimeError('converted')

async def main():
    t = asyncio.create_task(convert())
    await asyncio.sleep(0.25)
    t.cancel()
    try:
        await t
    except Exception as e:
        print('caught', repr(e))

asyncio.run(main())
