# aiospec: description = Two nested TaskGroups: a child of the outer group failing at 0.1 s cancels the inner group, and the result is a flat ExceptionGroup of the ValueError (13); a child of the inner group failing first gives an ExceptionGroup holding the inner ExceptionGroup (14).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_13 test_taskgroups.py::TestTaskGroup::test_taskgroup_14
import asyncio


async def crash_after(t):
    await asyncio.sleep(t)
    raise ValueError(t)


async def runner(outer_t, inner_t):
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(outer_t))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(inner_t))


async def main():
    for outer_t, inner_t in (0.1, 10), (10, 0.1):
        r = asyncio.create_task(runner(outer_t, inner_t))
        try:
            await r
        except ExceptionGroup as eg:
            print(repr(eg))

asyncio.run(main())
