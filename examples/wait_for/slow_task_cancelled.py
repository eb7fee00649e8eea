# aiospec: description = Cancelling a task running wait_for(t.run(), 0.4) of a coroutine that ignores cancellation until 0.2 (SlowTask, on the loop's clock): wait() of the task returns only after the coroutine has exited.
# aiospec: rules = WF3 WF4
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_cancelled
import asyncio


class SlowTask:
    TASK_TIMEOUT = 0.2

    def __init__(self):
        self.exited = False

    async def run(self):
        loop = asyncio.get_running_loop()
        exitat = loop.time() + self.TASK_TIMEOUT
        while True:
            tosleep = exitat - loop.time()
            if tosleep <= 0:
                break
            try:
                await asyncio.sleep(tosleep)
            except asyncio.CancelledError:
                pass
        self.exited = True


async def main():
    loop = asyncio.get_running_loop()
    t = SlowTask()
    waitfortask = asyncio.create_task(asyncio.wait_for(t.run(), t.TASK_TIMEOUT * 2))
    await asyncio.sleep(0)
    waitfortask.cancel()
    await asyncio.wait({waitfortask})
    print('exited', t.exited, f'{loop.time():.2f}', 'cancelled', waitfortask.cancelled())

asyncio.run(main())
