# aiospec: description = Cancelling one child of a TaskGroup by hand is not a failure: the group goes on, another child created afterwards finishes, and the block exits normally.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_03
import asyncio


async def foo1():
    await asyncio.sleep(1)
    return 42


async def foo2():
    await asyncio.sleep(0.2)
    return 11


async def main():
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo1())
        await asyncio.sleep(0.15)
        t1.cancel()
        t2 = g.create_task(foo2())
    print('t1 cancelled', t1.cancelled(), 't2', t2.result(), asyncio.get_running_loop().time())

asyncio.run(main())
