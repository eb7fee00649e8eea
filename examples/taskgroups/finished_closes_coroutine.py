# aiospec: description = create_task on a TaskGroup that has exited raises RuntimeError 'TaskGroup ... is finished'; 3.13 closes the coroutine passed (no 'never awaited' warning), 3.11 and 3.12 leave it unawaited (the warning is printed when it is collected). Run in asyncio.run and in run_until_complete of a new loop.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_finished test_taskgroups.py::TestTaskGroup::test_coro_closed_when_tg_closed
import asyncio


async def create_task_after_tg_finish():
    tg = asyncio.TaskGroup()
    async with tg:
        pass
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    del coro
    print('after')

asyncio.run(create_task_after_tg_finish())
loop = asyncio.new_event_loop()
loop.run_until_complete(create_task_after_tg_finish())
loop.close()
print('end')
