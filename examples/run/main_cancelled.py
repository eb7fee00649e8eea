# aiospec: description = main cancelling itself: asyncio.run raises CancelledError.
# aiospec: rules = X1 T4
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel()
    await t

asyncio.run(main())
