# aiospec: description = An eager task whose first step sleeps is not done when create_task returns; it goes on as a scheduled task and finishes after the sleep.
# aiospec: rules = ET1
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_block_after_eager_step
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def coro():
    await asyncio.sleep(0.1)
    return 'finished after blocking'


async def run():
    t = loop.create_task(coro())
    print('done after create_task', t.done())
    result = await t
    print('done after await', t.done(), loop.time())
    return result

print(loop.run_until_complete(run()))
loop.close()
asyncio.set_event_loop(None)
