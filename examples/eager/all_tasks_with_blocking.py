# aiospec: description = An eager task that blocks in its first step is in all_tasks() during that step and after it (registered as a scheduled task); once it has finished, it is not.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_blocking
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)
captured_eager_all_tasks = None


async def coro(fut1, fut2):
    global captured_eager_all_tasks
    captured_eager_all_tasks = asyncio.all_tasks()
    await fut1
    fut2.set_result(None)


async def run():
    fut1 = loop.create_future()
    fut2 = loop.create_future()
    t = loop.create_task(coro(fut1, fut2))
    print('in all_tasks during its eager step', t in captured_eager_all_tasks)
    print('in all_tasks while blocked', t in asyncio.all_tasks())
    fut1.set_result(None)
    await fut2
    print('in all_tasks after', t in asyncio.all_tasks())

loop.run_until_complete(run())
loop.close()
asyncio.set_event_loop(None)
