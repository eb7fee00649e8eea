# aiospec: description = timeout 0 or -1 on a task that is already running: the task is cancelled and has finished (its finally ran) before wait_for raises TimeoutError.
# aiospec: rules = WF3
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for timeout in [0, -1]:
        running = None
        started = loop.create_future()

        async def foo():
            nonlocal running
            running = True
            started.set_result(None)
            try:
                await asyncio.sleep(10)
            finally:
                running = False
                print('foo finally at', loop.time())
            return 'done'

        task = asyncio.create_task(foo())
        await started
        try:
            await asyncio.wait_for(task, timeout)
        except asyncio.TimeoutError:
            print('timeout', timeout, 'raised TimeoutError at', loop.time())
        print('done:', task.done(), 'cancelled:', task.cancelled(), 'running:', running)

asyncio.run(main())
