# aiospec: description = wait_for(fut, timeout=0.2) of a bare Future set by a callback (call_later 0.1, or call_soon) returns 'ok' when it is set, before the timeout.
# aiospec: rules = WF1 F2
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_race_condition test_waitfor.py::AsyncioWaitForTest::test_wait_for_race_condition
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.wait_for(fut, timeout=0.2)
    loop.call_later(0.1, fut.set_result, "ok")
    res = await task
    print('call_later:', res, f'{loop.time():.2f}')
    fut = loop.create_future()
    task = asyncio.wait_for(fut, timeout=0.2)
    loop.call_soon(fut.set_result, "ok")
    res = await task
    print('call_soon:', res, f'{loop.time():.2f}')

asyncio.run(main())
