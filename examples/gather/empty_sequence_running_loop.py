# aiospec: description = gather() of nothing, called inside a running loop, is a Future of that loop (asyncio.isfuture: under the harness's pure-Python Task mode asyncio.Future is not the class loop.create_future() makes); it is done with [] after the loop runs once more.
# aiospec: rules = G10
# aiospec: cites = test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_use_running_loop
import asyncio


async def gather():
    return asyncio.gather()

loop = asyncio.new_event_loop()
fut = loop.run_until_complete(gather())
print(asyncio.isfuture(fut), fut.get_loop() is loop)
loop.run_until_complete(asyncio.sleep(0))
print('done', fut.done(), fut.result())
loop.close()
