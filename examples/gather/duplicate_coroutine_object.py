# aiospec: description = The same coroutine object passed three times to gather, with another between, runs once; its result fills each of its places.
# aiospec: python = 3.11-3.15
# aiospec: rules = G8
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines
import asyncio


async def coro(s):
    return s


async def gather(*args):
    return asyncio.gather(*args)

loop = asyncio.new_event_loop()
c = coro('abc')
fut = loop.run_until_complete(gather(c, c, coro('def'), c))
loop.run_until_complete(asyncio.sleep(0))
print(fut.done(), fut.result())
loop.close()
