# aiospec: description = gather of Futures that belong to different loops raises ValueError.
# aiospec: python = 3.10-3.15
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
one.close()
other.close()
