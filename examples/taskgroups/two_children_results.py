# aiospec: description = Two children of a TaskGroup, one created after the body slept 0.15 s: leaving the block waits for both, and both results are there (42 at 0.1 s, 11 at 0.35 s).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_01 test_taskgroups.py::TestTaskGroup::test_taskgroup_02
import asyncio


async def foo1():
    await asyncio.sleep(0.1)
    return 42


async def foo2():
    await asyncio.sleep(0.2)
    return 11


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo1())
        t2 = g.create_task(foo2())
    print(t1.result(), t2.result(), loop.time())
    start = loop.time()
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo1())
        await asyncio.sleep(0.15)
        t2 = g.create_task(foo2())
    print(t1.result(), t2.result(), round(loop.time() - start, 3))

asyncio.run(main())
