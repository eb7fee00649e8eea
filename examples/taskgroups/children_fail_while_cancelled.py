# aiospec: description = Cancelling the task running a TaskGroup whose five children raise ZeroDivisionError in finally: the cancellation becomes an ExceptionGroup of the children's errors (08); with the group nested in another, the outer group holds the inner ExceptionGroup (11, and 12 with a sibling sleeping in the outer group).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_08 test_taskgroups.py::TestTaskGroup::test_taskgroup_11 test_taskgroups.py::TestTaskGroup::test_taskgroup_12
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def runner08():
    async with asyncio.TaskGroup() as g:
        for _ in range(5):
            g.create_task(foo())
        await asyncio.sleep(10)


async def runner11():
    async with asyncio.TaskGroup():
        async with asyncio.TaskGroup() as g2:
            for _ in range(5):
                g2.create_task(foo())
            await asyncio.sleep(10)


async def runner12():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(asyncio.sleep(10))
        async with asyncio.TaskGroup() as g2:
            for _ in range(5):
                g2.create_task(foo())
            await asyncio.sleep(10)


def types(eg):
    return sorted({type(e).__name__ for e in eg.exceptions})


async def main():
    for runner in runner08, runner11, runner12:
        r = asyncio.create_task(runner())
        await asyncio.sleep(0.1)
        print(runner.__name__, 'done before cancel', r.done())
        r.cancel()
        try:
            await r
        except ExceptionGroup as eg:
            print(runner.__name__, types(eg), len(eg.exceptions))
            if isinstance(eg.exceptions[0], ExceptionGroup):
                print('  inner', types(eg.exceptions[0]), len(eg.exceptions[0].exceptions))

asyncio.run(main())
