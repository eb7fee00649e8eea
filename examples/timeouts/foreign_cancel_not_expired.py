# aiospec: description = A task cancelling itself inside timeout(10): the block ends with CancelledError, not TimeoutError, and the timeout is not expired.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_foreign_cancel_doesnt_timeout_if_not_expired
import asyncio


async def main():
    try:
        async with asyncio.timeout(10) as cm:
            asyncio.current_task().cancel()
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('CancelledError', cm.expired())


async def outer():
    t = asyncio.create_task(main())
    await asyncio.sleep(0.5)
    print(t.done(), t.cancelled())

asyncio.run(outer())
