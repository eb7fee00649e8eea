# aiospec: description = With the loop set by set_event_loop, wait_for(task, 0.01) run by run_until_complete raises TimeoutError at 0.01 and leaves the task cancelled.
# aiospec: rules = WF2
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_for_with_global_loop
import asyncio

loop = asyncio.new_event_loop()


async def foo():
    await asyncio.sleep(0.2)
    return 'done'

asyncio.set_event_loop(loop)
try:
    fut = loop.create_task(foo())
    try:
        loop.run_until_complete(asyncio.wait_for(fut, 0.01))
    except asyncio.TimeoutError:
        print('TimeoutError')
finally:
    asyncio.set_event_loop(None)
print(f'{loop.time():.2f}', fut.done(), fut.cancelled())
loop.close()
