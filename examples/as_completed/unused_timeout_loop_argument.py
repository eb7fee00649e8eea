# aiospec: description = as_completed([coroutine], timeout=1, loop=loop) (the loop argument deprecated in 3.8 and 3.9) whose coroutine finishes at 0.01 s: it gives the result and the timeout never fires.
# aiospec: rules = AC1 L8
# aiospec: python = 3.7-3.9
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_with_unused_timeout
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for f in asyncio.as_completed([asyncio.sleep(0.01, 'a')], timeout=1, loop=loop):
        print('plain', await f, loop.time())
    await asyncio.sleep(2)
    print('end', loop.time())

asyncio.run(main())
