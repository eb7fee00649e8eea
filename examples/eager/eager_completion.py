# aiospec: description = An eager task whose coroutine returns in its first step is done when create_task returns; awaiting it gives the result.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def coro():
    return 'hello'


async def run():
    t = loop.create_task(coro())
    print('done after create_task', t.done())
    return await t

print(loop.run_until_complete(run()))
loop.close()
asyncio.set_event_loop(None)
