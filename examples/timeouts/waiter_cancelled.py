# aiospec: description = The await inside an expiring timeout() sees CancelledError, which the block's exit turns into TimeoutError.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_waiter_cancelled
import asyncio


async def main():
    cancelled = False
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled = True
                raise
    except TimeoutError:
        print('TimeoutError, inner saw CancelledError:', cancelled)

asyncio.run(main())
