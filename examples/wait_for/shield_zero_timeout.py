# aiospec: description = wait_for(shield(task), timeout=0): TimeoutError, the shield cancelled, the task still running; it is done 0.1 later.
# aiospec: rules = WF5 SH1
# aiospec: cites = test_waitfor.py::WaitForShieldTests::test_zero_timeout
import asyncio


async def coro():
    await asyncio.sleep(0.01)
    return 'done'


async def main():
    task = asyncio.create_task(coro())
    shielded_task = None
    try:
        shielded_task = asyncio.shield(task)
        await asyncio.wait_for(shielded_task, timeout=0)
    except asyncio.TimeoutError:
        print('TimeoutError')
    print('task done', task.done(), 'cancelled', task.cancelled(), 'shield cancelled', shielded_task.cancelled())
    await asyncio.sleep(0.1)
    print('task done', task.done())

asyncio.run(main())
