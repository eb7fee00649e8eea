# aiospec: description = cancel('cancellation message') of an eager task suspended after its first step: cancelling() is 1, and awaiting it raises CancelledError with the message out of run_until_complete.
# aiospec: rules = ET1 T9
# aiospec: python = 3.12-3.15
# aiospec: cites = test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_step_blocks
import asyncio

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
asyncio.set_event_loop(loop)


async def coro():
    await asyncio.sleep(0.1)
    return 'finished after blocking'


async def run():
    t = loop.create_task(coro())
    t.cancel('cancellation message')
    print('cancelling', t.cancelling())
    result = await t

try:
    loop.run_until_complete(run())
except asyncio.CancelledError as e:
    print('CancelledError', e.args[0])
loop.close()
asyncio.set_event_loop(None)
