# aiospec: description = as_completed([coroutine]) outside a running loop takes the loop set by set_event_loop: list() gives one awaitable, run_until_complete of it gives the result.
# aiospec: rules = AC1
# aiospec: python = 3.10
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_coroutine_use_global_loop
import asyncio


async def coro():
    return 42

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
futs = list(asyncio.as_completed([coro()]))
print(len(futs))
print(loop.run_until_complete(futs[0]))
asyncio.set_event_loop(None)
loop.close()
