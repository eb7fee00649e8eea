# aiospec: description = wait_for(t.run(), 0.1) of a coroutine that ignores cancellation and runs until 0.2 (SlowTask, on the loop's clock): the TimeoutError comes only after it has exited.
# aiospec: rules = WF4
# aiospec: cites = test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_timeout
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
    try:
        await asyncio.wait_for(t.run(), t.TASK_TIMEOUT / 2)
    except asyncio.TimeoutError:
        print('TimeoutError', f'{loop.time():.2f}')
    print('exited', t.exited)

asyncio.run(main())
