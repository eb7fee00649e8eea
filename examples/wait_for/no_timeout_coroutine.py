# aiospec: description = wait_for(coroutine, timeout=None) returns the coroutine's result.
# aiospec: rules = WF1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_blocking test_waitfor.py::AsyncioWaitForTest::test_wait_for_blocking
import asyncio


async def coro():
    return 'done'

loop = asyncio.new_event_loop()
res = loop.run_until_complete(asyncio.wait_for(coro(), timeout=None))
print(res)
loop.close()
