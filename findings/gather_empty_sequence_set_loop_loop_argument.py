# aiospec: description = gather() of an empty list, tuple, set or iterator outside a running loop takes the loop set by set_event_loop: a Future of that loop, done after one turn with []; loop= chooses another loop (deprecated in 3.8 and 3.9).
# aiospec: python = 3.7-3.9
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_empty_sequence
import asyncio


def run_briefly(loop):
    loop.run_until_complete(asyncio.sleep(0))


one = asyncio.new_event_loop()
other = asyncio.new_event_loop()
for label, seq in (("list", []), ("tuple", ()), ("set", set()), ("iterator", iter(""))):
    asyncio.set_event_loop(one)
    fut = asyncio.gather(*seq)
    print(label, isinstance(fut, asyncio.Future), fut.get_loop() is one)
    run_briefly(one)
    print(label, 'done', fut.done(), fut.result())
    fut = asyncio.gather(*seq, loop=other)
    print(label, 'loop=other', fut.get_loop() is other)
    asyncio.set_event_loop(None)
one.close()
other.close()
