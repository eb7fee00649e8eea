# aiospec: description = wait_for(return_42(), timeout=0.1) where the coroutine catches the timeout's CancelledError and returns 42: wait_for returns 42 (GH-86296, 3.12+).
# aiospec: rules = WF3
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancel_suppressed
import asyncio


async def return_42():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return 42


async def main():
    try:
        res = await asyncio.wait_for(return_42(), timeout=0.1)
        print('result', res)
    except BaseException as e:
        print('raised', type(e).__name__)

asyncio.run(main())
