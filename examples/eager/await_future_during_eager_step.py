# aiospec: description = An eager task whose first step sets a future's result is done when create_task returns (it never suspended), and the awaited future has the value.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_await_future_during_eager_step
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def set_result(fut, val):
    fut.set_result(val)


async def run():
    fut = loop.create_future()
    t = loop.create_task(set_result(fut, 'my message'))
    # the eager step completed the task
    print('done after create_task', t.done())
    return await fut

print(loop.run_until_complete(run()))
loop.close()
asyncio.set_event_loop(None)
