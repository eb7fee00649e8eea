# aiospec: description = gather(c, c, coro('def'), c) of a generator-based coroutine (@asyncio.coroutine, deprecated): a duplicate is one child, and the results repeat it: ['abc', 'abc', 'def', 'abc'].
# aiospec: python = 3.10
# aiospec: rules = G9
# aiospec: cites = test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines
import asyncio

loop = asyncio.new_event_loop()


@asyncio.coroutine
def coro(s):
    return s


async def make(*args):
    return asyncio.gather(*args)

c = coro('abc')
fut = loop.run_until_complete(make(c, c, coro('def'), c))
print(loop.run_until_complete(fut))
loop.close()
