# aiospec: description = A task whose timeout() expired and whose TimeoutError it caught ends normally: done, not cancelled.
# aiospec: rules = TO1
# aiospec: python = 3.11-3.15
# aiospec: cites = test_timeouts.py::TimeoutTests::test_outer_task_is_not_cancelled
import asyncio


async def outer():
    try:
        async with asyncio.timeout(0.001):
            await asyncio.sleep(10)
    except TimeoutError:
        print('TimeoutError')


async def main():
    task = asyncio.create_task(outer())
    await task
    print('cancelled', task.cancelled(), 'done', task.done())

asyncio.run(main())
