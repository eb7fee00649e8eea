# aiospec: description = create_task on a TaskGroup never entered raises RuntimeError 'TaskGroup ... has not been entered' (the port closes the coroutine passed; 3.11 and 3.12's test awaits it instead).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_not_entered
import asyncio


async def main():
    tg = asyncio.TaskGroup()
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()

asyncio.run(main())
