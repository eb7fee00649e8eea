# aiospec: description = Cancelling a task running wait_for(task, timeout) (None, then 60.0) of a task blocked on a Future: awaiting it raises CancelledError and the inner task is cancelled too (bpo-23219).
# aiospec: rules = WF3
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_blocking_wait_for test_tasks.py::BaseTaskTests::test_cancel_wait_for test_waitfor.py::AsyncioWaitForTest::test_cancel_blocking_wait_for test_waitfor.py::AsyncioWaitForTest::test_cancel_wait_for
import asyncio


async def check(timeout):
    loop = asyncio.get_running_loop()

    async def blocking_coroutine():
        fut = loop.create_future()
        await fut

    task = asyncio.ensure_future(blocking_coroutine())
    wait = asyncio.ensure_future(asyncio.wait_for(task, timeout))
    loop.call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print(timeout, 'CancelledError')
    print(timeout, 'task cancelled', task.cancelled())


async def main():
    await check(None)
    await check(60.0)

asyncio.run(main())
