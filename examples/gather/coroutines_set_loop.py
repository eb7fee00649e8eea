# aiospec: description = gather of coroutines outside a running loop takes the loop set by set_event_loop; run_until_complete of it on that loop gives both results.
# aiospec: python = 3.10-3.15
# aiospec: rules = G1
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_constructor_use_global_loop
import asyncio


async def coro():
    return 'abc'

other = asyncio.new_event_loop()
asyncio.set_event_loop(other)
gen1 = coro()
gen2 = coro()
fut = asyncio.gather(gen1, gen2)
print(fut.get_loop() is other)
print(other.run_until_complete(fut))
asyncio.set_event_loop(None)
other.close()
