# aiospec: description = A TaskGroup forgets a child when it finishes: after six children made 0.1 s apart (each taking 0.3 s) it holds fewer than five (repr shows tasks=N), and none once they are all done.
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_23
import asyncio


async def do_job(delay):
    await asyncio.sleep(delay)


async def main():
    async with asyncio.TaskGroup() as g:
        for count in range(10):
            await asyncio.sleep(0.1)
            g.create_task(do_job(0.3))
            if count == 5:
                print('at count 5', g)
        await asyncio.sleep(1.35)
        print('at the end', g)

asyncio.run(main())
