# aiospec: description = reschedule() of an entered timeout_at, seen from another task: when() follows the new deadline and then None; cancelling the task afterwards gives CancelledError and the timeout is not expired.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_reschedule
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    deadline1 = loop.time() + 10
    deadline2 = deadline1 + 20

    async def f():
        async with asyncio.timeout_at(deadline1) as cm:
            fut.set_result(cm)
            await asyncio.sleep(50)

    task = asyncio.create_task(f())
    cm = await fut
    print(cm.when() == deadline1)
    cm.reschedule(deadline2)
    print(cm.when() == deadline2)
    cm.reschedule(None)
    print(cm.when())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('CancelledError', cm.expired())

asyncio.run(main())
