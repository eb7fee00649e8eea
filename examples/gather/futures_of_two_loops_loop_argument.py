# aiospec: description = gather of Futures that belong to different loops raises ValueError, as does a loop= other than the children's loop (deprecated in 3.8 and 3.9).
# aiospec: python = 3.7-3.9
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_heterogenous_futures
import asyncio

one = asyncio.new_event_loop()
other = asyncio.new_event_loop()
fut1 = one.create_future()
fut2 = other.create_future()
try:
    asyncio.gather(fut1, fut2)
except ValueError as e:
    print('two loops:', type(e).__name__, e)
try:
    asyncio.gather(fut1, loop=other)
except ValueError as e:
    print('loop=other:', type(e).__name__, e)
one.close()
other.close()
