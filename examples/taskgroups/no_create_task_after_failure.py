# aiospec: description = Once a child of a TaskGroup has failed, create_task on the group raises RuntimeError (from a sibling handling its cancellation); the group ends with an ExceptionGroup of the first failure.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_no_create_task_after_failure
import asyncio


async def coro1():
    await asyncio.sleep(0.001)
    1 / 0


async def coro2(g):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        c = coro1()
        try:
            g.create_task(c)
        except RuntimeError as e:
            print('RuntimeError', e)
        c.close()


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        print(repr(eg))

asyncio.run(main())
