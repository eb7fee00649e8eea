# aiospec: description = wait_for(task, 0) and wait_for(task, -1) of a task that has not started: TimeoutError at time 0, the task done and cancelled.
# aiospec: rules = WF5
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_timeout_less_then_0_or_0
import asyncio

for timeout in [0, -1]:
    loop = asyncio.new_event_loop()
    foo_running = None

    async def foo():
        global foo_running
        foo_running = True
        try:
            await asyncio.sleep(0.2)
        finally:
            foo_running = False
        return 'done'

    fut = loop.create_task(foo())
    try:
        loop.run_until_complete(asyncio.wait_for(fut, timeout))
    except asyncio.TimeoutError:
        print(timeout, 'TimeoutError')
    print(timeout, 'done', fut.done(), 'cancelled', fut.cancelled(), f'{loop.time():.2f}', 'foo_running', foo_running)
    loop.close()
