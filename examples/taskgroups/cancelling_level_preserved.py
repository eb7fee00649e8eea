# aiospec: description = After a TaskGroup whose child failed has raised its ExceptionGroup (caught here with except ExceptionGroup where the test uses except* RuntimeError), the task's cancelling() is back to 0: the group uncancelled what it requested.
# aiospec: rules = TG1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_cancelling_level_preserved
import asyncio


async def raise_after(t, e):
    await asyncio.sleep(t)
    raise e()


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_after(0.0, RuntimeError))
    except ExceptionGroup as eg:
        print(repr(eg))
    print('cancelling', asyncio.current_task().cancelling())

asyncio.run(main())
