# aiospec: description = The task running a TaskGroup is cancelled and its body handles the CancelledError with a 0.5 s sleep before re-raising; meanwhile a child fails (ZeroDivisionError at 0.3 s): the task ends with an ExceptionGroup of it, not a CancelledError, whether awaited directly (15) or through another task (16).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_15 test_taskgroups.py::TestTaskGroup::test_taskgroup_16
import asyncio


async def crash_soon():
    await asyncio.sleep(0.3)
    1 / 0


async def nested_runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.5)
            raise


async def runner():
    t = asyncio.create_task(nested_runner())
    await t


async def main():
    loop = asyncio.get_running_loop()
    for coro in nested_runner, runner:
        start = loop.time()
        r = asyncio.create_task(coro())
        await asyncio.sleep(0.1)
        print(coro.__name__, 'done before cancel', r.done())
        r.cancel()
        try:
            await r
        except ExceptionGroup as eg:
            print(coro.__name__, repr(eg), round(loop.time() - start, 3))

asyncio.run(main())
