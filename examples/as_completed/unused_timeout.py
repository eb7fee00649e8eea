# aiospec: description = as_completed([coroutine], timeout=1) whose coroutine finishes at 0.01 s: it gives the result and the timeout never fires (plain iterator; from 3.13 also the async one).
# aiospec: rules = AC1
# aiospec: python = 3.7 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_with_unused_timeout
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for f in asyncio.as_completed([asyncio.sleep(0.01, 'a')], timeout=1):
        print('plain', await f, loop.time())
    if hasattr(asyncio.as_completed([]), '__aiter__'):
        async for f in asyncio.as_completed([asyncio.sleep(0.01, 'a')], timeout=1):
            print('async', await f)
    await asyncio.sleep(2)
    print('end', loop.time())

asyncio.run(main())
