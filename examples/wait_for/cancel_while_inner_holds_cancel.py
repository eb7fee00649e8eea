# aiospec: description = A task running wait_for(inner_task, timeout=0.1), where inner_task absorbs two cancellations, is cancelled at 0.2: awaiting the task raises CancelledError, and inner_task still returns 42.
# aiospec: rules = WF3 WF4
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_self_cancellation test_waitfor.py::AsyncioWaitForTest::test_wait_for_self_cancellation
import asyncio


async def inner():
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        try:
            await asyncio.sleep(0.3)
        except asyncio.CancelledError:
            await asyncio.sleep(0.3)
    return 42


async def main():
    loop = asyncio.get_running_loop()
    inner_task = asyncio.create_task(inner())
    wait = asyncio.wait_for(inner_task, timeout=0.1)
    task = asyncio.create_task(wait)
    await asyncio.sleep(0.2)
    task.cancel()
    try:
        await task
        print('task finished')
    except asyncio.CancelledError:
        print('task: CancelledError', f'{loop.time():.2f}')
    print('inner_task', await inner_task, f'{loop.time():.2f}')

asyncio.run(main())
