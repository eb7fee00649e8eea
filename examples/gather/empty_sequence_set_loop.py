# aiospec: description = gather() of an empty list, tuple, set or iterator outside a running loop takes the loop set by set_event_loop: a Future of that loop, done after one turn with [].
# aiospec: python = 3.10-3.15
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_use_global_loop
import asyncio


def run_briefly(loop):
    loop.run_until_complete(asyncio.sleep(0))


one = asyncio.new_event_loop()
for label, seq in (("list", []), ("tuple", ()), ("set", set()), ("iterator", iter(""))):
    asyncio.set_event_loop(one)
    fut = asyncio.gather(*seq)
    print(label, asyncio.isfuture(fut), fut.get_loop() is one)
    run_briefly(one)
    print(label, 'done', fut.done(), fut.result())
    asyncio.set_event_loop(None)
one.close()
