# aiospec: description = wait(future) and wait(coroutine) raise TypeError (a collection is expected), wait([]) raises ValueError.
# aiospec: rules = W8 W9
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_invalid_args
import asyncio


async def coroutine_function():
    pass

loop = asyncio.new_event_loop()
fut = loop.create_future()
try:
    loop.run_until_complete(asyncio.wait(fut))
except TypeError as e:
    print('future:', type(e).__name__, e)
coro = coroutine_function()
try:
    loop.run_until_complete(asyncio.wait(coro))
except TypeError as e:
    print('coroutine:', type(e).__name__, e)
coro.close()
try:
    loop.run_until_complete(asyncio.wait([]))
except ValueError as e:
    print('empty:', type(e).__name__, e)
loop.close()
