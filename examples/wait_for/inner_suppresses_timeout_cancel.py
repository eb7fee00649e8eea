# aiospec: description = wait_for(inner(), timeout=0.01) where inner catches the CancelledError of its sleep(1) and returns 1: wait_for returns 1.
# aiospec: rules = WF3
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancellation_race_condition
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('inner: CancelledError raised by sleep')
    else:
        print('inner: sleep was not cancelled')
    return 1


async def main():
    loop = asyncio.get_running_loop()
    result = await asyncio.wait_for(inner(), timeout=.01)
    print('result', result, f'{loop.time():.2f}')

asyncio.run(main())
