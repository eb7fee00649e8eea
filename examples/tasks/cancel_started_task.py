# aiospec: description = A task cancelled after its first step (between two sleep(0)s): run_until_complete raises CancelledError; the task is done and cancelled, and a second cancel() returns False.
# aiospec: python = 3.11-3.15
# aiospec: rules = T6
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_yield
import asyncio

loop = asyncio.new_event_loop()


async def task():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return 12

t = loop.create_task(task())
loop.run_until_complete(asyncio.sleep(0))
t.cancel()
try:
    loop.run_until_complete(t)
except asyncio.CancelledError:
    print('CancelledError')
print(t.done(), t.cancelled(), t.cancel())
loop.close()
