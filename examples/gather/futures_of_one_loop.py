# aiospec: description = gather of pending Futures of a loop that is not the current one takes their loop, and stays pending when that loop runs; twice over the same children.
# aiospec: python = 3.10-3.15
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_homogenous_futures
import asyncio

other = asyncio.new_event_loop()
asyncio.set_event_loop(None)
children = [other.create_future() for i in range(3)]
fut = asyncio.gather(*children)
print('first', fut.get_loop() is other)
other.run_until_complete(asyncio.sleep(0))
print('first done', fut.done())
fut = asyncio.gather(*children)
print('second', fut.get_loop() is other)
other.run_until_complete(asyncio.sleep(0))
print('second done', fut.done())
other.close()
