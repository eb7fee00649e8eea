# aiospec: description = TaskGroup.__aenter__ driven outside any task (its coroutine iterated by a plain loop callback) raises RuntimeError 'TaskGroup ... cannot determine the parent task'; create_task on it then says it has not been entered.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_without_parent_task
import asyncio


async def await_without_task(coro):
    exc = None

    def func():
        nonlocal exc
        try:
            for _ in coro.__await__():
                pass
        except BaseException as err:
            exc = err
    asyncio.get_running_loop().call_soon(func)
    await asyncio.sleep(0)
    if exc is not None:
        raise exc


async def main():
    tg = asyncio.TaskGroup()
    try:
        await await_without_task(tg.__aenter__())
    except RuntimeError as e:
        print(e)
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()

asyncio.run(main())
