# aiospec: description = wait_for(inner_task, timeout=0.0001) where the task sleeps 0.0001 more on cancellation: TimeoutError comes after the task finished, with the CancelledError as its __context__.
# aiospec: rules = WF4 X1
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation
import asyncio

_EPSILON = 0.0001
task_done = False


async def inner():
    global task_done
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(_EPSILON)
        raise
    finally:
        task_done = True


async def main():
    loop = asyncio.get_running_loop()
    inner_task = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(inner_task, timeout=_EPSILON)
    except asyncio.TimeoutError as e:
        print('TimeoutError', repr(loop.time()), 'context', type(e.__context__).__name__)
    print('task_done', task_done)

asyncio.run(main())
