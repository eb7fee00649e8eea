# aiospec: description = TaskGroup.create_task(coro, name='yolo') names the task: get_name() is 'yolo'.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_task_name
import asyncio


async def coro():
    await asyncio.sleep(0)


async def main():
    async with asyncio.TaskGroup() as g:
        t = g.create_task(coro(), name="yolo")
        print(t.get_name())

asyncio.run(main())
