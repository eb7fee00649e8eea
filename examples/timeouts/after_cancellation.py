# aiospec: description = In the finally of a task that caught its own cancellation, a timeout(0) still raises TimeoutError; and a cancel() inside a timeout(1) there stays a CancelledError.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_timeout_after_cancellation test_timeouts.py::TimeoutTests::test_cancel_in_timeout_after_cancellation
import asyncio


async def first():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('caught the cancellation')
    finally:
        try:
            async with asyncio.timeout(0.0):
                await asyncio.sleep(1)
        except TimeoutError:
            print('TimeoutError in cleanup')


async def second():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('caught the cancellation')
    finally:
        try:
            async with asyncio.timeout(1.0):
                asyncio.current_task().cancel()
                await asyncio.sleep(2)
        except asyncio.CancelledError:
            print('CancelledError in cleanup')


async def main():
    t = asyncio.create_task(first())
    await t
    print(t.cancelled(), asyncio.get_running_loop().time())
    t = asyncio.create_task(second())
    await t
    print(t.cancelled(), asyncio.get_running_loop().time())

asyncio.run(main())
