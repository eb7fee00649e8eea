# aiospec: description = wait_for(task, 0) and wait_for(task, -1) of a task that has started and sleeps: TimeoutError at once, the task done and cancelled, its finally block run.
# aiospec: rules = WF5
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for timeout in [0, -1]:
        foo_running = None
        started = loop.create_future()

        async def foo():
            nonlocal foo_running
            foo_running = True
            started.set_result(None)
            try:
                await asyncio.sleep(10)
            finally:
                foo_running = False
            return 'done'

        fut = asyncio.create_task(foo())
        await started
        t0 = loop.time()
        try:
            await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            print(timeout, 'TimeoutError')
        t1 = loop.time()
        print(timeout, 'done', fut.done(), 'cancelled', fut.cancelled(), 'foo_running', foo_running, 'elapsed', f'{t1 - t0:.2f}')

asyncio.run(main())
