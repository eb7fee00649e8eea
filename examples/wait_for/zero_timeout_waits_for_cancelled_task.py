# aiospec: description = wait_for(inner_task, timeout=0) of a started task that sleeps 0.0001 on cancellation: TimeoutError after the task finished, with the CancelledError as its __context__.
# aiospec: rules = WF4 WF5 X1
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation_w_timeout_0
import asyncio

_EPSILON = 0.0001
task_done = False


async def foo():
    async def inner():
        global task_done
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(_EPSILON)
            raise
        finally:
            task_done = True

    inner_task = asyncio.create_task(inner())
    await asyncio.sleep(_EPSILON)
    await asyncio.wait_for(inner_task, timeout=0)


async def main():
    try:
        await foo()
    except asyncio.TimeoutError as e:
        print('TimeoutError', 'context', type(e.__context__).__name__)
    print('task_done', task_done)

asyncio.run(main())
