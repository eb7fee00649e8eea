# aiospec: description = A task that cancels itself: the CancelledError is thrown in at its next await.
# aiospec: rules = T6
import asyncio


async def selfcancel():
    asyncio.current_task().cancel()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('thrown in at the await')
        raise

async def main():
    t = asyncio.create_task(selfcancel())
    try:
        print(await t)
    except asyncio.CancelledError as e:
        print('caught', repr(e))
    print('cancelled?', t.cancelled())

asyncio.run(main())
