# aiospec: description = A hanging task that raises when cancelled: 'unhandled exception during asyncio.run() shutdown'.
# aiospec: rules = X3
# aiospec: cites = test_runners.py::RunTests::test_asyncio_run_reports_hanging_tasks_errors
import asyncio


async def bad():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ZeroDivisionError('boom')

async def main():
    asyncio.create_task(bad())
    await asyncio.sleep(0)

asyncio.run(main())
