# aiospec: description = wait_for(shield(task), timeout=None) runs the task to completion: it is done with 'done'.
# aiospec: rules = WF1 SH1
# aiospec: cites = test_waitfor.py::WaitForShieldTests::test_none_timeout
import asyncio


async def coro():
    await asyncio.sleep(0.1)
    return 'done'


async def main():
    task = asyncio.create_task(coro())
    await asyncio.wait_for(asyncio.shield(task), timeout=None)
    print('task done', task.done(), await task)

asyncio.run(main())
