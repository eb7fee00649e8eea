# aiospec: description = wait_for(inner_task, timeout=0.1) raises TimeoutError only after the cancelled task has run its finally block.
# aiospec: rules = WF4
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_waits_for_task_cancellation
import asyncio

task_done = False


async def foo():
    loop = asyncio.get_running_loop()

    async def inner():
        global task_done
        try:
            await asyncio.sleep(0.2)
        finally:
            task_done = True

    inner_task = asyncio.ensure_future(inner())
    try:
        await asyncio.wait_for(inner_task, timeout=0.1)
    except asyncio.TimeoutError:
        print('TimeoutError', f'{loop.time():.2f}')
    print('task_done', task_done)

asyncio.run(foo())
