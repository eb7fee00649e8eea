# aiospec: description = current_task() in an eager task's first step is the new task (create_task has not returned it yet); after its sleep it is still that task; back in the creating coroutine current_task() is the creator again.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_current_task
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)
captured_current_task = None


async def coro():
    global captured_current_task
    captured_current_task = asyncio.current_task()
    # the task before and after blocking is the same
    await asyncio.sleep(0.1)
    print('same after blocking', asyncio.current_task() is captured_current_task)


async def run():
    me = asyncio.current_task()
    t = loop.create_task(coro())
    print('eager step saw the new task', captured_current_task is t)
    print('creator is current again', asyncio.current_task() is me)
    await t

loop.run_until_complete(run())
loop.close()
asyncio.set_event_loop(None)
