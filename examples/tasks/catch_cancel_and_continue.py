# aiospec: description = A coroutine may catch CancelledError and go on: the task is not cancelled.
# aiospec: rules = T7
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('caught cancel')
    await asyncio.sleep(0.25)
    return 'survived'

async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.5)
    t.cancel()
    print(await t)
    print(t.cancelled())

asyncio.run(main())
