# aiospec: description = gather of two coroutines called inside a running loop belongs to that loop, and run_until_complete of it finishes with both results.
# aiospec: rules = G1
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_constructor_use_running_loop
import asyncio


async def coro():
    return 'abc'

gen1 = coro()
gen2 = coro()


async def gather():
    return asyncio.gather(gen1, gen2)

loop = asyncio.new_event_loop()
fut = loop.run_until_complete(gather())
print(fut.get_loop() is loop)
print(loop.run_until_complete(fut))
loop.close()
