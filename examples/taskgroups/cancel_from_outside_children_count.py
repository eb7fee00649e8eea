# aiospec: description = Cancelling the task running a TaskGroup with five sleeping children cancels every child (each sees CancelledError), and the body's own sleep too; the task ends cancelled.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_cancellation test_taskgroups.py::TestTaskGroup::test_taskgroup_07
import asyncio

NUM = [0]


async def foo():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        NUM[0] += 1
        raise


async def runner(body_sleeps):
    async with asyncio.TaskGroup() as g:
        for _ in range(5):
            g.create_task(foo())
        if body_sleeps:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                NUM[0] += 10
                raise


async def main():
    for body_sleeps in False, True:
        NUM[0] = 0
        r = asyncio.create_task(runner(body_sleeps))
        await asyncio.sleep(0.1)
        print('done before cancel', r.done())
        r.cancel()
        try:
            await r
        except asyncio.CancelledError:
            print('CancelledError; NUM', NUM[0], 'cancelled', r.cancelled())

asyncio.run(main())
