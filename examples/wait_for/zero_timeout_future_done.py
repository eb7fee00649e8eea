# aiospec: description = wait_for(fut, 0) of a bare Future that already has a result returns it at once.
# aiospec: rules = WF5
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_timeout_less_then_0_or_0_future_done test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_future_done
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result('done')
    t0 = loop.time()
    ret = await asyncio.wait_for(fut, 0)
    print(ret, fut.done(), 'elapsed', f'{loop.time() - t0:.2f}')

asyncio.run(main())
