# aiospec: description = A task sleeping 5000 s is cancelled by a call_later(0.1) timer: the task awaiting it catches CancelledError at 0.1 and returns 'cancelled'.
# aiospec: python = 3.8-3.15
# aiospec: rules = T6 S3
# aiospec: cites = test_tasks.py::BaseTaskTests::test_task_cancel_sleeping_task
import asyncio

loop = asyncio.new_event_loop()


async def sleep(dt):
    await asyncio.sleep(dt)


async def doit():
    sleeper = loop.create_task(sleep(5000))
    loop.call_later(0.1, sleeper.cancel)
    try:
        await sleeper
    except asyncio.CancelledError:
        return 'cancelled'
    else:
        return 'slept in'

print(loop.run_until_complete(doit()), loop.time())
loop.close()
