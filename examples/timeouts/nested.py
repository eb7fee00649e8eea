# aiospec: description = Nested timeouts: only the one that expired turns the cancellation into TimeoutError; the outer one, not expired, lets the TimeoutError pass. A cancel() from outside is not turned into TimeoutError.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
import asyncio


async def inner_expires():
    try:
        async with asyncio.timeout(5) as outer:
            async with asyncio.timeout(0.5) as inner:
                await asyncio.sleep(1)
    except TimeoutError:
        print('inner expired:', inner.expired(), 'outer expired:', outer.expired())


async def cancelled_from_outside():
    async with asyncio.timeout(5):
        await asyncio.sleep(1)


async def main():
    await inner_expires()
    t = asyncio.ensure_future(cancelled_from_outside())
    await asyncio.sleep(0.25)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled, not a timeout:', t.cancelled(), t.cancelling())

asyncio.run(main())
