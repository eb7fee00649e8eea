# aiospec: description = gather of coroutines outside a running loop takes the loop set by set_event_loop, or the one loop= names (deprecated in 3.8 and 3.9); run_until_complete of it on that loop gives both results.
# aiospec: python = 3.7-3.9
# aiospec: rules = G1
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_constructor_loop_selection
import asyncio


async def coro():
    return 'abc'

one = asyncio.new_event_loop()
other = asyncio.new_event_loop()
asyncio.set_event_loop(one)
fut = asyncio.gather(coro(), coro())
print('set loop:', fut.get_loop() is one)
print(one.run_until_complete(fut))
asyncio.set_event_loop(None)
fut2 = asyncio.gather(coro(), coro(), loop=other)
print('loop=other:', fut2.get_loop() is other)
print(other.run_until_complete(fut2))
one.close()
other.close()
