# aiospec: description = finally blocks run when a cancelled coroutine unwinds.
# aiospec: rules = T4
import asyncio


async def guarded():
    try:
        await asyncio.sleep(1)
    finally:
        print('finally ran')

async def main():
    t = asyncio.create_task(guarded())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print('caught', repr(e))

asyncio.run(main())
