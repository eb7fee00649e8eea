# aiospec: description = as_completed([coroutine]) outside a running loop with no current loop (set_event_loop(None)): list() of it raises RuntimeError 'There is no current event loop'.
# aiospec: rules = AC1
# aiospec: python = 3.10-3.15
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_coroutine_without_loop
import asyncio


async def coro():
    return 42

asyncio.set_event_loop(None)
a = coro()
try:
    futs = asyncio.as_completed([a])
    list(futs)
except RuntimeError as e:
    print('RuntimeError', e)
a.close()
