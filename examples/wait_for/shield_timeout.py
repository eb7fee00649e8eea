# aiospec: description = wait_for(shield(task), timeout=0.01): TimeoutError, and the task is neither done nor cancelled; awaiting it later gives 'done'.
# aiospec: rules = WF2 SH1
# aiospec: cites = test_waitfor.py::WaitForShieldTests::test_shielded_timeout
import asyncio


async def coro():
    await asyncio.sleep(0.1)
    return 'done'


async def main():
    task = asyncio.create_task(coro())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.01)
    except asyncio.TimeoutError:
        print('TimeoutError')
    print('task done', task.done(), 'cancelled', task.cancelled())
    print(await task)

asyncio.run(main())
