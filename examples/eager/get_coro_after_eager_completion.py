# aiospec: description = A task that finished in its eager first step has dropped its coroutine: get_coro() is None (3.12.1's C Task crashes there, so this targets 3.13+; its Python Task gives None too).
# aiospec: rules = ET1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_eager_task_factory.py::CEagerTaskFactoryLoopTests::test_issue122332
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def coro():
    pass


async def run():
    task = loop.create_task(coro())
    await task
    print('get_coro()', task.get_coro())

loop.run_until_complete(run())
loop.close()
asyncio.set_event_loop(None)
