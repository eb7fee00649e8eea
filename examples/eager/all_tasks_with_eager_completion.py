# aiospec: description = all_tasks() in an eager task's first step includes the task; once it has finished in that step, all_tasks() no longer does.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_eager_completion
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)
captured_all_tasks = None


async def coro():
    global captured_all_tasks
    captured_all_tasks = asyncio.all_tasks()


async def run():
    t = loop.create_task(coro())
    print('in all_tasks during its eager step', t in captured_all_tasks)
    print('in all_tasks after', t in asyncio.all_tasks())

loop.run_until_complete(run())
loop.close()
asyncio.set_event_loop(None)
