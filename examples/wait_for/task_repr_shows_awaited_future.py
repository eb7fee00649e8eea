# aiospec: description = The repr of a task awaiting a bare Future ends with wait_for=<the Future's repr>.
# aiospec: rules = T1
# aiospec: cites = test_tasks.py::BaseTaskTests::test_task_repr_wait_for
import asyncio

loop = asyncio.new_event_loop()


async def wait_for(fut):
    return await fut

fut = loop.create_future()
task = loop.create_task(wait_for(fut))
loop.run_until_complete(asyncio.sleep(0))
print(repr(task))
r = repr(task)
print(r.startswith('<Task ') and r.endswith(' wait_for=%s>' % repr(fut)))
fut.set_result(None)
loop.run_until_complete(task)
loop.close()
