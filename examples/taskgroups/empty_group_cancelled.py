# aiospec: description = A TaskGroup with no children whose body is cancelled from outside: re-raising the CancelledError ends the task cancelled (17); raising another exception instead (MyExc) comes out as an ExceptionGroup holding it (18).
# aiospec: rules = TG1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_taskgroups.py::TestTaskGroup::test_taskgroup_17 test_taskgroups.py::TestTaskGroup::test_taskgroup_18
import asyncio


class MyExc(Exception):
    pass

NUM = [0]


async def runner(replace):
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            NUM[0] += 10
            if replace:
                raise MyExc
            raise


async def main():
    for replace in False, True:
        NUM[0] = 0
        r = asyncio.create_task(runner(replace))
        await asyncio.sleep(0.1)
        print('done before cancel', r.done())
        r.cancel()
        try:
            await r
        except asyncio.CancelledError:
            print('CancelledError', r.cancelled(), NUM[0])
        except ExceptionGroup as eg:
            print(repr(eg), NUM[0])

asyncio.run(main())
