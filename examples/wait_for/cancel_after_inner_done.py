# aiospec: description = A task awaiting wait_for(inner_task, timeout=100), where inner_task finishes in its first step, is cancelled after one turn: awaiting it raises CancelledError, inner_task's result is 'done', and the code after wait_for never runs (GH-86296).
# aiospec: rules = WF3
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_issue86296
import asyncio


async def inner():
    return 'done'


async def main():
    inner_task = asyncio.create_task(inner())
    reached_end = False

    async def wait_for_coro():
        nonlocal reached_end
        await asyncio.wait_for(inner_task, timeout=100)
        await asyncio.sleep(1)
        reached_end = True

    task = asyncio.create_task(wait_for_coro())
    print('task done', task.done())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('CancelledError')
    print('inner done', inner_task.done(), await inner_task, 'reached_end', reached_end)

asyncio.run(main())
