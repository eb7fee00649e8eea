# aiospec: description = create_eager_task_factory(asyncio.Task) set as the loop's task factory: get_task_factory() returns it, and loop.create_task() makes an asyncio.Task through it (run by run_until_complete, as the test's run_coro does).
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_task_factory_set
import asyncio

loop = asyncio.new_event_loop()
eager_task_factory = asyncio.create_eager_task_factory(asyncio.Task)
loop.set_task_factory(eager_task_factory)
asyncio.set_event_loop(loop)
print('factory set', eager_task_factory is not None, loop.get_task_factory() is eager_task_factory)


async def noop():
    pass


async def run():
    t = loop.create_task(noop())
    print('is a Task', isinstance(t, asyncio.Task))
    await t

loop.run_until_complete(run())
loop.close()
asyncio.set_event_loop(None)
