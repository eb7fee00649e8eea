# aiospec: description = The awaitables as_completed(fs, loop=loop) yields (the loop argument deprecated in 3.8 and 3.9) can all be taken first, outside the running loop, and awaited together: list() of it gives two, and wait() of them (coroutines, deprecated from 3.8) gets both results.
# aiospec: python = 3.7-3.9
# aiospec: rules = AC1 L8
# aiospec: cites = test_tasks.py::BaseTaskTests::test_as_completed_concurrent
import asyncio

loop = asyncio.new_event_loop()
a = asyncio.sleep(0.05, 'a')
b = asyncio.sleep(0.05, 'b')
futs = list(asyncio.as_completed({a, b}, loop=loop))
print(len(futs))
done, pending = loop.run_until_complete(asyncio.wait(futs))
print(sorted(f.result() for f in done), len(pending), loop.time())
loop.close()
