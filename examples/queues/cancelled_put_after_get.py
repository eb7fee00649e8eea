# aiospec: description = A put() waiting on a full Queue(1) is woken by get_nowait() and cancelled before it runs: awaiting it raises CancelledError, nothing else (no ValueError).
# aiospec: python = 3.11-3.15
# aiospec: rules = Q2
# aiospec: cites = test_queues.py::QueuePutTests::test_cancelled_put_silence_value_error_exception
import asyncio


async def main():
    queue = asyncio.Queue(1)
    queue.put_nowait(1)
    put_task = asyncio.create_task(queue.put(1))
    await asyncio.sleep(0)
    queue.get_nowait()
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        print('CancelledError')

asyncio.run(main())
