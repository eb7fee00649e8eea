# aiospec: description = Cancelling the task running a TaskGroup at 0.05 s, before its two children finish: the task ends with CancelledError.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_22
import asyncio


async def foo1():
    await asyncio.sleep(1)
    return 42


async def foo2():
    await asyncio.sleep(2)
    return 11


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo2())


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.05)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print('CancelledError', r.cancelled(), asyncio.get_running_loop().time())

asyncio.run(main())
