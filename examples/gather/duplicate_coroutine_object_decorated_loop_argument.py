# aiospec: description = gather(c, c, coro('def'), c, loop=loop) of a generator-based coroutine (@asyncio.coroutine, deprecated from 3.8) made outside the loop: a duplicate is one child, and the results repeat it: ['abc', 'abc', 'def', 'abc'] (3.9 also warns about loop=).
# aiospec: python = 3.7-3.9
# aiospec: rules = G9 L8
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines
import asyncio

loop = asyncio.new_event_loop()


@asyncio.coroutine
def coro(s):
    return s

c = coro('abc')
fut = asyncio.gather(c, c, coro('def'), c, loop=loop)
print(loop.run_until_complete(fut))
loop.close()
