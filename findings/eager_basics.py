# aiospec: description = With create_eager_task_factory(asyncio.Task) as the loop's task factory, create_task runs the coroutine's first step at once: a coroutine that returns at once is done when create_task returns (and cancel() then does nothing), one that sets a future has set it, one that sleeps is not done; current_task() inside is the task; all_tasks() holds it during its eager step only if it blocks.
# aiospec: rules = T1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_task_factory_set test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_await_future_during_eager_step test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_block_after_eager_step test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_completion test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_step_blocks test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_current_task test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_eager_completion test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_blocking
import asyncio

captured = {}


async def noop():
    pass


async def hello():
    return 'hello'


async def set_result(fut, val):
    fut.set_result(val)


async def blocking():
    captured['current'] = asyncio.current_task()
    captured['all'] = asyncio.all_tasks()
    await asyncio.sleep(0.1)
    print('same current task after blocking', asyncio.current_task() is captured['current'])
    return 'finished after blocking'


async def eager_all_tasks():
    captured['eager_all'] = asyncio.all_tasks()


async def run():
    loop = asyncio.get_running_loop()
    print(loop.get_task_factory() is factory)
    t = loop.create_task(noop())
    print(isinstance(t, asyncio.Task))
    await t
    fut = loop.create_future()
    t = loop.create_task(set_result(fut, 'my message'))
    print(t.done(), await fut)
    t = loop.create_task(hello())
    print(t.done(), await t)
    t.cancel()
    print('cancelled after completion', t.cancelled())
    t = loop.create_task(blocking())
    print(t.done(), captured['current'] is t, t in captured['all'], t in asyncio.all_tasks())
    print(await t, t.done())
    t = loop.create_task(eager_all_tasks())
    print(t in captured['eager_all'], t in asyncio.all_tasks())
    t = loop.create_task(blocking())
    t.cancel('cancellation message')
    print('cancelling', t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print('CancelledError', e.args)

loop = asyncio.new_event_loop()
factory = asyncio.create_eager_task_factory(asyncio.Task)
loop.set_task_factory(factory)
loop.run_until_complete(run())
loop.close()
