# aiospec: description = Nested TaskGroups whose children fail at once in both (RuntimeError inside, ValueError outside): after the inner group's ExceptionGroup is caught the task's cancelling() is 1 (the outer group's request), and 0 after the outer one's (the test catches them with except*, the port with except ExceptionGroup).
# aiospec: rules = TG1
# aiospec: python = 3.13-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_nested_groups_both_cancelled
import asyncio


async def raise_after(t, e):
    await asyncio.sleep(t)
    raise e()


async def main():
    try:
        async with asyncio.TaskGroup() as outer_tg:
            try:
                async with asyncio.TaskGroup() as inner_tg:
                    inner_tg.create_task(raise_after(0, RuntimeError))
                    outer_tg.create_task(raise_after(0, ValueError))
            except ExceptionGroup as eg:
                print('inner', repr(eg))
            else:
                print('RuntimeError not raised')
            print('cancelling', asyncio.current_task().cancelling())
    except ExceptionGroup as eg:
        print('outer', repr(eg))
    else:
        print('ValueError not raised')
    print('cancelling', asyncio.current_task().cancelling())

asyncio.run(main())
