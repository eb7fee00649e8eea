# aiospec: description = gather of pending Futures of a loop that is not the current one takes their loop, and stays pending when that loop runs; so does a second gather of them with loop= that loop (deprecated in 3.8 and 3.9).
# aiospec: python = 3.7-3.9
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
fut = asyncio.gather(*children, loop=other)
print('second', fut.get_loop() is other)
other.run_until_complete(asyncio.sleep(0))
print('second done', fut.done())
other.close()
