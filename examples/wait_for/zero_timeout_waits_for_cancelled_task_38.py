# aiospec: description = wait_for(inner_task, timeout=0) of a started task that sleeps 0.1 on cancellation: TimeoutError after the task finished, with the CancelledError as its __context__.
# aiospec: rules = WF4 WF5 X1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_waits_for_task_cancellation_w_timeout_0
import asyncio

task_done = False
loop = asyncio.new_event_loop()


async def foo():
    async def inner():
        global task_done
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.1)
            raise
        finally:
            task_done = True

    inner_task = loop.create_task(inner())
    await asyncio.sleep(0.1)
    await asyncio.wait_for(inner_task, timeout=0)

try:
    loop.run_until_complete(foo())
except asyncio.TimeoutError as e:
    print('TimeoutError', f'{loop.time():.2f}', 'context', type(e.__context__).__name__)
print('task_done', task_done)
loop.close()
