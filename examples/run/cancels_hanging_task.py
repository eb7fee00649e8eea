# aiospec: description = asyncio.run cancels a task still running when main returns, and runs it to completion.
# aiospec: rules = X2
# aiospec: cites = test_runners.py::RunTests::test_asyncio_run_cancels_hanging_tasks
import asyncio


async def loud(name, d):
    try:
        await asyncio.sleep(d)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    asyncio.create_task(loud('a', 10))
    await asyncio.sleep(0)
    print('main returns')

asyncio.run(main())
