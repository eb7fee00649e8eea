# aiospec: description = run_until_complete(wait(set())) raises ValueError; wait([coroutine], return_when=-1) raises ValueError too, before the coroutine is wrapped.
# aiospec: rules = W8
# aiospec: cites = test_tasks.py::BaseTaskTests::test_wait_errors
import asyncio

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(asyncio.wait(set()))
except ValueError as e:
    print('empty set:', type(e).__name__, e)
sleep_coro = asyncio.sleep(10.0)
wait_coro = asyncio.wait([sleep_coro], return_when=-1)
try:
    loop.run_until_complete(wait_coro)
except ValueError as e:
    print('return_when=-1:', type(e).__name__, e)
sleep_coro.close()
loop.close()
