# aiospec: description = The body of a TaskGroup raises ZeroDivisionError (after a sleep, or at once): both children are cancelled and the error comes out in an ExceptionGroup.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_09 test_taskgroups.py::TestTaskGroup::test_taskgroup_10
import asyncio


async def foo1():
    await asyncio.sleep(1)
    return 42


async def foo2():
    await asyncio.sleep(2)
    return 11


async def runner(sleep_first):
    ts = []
    try:
        async with asyncio.TaskGroup() as g:
            ts.append(g.create_task(foo1()))
            ts.append(g.create_task(foo2()))
            if sleep_first:
                await asyncio.sleep(0.1)
            1 / 0
    except ExceptionGroup as eg:
        print(repr(eg), {type(e).__name__ for e in eg.exceptions})
    else:
        print('ExceptionGroup was not raised')
    print('children cancelled', [t.cancelled() for t in ts], asyncio.get_running_loop().time())


async def main():
    await runner(True)
    await runner(False)

asyncio.run(main())
