# aiospec: description = as_completed([coroutine]) inside a running loop: list() of it gives one awaitable, which gives the coroutine's result.
# aiospec: rules = AC1
# aiospec: python = 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_coroutine_use_running_loop
import asyncio


async def coro():
    return 42


async def test():
    futs = list(asyncio.as_completed([coro()]))
    print(len(futs))
    print(await futs[0])

loop = asyncio.new_event_loop()
loop.run_until_complete(test())
loop.close()
