# aiospec: description = Entering a TaskGroup a second time, inside its own block or after it exited, raises RuntimeError 'TaskGroup ... has already been entered'.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_already_entered test_taskgroups.py::TestTaskGroup::test_taskgroup_double_enter
import asyncio


async def main():
    tg = asyncio.TaskGroup()
    async with tg:
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print('inside:', e)
    tg = asyncio.TaskGroup()
    async with tg:
        pass
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print('after:', e)

asyncio.run(main())
