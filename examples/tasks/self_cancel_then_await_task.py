# aiospec: description = A task that cancels itself and then awaits a nested task: the nested task, and the bare Future it awaits, are cancelled too (bpo-34872).
# aiospec: rules = T6
# aiospec: cites = test_tasks.py::BaseTaskTests::test_cancel_awaited_task
import asyncio

loop = asyncio.new_event_loop()
task = nested_task = None
fut = loop.create_future()


async def nested():
    await fut


async def coro():
    global nested_task
    nested_task = loop.create_task(nested())
    await asyncio.sleep(0)
    task.cancel()
    await nested_task

task = loop.create_task(coro())
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print('CancelledError')
print(task.cancelled(), nested_task.cancelled(), fut.cancelled())
loop.close()
