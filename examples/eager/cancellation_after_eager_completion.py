# aiospec: description = cancel() of an eager task that finished in its first step does nothing: it returns False, and the task has its result and is not cancelled.
# aiospec: rules = ET1 T6
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_completion
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def coro():
    return 'finished without blocking'


async def run():
    t = loop.create_task(coro())
    print('cancel returns', t.cancel())
    result = await t
    # finished task can't be cancelled
    print('cancelled', t.cancelled())
    return result

print(loop.run_until_complete(run()))
loop.close()
asyncio.set_event_loop(None)
