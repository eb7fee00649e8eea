# aiospec: description = wait_for(task, 0.1) of a task sleeping far longer raises TimeoutError at 0.1; the task is done and cancelled, and its finally block has run.
# aiospec: rules = WF2
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for test_waitfor.py::AsyncioWaitForTest::test_wait_for
import asyncio

foo_running = None


async def foo():
    global foo_running
    foo_running = True
    try:
        await asyncio.sleep(10)
    finally:
        foo_running = False
    return 'done'


async def main():
    loop = asyncio.get_running_loop()
    fut = asyncio.create_task(foo())
    t0 = loop.time()
    try:
        await asyncio.wait_for(fut, 0.1)
    except asyncio.TimeoutError as e:
        print('TimeoutError', type(e).__name__)
    print('elapsed', f'{loop.time() - t0:.2f}', 'done', fut.done(), 'cancelled', fut.cancelled(), 'foo_running', foo_running)

asyncio.run(main())
